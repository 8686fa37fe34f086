"""In a real browser, by keyboard: outcomes are added, typed, removed and put back one at a
time, and the buttons carry full names a screen reader reads out."""
from tests.e2e.conftest import screenshot, wait_ready


def press_button(page, name: str) -> None:
    button = page.get_by_role("button", name=name, exact=True)
    button.focus()
    page.keyboard.press("Enter")
    wait_ready(page)


def type_outcome(page, number: int, text: str) -> None:
    box = page.get_by_label(f"Outcome {number}: What do you want?", exact=False)
    box.fill(text)
    box.press("Tab")
    wait_ready(page)


def test_outcomes_are_added_removed_and_put_back_from_the_keyboard(page):
    page.get_by_role("link", name="4. What you want to change").first.click()
    wait_ready(page)
    press_button(page, "Add an outcome")
    type_outcome(page, 1, "I want home care every morning")
    assert page.get_by_text("sounds like a service", exact=False).count() == 1
    press_button(page, "Add an outcome")
    type_outcome(page, 2, "I want to see my grandchildren every week")

    press_button(page, "Remove: Outcome 1")
    remaining = page.get_by_label("Outcome 1: What do you want?", exact=False)
    assert remaining.input_value() == "I want to see my grandchildren every week"
    assert page.get_by_label("Outcome 2: What do you want?", exact=False).count() == 0
    screenshot(page, "plan-lists-outcome-removed")

    press_button(page, "Undo: put Outcome 1 (“I want home care every morning”) back")
    assert page.get_by_label("Outcome 1: What do you want?", exact=False).input_value() == (
        "I want home care every morning"
    )
    assert page.get_by_label("Outcome 2: What do you want?", exact=False).input_value() == (
        "I want to see my grandchildren every week"
    )
    assert page.get_by_role("button", name="Move down: Outcome 1", exact=True).is_enabled()
    assert page.get_by_role("button", name="Move up: Outcome 1", exact=True).is_disabled()
