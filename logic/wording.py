"""How the planner speaks to the right person, and how typed text is kept inert.

Content strings may have two forms: ``self`` (spoken to the person) and ``other`` (spoken to a
carer about the person, with ``{name}``). ``escape_markdown`` makes anything a person typed
show exactly as typed when it has to sit inside a Markdown-rendered string (a heading, a label).
"""
from __future__ import annotations

import re
from typing import Protocol

from pydantic import BaseModel, ConfigDict

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
KNOWN_PLACEHOLDERS = {"name", "planner", "label", "max", "count", "amount", "step", "number", "area", "low", "high", "points", "percent"}
# Spending and managing the budget (pages/spending.py, pages/managing.py).
KNOWN_PLACEHOLDERS |= {"rate", "unit", "period", "total", "estimate", "difference", "lower", "upper", "item", "phone", "email"}
# Quotes, "=" and "^" are not Markdown in an inline run, so they stay as typed (a screen
# reader reading a label would otherwise say the backslash).
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


class PersonWording(BaseModel):
    """Two ways to say the same thing: to the person, and to someone planning for them."""

    model_config = ConfigDict(extra="forbid")
    self: str
    other: str


Wording = str | PersonWording


def escape_markdown(text: str) -> str:
    """Backslash-escape every Markdown/HTML special so typed text renders literally."""
    text = text.replace("\r\n", "\n").replace("\n", " ")
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


class Values(Protocol):
    """Where placeholder values come from: a dict, or anything with ``get`` (ui/words.py)."""

    def get(self, key: str, default: str, /) -> str: ...


def fill(template: str, values: Values) -> str:
    """Replace known ``{placeholders}``; leave anything else untouched (no str.format)."""
    if "{" not in template:
        return template
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def speak(wording: Wording | None, *, speaking_to_carer: bool, values: Values) -> str:
    """The string to show: the ``other`` form for carers, with names filled in."""
    if wording is None:
        return ""
    if isinstance(wording, PersonWording):
        template = wording.other if speaking_to_carer else wording.self
    else:
        template = wording
    return fill(template, values)


def unknown_placeholders(wording: Wording | None) -> set[str]:
    """Placeholders a content editor used that the planner cannot fill (for the check)."""
    if wording is None:
        return set()
    texts = [wording.self, wording.other] if isinstance(wording, PersonWording) else [wording]
    return {m for t in texts for m in PLACEHOLDER.findall(t)} - KNOWN_PLACEHOLDERS
