"""Spending: what the support in a plan costs over a week, 4 weeks and a year, where that
stands against the indicative estimate, and which items a rule says the budget can't buy.

Every figure is an exact Decimal worked out from a year (the period conversions are in
logic/money.py); rounding happens only when a page shows it. Warnings are pure functions of
the plan and content.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal, InvalidOperation
from typing import Literal

from logic.catalogue import SpendingRule, SupportOption, normalise_words
from logic.money import PENNY, convert, round_to
from logic.plan import Outcome, Plan, SupportItem

RECURRING = ("week", "four_weeks", "year")
PERIODS = ("week", "four_weeks", "year")
ZERO = Decimal(0)


# ---------------------------------------------------------------- costs


def item_cost(item: SupportItem) -> Decimal:
    """What the item costs each time its period comes round (or once, for a one-off)."""
    return item.quantity * item.unit_cost


def yearly_cost(item: SupportItem) -> Decimal:
    """The item's cost over a year; one-off items are not part of the recurring total."""
    if item.frequency == "one_off":
        return ZERO
    return convert(item_cost(item), item.frequency, "year")


@dataclass(frozen=True)
class Totals:
    """Recurring spending in each period (exact), and one-off spending apart."""

    yearly: Decimal
    one_off: Decimal

    @property
    def weekly(self) -> Decimal:
        return convert(self.yearly, "year", "week")

    @property
    def four_weekly(self) -> Decimal:
        return convert(self.yearly, "year", "four_weeks")

    def per(self, period: str) -> Decimal:
        return {"week": self.weekly, "four_weeks": self.four_weekly, "year": self.yearly}[period]


def total_costs(items: list[SupportItem]) -> Totals:
    yearly = sum((yearly_cost(i) for i in items), ZERO)
    one_off = sum((item_cost(i) for i in items if i.frequency == "one_off"), ZERO)
    return Totals(yearly=yearly, one_off=one_off)


# ---------------------------------------------------------------- the estimate


@dataclass(frozen=True)
class Estimate:
    """The indicative budget a week, with the range it may fall in."""

    weekly: Decimal
    lower: Decimal
    upper: Decimal

    def per(self, period: str) -> Decimal:
        return convert(self.weekly, "week", period)  # type: ignore[arg-type]


def indicative_estimate(content, plan: Plan) -> Estimate | None:
    """The budget step's estimate for this plan, or None when there is none yet."""
    try:
        from logic.budget import estimate_for_plan
    except ImportError:  # the budget step is being built alongside this one
        return None
    try:
        result = estimate_for_plan(content, plan)
    except Exception:  # noqa: BLE001 - spending still works without an estimate
        return None
    return estimate_from(result)


def estimate_from(result) -> Estimate | None:
    """Read the budget step's answer (weekly, lower, upper) defensively."""
    weekly = getattr(result, "weekly", None)
    if weekly is None or getattr(result, "nothing_answered", False):
        return None
    weekly = Decimal(str(weekly)) if not isinstance(weekly, Decimal) else weekly
    lower = getattr(result, "lower", None)
    upper = getattr(result, "upper", None)
    lower = Decimal(str(lower)) if lower is not None else weekly
    upper = Decimal(str(upper)) if upper is not None else weekly
    return Estimate(weekly=weekly, lower=min(lower, weekly), upper=max(upper, weekly))


Standing = Literal["within", "over", "under"]


@dataclass(frozen=True)
class Comparison:
    """Where the plan's recurring cost stands against the estimate.

    ``within`` means inside the estimate's range; ``difference`` is always against the
    estimate's central figure, so "over by £X" and "under by £X" match what people see.
    """

    standing: Standing
    difference_weekly: Decimal  # plan minus estimate, a week

    def difference(self, period: str) -> Decimal:
        return convert(self.difference_weekly, "week", period)  # type: ignore[arg-type]


def compare_with_estimate(totals: Totals, estimate: Estimate) -> Comparison:
    # Compare at the penny a week, as people see the figures.
    weekly = round_to(totals.weekly, PENNY)
    if weekly > round_to(estimate.upper, PENNY):
        standing: Standing = "over"
    elif weekly < round_to(estimate.lower, PENNY):
        standing = "under"
    else:
        standing = "within"
    return Comparison(standing=standing, difference_weekly=totals.weekly - estimate.weekly)


