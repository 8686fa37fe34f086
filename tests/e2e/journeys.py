"""Helpers that drive the planner in a real browser as a person would, and check each step.

Used by the journey, accessibility and keyboard tests: moving between steps, answering
questions by their visible labels, axe scans, screenshots at phone and desktop widths,
and reading the downloaded PDF back.
"""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

from tests.e2e.conftest import SCREENSHOTS, wait_ready

# Widths a person might use: two phones (WCAG 1.4.10 reflow is tested at 320 CSS px) and a
# desktop. 640 px wide is what a 1280 px screen shows at 200% zoom.
PHONE = {"width": 360, "height": 800}
SMALL_PHONE = {"width": 320, "height": 720}
DESKTOP = {"width": 1280, "height": 900}
ZOOM_200 = {"width": 640, "height": 450}
BLOCKING_IMPACTS = {"serious", "critical"}
AXE_REPORT = SCREENSHOTS / "axe-moderate-and-minor.json"
AXE_REPORT.unlink(missing_ok=True)  # each test run writes a fresh report


# ---- moving around -------------------------------------------------------------------

def settle(page, pause_ms: int = 250) -> None:
    """Wait for Streamlit to finish drawing a page: connected, not running, a heading and
    the planner's styles on it (a first load can look idle before its first run starts)."""
    wait_ready(page)
    page.wait_for_function(
        """() => document.querySelector('h1') && document.querySelector('.planner-a11y')
             && [...document.querySelectorAll('style')].some(s => s.textContent.includes('--planner-focus'))""",
        timeout=20000,
    )
    page.wait_for_timeout(pause_ms)
    wait_ready(page)


def click_continue(page) -> None:
    page.get_by_role("button", name="Continue", exact=True).click()
    settle(page)


def open_step(page, base_url: str, url_path: str) -> None:
    """Open a step by its web address (a fresh visit: a new session, no answers).

    The first step lives at "/" itself: its own name there gives "Page not found"."""
    page.goto(f"{base_url}/{'' if url_path == 'start' else url_path}")
    settle(page)


def heading(page) -> str:
    return page.locator("h1").first.inner_text().strip()


def focused(page) -> dict:
    """What has keyboard focus: tag, id, text and the widget key it sits in."""
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          const box = el && el.closest('[class*="st-key-"]');
          const key = box ? [...box.classList].find(c => c.startsWith('st-key-')) : null;
          return {tag: el ? el.tagName.toLowerCase() : null, id: el ? el.id : null,
                  text: el ? (el.innerText || el.value || el.getAttribute('aria-label') || '').slice(0, 200) : '',
                  key: key ? key.slice(7) : null};
        }"""
    )


# ---- answering questions ---------------------------------------------------------------

def type_into(page, label: str, text: str, exact: bool = False) -> None:
    """Type into the box with this visible label, then leave it so the answer is sent."""
    box = page.get_by_label(label, exact=exact).first
    box.fill(text)
    box.press("Tab")
    settle(page, 100)


def choose(page, option: str) -> None:
    """Pick a radio option or tick a checkbox by the words beside it."""
    page.get_by_text(option, exact=True).first.click()
    settle(page, 100)


def type_into_key(page, key: str, text: str) -> None:
    """Type into the widget with this Streamlit key (for repeated labels in lists)."""
    box = page.locator(f".st-key-{key} textarea, .st-key-{key} input").first
    box.fill(text)
    box.press("Tab")
    settle(page, 100)


# ---- checks ----------------------------------------------------------------------------

def axe_scan(page, where: str) -> list[dict]:
    """Run axe-core (bundled, offline) on the page; return serious or critical violations.

    Moderate and minor ones are written to a report for the accessibility statement.
    """
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page)
    violations = result.response["violations"]
    _record_lesser(where, [v for v in violations if v.get("impact") not in BLOCKING_IMPACTS])
    return [
        {"where": where, "id": v["id"], "impact": v["impact"], "help": v["help"],
         "targets": [n["target"] for n in v["nodes"]][:5]}
        for v in violations
        if v.get("impact") in BLOCKING_IMPACTS
    ]


def _record_lesser(where: str, violations: list[dict]) -> None:
    if not violations:
        return
    AXE_REPORT.parent.mkdir(parents=True, exist_ok=True)
    report = json.loads(AXE_REPORT.read_text()) if AXE_REPORT.exists() else {}
    report[where] = [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "targets": [n["target"] for n in v["nodes"]][:5]}
        for v in violations
    ]
    AXE_REPORT.write_text(json.dumps(report, indent=1, ensure_ascii=False))


def horizontal_overflow(page) -> list[str]:
    """Elements of the main column wider than the window (text that would need sideways scrolling)."""
    return page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth;
          const main = document.querySelector('[data-testid="stMain"]') || document.body;
          const wide = [];
          for (const el of main.querySelectorAll('p, li, label, h1, h2, h3, h4, button, input, textarea, a, [data-testid="stAlert"]')) {
            const box = el.getBoundingClientRect();
            if (box.width > 0 && (box.right > width + 1 || box.left < -1)) {
              wide.push(el.tagName.toLowerCase() + ': ' + (el.innerText || el.value || '').slice(0, 60));
            }
          }
          const scroller = document.querySelector('[data-testid="stMain"]');
          if (scroller && scroller.scrollWidth > scroller.clientWidth + 1) {
            wide.push('main scrolls sideways: ' + scroller.scrollWidth + ' > ' + scroller.clientWidth);
          }
          return wide;
        }"""
    )


