"""Step: Your draft plan. Offers the PDF, built when the person clicks download (logic.draft).

Opening this step, and every rerun of it, costs no PDF build: the download button holds a
callable that Streamlit runs on its own thread when it is clicked, and the last PDF is kept in
the session so a second click on an unchanged plan reuses it.
"""
import datetime as dt

import streamlit as st

from logic.draft import DraftPlanFile
from logic.pdf import pdf_file_name
from ui.frame import begin_step, step_text
from ui.kiosk import draw_finish_and_clear, kiosk_settings
from ui.state import get_content, get_plan

STEP = "plan"
PDF_KEY = "plan_pdf"  # this session's DraftPlanFile


def draft_file() -> DraftPlanFile:
    if not isinstance(st.session_state.get(PDF_KEY), DraftPlanFile):
        st.session_state[PDF_KEY] = DraftPlanFile()
    return st.session_state[PDF_KEY]


begin_step(STEP)
today = dt.date.today()
plan = get_plan()
st.markdown(step_text(STEP, "ready"))
st.download_button(
    step_text(STEP, "download"),
    data=draft_file().for_plan(get_content(), plan, today),
    file_name=pdf_file_name(step_text(STEP, "file_name"), plan.who.person_name, today),
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
