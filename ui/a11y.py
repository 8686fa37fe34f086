"""Things every page needs so everyone can use it: focus, language, styles, larger text.

Streamlit draws a single-page app, so a screen reader is not told when the step changes and
focus stays where it was. A tiny script (no user text ever goes into it) moves focus to the
new heading or the error summary, sets the page language to en-GB and makes error-summary
links jump to their field. CSS gives a strong focus ring, reflow at 320 px and larger text.
"""
from __future__ import annotations

import json

import streamlit as st

LARGE_TEXT_KEY = "a11y_large_text"  # the person's choice, kept outside widget state
FOCUS_KEY = "a11y_focus"  # what to focus on the next draw: "heading" or "error_summary"
LAST_PAGE_KEY = "a11y_last_page"
DRAWS_KEY = "a11y_draws"
ERROR_SUMMARY_KEY = "error_summary"  # the container key; Streamlit adds class st-key-<key>
HEADING_ID = "main-heading"
PAGE_LANGUAGE = "en-GB"

# GOV.UK focus style: yellow with a thick dark edge, visible on any background.
_BASE_CSS = """
<style>
:root { --planner-focus: #ffdd00; --planner-ink: #0b0c0c; }
/* Everything that can take focus, including scrolling areas Chromium makes focusable. */
*:focus-visible {
  outline: 3px solid var(--planner-focus) !important;
  outline-offset: 0 !important;
  box-shadow: 0 0 0 6px var(--planner-ink) !important;
}
/* Streamlit hides the real radio and checkbox inputs: ring the visible label instead. */
label:has(input:focus-visible) {
  outline: 3px solid var(--planner-focus) !important;
  box-shadow: 0 0 0 6px var(--planner-ink) !important;
  border-radius: 2px;
}
#main-heading:focus, .st-key-error_summary:focus { outline: 3px solid var(--planner-focus); }
#main-heading:focus:not(:focus-visible) { outline: none; }
.st-key-error_summary { border-radius: 0.5rem; }
/* Reflow: long words (an email address, a typed name) wrap instead of widening the page. */
.stMarkdown, .stCaption, .stAlert, label, h1, h2, h3, p, li {
  overflow-wrap: anywhere;
}
/* A widget label's second paragraph is its hint (ui/fields.py): GOV.UK hint grey. */
[data-testid="stWidgetLabel"] [data-testid="stMarkdownContainer"] p + p { color: #505a5f; }
/* "Link to heading" icons add a tab stop per heading and say nothing useful. */
[data-testid="stHeaderActionElements"] { display: none !important; }
/* Answer choices read at the same size as the page's words, not Streamlit's smaller size. */
.stRadio [role="radiogroup"] label p, .stCheckbox label p,
.stRadio [role="radiogroup"] label [data-testid="stMarkdownContainer"] { font-size: 1rem !important; }
/* Links are underlined so they do not rely on colour alone. */
.stMarkdown a { text-decoration: underline; }
/* Check your answers: an answer sits close under its question (pages/check.py). */
[class*="st-key-answers_"] .stElementContainer:has(> .stMarkdown) + .stElementContainer:has(> .stText) {
  margin-top: -0.9rem;
}
/* The script elements take no room. */
.stElementContainer:has(> .stHtml .planner-a11y) { display: none; }
@media (max-width: 480px) {
  .block-container, [data-testid="stMainBlockContainer"] {
    padding-left: 0.75rem !important; padding-right: 0.75rem !important;
    padding-top: 3.5rem !important;
  }
  /* On a phone the step's heading stays the biggest; sections are clearly smaller. */
  h1 { font-size: 2rem !important; }
  h2 { font-size: 1.55rem !important; }
  h3 { font-size: 1.3rem !important; }
  h4 { font-size: 1.15rem !important; }
}
</style>
"""

# Larger text: everything in Streamlit is sized from the root font size.
_LARGE_CSS = """
<style>
html { font-size: 24px !important; }
.stMarkdown p, .stMarkdown li, label, input, textarea, button, .stCaption {
  font-size: 1.1rem !important;
}
</style>
"""

