"""In a real browser: answers typed on three steps survive going back to Start and forward."""
from tests.e2e.conftest import screenshot, wait_ready


def click_continue(page):
    page.get_by_role("button", name="Continue").click()
    wait_ready(page)


def go_to_step(page, link_name: str):
    page.get_by_role("link", name=link_name).first.click()
    wait_ready(page)


def type_into(page, label: str, text: str):
    box = page.get_by_label(label, exact=False).first
    box.fill(text)
    box.press("Tab")  # leaving the box sends the answer, as a person tabbing on would
    wait_ready(page)


def test_answers_on_three_steps_survive_going_back_to_start_and_forward(page):
    page.get_by_text("For myself", exact=True).click()
    wait_ready(page)
    type_into(page, "Your name", "Zoë Wiśniewski")
    click_continue(page)

    go_to_step(page, "3. About you")
    type_into(page, "What matters to you?", "My garden, and مسجد on Fridays 🌻")
    go_to_step(page, "8. Staying safe and if things change")
    type_into(page, "What should happen in an emergency?", "Ring my daughter Łucja")

    go_to_step(page, "1. Start")
    assert page.get_by_label("Your name", exact=False).first.input_value() == "Zoë Wiśniewski"
    click_continue(page)
    go_to_step(page, "3. About you")
    assert page.get_by_label("What matters to you?", exact=False).first.input_value() == (
        "My garden, and مسجد on Fridays 🌻"
    )
    screenshot(page, "foundation-about-kept")
    go_to_step(page, "8. Staying safe and if things change")
    assert page.get_by_label("What should happen in an emergency?", exact=False).first.input_value() == (
        "Ring my daughter Łucja"
    )
