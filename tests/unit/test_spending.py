"""Costing, the estimate comparison, warnings and typed amounts, with content built in code."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from logic.catalogue import Limits, SpendingRule, SpendingRules, SupportOption, ItemFlag
from logic.content import Content, ServiceContent
from logic.plan import Outcome, Plan, SupportItem
from logic.spending import (
    Estimate,
    ItemDraft,
    above_council_rate,
    check_draft,
    choose_option,
    compare_with_estimate,
    draft_from_item,
    estimate_from,
    item_from_draft,
    item_warnings,
    items_without_outcome,
    outcomes_without_support,
    parse_amount,
    total_costs,
    totals_by_way,
    warnings_by_item,
    yearly_cost,
)

D = Decimal


def option(option_id: str, rate: str, *, editable: bool = True, top_up: bool = True, frequency: str = "week") -> SupportOption:
    return SupportOption(
        id=option_id,
        label=option_id.replace("_", " ").title(),
        description="A kind of support.",
        unit="hour",
        units="hours",
        rate=D(rate),
        rate_from=dt.date(2024, 4, 1),
        source="A council's published rates",
        need_areas=["community"],
        default_frequency=frequency,
        cost_editable=editable,
        top_up_check=top_up,
    )


def make_content() -> Content:
    return Content(
        service=ServiceContent(schema_version=1, service_name="Test", text={}),
        steps={},
        need_areas=[],
        support_options=[
            option("pa", "13.75"),
            option("telecare", "3.59", editable=False),
            option("equipment", "0", top_up=False, frequency="one_off"),
        ],
        spending_rules=SpendingRules(
            limits=Limits(max_quantity=D("1000"), max_unit_cost=D("5000"), max_text=50),
            flags=[ItemFlag(id="relative", label="A close relative in the same household")],
            rules=[
                SpendingRule(id="gambling", group="council_rule", title="Gambling", explanation="No.", phrases=["bet", "betting shop"]),
                SpendingRule(id="bills", group="cannot_pay", title="Bills", explanation="No.", phrases=["council tax"]),
                SpendingRule(id="relative", group="council_rule", title="Relative", explanation="Ask.", flags=["relative"]),
                SpendingRule(id="no_telecare", group="cannot_pay", title="T", explanation="x", option_ids=["telecare"]),
            ],
        ),
    )


def item(quantity: str = "1", cost: str = "10", frequency: str = "week", **extra) -> SupportItem:
    return SupportItem(quantity=D(quantity), unit_cost=D(cost), frequency=frequency, **extra)


# ---------------------------------------------------------------- costing


def test_a_weekly_item_costs_52_times_as_much_a_year():
    assert yearly_cost(item("3", "13.75", "week")) == D("2145.00")


def test_a_four_weekly_item_costs_13_times_as_much_a_year():
    assert yearly_cost(item("2", "50", "four_weeks")) == D("1300")


def test_a_yearly_item_costs_its_own_amount_a_year():
    assert yearly_cost(item("14", "149.10", "year")) == D("2087.40")


def test_one_off_items_are_kept_apart_from_recurring_totals():
    totals = total_costs([item("3", "13.75"), item("1", "400", "one_off")])
    assert totals.weekly == D("41.25")
    assert totals.one_off == D("400")
    assert totals.yearly == D("2145.00")


def test_totals_give_the_same_spending_in_every_period():
    totals = total_costs([item("3", "13.75"), item("2", "50", "four_weeks"), item("14", "149.10", "year")])
    assert totals.yearly == D("2145.00") + D("1300") + D("2087.40")
    assert totals.four_weekly * 13 == totals.yearly
    assert round(totals.weekly * 52, 10) == totals.yearly


def test_an_empty_list_costs_nothing():
    totals = total_costs([])
    assert (totals.weekly, totals.four_weekly, totals.yearly, totals.one_off) == (0, 0, 0, 0)


# ---------------------------------------------------------------- the estimate


def test_spending_inside_the_estimate_range_is_within():
    estimate = Estimate(weekly=D("200"), lower=D("180"), upper=D("220"))
    comparison = compare_with_estimate(total_costs([item("1", "210")]), estimate)
    assert comparison.standing == "within"
    assert comparison.difference("week") == D("10")


def test_spending_above_the_range_is_over_by_the_difference_from_the_estimate():
    estimate = Estimate(weekly=D("200"), lower=D("180"), upper=D("220"))
    comparison = compare_with_estimate(total_costs([item("1", "250")]), estimate)
    assert comparison.standing == "over"
    assert comparison.difference("week") == D("50")
    assert comparison.difference("four_weeks") == D("200")
    assert comparison.difference("year") == D("2600")


def test_spending_below_the_range_is_under():
    estimate = Estimate(weekly=D("200"), lower=D("200"), upper=D("200"))
    comparison = compare_with_estimate(total_costs([item("1", "150")]), estimate)
    assert comparison.standing == "under"
    assert comparison.difference("week") == D("-50")


def test_spending_exactly_the_estimate_is_within():
    estimate = Estimate(weekly=D("41.25"), lower=D("41.25"), upper=D("41.25"))
    assert compare_with_estimate(total_costs([item("3", "13.75")]), estimate).standing == "within"


def test_an_estimate_with_nothing_answered_counts_as_no_estimate():
    class Result:
        weekly = D("0")
        lower = D("0")
        upper = D("0")
        nothing_answered = True

    assert estimate_from(Result()) is None


def test_an_estimate_is_read_from_the_budget_step_answer():
    class Result:
        weekly = D("300")
        lower = D("270")
        upper = D("330")
        nothing_answered = False

    assert estimate_from(Result()) == Estimate(D("300"), D("270"), D("330"))


# ---------------------------------------------------------------- rates and top-ups


def test_a_cost_above_the_council_rate_notes_the_difference():
    content = make_content()
    assert above_council_rate(content, item(cost="16.00", option_id="pa")) == D("2.25")


def test_a_cost_at_or_below_the_council_rate_has_no_top_up_note():
    content = make_content()
    assert above_council_rate(content, item(cost="13.75", option_id="pa")) is None
    assert above_council_rate(content, item(cost="12", option_id="pa")) is None


def test_an_option_without_a_council_rate_never_needs_a_top_up():
    content = make_content()
    assert above_council_rate(content, item(cost="900", option_id="equipment")) is None


# ---------------------------------------------------------------- warnings


def test_a_phrase_in_the_description_raises_its_warning():
    content = make_content()
    assert [r.id for r in item_warnings(content, item(description="A bet on the horses"))] == ["gambling"]


def test_phrases_match_whole_words_only():
    content = make_content()
    assert item_warnings(content, item(description="Better days out with friends")) == []
    assert item_warnings(content, item(description="Alphabet lessons")) == []


def test_phrases_ignore_capitals_and_punctuation():
    content = make_content()
    assert [r.id for r in item_warnings(content, item(provider="The Betting-Shop!"))] == ["gambling"]
    assert [r.id for r in item_warnings(content, item(description="COUNCIL   TAX"))] == ["bills"]


def test_a_flag_raises_its_warning():
    content = make_content()
    assert [r.id for r in item_warnings(content, item(flags=["relative"]))] == ["relative"]


def test_an_option_named_in_a_rule_raises_its_warning():
    content = make_content()
    assert [r.id for r in item_warnings(content, item(option_id="telecare"))] == ["no_telecare"]


def test_only_matching_items_are_warned_about():
    content = make_content()
    plan = Plan()
    ok = item(description="Swimming with a PA")
    bad = item(description="Council tax")
    plan.spending.items = [ok, bad]
    assert list(warnings_by_item(content, plan)) == [bad.id]


# ---------------------------------------------------------------- outcomes


def plan_with_outcomes() -> tuple[Plan, Outcome, Outcome]:
    plan = Plan()
    first, second = Outcome(text="Get to the shops"), Outcome(text="See my friends")
    plan.change.outcomes = [first, second, Outcome(text="   ")]
    return plan, first, second


def test_outcomes_with_no_support_are_pointed_out():
    plan, first, second = plan_with_outcomes()
    plan.spending.items = [item(outcome_ids=[first.id])]
    assert outcomes_without_support(plan) == [second]


def test_an_outcome_met_by_other_help_is_not_pointed_out():
    plan, first, second = plan_with_outcomes()
    plan.spending.outcomes_other_help = [second.id]
    assert outcomes_without_support(plan) == [first]


def test_items_linked_to_no_outcome_are_pointed_out_even_when_the_outcome_was_deleted():
    plan, first, _ = plan_with_outcomes()
    linked, gone, none = item(outcome_ids=[first.id]), item(outcome_ids=["deleted"]), item()
    plan.spending.items = [linked, gone, none]
    assert items_without_outcome(plan) == [gone, none]


# ---------------------------------------------------------------- typed amounts


@pytest.mark.parametrize(
    "typed, value",
    [("3", "3"), (" 2.5 ", "2.5"), ("£1,250.00", "1250.00"), (".5", "0.5"), ("13.75", "13.75"), ("0", "0")],
)
def test_numbers_people_type_are_read_exactly(typed, value):
    assert parse_amount(typed, maximum=D("100000"), allow_zero=True).value == D(value)


@pytest.mark.parametrize(
    "typed, problem",
    [
        ("", "empty"),
        ("   ", "empty"),
        ("ten", "not_a_number"),
        ("NaN", "not_a_number"),
        ("inf", "not_a_number"),
        ("1e9", "not_a_number"),
        ("3 hours", "not_a_number"),
        ("-5", "negative"),
        ("100001", "too_big"),
        ("9" * 400, "too_big"),
        ("2.555", "too_precise"),
    ],
)
def test_bad_numbers_get_a_reason_not_a_crash(typed, problem):
    assert parse_amount(typed, maximum=D("100000"), allow_zero=True).problem == problem


def test_zero_is_refused_where_it_makes_no_sense():
    assert parse_amount("0", maximum=D("10"), allow_zero=False).problem == "zero"


# ---------------------------------------------------------------- drafts


def test_choosing_an_option_brings_its_rate_and_usual_frequency():
    draft = ItemDraft()
    choose_option(make_content(), draft, "equipment")
    assert (draft.unit_cost, draft.frequency) == ("0", "one_off")


def test_a_draft_with_bad_answers_lists_each_problem_and_keeps_the_words():
    content = make_content()
    draft = ItemDraft(option_id="", description="x" * 51, quantity="-2", unit_cost="lots")
    problems = check_draft(content, draft)
    assert problems == {"option_id": "no_option", "description": "text_too_long", "quantity": "negative", "unit_cost": "not_a_number"}
    assert draft.quantity == "-2" and draft.unit_cost == "lots"


def test_a_fixed_rate_option_always_costs_the_council_rate():
    content = make_content()
    draft = ItemDraft(option_id="telecare", quantity="1", unit_cost="999")
    assert check_draft(content, draft) == {}
    assert item_from_draft(content, draft).unit_cost == D("3.59")


def test_an_item_survives_a_round_trip_through_a_draft():
    content = make_content()
    original = item("2.5", "16.20", "four_weeks", option_id="pa", description="Swimming", provider="Sam",
                     outcome_ids=["a"], flags=["relative"])
    again = item_from_draft(content, draft_from_item(original), item_id=original.id)
    assert again == original


def test_unknown_flags_are_dropped_when_saving():
    content = make_content()
    draft = ItemDraft(option_id="pa", quantity="1", unit_cost="1", flags=["relative", "made_up"])
    assert item_from_draft(content, draft).flags == ["relative"]


# ---------------------------------------------------------------- ways of paying


def test_a_mix_splits_the_totals_by_the_way_each_item_is_paid():
    content = make_content()
    plan = Plan()
    plan.managing.method = "mix"
    plan.spending.items = [
        item("10", "13.75", how_paid="direct_payment"),
        item("1", "300", "one_off", how_paid="direct_payment"),
        item("5", "24.69", how_paid="council"),
        item("1", "5"),
    ]
    by_way = totals_by_way(content, plan)
    assert by_way["direct_payment"].four_weekly == D("550.00")
    assert by_way["direct_payment"].one_off == D("300")
    assert by_way["council"].weekly == D("123.45")
    assert by_way[""].weekly == D("5")


def test_one_way_for_the_whole_budget_carries_every_item():
    plan = Plan()
    plan.managing.method = "direct_payment"
    plan.spending.items = [item("1", "10", how_paid="council"), item("2", "10")]
    assert list(totals_by_way(make_content(), plan)) == ["direct_payment"]
