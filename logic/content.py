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
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from logic.plan import Plan, section_field_names
from logic.wording import KNOWN_PLACEHOLDERS, Wording, unknown_placeholders

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
    "error_too_long",
    "error_page_prefix",
    "fallback_name",
    "app_error",
    "skip_link",
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


class StepContent(ContentModel):
    id: str
    title: str
    heading: Wording
    intro: Wording | None = None
    section: str | None = None
    fields: list[FieldDef] = Field(default_factory=list)
    text: dict[str, Wording] = Field(default_factory=dict)


class NeedArea(ContentModel):
    """A need area (an eligibility outcome), referenced by id across the content."""

    id: str
    label: str
    regulation: str


class NeedAreas(ContentModel):
    areas: list[NeedArea]


class ServiceContent(ContentModel):
    schema_version: int
    service_name: str
    text: dict[str, Wording]


class Content(ContentModel):
    service: ServiceContent
    steps: dict[str, StepContent]
    need_areas: list[NeedArea]

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