def unlabelled_inputs(page) -> list[str]:
    """Boxes and choices with no visible label tied to them (file inputs are Streamlit's
    hidden ones: their visible "Upload" button carries the name)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('input:not([type=hidden]):not([type=file]), textarea, select')]
             .filter(el => {
               // Inside a closed expander nothing is shown, so nothing needs a label yet.
               const holder = el.closest('.stElementContainer') || el;
               const seen = holder.checkVisibility ? holder.checkVisibility({ visibilityProperty: true, opacityProperty: true })
                                                   : holder.getClientRects().length > 0;
               // A date picker's spare native box is taken out of the tab order and unused.
               return seen && !(el.type === 'date' && el.tabIndex === -1);
             })
             .filter(el => {
               const byFor = el.labels && [...el.labels].some(l => l.innerText.trim());
               const by = (el.getAttribute('aria-labelledby') || '').split(' ')
                 .map(id => document.getElementById(id)).filter(Boolean)
                 .some(l => l.innerText.trim());
               const wrap = el.closest('label') && el.closest('label').innerText.trim();
               const group = el.closest('[role=radiogroup]') && el.closest('[role=radiogroup]').getAttribute('aria-label');
               // A drop-down's box is named by aria-label, copied from the label shown above it.
               const box = el.closest('.stElementContainer');
               const shown = box && [...box.querySelectorAll('[data-testid=stWidgetLabel]')]
                 .some(l => l.offsetParent !== null && l.innerText.trim());
               const named = shown && (el.getAttribute('aria-label') || '').trim();
               return !(byFor || by || wrap || group || named);
             }).map(el => el.outerHTML.slice(0, 120))"""
    )


# ---- screenshots -----------------------------------------------------------------------

def whole_page_screenshot(page, name: str) -> Path:
    """Streamlit scrolls inside its main area, so grow the window to show the whole step."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    original = page.viewport_size
    height = page.evaluate(
        """() => {
          const main = document.querySelector('[data-testid="stMain"]');
          const inner = document.querySelector('[data-testid="stMainBlockContainer"]');
          return Math.max(main ? main.scrollHeight : 0, inner ? inner.scrollHeight + 120 : 0,
                          document.documentElement.scrollHeight);
        }"""
    )
    page.set_viewport_size({"width": original["width"], "height": min(max(height, original["height"]), 12000)})
    page.wait_for_timeout(200)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(original)
    page.wait_for_timeout(100)
    return path


def screenshots_at_widths(page, name: str, sizes: dict[str, dict] | None = None) -> list[Path]:
    """The same step at phone and desktop widths, saved for a person to look at."""
    sizes = sizes or {"phone-360": PHONE, "phone-320": SMALL_PHONE, "desktop": DESKTOP}
    original = page.viewport_size
    paths = []
    for label, size in sizes.items():
        page.set_viewport_size(size)
        page.wait_for_timeout(300)
        paths.append(whole_page_screenshot(page, f"{name}-{label}"))
    page.set_viewport_size(original)
    page.wait_for_timeout(200)
    return paths


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


# ---- the PDF ---------------------------------------------------------------------------

def download(page, button_name: str) -> bytes:
    """Click a download button and return the file's bytes."""
    with page.expect_download() as info:
        page.get_by_role("button", name=button_name).first.click()
    path = info.value.path()
    return Path(path).read_bytes()


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def squash(text: str) -> str:
    """Text with all whitespace removed, to find words a PDF may have wrapped or spaced."""
    return re.sub(r"\s+", "", text)