# Installed once per browser tab (Streamlit runs an element's script only when it first
# appears, not on every rerun). Each draw then writes a small marker with a new draw number
# and what to focus; the installed observer sees it change and acts on it. The script text
# never changes, so a Content-Security-Policy can allow it by hash; nothing a person typed
# ever goes into it or into the marker.
_SCRIPT = """
<script>
(function () {
  var w = window;
  var BACKSLASH = String.fromCharCode(92);
  if (!w.plannerA11y) {
    var a11y = w.plannerA11y = { draws: 0, lastDraw: null };
    a11y.focusWhenReady = function (selector, tries) {
      var el = document.querySelector(selector);
      if (!el) {
        if (tries > 0) { setTimeout(function () { a11y.focusWhenReady(selector, tries - 1); }, 100); }
        return;
      }
      if (!el.hasAttribute('tabindex')) { el.setAttribute('tabindex', '-1'); }
      el.focus({ preventScroll: false });
      el.scrollIntoView({ block: 'start' });
    };
    a11y.focusField = function (key) {
      var box = document.querySelector('.st-key-' + CSS.escape(key));
      if (!box) { return; }
      var field = box.querySelector('input:not([type=hidden]), textarea, select, [role=radio], button');
      (field || box).focus();
      box.scrollIntoView({ block: 'center' });
    };
    // Streamlit does not tie a radio group to its question: name each group by its label
    // (question and hint), so a screen reader says the question when entering the group.
    a11y.nameGroups = function () {
      document.querySelectorAll('.stRadio [role=radiogroup]').forEach(function (group) {
        var label = group.closest('.stRadio').querySelector('[data-testid=stWidgetLabel]');
        // Streamlit marks the label's text aria-hidden, so it is copied, not referenced.
        var name = label ? label.textContent.replace(/\\s+/g, ' ').trim() : '';
        if (name && group.getAttribute('aria-label') !== name) { group.setAttribute('aria-label', name); }
      });
    };
    // Typed names reach labels Markdown-escaped ("O\\'Neill"); Streamlit copies the label
    // into aria-label as it is, so a screen reader would read the backslashes. Unescape it.
    a11y.cleanNames = function () {
      document.querySelectorAll('[aria-label]').forEach(function (el) {
        var label = el.getAttribute('aria-label');
        if (label.indexOf(BACKSLASH) < 0) { return; }
        var plain = '';
        for (var i = 0; i < label.length; i++) {
          if (label[i] === BACKSLASH && i + 1 < label.length) { i++; }
          plain += label[i];
        }
        el.setAttribute('aria-label', plain);
      });
    };
    // The newest marker says what this draw wants; act on each draw once.
    a11y.handle = function () {
      a11y.nameGroups();
      a11y.cleanNames();
      var newest = null;
      document.querySelectorAll('.planner-a11y[data-draw]').forEach(function (m) {
        if (!newest || Number(m.getAttribute('data-draw')) > Number(newest.getAttribute('data-draw'))) { newest = m; }
      });
      if (!newest || newest.getAttribute('data-draw') === a11y.lastDraw) { return; }
      a11y.lastDraw = newest.getAttribute('data-draw');
      a11y.draws += 1;  // tests count the app's runs with this
      document.documentElement.setAttribute('lang', LANG);
      var target = newest.getAttribute('data-focus');
      if (target === 'heading') { a11y.focusWhenReady('#HEADING_ID', 30); }
      if (target === 'error_summary') { a11y.focusWhenReady('.st-key-error_summary', 30); }
    };
    new MutationObserver(a11y.handle).observe(document.body, {
      childList: true, subtree: true, attributes: true, attributeFilter: ['data-draw']
    });
    // Streamlit reruns the page when "r" is pressed outside a box. WCAG 2.1.4 asks that a
    // single key does nothing unexpected (speech input types letters), so it is stopped here.
    w.addEventListener('keydown', function (event) {
      var t = event.target;
      var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && /^[A-Za-z]$/.test(event.key)) {
        event.stopImmediatePropagation();
      }
    }, true);
    // Error-summary links name a widget key; jump to that field as GOV.UK does.
    document.addEventListener('click', function (event) {
      var link = event.target.closest && event.target.closest('.st-key-error_summary a[href^="#w_"]');
      if (!link) { return; }
      event.preventDefault();
      event.stopPropagation();
      a11y.focusField(link.getAttribute('href').slice(1));
    }, true);
  }
  w.plannerA11y.handle();
})();
</script>
"""


