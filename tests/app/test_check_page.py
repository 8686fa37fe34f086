"""Check your answers: every answer by step, "Not provided", missing answers, Change and back."""
from pathlib import Path

from streamlit.testing.v1 import AppTest

from logic.content import load_content
from logic.managing import answer_applies
from logic.plan import Plan
from tests.fixtures.plans import full_plan

ROOT = Path(__file__).resolve().parents[2]
CONTENT = load_content()


def open_check(plan: Plan) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.session_state["plan"] = plan
    at.run()
    at.switch_page("pages/check.py").run()
    assert not at.exception
    return at


def shown_text(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_every_step_with_answers_has_a_group_and_a_change_button():
    at = open_check(full_plan())
    headings = [h.value for h in at.header]
    for step_id in ("start", "budget", "about", "outcomes", "network", "spending", "managing", "safety"):
        assert CONTENT.step(step_id).title in headings
        assert at.button(key=f"change_{step_id}") is not None


def typed_text(value):
    """Every sentence a person typed in a plan (ids have no spaces)."""
    if isinstance(value, str):
        if " " in value.strip():
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from typed_text(item)
    elif isinstance(value, list):
        for item in value:
            yield from typed_text(item)


def test_everything_typed_in_a_full_plan_is_on_the_check_page():
    plan = full_plan()
    shown = "\n".join(shown_text(open_check(plan)))
    data = plan.model_dump(exclude={"progress"})
    # Answers about a way of managing the budget that was not chosen are left out on purpose.
    data["managing"] = {k: v for k, v in data["managing"].items() if answer_applies(CONTENT, plan, k)}
    typed = list(typed_text(data))
    assert len(typed) > 40
    for text in typed:
        assert text in shown


def test_typed_answers_are_shown_as_plain_text():
    plan = full_plan()
    plan.about.good_day = "**Not bold** <b>not html</b> [not a link](http://example.com)"
    at = open_check(plan)
    assert plan.about.good_day in shown_text(at)
    assert "<b>not html</b>" not in markdown(at)
    assert plan.about.important_to_me in shown_text(at)
    assert "Anna Wiśniewska" in shown_text(at)


def test_blank_optional_answers_say_not_provided():
    plan = full_plan()
    plan.about.bad_day = ""
    at = open_check(plan)
    assert "Not provided" in shown_text(at)


def test_missing_required_answers_are_listed_at_the_top_with_a_way_to_each():
    at = open_check(Plan())
    assert "Some important questions have no answer yet" in [h.value for h in at.header]
    assert "Who is this plan for" in markdown(at)
    assert at.button(key="missing_start") is not None


def test_a_full_plan_lists_nothing_missing():
    at = open_check(full_plan())
    assert "Some important questions have no answer yet" not in [h.value for h in at.header]


def change_and_come_back(at: AppTest, step_id: str) -> AppTest:
    at.button(key=f"change_{step_id}").click().run()
    assert not at.exception
    assert at.session_state["plan"].progress.current_step == step_id
    # AppTest reruns the page it last opened, so follow the switch as a browser would.
    at.switch_page(f"pages/{step_id}.py").run()
    at.button(key=f"continue_{step_id}").click().run()
    assert not at.exception
    return at


def test_change_goes_to_the_step_and_continue_comes_back_to_check():
    at = change_and_come_back(open_check(full_plan()), "about")
    assert at.session_state["plan"].progress.current_step == "check"
    assert "return_to_check" not in at.session_state


def test_after_coming_back_continue_on_that_step_moves_on_as_usual():
    at = change_and_come_back(open_check(full_plan()), "about")
    at.switch_page("pages/about.py").run()
    at.button(key="continue_about").click().run()
    assert at.session_state["plan"].progress.current_step == "outcomes"


def test_the_budget_group_shows_the_estimate_as_the_budget_step_does():
    shown = "\n".join(shown_text(open_check(full_plan())))
    assert "About £140 a week." in shown
    assert "Likely to be between £125 and £155 a week." in shown
    assert "About £560 every 4 weeks." in shown
    assert "About £7,280 a year." in shown
    assert "The council might pay about £97.50 a week" in shown


def test_the_spending_group_shows_totals_and_where_they_stand_against_the_estimate():
    shown = "\n".join(shown_text(open_check(full_plan())))
    for line in ("£132.25 a week", "£529.00 every 4 weeks", "£6,877.00 a year", "One-off costs in total: £320.00."):
        assert line in shown
    assert "within the estimated range" in shown


def test_a_spending_item_shows_its_amount_with_a_unit_and_its_own_words_label():
    plan = full_plan()
    plan.spending.items[0].description = ""
    at = open_check(plan)
    shown = shown_text(at)
    assert "7 hours" in shown
    assert "7" not in shown
    labels = markdown(at)
    assert "In your own words" in labels
    assert "**Support**" not in labels


def test_answers_about_ways_of_managing_not_chosen_are_left_out():
    plan = full_plan()
    plan.managing.method = "direct_payment"
    shown = shown_text(open_check(plan))
    assert "Anna Wiśniewska as nominated person" in shown
    assert "Disability Direct" not in shown
    assert "Stockport Carers Trust" not in shown


def test_a_plan_for_oneself_is_spoken_to_the_person():
    plan = full_plan()
    plan.who.mode = "self"
    plan.who.planner_name = ""
    plan.managing.method = "direct_payment"
    plan.managing.direct_payment_to = "self"
    at = open_check(plan)
    shown = shown_text(at)
    assert "For myself" in shown
    assert "To me" in shown
    estimate = next(text for text in shown if "About £140 a week." in text)
    assert "the contribution is about £42.50 a week" in estimate
    assert "Zoë" not in estimate
    assert not any("The person the plan is for" in text for text in shown)


def test_a_carer_s_plan_names_the_person():
    plan = full_plan()
    plan.managing.method = "direct_payment"
    plan.managing.direct_payment_to = "self"
    shown = shown_text(open_check(plan))
    assert "To Zoë Wiśniewski" in shown
    assert "To me" not in shown
