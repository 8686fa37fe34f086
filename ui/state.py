"""The one Plan in the session, and the content loaded once per server process."""
from __future__ import annotations

import streamlit as st

from logic.content import Content, load_content
from logic.plan import Plan

PLAN_KEY = "plan"
ERRORS_KEY = "step_errors"


@st.cache_resource(show_spinner=False)
def get_content() -> Content:
    """Content is the same for everyone, so it is read and validated once per process."""
    return load_content()


def get_plan() -> Plan:
    if PLAN_KEY not in st.session_state:
        st.session_state[PLAN_KEY] = Plan()
    return st.session_state[PLAN_KEY]


def replace_plan(plan: Plan) -> None:
    """Swap in a whole plan (for example a loaded save file); widgets reseed from it."""
    clear_session()
    st.session_state[PLAN_KEY] = plan


def clear_session() -> None:
    """Forget every answer and every widget value this session holds."""
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    st.session_state[PLAN_KEY] = Plan()


def step_errors(step_id: str) -> list:
    return st.session_state.get(ERRORS_KEY, {}).get(step_id, [])


def set_step_errors(step_id: str, errors: list) -> None:
    st.session_state.setdefault(ERRORS_KEY, {})[step_id] = errors
