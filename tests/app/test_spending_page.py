"""The spending step as a resident uses it: build a costed list, change it, leave and come back."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from streamlit.testing.v1 import AppTest

from logic.content import load_content
from logic.money import pounds
from logic.plan import Outcome
from logic.spending import indicative_estimate

ROOT = Path(__file__).resolve().parents[2]
CONTENT = load_content()
D = Decimal


def new_app(outcomes: list[str] = (), budget_example: str | None = "low_need_alone") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    plan = at.session_state["plan"]
    plan.change.outcomes = [Outcome(text=t) for t in outcomes]
    if budget_example and CONTENT.budget is not None:
        example = next(e for e in CONTENT.budget.examples if e.id == budget_example)
        plan.budget.answers = dict(example.answers)
    return go(at, "spending")


def go(at: AppTest, step_id: str) -> AppTest:
    at.switch_page(f"pages/{step_id}.py").run()
    assert not at.exception, at.exception
    return at


def plan(at: AppTest):
    return at.session_state["plan"]


def fill(at: AppTest, option_id: str, quantity: str, *, description: str = "", cost: str | None = None,
         frequency: str | None = None, provider: str = "", outcomes: list[int] = (), flags: list[str] = ()) -> None:
    """Fill the form as a person would, one widget at a time (each change reruns the page)."""
    at.selectbox(key="w_spending_option_id").select(option_id).run()
    if description:
        at.text_input(key="w_spending_description").input(description).run()
    at.text_input(key="w_spending_quantity").input(quantity).run()
    if frequency:
        at.radio(key="w_spending_frequency").set_value(frequency).run()
    if cost is not None:
        at.text_input(key="w_spending_unit_cost").input(cost).run()
    if provider:
        at.text_input(key="w_spending_provider").input(provider).run()
    for number in outcomes:
        outcome_id = plan(at).change.outcomes[number].id
        at.checkbox(key=f"w_spending_outcome_{outcome_id}").check().run()
    for flag in flags:
        at.checkbox(key=f"w_spending_flag_{flag}").check().run()


def add(at: AppTest, option_id: str, quantity: str, **answers) -> None:
    before = len(plan(at).spending.items)
    fill(at, option_id, quantity, **answers)
    at.button(key="spending_save").click().run()
    assert not at.exception, at.exception
    assert len(plan(at).spending.items) == before + 1, [e.value for e in at.error]


def shown(at: AppTest) -> str:
    """Everything a person can read on the page, as one string."""
    parts = [m.value for m in at.markdown] + [e.value for e in at.error] + [w.value for w in at.warning]
    parts += [i.value for i in at.info] + [s.value for s in at.success] + [c.value for c in at.caption]
    # Typed and worded text is Markdown-escaped for display; a person reads it without the backslashes.
    return "\n".join(parts).replace("\\", "")


def table_cells(at: AppTest) -> list[str]:
    frame = at.table[0].value
    return [str(v) for v in frame.to_numpy().ravel()]


TEN_ITEMS = [
    # option, quantity, extra answers, cost each time the period comes round
    ("personal_assistant", "10", dict(description="Help to get up and dressed", outcomes=[0]), D("137.50")),
    ("home_care_agency", "3", dict(cost="26.00", provider="Kind Care Ltd", outcomes=[0]), D("78.00")),
    ("day_opportunities", "1", dict(outcomes=[1]), D("45.81")),
    ("short_breaks", "14", dict(frequency="year", outcomes=[1]), D("2087.40")),
    ("sitting_service", "4", dict(frequency="four_weeks"), D("86.88")),
    ("community_activities", "2", dict(description="Art class", outcomes=[1]), D("27.28")),
    ("transport", "30", dict(outcomes=[1]), D("13.50")),
    ("telecare", "1", dict(outcomes=[0]), D("3.59")),
    ("equipment", "1", dict(description="Riser chair", cost="450", outcomes=[0]), D("450")),
    ("free_community", "1", dict(description="Lunch club", outcomes=[1]), D("0")),
]


def test_a_person_can_cost_ten_items_change_one_remove_one_and_find_it_all_kept():
    at = new_app(outcomes=["I want to get up and dressed by 9", "I want to see people every week"])
    for option_id, quantity, answers, _ in TEN_ITEMS:
        add(at, option_id, quantity, **answers)
    items = plan(at).spending.items
    assert [item.quantity * item.unit_cost for item in items] == [cost for *_, cost in TEN_ITEMS]

    # Change the day opportunities from 1 day a week to 2.
    day = items[2]
    at.button(key=f"spending_edit_{day.id}").click().run()
    assert at.text_input(key="w_spending_quantity").value == "1"
    at.text_input(key="w_spending_quantity").input("2").run()
    at.button(key="spending_save").click().run()
    assert plan(at).spending.items[2].quantity == 2
    assert plan(at).spending.items[2].id == day.id

    # Remove the sitting service.
    sitting = items[4]
    at.button(key=f"spending_remove_{sitting.id}").click().run()
    assert sitting.id not in [i.id for i in plan(at).spending.items]

    # Leave the step and come back.
    go(at, "about")
    go(at, "spending")
    items = plan(at).spending.items
    assert len(items) == 9
    weekly = D("137.50") + D("78.00") + D("91.62") + D("27.28") + D("13.50") + D("3.59") + D("0")
    yearly = weekly * 52 + D("2087.40")
    assert yearly == D("20364.88")
    cells = table_cells(at)
    assert pounds(yearly) in cells
    assert pounds(yearly / 13) in cells
    assert pounds(yearly / 52) in cells
    assert "£450.00" in shown(at)  # the one-off, apart
    # Every item is still drawn with its own Change and Remove buttons.
    for item in items:
        assert at.button(key=f"spending_edit_{item.id}") is not None
        assert at.button(key=f"spending_remove_{item.id}") is not None


def test_the_plan_is_compared_with_the_estimate_in_every_period():
    at = new_app(outcomes=["I want to get out"])
    estimate = indicative_estimate(CONTENT, plan(at))
    assert estimate is not None
    add(at, "personal_assistant", "20", outcomes=[0])  # £275 a week, over a £140 estimate
    over = D("275") - estimate.weekly
    text = shown(at)
    assert f"over the estimate by **{pounds(over)} a week**" in text
    cells = table_cells(at)
    # The difference row says "over" or "under" in words: a minus sign in a money table is
    # easy to misread (the row used to show -£2.50).
    for amount in (over, over * 4, over * 52):
        assert f"{pounds(amount)} over" in cells
    assert "does not stop you" in text
    bars = {bar.proto.text: bar.proto.value for bar in at.get("progress")}  # the bars are drawn
    assert bars[f"Support: {pounds(D('275'))}"] == 100
    assert bars[f"Estimate: {pounds(estimate.weekly)}"] == int(estimate.weekly / D("275") * 100)
    assert "In words: the support costs £275" in text


def test_being_under_the_estimate_is_said_in_words_not_with_a_minus_sign():
    at = new_app(outcomes=["I want to get out"])
    estimate = indicative_estimate(CONTENT, plan(at))
    add(at, "personal_assistant", "1", outcomes=[0])  # £13.75 a week, under the estimate
    under = estimate.weekly - D("13.75")
    cells = table_cells(at)
    assert f"{pounds(under)} under" in cells
    assert not any(cell.startswith("-") for cell in cells)


def test_being_over_the_estimate_never_stops_anyone():
    at = new_app(outcomes=["I want to get out"])
    add(at, "personal_assistant", "100", outcomes=[0])
    at.button(key="continue_spending").click().run()
    assert not at.exception
    assert plan(at).progress.current_step == "managing"


def test_without_an_estimate_the_page_says_so_and_still_totals():
    at = new_app(budget_example=None)
    add(at, "personal_assistant", "2")
    assert "There is no indicative budget estimate yet" in shown(at)
    assert "£27.50" in table_cells(at)


def test_bad_numbers_get_a_kind_message_and_lose_nothing():
    at = new_app()
    fill(at, "home_care_agency", "-3", description="Morning visits", provider="Kind Care")
    for typed, message in [
        ("-3", "without a minus sign"),
        ("ten", "enter a number using digits"),
        ("NaN", "enter a number using digits"),
        ("9" * 40, "too big"),
        ("0", "more than 0"),
        ("", "Enter a number"),
    ]:
        at.text_input(key="w_spending_quantity").input(typed).run()
        at.button(key="spending_save").click().run()
        assert not at.exception
        assert plan(at).spending.items == []
        assert message in shown(at), typed
        assert at.text_input(key="w_spending_description").value == "Morning visits"
        assert at.text_input(key="w_spending_provider").value == "Kind Care"
        assert at.text_input(key="w_spending_quantity").value == typed
    at.text_input(key="w_spending_unit_cost").input("£1,000,000").run()
    at.text_input(key="w_spending_quantity").input("2.5").run()
    at.button(key="spending_save").click().run()
    assert "too big" in shown(at)
    at.text_input(key="w_spending_unit_cost").input("£25.50").run()
    at.button(key="spending_save").click().run()
    (item,) = plan(at).spending.items
    assert (item.description, item.quantity, item.unit_cost, item.provider) == ("Morning visits", D("2.5"), D("25.50"), "Kind Care")


def test_an_unfinished_item_is_still_there_after_visiting_another_step():
    at = new_app()
    fill(at, "personal_assistant", "6", description="Swimming")
    go(at, "about")
    go(at, "spending")
    assert at.selectbox(key="w_spending_option_id").value == "personal_assistant"
    assert at.text_input(key="w_spending_quantity").value == "6"
    assert at.text_input(key="w_spending_description").value == "Swimming"


def test_an_item_the_budget_cannot_pay_for_is_warned_about():
    at = new_app(outcomes=["I want to relax"])
    add(at, "something_else", "1", description="Bottle of wine", cost="8", outcomes=[0])
    add(at, "personal_assistant", "3", provider="My husband", flags=["relative_same_household"], outcomes=[0])
    warnings = [w.value for w in at.warning]
    assert any("Alcohol" in w for w in warnings)
    assert any("close relative who lives in the same household" in w for w in warnings)


def test_a_cost_above_the_council_rate_says_a_top_up_may_apply():
    at = new_app(outcomes=["I want to get out"])
    add(at, "personal_assistant", "5", cost="16", outcomes=[0])
    assert any("£2.25 more" in i.value.replace("\\", "") and "top-up" in i.value for i in at.info)


def test_outcomes_without_support_and_items_without_outcomes_are_pointed_out():
    at = new_app(outcomes=["I want to cook my own meals", "I want to go to church"])
    add(at, "personal_assistant", "3", outcomes=[0])
    add(at, "transport", "10")
    text = shown(at)
    assert "I want to go to church" in text
    assert "Items not linked to any outcome: 1" in text
    church = plan(at).change.outcomes[1].id
    at.checkbox(key=f"w_spending_other_{church}").check().run()
    assert plan(at).spending.outcomes_other_help == [church]
    assert "Every outcome has at least one item" in shown(at)


def test_a_removed_item_can_be_put_back():
    at = new_app()
    add(at, "personal_assistant", "3", description="First")
    add(at, "telecare", "1")
    first = plan(at).spending.items[0]
    at.button(key=f"spending_remove_{first.id}").click().run()
    at.button(key="spending_undo").click().run()
    assert [i.id for i in plan(at).spending.items][0] == first.id


def test_typed_markdown_and_html_are_shown_as_typed_not_obeyed():
    at = new_app()
    add(at, "something_else", "1", description="**Big** <script>alert(1)</script> [link](http://x)", cost="1")
    headings = [m.value for m in at.markdown if m.value.startswith("###")]
    assert headings and "\\*\\*Big\\*\\*" in headings[0] and "\\<script\\>" in headings[0]


def test_a_ten_thousand_character_description_gets_a_kind_message_and_is_kept():
    at = new_app()
    long_words = "Help with the garden. " * 500
    fill(at, "personal_assistant", "2", description=long_words)
    at.button(key="spending_save").click().run()
    assert not at.exception
    assert plan(at).spending.items == []
    assert "please shorten this to 200 characters or fewer" in shown(at)
    assert at.text_input(key="w_spending_description").value == long_words


def test_a_negative_quantity_is_asked_for_more_than_0_and_the_message_reads_cleanly():
    at = new_app()
    fill(at, "home_care_agency", "-5")
    at.button(key="spending_save").click().run()
    text = shown(at)
    # It used to say "How many hours?: enter a number that is 0 or more", and 0 is refused too.
    assert "How many hours: enter a number more than 0, without a minus sign" in text
    assert "?:" not in text
    assert "0 or more" not in text


def test_a_problem_with_an_item_and_a_problem_on_continue_show_together():
    at = new_app()
    at.text_area(key="w_spending_best_value_notes").input("Value " * 700).run()
    at.button(key="continue_spending").click().run()
    assert plan(at).progress.current_step == "spending"
    fill(at, "personal_assistant", "-1")
    at.button(key="spending_save").click().run()
    assert not at.exception
    text = shown(at)
    assert "Please shorten it to 3,000 or fewer" in text
    assert "without a minus sign" in text
