"""Save files: the whole Plan as a small JSON file, and reading one back without trusting it.

A person keeps their work as a JSON file (or the draft plan PDF, which carries the same JSON
as an attachment called plan.json). Anything uploaded is untrusted: it is size-checked,
type-checked by its first bytes, bounded in depth and size, migrated from older schema
versions, validated, and refused with a specific reason (a ``Refusal`` kind) when it cannot be
read. PDFs are parsed in a child process with memory, CPU and wall-clock limits, so a hostile
PDF cannot hang or crash the server.
"""
from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from logic.content import STEP_IDS
from logic.plan import SCHEMA_VERSION, Plan

# Matches server.maxUploadSize = 2 (MB) in .streamlit/config.toml; checked again here because
# the server's limit is a setting someone can change, and AppTest does not apply it.
MAX_FILE_BYTES = 2 * 1024 * 1024
# The JSON itself: a full plan with long answers is well under this.
MAX_JSON_BYTES = 1024 * 1024
# Bounds no genuine plan comes near; anything beyond them was edited or built to harm.
MAX_DEPTH = 10
MAX_ITEMS = 500
MAX_TEXT_CHARS = 20_000
MAX_MONEY = Decimal("1000000000")

# The child process that reads a PDF: limits on its memory, CPU and the wait for it.
PDF_MEMORY_BYTES = 512 * 1024 * 1024
PDF_CPU_SECONDS = 5
PDF_WALL_SECONDS = 10
ATTACHMENT_NAME = "plan.json"
# At most this many PDFs are read at once, so hostile uploads cannot use every core.
_PDF_SLOTS = threading.BoundedSemaphore(2)

# Why a file was refused. Each kind has its own kind message in content/save.toml [refusals].
REFUSAL_KINDS = (
    "empty",
    "too_large",
    "wrong_type",
    "damaged",
    "not_from_planner",
    "pdf_without_plan",
    "no_version",
    "newer_version",
    "edited",
    "too_slow",
)

# Older schema versions and how to bring each one up by a single version. When a change to
# logic/plan.py would make old files fail to load (a renamed or removed field, a new meaning),
# bump SCHEMA_VERSION and add ``MIGRATIONS[old] = function(dict) -> dict of version old + 1``.
Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: dict[int, Migration] = {}


class Refusal(Exception):
    """A file the planner will not load; ``kind`` picks the message the person sees."""

    def __init__(self, kind: str):
        assert kind in REFUSAL_KINDS, kind
        self.kind = kind
        super().__init__(kind)


def encode_plan(plan: Plan) -> bytes:
    """The save file: the Plan as UTF-8 JSON, carrying its schema_version."""
    return plan.model_dump_json(indent=1).encode("utf-8")


def save_file_name(today: date) -> str:
    # No name in the file name: at a shared computer it would sit in a Downloads folder.
    return f"care-plan-saved-{today.isoformat()}.json"


def read_save_file(
    data: bytes,
    *,
    migrations: Mapping[int, Migration] = MIGRATIONS,
    current_version: int = SCHEMA_VERSION,
) -> Plan:
    """The Plan in an uploaded save file or draft plan PDF, or raise Refusal(kind)."""
    if not data or not data.strip():
        raise Refusal("empty")
    if len(data) > MAX_FILE_BYTES:
        raise Refusal("too_large")
    if _looks_like_pdf(data):
        data = extract_plan_json(data)
    elif not _looks_like_json(data):
        raise Refusal("wrong_type")
    return plan_from_json(data, migrations=migrations, current_version=current_version)


