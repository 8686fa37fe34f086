"""Part 3: loading a saved plan back, from the JSON save file and from the draft plan PDF.

Uses the save-file codec (logic.savefile) when it exists, since that is what the app
runs: checks, migration and all. Plain pydantic parsing is measured too, as the floor.
"""
from __future__ import annotations

import importlib
import inspect
import io
import time

from benchmarks.stats import summarise

# Names the save-file issue might give its readers; the first that exists is used.
JSON_READERS = ("read_save_file", "load_save_file", "plan_from_save", "read_plan", "load_plan", "read_json")
PDF_READERS = ("read_plan_pdf", "plan_from_pdf", "load_plan_pdf", "read_pdf", "load_pdf", "read_save_file")
ANY_READERS = ("read_upload", "load_upload", "read_saved_plan", "load_saved_plan", "read_file", "plan_from_bytes")


def _timed(function, data, runs: int) -> tuple[dict, object]:
    result = function(data)  # warm-up: first calls import and compile
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = function(data)
        times.append((time.perf_counter() - started) * 1000)
    return summarise(times), result


def _reader(module, names) -> tuple[str, object] | None:
    for name in names:
        function = getattr(module, name, None)
        if callable(function):
            return name, function
    return None


def _call_with_bytes(function, data: bytes, filename: str):
    """Readers may take (bytes) or (bytes, filename)."""
    required = [
        p for p in inspect.signature(function).parameters.values()
        if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    if len(required) >= 2:
        return lambda d: function(d, filename)
    return function


def _pypdf_attachment(data: bytes):
    from pypdf import PdfReader

    from logic.plan import Plan

    attachments = PdfReader(io.BytesIO(data)).attachments
    name = next(n for n in attachments if n.endswith(".json"))
    return Plan.from_json(attachments[name][0])


def measure_loading(plan, pdf_bytes: bytes | None, runs: int) -> dict:
    from logic.plan import Plan

    text = plan.to_json().encode("utf-8")
    result: dict = {"unit": "ms", "runs": runs, "json_kb": len(text) / 1024}
    result["json_pydantic"], _ = _timed(Plan.from_json, text, runs)
    try:
        savefile = importlib.import_module("logic.savefile")
    except ImportError as error:
        savefile = None
        result["savefile"] = f"not available yet ({error})"
    if savefile is not None:
        found = _reader(savefile, JSON_READERS + ANY_READERS)
        if found:
            name, function = found
            try:
                result["json_savefile"], _ = _timed(_call_with_bytes(function, text, "plan.json"), text, runs)
                result["json_savefile"]["reader"] = f"logic.savefile.{name}"
            except Exception as error:  # noqa: BLE001 - report, do not stop the benchmark
                result["json_savefile"] = {"n": 0, "problem": f"{type(error).__name__}: {error}"[:300]}
        else:
            result["json_savefile"] = {"n": 0, "problem": "no reader found in logic.savefile"}
    if pdf_bytes is None:
        result["pdf"] = "not available yet (no PDF built)"
        return result
    result["pdf_kb"] = len(pdf_bytes) / 1024
    try:
        result["pdf_pypdf_attachment"], _ = _timed(_pypdf_attachment, pdf_bytes, runs)
    except Exception as error:  # noqa: BLE001
        result["pdf_pypdf_attachment"] = {"n": 0, "problem": f"{type(error).__name__}: {error}"[:300]}
    if savefile is not None:
        found = _reader(savefile, PDF_READERS + ANY_READERS)
        if found:
            name, function = found
            try:
                result["pdf_savefile"], _ = _timed(_call_with_bytes(function, pdf_bytes, "plan.pdf"), pdf_bytes, runs)
                result["pdf_savefile"]["reader"] = f"logic.savefile.{name}"
            except Exception as error:  # noqa: BLE001
                result["pdf_savefile"] = {"n": 0, "problem": f"{type(error).__name__}: {error}"[:300]}
    return result
