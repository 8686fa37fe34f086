"""Draw a content-defined question as a widget bound to the Plan.

The widget's value is seeded from the Plan before it is drawn and copied back on change,
so answers never depend on widget state surviving a page change.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from logic.content import FieldDef
from logic.journey import STEP_SECTIONS, FieldError, visible_fields
from logic.wording import escape_markdown
from ui.state import get_content, get_plan
from ui.words import say, ui_text


def widget_key(step_id: str, field_id: str) -> str:
    return f"w_{step_id}_{field_id}"


def _store(step_id: str, field_id: str, key: str) -> Callable[[], None]:
    def copy_into_plan() -> None:
        value = st.session_state[key]
        if isinstance(value, str) or value is None:
            value = value or ""
        setattr(getattr(get_plan(), STEP_SECTIONS[step_id]), field_id, value)

    return copy_into_plan


def field_label(field: FieldDef) -> str:
    label = say(field.label)
    if not field.required and field.kind != "checkbox":
        label = f"{label} {ui_text('optional')}"
    return label


def draw_field(step_id: str, field: FieldDef, error: str | None = None) -> None:
    plan = get_plan()
    section = getattr(plan, STEP_SECTIONS[step_id])
    key = widget_key(step_id, field.id)
    current = getattr(section, field.id)
    label = field_label(field)
    if field.hint:
        # The hint sits inside the label so it is shown above the box and read with it.
        label = f"{label}\n\n{say(field.hint)}"
    if error:
        st.error(escape_markdown(error), icon=":material/error:")
    if not draw_widget(field, label, key, current, _store(step_id, field.id, key)):
        raise ValueError(f"{step_id}.{field.id}: a step field cannot be of kind {field.kind!r}")


def draw_widget(field: FieldDef, label: str, key: str, current: Any, on_change, args: tuple = ()) -> bool:
    """Seed the widget from the Plan's answer, then draw it (step fields and list entries alike).

    The Plan is the truth: the widget's value is set from it on every run, and ``on_change``
    copies a change back. False for a kind this does not draw (the caller draws it).
    """
    if field.kind in ("short_text", "long_text"):
        st.session_state[key] = current or ""
        widget = st.text_input if field.kind == "short_text" else st.text_area
        widget(label, key=key, on_change=on_change, args=args)
    elif field.kind == "choice":
        ids = [o.id for o in field.options]
        labels = {o.id: say(o.label) for o in field.options}
        st.session_state[key] = current if current in ids else None
        st.radio(
            label,
            ids,
            format_func=lambda option_id: labels[option_id],
            key=key,
            on_change=on_change,
            args=args,
            index=None,
            captions=[say(o.hint) for o in field.options] if any(o.hint for o in field.options) else None,
        )
    elif field.kind == "checkbox":
        st.session_state[key] = bool(current)
        st.checkbox(label, key=key, on_change=on_change, args=args)
    else:
        return False
    return True


def draw_fields(step_id: str, errors: list[FieldError] | None = None) -> None:
    """Draw every visible field of the step, each with its error beside it."""
    by_field = {e.field_id: e.message for e in errors or []}
    for field in visible_fields(get_content(), get_plan(), step_id):
        draw_field(step_id, field, by_field.get(field.id))
