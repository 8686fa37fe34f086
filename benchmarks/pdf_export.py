"""Part 2: building the draft plan PDF for a full plan, beside a one-page fpdf2 document.

The one-page document uses the same main font, built in the same run, so the figure says
how much of the time is the plan itself rather than the machine or fpdf2's start-up.
"""
from __future__ import annotations

import time
from pathlib import Path

from benchmarks.stats import ROOT, summarise

FALLBACK_FONTS = [
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"),
]


def main_font() -> Path | None:
    """The font the plan PDF embeds: one named by logic.pdf, else the first TTF in content/."""
    try:
        import logic.pdf as pdf_module
    except ImportError:
        pdf_module = None
    for name in ("FONT_PATH", "MAIN_FONT", "BODY_FONT", "FONT_FILE", "REGULAR_FONT"):
        value = getattr(pdf_module, name, None)
        if value and Path(str(value)).is_file():
            return Path(str(value))
    candidates = sorted((ROOT / "content").rglob("*.ttf"))
    regular = [p for p in candidates if "bold" not in p.name.lower() and "italic" not in p.name.lower()]
    for path in regular + candidates + FALLBACK_FONTS:
        if path.is_file():
            return path
    return None


def one_page_pdf(font: Path) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("Main", "", str(font))
    pdf.add_page()
    pdf.set_font("Main", size=12)
    pdf.multi_cell(0, 8, "Care and support planner: a one-page document. Zoë, Łódź, £12.50.")
    return bytes(pdf.output())


def render(content, plan) -> bytes:
    from logic.pdf import render_plan_pdf

    return bytes(render_plan_pdf(content, plan))


def page_count(document: bytes) -> int | None:
    try:
        import io

        from pypdf import PdfReader

        return len(PdfReader(io.BytesIO(document)).pages)
    except Exception:  # noqa: BLE001 - page count is a nicety
        return None


def measure_pdf(content, plan, runs: int, typical=None) -> tuple[dict, bytes | None]:
    """Timings and sizes, and the full plan's PDF (part 3 loads a plan back from it)."""
    try:
        import logic.pdf
    except ImportError as error:
        return {"status": "not available yet", "reason": f"logic.pdf: {error}"}, None
    if not hasattr(logic.pdf, "render_plan_pdf"):
        return {"status": "not available yet", "reason": "logic.pdf has no render_plan_pdf"}, None
    font = main_font()
    started = time.perf_counter()
    document = render(content, plan)
    first_ms = (time.perf_counter() - started) * 1000
    plan_times, one_page_times = [], []
    one_page = b""
    for _ in range(runs):
        started = time.perf_counter()
        document = render(content, plan)
        plan_times.append((time.perf_counter() - started) * 1000)
        if font is not None:
            started = time.perf_counter()
            one_page = one_page_pdf(font)
            one_page_times.append((time.perf_counter() - started) * 1000)
    pages = page_count(document)
    typical_result = None
    if typical is not None:
        typical_plan, source = typical
        typical_times = []
        for _ in range(runs):
            started = time.perf_counter()
            typical_document = render(content, typical_plan)
            typical_times.append((time.perf_counter() - started) * 1000)
        typical_result = {
            "source": source, **summarise(typical_times),
            "kb": len(typical_document) / 1024, "pages": page_count(typical_document),
        }
    result = {
        "status": "ok",
        "unit": "ms",
        "runs": runs,
        "first_build_ms": first_ms,
        "full_plan": summarise(plan_times),
        "full_plan_kb": len(document) / 1024,
        "full_plan_pages": pages,
        "font": str(font.relative_to(ROOT) if font and font.is_relative_to(ROOT) else font),
    }
    if typical_result:
        result["typical_plan"] = typical_result
    if one_page_times:
        result["one_page"] = summarise(one_page_times)
        result["one_page_kb"] = len(one_page) / 1024
        result["ratio_to_one_page"] = result["full_plan"]["median"] / result["one_page"]["median"]
    return result, document
