"""Council-editable content: the models, the loader, and the check command.

Everything a resident reads lives in content/. It is read once, validated completely (every
problem listed with its file and field), and never partly used. The loader is the only code
that reads content files. Run ``python -m logic.content check`` after editing content.
"""
from __future__ import annotations

import csv
import io
import sys
import tomllib
from pathlib import Path
from decimal import Decimal
from typing import Annotated, Any, Literal, TypeVar, get_args, get_origin

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from logic.catalogue import BudgetManagement, Provider, SpendingRules, SupportOption, load_catalogue
from logic.plan import Plan, section_field_names
from logic.wording import KNOWN_PLACEHOLDERS, PLACEHOLDER, Wording, unknown_placeholders

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
CONTENT_SCHEMA_VERSION = 1

# The steps of the journey, in order. Their words live in content/; their pages in pages/.
STEP_IDS = (
    "start",
    "budget",
    "about",
    "outcomes",
    "network",
    "spending",
    "managing",
    "safety",
    "check",
    "plan",
)

# Keys of content/service.toml [text] that the frame needs.
FRAME_TEXT_KEYS = {
    "continue",
    "back",
    "start_again",
    "start_again_confirm",
    "start_again_yes",
    "start_again_no",
    "start_again_done",
    "progress_heading",
    "progress_current",
    "progress_done",
    "progress_not_started",
    "progress_key",
    "optional",
    "error_summary_title",
    "error_required",
    "error_entry_required",
    "error_too_long",
    "error_page_prefix",
    "fallback_name",
    "app_error",
    "skip_link",
    # Accessibility: the larger-text switch, the statement link, the glossary box.
    "large_text",
    "accessibility_link",
    "accessibility_title",
    "glossary_heading",
    # Words for lists whose entries are added, moved and removed one at a time (ui/lists.py).
    "list_move_up",
    "list_move_down",
    "list_remove",
    "list_removed",
    "list_undo",
    "list_full",
    "error_list_too_few",
}


class ContentModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Option(ContentModel):
    id: str
    label: Wording
    hint: Wording | None = None


class ShowIf(ContentModel):
    """Show a field only when another answer on the same step is one of some values."""

    field: str
    any_of: list[str]


class FieldDef(ContentModel):
    """One question on a step, stored in the Plan section the step names."""

    id: str
    kind: Literal["short_text", "long_text", "choice", "checkbox"]
    label: Wording
    hint: Wording | None = None
    required: bool = False
    max_chars: int = Field(default=5000, gt=0, le=20000)
    options: list[Option] = Field(default_factory=list)
    show_if: ShowIf | None = None


class EntryFieldDef(FieldDef):
    """A question asked of each entry of a list; ``need_areas`` picks one or more need areas."""

    kind: Literal["short_text", "long_text", "choice", "need_areas"]


class ListDef(ContentModel):
    """A list on a step (outcomes, people, risks) whose entries are added, edited, reordered
    and removed one at a time. The key in ``lists`` is the list's name in the Plan section."""

    heading: Wording
    hint: Wording | None = None
    entry_title: Wording  # may use {number}, or {area} for a list of needs
    add: Wording
    empty: Wording | None = None
    min_entries: int = Field(default=0, ge=0)
    max_entries: int = Field(default=30, gt=0, le=100)
    fields: list[EntryFieldDef] = Field(default_factory=list)


class StepContent(ContentModel):
    id: str
    title: str
    heading: Wording
    intro: Wording | None = None
    section: str | None = None
    fields: list[FieldDef] = Field(default_factory=list)
    lists: dict[str, ListDef] = Field(default_factory=dict)
    text: dict[str, Wording] = Field(default_factory=dict)


class NeedArea(ContentModel):
    """A need area (an eligibility outcome), referenced by id across the content."""

    id: str
    label: str
    regulation: str


class NeedAreas(ContentModel):
    areas: list[NeedArea]


class OutcomeExampleArea(ContentModel):
    """Example outcomes for one need area, for a person to pick and edit."""

    area: str
    examples: list[str]


