"""The journey: which steps exist, which have answers, and what a step still needs.

A pure function of (content, plan), so the same rules drive the progress list, the
Continue button, check-your-answers and the PDF.
"""
from __future__ import annotations

from dataclasses import dataclass

from logic.content import STEP_IDS, Content, FieldDef, ListDef
from logic.plan import Plan, Section
from logic.wording import speak

# Which part of the Plan each step writes to.
STEP_SECTIONS = {
    "start": "who",
    "budget": "budget",
    "about": "about",
    "outcomes": "change",
    "network": "network",
    "spending": "spending",
    "managing": "managing",
    "safety": "safety",
}


@dataclass(frozen=True)
class FieldError:
    """A problem with one answer, said kindly, with the widget it belongs to."""

    field_id: str
    message: str


def next_step(step_id: str) -> str | None:
    index = STEP_IDS.index(step_id)
    return STEP_IDS[index + 1] if index + 1 < len(STEP_IDS) else None


def previous_step(step_id: str) -> str | None:
    index = STEP_IDS.index(step_id)
    return STEP_IDS[index - 1] if index > 0 else None


def has_answers(plan: Plan, step_id: str) -> bool:
    """True when anything on the step differs from a blank plan."""
    section = STEP_SECTIONS.get(step_id)
    if section is None:
        return step_id in plan.progress.visited
    value: Section = getattr(plan, section)
    return value != type(value)()


def speaking_to_carer(plan: Plan) -> bool:
    return plan.who.mode == "carer"


def name_values(content: Content, plan: Plan) -> dict[str, str]:
    """Values for {name} and {planner}; a kind stand-in when no name was given."""
    fallback = speak(content.service.text["fallback_name"], speaking_to_carer=False, values={})
    return {
        "name": plan.who.person_name.strip() or fallback,
        "planner": plan.who.planner_name.strip(),
    }


def field_value(plan: Plan, step_id: str, field_id: str):
    return getattr(getattr(plan, STEP_SECTIONS[step_id]), field_id)


def is_blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, bool):
        return value is False
    if isinstance(value, (list, dict)):
        return not value
    return False


def validate_fields(content: Content, plan: Plan, step_id: str) -> list[FieldError]:
    """Required answers missing and answers too long, in the order the step asks them."""
    step = content.step(step_id)
    errors: list[FieldError] = []
    carer = speaking_to_carer(plan)
    names = name_values(content, plan)
    text = content.service.text
    for field in visible_fields(content, plan, step_id):
        value = field_value(plan, step_id, field.id)
        label = speak(field.label, speaking_to_carer=carer, values=names)
        values = {**names, "label": label, "max": f"{field.max_chars:,}"}
        if field.required and is_blank(value):
            message = speak(text["error_required"], speaking_to_carer=carer, values=values)
            errors.append(FieldError(field.id, message))
        elif isinstance(value, str) and len(value) > field.max_chars:
            values["count"] = f"{len(value):,}"
            message = speak(text["error_too_long"], speaking_to_carer=carer, values=values)
            errors.append(FieldError(field.id, message))
    return errors + validate_list_entries(content, plan, step_id)


def entry_key(entry) -> str:
    """The stable key of a list entry: its id, or the need area of a need note."""
    return getattr(entry, "id", None) or getattr(entry, "area")


def entry_field_id(list_id: str, key: str, field_id: str) -> str:
    """The FieldError id of one answer in one list entry, e.g. ``outcomes__3f9a__text``."""
    return f"{list_id}__{key}__{field_id}"


def entry_title(content: Content, plan: Plan, spec: ListDef, number: int, entry) -> str:
    """"Outcome 2", or a need area's name for a list of needs (plain text)."""
    area = getattr(entry, "area", "")
    area_label = next((a.label for a in content.need_areas if a.id == area), area)
    values = {**name_values(content, plan), "number": str(number), "area": area_label}
    return speak(spec.entry_title, speaking_to_carer=speaking_to_carer(plan), values=values)


def entry_value(content: Content, field: FieldDef, entry):
    value = getattr(entry, field.id)
    if field.kind == "need_areas":
        # Links to need areas the council has since removed count for nothing.
        value = [area for area in value if area in content.need_area_ids()]
    return value


def validate_list_entries(content: Content, plan: Plan, step_id: str) -> list[FieldError]:
    """Each list on the step: enough entries, and each entry's answers present and short enough.

    Text that is too long is kept in the Plan; this only reports it.
    """
    section = STEP_SECTIONS.get(step_id)
    if section is None:
        return []
    carer = speaking_to_carer(plan)
    names = name_values(content, plan)
    text = content.service.text
    errors: list[FieldError] = []
    for list_id, spec in content.step(step_id).lists.items():
        entries = getattr(getattr(plan, section), list_id)
        heading = speak(spec.heading, speaking_to_carer=carer, values=names)
        if len(entries) < spec.min_entries:
            values = {**names, "label": heading, "count": str(spec.min_entries)}
            message = speak(text["error_list_too_few"], speaking_to_carer=carer, values=values)
            errors.append(FieldError(list_id, message))
        for number, entry in enumerate(entries, start=1):
            title = entry_title(content, plan, spec, number, entry)
            for field in spec.fields:
                value = entry_value(content, field, entry)
                label = speak(field.label, speaking_to_carer=carer, values=names)
                values = {**names, "label": f"{title}, {label}", "max": f"{field.max_chars:,}"}
                field_id = entry_field_id(list_id, entry_key(entry), field.id)
                if field.required and is_blank(value):
                    values = {**names, "item": title, "label": label}
                    message = speak(text["error_entry_required"], speaking_to_carer=carer, values=values)
                    errors.append(FieldError(field_id, message))
                elif isinstance(value, str) and len(value) > field.max_chars:
                    values["count"] = f"{len(value):,}"
                    message = speak(text["error_too_long"], speaking_to_carer=carer, values=values)
                    errors.append(FieldError(field_id, message))
    return errors


def visible_fields(content: Content, plan: Plan, step_id: str) -> list[FieldDef]:
    """The step's fields whose show_if condition holds; hidden answers count for nothing."""
    shown = []
    for field in content.step(step_id).fields:
        condition = field.show_if
        if condition is None or str(field_value(plan, step_id, condition.field)) in condition.any_of:
            shown.append(field)
    return shown
