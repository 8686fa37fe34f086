"""The Plan holds every answer and survives a trip through JSON unchanged."""
from decimal import Decimal

from logic.plan import SCHEMA_VERSION, Plan


def test_a_new_plan_carries_the_current_schema_version():
    assert Plan().schema_version == SCHEMA_VERSION


def test_a_plan_round_trips_through_json_with_nothing_lost():
    plan = Plan()
    plan.who.mode = "carer"
    plan.who.person_name = "Zoë Wiśniewski"
    plan.who.planner_name = "Łukasz"
    plan.who.relationship = "son"
    plan.about.important_to_me = "My garden 🌻, مسجد on Fridays, <b>tea</b> and ![x](http://e.com/a.png)"
    plan.budget.weekly_contribution = Decimal("12.34")
    plan.budget.answers["nutrition"] = "some_help"
    plan.progress.current_step = "about"
    plan.progress.visited = ["start", "about"]

    again = Plan.from_json(plan.to_json())

    assert again == plan
    assert again.budget.weekly_contribution == Decimal("12.34")


def test_money_in_the_plan_is_decimal_not_float():
    plan = Plan.model_validate({"budget": {"weekly_contribution": "0.30"}})
    assert isinstance(plan.budget.weekly_contribution, Decimal)
    assert plan.budget.weekly_contribution == Decimal("0.30")


def test_an_unknown_key_in_a_saved_plan_is_refused():
    import pytest
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Plan.model_validate({"who": {"mode": "self", "colour": "blue"}})