class OutcomeExamples(ContentModel):
    """Example outcomes, and words that suggest an outcome names a service, not a result."""

    service_words: list[str] = Field(default_factory=list)
    areas: list[OutcomeExampleArea] = Field(default_factory=list)

    def for_area(self, area_id: str) -> list[str]:
        return [e for a in self.areas if a.area == area_id for e in a.examples]


def _no_float(value: Any) -> Any:
    """Money and percentages are written as strings or whole numbers, never TOML floats."""
    if isinstance(value, float):
        raise ValueError('write amounts in quotes, like "24.50", so no pennies are lost')
    return value


Amount = Annotated[Decimal, BeforeValidator(_no_float), Field(ge=0, allow_inf_nan=False)]


class BudgetAnswer(ContentModel):
    """One answer to a budget question: a plain description of a typical week, with points."""

    id: str
    label: Wording
    points: int = Field(ge=0, le=1000)


class BudgetQuestion(ContentModel):
    """One self-assessment question: a need area, or the help family and friends give."""

    id: str
    kind: Literal["need", "unpaid_support"] = "need"
    area: str | None = None
    group: str
    label: Wording
    hint: Wording | None = None
    answers: list[BudgetAnswer] = Field(min_length=3, max_length=5)


class BudgetGroup(ContentModel):
    id: str
    heading: Wording
    intro: Wording | None = None


class BudgetBand(ContentModel):
    """From this many points (up to the next band), this much a week."""

    from_points: int = Field(ge=0)
    weekly: Amount
    label: str


class UnpaidSupportRule(ContentModel):
    """How the unpaid-support answer changes the estimate: a percentage off the money,
    or points off the need points; ``per_point`` per point of that answer, at most ``maximum``."""

    method: Literal["percent", "points"]
    per_point: Amount
    maximum: Amount


class BudgetMatrix(ContentModel):
    """The council's Personal Budget Matrix: how points become a weekly amount."""

    illustrative: bool
    rates_date: str
    method: Literal["bands", "price_per_point"]
    price_per_point: Amount | None = None
    bands: list[BudgetBand] = Field(default_factory=list)
    minimum_weekly: Amount
    maximum_weekly: Amount
    range_percent: Amount = Field(le=100)
    rounding: Amount = Field(gt=0)
    not_sure_counts_as: Literal["lowest", "middle", "highest"] = "lowest"
    unpaid_support: UnpaidSupportRule


class WorkedExample(ContentModel):
    """Answers and the weekly figure they must give; the check recomputes each one."""

    id: str
    title: str
    description: str = ""
    answers: dict[str, str]
    expected_weekly: Amount


class BudgetContent(ContentModel):
    """The budget questionnaire, the matrix and the worked examples (content/budget/)."""

    groups: list[BudgetGroup]
    questions: list[BudgetQuestion]
    matrix: BudgetMatrix
    examples: list[WorkedExample] = Field(default_factory=list)

    def question(self, question_id: str) -> BudgetQuestion:
        return next(q for q in self.questions if q.id == question_id)

    def questions_in(self, group_id: str) -> list[BudgetQuestion]:
        return [q for q in self.questions if q.group == group_id]


class BudgetQuestionsFile(ContentModel):
    groups: list[BudgetGroup]
    questions: list[BudgetQuestion]


class BudgetExamplesFile(ContentModel):
    examples: list[WorkedExample]


class GlossaryTerm(ContentModel):
    """A term of art and its plain meaning; ``also`` lists other forms to look for."""

    id: str
    term: str
    also: list[str] = Field(default_factory=list)
    meaning: str


class Glossary(ContentModel):
    terms: list[GlossaryTerm]


# Terms every planner must explain (DESIGN.md: explain jargon on first use).
REQUIRED_GLOSSARY_TERMS = {
    "indicative_budget",
    "eligible_needs",
    "outcomes",
    "direct_payment",
    "managed_account",
    "individual_service_fund",
    "personal_assistant",
    "mental_capacity",
    "best_interests",
    "carers_assessment",
    "review",
    "respite",
}


class PdfSection(ContentModel):
    """A section of the draft plan PDF: a heading and the Plan answers it prints."""

    id: str
    heading: Wording
    intro: Wording | None = None
    answers: list[str] = Field(default_factory=list)  # paths such as "about.good_day"
    estimate: bool = False  # print the indicative budget estimate here
    spending_table: bool = False  # print the costed spending table here


