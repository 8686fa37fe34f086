"""Properties of the budget estimate that hold for any answers and any sensible matrix."""
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from logic.budget import estimate_budget, parse_weekly_amount
from tests.unit.budget_fixtures import NEED_POINTS, UNPAID_POINTS, answers_at, make_budget

MONEY = st.integers(min_value=0, max_value=200_000).map(lambda pence: Decimal(pence) / 100)


@st.composite
def matrices(draw):
    """Any matrix the content check would accept: bands or price per point, any rule."""
    changes: dict = {}
    if draw(st.booleans()):
        starts = sorted(draw(st.sets(st.integers(1, 40), max_size=6)))
        amounts = sorted(draw(st.lists(MONEY, min_size=len(starts) + 1, max_size=len(starts) + 1)))
        changes["method"] = "bands"
        changes["bands"] = [
            {"from_points": start, "weekly": str(amount), "label": f"Band {i}"}
            for i, (start, amount) in enumerate(zip([0, *starts], amounts))
        ]
    else:
        changes["method"] = "price_per_point"
        changes["price_per_point"] = str(draw(MONEY))
    minimum, maximum = sorted([draw(MONEY), draw(MONEY)])
    changes["minimum_weekly"] = str(minimum)
    changes["maximum_weekly"] = str(max(maximum, Decimal("0.01")))
    changes["range_percent"] = str(draw(st.integers(0, 50)))
    changes["rounding"] = draw(st.sampled_from(["0.01", "1", "5", "10", "25"]))
    changes["not_sure_counts_as"] = draw(st.sampled_from(["lowest", "middle", "highest"]))
    method = draw(st.sampled_from(["percent", "points"]))
    changes["unpaid_support"] = {
        "method": method,
        "per_point": str(draw(st.integers(0, 40))),
        "maximum": str(draw(st.integers(0, 100))),
    }
    return make_budget(**changes)


def levels_for(question: str) -> st.SearchStrategy[int]:
    points = NEED_POINTS.get(question, UNPAID_POINTS)
    return st.integers(0, len(points) - 1)


ALL_QUESTIONS = [*NEED_POINTS, "unpaid"]
LEVELS = st.fixed_dictionaries({q: levels_for(q) for q in ALL_QUESTIONS})
SOME_LEVELS = st.dictionaries(st.sampled_from(ALL_QUESTIONS), st.integers(0, 3)).map(
    lambda d: {q: min(level, len(NEED_POINTS.get(q, UNPAID_POINTS)) - 1) for q, level in d.items()}
)


@settings(max_examples=300)
@given(budget=matrices(), levels=LEVELS, question=st.sampled_from(list(NEED_POINTS)), step=st.integers(1, 3))
def test_more_need_never_gives_a_smaller_estimate(budget, levels, question, step):
    more = dict(levels)
    more[question] = min(levels[question] + step, len(NEED_POINTS[question]) - 1)
    before = estimate_budget(budget, answers_at(levels))
    after = estimate_budget(budget, answers_at(more))
    assert after.need_points >= before.need_points
    assert after.weekly >= before.weekly


@settings(max_examples=300)
@given(budget=matrices(), levels=LEVELS, step=st.integers(1, 3))
def test_more_unpaid_support_never_gives_a_larger_estimate(budget, levels, step):
    more = dict(levels)
    more["unpaid"] = min(levels["unpaid"] + step, len(UNPAID_POINTS) - 1)
    assert estimate_budget(budget, answers_at(more)).weekly <= estimate_budget(budget, answers_at(levels)).weekly


@settings(max_examples=300)
@given(budget=matrices(), levels=SOME_LEVELS)
def test_the_breakdown_always_adds_up_to_the_total(budget, levels):
    estimate = estimate_budget(budget, answers_at(levels))
    assert sum(line.points for line in estimate.need_lines()) == estimate.need_points
    assert sum(line.points for line in estimate.breakdown if line.kind == "unpaid_support") == estimate.unpaid_points
    assert estimate.answered + estimate.unanswered + estimate.not_sure == len(estimate.breakdown)
    assert len(estimate.breakdown) == len(budget.questions)


@settings(max_examples=300)
@given(budget=matrices(), levels=SOME_LEVELS, contribution=st.none() | MONEY)
def test_the_range_always_contains_the_figure_and_periods_agree(budget, levels, contribution):
    estimate = estimate_budget(budget, answers_at(levels), contribution)
    assert Decimal(0) <= estimate.lower <= estimate.weekly <= estimate.upper
    assert estimate.weekly <= budget.matrix.maximum_weekly
    assert estimate.weekly == 0 or estimate.weekly >= budget.matrix.minimum_weekly
    assert estimate.four_weekly == estimate.weekly * 4
    assert estimate.yearly == estimate.weekly * 52
    if contribution is not None:
        split = estimate.contribution
        assert split.person_weekly + split.council_weekly == estimate.weekly
        assert split.person_weekly >= 0 and split.council_weekly >= 0


@given(answers=st.dictionaries(st.text(max_size=20), st.text(max_size=20) | st.none() | st.integers()))
def test_any_answers_at_all_never_crash_the_estimate(answers):
    estimate = estimate_budget(make_budget(), answers)
    assert estimate.lower <= estimate.weekly <= estimate.upper


@given(text=st.text(max_size=200))
def test_any_typed_contribution_is_read_or_refused_without_crashing(text):
    amount, problem = parse_weekly_amount(text)
    assert (amount is None) or (problem is None)
    if amount is not None:
        assert Decimal(0) <= amount <= Decimal(10000)
        assert amount == amount.quantize(Decimal("0.01"))


@given(pence=st.integers(0, 1_000_000))
def test_a_typed_amount_in_pounds_and_pence_reads_back_exactly(pence):
    amount = Decimal(pence) / 100
    assert parse_weekly_amount(f"£{amount:,.2f}") == (amount, None)
