"""Kiosk mode in a real browser: warn after a short idle time, keep answers on "I'm still here",
wipe them when nobody answers, and never bring them back with the browser's back button.

The server runs with PLANNER_KIOSK=1 and a 5-second idle time and countdown, as a library
deployment would with its own (longer) times.
"""
from __future__ import annotations

import pytest

from logic.content import load_content
from tests.e2e.conftest import screenshot, start_server, stop_server, wait_ready

CONTENT = load_content()
WARNING = "Are you still there?"
NAME = "Perpetua Quillfeather"
ANSWER = "Swimming at the lido with Bartholomew"


def save_words(key: str) -> str:
    return CONTENT.save.text[key]


@pytest.fixture(scope="module")
def kiosk_server():
    process, url, log = start_server(
        {"PLANNER_KIOSK": "1", "PLANNER_IDLE_SECONDS": "5", "PLANNER_COUNTDOWN_SECONDS": "5"}
    )
    yield {"url": url, "log": log}
    stop_server(process)


@pytest.fixture()
def kiosk_page(browser, kiosk_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(kiosk_server["url"])
    wait_ready(page)
    yield page
    context.close()


def settle(page) -> None:
    wait_ready(page)
    page.wait_for_timeout(200)
    wait_ready(page)


def type_into(page, label: str, text: str) -> None:
    box = page.get_by_label(label).first
    box.fill(text)
    box.press("Tab")
    settle(page)


def answer_two_steps(page) -> None:
    page.get_by_text("For myself", exact=True).first.click()
    settle(page)
    type_into(page, "Your name", NAME)
    page.get_by_role("link", name="About you").first.click()
    settle(page)
    type_into(page, "What matters to you?", ANSWER)


def page_text(page) -> str:
    return page.content()


def test_the_start_page_tells_a_kiosk_visitor_what_will_happen(kiosk_page):
    assert "This is a shared computer" in kiosk_page.inner_text("body")


def test_an_idle_kiosk_warns_with_a_countdown_and_i_am_still_here_keeps_the_answers(kiosk_page):
    answer_two_steps(kiosk_page)
    warning = kiosk_page.get_by_text(WARNING)
    warning.wait_for(timeout=20_000)
    assert "seconds" in kiosk_page.locator(".st-key-kiosk_warning").inner_text()
    screenshot(kiosk_page, "kiosk-idle-warning")
    kiosk_page.get_by_role("button", name=save_words("kiosk_still_here")).click()
    warning.wait_for(state="detached", timeout=10_000)
    settle(kiosk_page)
    assert kiosk_page.get_by_label("What matters to you?").first.input_value() == ANSWER


def test_an_idle_kiosk_is_wiped_back_to_start_and_back_does_not_bring_the_answers(kiosk_page):
    answer_two_steps(kiosk_page)
    kiosk_page.get_by_text(save_words("kiosk_cleared")).wait_for(timeout=30_000)
    settle(kiosk_page)
    screenshot(kiosk_page, "kiosk-wiped")
    assert NAME not in page_text(kiosk_page)
    assert ANSWER not in page_text(kiosk_page)
    assert kiosk_page.get_by_label("Your name").count() == 0 or \
        kiosk_page.get_by_label("Your name").first.input_value() == ""
    kiosk_page.go_back()
    settle(kiosk_page)
    kiosk_page.go_back()
    settle(kiosk_page)
    assert NAME not in page_text(kiosk_page)
    assert ANSWER not in page_text(kiosk_page)
    about = kiosk_page.get_by_label("What matters")
    if about.count():
        assert about.first.input_value() == ""