class PdfContent(ContentModel):
    """content/pdf.toml: every word of the draft plan PDF and the order of its sections."""

    title: Wording
    subject: str
    keywords: str = ""
    language: str = "en-GB"
    draft_mark: str
    cover_answers: list[str] = Field(default_factory=list)
    not_printed: list[str] = Field(default_factory=list)
    date_format: str = "{day} {month} {year}"
    months: list[str] = Field(min_length=12, max_length=12)
    text: dict[str, Wording]
    labels: dict[str, Wording] = Field(default_factory=dict)
    item_titles: dict[str, Wording] = Field(default_factory=dict)
    choices: dict[str, dict[str, str]] = Field(default_factory=dict)
    sections: list[PdfSection]


class ServiceContent(ContentModel):
    schema_version: int
    service_name: str
    text: dict[str, Wording]


# Words for saving, resuming, kiosk mode and clearing (content/save.toml); the refusal
# kinds match logic.savefile.REFUSAL_KINDS (a test checks they stay in step).
SAVE_TEXT_KEYS = {
    "save_button", "save_hint", "saved_home", "saved_kiosk",
    "resume_heading", "resume_body", "resume_label", "resume_done", "resume_unchanged",
    "privacy_home", "privacy_kiosk", "kiosk_warning", "kiosk_still_here", "kiosk_cleared",
    "finish_heading", "finish_body", "finish_button", "finish_confirm", "finish_yes",
    "finish_no", "finish_done",
}
SAVE_REFUSAL_KEYS = {
    "empty", "too_large", "wrong_type", "damaged", "not_from_planner", "pdf_without_plan",
    "no_version", "newer_version", "edited", "too_slow",
}


class SaveContent(ContentModel):
    text: dict[str, Wording] = Field(default_factory=dict)
    refusals: dict[str, Wording] = Field(default_factory=dict)


class Content(ContentModel):
    service: ServiceContent
    steps: dict[str, StepContent]
    need_areas: list[NeedArea]
    save: SaveContent = Field(default_factory=SaveContent)
    outcome_examples: OutcomeExamples = Field(default_factory=OutcomeExamples)
    glossary: list[GlossaryTerm] = Field(default_factory=list)
    accessibility_statement: str = ""
    budget: BudgetContent | None = None
    pdf: PdfContent | None = None
    # Spending and managing the budget (logic/catalogue.py).
    support_options: list[SupportOption] = Field(default_factory=list)
    spending_rules: SpendingRules = Field(default_factory=SpendingRules)
    budget_management: BudgetManagement = Field(default_factory=BudgetManagement)
    providers: list[Provider] = Field(default_factory=list)

    def need_area_ids(self) -> list[str]:
        return [area.id for area in self.need_areas]

    def need_area(self, area_id: str) -> NeedArea:
        return next(area for area in self.need_areas if area.id == area_id)

    def step(self, step_id: str) -> StepContent:
        return self.steps[step_id]


class Problem(BaseModel):
    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}"


