"""Step: Your draft plan. Builds the PDF once per change of the Plan and offers it to download.

The PDF bytes are kept in the session with a hash of the plan's JSON (and the date), so
reruns of this page reuse them; any change to an answer gives a new hash and a new PDF.
"""
import datetime as dt
import hashlib
import logging

import streamlit as st

from logic.pdf import pdf_file_name, plan_json, render_plan_pdf
from ui.frame import begin_step, step_text
from ui.kiosk import draw_finish_and_clear, kiosk_settings
from ui.state import get_content, get_plan

STEP = "plan"
PDF_KEY = "plan_pdf"  # (hash of the plan and date, PDF bytes)

log = logging.getLogger("planner")


def plan_pdf(today: dt.date) -> bytes | None:
    """The PDF for the current plan, built only when the plan (or the date) has changed."""
    plan = get_plan()
    try:
        key = hashlib.sha256(f"{today.isoformat()}\n".encode() + plan_json(plan)).hexdigest()
        cached = st.session_state.get(PDF_KEY)
        if cached and cached[0] == key:
            return cached[1]
        with st.spinner(step_text(STEP, "building")):
            data = render_plan_pdf(get_content(), plan)
    except Exception as error:  # noqa: BLE001 - never a traceback; the answers stay safe
        # Log the kind of failure only: a message could quote what a person typed.
        log.error("Draft plan PDF failed: %s", type(error).__name__)
        return None
    st.session_state[PDF_KEY] = (key, data)
    return data


begin_step(STEP)
today = dt.date.today()
data = plan_pdf(today)
if data is None:
    st.error(step_text(STEP, "failed"), icon=":material/error:")
else:
    st.markdown(step_text(STEP, "ready"))
    st.download_button(
        step_text(STEP, "download"),
        data=data,
        file_name=pdf_file_name(step_text(STEP, "file_name"), get_plan().who.person_name, today),
        mime="application/pdf",
        type="primary",
        icon=":material/download:",
        help=step_text(STEP, "download_help"),
        key="download_plan",
        on_click="ignore",
    )
    st.markdown(step_text(STEP, "reopen"))
    if kiosk_settings().on:
        st.warning(step_text(STEP, "kiosk_warning"), icon=":material/public:")
st.header(step_text(STEP, "next_heading"))
st.markdown(step_text(STEP, "next_body"))
# Finish and clear stays last on the page (issue 7); the PDF download goes above it.
draw_finish_and_clear()
