"""logic/pdf_fast.py must give the PDF that fpdf2 alone gives: same pages, same text in the
same places. Each plan is printed twice in child processes, once with the quicker parts
switched off (pdf_fast.SUPPORTED = False before logic.pdf is imported), once as the planner
prints it, and the pages are compared as pdftotext lays them out.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRINT = r"""
import datetime as dt, sys
import logic.pdf_fast as fast
fast.SUPPORTED = sys.argv[1] == "fast"
from logic.content import load_content
from logic.pdf import render_plan_pdf
from tests.fixtures import plans
plan = getattr(plans, sys.argv[2])()
when = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.timezone.utc)
data = render_plan_pdf(load_content(), plan, created=when)
open(sys.argv[3], "wb").write(data)
"""


def printed(way: str, plan: str, folder: Path) -> Path:
    out = folder / f"{plan}-{way}.pdf"
    subprocess.run([sys.executable, "-c", PRINT, way, plan, str(out)], cwd=ROOT, check=True, timeout=300)
    return out


def layout(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    return text.decode("utf-8").split("\f")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
@pytest.mark.parametrize("plan", ["multilingual_plan", "full_plan"])
def test_the_quicker_pdf_has_the_same_pages_and_text_as_fpdf2_alone(plan, tmp_path):
    stock = layout(printed("stock", plan, tmp_path))
    fast = layout(printed("fast", plan, tmp_path))
    assert len(fast) == len(stock)
    for number, (ours, theirs) in enumerate(zip(fast, stock), start=1):
        assert ours == theirs, f"page {number} differs"