class ContentError(Exception):
    """Content that must not be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


M = TypeVar("M", bound=BaseModel)


class _Reader:
    """Reads content files into models, collecting problems instead of stopping."""

    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []

    def problem(self, file: str, field: str, message: str) -> None:
        self.problems.append(Problem(file=file, field=field, message=message))

    def toml(self, relative: str) -> dict[str, Any] | None:
        path = self.root / relative
        try:
            return tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            self.problem(relative, "(file)", "file is missing")
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            self.problem(relative, "(file)", f"not valid TOML: {error}")
        return None

    def csv_rows(self, relative: str) -> list[dict[str, str]] | None:
        """Rows as exact strings (no floats), blank cells dropped so defaults apply."""
        path = self.root / relative
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            self.problem(relative, "(file)", "file is missing")
            return None
        except UnicodeDecodeError as error:
            self.problem(relative, "(file)", f"not UTF-8 text: {error}")
            return None
        rows = []
        for row in csv.DictReader(io.StringIO(text)):
            rows.append({k.strip(): v.strip() for k, v in row.items() if k and v and v.strip()})
        return rows

    def text(self, relative: str) -> str | None:
        try:
            return (self.root / relative).read_text(encoding="utf-8")
        except FileNotFoundError:
            self.problem(relative, "(file)", "file is missing")
            return None

    def model(self, relative: str, model: type[M], data: Any, prefix: str = "") -> M | None:
        try:
            return model.model_validate(data)
        except ValidationError as error:
            for e in error.errors():
                loc = ".".join(str(part) for part in e["loc"])
                where = f"{prefix}{loc}" if loc else (prefix.rstrip(".") or "(top)")
                self.problem(relative, where, _plain_message(e))
            return None


def _plain_message(error: dict[str, Any]) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown key (is it misspelt?)"
    if kind == "missing":
        return "required but missing"
    return f"{error['msg']} (found {error.get('input')!r})"[:300]


def _check_wording(reader: _Reader, file: str, where: str, wording: Wording | None) -> None:
    for name in sorted(unknown_placeholders(wording)):
        reader.problem(file, where, f"unknown placeholder {{{name}}}: use one of {sorted(KNOWN_PLACEHOLDERS)}")


def _load_steps(reader: _Reader) -> dict[str, StepContent]:
    steps: dict[str, StepContent] = {}
    for step_id in STEP_IDS:
        file = f"steps/{step_id}.toml"
        data = reader.toml(file)
        if data is None:
            continue
        step = reader.model(file, StepContent, data)
        if step is None:
            continue
        if step.id != step_id:
            reader.problem(file, "id", f"must be {step_id!r} to match the file name")
        _check_step(reader, file, step)
        steps[step_id] = step
    return steps


def _check_step(reader: _Reader, file: str, step: StepContent) -> None:
    for key in ("heading", "intro"):
        _check_wording(reader, file, key, getattr(step, key))
    for key, wording in step.text.items():
        _check_wording(reader, file, f"text.{key}", wording)
    if step.section is not None and step.section not in Plan.model_fields:
        reader.problem(file, "section", f"{step.section!r} is not a part of the plan")
        return
    allowed = section_field_names(step.section) if step.section else set()
    seen: set[str] = set()
    for index, field in enumerate(step.fields):
        where = f"fields.{index}.id"
        if field.id in seen:
            reader.problem(file, where, f"duplicate id {field.id!r}")
        seen.add(field.id)
        if field.id not in allowed:
            reader.problem(file, where, f"{field.id!r} is not an answer the plan can hold here")
        if field.show_if and field.show_if.field not in allowed:
            reader.problem(file, f"fields.{index}.show_if.field", "not an answer on this step")
        if field.kind == "choice" and len(field.options) < 2:
            reader.problem(file, f"fields.{index}.options", "a choice needs at least 2 options")
        option_ids = [o.id for o in field.options]
        for dup in sorted({o for o in option_ids if option_ids.count(o) > 1}):
            reader.problem(file, f"fields.{index}.options", f"duplicate id {dup!r}")
        for key in ("label", "hint"):
            _check_wording(reader, file, f"fields.{index}.{key}", getattr(field, key))
    for list_id, spec in step.lists.items():
        _check_list(reader, file, step.section, list_id, spec)


def _check_list(reader: _Reader, file: str, section: str | None, list_id: str, spec: ListDef) -> None:
    where = f"lists.{list_id}"
    entry_fields = list_entry_field_names(section, list_id) if section else None
    if entry_fields is None:
        reader.problem(file, where, f"{list_id!r} is not a list the plan can hold here")
        return
    if spec.min_entries > spec.max_entries:
        reader.problem(file, f"{where}.min_entries", "must not be more than max_entries")
    for key in ("heading", "hint", "entry_title", "add", "empty"):
        _check_wording(reader, file, f"{where}.{key}", getattr(spec, key))
    seen: set[str] = set()
    for index, field in enumerate(spec.fields):
        at = f"{where}.fields.{index}"
        if field.id in seen:
            reader.problem(file, f"{at}.id", f"duplicate id {field.id!r}")
        seen.add(field.id)
        if field.id not in entry_fields:
            reader.problem(file, f"{at}.id", f"{field.id!r} is not an answer an entry can hold")
        if field.show_if is not None:
            reader.problem(file, f"{at}.show_if", "not supported for list entries")
        if field.kind == "choice" and len(field.options) < 2:
            reader.problem(file, f"{at}.options", "a choice needs at least 2 options")
        for key in ("label", "hint"):
            _check_wording(reader, file, f"{at}.{key}", getattr(field, key))


def list_entry_field_names(section: str, list_id: str) -> set[str] | None:
    """Answers each entry of a Plan list holds (None when the section has no such list)."""
    annotation = Plan.model_fields[section].annotation
    field = getattr(annotation, "model_fields", {}).get(list_id)
    if field is None or get_origin(field.annotation) is not list:
        return None
    (entry,) = get_args(field.annotation)
    return set(getattr(entry, "model_fields", {})) or None


def _load_need_areas(reader: _Reader) -> list[NeedArea]:
    file = "need_areas.toml"
    data = reader.toml(file)
    areas = reader.model(file, NeedAreas, data) if data is not None else None
    if areas is None:
        return []
    ids = [a.id for a in areas.areas]
    for index, area_id in enumerate(ids):
        if ids.index(area_id) != index:
            reader.problem(file, f"areas.{index}.id", f"duplicate id {area_id!r}")
    return areas.areas


MIN_EXAMPLES_PER_AREA = 3


def _load_outcome_examples(reader: _Reader, need_areas: list[NeedArea]) -> OutcomeExamples | None:
    """Example outcomes: every need area has at least three, and each names a real area."""
    file = "outcome_examples.toml"
    data = reader.toml(file)
    examples = reader.model(file, OutcomeExamples, data) if data is not None else None
    if examples is None:
        return None
    known = {a.id for a in need_areas}
    for index, group in enumerate(examples.areas):
        if need_areas and group.area not in known:
            reader.problem(file, f"areas.{index}.area", f"{group.area!r} is not a need area in need_areas.toml")
        for number, text in enumerate(group.examples):
            if not text.strip():
                reader.problem(file, f"areas.{index}.examples.{number}", "an example must not be empty")
    for area in need_areas:
        count = len(examples.for_area(area.id))
        if count < MIN_EXAMPLES_PER_AREA:
            reader.problem(
                file, "areas", f"need area {area.id!r} has {count} example(s); give at least {MIN_EXAMPLES_PER_AREA}"
            )
    for index, word in enumerate(examples.service_words):
        if not word.strip():
            reader.problem(file, f"service_words.{index}", "must not be empty")
    return examples


def _load_glossary(reader: _Reader) -> list[GlossaryTerm]:
    """The glossary: unique ids and forms, nothing blank, and the core terms all there."""
    file = "glossary.toml"
    data = reader.toml(file)
    glossary = reader.model(file, Glossary, data) if data is not None else None
    if glossary is None:
        return []
    seen_ids: set[str] = set()
    seen_forms: dict[str, str] = {}
    for index, term in enumerate(glossary.terms):
        if term.id in seen_ids:
            reader.problem(file, f"terms.{index}.id", f"duplicate id {term.id!r}")
        seen_ids.add(term.id)
        if not term.term.strip():
            reader.problem(file, f"terms.{index}.term", "must not be empty")
        if not term.meaning.strip():
            reader.problem(file, f"terms.{index}.meaning", "must not be empty")
        for form in [term.term, *term.also]:
            key = form.strip().lower()
            if key in seen_forms and seen_forms[key] != term.id:
                reader.problem(file, f"terms.{index}", f"{form!r} is already a form of {seen_forms[key]!r}")
            seen_forms.setdefault(key, term.id)
    for missing in sorted(REQUIRED_GLOSSARY_TERMS - seen_ids):
        reader.problem(file, "terms", f"the term {missing!r} must be explained")
    return glossary.terms


def _load_accessibility_statement(reader: _Reader) -> str:
    """The accessibility statement (Markdown) shown on its own page."""
    file = "accessibility.md"
    text = reader.text(file)
    if text is not None and not text.strip():
        reader.problem(file, "(file)", "the accessibility statement is empty")
    return text or ""


# Keys of content/pdf.toml [text] that the draft plan and Check your answers need.
PDF_TEXT_KEYS = {
    "not_provided", "yes", "no", "none_added", "empty_section", "other_answers", "page_footer",
    "running_head", "cover_for", "cover_prepared_by", "cover_date", "cover_draft_note",
    "estimate_heading", "estimate_amount", "estimate_range", "estimate_none", "table_item",
    "table_amount", "table_frequency", "table_unit_cost", "table_per_week",
    "table_per_four_weeks", "table_per_year", "table_one_off", "table_outcomes", "table_total",
    "spending_none", "notes_heading", "signatures_heading", "sign_person",
    "sign_social_worker", "sign_name", "sign_signature", "sign_date", "next_heading",
    "next_body", "attachment_description",
}
# The PDF fills in page numbers, amounts and list numbers as well as names.
PDF_PLACEHOLDERS = KNOWN_PLACEHOLDERS | {"page", "pages", "number", "low", "high", "area"}


def plan_path_exists(path: str) -> bool:
    """True when "section.answer" (or "section.list.answer") names an answer in the Plan."""
    parts = path.split(".")
    model: Any = Plan
    for part in parts:
        fields = getattr(model, "model_fields", None)
        if not fields or part not in fields:
            return False
        annotation = fields[part].annotation
        if get_origin(annotation) is list:
            (annotation,) = get_args(annotation)
        model = annotation
    return True


def _load_pdf(reader: _Reader) -> PdfContent | None:
    file = "pdf.toml"
    data = reader.toml(file)
    pdf = reader.model(file, PdfContent, data) if data is not None else None
    if pdf is None:
        return None
    for key in sorted(PDF_TEXT_KEYS - set(pdf.text)):
        reader.problem(file, f"text.{key}", "required but missing")

    def check_wording(where: str, wording: Wording | None) -> None:
        texts = [] if wording is None else (
            [wording] if isinstance(wording, str) else [wording.self, wording.other]
        )
        for name in sorted({m for t in texts for m in PLACEHOLDER.findall(t)} - PDF_PLACEHOLDERS):
            reader.problem(file, where, f"unknown placeholder {{{name}}}: use one of {sorted(PDF_PLACEHOLDERS)}")

    check_wording("title", pdf.title)
    for key, wording in pdf.text.items():
        check_wording(f"text.{key}", wording)
    for table in ("labels", "item_titles", "choices"):
        for path in getattr(pdf, table):
            if not plan_path_exists(path):
                reader.problem(file, f"{table}.{path}", "not an answer the plan holds")
        if table != "choices":
            for path, wording in getattr(pdf, table).items():
                check_wording(f"{table}.{path}", wording)
    for key in ("cover_answers", "not_printed"):
        for index, path in enumerate(getattr(pdf, key)):
            if not plan_path_exists(path):
                reader.problem(file, f"{key}.{index}", f"{path!r} is not an answer the plan holds")
    seen: set[str] = set()
    for index, section in enumerate(pdf.sections):
        if section.id in seen:
            reader.problem(file, f"sections.{index}.id", f"duplicate id {section.id!r}")
        seen.add(section.id)
        check_wording(f"sections.{index}.heading", section.heading)
        check_wording(f"sections.{index}.intro", section.intro)
        for path in section.answers:
            if not plan_path_exists(path) or path.count(".") != 1:
                reader.problem(file, f"sections.{index}.answers", f"{path!r} is not an answer the plan holds")
    return pdf


def _load_budget(
    reader: _Reader, need_areas: list[NeedArea], step: StepContent | None = None
) -> BudgetContent | None:
    """The budget questions, matrix and worked examples, cross-checked with each other."""
    from logic.budget import NOT_SURE, PAGE_TEXT_KEYS, check_examples  # budget.py reads these models

    if step is not None:
        for key in sorted(PAGE_TEXT_KEYS - set(step.text)):
            reader.problem("steps/budget.toml", f"text.{key}", "required but missing")

    q_file, m_file, e_file = "budget/questions.toml", "budget/matrix.toml", "budget/examples.toml"
    before = len(reader.problems)
    data = reader.toml(q_file)
    questions = reader.model(q_file, BudgetQuestionsFile, data) if data is not None else None
    data = reader.toml(m_file)
    matrix = reader.model(m_file, BudgetMatrix, data) if data is not None else None
    data = reader.toml(e_file)
    examples = reader.model(e_file, BudgetExamplesFile, data) if data is not None else None
    if questions is None or matrix is None or examples is None:
        return None
    _check_budget_questions(reader, q_file, questions, {a.id for a in need_areas}, NOT_SURE)
    _check_budget_matrix(reader, m_file, matrix)
    answer_ids = {q.id: {a.id for a in q.answers} | {NOT_SURE} for q in questions.questions}
    ids: list[str] = []
    for index, example in enumerate(examples.examples):
        where = f"examples.{index}"
        if example.id in ids:
            reader.problem(e_file, f"{where}.id", f"duplicate id {example.id!r}")
        ids.append(example.id)
        for question_id, answer_id in example.answers.items():
            if question_id not in answer_ids:
                reader.problem(e_file, f"{where}.answers.{question_id}", "no budget question has this id")
            elif answer_id not in answer_ids[question_id]:
                reader.problem(e_file, f"{where}.answers.{question_id}", f"{answer_id!r} is not an answer to it")
    if len(reader.problems) > before:
        return None
    budget = BudgetContent(
        groups=questions.groups, questions=questions.questions, matrix=matrix, examples=examples.examples
    )
    for index, result in enumerate(check_examples(budget)):
        if not result.matches:
            reader.problem(
                e_file,
                f"examples.{index} ({result.example_id})",
                f"worked example {result.title!r} expects £{result.expected} a week but the matrix now "
                f"gives £{result.actual}; check matrix.toml, or update expected_weekly",
            )
    return budget


def _check_budget_questions(
    reader: _Reader, file: str, content: BudgetQuestionsFile, area_ids: set[str], not_sure: str
) -> None:
    group_ids = [g.id for g in content.groups]
    for index, group_id in enumerate(group_ids):
        if group_ids.index(group_id) != index:
            reader.problem(file, f"groups.{index}.id", f"duplicate id {group_id!r}")
        if not any(q.group == group_id for q in content.questions):
            reader.problem(file, f"groups.{index}", f"group {group_id!r} has no questions")
        for key in ("heading", "intro"):
            _check_wording(reader, file, f"groups.{index}.{key}", getattr(content.groups[index], key))
    seen: set[str] = set()
    areas_used: set[str] = set()
    unpaid = 0
    for index, question in enumerate(content.questions):
        where = f"questions.{index}"
        if question.id in seen:
            reader.problem(file, f"{where}.id", f"duplicate id {question.id!r}")
        seen.add(question.id)
        if question.group not in group_ids:
            reader.problem(file, f"{where}.group", f"{question.group!r} is not a group in this file")
        if question.kind == "need":
            if question.area is None:
                reader.problem(file, f"{where}.area", "a need question must name its need area")
            elif question.area not in area_ids:
                reader.problem(file, f"{where}.area", f"{question.area!r} is not a need area in need_areas.toml")
            elif question.area in areas_used:
                reader.problem(file, f"{where}.area", f"need area {question.area!r} already has a question")
            else:
                areas_used.add(question.area)
        else:
            unpaid += 1
            if question.area is not None:
                reader.problem(file, f"{where}.area", "the unpaid-support question has no need area")
        answer_ids = [a.id for a in question.answers]
        for number, answer in enumerate(question.answers):
            at = f"{where}.answers.{number}"
            if answer_ids.index(answer.id) != number:
                reader.problem(file, f"{at}.id", f"duplicate id {answer.id!r}")
            if answer.id == not_sure:
                reader.problem(file, f"{at}.id", f"{not_sure!r} is kept for the automatic \"I'm not sure\" answer")
            if number and answer.points < question.answers[number - 1].points:
                reader.problem(file, f"{at}.points", "list answers from least help to most: points must not go down")
            _check_wording(reader, file, f"{at}.label", answer.label)
        for key in ("label", "hint"):
            _check_wording(reader, file, f"{where}.{key}", getattr(question, key))
    if unpaid > 1:
        reader.problem(file, "questions", "only one question may have kind = \"unpaid_support\"")


def _check_budget_matrix(reader: _Reader, file: str, matrix: BudgetMatrix) -> None:
    if matrix.minimum_weekly > matrix.maximum_weekly:
        reader.problem(file, "minimum_weekly", "must not be more than maximum_weekly")
    if matrix.method == "price_per_point" and matrix.price_per_point is None:
        reader.problem(file, "price_per_point", "required when method = \"price_per_point\"")
    if matrix.method == "bands":
        if not matrix.bands:
            reader.problem(file, "bands", "at least one band is needed when method = \"bands\"")
        elif matrix.bands[0].from_points != 0:
            reader.problem(file, "bands.0.from_points", "the first band must start at 0 points")
        for index in range(1, len(matrix.bands)):
            this, last = matrix.bands[index], matrix.bands[index - 1]
            if this.from_points <= last.from_points:
                reader.problem(file, f"bands.{index}.from_points", "bands must start at more points than the band before")
            if this.weekly < last.weekly:
                reader.problem(file, f"bands.{index}.weekly", "more points must never give less money than the band before")
    if matrix.unpaid_support.method == "percent" and matrix.unpaid_support.maximum > 100:
        reader.problem(file, "unpaid_support.maximum", "a percentage cannot be more than 100")


def _load_save(reader: _Reader) -> SaveContent | None:
    file = "save.toml"
    data = reader.toml(file)
    save = reader.model(file, SaveContent, data) if data is not None else None
    if save is None:
        return None
    for table, required in (("text", SAVE_TEXT_KEYS), ("refusals", SAVE_REFUSAL_KEYS)):
        words = getattr(save, table)
        for key in sorted(required - set(words)):
            reader.problem(file, f"{table}.{key}", "required but missing")
        for key, wording in words.items():
            _check_wording(reader, file, f"{table}.{key}", wording)
    return save


def load_content(root: Path = CONTENT_DIR) -> Content:
    """Read and validate every content file; raise ContentError listing all problems."""
    reader = _Reader(root)
    service = None
    data = reader.toml("service.toml")
    if data is not None:
        service = reader.model("service.toml", ServiceContent, data)
    if service is not None:
        if service.schema_version != CONTENT_SCHEMA_VERSION:
            reader.problem(
                "service.toml",
                "schema_version",
                f"this planner reads content version {CONTENT_SCHEMA_VERSION}",
            )
        for key in sorted(FRAME_TEXT_KEYS - set(service.text)):
            reader.problem("service.toml", f"text.{key}", "required but missing")
        for key, wording in service.text.items():
            _check_wording(reader, "service.toml", f"text.{key}", wording)
    steps = _load_steps(reader)
    need_areas = _load_need_areas(reader)
    # Each later part of the planner adds one line here: parts[name] = _load_part(reader).
    parts: dict[str, Any] = {}
    parts["save"] = _load_save(reader)
    parts["outcome_examples"] = _load_outcome_examples(reader, need_areas)
    parts["budget"] = _load_budget(reader, need_areas, steps.get("budget"))
    parts["glossary"] = _load_glossary(reader)
    parts["accessibility_statement"] = _load_accessibility_statement(reader)
    parts["pdf"] = _load_pdf(reader)
    parts.update(load_catalogue(reader, [a.id for a in need_areas]))
    if reader.problems or service is None:
        raise ContentError(reader.problems)
    return Content(service=service, steps=steps, need_areas=need_areas, **parts)


def check(root: Path = CONTENT_DIR, out=sys.stdout) -> int:
    """Print every problem in the content folder; 0 when all is well, 1 otherwise."""
    try:
        load_content(root)
    except ContentError as error:
        print(f"Found {len(error.problems)} problem(s) in {root}:", file=out)
        for problem in error.problems:
            print(f"  - {problem}", file=out)
        return 1
    print(f"Content in {root} is valid.", file=out)
    return 0


def main(argv: list[str]) -> int:
    if len(argv) >= 1 and argv[0] == "check":
        root = Path(argv[1]) if len(argv) > 1 else CONTENT_DIR
        return check(root)
    print("Usage: python -m logic.content check [CONTENT_FOLDER]")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