# ---------------------------------------------------------------- rates and top-ups


def find_option(content, option_id: str) -> SupportOption | None:
    return next((o for o in content.support_options if o.id == option_id), None)


def above_council_rate(content, item: SupportItem) -> Decimal | None:
    """How much more a unit costs than the council's rate, when a top-up may apply."""
    option = find_option(content, item.option_id)
    if option is None or not option.top_up_check or item.unit_cost <= option.rate:
        return None
    return item.unit_cost - option.rate


# ---------------------------------------------------------------- warnings


def item_words(item: SupportItem) -> str:
    """What the person typed about an item, as words rules can look for."""
    return normalise_words(f"{item.description} {item.provider}")


@lru_cache(maxsize=1024)
def phrase_words(phrase: str) -> str:
    """A rule's phrase as words. Cached: phrases come from content, never from a person."""
    return normalise_words(phrase)


def rule_matches(rule: SpendingRule, item: SupportItem, words: str | None = None) -> bool:
    """Whether a rule applies to an item; ``words`` is ``item_words(item)`` if already known."""
    if item.option_id and item.option_id in rule.option_ids:
        return True
    if set(rule.flags) & set(item.flags):
        return True
    padded = f" {item_words(item) if words is None else words} "
    return any(f" {w} " in padded for w in map(phrase_words, rule.phrases) if w)


def item_warnings(content, item: SupportItem) -> list[SpendingRule]:
    """The rules this item may break, in the order the content lists them."""
    words = item_words(item)  # once per item: an answer can run to thousands of characters
    return [rule for rule in content.spending_rules.rules if rule_matches(rule, item, words)]


def warnings_by_item(content, plan: Plan) -> dict[str, list[SpendingRule]]:
    """Item id to the rules it matches, only for items that match at least one."""
    found = {item.id: item_warnings(content, item) for item in plan.spending.items}
    return {item_id: rules for item_id, rules in found.items() if rules}


# ---------------------------------------------------------------- outcomes


def known_outcome_ids(plan: Plan) -> list[str]:
    return [o.id for o in plan.change.outcomes if o.text.strip()]


def outcomes_without_support(plan: Plan) -> list[Outcome]:
    """Outcomes no item helps with and no other help has been noted for."""
    helped = {i for item in plan.spending.items for i in item.outcome_ids}
    helped |= set(plan.spending.outcomes_other_help)
    return [o for o in plan.change.outcomes if o.text.strip() and o.id not in helped]


def items_without_outcome(plan: Plan) -> list[SupportItem]:
    """Items linked to no outcome that still exists (a budget pays only towards outcomes)."""
    known = set(known_outcome_ids(plan))
    return [item for item in plan.spending.items if not set(item.outcome_ids) & known]


# ---------------------------------------------------------------- typed amounts

AmountProblem = Literal["empty", "not_a_number", "negative", "zero", "too_big", "too_precise"]
_NUMBER = re.compile(r"^(\d+(\.\d*)?|\.\d+)$")


@dataclass(frozen=True)
class ParsedAmount:
    value: Decimal | None
    problem: AmountProblem | None = None


def parse_amount(text: str, *, maximum: Decimal, allow_zero: bool, places: int = 2) -> ParsedAmount:
    """Read a typed number such as "3", "2.5", "£1,250.00"; say kindly what is wrong if not."""
    cleaned = re.sub(r"[\s,£]", "", text or "")
    if not cleaned:
        return ParsedAmount(None, "empty")
    if cleaned.startswith("-") and _NUMBER.match(cleaned[1:]):
        return ParsedAmount(None, "negative")
    if not _NUMBER.match(cleaned):  # refuses "NaN", "inf", "1e9" and words
        return ParsedAmount(None, "not_a_number")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return ParsedAmount(None, "not_a_number")
    if value > maximum:
        return ParsedAmount(None, "too_big")
    if value == 0 and not allow_zero:
        return ParsedAmount(None, "zero")
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -places:
        return ParsedAmount(None, "too_precise")
    return ParsedAmount(value)


def amount_text(value: Decimal) -> str:
    """A Decimal as a person would type it: 3, 2.5, 13.75 (no exponent, no trailing noise)."""
    if value == value.to_integral():
        return f"{value.quantize(Decimal(1))}"
    return f"{value.normalize():f}"


# ---------------------------------------------------------------- how the budget is paid


