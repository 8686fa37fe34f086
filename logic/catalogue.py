"""The council's catalogue for spending and managing a budget: support options with dated,
sourced rates, rules on what a budget cannot buy, ways to manage it, and account providers.

Models and cross-checks only; logic/content.py reads the files (through its reader) and
calls ``load_catalogue``. Rates are exact Decimals read from CSV strings, never floats.
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, field_validator

from logic.wording import KNOWN_PLACEHOLDERS, Wording, unknown_placeholders

Frequency = Literal["week", "four_weeks", "year", "one_off"]
ID_PATTERN = r"^[a-z][a-z0-9_]*$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SupportOption(_Model):
    """One kind of support, with an illustrative council rate for one unit of it."""

    id: str = Field(pattern=ID_PATTERN)
    label: str = Field(min_length=1)
    description: str = Field(min_length=1)
    unit: str = Field(min_length=1)
    units: str = Field(min_length=1)
    rate: Decimal = Field(ge=0, le=100000, decimal_places=2)
    rate_from: dt.date
    source: str = Field(min_length=1)
    need_areas: list[str] = Field(default_factory=list)
    default_frequency: Frequency = "week"
    cost_editable: bool = True
    top_up_check: bool = True

    @field_validator("need_areas", mode="before")
    @classmethod
    def _split_list(cls, value: Any) -> Any:
        # A spreadsheet cell holds several ids separated by ";".
        if isinstance(value, str):
            return [part.strip() for part in value.split(";") if part.strip()]
        return value

    @field_validator("rate", mode="before")
    @classmethod
    def _rate_is_text(cls, value: Any) -> Any:
        # A float would carry binary noise into money; the CSV gives exact strings.
        if isinstance(value, float):
            raise ValueError("write the rate as text, for example 13.75")
        return value


class Limits(_Model):
    """The largest numbers a person can enter for an item, and the longest text."""

    max_quantity: Decimal = Field(default=Decimal("10000"), gt=0)
    max_unit_cost: Decimal = Field(default=Decimal("100000"), gt=0)
    max_text: int = Field(default=200, gt=0, le=5000)


class ItemFlag(_Model):
    """A yes/no question asked about each support item, so rules can match it."""

    id: str = Field(pattern=ID_PATTERN)
    label: Wording
    hint: Wording | None = None


class SpendingRule(_Model):
    """Something a budget cannot pay for, and how to recognise an item that looks like it."""

    id: str = Field(pattern=ID_PATTERN)
    group: Literal["cannot_pay", "council_rule"]
    title: str = Field(min_length=1)
    explanation: Wording
    phrases: list[str] = Field(default_factory=list)
    option_ids: list[str] = Field(default_factory=list)
    flags: list[str] = Field(default_factory=list)


class SpendingRules(_Model):
    limits: Limits = Field(default_factory=Limits)
    flags: list[ItemFlag] = Field(default_factory=list)
    rules: list[SpendingRule] = Field(default_factory=list)


Ask = Literal["recipient", "provider", "organisation", "items"]


class ManagementWay(_Model):
    """A way to receive and manage a budget, explained with its responsibilities."""

    id: str = Field(pattern=ID_PATTERN)
    label: Wording
    summary: Wording
    explanation: Wording
    responsibilities: list[Wording] = Field(default_factory=list)
    asks: list[Ask] = Field(default_factory=list)
    carries_items: bool = False


class HelpKind(_Model):
    id: str = Field(pattern=ID_PATTERN)
    label: Wording


class BudgetManagement(_Model):
    ways: list[ManagementWay] = Field(default_factory=list)
    help: list[HelpKind] = Field(default_factory=list)

    def way(self, way_id: str) -> ManagementWay | None:
        return next((w for w in self.ways if w.id == way_id), None)


class Provider(_Model):
    """A managed account provider the council lists, with how to contact it."""

    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    phone: str = Field(min_length=1)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    source: str = ""


class Reader(Protocol):
    """What the loader in logic/content.py offers: file reading and problem collection."""

    def problem(self, file: str, field: str, message: str) -> None: ...
    def toml(self, relative: str) -> dict[str, Any] | None: ...
    def csv_rows(self, relative: str) -> list[dict[str, str]] | None: ...
    def model(self, relative: str, model: Any, data: Any, prefix: str = "") -> Any: ...


OPTIONS_FILE = "support_options.csv"
RULES_FILE = "spending_rules.toml"
MANAGEMENT_FILE = "budget_management.toml"
PROVIDERS_FILE = "providers.csv"


def normalise_words(text: str) -> str:
    """Lower case words separated by single spaces, so phrases match whole words only."""
    return " ".join(re.findall(r"[a-z0-9]+", text.casefold()))


def _duplicates(reader: Reader, file: str, where: str, ids: list[str]) -> None:
    for index, value in enumerate(ids):
        if ids.index(value) != index:
            reader.problem(file, f"{where}.{index}.id", f"duplicate id {value!r}")


def _check_wording(reader: Reader, file: str, where: str, wording: Wording | None) -> None:
    for name in sorted(unknown_placeholders(wording)):
        reader.problem(file, where, f"unknown placeholder {{{name}}}: use one of {sorted(KNOWN_PLACEHOLDERS)}")


def load_support_options(reader: Reader, need_area_ids: list[str]) -> list[SupportOption]:
    rows = reader.csv_rows(OPTIONS_FILE)
    if rows is None:
        return []
    options: list[SupportOption] = []
    for number, row in enumerate(rows, start=2):  # row 1 is the header, as a spreadsheet shows
        option = reader.model(OPTIONS_FILE, SupportOption, row, prefix=f"row {number}.")
        if option is None:
            continue
        if not option.need_areas:
            reader.problem(OPTIONS_FILE, f"row {number}.need_areas", "name at least one need area")
        for area in option.need_areas:
            if need_area_ids and area not in need_area_ids:
                reader.problem(OPTIONS_FILE, f"row {number}.need_areas", f"{area!r} is not a need area in need_areas.toml")
        options.append(option)
    if rows and not options and not reader_has_problems(reader, OPTIONS_FILE):
        reader.problem(OPTIONS_FILE, "(file)", "no support options")
    _duplicates(reader, OPTIONS_FILE, "options", [o.id for o in options])
    return options


def reader_has_problems(reader: Reader, file: str) -> bool:
    return any(p.file == file for p in getattr(reader, "problems", []))


def load_spending_rules(reader: Reader, options: list[SupportOption]) -> SpendingRules:
    data = reader.toml(RULES_FILE)
    rules = reader.model(RULES_FILE, SpendingRules, data) if data is not None else None
    if rules is None:
        return SpendingRules()
    _duplicates(reader, RULES_FILE, "flags", [f.id for f in rules.flags])
    _duplicates(reader, RULES_FILE, "rules", [r.id for r in rules.rules])
    for index, flag in enumerate(rules.flags):
        _check_wording(reader, RULES_FILE, f"flags.{index}.label", flag.label)
        _check_wording(reader, RULES_FILE, f"flags.{index}.hint", flag.hint)
    option_ids = {o.id for o in options}
    flag_ids = {f.id for f in rules.flags}
    for index, rule in enumerate(rules.rules):
        where = f"rules.{index}"
        if not (rule.phrases or rule.option_ids or rule.flags):
            reader.problem(RULES_FILE, where, "a rule needs phrases, option_ids or flags to match items")
        for number, phrase in enumerate(rule.phrases):
            if not normalise_words(phrase):
                reader.problem(RULES_FILE, f"{where}.phrases.{number}", "a phrase needs at least one letter or number")
        for option_id in rule.option_ids:
            if options and option_id not in option_ids:
                reader.problem(RULES_FILE, f"{where}.option_ids", f"{option_id!r} is not in {OPTIONS_FILE}")
        for flag_id in rule.flags:
            if flag_id not in flag_ids:
                reader.problem(RULES_FILE, f"{where}.flags", f"{flag_id!r} is not one of the [[flags]]")
        _check_wording(reader, RULES_FILE, f"{where}.explanation", rule.explanation)
    return rules


def load_providers(reader: Reader) -> list[Provider]:
    rows = reader.csv_rows(PROVIDERS_FILE)
    if rows is None:
        return []
    providers = []
    for number, row in enumerate(rows, start=2):
        provider = reader.model(PROVIDERS_FILE, Provider, row, prefix=f"row {number}.")
        if provider is not None:
            providers.append(provider)
    _duplicates(reader, PROVIDERS_FILE, "providers", [p.id for p in providers])
    return providers


def load_budget_management(reader: Reader, providers: list[Provider]) -> BudgetManagement:
    data = reader.toml(MANAGEMENT_FILE)
    management = reader.model(MANAGEMENT_FILE, BudgetManagement, data) if data is not None else None
    if management is None:
        return BudgetManagement()
    _duplicates(reader, MANAGEMENT_FILE, "ways", [w.id for w in management.ways])
    _duplicates(reader, MANAGEMENT_FILE, "help", [h.id for h in management.help])
    if len(management.ways) < 2:
        reader.problem(MANAGEMENT_FILE, "ways", "give at least 2 ways to manage a budget")
    carriers = [w for w in management.ways if w.carries_items]
    for index, way in enumerate(management.ways):
        where = f"ways.{index}"
        if "provider" in way.asks and not providers:
            reader.problem(MANAGEMENT_FILE, f"{where}.asks", f"asks for a provider but {PROVIDERS_FILE} lists none")
        if "items" in way.asks and len(carriers) < 2:
            reader.problem(MANAGEMENT_FILE, f"{where}.asks", "a mix needs at least 2 ways with carries_items = true")
        if "items" in way.asks and way.carries_items:
            reader.problem(MANAGEMENT_FILE, f"{where}.carries_items", "a mix cannot itself carry items")
        for key in ("label", "summary", "explanation"):
            _check_wording(reader, MANAGEMENT_FILE, f"{where}.{key}", getattr(way, key))
        for number, wording in enumerate(way.responsibilities):
            _check_wording(reader, MANAGEMENT_FILE, f"{where}.responsibilities.{number}", wording)
    for index, kind in enumerate(management.help):
        _check_wording(reader, MANAGEMENT_FILE, f"help.{index}.label", kind.label)
    return management


def load_catalogue(reader: Reader, need_area_ids: list[str]) -> dict[str, Any]:
    """Every part of the spending catalogue, keyed by its field name on ``Content``."""
    options = load_support_options(reader, need_area_ids)
    providers = load_providers(reader)
    return {
        "support_options": options,
        "spending_rules": load_spending_rules(reader, options),
        "providers": providers,
        "budget_management": load_budget_management(reader, providers),
    }
