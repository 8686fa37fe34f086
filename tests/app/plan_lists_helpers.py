"""Small helpers for AppTests of the steps with lists (about, outcomes, network, safety)."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = {"about": "about", "outcomes": "change", "network": "network", "safety": "safety"}


def new_app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()


def go(at: AppTest, step_id: str) -> AppTest:
    at.switch_page(f"pages/{step_id}.py").run()
    assert not at.exception, f"{step_id}: {at.exception}"
    return at


def start_as_carer(at: AppTest, name: str = "Margaret", planner: str = "Sam") -> AppTest:
    go(at, "start")
    at.radio(key="w_start_mode").set_value("carer").run()
    at.text_input(key="w_start_person_name").input(name)
    at.text_input(key="w_start_planner_name").input(planner)
    at.run()
    assert at.session_state["plan"].who.person_name == name
    return at


def plan(at: AppTest):
    return at.session_state["plan"]


def entries(at: AppTest, step_id: str, list_id: str) -> list:
    return getattr(getattr(plan(at), SECTIONS[step_id]), list_id)


def entry_widget_key(step_id: str, list_id: str, key: str, field_id: str) -> str:
    return f"w_{step_id}_{list_id}__{key}__{field_id}"


def widget(at: AppTest, key: str):
    """The widget with this key, whatever kind it is (None when it is not drawn)."""
    for kind in (at.text_input, at.text_area, at.radio, at.multiselect, at.checkbox, at.date_input):
        for element in kind:
            if element.key == key:
                return element
    return None


def add_entry(at: AppTest, step_id: str, list_id: str) -> str:
    """Press the list's Add button; return the new entry's id."""
    at.button(key=f"add_{step_id}_{list_id}").click().run()
    assert not at.exception
    return entries(at, step_id, list_id)[-1].id


def fill_entry(at: AppTest, step_id: str, list_id: str, key: str, **answers) -> AppTest:
    """Answer several questions of one entry, as a person would, then rerun once."""
    for field_id, value in answers.items():
        element = widget(at, entry_widget_key(step_id, list_id, key, field_id))
        assert element is not None, f"{field_id} of {key} is not drawn"
        if hasattr(element, "input"):
            element.input(value)
        elif hasattr(element, "select"):
            element.set_value(list(value))
        else:
            element.set_value(value)
    at.run()
    assert not at.exception
    return at


def fill_field(at: AppTest, step_id: str, field_id: str, value) -> AppTest:
    element = widget(at, f"w_{step_id}_{field_id}")
    assert element is not None, f"{field_id} is not drawn"
    if hasattr(element, "input"):
        element.input(value)
    else:
        element.set_value(value)
    at.run()
    assert not at.exception
    return at


def press(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception
    return at


def error_texts(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def labels(at: AppTest) -> list[str]:
    return [w.label for kind in (at.text_input, at.text_area, at.radio, at.multiselect, at.checkbox) for w in kind]
