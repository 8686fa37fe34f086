"""Checks a step makes on Continue beyond its fields' own rules (logic.journey).

They live here, not in the page files, so the frame can run a step's whole check as soon as
Continue is clicked, before the page is drawn again (ui.frame.handle_continue): moving on
then costs one run of the next step, not a run of this one first.
"""
from __future__ import annotations

from collections.abc import Callable

from logic.budget import MAX_WEEKLY_CONTRIBUTION, parse_weekly_amount
from logic.journey import FieldError
from logic.money import pounds
from logic.review import review_date_problems
from ui.frame import step_text
from ui.state import get_content, get_plan

BUDGET_NOTE_MAX_CHARS = 1000


def budget_problems() -> list[FieldError]:
    """Notes that are too long and a contribution that is not an amount, said kindly."""
    content, plan = get_content(), get_plan()
    problems: list[FieldError] = []
    if content.budget is None:
        return problems
    for question in content.budget.questions:
        note = plan.budget.notes.get(question.id, "")
        if len(note) > BUDGET_NOTE_MAX_CHARS:
            message = step_text("budget", "note_too_long", count=f"{len(note):,}", max=f"{BUDGET_NOTE_MAX_CHARS:,}")
            problems.append(FieldError(f"note_{question.id}", message))
    _, problem = parse_weekly_amount(plan.budget.contribution_text)
    if problem:
        message = step_text("budget", f"contribution_error_{problem}", max=pounds(MAX_WEEKLY_CONTRIBUTION, pence=False))
        problems.append(FieldError("contribution", message))
    return problems


def managing_problems() -> list[FieldError]:
    """A nominee's or an organisation's name longer than any answer may be."""
    content, managing = get_content(), get_plan().managing
    most = content.spending_rules.limits.max_text
    errors = []
    if len(managing.nominee) > most:
        errors.append(FieldError("nominee", step_text("managing", "error_nominee_too_long", max=str(most))))
    if len(managing.organisation) > most:
        errors.append(FieldError("organisation", step_text("managing", "error_organisation_too_long", max=str(most))))
    return errors


def safety_problems() -> list[FieldError]:
    """Review dates that cannot be right: a review before support starts, or out of order."""
    safety = get_plan().safety
    problems = review_date_problems(safety.support_starts, safety.first_review, safety.yearly_review)
    found = []
    if "first_before_start" in problems:
        found.append(FieldError("first_review", step_text("safety", "error_first_before_start")))
    if "yearly_before_first" in problems:
        found.append(FieldError("yearly_review", step_text("safety", "error_yearly_before_first")))
    return found


STEP_CHECKS: dict[str, Callable[[], list[FieldError]]] = {
    "budget": budget_problems,
    "managing": managing_problems,
    "safety": safety_problems,
}


def step_problems(step_id: str) -> list[FieldError]:
    """What this step's own checks find (not the fields' rules: see logic.journey)."""
    check = STEP_CHECKS.get(step_id)
    return check() if check else []
