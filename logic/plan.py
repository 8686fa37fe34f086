"""The Plan: every answer a person gives, in one pydantic model.

The Plan is the single source of truth. The app keeps one in the session; the PDF and the
save file carry it as JSON. ``schema_version`` lets old save files be migrated, not guessed.
"""
from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1

PlanningMode = Literal["self", "carer", "helped"]
Frequency = Literal["week", "four_weeks", "year", "one_off"]


def new_id() -> str:
    """A short random id, so list entries keep their widgets when others are removed."""
    return uuid.uuid4().hex[:10]


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class WhoIsPlanning(Section):
    """Who the plan is for and who is filling it in; decides how every page speaks."""

    mode: PlanningMode | None = None
    person_name: str = ""
    planner_name: str = ""
    relationship: str = ""
    best_interests: bool = False


class BudgetAnswers(Section):
    """Answers to the self-assessment questions behind the indicative budget."""

    answers: dict[str, str] = Field(default_factory=dict)
    notes: dict[str, str] = Field(default_factory=dict)
    weekly_contribution: Decimal | None = None
    # The contribution exactly as typed, so a mistyped amount is kept to correct, not lost;
    # weekly_contribution holds it only once it is a valid amount.
    contribution_text: str = ""


class NeedNote(Section):
    """A need identified in the assessment: a need area id and the person's own words."""

    area: str
    words: str = ""


class AboutMe(Section):
    important_to_me: str = ""
    good_day: str = ""
    bad_day: str = ""
    admired_for: str = ""
    support_well: str = ""
    communication: str = ""
    culture_faith: str = ""
    needs: list[NeedNote] = Field(default_factory=list)


class Outcome(Section):
    """Something the person wants, in their words. ``id`` is stable: spending items link to it.

    ``need_areas`` holds need area ids; ``priority`` and ``timescale`` hold option ids from
    content/steps/outcomes.toml (empty when not answered).
    """

    id: str = Field(default_factory=new_id)
    text: str = ""
    need_areas: list[str] = Field(default_factory=list)
    priority: str = ""
    timescale: str = ""
    how_we_know: str = ""


class WhatToChange(Section):
    working: str = ""
    not_working: str = ""
    outcomes: list[Outcome] = Field(default_factory=list)


class NetworkPerson(Section):
    id: str = Field(default_factory=new_id)
    name: str = ""
    relationship: str = ""
    helps_with: str = ""
    how_often: str = ""


class SupportNetwork(Section):
    people: list[NetworkPerson] = Field(default_factory=list)
    community: str = ""
    equipment: str = ""
    current_support: str = ""
    carer_involved: str = ""
    carer_needs_support: str = ""
    carer_notes: str = ""


class SupportItem(Section):
    id: str = Field(default_factory=new_id)
    option_id: str = ""
    description: str = ""
    quantity: Decimal = Decimal("1")
    frequency: Frequency = "week"
    provider: str = ""
    outcome_ids: list[str] = Field(default_factory=list)
    unit_cost: Decimal = Decimal("0")
    how_paid: str = ""  # a budget_management way id, used when the budget is a mix
    flags: list[str] = Field(default_factory=list)  # spending_rules.toml [[flags]] ids answered yes


class Spending(Section):
    """The support a person would buy, and the outcomes met by other help (family, community)."""

    items: list[SupportItem] = Field(default_factory=list)
    best_value_notes: str = ""
    outcomes_other_help: list[str] = Field(default_factory=list)


class Managing(Section):
    """How the budget is received (a budget_management way id) and who helps manage it."""

    method: str = ""
    direct_payment_to: str = ""  # "self" or "nominee"
    nominee: str = ""
    provider_id: str = ""  # a providers.csv id, for a managed account
    organisation: str = ""  # for an individual service fund or third-party budget
    helper: str = ""
    help_with: list[str] = Field(default_factory=list)  # budget_management [[help]] ids
    help_needed: str = ""
    mix_notes: str = ""


class Risk(Section):
    """Something that could go wrong, and how it is managed."""

    id: str = Field(default_factory=new_id)
    risk: str = ""
    how_managed: str = ""


class Contact(Section):
    """An emergency contact."""

    id: str = Field(default_factory=new_id)
    name: str = ""
    relationship: str = ""
    phone: str = ""
    notes: str = ""


class StayingSafe(Section):
    risks: list[Risk] = Field(default_factory=list)
    emergency_plan: str = ""
    contacts: list[Contact] = Field(default_factory=list)
    if_carer_unable: str = ""
    hospital_plan: str = ""
    # Review: the dates are the person's own choice; the planner only suggests them
    # (about 6 weeks after support starts, then at least every year).
    support_starts: date | None = None
    first_review: date | None = None
    yearly_review: date | None = None
    review_when: str = ""
    review_questions: str = ""


class Progress(Section):
    current_step: str = "start"
    visited: list[str] = Field(default_factory=list)


class Plan(Section):
    """Every answer, grouped by the step that asks for it."""

    schema_version: int = SCHEMA_VERSION
    who: WhoIsPlanning = Field(default_factory=WhoIsPlanning)
    budget: BudgetAnswers = Field(default_factory=BudgetAnswers)
    about: AboutMe = Field(default_factory=AboutMe)
    change: WhatToChange = Field(default_factory=WhatToChange)
    network: SupportNetwork = Field(default_factory=SupportNetwork)
    spending: Spending = Field(default_factory=Spending)
    managing: Managing = Field(default_factory=Managing)
    safety: StayingSafe = Field(default_factory=StayingSafe)
    progress: Progress = Field(default_factory=Progress)

    def to_json(self) -> str:
        return self.model_dump_json(indent=1)

    @classmethod
    def from_json(cls, text: str | bytes) -> "Plan":
        return cls.model_validate_json(text)


def get_section(plan: Plan, section: str) -> Section:
    return getattr(plan, section)


def section_field_names(section: str) -> set[str]:
    """Names of a section's plain answers, used to check that content fields exist."""
    annotation = Plan.model_fields[section].annotation
    return set(annotation.model_fields)  # type: ignore[union-attr]
