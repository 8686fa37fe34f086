"""Step: Your budget estimate."""
from ui.fields import draw_fields
from ui.frame import begin_step, continue_button

STEP = "budget"

errors = begin_step(STEP)
draw_fields(STEP, errors)
continue_button(STEP)
