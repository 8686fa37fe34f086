"""A full plan to measure with: every answer given, long answers, several scripts, 40 items.

The PDF issue's fixture builder in tests/fixtures/ is used when it exists (it knows the
content best); otherwise this module fills every question the content asks, so the
benchmark works while the steps are still being built.
"""
from __future__ import annotations

import importlib
from decimal import Decimal
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from logic.plan import Plan

# Words a person might really type, in the scripts residents use (issue 6 lists them).
POLISH = "Pani Wiśniewska z Łodzi lubi spacery i rozmowy z sąsiadką. Zoë pomaga w środy. "
URDU = "مجھے صبح اٹھنے میں مدد چاہیے اور ہر ہفتے مسجد جانا میرے لیے بہت اہم ہے۔ "
CHINESE = "我希望每周能和朋友一起去社区中心喝茶。"
ENGLISH = (
    "I want to get up at my own pace, have a proper breakfast and get out to the shops or the "
    "day centre a few times a week. On bad days my back pain means I cannot manage the stairs, "
    "and I worry about falling when my daughter is at work. "
)
LONG = (ENGLISH * 5 + POLISH + URDU + CHINESE) * 2  # about 2,000 characters
SHORT = "Zoë Wiśniewska"
FULL_ITEMS = 40
LIST_ENTRIES = 6

# Where the PDF issue may put its builder; the first that exists wins.
FIXTURE_BUILDERS = [
    ("tests.fixtures.plans", "multilingual_plan"),  # 40 items, 5,000-character answers, 6 scripts
    ("tests.fixtures.plans", "full_plan"),
    ("tests.fixtures.plan", "full_plan"),
    ("tests.fixtures", "full_plan"),
    ("tests.fixtures.plans", "build_full_plan"),
    ("tests.fixtures", "build_full_plan"),
]


def load_full_plan(content) -> tuple[Plan, str]:
    """The full plan and where it came from (for the report)."""
    for module_name, function_name in FIXTURE_BUILDERS:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        builder = getattr(module, function_name, None)
        if builder is None:
            continue
        try:
            plan = builder(content)
        except TypeError:
            plan = builder()
        if isinstance(plan, Plan):
            plan = _with_spending_items(plan, content)
            return plan, f"{module_name}.{function_name}"
    return build_full_plan(content), "benchmarks.fixture.build_full_plan"


def build_full_plan(content) -> Plan:
    """Answer every question the content asks, with long answers in several scripts."""
    plan = Plan()
    plan.who.mode = "carer"  # the carer's path shows the most questions
    for step in content.steps.values():
        if not step.section or step.section not in Plan.model_fields:
            continue
        section = getattr(plan, step.section)
        for field in step.fields:
            _answer(section, field, content)
        for list_id, spec in step.lists.items():
            entries = _list_entries(section, list_id, spec, content)
            if entries is not None:
                setattr(section, list_id, entries)
    _fill_lists_content_does_not_ask_yet(plan, content)
    plan.who.mode = "carer"
    plan.who.person_name = SHORT
    plan.who.planner_name = "Amira Khan"
    plan = _with_spending_items(plan, content)
    # Validate the whole thing, as a loaded save file would be.
    return Plan.model_validate(plan.model_dump())


def _answer(target: BaseModel, field, content) -> None:
    if field.id not in type(target).model_fields:
        return
    current = getattr(target, field.id)
    kind = field.kind
    if kind in ("short_text", "long_text"):
        text = SHORT if kind == "short_text" else LONG
        setattr(target, field.id, text[: field.max_chars])
    elif kind == "choice" and field.options:
        if not current:
            setattr(target, field.id, field.options[0].id)
    elif kind == "checkbox":
        setattr(target, field.id, True)
    elif kind == "need_areas":
        setattr(target, field.id, content.need_area_ids()[:2])


def _entry_model(section: BaseModel, list_id: str) -> type[BaseModel] | None:
    info = type(section).model_fields.get(list_id)
    if info is None or get_origin(info.annotation) is not list:
        return None
    (entry,) = get_args(info.annotation)
    return entry if isinstance(entry, type) and issubclass(entry, BaseModel) else None


def _list_entries(section: BaseModel, list_id: str, spec, content) -> list[Any] | None:
    model = _entry_model(section, list_id)
    if model is None:
        return None
    count = min(spec.max_entries, max(spec.min_entries, LIST_ENTRIES))
    areas = content.need_area_ids()
    entries = []
    for number in range(count):
        values: dict[str, Any] = {}
        if "area" in model.model_fields and areas:
            values["area"] = areas[number % len(areas)]
        entry = model(**values)
        for field in spec.fields:
            _answer(entry, field, content)
        entries.append(entry)
    return entries


SHORT_FIELDS = {"name", "relationship", "phone", "priority", "timescale", "provider", "area"}


def _fill_lists_content_does_not_ask_yet(plan: Plan, content) -> None:
    """Lists the Plan holds but no step's content describes yet still get entries."""
    areas = content.need_area_ids()
    for section_name in Plan.model_fields:
        section = getattr(plan, section_name)
        if not isinstance(section, BaseModel) or section_name in ("progress", "spending"):
            continue
        for list_id in type(section).model_fields:
            model = _entry_model(section, list_id)
            if model is None or getattr(section, list_id):
                continue
            entries = []
            for number in range(LIST_ENTRIES):
                values: dict[str, Any] = {}
                for name, info in model.model_fields.items():
                    if name == "id":
                        continue
                    if name == "area" and areas:
                        values[name] = areas[number % len(areas)]
                    elif info.annotation is str:
                        values[name] = SHORT if name in SHORT_FIELDS else LONG[:600]
                    elif get_origin(info.annotation) is list and name == "need_areas":
                        values[name] = areas[:2]
                try:
                    entries.append(model(**values))
                except Exception:  # noqa: BLE001 - a field we cannot guess; skip the list
                    entries = []
                    break
            setattr(section, list_id, entries)