def plan_from_json(
    data: bytes,
    *,
    migrations: Mapping[int, Migration] = MIGRATIONS,
    current_version: int = SCHEMA_VERSION,
) -> Plan:
    """Parse, bound, migrate and validate a plan's JSON; raise Refusal(kind) on any problem."""
    if len(data) > MAX_JSON_BYTES:
        raise Refusal("too_large")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Refusal("damaged") from None
    try:
        raw = json.loads(text, parse_float=Decimal, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        # ValueError covers bad syntax, NaN/Infinity and integers too long to convert.
        raise Refusal("damaged") from None
    if not isinstance(raw, dict) or not set(raw) & set(Plan.model_fields) - {"schema_version"}:
        raise Refusal("not_from_planner")
    if not set(raw) <= set(Plan.model_fields):
        raise Refusal("edited")
    _check_bounds(raw)
    raw = migrate(raw, migrations=migrations, current_version=current_version)
    try:
        plan = Plan.model_validate(raw)
    except (ValidationError, ValueError, ArithmeticError):
        raise Refusal("edited") from None
    _check_money(plan)
    return _settle_progress(plan)


def migrate(
    raw: dict[str, Any],
    *,
    migrations: Mapping[int, Migration] = MIGRATIONS,
    current_version: int = SCHEMA_VERSION,
) -> dict[str, Any]:
    """Bring a plan's JSON up to the current schema version, one version at a time.

    A file without a schema_version is refused, never guessed: nothing this planner ever
    wrote lacks one, so its meaning cannot be known.
    """
    if "schema_version" not in raw:
        raise Refusal("no_version")
    version = raw["schema_version"]
    if type(version) is not int or version < 1:
        raise Refusal("edited")
    if version > current_version:
        raise Refusal("newer_version")
    while version < current_version:
        step = migrations.get(version)
        if step is None:
            raise Refusal("edited")
        try:
            raw = step(dict(raw))
        except (KeyError, TypeError, ValueError, AttributeError):
            raise Refusal("edited") from None
        version += 1
        raw["schema_version"] = version
    return raw


def extract_plan_json(pdf: bytes) -> bytes:
    """The plan.json attached to a draft plan PDF, read in a child process with limits."""
    if not _PDF_SLOTS.acquire(timeout=PDF_WALL_SECONDS):
        raise Refusal("too_slow")
    try:
        result = subprocess.run(
            [sys.executable, "-I", "-B", "-c", _PDF_CHILD, ATTACHMENT_NAME, str(MAX_JSON_BYTES),
             str(PDF_MEMORY_BYTES), str(PDF_CPU_SECONDS)],
            input=pdf,
            capture_output=True,
            timeout=PDF_WALL_SECONDS,
            env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise Refusal("too_slow") from None
    finally:
        _PDF_SLOTS.release()
    # The child's stderr is dropped unread: a parser's message could quote the file.
    if result.returncode == 0:
        return result.stdout
    raise Refusal(_CHILD_EXITS.get(result.returncode, "too_slow" if result.returncode < 0 else "damaged"))


# Exit codes of the child below; a negative code means a signal (CPU or memory limit) ended it.
_CHILD_EXITS = {2: "pdf_without_plan", 3: "too_large", 4: "too_slow", 5: "damaged"}
_PDF_CHILD = r"""
import io, resource, sys
name, max_out, memory, cpu = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
from pypdf import PdfReader
resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
try:
    reader = PdfReader(io.BytesIO(sys.stdin.buffer.read()), strict=False)
    found = reader.attachments.get(name)
except MemoryError:
    sys.exit(4)
except RecursionError:
    sys.exit(5)
except Exception:
    sys.exit(5)
if not found:
    sys.exit(2)
data = found[0]
if len(data) > max_out:
    sys.exit(3)
sys.stdout.buffer.write(data)
"""


def _looks_like_pdf(data: bytes) -> bool:
    # The PDF header may follow a little junk; readers look in the first 1024 bytes.
    return b"%PDF-" in data[:1024]


def _looks_like_json(data: bytes) -> bool:
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return start in (b"{", b"[")


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number a plan can hold")


def _check_bounds(raw: Any) -> None:
    """Refuse structures no plan has: too deep, too many items, answers far too long."""
    stack = [(raw, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise Refusal("edited")
        if isinstance(value, dict):
            children = list(value.values())
            if len(value) > MAX_ITEMS or any(len(str(k)) > 200 for k in value):
                raise Refusal("edited")
        elif isinstance(value, list):
            children = value
            if len(value) > MAX_ITEMS:
                raise Refusal("edited")
        else:
            if isinstance(value, str) and len(value) > MAX_TEXT_CHARS:
                raise Refusal("edited")
            continue
        stack.extend((child, depth + 1) for child in children)


def _check_money(plan: Plan) -> None:
    amounts = [plan.budget.weekly_contribution] if plan.budget.weekly_contribution is not None else []
    for item in plan.spending.items:
        amounts += [item.quantity, item.unit_cost]
    for amount in amounts:
        if not amount.is_finite() or abs(amount) > MAX_MONEY:
            raise Refusal("edited")


def _settle_progress(plan: Plan) -> Plan:
    """Keep only steps this planner has, so resuming never points at a page that isn't there."""
    if plan.progress.current_step not in STEP_IDS:
        plan.progress.current_step = "start"
    plan.progress.visited = [s for s in dict.fromkeys(plan.progress.visited) if s in STEP_IDS]
    return plan
