"""The shipped budget content: it loads, it matches the need areas, its worked examples
hold, and a council's edit to the matrix changes the result and is caught by the check."""
import io
import shutil
from pathlib import Path

import pytest

from logic.budget import NOT_SURE, estimate_budget
from logic.content import CONTENT_DIR, ContentError, check, load_content

CONTENT = load_content()
BUDGET = CONTENT.budget


@pytest.fixture()
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_in(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(root)
    return [str(p) for p in caught.value.problems]


def test_there_is_one_question_for_every_need_area_and_one_about_unpaid_help():
    areas = [q.area for q in BUDGET.questions if q.kind == "need"]
    assert sorted(areas) == sorted(CONTENT.need_area_ids())
    assert [q.kind for q in BUDGET.questions].count("unpaid_support") == 1


def test_every_question_has_three_to_five_answers_from_least_to_most_help():
    for question in BUDGET.questions:
        points = [a.points for a in question.answers]
        assert 3 <= len(points) <= 5
        assert points == sorted(points)
        assert NOT_SURE not in [a.id for a in question.answers]


def test_the_need_questions_ask_about_a_typical_week_with_nobody_else_there():
    for question in BUDGET.questions:
        label = question.label.self if hasattr(question.label, "self") else question.label
        assert "typical week" in label
    assert "nobody else is there" in CONTENT.step("budget").text["how_to_answer"].self


def test_the_shipped_figures_are_labelled_illustrative():
    assert BUDGET.matrix.illustrative
    assert "illustrative" in CONTENT.step("budget").text["illustrative"]
    assert "illustrative" in (CONTENT_DIR / "budget" / "SOURCES.md").read_text(encoding="utf-8").lower()


def test_at_least_eight_worked_examples_run_from_low_to_very_high_need_with_and_without_unpaid_help():
    examples = BUDGET.examples
    assert len(examples) >= 8
    figures = [e.expected_weekly for e in examples]
    assert min(figures) == 0
    assert max(figures) == BUDGET.matrix.maximum_weekly
    unpaid = [e.answers.get("unpaid_support", "none") for e in examples]
    assert any(u == "none" for u in unpaid)
    assert any(u not in ("none", NOT_SURE) for u in unpaid)


@pytest.mark.parametrize("example", BUDGET.examples, ids=lambda e: e.id)
def test_each_worked_example_gives_its_expected_weekly_figure(example):
    estimate = estimate_budget(BUDGET, example.answers)
    assert estimate.weekly == example.expected_weekly
    assert estimate.lower <= estimate.weekly <= estimate.upper


def test_the_check_command_passes_on_the_shipped_content():
    out = io.StringIO()
    assert check(CONTENT_DIR, out) == 0


def test_changing_the_matrix_changes_the_result_with_no_code_change(content_copy):
    matrix = content_copy / "budget" / "matrix.toml"
    edit(matrix, 'weekly = "450"', 'weekly = "500"')
    examples = content_copy / "budget" / "examples.toml"
    edit(examples, 'expected_weekly = "450"', 'expected_weekly = "500"')
    edit(examples, 'expected_weekly = "360"', 'expected_weekly = "400"')  # band D less 20 per cent
    edited = load_content(content_copy).budget
    example = next(e for e in edited.examples if e.id == "moderate_need_alone")
    assert estimate_budget(edited, example.answers).weekly == 500
    assert estimate_budget(BUDGET, example.answers).weekly == 450


def test_the_check_names_a_worked_example_that_no_longer_matches_the_matrix(content_copy):
    edit(content_copy / "budget" / "matrix.toml", 'weekly = "450"', 'weekly = "500"')
    out = io.StringIO()
    assert check(content_copy, out) == 1
    report = out.getvalue()
    assert "budget/examples.toml" in report
    assert "moderate_need_alone" in report
    assert "expects £450 a week but the matrix now gives £500" in report
    # The high-need examples in other bands still match, so they are not named.
    assert "parent_working_some_help" in report
    # Examples in other bands still match, so they are not named.
    assert "very_high_need_alone" not in report


def test_a_question_about_an_unknown_need_area_is_named(content_copy):
    edit(content_copy / "budget" / "questions.toml", 'area = "dressing"', 'area = "dresing"')
    problems = problems_in(content_copy)
    assert any("budget/questions.toml" in p and ".area" in p and "'dresing' is not a need area" in p for p in problems)


def test_answers_that_give_fewer_points_for_more_help_are_refused(content_copy):
    edit(content_copy / "budget" / "questions.toml", "points = 10\n", "points = 1\n")
    problems = problems_in(content_copy)
    assert any("points must not go down" in p for p in problems)


def test_money_written_as_a_float_is_refused(content_copy):
    edit(content_copy / "budget" / "matrix.toml", 'minimum_weekly = "50"', "minimum_weekly = 50.5")
    problems = problems_in(content_copy)
    assert any("budget/matrix.toml: minimum_weekly" in p and "quotes" in p for p in problems)


def test_bands_that_pay_less_for_more_points_are_refused(content_copy):
    edit(content_copy / "budget" / "matrix.toml", 'weekly = "650"', 'weekly = "400"')
    problems = problems_in(content_copy)
    assert any("bands.4.weekly" in p and "never give less money" in p for p in problems)


def test_a_misspelt_matrix_key_is_named(content_copy):
    edit(content_copy / "budget" / "matrix.toml", "range_percent =", "range_precent =")
    problems = problems_in(content_copy)
    assert any("budget/matrix.toml: range_precent: unknown key" in p for p in problems)


def test_a_worked_example_with_an_answer_that_does_not_exist_is_named(content_copy):
    edit(content_copy / "budget" / "examples.toml", 'nutrition = "some"', 'nutrition = "loads"')
    problems = problems_in(content_copy)
    assert any("budget/examples.toml" in p and "answers.nutrition" in p and "'loads'" in p for p in problems)


def test_a_missing_matrix_file_is_named(content_copy):
    (content_copy / "budget" / "matrix.toml").unlink()
    assert "budget/matrix.toml: (file): file is missing" in problems_in(content_copy)


def test_a_missing_word_on_the_budget_step_is_named_not_crashed_on(content_copy):
    edit(content_copy / "steps" / "budget.toml", "range_sentence =", "range_sentense =")
    problems = problems_in(content_copy)
    assert "steps/budget.toml: text.range_sentence: required but missing" in problems
