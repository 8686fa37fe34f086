"""Answers survive moving between steps in any order; Start again clears them all."""
import random
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from logic.content import STEP_IDS, load_content
from logic.journey import STEP_SECTIONS

ROOT = Path(__file__).resolve().parents[2]
CONTENT = load_content()


def new_app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()


def go(at: AppTest, step_id: str) -> AppTest:
    at.switch_page(f"pages/{step_id}.py").run()
    assert not at.exception, f"{step_id}: {at.exception}"
    return at


def text_fields():
    """Every content-defined text question on every step, with a distinct answer."""
    for step_id in STEP_IDS:
        for field in CONTENT.step(step_id).fields:
            if field.kind in ("short_text", "long_text") and field.show_if is None:
                yield step_id, field.id, f"Zoë's answer to {step_id}.{field.id} ✓"


def widget(at: AppTest, step_id: str, field_id: str):
    key = f"w_{step_id}_{field_id}"
    for element in list(at.text_input) + list(at.text_area):
        if element.key == key:
            return element
    return None


def plan_value(at: AppTest, step_id: str, field_id: str):
    return getattr(getattr(at.session_state["plan"], STEP_SECTIONS[step_id]), field_id)


def test_every_step_opens_without_an_exception():
    at = new_app()
    for step_id in STEP_IDS:
        go(at, step_id)
        assert at.title, f"{step_id} has no heading"


def test_answers_on_every_step_survive_a_shuffled_walk():
    at = new_app()
    entered = []
    for step_id, field_id, answer in text_fields():
        go(at, step_id)
        box = widget(at, step_id, field_id)
        if box is None:
            continue  # the step draws this answer its own way; its own tests cover it
        box.input(answer).run()
        entered.append((step_id, field_id, answer))
    assert len(entered) >= 8, "expected text answers on most steps"

    order = list(STEP_IDS) * 2
    random.Random(7).shuffle(order)
    for step_id in order:
        go(at, step_id)

    for step_id, field_id, answer in entered:
        assert plan_value(at, step_id, field_id) == answer
        go(at, step_id)
        assert widget(at, step_id, field_id).value == answer


def test_a_choice_made_on_start_is_kept_and_changes_how_pages_speak():
    at = new_app()
    at.radio(key="w_start_mode").set_value("carer").run()
    at.text_input(key="w_start_person_name").input("Margaret").run()
    go(at, "about")
    go(at, "start")
    assert at.radio(key="w_start_mode").value == "carer"
    assert at.text_input(key="w_start_person_name").value == "Margaret"
    go(at, "about")
    assert "Margaret" in at.title[0].value


def test_continue_moves_to_the_next_step_when_answers_are_fine():
    at = new_app()
    at.radio(key="w_start_mode").set_value("self").run()
    at.button(key="continue_start").click().run()
    assert at.session_state["plan"].progress.current_step == "budget"


def test_continue_with_a_required_answer_missing_says_what_to_fix_and_stays():
    at = new_app()
    at.button(key="continue_start").click().run()
    assert not at.exception
    assert at.session_state["plan"].progress.current_step == "start"
    assert any("There is a problem" in e.value for e in at.error)


def test_a_very_long_answer_is_kept_and_explained_kindly():
    at = new_app()
    go(at, "about")
    long_text = "word " * 2000
    widget(at, "about", "important_to_me").input(long_text).run()
    at.button(key="continue_about").click().run()
    assert at.session_state["plan"].about.important_to_me == long_text
    assert any("Please shorten it" in e.value for e in at.error)


def test_typed_markdown_and_html_are_not_rendered():
    at = new_app()
    at.radio(key="w_start_mode").set_value("carer").run()
    at.text_input(key="w_start_person_name").input("![x](http://example.com/a.png) <b>hi</b>").run()
    go(at, "about")
    heading = at.title[0].value
    assert "\\!\\[x\\]" in heading and "\\<b\\>" in heading


def test_start_again_clears_every_answer_after_confirmation():
    at = new_app()
    at.radio(key="w_start_mode").set_value("self").run()
    go(at, "about")
    widget(at, "about", "important_to_me").input("My dog").run()
    at.sidebar.button(key="start_again").click().run()
    assert at.session_state["plan"].about.important_to_me == "My dog"
    at.sidebar.button(key="start_again_yes").click().run()
    assert at.session_state["plan"].about.important_to_me == ""
    assert at.session_state["plan"].who.mode is None


def test_start_again_can_be_cancelled():
    at = new_app()
    go(at, "about")
    widget(at, "about", "important_to_me").input("My dog").run()
    at.sidebar.button(key="start_again").click().run()
    at.sidebar.button(key="start_again_no").click().run()
    assert at.session_state["plan"].about.important_to_me == "My dog"
