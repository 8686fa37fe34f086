"""The budget step: grouped questions that start unanswered, a result that follows the
answers, kind handling of odd input, and answers that survive moving between steps."""
from decimal import Decimal
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from logic.budget import NOT_SURE

ROOT = Path(__file__).resolve().parents[2]


def budget_page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    at.switch_page("pages/budget.py").run()
    assert not at.exception
    return at


def plan(at: AppTest):
    return at.session_state["plan"]


def answer(at: AppTest, question_id: str, answer_id: str) -> AppTest:
    at.radio(key=f"w_budget_answer_{question_id}").set_value(answer_id).run()
    assert not at.exception
    return at


def figure(at: AppTest) -> str:
    return at.metric[0].value if len(at.metric) else ""


def all_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [e.value for e in at.info] + [w.value for w in at.warning]
    return "\n".join(parts)


def test_questions_are_grouped_and_every_radio_starts_unselected():
    at = budget_page()
    groups = [e for e in at.expander if "answered)" in e.label]
    assert [g.label for g in groups][0] == "Looking after yourself (0 of 4 answered)"
    assert len(groups) == 5
    assert len(at.radio) == 13
    assert all(radio.value is None for radio in at.radio)
    assert "I'm not sure" in at.radio[0].options
    assert "Answer some of the questions above" in all_text(at)
    assert figure(at) == ""


def test_the_figures_are_labelled_as_illustrative():
    at = budget_page()
    assert any("illustrative" in info.value for info in at.info)


def test_answering_shows_a_figure_range_periods_and_how_it_was_worked_out():
    at = budget_page()
    answer(at, "nutrition", "all")
    assert figure(at) == "About £140 a week"
    text = all_text(at)
    assert "between **£125** and **£155** a week" in text
    assert "Questions not answered yet: 12 of 13" in text
    periods = at.table[0].value
    assert list(periods.iloc[:, 1]) == ["£140", "£560", "£7,280"]
    breakdown = at.table[1].value
    assert len(breakdown) == 13
    assert breakdown.iloc[0].tolist()[-1] == 10
    assert "Total: **10** points." in text
    assert "Band B covers 5 to 14 points" in text


def test_changing_an_answer_changes_the_result():
    at = budget_page()
    answer(at, "nutrition", "all")
    answer(at, "personal_hygiene", "daily")
    answer(at, "staying_safe", "daily")
    before = figure(at)
    answer(at, "staying_safe", "always")
    assert before == "About £280 a week"
    assert figure(at) == "About £450 a week"
    answer(at, "unpaid_support", "every_day")
    assert figure(at) == "About £315 a week"
    assert "30 per cent less" in all_text(at)


def test_not_sure_is_counted_and_explained():
    at = budget_page()
    answer(at, "nutrition", "daily")
    answer(at, "staying_safe", NOT_SURE)
    assert plan(at).budget.answers["staying_safe"] == NOT_SURE
    assert "Answers that are \"I'm not sure\": 1. Each counts as the answer with the fewest points" in all_text(at)


def test_answers_and_notes_survive_moving_to_another_step_and_back():
    at = budget_page()
    answer(at, "dressing", "daily")
    at.text_input(key="w_budget_note_dressing").input("Buttons are hard — 🙂 <b>bold</b> *not*").run()
    at.switch_page("pages/about.py").run()
    at.switch_page("pages/budget.py").run()
    assert not at.exception
    assert at.radio(key="w_budget_answer_dressing").value == "daily"
    assert at.text_input(key="w_budget_note_dressing").value == "Buttons are hard — 🙂 <b>bold</b> *not*"
    assert plan(at).budget.notes["dressing"] == "Buttons are hard — 🙂 <b>bold</b> *not*"


@pytest.mark.parametrize("typed", ["abc", "-5", "£1,000,000", "🙂", "<script>alert(1)</script>", "9" * 10000])
def test_a_bad_contribution_gets_a_kind_message_and_is_kept(typed):
    at = budget_page()
    answer(at, "nutrition", "all")
    at.text_input(key="w_budget_contribution").input(typed).run()
    assert not at.exception
    assert plan(at).budget.contribution_text == typed
    assert plan(at).budget.weekly_contribution is None
    assert at.text_input(key="w_budget_contribution").value == typed
    assert len(at.error) == 1
    assert "What you typed is kept" in at.error[0].value
    assert figure(at) == "About £140 a week"


def test_a_good_contribution_splits_the_budget():
    at = budget_page()
    answer(at, "nutrition", "all")
    at.text_input(key="w_budget_contribution").input("£20.50").run()
    assert plan(at).budget.weekly_contribution == Decimal("20.50")
    assert r"council might pay about **£119\.50** a week and you about **£20\.50**" in all_text(at)
    assert not at.error


def test_continue_with_a_bad_contribution_shows_the_problem_at_the_top_and_stays():
    at = budget_page()
    at.text_input(key="w_budget_contribution").input("abc").run()
    at.button(key="continue_budget").click().run()
    assert not at.exception
    assert plan(at).progress.current_step == "budget"
    assert any("There is a problem" in e.value for e in at.error)
    assert plan(at).budget.contribution_text == "abc"


def test_continue_with_good_answers_moves_on():
    at = budget_page()
    answer(at, "nutrition", "all")
    at.button(key="continue_budget").click().run()
    assert not at.exception
    assert plan(at).progress.current_step == "about"


def test_a_very_long_note_is_kept_and_asked_to_be_shorter():
    at = budget_page()
    at.text_input(key="w_budget_note_nutrition").input("x" * 1500).run()
    assert not at.exception
    assert plan(at).budget.notes["nutrition"] == "x" * 1500
    assert any("1,500 characters" in e.value for e in at.error)


def test_a_carer_sees_the_persons_name_and_it_is_kept_inert():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    at.session_state["plan"].who.mode = "carer"
    at.session_state["plan"].who.person_name = "*Sam* [x](http://e.vil)"
    at.switch_page("pages/budget.py").run()
    assert not at.exception
    assert r"\*Sam\* \[x\]\(http\://e\.vil\)" in at.radio[0].label
    assert "Imagine nobody else is there to help them." in all_text(at)


def test_a_carer_is_told_about_the_persons_estimate_and_contribution_not_their_own():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    at.session_state["plan"].who.mode = "carer"
    at.session_state["plan"].who.person_name = "Margaret"
    at.switch_page("pages/budget.py").run()
    answer(at, "nutrition", at.radio(key="w_budget_answer_nutrition").options[1])
    headings = [h.value for h in at.header] + [h.value for h in at.subheader]
    assert "Margaret's estimate" in headings
    assert "What Margaret might pay towards it (optional)" in headings
    assert "What you might pay towards it (optional)" not in headings


def test_an_answer_the_content_no_longer_has_counts_as_unanswered():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    at.session_state["plan"].budget.answers = {"nutrition": "retired_answer", "dressing": "all"}
    at.switch_page("pages/budget.py").run()
    assert not at.exception
    assert at.radio(key="w_budget_answer_nutrition").value is None
    assert "Questions not answered yet: 12 of 13" in all_text(at)


def test_the_simple_chart_has_a_bar_for_each_area_scaled_to_the_most_points():
    at = budget_page()
    answer(at, "nutrition", "all")
    bars = [(bar.proto.text, bar.proto.value) for bar in at.get("progress")]
    assert ("Eating and drinking: 10", 100) in bars
    assert ("Getting dressed: 0", 0) in bars
    assert len(bars) == 12  # the need areas; unpaid help is in the table only
