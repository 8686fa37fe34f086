"""The accessibility statement: what works, what does not yet and why, other formats.

Not a step of the plan: it sits outside the journey and keeps every answer as it was.
"""
import streamlit as st

from ui.a11y import HEADING_ID
from ui.frame import page_file
from ui.state import get_content, get_plan
from ui.words import ui_text

content = get_content()
st.set_page_config(page_title=f"{ui_text('accessibility_title')}: {content.service.service_name}")
# Back to the step the person was on, with every answer as they left it.
st.page_link(page_file(get_plan().progress.current_step), label=ui_text("back"), icon=":material/arrow_back:")
statement = content.accessibility_statement
# The statement's first line is its heading; it becomes the page's h1 that focus moves to.
first, _, rest = statement.lstrip().partition("\n")
st.title(first.lstrip("# ").strip(), anchor=HEADING_ID)
st.markdown(rest)
