"""Lists a person builds one entry at a time: add, edit, move up or down, remove, undo.

Every widget of an entry is keyed by the entry's stable id, so moving or removing one entry
never disturbs what is typed in the others. Like every answer, values are seeded from the
Plan before drawing and copied back on change. A removed entry can be put back (Undo), so a
slip of the finger loses nothing. Buttons are ordinary buttons with full names
("Remove: Outcome 2"), so they work from the keyboard and read well in a screen reader.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from logic.content import EntryFieldDef, ListDef
from logic.entries import find_entry, move_entry, remove_entry, restore_entry
from logic.journey import STEP_SECTIONS, FieldError, entry_field_id, entry_key, entry_title
from logic.plan import NeedNote
from logic.wording import escape_markdown
from ui.fields import draw_widget, field_label, widget_key
from ui.state import get_content, get_plan
from ui.words import say, ui_text

REMOVED_KEY = "list_removed"  # {"step/list": [(index, entry, title), ...]}: removals, newest last, for Undo
NEED_WORDS_KEY = "list_need_words"  # words of needs un-ticked, kept in case they are ticked again


def list_spec(step_id: str, list_id: str) -> ListDef:
    return get_content().step(step_id).lists[list_id]


def entries_of(step_id: str, list_id: str) -> list[Any]:
    return getattr(getattr(get_plan(), STEP_SECTIONS[step_id]), list_id)


def entry_widget_key(step_id: str, list_id: str, key: str, field_id: str) -> str:
    """The same id the error summary links to (``#w_<step>_<error field id>``)."""
    return widget_key(step_id, entry_field_id(list_id, key, field_id))


def _copy_into_entry(step_id: str, list_id: str, key: str, field: EntryFieldDef, widget: str) -> None:
    entry = find_entry(entries_of(step_id, list_id), key)
    if entry is None:  # removed in the same click: nothing to keep
        return
    value = st.session_state.get(widget)
    if field.kind == "need_areas":
        value = list(value or [])
    else:
        value = value or ""
    setattr(entry, field.id, value)


def draw_entry_field(
    step_id: str,
    list_id: str,
    entry: Any,
    field: EntryFieldDef,
    title: str,
    error: str | None = None,
    area_order: list[str] | None = None,
    placeholder: str | None = None,
) -> None:
    """One answer of one entry. The label starts with the entry's title ("Person 2: Their
    name") so a screen reader user moving between boxes knows which entry they are in."""
    content = get_content()
    key = entry_widget_key(step_id, list_id, entry_key(entry), field.id)
    label = f"{escape_markdown(title)}: {field_label(field)}"
    if field.hint:
        label = f"{label}\n\n{say(field.hint)}"
    if error:
        st.error(escape_markdown(error), icon=":material/error:")
    current = getattr(entry, field.id)
    on_change = _copy_into_entry
    args = (step_id, list_id, entry_key(entry), field, key)
    if draw_widget(field, label, key, current, on_change, args):
        return
    if field.kind == "need_areas":
        ids = area_order or content.need_area_ids()
        labels = {a.id: a.label for a in content.need_areas}
        # Links to need areas the council has since removed are not offered or kept.
        st.session_state[key] = [a for a in current if a in ids]
        st.multiselect(
            label,
            ids,
            format_func=lambda area_id: labels[area_id],
            key=key,
            on_change=on_change,
            args=args,
            placeholder=placeholder or "",
            # "Select all" would link one outcome to every need at once: never what a person means.
            select_all=False,
        )


def _add(step_id: str, list_id: str, new_entry: Callable[[], Any]) -> None:
    entries = entries_of(step_id, list_id)
    if len(entries) < list_spec(step_id, list_id).max_entries:
        entries.append(new_entry())


def _move(step_id: str, list_id: str, key: str, offset: int) -> None:
    move_entry(entries_of(step_id, list_id), key, offset)


SNIPPET_CHARS = 40


def _snippet(entry: Any) -> str:
    """The start of an entry's first answer, so "Outcome 2 was removed" says which one."""
    text = next((v for v in entry.model_dump().values() if isinstance(v, str) and v.strip() and v != entry_key(entry)), "")
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET_CHARS else text[:SNIPPET_CHARS].rstrip() + "…"


def _remove(step_id: str, list_id: str, key: str, title: str) -> None:
    removed = remove_entry(entries_of(step_id, list_id), key)
    if removed is not None:
        index, entry = removed
        snippet = _snippet(entry)
        named = f"{title} (“{snippet}”)" if snippet else title
        st.session_state.setdefault(REMOVED_KEY, {}).setdefault(f"{step_id}/{list_id}", []).append(
            (index, entry, named)
        )


def _undo(step_id: str, list_id: str) -> None:
    # Newest first: undoing removals in reverse order puts every entry back where it was.
    removals = st.session_state.get(REMOVED_KEY, {}).get(f"{step_id}/{list_id}", [])
    entries = entries_of(step_id, list_id)
    if removals and len(entries) < list_spec(step_id, list_id).max_entries:
        index, entry, _ = removals.pop()
        restore_entry(entries, index, entry)


def _draw_undo(step_id: str, list_id: str) -> None:
    removals = st.session_state.get(REMOVED_KEY, {}).get(f"{step_id}/{list_id}", [])
    if not removals:
        return
    _, _, title = removals[-1]
    st.info(ui_text("list_removed", label=title), icon=":material/delete:")
    st.button(
        ui_text("list_undo", label=title),
        key=f"undo_{step_id}_{list_id}",
        on_click=_undo,
        args=(step_id, list_id),
        icon=":material/undo:",
    )


def _heading(spec: ListDef) -> str:
    heading = say(spec.heading)
    if spec.min_entries == 0:
        heading = f"{heading} {ui_text('optional')}"
    return heading


def draw_entry_list(
    step_id: str,
    list_id: str,
    errors: list[FieldError] | None,
    new_entry: Callable[[], Any],
    extra: Callable[[Any, str], None] | None = None,
    area_order: list[str] | None = None,
    placeholder: str | None = None,
) -> None:
    """A whole list: heading, hint, each entry in its own box with its buttons, then Add.

    ``extra(entry, title)`` draws anything a page adds to an entry (a gentle hint, say).
    """
    content = get_content()
    plan = get_plan()
    spec = list_spec(step_id, list_id)
    entries = entries_of(step_id, list_id)
    by_field = {e.field_id: e.message for e in errors or []}
    with st.container(key=widget_key(step_id, list_id)):
        st.header(_heading(spec), anchor=False)
        if spec.hint:
            st.markdown(say(spec.hint))
        if list_id in by_field:
            st.error(escape_markdown(by_field[list_id]), icon=":material/error:")
    _draw_undo(step_id, list_id)
    if not entries and spec.empty:
        st.markdown(say(spec.empty))
    for number, entry in enumerate(entries, start=1):
        key = entry_key(entry)
        title = entry_title(content, plan, spec, number, entry)
        with st.container(border=True, key=f"entry_{step_id}_{list_id}_{key}"):
            st.markdown(f"### {escape_markdown(title)}")
            for field in spec.fields:
                error = by_field.get(entry_field_id(list_id, key, field.id))
                draw_entry_field(step_id, list_id, entry, field, title, error, area_order, placeholder)
            if extra is not None:
                extra(entry, title)
            # A wrapping row rather than columns: each button is as wide as its words, and
            # long titles ("Move down: Outcome 12") wrap instead of being cut off with "...".
            row = st.container(horizontal=True, wrap=True, gap="small")
            row.button(
                ui_text("list_move_up", label=title),
                key=f"up_{step_id}_{list_id}_{key}",
                on_click=_move,
                args=(step_id, list_id, key, -1),
                disabled=number == 1,
                icon=":material/arrow_upward:",
                wrap=True,
            )
            row.button(
                ui_text("list_move_down", label=title),
                key=f"down_{step_id}_{list_id}_{key}",
                on_click=_move,
                args=(step_id, list_id, key, 1),
                disabled=number == len(entries),
                icon=":material/arrow_downward:",
                wrap=True,
            )
            row.button(
                ui_text("list_remove", label=title),
                key=f"remove_{step_id}_{list_id}_{key}",
                on_click=_remove,
                args=(step_id, list_id, key, title),
                icon=":material/delete:",
                wrap=True,
            )
    full = len(entries) >= spec.max_entries
    if full:
        st.markdown(ui_text("list_full", max=str(spec.max_entries)))
    st.button(
        say(spec.add),
        key=f"add_{step_id}_{list_id}",
        on_click=_add,
        args=(step_id, list_id, new_entry),
        disabled=full,
        icon=":material/add:",
    )


def _toggle_need(step_id: str, list_id: str, area_id: str, widget: str) -> None:
    notes: list[NeedNote] = entries_of(step_id, list_id)
    kept: dict[str, str] = st.session_state.setdefault(NEED_WORDS_KEY, {})
    note = find_entry(notes, area_id)
    if st.session_state.get(widget):
        if note is None:
            notes.append(NeedNote(area=area_id, words=kept.pop(area_id, "")))
            order = get_content().need_area_ids()
            notes.sort(key=lambda n: order.index(n.area) if n.area in order else len(order))
    elif note is not None:
        remove_entry(notes, area_id)
        if note.words.strip():
            kept[area_id] = note.words


def draw_need_notes(step_id: str, list_id: str, errors: list[FieldError] | None) -> None:
    """Need areas as tick boxes; a ticked area opens a box for the person's own words.

    Un-ticking keeps the words aside for this session, so ticking again brings them back.
    """
    content = get_content()
    plan = get_plan()
    spec = list_spec(step_id, list_id)
    notes: list[NeedNote] = entries_of(step_id, list_id)
    by_field = {e.field_id: e.message for e in errors or []}
    with st.container(key=widget_key(step_id, list_id)):
        st.header(_heading(spec), anchor=False)
        if spec.hint:
            st.markdown(say(spec.hint))
        if list_id in by_field:
            st.error(escape_markdown(by_field[list_id]), icon=":material/error:")
    st.markdown(f"**{say(spec.add)}**")
    for number, area in enumerate(content.need_areas, start=1):
        note = find_entry(notes, area.id)
        tick_key = entry_widget_key(step_id, list_id, area.id, "ticked")
        st.session_state[tick_key] = note is not None
        st.checkbox(area.label, key=tick_key, on_change=_toggle_need, args=(step_id, list_id, area.id, tick_key))
        if note is None:
            continue
        title = entry_title(content, plan, spec, number, note)
        for field in spec.fields:
            error = by_field.get(entry_field_id(list_id, area.id, field.id))
            draw_entry_field(step_id, list_id, note, field, title, error)
