"""Plan assembly: every answer in the Plan, labelled and worded, in the order people read it.

Check your answers (grouped by step) and the draft plan PDF (grouped by the council's list of
what a plan covers) are both built from here, so they can never disagree. Simple answers are
labelled from the content's question definitions; lists and the costed spending table have
their own shapes. Any answer no section names still appears, under "Other answers".
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from logic import budget, spending
from logic.content import Content, FieldDef, ListDef, PdfContent, StepContent
from logic.journey import STEP_SECTIONS, name_values, speaking_to_carer, validate_fields, visible_fields
from logic.managing import answer_applies
from logic.money import convert, figure, pounds
from logic.plan import Plan, SupportItem
from logic.wording import Wording, fill, speak

# Parts of the Plan that are bookkeeping, not answers.
NOT_ANSWERS = {"schema_version", "progress"}
CELL_LIMIT = 400  # characters of an item's words in a spending table cell
OUTCOME_START = 40  # characters of an outcome's words that point to it from a spending item
ENTRY_KEYS = {"id"}


@dataclass(frozen=True)
class Answer:
    """One answer with its label; ``text`` is None when nothing was given."""

    path: str
    label: str
    text: str | None


@dataclass(frozen=True)
class Entry:
    """One entry of a list (an outcome, a person, a risk) with its answers."""

    title: str
    answers: list[Answer]


@dataclass(frozen=True)
class AnswerList:
    path: str
    label: str
    entries: list[Entry]


Item = Answer | AnswerList


def is_blank_item(item: Item) -> bool:
    return item.text is None if isinstance(item, Answer) else not item.entries


@dataclass(frozen=True)
class StepGroup:
    """Check your answers: one step's answers, with the step to go back to."""

    step_id: str
    title: str
    items: list[Item]


@dataclass(frozen=True)
class MissingAnswer:
    step_id: str
    message: str


@dataclass(frozen=True)
class CostRow:
    support: str  # what it is, who provides it and how it is paid, one per line
    amount: str
    frequency: str
    unit_cost: str
    per_week: str
    per_four_weeks: str
    per_year: str
    one_off: str
    outcomes: str


@dataclass(frozen=True)
class SpendingTable:
    rows: list[CostRow]
    total_week: Decimal
    total_four_weeks: Decimal
    total_year: Decimal
    total_one_off: Decimal
    comparison: list[str]  # sentences comparing the total with the estimate
    in_full: list[str] = field(default_factory=list)  # items too long for a table cell


@dataclass
class PlanSection:
    id: str
    heading: str
    intro: str
    items: list[Item]
    estimate: list[str] | None = None  # sentences about the budget estimate
    spending: SpendingTable | None = None

    @property
    def empty(self) -> bool:
        no_rows = self.spending is None or not self.spending.rows
        return all(is_blank_item(i) for i in self.items) and no_rows and self.estimate is None


@dataclass
class PlanDocument:
    """Everything the PDF prints, already worded: the renderer only lays it out."""

    title: str
    person_name: str
    author: str
    date: str
    cover: list[Answer]
    sections: list[PlanSection]
    text: dict[str, str] = field(default_factory=dict)

    def say(self, key: str, **values: str) -> str:
        return fill(self.text.get(key, ""), values)


class _Speaker:
    """Fills in wording for this plan: the carer form when a carer plans, names filled in."""

    def __init__(self, content: Content, plan: Plan):
        self.carer = speaking_to_carer(plan)
        self.values = name_values(content, plan)

    def __call__(self, wording: Wording | None, **extra: str) -> str:
        return speak(wording, speaking_to_carer=self.carer, values={**self.values, **extra})


def _pdf(content: Content) -> PdfContent:
    if content.pdf is None:
        raise ValueError("content has no pdf.toml")
    return content.pdf


# ---------------------------------------------------------------- finding definitions


def _step_for_section(content: Content, section: str) -> StepContent | None:
    for step_id, name in STEP_SECTIONS.items():
        if name == section and step_id in content.steps:
            return content.step(step_id)
    return None


