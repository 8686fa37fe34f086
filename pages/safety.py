"""Step: Staying safe and if things change. Risks, emergencies, contacts, contingency, review.

Review dates are suggested from when support starts (about 6 weeks, then a year) and are
the person's to change; dates that cannot be right are reported kindly on Continue.
"""
import streamlit as st

from logic.journey import visible_fields
from logic.plan import Contact, Risk
from logic.review import first_review_date, review_date_problems, yearly_review_date
from ui.fields import draw_field, widget_key
from ui.frame import begin_step, continue_button, step_text
from ui.lists import draw_entry_list
from ui.state import get_content, get_plan

STEP = "safety"
DATE_FIELDS = ("support_starts", "first_review", "yearly_review")
SUGGEST_KEY = "safety_suggest_needs_start"

errors = begin_step(STEP)
plan = get_plan()
safety = plan.safety
by_field = {e.field_id: e.message for e in errors}
fields = {f.id: f for f in visible_fields(get_content(), plan, STEP)}


def draw(field_id: str) -> None:
    if field_id in fields:
        draw_field(STEP, fields[field_id], by_field.get(field_id))


def store_date(field_id: str) -> None:
    setattr(get_plan().safety, field_id, st.session_state.get(widget_key(STEP, field_id)))


def suggest_dates() -> None:
    answers = get_plan().safety
    if answers.support_starts is None:
        st.session_state[SUGGEST_KEY] = True
        return
    answers.first_review = first_review_date(answers.support_starts)
    answers.yearly_review = yearly_review_date(answers.support_starts)


def draw_date(field_id: str) -> None:
    key = widget_key(STEP, field_id)
    if field_id in by_field:
        st.error(by_field[field_id], icon=":material/error:")
    st.session_state[key] = getattr(safety, field_id)
    # The hint sits inside the label so it is read with it, as on every other field.
    st.date_input(
        f"{step_text(STEP, field_id)}\n\n{step_text(STEP, field_id + '_hint')}",
        key=key,
        format=step_text(STEP, "date_format"),
        on_change=store_date,
        args=(field_id,),
    )


draw_entry_list(STEP, "risks", errors, new_entry=Risk)
draw("emergency_plan")
draw_entry_list(STEP, "contacts", errors, new_entry=Contact)
draw("if_carer_unable")
draw("hospital_plan")

st.header(step_text(STEP, "review_heading"), anchor=False)
st.markdown(step_text(STEP, "review_body"))
draw_date("support_starts")
st.button(step_text(STEP, "suggest_dates"), key="safety_suggest_dates", on_click=suggest_dates)
if st.session_state.pop(SUGGEST_KEY, False):
    st.warning(step_text(STEP, "suggest_needs_start"))
draw_date("first_review")
draw_date("yearly_review")
if "yearly_too_late" in review_date_problems(safety.support_starts, safety.first_review, safety.yearly_review):
    st.warning(step_text(STEP, "warn_yearly_too_late"))
draw("review_when")
draw("review_questions")
continue_button(STEP)  # its own checks: ui.checks.safety_problems
