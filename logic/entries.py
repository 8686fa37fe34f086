"""Lists of entries in the Plan (outcomes, people, risks, contacts), changed one at a time.

Entries are found by their stable key, never by position, so moving or removing one entry
leaves every other entry, and the widgets keyed by its id, exactly as they were.
"""
from __future__ import annotations

from typing import Any, TypeVar

from logic.journey import entry_key

E = TypeVar("E")


def find_entry(entries: list[E], key: str) -> E | None:
    return next((entry for entry in entries if entry_key(entry) == key), None)


def position(entries: list[Any], key: str) -> int | None:
    return next((index for index, entry in enumerate(entries) if entry_key(entry) == key), None)


def move_entry(entries: list[Any], key: str, offset: int) -> bool:
    """Move one entry up (-1) or down (+1); False when it is already at that end."""
    index = position(entries, key)
    if index is None:
        return False
    target = index + offset
    if not 0 <= target < len(entries):
        return False
    entries[index], entries[target] = entries[target], entries[index]
    return True


def remove_entry(entries: list[E], key: str) -> tuple[int, E] | None:
    """Take one entry out; return where it was and the entry itself, so it can be put back."""
    index = position(entries, key)
    if index is None:
        return None
    return index, entries.pop(index)


def restore_entry(entries: list[E], index: int, entry: E) -> None:
    """Put a removed entry back where it was (or at the end if the list has since shrunk)."""
    if position(entries, entry_key(entry)) is not None:
        return
    entries.insert(min(index, len(entries)), entry)
