"""Step: Start. Who is planning, for whom, what to have ready, and privacy."""
import streamlit as st

from ui.fields import draw_fields
from ui.frame import begin_step, continue_button, step_text
from ui.kiosk import draw_privacy_notice, kiosk_settings
from ui.save import draw_resume

STEP = "start"

errors = begin_step(STEP)
st.header(step_text(STEP, "time_heading"))
st.markdown(step_text(STEP, "time_body"))
st.header(step_text(STEP, "privacy_heading"))
st.markdown(step_text(STEP, "privacy_body"))
draw_privacy_notice(kiosk_settings())
draw_resume()
draw_fields(STEP, errors)
continue_button(STEP)
