"""Four whole journeys in a real browser, each ending with the draft plan PDF read back.

(a) a resident planning for themself, (b) a carer planning for a parent with dementia,
(c) a young adult with a learning disability who wants a personal assistant, (d) a visitor
at a library kiosk (PLANNER_KIOSK=1) who finishes and clears. Names and answers use
accents, Arabic, Chinese and Gujarati script. Every step is scanned with axe (with answers
showing, with errors showing where a step has required answers, and on the result pages);
journey (a) also saves every step at phone and desktop width for a person to look at.
"""
from __future__ import annotations

import pytest

from tests.e2e.conftest import start_server, stop_server
from tests.e2e.journeys import (
    download,
    error_summary,
    heading,
    pdf_text,
    settle,
    squash,
    walk,
    whole_page_screenshot,
)

DOWNLOAD_PLAN = "Download your draft plan (PDF)"


def pdf_has(text: str, words: str) -> bool:
    """PDF text extraction may space or wrap words differently: compare without spaces."""
    return squash(words) in squash(text)


def download_plan(page) -> str:
    data = download(page, DOWNLOAD_PLAN)
    assert data.startswith(b"%PDF")
    return pdf_text(data)


# ---- (a) a resident planning for themself ----------------------------------------------

RESIDENT = [
    ("start", [("choose", "For myself"), ("type", "Your name", "Zoë Wiśniewski-Çelik")]),
    ("budget", [
        ("choose_in", "eating and drinking", "Help to make the main meals every day, and reminders to eat and drink."),
        ("choose_in", "to keep clean", "Help with a bath or shower once or twice a week, or reminders to wash."),
    ]),
    ("about", [
        ("error_scan",),
        ("type", "What matters to you?", "Mój ogród, my cat Ćma, and 读书 with my granddaughter"),
        ("type", "How do you like to communicate?", "Large print, and short sentences — please"),
    ]),
    ("outcomes", [
        ("error_scan",),
        ("click", "Add an outcome"),
        ("type", "Outcome 1: What do you want?", "I want to cook a hot meal on my own, like crème brûlée"),
        ("select", "Outcome 1: Which needs does this help with?", "Eating and drinking"),
    ]),
    ("network", [("error_scan",), ("choose_in", "Does a carer help you?", "No")]),
    ("spending", []),
    ("managing", [("choose", "The council arranges the support")]),
    ("safety", [
        ("error_scan",),
        ("type", "suddenly unable to help", "Ring my neighbour Renée; the key is with Zoë's son"),
    ]),
    ("check", []),
    ("plan", []),
]


def test_a_resident_plans_for_themself_and_gets_their_plan(page, server):
    settle(page)
    problems = walk(page, "resident", RESIDENT, widths=True)
    assert problems == []
    text = download_plan(page)
    for words in ("Zoë Wiśniewski-Çelik", "Mój ogród", "crème brûlée", "Renée"):
        assert pdf_has(text, words), words


# ---- (b) a carer planning for a parent with dementia -----------------------------------

CARER = [
    ("start", [
        ("choose", "For someone I care for"),
        ("type", "The name of the person you care for", "Władysław Nowak"),
        ("type", "Your name", "Agnieszka Nowak"),
        ("type", "Your relationship to", "Daughter"),
        ("choose", "I will write down what Władysław Nowak would want, and act in their best interests"),
    ]),
    ("budget", [
        ("choose_in", "eating and drinking", "Help to make the main meals every day, and reminders to eat and drink."),
        ("choose_in", "to keep clean", "Help to wash every day."),
        ("choose_in", "using the toilet", "Help now and then, for example at night or after an accident."),
    ]),
    ("about", [
        ("type", "What matters to Władysław Nowak?",
         "His garden, Chopin on the radio, and mint tea — يحب الشاي بالنعناع. He has dementia."),
        ("type", "How does Władysław Nowak like to communicate?", "Short questions, one at a time, in Polish"),
    ]),
    ("outcomes", [
        ("click", "Add an outcome"),
        ("type", "Outcome 1: What does Władysław Nowak want?", "To stay safe at home at night and sleep well"),
        ("select", "Outcome 1: Which needs does this help with?", "Moving around and being safe at home"),
    ]),
    ("network", [
        ("click", "Add a person"),
        ("type", "Person 1: Their name", "Agnieszka"),
        ("type", "Person 1: What do they help with?", "Shopping, pills, and visits every evening"),
        ("choose_in", "a carer for Władysław Nowak", "Yes"),
        ("choose_in", "need support of your own", "Yes"),
    ]),
    ("spending", []),
    ("managing", [("choose", "A managed account")]),
    ("safety", [
        ("type", "suddenly unable to care for", "My brother Łukasz can stay for a week"),
        ("click", "Add a contact"),
        ("type", "Contact 1: Name", "Łukasz Nowak"),
        ("type", "Contact 1: Phone number", "07700 900123"),
    ]),
    ("check", []),
    ("plan", []),
]


def test_a_carer_plans_for_a_parent_with_dementia(page, server):
    settle(page)
    problems = walk(page, "carer", CARER)
    assert problems == []
    text = download_plan(page)
    for words in ("Władysław Nowak", "Agnieszka", "Chopin", "Łukasz Nowak", "07700 900123"):
        assert pdf_has(text, words), words


# ---- (c) a young adult with a learning disability, who wants a personal assistant ------