def request_focus(target: str) -> None:
    """Ask the next draw to move focus: "heading" (new step) or "error_summary"."""
    st.session_state[FOCUS_KEY] = target


def large_text_on() -> bool:
    return bool(st.session_state.get(LARGE_TEXT_KEY, False))


def _toggle_large_text(widget_key: str) -> None:
    st.session_state[LARGE_TEXT_KEY] = bool(st.session_state[widget_key])


def draw_large_text_option(label: str, where=None, key: str = "w_a11y_large_text") -> None:
    """A switch for larger text; the choice lives outside widget state so pages keep it."""
    st.session_state[key] = large_text_on()
    (where or st).toggle(label, key=key, on_change=_toggle_large_text, args=(key,))


def apply_styles() -> None:
    st.html(_BASE_CSS + (_LARGE_CSS if large_text_on() else ""))


def focus_target(page_name: str) -> str | None:
    """Heading after a change of step (not on the first page of the visit); errors win."""
    previous = st.session_state.get(LAST_PAGE_KEY)
    st.session_state[LAST_PAGE_KEY] = page_name
    requested = st.session_state.pop(FOCUS_KEY, None)
    if requested:
        return requested
    if previous is not None and previous != page_name:
        return "heading"
    return None


def run_page_script(page_name: str) -> None:
    """Set the language and move focus if the page changed. Call once, at the end of a draw."""
    target = focus_target(page_name)
    draws = st.session_state.get(DRAWS_KEY, 0) + 1
    st.session_state[DRAWS_KEY] = draws
    marker = f'<div class="planner-a11y" hidden data-draw="{draws}" data-focus="{target or ""}"></div>'
    st.html(marker + page_script(target), unsafe_allow_javascript=True)


# Every focus target run_page_script can ask for. The proxy's Content-Security-Policy allows
# the planner's script by hash (deploy/render_nginx.py); its text is the same for every one.
FOCUS_TARGETS = (None, "heading", "error_summary")


def page_script(target: str | None = None) -> str:
    """The planner's one inline script (the focus target travels in the marker, not here)."""
    return _SCRIPT.replace("LANG", json.dumps(PAGE_LANGUAGE)).replace("HEADING_ID", HEADING_ID)


ACCESSIBILITY_PAGE = "pages/accessibility.py"


def draw_accessibility_links() -> None:
    """Larger text and the accessibility statement, in the sidebar and at every page's foot.

    The foot matters on a phone, where the sidebar starts closed.
    """
    from ui.words import ui_text  # here, not at the top: ui.words needs the loaded content

    draw_large_text_option(ui_text("large_text"), st.sidebar, key="w_a11y_large_text_side")
    st.sidebar.page_link(ACCESSIBILITY_PAGE, label=ui_text("accessibility_link"), icon=":material/accessibility:")
    st.divider()
    draw_large_text_option(ui_text("large_text"), key="w_a11y_large_text_foot")
    st.page_link(ACCESSIBILITY_PAGE, label=ui_text("accessibility_link"), icon=":material/accessibility:")


@st.cache_resource(show_spinner=False, max_entries=64)
def _glossary_lines(_content, content_id: int, step_id: str) -> str:
    """The step's glossary as Markdown. Only content words, the same for everyone, so it is
    worked out once per process: searching every term on every rerun took a tenth of it."""
    from logic.glossary import terms_on_step

    terms = terms_on_step(_content, step_id)
    return "\n".join(f"- **{term.term[0].upper()}{term.term[1:]}**: {term.meaning}" for term in terms)


def draw_glossary(step_id: str) -> None:
    """'What these words mean': every glossary term the step's own words use, explained."""
    from ui.state import get_content
    from ui.words import ui_text

    content = get_content()
    lines = _glossary_lines(content, id(content), step_id)
    if not lines:
        return
    with st.expander(ui_text("glossary_heading"), icon=":material/menu_book:"):
        st.markdown(lines)
