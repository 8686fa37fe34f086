"""Outcomes are a person's own words about a result; the planner notices an outcome that
names a service, puts the person's own needs first, and suggests review dates."""
import shutil
from datetime import date
from pathlib import Path

import pytest

from logic.content import CONTENT_DIR, ContentError, load_content
from logic.outcomes import areas_in_order, needs_without_outcomes, outcome_from_example, service_words_in
from logic.plan import NeedNote, Outcome
from logic.review import first_review_date, review_date_problems, yearly_review_date

WORDS = ["home care", "day centre", "respite", "care"]


def test_an_outcome_that_names_a_service_is_noticed():
    assert service_words_in("I want home care every morning", WORDS) == ["home care"]


def test_an_outcome_that_names_a_result_is_not_noticed():
    assert service_words_in("I want to shower safely every morning", WORDS) == []


def test_capitals_and_extra_spaces_do_not_hide_a_service_word():
    assert service_words_in("A place at the Day   Centre", WORDS) == ["day centre"]


def test_a_service_word_inside_a_longer_word_is_not_noticed():
    assert service_words_in("I want my homecareer back, and careful help", ["home care", "care"]) == []


def test_a_phrase_and_a_word_inside_it_are_reported_once():
    assert service_words_in("More home care please", WORDS) == ["home care"]


def test_several_services_are_all_reported():
    assert service_words_in("Respite and a day centre", WORDS) == ["day centre", "respite"]


def test_empty_text_and_odd_characters_are_harmless():
    assert service_words_in("", WORDS) == []
    assert service_words_in("أريد أن أذهب إلى المسجد 🕌 [x](y) <b>", WORDS + ["(y)"]) == ["(y)"]


def test_the_persons_own_needs_come_first_in_the_area_list():
    assert areas_in_order(["a", "b", "c", "d"], ["c", "gone", "a"]) == ["c", "a", "b", "d"]


def test_needs_without_an_outcome_are_listed_in_the_order_chosen():
    needs = [NeedNote(area="nutrition"), NeedNote(area="community"), NeedNote(area="dressing")]
    outcomes = [Outcome(text="x", need_areas=["community"])]
    assert needs_without_outcomes(needs, outcomes) == ["nutrition", "dressing"]


def test_an_example_starts_an_outcome_linked_to_its_need_area():
    outcome = outcome_from_example("I want to get to the mosque on Fridays.", "community")
    assert outcome.text == "I want to get to the mosque on Fridays."
    assert outcome.need_areas == ["community"]
    assert outcome.id


def test_the_first_review_is_six_weeks_after_support_starts():
    assert first_review_date(date(2027, 1, 4)) == date(2027, 2, 15)


def test_the_yearly_review_is_a_year_after_support_starts_even_from_a_leap_day():
    assert yearly_review_date(date(2027, 3, 1)) == date(2028, 3, 1)
    assert yearly_review_date(date(2028, 2, 29)) == date(2029, 2, 28)


def test_review_dates_that_cannot_be_right_are_named():
    start = date(2027, 3, 1)
    assert review_date_problems(start, date(2027, 2, 1), None) == ["first_before_start"]
    assert review_date_problems(start, date(2027, 4, 12), date(2027, 4, 1)) == ["yearly_before_first"]
    assert review_date_problems(start, None, date(2028, 6, 1)) == ["yearly_too_late"]
    assert review_date_problems(start, date(2027, 4, 12), date(2028, 3, 1)) == []
    assert review_date_problems(None, None, None) == []


@pytest.fixture()
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def problems_in(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(root)
    return [str(p) for p in caught.value.problems]


def test_an_example_for_a_need_area_that_does_not_exist_is_named(content_copy):
    path = content_copy / "outcome_examples.toml"
    path.write_text(path.read_text().replace('area = "dressing"', 'area = "dresing"'))
    problems = problems_in(content_copy)
    assert any("outcome_examples.toml" in p and "'dresing' is not a need area" in p for p in problems)
    assert any("need area 'dressing' has 0 example(s); give at least 3" in p for p in problems)


def test_a_need_area_with_fewer_than_three_examples_is_named(content_copy):
    path = content_copy / "outcome_examples.toml"
    text = path.read_text()
    text = text.replace('  "I want to wear clean clothes that suit the weather.",\n', "")
    path.write_text(text)
    assert any("need area 'dressing' has 2 example(s)" in p for p in problems_in(content_copy))


def test_a_list_question_the_plan_cannot_hold_is_named(content_copy):
    path = content_copy / "steps/outcomes.toml"
    path.write_text(path.read_text().replace('id = "how_we_know"', 'id = "how_we_no"'))
    problems = problems_in(content_copy)
    assert any("steps/outcomes.toml" in p and "lists.outcomes.fields.4.id" in p for p in problems)


def test_a_list_the_plan_does_not_have_is_named(content_copy):
    path = content_copy / "steps/safety.toml"
    path.write_text(path.read_text().replace("lists.risks", "lists.riskz"))
    assert any("lists.riskz" in p and "not a list the plan can hold" in p for p in problems_in(content_copy))
