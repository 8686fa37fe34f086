"""Step: Your support network. People who help, community, equipment, support in place, carer.

When a carer might need support of their own, a plain prompt explains the carer's assessment.
"""
import streamlit as st

from logic.journey import visible_fields
from logic.plan import NetworkPerson
from ui.fields import draw_field
from ui.frame import begin_step, continue_button, step_text
from ui.lists import draw_entry_list
from ui.state import get_content, get_plan

STEP = "network"
CARER_MIGHT_NEED_SUPPORT = ("yes", "not_sure")

errors = begin_step(STEP)
plan = get_plan()
by_field = {e.field_id: e.message for e in errors}
draw_entry_list(STEP, "people", errors, new_entry=NetworkPerson)
for field in visible_fields(get_content(), plan, STEP):
    draw_field(STEP, field, by_field.get(field.id))
    if field.id == "carer_needs_support" and plan.network.carer_needs_support in CARER_MIGHT_NEED_SUPPORT:
        st.info(step_text(STEP, "carer_assessment"), icon=":material/volunteer_activism:")
continue_button(STEP)
