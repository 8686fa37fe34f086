"""Step: Check your answers."""
from ui.frame import begin_step, continue_button

STEP = "check"

begin_step(STEP)
continue_button(STEP)
