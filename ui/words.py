"""Content wording filled in for the current person, safe to show as Markdown."""
from __future__ import annotations

from logic.journey import name_values, speaking_to_carer
from logic.wording import Wording, escape_markdown, speak
from ui.state import get_content, get_plan


def say(wording: Wording | None, **extra: str) -> str:
    """Wording for Markdown contexts: names and extras typed by a person are escaped."""
    plan = get_plan()
    values = {k: escape_markdown(v) for k, v in name_values(get_content(), plan).items()}
    values.update({k: escape_markdown(v) for k, v in extra.items()})
    return speak(wording, speaking_to_carer=speaking_to_carer(plan), values=values)


def say_plain(wording: Wording | None, **extra: str) -> str:
    """Wording for plain-text contexts (page titles, st.text): nothing is escaped."""
    plan = get_plan()
    values = {**name_values(get_content(), plan), **extra}
    return speak(wording, speaking_to_carer=speaking_to_carer(plan), values=values)


def ui_text(key: str, **extra: str) -> str:
    return say(get_content().service.text[key], **extra)