def _field_def(content: Content, path: str) -> FieldDef | None:
    """The question that asks for this answer, if a step (or a step's list) defines one."""
    parts = path.split(".")
    step = _step_for_section(content, parts[0])
    if step is None:
        return None
    if len(parts) == 2:
        return next((f for f in step.fields if f.id == parts[1]), None)
    spec = step.lists.get(parts[1])
    if spec is None:
        return None
    return next((f for f in spec.fields if f.id == parts[2]), None)


def _list_def(content: Content, path: str) -> ListDef | None:
    section, _, name = path.partition(".")
    step = _step_for_section(content, section)
    return step.lists.get(name) if step else None


def _humanise(path: str) -> str:
    # Last resort for an answer added to the Plan before its words reached content/.
    return path.rsplit(".", 1)[-1].replace("_", " ").capitalize()


def _label(content: Content, say: _Speaker, path: str) -> str:
    definition = _field_def(content, path)
    if definition is not None:
        return say(definition.label)
    spec = _list_def(content, path) if path.count(".") == 1 else None
    if spec is not None:
        return say(spec.heading)
    wording = _pdf(content).labels.get(path)
    return say(wording) if wording is not None else _humanise(path)


# ---------------------------------------------------------------- wording values


def format_date(content: Content, day: dt.date) -> str:
    pdf = _pdf(content)
    month = pdf.months[day.month - 1]
    return speak(pdf.date_format, speaking_to_carer=False, values={"day": str(day.day), "month": month, "year": str(day.year)})


