"""The shipped example outcomes are good examples: results, not services, short enough to
be an outcome, and at least three for every need area."""
from logic.content import load_content
from logic.outcomes import service_words_in

CONTENT = load_content()


def test_every_need_area_offers_at_least_three_example_outcomes():
    for area in CONTENT.need_areas:
        assert len(CONTENT.outcome_examples.for_area(area.id)) >= 3, area.id


def test_no_example_outcome_names_a_service():
    words = CONTENT.outcome_examples.service_words
    for group in CONTENT.outcome_examples.areas:
        for example in group.examples:
            assert service_words_in(example, words) == [], example


def test_every_example_fits_in_an_outcome():
    limit = next(f.max_chars for f in CONTENT.step("outcomes").lists["outcomes"].fields if f.id == "text")
    for group in CONTENT.outcome_examples.areas:
        for example in group.examples:
            assert len(example) <= limit


def test_the_service_word_list_catches_the_usual_services():
    words = CONTENT.outcome_examples.service_words
    for outcome in ("I want home care", "A day centre place", "More respite", "A personal assistant"):
        assert service_words_in(outcome, words), outcome
