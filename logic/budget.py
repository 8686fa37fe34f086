"""The indicative personal budget: answers to the self-assessment become points, the
council's matrix turns points into a weekly amount, and unpaid support adjusts it.

Pure and Decimal throughout. Every rule (bands or price per point, minimum, maximum, range,
rounding, the unpaid-support rule) is read from content/budget/, so a council changes the
result by editing its matrix, never the code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import TYPE_CHECKING, Literal

from logic.money import convert, round_to

if TYPE_CHECKING:  # only for type names: content.py imports this module to check examples
    from logic.content import BudgetBand, BudgetContent, BudgetMatrix, BudgetQuestion, Content
    from logic.plan import Plan

NOT_SURE = "not_sure"
HUNDRED = Decimal(100)
ZERO = Decimal(0)

# Words the budget step needs from content/steps/budget.toml [text]; the check names any missing.
PAGE_TEXT_KEYS = frozenset(
    """illustrative how_to_answer not_sure note_label note_too_long group_progress result_heading
    result_none result_figure result_figure_label result_range result_periods_caption period_heading
    amount_heading period_week period_four_weeks period_year result_zero result_minimum result_maximum
    result_unanswered result_not_sure_lowest result_not_sure_middle result_not_sure_highest
    contribution_heading contribution_label contribution_hint contribution_error_number
    contribution_error_negative contribution_error_too_big contribution_split worked_out_heading
    worked_out_intro chart_caption chart_bar area_heading area_unpaid answer_heading points_heading
    not_answered total_points band_sentence band_sentence_top price_sentence support_percent_sentence
    support_points_sentence rounded_sentence range_sentence caveats_heading caveats next_heading
    next_steps""".split()
)

AnswerStatus = Literal["answered", "not_sure", "unanswered"]


@dataclass(frozen=True)
class AreaPoints:
    """One line of "how this was worked out": a question, its answer and its points."""

    question_id: str
    kind: Literal["need", "unpaid_support"]
    area_id: str | None
    answer_id: str | None  # None when unanswered; NOT_SURE for "I'm not sure"
    status: AnswerStatus
    points: int


@dataclass(frozen=True)
class Contribution:
    """Seed 002: the budget includes what a financial assessment says the person pays."""

    person_weekly: Decimal
    council_weekly: Decimal


@dataclass(frozen=True)
class Estimate:
    """An indicative weekly budget, its range and periods, and how it was reached."""

    weekly: Decimal
    lower: Decimal
    upper: Decimal
    four_weekly: Decimal
    yearly: Decimal
    breakdown: tuple[AreaPoints, ...]
    need_points: int  # sum of the need lines of the breakdown
    unpaid_points: int  # points of the unpaid-support answer
    points_used: Decimal  # need points after a "points" unpaid-support rule
    band: BudgetBand | None  # the band used, when the matrix uses bands
    amount_before_support: Decimal  # from the band or price per point, before unpaid support
    support_reduction: Decimal  # taken off for unpaid support (money; 0 for a points rule)
    support_percent: Decimal  # percentage taken off (0 for a points rule)
    support_points: Decimal  # need points taken off (0 for a percent rule)
    raised_to_minimum: bool
    capped_at_maximum: bool
    unanswered: int
    not_sure: int
    nothing_answered: bool
    contribution: Contribution | None = None

    @property
    def answered(self) -> int:
        return len(self.breakdown) - self.unanswered - self.not_sure

    def need_lines(self) -> list[AreaPoints]:
        return [line for line in self.breakdown if line.kind == "need"]


def answer_points(question: BudgetQuestion, answer_id: str | None, counts_as: str) -> tuple[AnswerStatus, int]:
    """Points for one answer; unknown or missing answers count as unanswered (no points)."""
    if answer_id == NOT_SURE:
        points = [a.points for a in question.answers]
        if question.kind == "unpaid_support" or counts_as == "lowest":
            # Never assume family help that was not described: it would lower the estimate.
            return "not_sure", points[0]
        if counts_as == "highest":
            return "not_sure", points[-1]
        return "not_sure", points[(len(points) - 1) // 2]
    for answer in question.answers:
        if answer.id == answer_id:
            return "answered", answer.points
    return "unanswered", 0


def amount_for_points(matrix: BudgetMatrix, points: Decimal) -> tuple[Decimal, BudgetBand | None]:
    """The weekly amount the matrix gives for a number of points, and the band used."""
    if matrix.method == "price_per_point":
        return points * (matrix.price_per_point or ZERO), None
    band = band_for(matrix, points)
    return (band.weekly if band else ZERO), band


def band_for(matrix: BudgetMatrix, points: Decimal) -> BudgetBand | None:
    chosen = None
    for band in sorted(matrix.bands, key=lambda b: b.from_points):
        if points >= band.from_points:
            chosen = band
    return chosen


def band_to_points(matrix: BudgetMatrix, band: BudgetBand) -> int | None:
    """The last whole point in a band (None for the top band, which has no upper end)."""
    later = [b.from_points for b in matrix.bands if b.from_points > band.from_points]
    return min(later) - 1 if later else None


def _round_down(amount: Decimal, step: Decimal) -> Decimal:
    return (amount / step).to_integral_value(rounding=ROUND_FLOOR) * step


def _round_up(amount: Decimal, step: Decimal) -> Decimal:
    return (amount / step).to_integral_value(rounding=ROUND_CEILING) * step


def estimate_budget(
    budget: BudgetContent,
    answers: dict[str, str],
    weekly_contribution: Decimal | None = None,
) -> Estimate:
    """Turn answers (question id -> answer id) into an indicative weekly budget."""
    matrix = budget.matrix
    lines: list[AreaPoints] = []
    for question in budget.questions:
        raw = answers.get(question.id)
        status, points = answer_points(question, raw if isinstance(raw, str) else None, matrix.not_sure_counts_as)
        answer_id = raw if status != "unanswered" else None
        lines.append(AreaPoints(question.id, question.kind, question.area, answer_id, status, points))

    need_points = sum(line.points for line in lines if line.kind == "need")
    unpaid_points = sum(line.points for line in lines if line.kind == "unpaid_support")
    rule = matrix.unpaid_support

    support_points = ZERO
    points_used = Decimal(need_points)
    if rule.method == "points":
        support_points = min(unpaid_points * rule.per_point, rule.maximum, points_used)
        points_used -= support_points

    amount, band = amount_for_points(matrix, points_used)
    support_percent = ZERO
    reduction = ZERO
    if rule.method == "percent":
        support_percent = min(unpaid_points * rule.per_point, rule.maximum, HUNDRED)
        reduction = amount * support_percent / HUNDRED

    weekly = round_to(amount - reduction, matrix.rounding)
    raised = capped = False
    if ZERO < weekly < matrix.minimum_weekly:
        weekly, raised = matrix.minimum_weekly, True
    if weekly > matrix.maximum_weekly:
        weekly, capped = matrix.maximum_weekly, True

    spread = weekly * matrix.range_percent / HUNDRED
    lower = max(_round_down(weekly - spread, matrix.rounding), ZERO)
    upper = _round_up(weekly + spread, matrix.rounding)
    if weekly > ZERO:
        # The range never goes outside what the council would quote, and always holds the figure.
        lower = min(max(lower, matrix.minimum_weekly), weekly)
        upper = max(min(upper, matrix.maximum_weekly), weekly)

    unanswered = sum(1 for line in lines if line.status == "unanswered")
    not_sure = sum(1 for line in lines if line.status == "not_sure")
    return Estimate(
        weekly=weekly,
        lower=lower,
        upper=upper,
        four_weekly=convert(weekly, "week", "four_weeks"),
        yearly=convert(weekly, "week", "year"),
        breakdown=tuple(lines),
        need_points=need_points,
        unpaid_points=unpaid_points,
        points_used=points_used,
        band=band,
        amount_before_support=amount,
        support_reduction=reduction,
        support_percent=support_percent,
        support_points=support_points,
        raised_to_minimum=raised,
        capped_at_maximum=capped,
        unanswered=unanswered,
        not_sure=not_sure,
        nothing_answered=unanswered == len(lines),
        contribution=split_contribution(weekly, weekly_contribution),
    )


def split_contribution(weekly: Decimal, contribution: Decimal | None) -> Contribution | None:
    """What the council might pay and what the person pays, from an assessed contribution."""
    if contribution is None or not contribution.is_finite() or contribution < 0:
        return None
    person = min(contribution, weekly)
    return Contribution(person_weekly=person, council_weekly=weekly - person)


def empty_estimate() -> Estimate:
    """What to show when a council ships no budget matrix: nothing, clearly."""
    return Estimate(
        weekly=ZERO, lower=ZERO, upper=ZERO, four_weekly=ZERO, yearly=ZERO, breakdown=(),
        need_points=0, unpaid_points=0, points_used=ZERO, band=None, amount_before_support=ZERO,
        support_reduction=ZERO, support_percent=ZERO, support_points=ZERO, raised_to_minimum=False,
        capped_at_maximum=False, unanswered=0, not_sure=0, nothing_answered=True,
    )


def estimate_for_plan(content: Content, plan: Plan) -> Estimate:
    """The estimate for a plan's answers (the spending step and the PDF use this)."""
    if content.budget is None:
        return empty_estimate()
    return estimate_budget(content.budget, plan.budget.answers, plan.budget.weekly_contribution)


