"""'Save my progress' on every step, and 'Continue a saved plan' on Start.

The save file is built from the Plan on each run (it is small). An uploaded file is read by
logic.savefile and replaces the Plan only when it is wholly good; otherwise the person is
told why, kindly, and nothing of their current answers changes.
"""
from __future__ import annotations

from datetime import date

import streamlit as st

from logic.savefile import MAX_FILE_BYTES, Refusal, encode_plan, read_save_file, save_file_name
from ui.frame import page_file
from ui.kiosk import kiosk_settings, save_text
from ui.state import get_content, get_plan, replace_plan
from ui.words import say

REMINDER_KEY = "save_reminder"
ROUND_KEY = "resume_round"
REFUSAL_KEY = "resume_refusal"
RESUMED_KEY = "resume_done"


def _remember_download() -> None:
    st.session_state[REMINDER_KEY] = True


def draw_save_button() -> None:
    """The download of the whole Plan, and after a download a reminder to keep the file."""
    st.divider()
    st.download_button(
        save_text("save_button"),
        data=encode_plan(get_plan()),
        file_name=save_file_name(date.today()),
        mime="application/json",
        key="save_progress",
        icon=":material/download:",
        on_click=_remember_download,
    )
    st.caption(save_text("save_hint"))
    if st.session_state.get(REMINDER_KEY):
        if kiosk_settings().on:
            st.warning(save_text("saved_kiosk"), icon=":material/usb:")
        else:
            st.info(save_text("saved_home"), icon=":material/download_done:")


def draw_resume() -> None:
    """Start's 'Continue a saved plan': a progress file or a draft plan PDF from this planner."""
    st.header(save_text("resume_heading"))
    st.markdown(save_text("resume_body"))
    kind = st.session_state.pop(REFUSAL_KEY, None)
    if kind:
        message = say(get_content().save.refusals[kind])
        st.error(f"{message}\n\n{save_text('resume_unchanged')}", icon=":material/error:")
    # A new key after each attempt gives an empty uploader, so a refused file is not retried.
    attempt = st.session_state.get(ROUND_KEY, 0)
    uploaded = st.file_uploader(
        save_text("resume_label"),
        type=["json", "pdf"],
        key=f"resume_upload_{attempt}",
        max_upload_size=max(1, MAX_FILE_BYTES // (1024 * 1024)),
    )
    if uploaded is None:
        return
    st.session_state[ROUND_KEY] = attempt + 1
    try:
        if uploaded.size > MAX_FILE_BYTES:
            raise Refusal("too_large")
        plan = read_save_file(uploaded.getvalue())
    except Refusal as refusal:
        st.session_state[REFUSAL_KEY] = refusal.kind
        st.rerun()
    replace_plan(plan)
    # replace_plan clears the session, round counter too: without this the old uploader key
    # comes back still holding the file, and every click on Start reloads it.
    st.session_state[ROUND_KEY] = attempt + 1
    st.session_state[RESUMED_KEY] = True
    st.switch_page(page_file(plan.progress.current_step))


def draw_resumed_notice() -> None:
    if st.session_state.pop(RESUMED_KEY, False):
        st.success(save_text("resume_done"))
