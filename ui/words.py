"""Content wording filled in for the current person, safe to show as Markdown."""
from __future__ import annotations

from collections.abc import Callable

from logic.content import Content
from logic.journey import name_values, speaking_to_carer
from logic.plan import Plan
from logic.wording import Wording, escape_markdown, speak
from ui.state import get_content, get_plan


class _Values:
    """Placeholder values worked out only when the wording uses them.

    Pages call ``say`` hundreds of times a rerun on a long plan, mostly for wording with no
    placeholder, or one; escaping every typed value every time was a large part of a rerun.
    """

    def __init__(self, content: Content, plan: Plan, extra: dict[str, str], escape: Callable[[str], str] | None):
        self.content, self.plan, self.extra, self.escape = content, plan, extra, escape

    def get(self, key: str, default: str) -> str:
        if key in self.extra:
            value = self.extra[key]
        elif key in ("name", "planner"):
            value = name_values(self.content, self.plan)[key]
        else:
            return default
        return self.escape(value) if self.escape else value


def _say(wording: Wording | None, extra: dict[str, str], escape: Callable[[str], str] | None) -> str:
    plan = get_plan()
    values = _Values(get_content(), plan, extra, escape)
    return speak(wording, speaking_to_carer=speaking_to_carer(plan), values=values)


def say(wording: Wording | None, **extra: str) -> str:
    """Wording for Markdown contexts: names and extras typed by a person are escaped."""
    return _say(wording, extra, escape_markdown)


def say_plain(wording: Wording | None, **extra: str) -> str:
    """Wording for plain-text contexts (page titles, st.text): nothing is escaped."""
    return _say(wording, extra, None)


def ui_text(key: str, **extra: str) -> str:
    return say(get_content().service.text[key], **extra)
