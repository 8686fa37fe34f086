"""Step: Your draft plan."""
from ui.frame import begin_step

STEP = "plan"

begin_step(STEP)
