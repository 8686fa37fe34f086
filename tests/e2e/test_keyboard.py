"""A whole plan made with the keyboard alone: Tab, Shift+Tab, Enter, Space and arrow keys.

No mouse click anywhere. At every stop focus must be visible; after Continue focus must land
on the new step's heading; the error summary must take focus and its link must reach the field.
"""
from __future__ import annotations

from tests.e2e.journeys import download_by_keyboard, focused, heading, pdf_text, settle, squash

MAX_TABS = 250

RING = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return false;
  const target = el.matches('input[type=radio], input[type=checkbox]') ? el.closest('label') : el;
  const style = getComputedStyle(target);
  return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2)
      || (style.boxShadow && style.boxShadow !== 'none');
}"""


def press(page, key: str) -> None:
    page.keyboard.press(key)
    settle(page, 150)


def tab_to(page, wanted, backwards: bool = False) -> dict:
    """Press Tab (or Shift+Tab) until focus is on what `wanted(focused)` accepts."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        now = focused(page)
        # Past the last control focus rests on the page itself (the browser's own stop).
        assert now["tag"] == "body" or page.evaluate(RING), f"focus is not visible on {now}"
        if wanted(now):
            return now
        if now["tag"] == "body":
            settle(page)  # a whole round without it: let a slow rerun finish drawing first
    raise AssertionError("could not reach it with the keyboard")


def text_starts(words: str):
    # Buttons with an icon read "add Add an outcome": the icon's name comes first.
    return lambda now: words in now["text"].strip()[:len(words) + 12]


def key_is(key: str):
    return lambda now: now["key"] == key


def type_here(page, text: str) -> None:
    page.keyboard.type(text)
    press(page, "Tab")  # leaving the box sends the answer; focus moves on as it would


def continue_by_keyboard(page) -> None:
    before = heading(page)
    tab_to(page, lambda now: now["tag"] == "button" and now["text"].strip() == "Continue")
    press(page, "Enter")
    settle(page)
    assert heading(page) != before, f"still on {before}"
    now = focused(page)
    assert now["id"] == "main-heading", now


def test_a_whole_plan_can_be_made_with_the_keyboard_alone(page):
    settle(page)
    # Start: the radio group by Tab, the option by Space, the name typed.
    tab_to(page, lambda now: now["tag"] == "input" and now["key"] == "w_start_mode")
    press(page, "Space")
    tab_to(page, key_is("w_start_person_name"))
    type_here(page, "Søren Ødegård")
    # Shift+Tab goes back to the name box, and what was typed is still there.
    now = tab_to(page, key_is("w_start_person_name"), backwards=True)
    assert now["text"] == "Søren Ødegård"
    continue_by_keyboard(page)

    # Budget: one answer with the arrow keys (ArrowDown moves to and picks the next option).
    tab_to(page, lambda now: now["tag"] == "input" and (now["key"] or "").startswith("w_budget_answer_"))
    press(page, "ArrowDown")
    continue_by_keyboard(page)

    # About: Continue with the required answer empty; the error summary takes focus and
    # its link (Enter) puts focus in the box to fix.
    tab_to(page, lambda now: now["tag"] == "button" and now["text"].strip() == "Continue")
    press(page, "Enter")
    settle(page)
    assert focused(page)["key"] == "error_summary"
    assert page.title().startswith("Error: ")
    tab_to(page, lambda now: now["tag"] == "a" and "What matters to you?" in now["text"])
    press(page, "Enter")
    assert focused(page)["key"] == "w_about_important_to_me"
    type_here(page, "Fjord walks and my choir")
    continue_by_keyboard(page)

    # Outcomes: "Add an outcome" with Space, type it, pick a need area from the list by keys.
    tab_to(page, text_starts("Add an outcome"))
    press(page, "Space")
    tab_to(page, text_starts("Outcome 1: What do you want?"))
    type_here(page, "I want to sing with my choir every week")
    tab_to(page, text_starts("Outcome 1: Which needs"))
    page.keyboard.type("Eating")
    press(page, "Enter")
    press(page, "Escape")
    continue_by_keyboard(page)

    # Network: the carer question, second option by arrow key.
    tab_to(page, lambda now: now["tag"] == "input" and now["key"] == "w_network_carer_involved")
    press(page, "ArrowDown")
    continue_by_keyboard(page)

    continue_by_keyboard(page)  # spending
    continue_by_keyboard(page)  # managing

    tab_to(page, key_is("w_safety_if_carer_unable"))
    type_here(page, "My neighbour Åse has a key")
    continue_by_keyboard(page)
    continue_by_keyboard(page)  # check your answers

    assert heading(page) == "Your draft plan"
    data = download_by_keyboard(page, "Download your draft plan (PDF)")
    text = squash(pdf_text(data))
    for words in ("Søren Ødegård", "Fjord walks", "sing with my choir", "Åse"):
        assert squash(words) in text, words