def _catalogue(content) -> list[Any]:
    """Support options from the content catalogue, whatever the spending issue calls it."""
    for name in ("support_options", "catalogue", "options", "spending_options", "support"):
        value = getattr(content, name, None)
        items = getattr(value, "options", value)
        if isinstance(items, dict):
            items = list(items.values())
        if isinstance(items, list) and items and hasattr(items[0], "id"):
            return items
    return []


def _with_spending_items(plan: Plan, content) -> Plan:
    """Make sure the plan has 40 spending items (the issue's 'full plan')."""
    items = plan.spending.items
    if len(items) >= FULL_ITEMS:
        return plan
    item_model = _entry_model(plan.spending, "items")
    if item_model is None:
        return plan
    options = _catalogue(content)
    outcome_ids = [o.id for o in getattr(plan.change, "outcomes", [])][:2]
    frequencies = ["week", "four_weeks", "year", "one_off"]
    for number in range(len(items), FULL_ITEMS):
        values: dict[str, Any] = {}
        fields = item_model.model_fields
        option = options[number % len(options)] if options else None
        if option is not None and "option_id" in fields:
            values["option_id"] = option.id
        if "description" in fields:
            values["description"] = f"{number + 1}. " + (ENGLISH + URDU)[: 60 + number * 3]
        if "quantity" in fields:
            values["quantity"] = Decimal(1 + number % 7)
        if "frequency" in fields:
            values["frequency"] = frequencies[number % len(frequencies)]
        if "unit_cost" in fields:
            rate = getattr(option, "rate", None) or getattr(option, "unit_cost", None)
            values["unit_cost"] = Decimal(str(rate)) if rate is not None else Decimal("18.50")
        if "provider" in fields:
            values["provider"] = "Łódź Community Care Ltd"
        if "outcome_ids" in fields:
            values["outcome_ids"] = outcome_ids
        try:
            items.append(item_model(**values))
        except Exception:  # noqa: BLE001 - the model changed; fall back to defaults
            items.append(item_model())
    return plan


def write_save_file(plan: Plan, folder) -> "Path":
    """The full plan as a save file that starts at the first step, for browser sessions."""
    from pathlib import Path

    from logic.content import STEP_IDS

    start = plan.model_copy(deep=True)
    start.progress.current_step = STEP_IDS[0]
    path = Path(folder) / "benchmark-full-plan.json"
    path.write_text(start.to_json(), encoding="utf-8")
    return path


def _step_problems(content, plan: Plan) -> list[str]:
    """What Continue would refuse on any step (too long, missing), as the journey checks it."""
    from logic import journey
    from logic.content import STEP_IDS

    problems = []
    for step_id in STEP_IDS:
        for check in ("validate_fields", "validate_list_entries"):
            validate = getattr(journey, check, None)
            if validate is not None:
                problems += [e.message for e in validate(content, plan, step_id)]
    return problems


def fit_to_limits(content, plan: Plan) -> Plan:
    """Cut answers to each question's max_chars, so a walk through the steps is never refused."""
    plan = plan.model_copy(deep=True)
    for step in content.steps.values():
        if not step.section or step.section not in Plan.model_fields:
            continue
        section = getattr(plan, step.section)
        for field in step.fields:
            value = getattr(section, field.id, None)
            if isinstance(value, str) and len(value) > field.max_chars:
                setattr(section, field.id, value[: field.max_chars])
        for list_id, spec in step.lists.items():
            for entry in getattr(section, list_id, []) or []:
                for field in spec.fields:
                    value = getattr(entry, field.id, None)
                    if isinstance(value, str) and len(value) > field.max_chars:
                        setattr(entry, field.id, value[: field.max_chars])
    return plan


def load_walk_plan(content) -> tuple[Plan, str]:
    """A full plan every step accepts: the full plan cut to the limits, else a simpler one."""
    plan, source = load_full_plan(content)
    candidates = [(fit_to_limits(content, plan), f"{source}, cut to each answer's limit")]
    try:
        from tests.fixtures.plans import full_plan

        candidates.append((_with_spending_items(full_plan(), content), "tests.fixtures.plans.full_plan"))
    except ImportError:
        pass
    candidates.append((build_full_plan(content), "benchmarks.fixture.build_full_plan"))
    for candidate, name in candidates:
        if not _step_problems(content, candidate):
            return candidate, name
    return candidates[-1][0], candidates[-1][1] + " (some steps may refuse it)"


def load_typical_plan(content) -> tuple[Plan, str] | None:
    """A full plan of ordinary length (every answer given, 40 items, short answers), if the
    PDF issue's fixtures exist: beside the stress plan, it shows what most people will get."""
    try:
        from tests.fixtures.plans import full_plan
    except ImportError:
        return None
    return _with_spending_items(full_plan(), content), "tests.fixtures.plans.full_plan + 40 items"


def load_journey_plan(content, journey: str) -> tuple[Plan, str] | None:
    """The plan browser sessions load at Start: "typical" (every answer given, ordinary
    lengths), "stress" (the full plan cut to each answer's limit), or None for "typed"."""
    if journey == "stress":
        return load_walk_plan(content)
    if journey == "typical":
        try:
            from tests.fixtures.plans import full_plan

            plan = full_plan()
            if not _step_problems(content, plan):
                return plan, "tests.fixtures.plans.full_plan"
        except ImportError:
            pass
        return build_full_plan(content), "benchmarks.fixture.build_full_plan"
    return None
