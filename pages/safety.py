"""Step: Staying safe and if things change."""
from ui.fields import draw_fields
from ui.frame import begin_step, continue_button

STEP = "safety"

errors = begin_step(STEP)
draw_fields(STEP, errors)
continue_button(STEP)