YOUNG_ADULT = [
    ("start", [
        ("choose", "For myself, with help from someone"),
        ("type", "Your name", "Aarav Shah"),
        ("type", "Who is helping you?", "Priya Shah"),
        ("type", "How do they know you?", "My sister"),
    ]),
    ("budget", [
        ("choose_in", "eating and drinking", "A little help: for example with food shopping, or a hot meal made a few times a week."),
    ]),
    ("about", [
        ("type", "What matters to you?", "Football, my job at the café, and cooking દાળ with Mum"),
        ("type", "How do you like to communicate?", "Easy read with pictures. Give me time to answer."),
    ]),
    ("outcomes", [
        ("click", "Add an outcome"),
        ("type", "Outcome 1: What do you want?", "I want to go to football training on my own on Saturdays"),
        ("select", "Outcome 1: Which needs does this help with?", "Eating and drinking"),
    ]),
    ("network", [("choose_in", "Does a carer help you?", "Yes")]),
    ("spending", [
        ("select", "Type of support", "Personal assistant (PA) hours"),
        ("type", "How many", "10"),
        ("choose", "I want to go to football training on my own on Saturdays"),
        ("click", "Add to the list"),
    ]),
    ("managing", [("choose", "A direct payment"), ("choose", "To me")]),
    ("safety", [("type", "suddenly unable to help", "Priya calls Dad, and my PA Kofi comes earlier")]),
    ("check", []),
    ("plan", []),
]


def test_a_young_adult_plans_support_from_a_personal_assistant(page, server):
    settle(page)
    problems = walk(page, "young-adult", YOUNG_ADULT)
    assert problems == []
    text = download_plan(page)
    for words in ("Aarav Shah", "Priya Shah", "football training", "Personal assistant"):
        assert pdf_has(text, words), words


# ---- (d) a visitor at a library kiosk --------------------------------------------------

@pytest.fixture(scope="module")
def kiosk_server():
    process, url, log_path = start_server({"PLANNER_KIOSK": "1"})
    yield {"url": url, "log": log_path}
    stop_server(process)


KIOSK_VISITOR = [
    ("start", [("choose", "For myself"), ("type", "Your name", "Ana María Muñoz 李")]),
    ("budget", []),
    ("about", [("type", "What matters to you?", "Mi familia y la biblioteca")]),
    ("outcomes", [
        ("click", "Add an outcome"),
        ("type", "Outcome 1: What do you want?", "I want to get dressed without rushing"),
        ("select", "Outcome 1: Which needs does this help with?", "Getting dressed"),
    ]),
    ("network", [("choose_in", "Does a carer help you?", "No")]),
    ("spending", []),
    ("managing", []),
    ("safety", [("type", "suddenly unable to help", "Call the library desk")]),
    ("check", []),
    ("plan", []),
]


def test_a_kiosk_visitor_gets_the_plan_then_finishes_and_leaves_nothing(browser, kiosk_server):
    from tests.e2e.journeys import axe_scan

    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(kiosk_server["url"])
        settle(page)
        problems = walk(page, "kiosk", KIOSK_VISITOR)
        text = download_plan(page)
        assert pdf_has(text, "Ana María Muñoz")
        page.get_by_role("button", name="Finish and clear").click()
        settle(page)
        problems += axe_scan(page, "kiosk finish confirm")
        page.get_by_role("button", name="Yes, clear everything").click()
        settle(page)
        assert problems == []
        assert heading(page) == "Plan your care and support"
        assert not error_summary(page)
        assert page.get_by_label("Your name", exact=False).first.input_value() == ""
        assert page.get_by_role("radiogroup", name="Who is this plan for?").get_by_role("radio", checked=True).count() == 0
        assert "Muñoz" not in page.locator("body").inner_text()
        whole_page_screenshot(page, "kiosk-cleared-desktop")
    finally:
        context.close()


@pytest.fixture(scope="module")
def kiosk_idle_server():
    # A short idle time and a long countdown: the warning stays up while it is checked.
    process, url, log_path = start_server(
        {"PLANNER_KIOSK": "1", "PLANNER_IDLE_SECONDS": "3", "PLANNER_COUNTDOWN_SECONDS": "120"}
    )
    yield {"url": url, "log": log_path}
    stop_server(process)


def test_the_kiosk_idle_warning_passes_axe_and_i_am_still_here_works_from_the_keyboard(browser, kiosk_idle_server):
    from tests.e2e.journeys import axe_scan, focused

    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    try:
        page.goto(kiosk_idle_server["url"])
        settle(page)
        warning = page.locator(".st-key-kiosk_warning")
        warning.wait_for(timeout=30_000)
        settle(page)
        assert axe_scan(page, "kiosk idle warning phone") == []
        # Read out without moving focus: the warning is an alert.
        assert warning.get_by_role("alert").count() >= 1
        whole_page_screenshot(page, "kiosk-idle-warning-phone-360")
        # Twice round at most: on a busy machine a rerun can redraw the page mid-way and send
        # focus back to the top, which is not what is being tested here.
        for _ in range(160):
            page.keyboard.press("Tab")
            if "I'm still here" in focused(page)["text"]:
                break
        else:
            raise AssertionError("the I'm still here button cannot be reached with Tab")
        page.keyboard.press("Enter")
        warning.wait_for(state="detached", timeout=10_000)
    finally:
        context.close()
