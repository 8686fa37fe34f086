"""Property tests of costing and warnings: they hold for any list of items, not just examples."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from logic.catalogue import SpendingRule, SpendingRules
from logic.content import Content, ServiceContent
from logic.money import PENNY, round_to
from logic.plan import Plan, SupportItem
from logic.spending import item_cost, total_costs, warnings_by_item, yearly_cost

FREQUENCIES = ["week", "four_weeks", "year", "one_off"]

money = st.decimals(min_value=Decimal("0"), max_value=Decimal("100000"), places=2, allow_nan=False, allow_infinity=False)
amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("10000"), places=2, allow_nan=False, allow_infinity=False)
items = st.builds(
    SupportItem,
    quantity=amounts,
    unit_cost=money,
    frequency=st.sampled_from(FREQUENCIES),
)
item_lists = st.lists(items, max_size=30)


@settings(max_examples=200, deadline=None)
@given(item_lists)
def test_week_four_week_and_year_totals_agree(listed):
    totals = total_costs(listed)
    # A year divides into 52 weeks and 13 four-week periods; Decimal division is exact to
    # 28 significant digits, so the periods agree to the penny and far beyond.
    assert abs(totals.four_weekly * 13 - totals.yearly) < Decimal("1e-10")
    assert abs(totals.weekly * 52 - totals.yearly) < Decimal("1e-10")
    assert agree_to_the_penny(totals.four_weekly * 13, totals.yearly)
    assert agree_to_the_penny(totals.weekly * 52, totals.yearly)
    assert agree_to_the_penny(totals.weekly * 4, totals.four_weekly)


def agree_to_the_penny(worked_out: Decimal, exact: Decimal) -> bool:
    """Rounded, they are the same; when the exact amount is a half penny (a yearly sum can
    be: pence times a quantity with pence), a figure worked out through a division that does
    not end (a 52nd) may round the other way, so a penny apart is all that can be promised."""
    if abs(exact / PENNY % 1 - Decimal("0.5")) < Decimal("1e-9"):
        return abs(round_to(worked_out, PENNY) - round_to(exact, PENNY)) <= PENNY
    return round_to(worked_out, PENNY) == round_to(exact, PENNY)


@settings(max_examples=200, deadline=None)
@given(item_lists)
def test_the_total_is_the_sum_of_the_items(listed):
    totals = total_costs(listed)
    assert totals.yearly == sum((yearly_cost(i) for i in listed), Decimal(0))
    assert totals.one_off == sum((item_cost(i) for i in listed if i.frequency == "one_off"), Decimal(0))


@settings(max_examples=200, deadline=None)
@given(item_lists, items)
def test_one_off_items_never_enter_recurring_totals(listed, extra):
    one_off = extra.model_copy(update={"frequency": "one_off"})
    before, after = total_costs(listed), total_costs(listed + [one_off])
    assert after.yearly == before.yearly
    assert after.weekly == before.weekly
    assert after.one_off == before.one_off + item_cost(one_off)


@settings(max_examples=200, deadline=None)
@given(item_lists, items)
def test_adding_an_item_never_lowers_a_total(listed, extra):
    assert total_costs(listed + [extra]).yearly >= total_costs(listed).yearly


# Words that never contain a rule's phrase, and the phrases the rules look for.
NEUTRAL = ["swimming", "with", "my", "friend", "help", "at", "home", "shopping", "garden", "class", "better", "alphabet", "taxi"]
RULES = {"gambling": ["bet", "casino"], "bills": ["council tax", "rent"], "alcohol": ["wine"]}
FLAGS = ["relative"]


def rules_content() -> Content:
    rules = [SpendingRule(id=i, group="council_rule", title=i, explanation=i, phrases=p) for i, p in RULES.items()]
    rules.append(SpendingRule(id="relative", group="council_rule", title="r", explanation="r", flags=FLAGS))
    return Content(
        service=ServiceContent(schema_version=1, service_name="Test", text={}),
        steps={},
        need_areas=[],
        spending_rules=SpendingRules(rules=rules),
    )


@st.composite
def described_items(draw):
    """An item and the set of rule ids it should trigger, built from known words."""
    words = draw(st.lists(st.sampled_from(NEUTRAL), max_size=6))
    triggers = draw(st.sets(st.sampled_from(sorted(RULES))))
    for rule_id in sorted(triggers):
        phrase = draw(st.sampled_from(RULES[rule_id]))
        position = draw(st.integers(min_value=0, max_value=len(words)))
        styled = draw(st.sampled_from([phrase, phrase.upper(), phrase.title(), f"{phrase}!", f"({phrase})"]))
        words.insert(position, styled)
    flagged = draw(st.booleans())
    expected = set(triggers) | ({"relative"} if flagged else set())
    in_provider = draw(st.booleans())
    text = " ".join(words)
    item = SupportItem(
        description="" if in_provider else text,
        provider=text if in_provider else "",
        flags=FLAGS if flagged else [],
    )
    return item, expected


@settings(max_examples=300, deadline=None)
@given(st.lists(described_items(), max_size=12))
def test_warnings_fire_exactly_for_the_items_that_match(cases):
    plan = Plan()
    plan.spending.items = [item for item, _ in cases]
    found = warnings_by_item(rules_content(), plan)
    for item, expected in cases:
        assert {rule.id for rule in found.get(item.id, [])} == expected