def _decimal_text(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text


def _outcome_titles(content: Content, plan: Plan, say: _Speaker) -> dict[str, str]:
    """Outcome id -> the start of the outcome's own words, so a reader can follow spending
    back to its outcome ("Outcome 2" when the outcome has no words yet)."""
    titles = {}
    spec = _list_def(content, "change.outcomes")
    for number, outcome in enumerate(plan.change.outcomes, start=1):
        words = " ".join(outcome.text.split())
        if len(words) > OUTCOME_START:
            cut = words[:OUTCOME_START]
            # End at a word where there is one, so no word is cut in half.
            cut = cut.rsplit(" ", 1)[0] if " " in cut[OUTCOME_START // 2:] else cut
            words = cut.rstrip(" ,.;:") + "…"
        titles[outcome.id] = words or _entry_title(content, say, "change.outcomes", spec, number, outcome)
    return titles


def quantity_text(content: Content, item: SupportItem) -> str:
    """An item's amount with its unit from the catalogue: "7 hours", "1 session"."""
    number = spending.amount_text(item.quantity)
    option = spending.find_option(content, item.option_id) if item.option_id else None
    if option is None:
        return number
    return f"{number} {option.unit if item.quantity == 1 else option.units}"


def _support_option_label(content: Content, option_id: str) -> str | None:
    options = getattr(content, "support_options", None) or []
    for option in options:
        if getattr(option, "id", None) == option_id:
            label = getattr(option, "label", None)
            return label if isinstance(label, str) else None
    return None


def _choice_label(content: Content, say: _Speaker, path: str, value: str) -> str:
    definition = _field_def(content, path)
    if definition is not None:
        for option in definition.options:
            if option.id == value:
                return say(option.label)
    if path == "managing.direct_payment_to" and "managing" in content.steps:
        # The managing step's own words: "To me" for a plan for oneself, "To Zoë" for a carer.
        wording = content.step("managing").text.get(f"recipient_{value}")
        if wording is not None:
            return say(wording)
    mapped = _pdf(content).choices.get(path, {}).get(value)
    if mapped is not None:
        return mapped
    name = path.rsplit(".", 1)[-1]
    if name in ("area", "need_area"):
        return next((a.label for a in content.need_areas if a.id == value), value)
    if name == "option_id":
        return _support_option_label(content, value) or value
    if name == "provider_id":
        return next((p.name for p in content.providers if p.id == value), value)
    if path == "managing.method" or name == "how_paid":
        way = content.budget_management.way(value)
        return say(way.label) if way else value
    if name == "flags":
        flag = next((f for f in content.spending_rules.flags if f.id == value), None)
        return say(flag.label) if flag else value
    if path.startswith("managing.help"):
        kind = next((k for k in content.budget_management.help if k.id == value), None)
        return say(kind.label) if kind else value
    return value


def _keyed_answers(content: Content, say: _Speaker, path: str, label: str, values: dict[str, str]) -> Item:
    """A dict of answers (budget question id -> answer id, or -> a note) as labelled rows."""
    if not values:
        return Answer(path, label, None)
    budget = content.budget
    rows = []
    for key, value in values.items():
        question = next((q for q in budget.questions if q.id == key), None) if budget else None
        area = next((a.label for a in content.need_areas if a.id == key), None)
        row_label = say(question.label) if question else area or _humanise(key)
        text = value.strip() or None
        if question is not None and path == "budget.answers":
            answer = next((a for a in question.answers if a.id == value), None)
            text = say(answer.label) if answer else text
        rows.append(Answer(f"{path}.{key}", row_label, text))
    return AnswerList(path, label, [Entry("", rows)])


def _value_text(content: Content, plan: Plan, say: _Speaker, path: str, value: Any) -> str | None:
    """An answer as the words a person reads; None when nothing was given."""
    pdf = _pdf(content)
    name = path.rsplit(".", 1)[-1]
    if value is None:
        return None
    if isinstance(value, bool):
        return say(pdf.text["yes"] if value else pdf.text["no"])
    if isinstance(value, str):
        if not value.strip():
            return None
        return _choice_label(content, say, path, value)
    if isinstance(value, Decimal):
        if "cost" in name or "contribution" in name or "amount" in name:
            return pounds(value)
        return _decimal_text(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return format_date(content, value if isinstance(value, dt.date) else value.date())
    if isinstance(value, dict):
        return "\n".join(f"{k}: {v}" for k, v in value.items()) or None
    if isinstance(value, (list, tuple)):
        if not value:
            return None
        if name == "need_areas":
            labels = {a.id: a.label for a in content.need_areas}
            return "; ".join(labels.get(v, v) for v in value)
        if name in ("outcome_ids", "outcomes_other_help"):
            titles = _outcome_titles(content, plan, say)
            return "; ".join(titles.get(v, v) for v in value)
        return "; ".join(_choice_label(content, say, path, str(v)) for v in value)
    return str(value)


# ---------------------------------------------------------------- items


def _entry_title(content: Content, say: _Speaker, path: str, spec: ListDef | None, number: int, entry: BaseModel) -> str:
    area = getattr(entry, "area", "")
    area_label = next((a.label for a in content.need_areas if a.id == area), area)
    values = {"number": str(number), "area": area_label}
    if spec is not None:
        return say(spec.entry_title, **values)
    wording = _pdf(content).item_titles.get(path)
    if wording is not None:
        return say(wording, **values)
    return f"{_label(content, say, path)} {number}"


def _entry_fields(content: Content, path: str, model: type[BaseModel]) -> list[str]:
    """An entry's answers: those the step asks about first, then any others the Plan holds."""
    spec = _list_def(content, path)
    ordered = [f.id for f in spec.fields] if spec else []
    ordered += [name for name in model.model_fields if name not in ordered]
    return [name for name in ordered if name not in ENTRY_KEYS and name in model.model_fields]


def _list_model(path: str) -> type[BaseModel] | None:
    section, _, name = path.partition(".")
    annotation = Plan.model_fields[section].annotation
    info = annotation.model_fields.get(name)  # type: ignore[union-attr]
    if info is None or get_origin(info.annotation) is not list:
        return None
    (entry,) = get_args(info.annotation)
    return entry if isinstance(entry, type) and issubclass(entry, BaseModel) else None


def _plan_value(plan: Plan, path: str) -> Any:
    section, _, name = path.partition(".")
    return getattr(getattr(plan, section), name, None)


def _is_hidden(content: Content, plan: Plan, path: str) -> bool:
    """Answers to questions the journey now hides count for nothing."""
    section, _, name = path.partition(".")
    if section == "managing" and not answer_applies(content, plan, name):
        return True  # a question about a way of managing the budget that was not chosen
    for step_id, section_name in STEP_SECTIONS.items():
        if section_name != section or step_id not in content.steps:
            continue
        step = content.step(step_id)
        if any(f.id == name for f in step.fields):
            return all(f.id != name for f in visible_fields(content, plan, step_id))
    return False


def answer_item(content: Content, plan: Plan, path: str, say: _Speaker | None = None) -> Item:
    """The answer at "section.name" (a simple answer or a list), labelled and worded."""
    say = say or _Speaker(content, plan)
    label = _label(content, say, path)
    value = _plan_value(plan, path)
    model = _list_model(path)
    if isinstance(value, dict):
        return _keyed_answers(content, say, path, label, value)
    if model is None:
        return Answer(path, label, _value_text(content, plan, say, path, value))
    spec = _list_def(content, path)
    entries = []
    for number, entry in enumerate(value or [], start=1):
        answers = []
        names = _entry_fields(content, path, model)
        title_wording = spec.entry_title if spec else _pdf(content).item_titles.get(path)
        if "{area}" in str(title_wording):
            # The need area is the entry's title already.
            names = [n for n in names if n != "area"]
        for name in names:
            entry_path = f"{path}.{name}"
            text = _value_text(content, plan, say, entry_path, getattr(entry, name))
            if entry_path == "spending.items.quantity" and isinstance(entry, SupportItem):
                text = quantity_text(content, entry)
            answers.append(Answer(entry_path, _label(content, say, entry_path), text))
        entries.append(Entry(_entry_title(content, say, path, spec, number, entry), answers))
    return AnswerList(path, label, entries)


def section_paths(content: Content, section: str) -> list[str]:
    """Every answer of a Plan section: the step's questions and lists first, then the rest."""
    step = _step_for_section(content, section)
    ordered = [f"{section}.{f.id}" for f in step.fields] if step else []
    ordered += [f"{section}.{name}" for name in (step.lists if step else {})]
    model = Plan.model_fields[section].annotation
    ordered += [f"{section}.{name}" for name in model.model_fields]  # type: ignore[union-attr]
    return list(dict.fromkeys(ordered))


def all_answer_paths() -> list[str]:
    """Every answer the Plan can hold, as "section.name"."""
    paths = []
    for section, info in Plan.model_fields.items():
        if section in NOT_ANSWERS:
            continue
        paths += [f"{section}.{name}" for name in info.annotation.model_fields]  # type: ignore[union-attr]
    return paths


# ---------------------------------------------------------------- check your answers


def answer_groups(content: Content, plan: Plan) -> list[StepGroup]:
    """Check your answers: each step's answers, in the order the steps ask them."""
    say = _Speaker(content, plan)
    groups = []
    for step_id, section in STEP_SECTIONS.items():
        if step_id not in content.steps or section in NOT_ANSWERS:
            continue
        items = [
            answer_item(content, plan, path, say)
            for path in section_paths(content, section)
            if not _is_hidden(content, plan, path) and path not in _pdf(content).not_printed
        ]
        items = _figures(content, plan, say, section) + items
        groups.append(StepGroup(step_id, content.step(step_id).title, items))
    return groups


def _figures(content: Content, plan: Plan, say: _Speaker, section: str) -> list[Item]:
    """Figures worked out from the answers: the estimate on the budget step, the totals on
    the spending step (as the PDF prints them), shown first in their group."""
    text = _pdf(content).text
    if section == "budget" and content.budget is not None:
        return [Answer("budget.estimate", say(text["estimate_heading"]), "\n".join(estimate_lines(content, plan, say)))]
    if section == "spending" and plan.spending.items and "totals_heading" in text:
        return [Answer("spending.totals", say(text["totals_heading"]), "\n".join(spending_totals_lines(content, plan, say)))]
    return []


def missing_answers(content: Content, plan: Plan) -> list[MissingAnswer]:
    """Required answers still missing (or too long), step by step, with the step to fix them."""
    missing = []
    for step_id in STEP_SECTIONS:
        if step_id in content.steps:
            missing += [MissingAnswer(step_id, e.message) for e in validate_fields(content, plan, step_id)]
    return missing


# ---------------------------------------------------------------- money


def estimate_lines(content: Content, plan: Plan, say: _Speaker | None = None) -> list[str]:
    """The indicative budget in words: a week's amount, its range, 4 weeks, a year, and what
    the council and the person might each pay when a contribution was given (seed 002)."""
    say = say or _Speaker(content, plan)
    text = _pdf(content).text
    estimate = budget.estimate_for_plan(content, plan)
    if estimate.nothing_answered:
        return [say(text["estimate_none"])]
    lines = []
    if "estimate_weekly" in text:
        lines.append(say(text["estimate_weekly"], amount=figure(estimate.weekly)))
    if estimate.lower != estimate.upper and "estimate_range_weekly" in text:
        lines.append(say(text["estimate_range_weekly"], low=figure(estimate.lower), high=figure(estimate.upper)))
    if "estimate_four_weeks" in text:
        lines.append(say(text["estimate_four_weeks"], amount=figure(estimate.four_weekly)))
    lines.append(say(text["estimate_amount"], amount=figure(estimate.yearly)))
    if estimate.lower != estimate.upper:
        low, high = (convert(v, "week", "year") for v in (estimate.lower, estimate.upper))
        lines.append(say(text["estimate_range"], low=figure(low), high=figure(high)))
    split = estimate.contribution
    if split is not None and estimate.weekly > 0 and "estimate_contribution" in text:
        lines.append(say(text["estimate_contribution"], amount=figure(split.council_weekly), high=figure(split.person_weekly)))
    if "estimate_note" in text:
        lines.append(say(text["estimate_note"]))
    return lines


def spending_totals_lines(content: Content, plan: Plan, say: _Speaker | None = None) -> list[str]:
    """Check your answers: the spending totals a week, 4 weeks and a year, one-off costs apart,
    and where they stand against the estimate (the same sentences as the PDF)."""
    say = say or _Speaker(content, plan)
    text = _pdf(content).text
    if not plan.spending.items:
        return []
    totals = spending.total_costs(plan.spending.items)
    lines = [
        say(text[key], amount=pounds(totals.per(period)))
        for key, period in (("totals_week", "week"), ("totals_four_weeks", "four_weeks"), ("totals_year", "year"))
        if key in text
    ]
    return lines + spending_table(content, plan, say).comparison


def spending_table(content: Content, plan: Plan, say: _Speaker | None = None) -> SpendingTable:
    """The costed spending table: each item over a week, 4 weeks and a year, with totals.

    Costs and the comparison with the estimate come from logic.spending, so the PDF shows
    the same figures as the spending step."""
    say = say or _Speaker(content, plan)
    pdf = _pdf(content)
    titles = _outcome_titles(content, plan, say)
    rows = []
    in_full = []
    for number, item in enumerate(plan.spending.items, start=1):
        one_off = item.frequency == "one_off"
        yearly = spending.yearly_cost(item)
        name = spending.item_title(content, item)
        lines = [name]
        option = _support_option_label(content, item.option_id) if item.option_id else None
        if option and option != name:
            lines.append(option)
        lines += [text for text in (item.provider.strip(),) if text]
        if item.how_paid:
            lines.append(_choice_label(content, say, "spending.items.how_paid", item.how_paid))
        lines += [_choice_label(content, say, "spending.items.flags", flag) for flag in item.flags]
        support = "\n".join(lines)
        if len(support) > CELL_LIMIT:
            # A table row must fit on one page: print long words in full under the table.
            in_full.append(f"{number}. {support}")
            support = support[:CELL_LIMIT].rstrip() + "… (" + str(number) + ")"
        rows.append(
            CostRow(
                support=support,
                amount=quantity_text(content, item),
                frequency=_choice_label(content, say, "spending.items.frequency", item.frequency),
                unit_cost=pounds(item.unit_cost),
                per_week="" if one_off else pounds(convert(yearly, "year", "week")),
                per_four_weeks="" if one_off else pounds(convert(yearly, "year", "four_weeks")),
                per_year="" if one_off else pounds(yearly),
                one_off=pounds(spending.item_cost(item)) if one_off else "",
                outcomes="\n".join(titles.get(i, i) for i in item.outcome_ids),
            )
        )
    totals = spending.total_costs(plan.spending.items)
    comparison = []
    estimate = spending.indicative_estimate(content, plan)
    if rows and estimate is not None:
        compared = spending.compare_with_estimate(totals, estimate)
        key = {"within": "compare_within", "under": "compare_below", "over": "compare_above"}[compared.standing]
        comparison.append(say(pdf.text[key], amount=pounds(totals.yearly)) if key in pdf.text else "")
        difference = compared.difference("year")
        key = "compare_more" if difference > 0 else "compare_less"
        if difference and key in pdf.text:
            comparison.append(say(pdf.text[key], amount=pounds(abs(difference))))
    if totals.one_off and "one_off_total" in pdf.text:
        comparison.append(say(pdf.text["one_off_total"], amount=pounds(totals.one_off)))
    # Items that look like something a budget cannot pay for: flagged for the conversation.
    names = {item.id: spending.item_title(content, item) for item in plan.spending.items}
    for item_id, rules in spending.warnings_by_item(content, plan).items():
        for rule in rules:
            if "rule_warning" in pdf.text:
                comparison.append(say(pdf.text["rule_warning"], label=f"{names[item_id]}: {rule.title}"))
    return SpendingTable(
        rows=rows,
        total_week=totals.weekly,
        total_four_weeks=totals.four_weekly,
        total_year=totals.yearly,
        total_one_off=totals.one_off,
        comparison=[line for line in comparison if line],
        in_full=in_full,
    )


# ---------------------------------------------------------------- the document


def plan_document(content: Content, plan: Plan, *, created: dt.date | None = None) -> PlanDocument:
    """The draft plan, worded and ordered: cover, the council's sections, other answers."""
    pdf = _pdf(content)
    say = _Speaker(content, plan)
    day = created or dt.date.today()
    used: set[str] = set(pdf.not_printed)
    cover = []
    for path in pdf.cover_answers:
        used.add(path)
        if not _is_hidden(content, plan, path):
            item = answer_item(content, plan, path, say)
            if isinstance(item, Answer):
                # The cover speaks about the plan ("Prepared by"), not to the person filling it in.
                label = say(pdf.labels[path]) if path in pdf.labels else item.label
                cover.append(Answer(item.path, label, item.text))
    if plan.who.mode == "self" and "cover_prepared_self" in pdf.text:
        # Planning alone: the person prepared it themselves.
        label = say(pdf.labels.get("who.planner_name", pdf.text["cover_prepared_by"]))
        cover.append(Answer("who.planner_name", label, say(pdf.text["cover_prepared_self"])))
    sections = []
    for spec in pdf.sections:
        items = []
        for path in spec.answers:
            used.add(path)
            if not _is_hidden(content, plan, path):
                items.append(answer_item(content, plan, path, say))
        section = PlanSection(spec.id, say(spec.heading), say(spec.intro), items)
        if spec.estimate:
            section.estimate = estimate_lines(content, plan, say)
        if spec.spending_table:
            used.add("spending.items")
            section.spending = spending_table(content, plan, say)
        sections.append(section)
    leftover = [p for p in all_answer_paths() if p not in used and not _is_hidden(content, plan, p)]
    if leftover:
        items = [answer_item(content, plan, path, say) for path in leftover]
        sections.append(PlanSection("other", say(pdf.text["other_answers"]), "", items))
    person = plan.who.person_name.strip()
    author = plan.who.planner_name.strip() or person
    text = {key: say(wording) for key, wording in pdf.text.items()}
    # Page numbers are filled in by the renderer, so keep those placeholders.
    text["page_footer"] = speak(pdf.text["page_footer"], speaking_to_carer=say.carer, values={**say.values, "page": "{page}", "pages": "{pages}"})
    return PlanDocument(
        title=say(pdf.title),
        person_name=say.values["name"] if person else "",
        author=author,
        date=format_date(content, day),
        cover=cover,
        sections=sections,
        text=text,
    )