# ---- whole journeys --------------------------------------------------------------------
#
# A journey is a list of steps; each step is a list of actions a person takes on it before
# pressing Continue. Actions name what a person sees (labels, option words, button names):
#   ("choose", "For myself")                         a radio option or checkbox, by its words
#   ("choose_in", "Question words", "Option words")  an option inside one named radio group
#   ("type", "Label words", "answer")                a text box, by (part of) its label
#   ("select", "Label words", "Option words")        a drop-down list or multi-select
#   ("click", "Button name")                         a button
#   ("error_scan",)                                  press Continue with what is there, expect
#                                                    the error summary, scan it, carry on

def select_option(page, label: str, option: str) -> None:
    page.get_by_label(label, exact=False).first.click()
    page.get_by_role("option", name=option, exact=True).first.click()
    settle(page, 100)
    if page.get_by_role("listbox").count():
        page.keyboard.press("Escape")  # a multi-select stays open: close it so it covers nothing
        settle(page, 100)


def error_summary(page) -> str:
    box = page.locator(".st-key-error_summary")
    return box.inner_text() if box.count() else ""


def act(page, action: tuple, where: str) -> list[dict]:
    kind, *args = action
    if kind == "choose":
        choose(page, args[0])
    elif kind == "choose_in":
        group = page.get_by_role("radiogroup", name=args[0], exact=False).first
        group.get_by_text(args[1], exact=True).first.click()
        settle(page, 100)
    elif kind == "type":
        type_into(page, args[0], args[1])
    elif kind == "select":
        select_option(page, args[0], args[1])
    elif kind == "click":
        page.get_by_role("button", name=args[0], exact=True).first.click()
        settle(page)
    elif kind == "error_scan":
        click_continue(page)
        assert error_summary(page), f"{where}: expected an error summary"
        assert page.title().startswith("Error: ")
        assert focused(page)["key"] == "error_summary"
        return axe_scan(page, f"{where} with errors")
    else:
        raise ValueError(kind)
    return []


def walk(page, journey_name: str, steps: list[tuple[str, list[tuple]]], widths: bool = False) -> list[dict]:
    """Do each step's actions, scan it with axe (answers showing), press Continue.

    Returns every serious or critical axe violation found on the way (it should be none).
    """
    problems: list[dict] = []
    for number, (step_name, actions) in enumerate(steps, start=1):
        where = f"{journey_name} {step_name}"
        for action in actions:
            problems += act(page, action, where)
        problems += axe_scan(page, where)
        assert unlabelled_inputs(page) == [], where
        if widths:
            screenshots_at_widths(page, f"{journey_name}-{number:02d}-{step_name}")
        else:
            whole_page_screenshot(page, f"{journey_name}-{number:02d}-{step_name}-desktop")
        if step_name == "plan":
            break
        before = heading(page)
        click_continue(page)
        assert not error_summary(page), f"{where}: {error_summary(page)}"
        assert heading(page) != before, f"{where}: Continue did not move on"
        assert focused(page)["id"] == "main-heading", f"{where}: focus did not move to the heading"
    return problems


def download_by_keyboard(page, button_name: str, max_tabs: int = 120) -> bytes:
    """Tab to a download button and press Enter; return the file's bytes."""
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        now = focused(page)
        if now["tag"] == "button" and button_name in now["text"]:
            break
    else:
        raise AssertionError(f"could not reach {button_name!r} with the keyboard")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    return Path(info.value.path()).read_bytes()
