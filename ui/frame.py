"""The frame every step shares: title, back link, heading, error summary and Continue."""
from __future__ import annotations

import streamlit as st

from logic.content import STEP_IDS
from logic.journey import FieldError, has_answers, next_step, previous_step, validate_fields
from logic.wording import escape_markdown
from ui.a11y import ERROR_SUMMARY_KEY, HEADING_ID, draw_glossary, request_focus
from ui.state import get_content, get_plan, set_step_errors, step_errors
from ui.words import say, say_plain, ui_text


# Web addresses of the steps. Each must differ from its file's name: otherwise Streamlit
# runs pages/<name>.py directly on a fresh load of that address, skipping app.py's frame.
STEP_URLS = {
    "start": "start-planning",
    "budget": "budget-estimate",
    "about": "about-you",
    "outcomes": "what-you-want-to-change",
    "network": "support-network",
    "spending": "spending-your-budget",
    "managing": "managing-your-budget",
    "safety": "staying-safe",
    "check": "check-your-answers",
    "plan": "draft-plan",
}


def page_file(step_id: str) -> str:
    return f"pages/{step_id}.py"


def step_for_url(url_path: str) -> str:
    """The step shown at a web address ("" is the default page, Start)."""
    return next((step for step, url in STEP_URLS.items() if url == url_path), "start")


def begin_step(step_id: str) -> list[FieldError]:
    """Record where the person is, set the page title, draw back link, heading and intro.

    Returns the errors from the last Continue on this step, so fields can show them.
    """
    content = get_content()
    plan = get_plan()
    step = content.step(step_id)
    plan.progress.current_step = step_id
    if step_id not in plan.progress.visited:
        plan.progress.visited.append(step_id)
    errors = step_errors(step_id)
    prefix = say_plain(content.service.text["error_page_prefix"]) if errors else ""
    st.set_page_config(page_title=f"{prefix}{step.title}: {content.service.service_name}")
    previous = previous_step(step_id)
    if previous:
        st.page_link(page_file(previous), label=ui_text("back"), icon=":material/arrow_back:")
    if errors:
        draw_error_summary(errors, step_id)
    st.title(say(step.heading), anchor=HEADING_ID)
    if step.intro:
        st.markdown(say(step.intro))
    draw_glossary(step_id)
    return errors


def draw_error_summary(errors: list[FieldError], step_id: str | None = None) -> None:
    """GOV.UK error summary: takes focus (ui.a11y), each message links to its field."""
    def line(error: FieldError) -> str:
        message = escape_markdown(error.message)
        return f"- [{message}](#w_{step_id}_{error.field_id})" if step_id else f"- {message}"

    lines = "\n".join(line(e) for e in errors)
    with st.container(key=ERROR_SUMMARY_KEY):
        st.error(f"**{ui_text('error_summary_title')}**\n\n{lines}", icon=":material/error:")


def step_text(step_id: str, key: str, **extra: str) -> str:
    return say(get_content().step(step_id).text[key], **extra)


# Set by a "Change" link on Check your answers: the step to send back there on Continue.
RETURN_TO_CHECK_KEY = "return_to_check"


def change_from_check(step_id: str) -> None:
    """Go to a step to change an answer; its Continue brings the person back to check."""
    st.session_state[RETURN_TO_CHECK_KEY] = step_id
    st.switch_page(page_file(step_id))


def continue_key(step_id: str) -> str:
    return f"continue_{step_id}"


def continue_button(step_id: str) -> None:
    """The step's Continue button. Its click is handled by ``handle_continue`` in app.py."""
    if next_step(step_id) is not None:
        st.button(ui_text("continue"), type="primary", key=continue_key(step_id))


def handle_continue(step_id: str) -> None:
    """After a click on Continue: check the step's answers, then move on, or show what to fix.

    Runs in app.py before the page is drawn (widget callbacks have already copied every answer
    into the Plan), so moving on costs one run of the next step rather than a full run of this
    one first, and a problem is shown by the same run that found it.
    """
    from ui.checks import step_problems  # here, not at the top: ui.checks imports this module

    following = next_step(step_id)
    if following is None or not st.session_state.get(continue_key(step_id)):
        return
    if st.session_state.get(RETURN_TO_CHECK_KEY) == step_id:
        following = "check"
    errors = validate_fields(get_content(), get_plan(), step_id) + step_problems(step_id)
    set_step_errors(step_id, errors)
    if errors:
        request_focus("error_summary")
        return
    st.session_state.pop(RETURN_TO_CHECK_KEY, None)
    st.switch_page(page_file(following))


def draw_progress() -> None:
    """The list of steps in the sidebar: where you are, which have answers, links to each."""
    content = get_content()
    plan = get_plan()
    st.sidebar.markdown(f"**{ui_text('progress_heading')}**")
    for number, step_id in enumerate(STEP_IDS, start=1):
        if step_id == plan.progress.current_step:
            status = ui_text("progress_current")
        elif has_answers(plan, step_id):
            status = ui_text("progress_done")
        else:
            status = ui_text("progress_not_started")
        label = f"{number}. {content.step(step_id).title}"
        icon = ":material/check_circle:" if has_answers(plan, step_id) else ":material/radio_button_unchecked:"
        if step_id == plan.progress.current_step:
            icon = ":material/arrow_right:"
        # The status is in the tooltip and the icon; the label stays short enough to read.
        st.sidebar.page_link(page_file(step_id), label=label, icon=icon, help=status)
    st.sidebar.caption(ui_text("progress_key"))
