"""Terms of art are found where a step uses them, and a broken glossary is reported."""
import shutil
from pathlib import Path

import pytest

from logic.content import CONTENT_DIR, ContentError, GlossaryTerm, load_content
from logic.glossary import term_used, terms_on_step


def term(name: str, *also: str) -> GlossaryTerm:
    return GlossaryTerm(id=name.replace(" ", "_"), term=name, also=list(also), meaning="A plain meaning.")


def test_a_term_is_found_in_any_case_and_in_its_other_forms():
    direct = term("direct payment", "direct payments")
    assert term_used(direct, "Direct payments are paid every 4 weeks.")
    assert term_used(direct, "a direct\npayment")  # wrapped across a line
    assert not term_used(direct, "a payment made directly")


def test_a_term_is_not_found_inside_a_longer_word():
    review = term("review")
    assert term_used(review, "The council will review it.")
    assert not term_used(review, "a reviewer") and not term_used(review, "pre-review checks")


def test_an_apostrophe_may_be_straight_or_curly():
    carers = term("carer's assessment")
    assert term_used(carers, "Ask for a carer’s assessment.")
    assert term_used(carers, "Ask for a carer's assessment.")


def test_a_capital_abbreviation_matches_only_in_capitals():
    assistant = term("personal assistant", "PA")
    assert term_used(assistant, "Your PA can help.")
    assert not term_used(assistant, "pa and ma")


def test_each_step_lists_the_terms_its_words_use():
    content = load_content()
    assert "indicative_budget" in [t.id for t in terms_on_step(content, "budget")]
    assert "carers_assessment" in [t.id for t in terms_on_step(content, "network")]
    managing = [t.id for t in terms_on_step(content, "managing")]
    assert {"direct_payment", "managed_account", "individual_service_fund"} <= set(managing)


@pytest.fixture()
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def problems_in(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(root)
    return [str(p) for p in caught.value.problems]


def test_a_missing_core_term_a_duplicate_and_an_empty_meaning_are_all_reported(content_copy):
    path = content_copy / "glossary.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('id = "respite"', 'id = "short_break"', 1)
    text = text.replace('id = "advocate"', 'id = "review"', 1)
    text = text.replace('meaning = "Extra money you or your family pay', 'meaning = " "\nx = "', 1)
    text = text.replace('\nx = "', "\n#", 1)
    path.write_text(text, encoding="utf-8")
    problems = problems_in(content_copy)
    assert any("glossary.toml" in p and "'respite' must be explained" in p for p in problems)
    assert any("glossary.toml" in p and "duplicate id 'review'" in p for p in problems)
    assert any("glossary.toml" in p and "meaning" in p and "must not be empty" in p for p in problems)


def test_a_misspelt_key_in_the_glossary_is_named(content_copy):
    path = content_copy / "glossary.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("meaning = ", "meanign = ", 1), encoding="utf-8")
    assert any("glossary.toml" in p and "meanign" in p and "unknown key" in p for p in problems_in(content_copy))


def test_a_missing_accessibility_statement_is_reported(content_copy):
    (content_copy / "accessibility.md").unlink()
    assert any("accessibility.md" in p and "missing" in p for p in problems_in(content_copy))
