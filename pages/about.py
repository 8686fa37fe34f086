"""Step: About you. What matters, good and bad days, how to support me, and my needs."""
from ui.fields import draw_fields
from ui.frame import begin_step, continue_button
from ui.lists import draw_need_notes

STEP = "about"

errors = begin_step(STEP)
draw_fields(STEP, errors)
draw_need_notes(STEP, "needs", errors)
continue_button(STEP)
