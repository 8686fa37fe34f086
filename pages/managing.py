"""Step: Managing your budget."""
from ui.fields import draw_fields
from ui.frame import begin_step, continue_button

STEP = "managing"

errors = begin_step(STEP)
draw_fields(STEP, errors)
continue_button(STEP)
