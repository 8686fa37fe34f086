"""The indicative budget estimate, worked out from answers and a matrix built in code."""
from decimal import Decimal

import pytest

from logic.budget import (
    NOT_SURE,
    answered_count,
    band_to_points,
    check_examples,
    empty_estimate,
    estimate_budget,
    estimate_for_plan,
    parse_weekly_amount,
)
from logic.content import WorkedExample
from logic.plan import Plan
from tests.unit.budget_fixtures import NEED_POINTS, answers_at, make_budget

LOWEST = {q: 0 for q in NEED_POINTS} | {"unpaid": 0}
HIGHEST = {q: len(p) - 1 for q, p in NEED_POINTS.items()} | {"unpaid": 0}


def test_all_lowest_answers_give_nothing_and_count_as_answered():
    estimate = estimate_budget(make_budget(), answers_at(LOWEST))
    assert estimate.weekly == 0
    assert estimate.band.label == "Band A"
    assert estimate.unanswered == 0 and estimate.not_sure == 0
    assert not estimate.nothing_answered


def test_all_highest_answers_give_the_top_band():
    estimate = estimate_budget(make_budget(), answers_at(HIGHEST))
    assert estimate.need_points == 10 + 6 + 14
    assert estimate.band.label == "Band D"
    assert estimate.weekly == Decimal(450)
    assert (estimate.lower, estimate.upper) == (Decimal(405), Decimal(495))
    assert estimate.four_weekly == Decimal(1800)
    assert estimate.yearly == Decimal(23400)


def test_everything_unanswered_is_flagged_and_gives_nothing():
    estimate = estimate_budget(make_budget(), {})
    assert estimate.nothing_answered
    assert estimate.unanswered == 4
    assert estimate.weekly == estimate.lower == estimate.upper == 0
    assert estimate.contribution is None


@pytest.mark.parametrize(
    ("points", "band", "weekly"),
    [(4, "Band A", 0), (5, "Band B", 140), (14, "Band B", 140), (15, "Band C", 280), (24, "Band C", 280), (25, "Band D", 450)],
)
def test_band_boundaries_start_a_band_at_its_first_point(points, band, weekly):
    # Find answers that add up to exactly `points`.
    budget = make_budget()
    for n in range(4):
        for h in range(3):
            for s in range(4):
                if NEED_POINTS["nutrition"][n] + NEED_POINTS["personal_hygiene"][h] + NEED_POINTS["staying_safe"][s] == points:
                    estimate = estimate_budget(budget, answers_at({"nutrition": n, "personal_hygiene": h, "staying_safe": s}))
                    assert estimate.need_points == points
                    assert estimate.band.label == band
                    assert estimate.weekly == weekly
                    return
    pytest.fail(f"no answers add up to {points} points")


def test_band_ends_are_worked_out_from_the_next_band():
    matrix = make_budget().matrix
    assert [band_to_points(matrix, b) for b in matrix.bands] == [4, 14, 24, None]


def test_unpaid_support_takes_a_percentage_off_and_is_rounded():
    levels = HIGHEST | {"unpaid": 1}
    estimate = estimate_budget(make_budget(), answers_at(levels))
    assert estimate.amount_before_support == 450
    assert estimate.support_percent == 10
    assert estimate.support_reduction == 45
    assert estimate.weekly == 405


def test_unpaid_support_is_capped_at_the_matrix_maximum():
    budget = make_budget(unpaid_support={"method": "percent", "per_point": "20", "maximum": "30"})
    estimate = estimate_budget(budget, answers_at(HIGHEST | {"unpaid": 3}))
    assert estimate.support_percent == 30
    assert estimate.weekly == 315


def test_unpaid_support_can_take_points_off_instead():
    budget = make_budget(unpaid_support={"method": "points", "per_point": "4", "maximum": "10"})
    estimate = estimate_budget(budget, answers_at(HIGHEST | {"unpaid": 2}))
    assert estimate.support_points == 8
    assert estimate.points_used == 22
    assert estimate.band.label == "Band C"
    assert estimate.support_reduction == 0
    assert estimate.weekly == 280


def test_a_small_amount_left_after_unpaid_support_is_raised_to_the_minimum():
    budget = make_budget(minimum_weekly="120")
    estimate = estimate_budget(budget, answers_at(LOWEST | {"nutrition": 2, "unpaid": 3}))  # 140 less 30%
    assert estimate.raised_to_minimum
    assert estimate.weekly == 120
    assert estimate.lower == 120 and estimate.upper >= 120


def test_a_large_amount_is_capped_at_the_maximum():
    budget = make_budget(maximum_weekly="400")
    estimate = estimate_budget(budget, answers_at(HIGHEST))
    assert estimate.capped_at_maximum
    assert estimate.weekly == estimate.upper == 400
    assert estimate.lower == 360


def test_a_price_per_point_matrix_multiplies_points_by_the_price():
    budget = make_budget(method="price_per_point", price_per_point="24.50", rounding="1")
    estimate = estimate_budget(budget, answers_at(LOWEST | {"nutrition": 2}))
    assert estimate.band is None
    assert estimate.amount_before_support == Decimal("122.50")
    assert estimate.weekly == 123  # rounded half up to the nearest pound


