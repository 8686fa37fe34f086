"""Step: Your draft plan."""
from ui.frame import begin_step
from ui.kiosk import draw_finish_and_clear

STEP = "plan"

begin_step(STEP)
# Finish and clear stays last on the page (issue 7); the PDF download goes above it.
draw_finish_and_clear()
