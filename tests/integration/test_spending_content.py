"""The shipped spending catalogue loads and makes sense; broken edits are named by file and field."""
from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from logic.content import CONTENT_DIR, ContentError, load_content
from logic.plan import SupportItem
from logic.spending import item_warnings

ISSUE_OPTIONS = {
    "personal_assistant",
    "home_care_agency",
    "day_opportunities",
    "short_breaks",
    "sitting_service",
    "sleep_in_night",
    "community_activities",
    "transport",
    "equipment",
    "telecare",
    "free_community",
}


@pytest.fixture(scope="module")
def content():
    return load_content()


@pytest.fixture()
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def problems_in(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(root)
    return [str(p) for p in caught.value.problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_catalogue_has_every_kind_of_support_the_issue_asks_for(content):
    assert ISSUE_OPTIONS <= {o.id for o in content.support_options}


def test_every_rate_is_an_exact_amount_with_a_unit_a_date_and_a_source(content):
    for option in content.support_options:
        assert isinstance(option.rate, Decimal)
        assert option.rate == option.rate.quantize(Decimal("0.01"))
        assert option.unit and option.units and option.source and option.rate_from.year >= 2018


def test_free_community_support_costs_nothing(content):
    free = next(o for o in content.support_options if o.id == "free_community")
    assert free.rate == 0 and not free.top_up_check


def test_every_need_area_a_support_option_names_exists(content):
    known = set(content.need_area_ids())
    for option in content.support_options:
        assert option.need_areas and set(option.need_areas) <= known


def test_the_seeds_managed_account_providers_are_listed_with_phone_and_email(content):
    names = {p.name for p in content.providers}
    assert len(content.providers) == 7
    assert "Disability Direct" in names and "Penderels Trust" in names
    purple = next(p for p in content.providers if p.id == "purple")
    assert (purple.phone, purple.email) == ("01245 392 300", "info@purple-dpss.co.uk")


def test_every_way_to_manage_a_budget_the_issue_names_is_explained(content):
    ways = {w.id: w for w in content.budget_management.ways}
    assert {"council", "direct_payment", "managed_account", "individual_service_fund", "third_party", "mix"} <= set(ways)
    direct = ways["direct_payment"]
    explained = direct.explanation + " ".join(direct.responsibilities)
    for words in ("every 4 weeks in advance", "lump sum", "separate bank account", "receipts", "employer"):
        assert words in explained


@pytest.mark.parametrize(
    "typed, rule_id",
    [
        ("District nurse visits", "nhs_care"),
        ("Help paying the gas bill", "household_bills"),
        ("Rent", "household_bills"),
        ("A flutter at the bookies", "gambling"),
        ("Bottle of wine", "alcohol"),
        ("Cigarettes", "tobacco"),
        ("Paying off my credit card", "debts"),
        ("Moving into a care home", "permanent_residential_care"),
    ],
)
def test_each_shipped_rule_warns_about_an_item_that_matches_it(content, typed, rule_id):
    assert rule_id in {r.id for r in item_warnings(content, SupportItem(description=typed))}


@pytest.mark.parametrize("flag, rule_id", [("relative_same_household", "relative_same_household"), ("already_met", "needs_already_met")])
def test_the_yes_no_questions_raise_their_rules(content, flag, rule_id):
    assert [r.id for r in item_warnings(content, SupportItem(flags=[flag]))] == [rule_id]


@pytest.mark.parametrize(
    "typed",
    ["Personal assistant to help me get up", "Swimming at the leisure centre", "Lunch club", "Better sleep", "Short break in a care home"],
)
def test_ordinary_support_raises_no_warning(content, typed):
    assert item_warnings(content, SupportItem(description=typed)) == []


def test_a_rate_written_with_a_pound_sign_is_named(content_copy):
    edit(content_copy / "support_options.csv", ",13.75,", ",£13.75,")
    assert any("support_options.csv: row 2.rate" in p for p in problems_in(content_copy))


def test_a_rate_with_too_many_decimal_places_is_named(content_copy):
    edit(content_copy / "support_options.csv", ",13.75,", ",13.755,")
    assert any("support_options.csv: row 2.rate" in p for p in problems_in(content_copy))


def test_a_missing_date_is_named(content_copy):
    edit(content_copy / "support_options.csv", ",2024-04-01,Shropshire Council direct payment standard rates 2024/25: £13.75", ",,Shropshire")
    assert any("row 2.rate_from: required but missing" in p for p in problems_in(content_copy))


def test_a_date_in_another_format_is_named(content_copy):
    edit(content_copy / "support_options.csv", ",2024-04-01,", ",1/4/2024,")
    assert any("row 2.rate_from" in p for p in problems_in(content_copy))


def test_an_unknown_need_area_is_named(content_copy):
    edit(content_copy / "support_options.csv", "nutrition;personal_hygiene;toilet_needs;dressing;home_safety,week", "nutrition;flying,week")
    assert any("support_options.csv" in p and "'flying' is not a need area" in p for p in problems_in(content_copy))


def test_a_rule_that_can_never_match_is_named(content_copy):
    edit(content_copy / "spending_rules.toml", 'flags = ["already_met"]', "")
    assert any("spending_rules.toml: rules.2" in p and "needs phrases" in p for p in problems_in(content_copy))


def test_a_rule_naming_an_unknown_flag_or_option_is_named(content_copy):
    edit(content_copy / "spending_rules.toml", 'flags = ["already_met"]', 'flags = ["alredy_met"]\noption_ids = ["yacht"]')
    problems = problems_in(content_copy)
    assert any("rules.2.flags" in p and "'alredy_met'" in p for p in problems)
    assert any("rules.2.option_ids" in p and "'yacht'" in p for p in problems)


def test_a_misspelt_key_in_the_rules_is_named(content_copy):
    edit(content_copy / "spending_rules.toml", 'group = "cannot_pay"', 'gruop = "cannot_pay"')
    assert any("spending_rules.toml: rules.0.gruop: unknown key" in p for p in problems_in(content_copy))


def test_a_provider_without_a_usable_email_is_named(content_copy):
    edit(content_copy / "providers.csv", "info@ddpayroll.co.uk", "ddpayroll")
    assert any("providers.csv: row 3.email" in p for p in problems_in(content_copy))


def test_a_duplicate_support_option_is_named(content_copy):
    edit(content_copy / "support_options.csv", "\nhome_care_agency,", "\npersonal_assistant,")
    assert any("duplicate id 'personal_assistant'" in p for p in problems_in(content_copy))