@dataclass(frozen=True)
class ExampleResult:
    example_id: str
    title: str
    expected: Decimal
    actual: Decimal

    @property
    def matches(self) -> bool:
        return self.expected == self.actual


def check_examples(budget: BudgetContent) -> list[ExampleResult]:
    """Recompute every worked example with the current matrix."""
    return [
        ExampleResult(e.id, e.title, e.expected_weekly, estimate_budget(budget, e.answers).weekly)
        for e in budget.examples
    ]


# The largest weekly contribution the page accepts: far above any real assessed charge, low
# enough to catch a yearly figure or a slip of the keyboard.
MAX_WEEKLY_CONTRIBUTION = Decimal(10000)

ContributionProblem = Literal["number", "negative", "too_big"]
# Pounds and pence, perhaps with a £ and a minus sign (commas and spaces are removed first).
_AMOUNT = re.compile(r"(-)?£?(-)?(\d{1,12}(?:\.\d{1,4})?|\.\d{1,4})")


def parse_weekly_amount(text: str) -> tuple[Decimal | None, ContributionProblem | None]:
    """A typed weekly amount ("£45.50", "1,000", " 45 ") as Decimal pence, or what is wrong.

    Empty text is no amount and no problem: the question is optional.
    """
    cleaned = text.replace(",", "").replace(" ", "").strip()
    if not cleaned:
        return None, None
    match = _AMOUNT.fullmatch(cleaned)
    if match is None:
        return None, "number"
    if match.group(1) or match.group(2):
        return None, "negative"
    amount = Decimal(match.group(3))
    if amount > MAX_WEEKLY_CONTRIBUTION:
        return None, "too_big"
    return round_to(amount, Decimal("0.01")), None


def answered_count(answers: dict[str, str], questions: list[BudgetQuestion]) -> int:
    """How many of these questions have an answer (including "I'm not sure")."""
    valid = {q.id: {a.id for a in q.answers} | {NOT_SURE} for q in questions}
    return sum(1 for q in questions if answers.get(q.id) in valid[q.id])
