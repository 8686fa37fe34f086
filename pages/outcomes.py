"""Step: What you want to change."""
from ui.fields import draw_fields
from ui.frame import begin_step, continue_button

STEP = "outcomes"

errors = begin_step(STEP)
draw_fields(STEP, errors)
continue_button(STEP)