def way_for_item(plan: Plan, item: SupportItem) -> str:
    """Which way an item is paid: the plan's method, or the item's own choice in a mix."""
    return item.how_paid if plan.managing.method == "mix" else plan.managing.method


def totals_by_way(content, plan: Plan) -> dict[str, Totals]:
    """Recurring and one-off totals for each way the budget is received ("" for undecided)."""
    groups: dict[str, list[SupportItem]] = {}
    for item in plan.spending.items:
        groups.setdefault(way_for_item(plan, item), []).append(item)
    return {way: total_costs(items) for way, items in groups.items()}


# ---------------------------------------------------------------- adding and changing items


@dataclass
class ItemDraft:
    """An item being added or changed, as typed (strings), so nothing typed is ever lost."""

    option_id: str = ""
    description: str = ""
    quantity: str = ""
    frequency: str = "week"
    unit_cost: str = ""
    provider: str = ""
    outcome_ids: list[str] | None = None
    flags: list[str] | None = None

    def is_blank(self) -> bool:
        return not (self.option_id or self.description.strip() or self.quantity.strip() or self.provider.strip())


def draft_from_item(item: SupportItem) -> ItemDraft:
    return ItemDraft(
        option_id=item.option_id,
        description=item.description,
        quantity=amount_text(item.quantity),
        frequency=item.frequency,
        unit_cost=amount_text(item.unit_cost),
        provider=item.provider,
        outcome_ids=list(item.outcome_ids),
        flags=list(item.flags),
    )


def choose_option(content, draft: ItemDraft, option_id: str) -> None:
    """A new type of support brings its council rate and usual frequency with it."""
    draft.option_id = option_id
    option = find_option(content, option_id)
    if option is not None:
        draft.unit_cost = amount_text(option.rate)
        draft.frequency = option.default_frequency


DraftProblem = Literal["no_option", "text_too_long"] | AmountProblem


def check_draft(content, draft: ItemDraft) -> dict[str, DraftProblem]:
    """Field name to what is wrong with it; empty when the draft can become an item."""
    limits = content.spending_rules.limits
    problems: dict[str, DraftProblem] = {}
    option = find_option(content, draft.option_id)
    if option is None:
        problems["option_id"] = "no_option"
    if len(draft.description) > limits.max_text:
        problems["description"] = "text_too_long"
    quantity = parse_amount(draft.quantity, maximum=limits.max_quantity, allow_zero=False)
    if quantity.problem:
        problems["quantity"] = quantity.problem
    if option is None or option.cost_editable:
        cost = parse_amount(draft.unit_cost, maximum=limits.max_unit_cost, allow_zero=True)
        if cost.problem:
            problems["unit_cost"] = cost.problem
    if len(draft.provider) > limits.max_text:
        problems["provider"] = "text_too_long"
    if draft.frequency not in ("week", "four_weeks", "year", "one_off"):
        draft.frequency = "week"
    return problems


def item_from_draft(content, draft: ItemDraft, item_id: str | None = None, how_paid: str = "") -> SupportItem:
    """The support item a checked draft describes (call ``check_draft`` first)."""
    option = find_option(content, draft.option_id)
    limits = content.spending_rules.limits
    if option is not None and not option.cost_editable:
        unit_cost = option.rate
    else:
        unit_cost = parse_amount(draft.unit_cost, maximum=limits.max_unit_cost, allow_zero=True).value
    quantity = parse_amount(draft.quantity, maximum=limits.max_quantity, allow_zero=False).value
    if unit_cost is None or quantity is None:
        raise ValueError("check the draft before making an item from it")
    known_flags = {f.id for f in content.spending_rules.flags}
    fields = dict(
        option_id=draft.option_id,
        description=draft.description.strip(),
        quantity=quantity,
        frequency=draft.frequency,
        unit_cost=unit_cost,
        provider=draft.provider.strip(),
        outcome_ids=list(draft.outcome_ids or []),
        flags=[f for f in draft.flags or [] if f in known_flags],
        how_paid=how_paid,
    )
    if item_id:
        fields["id"] = item_id
    return SupportItem(**fields)


def item_title(content, item: SupportItem) -> str:
    """What a person calls the item: their own words, else the type of support."""
    option = find_option(content, item.option_id)
    return item.description.strip() or (option.label if option else item.option_id)