@pytest.mark.parametrize(("counts_as", "points"), [("lowest", 0), ("middle", 2), ("highest", 14)])
def test_not_sure_counts_as_the_matrix_says(counts_as, points):
    budget = make_budget(not_sure_counts_as=counts_as)
    estimate = estimate_budget(budget, {"staying_safe": NOT_SURE})
    assert estimate.not_sure == 1
    assert estimate.unanswered == 3
    assert estimate.need_points == points


def test_not_sure_about_unpaid_support_never_lowers_the_estimate():
    budget = make_budget(not_sure_counts_as="highest")
    sure = estimate_budget(budget, answers_at(HIGHEST))
    unsure = estimate_budget(budget, answers_at(HIGHEST) | {"unpaid": NOT_SURE})
    assert unsure.weekly == sure.weekly
    assert unsure.not_sure == 1


def test_odd_answers_count_as_unanswered_and_never_crash():
    answers = {"nutrition": "level_99", "personal_hygiene": "", "staying_safe": None, "no_such_question": "x", "unpaid": 7}
    estimate = estimate_budget(make_budget(), answers)  # type: ignore[arg-type]
    assert estimate.unanswered == 4
    assert estimate.nothing_answered
    assert estimate.weekly == 0


def test_the_breakdown_lists_every_question_in_order_with_its_points():
    estimate = estimate_budget(make_budget(), answers_at({"nutrition": 2, "unpaid": 1}))
    assert [line.question_id for line in estimate.breakdown] == [*NEED_POINTS, "unpaid"]
    assert [line.points for line in estimate.breakdown] == [5, 0, 0, 1]
    assert [line.status for line in estimate.breakdown] == ["answered", "unanswered", "unanswered", "answered"]
    assert estimate.answered == 2


def test_a_contribution_splits_the_budget_between_council_and_person():
    estimate = estimate_budget(make_budget(), answers_at(HIGHEST), Decimal("45.50"))
    assert estimate.contribution.person_weekly == Decimal("45.50")
    assert estimate.contribution.council_weekly == Decimal("404.50")


def test_a_contribution_larger_than_the_budget_means_the_council_pays_nothing():
    estimate = estimate_budget(make_budget(), answers_at(HIGHEST), Decimal(900))
    assert estimate.contribution.person_weekly == 450
    assert estimate.contribution.council_weekly == 0


def test_a_negative_contribution_is_ignored():
    assert estimate_budget(make_budget(), answers_at(HIGHEST), Decimal(-5)).contribution is None


def test_the_estimate_for_a_plan_uses_its_answers_and_contribution():
    from logic.content import load_content

    content = load_content()
    plan = Plan()
    plan.budget.answers = {"nutrition": "all"}
    plan.budget.weekly_contribution = Decimal(20)
    estimate = estimate_for_plan(content, plan)
    assert estimate.need_points == 10
    assert estimate.contribution is not None


def test_a_council_with_no_budget_content_gets_an_empty_estimate():
    from logic.content import load_content

    content = load_content().model_copy(update={"budget": None})
    assert estimate_for_plan(content, Plan()) == empty_estimate()
    assert empty_estimate().nothing_answered


def test_worked_examples_are_recomputed_and_a_mismatch_is_reported():
    budget = make_budget()
    budget.examples = [
        WorkedExample(id="right", title="Right", answers={"nutrition": "level_3"}, expected_weekly=Decimal(140)),
        WorkedExample(id="wrong", title="Wrong", answers={"nutrition": "level_3"}, expected_weekly=Decimal(999)),
    ]
    results = check_examples(budget)
    assert [(r.example_id, r.matches) for r in results] == [("right", True), ("wrong", False)]
    assert results[1].actual == 140


def test_answered_count_counts_not_sure_but_not_odd_answers():
    budget = make_budget()
    answers = {"nutrition": NOT_SURE, "personal_hygiene": "level_1", "staying_safe": "level_42"}
    assert answered_count(answers, budget.questions) == 2


@pytest.mark.parametrize(
    ("typed", "amount", "problem"),
    [
        ("", None, None),
        ("   ", None, None),
        ("45", Decimal("45.00"), None),
        ("£45.50", Decimal("45.50"), None),
        (" £ 1,234.5 ", Decimal("1234.50"), None),
        ("0", Decimal("0.00"), None),
        ("abc", None, "number"),
        ("😀", None, "number"),
        ("1e5", None, "number"),
        ("NaN", None, "number"),
        ("45p", None, "number"),
        ("<b>5</b>", None, "number"),
        ("-5", None, "negative"),
        ("-£5", None, "negative"),
        ("£1,000,000", None, "too_big"),
        ("9" * 5000, None, "number"),
    ],
)
def test_a_typed_contribution_is_read_or_its_problem_named(typed, amount, problem):
    assert parse_weekly_amount(typed) == (amount, problem)
