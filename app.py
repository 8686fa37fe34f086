"""The frame of the care and support planner: navigation, progress, start again.

Run with ``streamlit run app.py``. Pages live in pages/, one per step; words in content/.
"""
from __future__ import annotations

import logging
import traceback

import streamlit as st

from logic.content import STEP_IDS, ContentError
from ui.a11y import apply_styles, draw_accessibility_links, run_page_script
from ui.frame import STEP_URLS, draw_progress, handle_continue, page_file, step_for_url
from ui.kiosk import draw_cleared_notice, draw_idle_timer, guard_idle, kiosk_settings
from ui.reset import draw_start_again
from ui.save import draw_resumed_notice, draw_save_button
from ui.state import get_content, get_plan
from ui.words import ui_text

log = logging.getLogger("planner")

st.set_page_config(page_title="Care and support planner", layout="centered")

try:
    content = get_content()
except ContentError as error:
    st.error("The planner's content has problems, so it cannot start. Please tell the council.")
    st.text("\n".join(str(p) for p in error.problems))
    st.stop()

apply_styles()
pages = [
    st.Page(
        page_file(step_id),
        title=content.step(step_id).title,
        url_path=STEP_URLS[step_id],
        default=step_id == "start",
    )
    for step_id in STEP_IDS
]
# Not a step: the accessibility statement, linked from the sidebar and every page's foot.
pages.append(st.Page("pages/accessibility.py", title=ui_text("accessibility_title"), url_path="accessibility-statement"))
navigation = st.navigation(pages, position="hidden")
# Kiosk mode is set by the deployment (PLANNER_KIOSK=1), never by a visitor. An idle session
# is wiped here, before anything of the last person is drawn.
kiosk = kiosk_settings()
if kiosk.on:
    guard_idle(kiosk)
if navigation.url_path != "accessibility-statement":
    get_plan().progress.current_step = step_for_url(navigation.url_path)
    # A click on Continue moves on from here, before anything of this step is drawn again.
    handle_continue(get_plan().progress.current_step)
draw_progress()
draw_start_again()
draw_cleared_notice()
draw_resumed_notice()
if kiosk.on:
    draw_idle_timer()

try:
    navigation.run()
except Exception as error:  # noqa: BLE001 - a resident must never see a traceback
    # Log where it failed but not the message: messages can quote what a person typed.
    frames = traceback.extract_tb(error.__traceback__)
    where = "; ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}" for f in frames[-4:])
    log.error("Page failed with %s at %s", type(error).__name__, where)
    st.error(ui_text("app_error"))
# Outside the try: even when a page fails, the person can still save their answers.
if navigation.url_path != "accessibility-statement":
    draw_save_button()
draw_accessibility_links()
run_page_script(navigation.url_path)
