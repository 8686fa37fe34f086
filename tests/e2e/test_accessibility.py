"""WCAG 2.2 AA checks in a real browser: axe on every step, titles, language, focus, reflow,
larger text and the accessibility statement.

Each step is opened by its web address (a fresh session) at desktop and phone widths.
The whole journeys in test_journeys.py scan again with answers, errors and results showing.
"""
from __future__ import annotations

import pytest

from logic.content import STEP_IDS, load_content
from tests.e2e.journeys import (
    DESKTOP,
    PHONE,
    SMALL_PHONE,
    ZOOM_200,
    axe_scan,
    click_continue,
    focused,
    heading,
    horizontal_overflow,
    open_step,
    screenshots_at_widths,
    settle,
)
from ui.frame import STEP_URLS

CONTENT = load_content()
SERVICE = CONTENT.service.service_name
STATEMENT_URL = "accessibility-statement"


def title_of(step_id: str) -> str:
    return f"{CONTENT.step(step_id).title}: {SERVICE}"


@pytest.mark.parametrize("step_id", STEP_IDS)
def test_each_step_has_its_own_title_language_and_no_serious_axe_violation(page, server, step_id):
    open_step(page, server["url"], STEP_URLS[step_id])
    assert page.title() == title_of(step_id)
    assert page.evaluate("document.documentElement.lang") == "en-GB"
    problems = axe_scan(page, f"{step_id} desktop")
    page.set_viewport_size(PHONE)
    settle(page)
    problems += axe_scan(page, f"{step_id} phone")
    assert problems == []
    screenshots_at_widths(page, f"step-{STEP_IDS.index(step_id) + 1:02d}-{step_id}-blank")


@pytest.mark.parametrize("step_id", STEP_IDS)
def test_no_sideways_scrolling_at_320_px_or_at_200_percent_zoom(page, server, step_id):
    open_step(page, server["url"], STEP_URLS[step_id])
    for size in (SMALL_PHONE, ZOOM_200):
        page.set_viewport_size(size)
        settle(page)
        assert horizontal_overflow(page) == [], f"{step_id} at {size['width']} px"


