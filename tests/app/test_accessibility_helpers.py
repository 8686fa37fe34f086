"""The accessibility statement page, the glossary box, larger text and linked errors."""
from pathlib import Path

from streamlit.testing.v1 import AppTest

from ui.a11y import LARGE_TEXT_KEY

ROOT = Path(__file__).resolve().parents[2]


def new_app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()


def go(at: AppTest, page: str) -> AppTest:
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def test_the_accessibility_statement_shows_its_heading_and_how_to_ask_for_another_format():
    at = go(new_app(), "pages/accessibility.py")
    assert at.title[0].value.startswith("Accessibility statement")
    words = "\n".join(m.value for m in at.markdown)
    assert "another format" in words and "How we tested" in words


def test_visiting_the_statement_keeps_answers_and_the_step_a_person_was_on():
    at = new_app()
    at.radio(key="w_start_mode").set_value("self").run()
    go(at, "pages/about.py")
    go(at, "pages/accessibility.py")
    assert at.session_state["plan"].progress.current_step == "about"
    assert at.session_state["plan"].who.mode == "self"


def test_each_step_explains_the_terms_of_art_it_uses():
    at = go(new_app(), "pages/budget.py")
    box = next(e for e in at.expander if e.label == "What these words mean")
    words = "\n".join(m.value for m in box.markdown)
    assert "**Indicative budget**" in words and "rough figure" in words


def test_larger_text_is_remembered_on_every_page():
    at = new_app()
    at.toggle(key="w_a11y_large_text_foot").set_value(True).run()
    assert at.session_state[LARGE_TEXT_KEY] is True
    go(at, "pages/about.py")
    assert at.toggle(key="w_a11y_large_text_side").value is True
    assert at.toggle(key="w_a11y_large_text_foot").value is True


def test_each_error_in_the_summary_links_to_its_field():
    at = go(new_app(), "pages/about.py")
    at.button(key="continue_about").click().run()
    summary = next(e for e in at.error if "There is a problem" in e.value)
    assert "](#w_about_important_to_me)" in summary.value
