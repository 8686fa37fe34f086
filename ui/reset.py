"""'Start again': clears every answer, but only after the person confirms."""
from __future__ import annotations

import streamlit as st

from ui.frame import page_file
from ui.state import clear_session
from ui.words import ui_text

CONFIRM_KEY = "confirm_start_again"
DONE_KEY = "start_again_done"


def draw_start_again() -> None:
    if st.session_state.get(CONFIRM_KEY):
        st.sidebar.warning(ui_text("start_again_confirm"))
        if st.sidebar.button(ui_text("start_again_yes"), key="start_again_yes"):
            clear_session()
            st.session_state[DONE_KEY] = True
            st.switch_page(page_file("start"))
        if st.sidebar.button(ui_text("start_again_no"), key="start_again_no"):
            st.session_state[CONFIRM_KEY] = False
            st.rerun()
    elif st.sidebar.button(ui_text("start_again"), key="start_again"):
        st.session_state[CONFIRM_KEY] = True
        st.rerun()
    if st.session_state.pop(DONE_KEY, False):
        st.success(ui_text("start_again_done"))