def test_every_input_has_a_visible_label_tied_to_it(page, server):
    settle(page)
    # The file box is reached by its "Browse files" button under a visible label; its own
    # <input type=file> is hidden by Streamlit, so it is left out here (axe still checks it).

    page.get_by_text("For someone I care for", exact=True).click()
    settle(page)
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('input:not([type=hidden]):not([type=file]), textarea, select')]
             .filter(el => el.offsetParent !== null || el.type === 'radio' || el.type === 'checkbox')
             .filter(el => {
               const byFor = el.labels && [...el.labels].some(l => l.innerText.trim());
               const by = (el.getAttribute('aria-labelledby') || '').split(' ')
                 .map(id => document.getElementById(id)).filter(Boolean)
                 .some(l => l.innerText.trim());
               const wrap = el.closest('label') && el.closest('label').innerText.trim();
               return !(byFor || by || wrap);
             }).map(el => el.outerHTML.slice(0, 120))"""
    )
    assert unlabelled == []
    # A radio group is announced with its question (Streamlit leaves the group unnamed).
    assert page.get_by_role("radiogroup", name="Who is this plan for?").count() == 1


def test_an_error_puts_error_in_the_title_takes_focus_and_links_to_the_field(page, server):
    settle(page)
    click_continue(page)  # Start asks who the plan is for; nothing chosen yet
    assert page.title() == f"Error: {title_of('start')}"
    assert focused(page)["key"] == "error_summary"
    assert axe_scan(page, "start error") == []
    link = page.locator(".st-key-error_summary a").first
    assert link.inner_text().strip()
    link.click()
    page.wait_for_timeout(300)
    assert focused(page)["key"] == "w_start_mode"
    screenshots_at_widths(page, "error-start")


def test_continue_moves_focus_to_the_new_steps_heading(page, server):
    settle(page)
    page.get_by_text("For myself", exact=True).click()
    settle(page)
    click_continue(page)
    now = focused(page)
    assert now["tag"] == "h1" and now["id"] == "main-heading"
    assert page.title() == title_of("budget")
    assert heading(page) in now["text"]


def test_focus_is_always_visible_on_links_buttons_and_fields(page, server):
    settle(page)
    rings = []
    for _ in range(12):
        page.keyboard.press("Tab")
        rings.append(
            page.evaluate(
                """() => {
                  const el = document.activeElement;
                  if (!el || el === document.body) return null;
                  const target = el.matches('input[type=radio], input[type=checkbox]') ? el.closest('label') : el;
                  const style = getComputedStyle(target);
                  const outline = parseFloat(style.outlineWidth) || 0;
                  const ring = style.outlineStyle !== 'none' && outline >= 2;
                  const shadow = style.boxShadow && style.boxShadow !== 'none';
                  return {tag: el.tagName, testid: el.getAttribute('data-testid'), cls: el.className.slice(0, 60), visible: Boolean(ring || shadow)};
                }"""
            )
        )
    seen = [r for r in rings if r]
    assert len(seen) >= 8
    assert all(r["visible"] for r in seen), seen


def test_larger_text_makes_the_words_bigger_on_every_step_until_switched_off(page, server):
    def body_size() -> float:
        return page.evaluate(
            "() => parseFloat(getComputedStyle(document.querySelector('[data-testid=\"stMain\"] .stMarkdown p')).fontSize)"
        )

    settle(page)
    before = body_size()
    page.locator("[data-testid='stMain']").get_by_text("Larger text", exact=True).click()
    settle(page)
    bigger = body_size()
    assert bigger >= before * 1.25
    page.get_by_text("For myself", exact=True).click()
    settle(page)
    click_continue(page)
    assert body_size() >= before * 1.25
    assert axe_scan(page, "budget larger text") == []
    page.set_viewport_size(SMALL_PHONE)
    settle(page)
    assert horizontal_overflow(page) == []
    screenshots_at_widths(page, "larger-text-budget", {"phone-320": SMALL_PHONE, "desktop": DESKTOP})
    page.locator("[data-testid='stMain']").get_by_text("Larger text", exact=True).click()
    settle(page)
    assert body_size() == pytest.approx(before, rel=0.02)


def test_accessibility_statement_is_linked_from_every_step_and_keeps_answers(page, server):
    settle(page)
    page.get_by_text("For myself", exact=True).click()
    settle(page)
    page.get_by_label("Your name", exact=False).first.fill("Zoë")
    page.get_by_label("Your name", exact=False).first.press("Tab")
    settle(page)
    page.locator("[data-testid='stMain']").get_by_role("link", name="Accessibility statement").click()
    settle(page)
    assert page.title() == f"Accessibility statement: {SERVICE}"
    assert heading(page).startswith("Accessibility statement")
    assert focused(page)["id"] == "main-heading"
    for words in ("another format", "not accessible", "How we tested"):
        assert page.get_by_text(words, exact=False).count() >= 1
    assert axe_scan(page, "accessibility statement") == []
    screenshots_at_widths(page, "accessibility-statement")
    page.locator("[data-testid='stMain']").get_by_role("link", name="Back").click()
    settle(page)
    assert page.get_by_label("Your name", exact=False).first.input_value() == "Zoë"


def test_a_single_letter_key_outside_a_box_does_not_rerun_the_page(page, server):
    # WCAG 2.1.4: Streamlit reruns on "r"; speech input can type letters by accident.
    settle(page)
    page.get_by_text("For myself", exact=True).click()
    settle(page)
    draws = page.evaluate("window.plannerA11y.draws")
    page.locator("h1").click()
    for key in ("r", "R", "c"):
        page.keyboard.press(key)
    page.wait_for_timeout(800)
    settle(page)
    assert page.evaluate("window.plannerA11y.draws") == draws
    box = page.get_by_label("Your name", exact=False).first
    box.click()
    page.keyboard.type("Ruth")
    assert box.input_value() == "Ruth"


def test_every_failed_continue_moves_focus_to_the_error_summary_again(page, server):
    settle(page)
    for _ in range(2):
        page.locator("h1").focus()
        click_continue(page)
        assert focused(page)["key"] == "error_summary"
