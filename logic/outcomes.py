"""Outcomes: what a person wants, in their words, and gentle checks on how they are written.

A good outcome names a result ("I want to shower safely every morning"), not a service
("home care"). The words that suggest a service come from content/outcome_examples.toml.
"""
from __future__ import annotations

import re

from logic.plan import NeedNote, Outcome


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    # Whole words only, any run of spaces between words, capitals ignored.
    words = [re.escape(w) for w in phrase.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def service_words_in(text: str, service_words: list[str]) -> list[str]:
    """The service words or phrases an outcome uses, as the content spells them, in list order.

    A longer phrase that contains a shorter one ("day centre" and "a day centre service")
    is reported once, as the longer phrase.
    """
    found = [w for w in service_words if w.strip() and _phrase_pattern(w).search(text or "")]
    return [w for w in found if not any(w != other and _phrase_pattern(w).search(other) for other in found)]


def areas_in_order(all_area_ids: list[str], preferred: list[str]) -> list[str]:
    """Need area ids with the person's own needs first, then the rest in content order."""
    first = [a for a in preferred if a in all_area_ids]
    return first + [a for a in all_area_ids if a not in first]


def needs_without_outcomes(needs: list[NeedNote], outcomes: list[Outcome]) -> list[str]:
    """Need areas the person chose in About you that no outcome is linked to yet."""
    linked = {area for outcome in outcomes for area in outcome.need_areas}
    return [note.area for note in needs if note.area not in linked]


def outcome_from_example(example: str, area_id: str) -> Outcome:
    """A new outcome to edit, started from an example and linked to its need area."""
    return Outcome(text=example, need_areas=[area_id])
