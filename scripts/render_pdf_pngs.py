"""Render a draft plan PDF's pages to PNG files (with poppler's pdftoppm) so a person can look.

    python scripts/render_pdf_pngs.py plan.pdf [OUT_DIR]          # an existing PDF
    python scripts/render_pdf_pngs.py --fixture full [OUT_DIR]     # or build a fixture plan's
    python scripts/render_pdf_pngs.py --fixture multilingual [OUT_DIR]

Also prints the build time and size, so font and layout changes can be judged. Nothing is
written except into OUT_DIR (default: a new folder under /tmp).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build_fixture(name: str) -> bytes:
    from logic.content import load_content
    from logic.pdf import render_plan_pdf
    from tests.fixtures.plans import full_plan, multilingual_plan

    plan = {"full": full_plan, "multilingual": multilingual_plan}[name]()
    content = load_content()
    render_plan_pdf(content, plan)  # warm up: fonts are parsed once per process
    times = []
    for _ in range(3):
        start = time.perf_counter()
        data = render_plan_pdf(content, plan)
        times.append(time.perf_counter() - start)
    print(f"{name}: {len(data) / 1024:.0f} KB, best of 3 builds {min(times) * 1000:.0f} ms")
    return data


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", nargs="?", help="a PDF file to render")
    parser.add_argument("out", nargs="?", help="folder for the PNG files")
    parser.add_argument("--fixture", choices=["full", "multilingual"])
    parser.add_argument("--dpi", type=int, default=80)
    args = parser.parse_args(argv)
    if args.fixture:
        out = Path(args.pdf or tempfile.mkdtemp(prefix=f"plan-{args.fixture}-"))
        out.mkdir(parents=True, exist_ok=True)
        pdf_path = out / f"{args.fixture}.pdf"
        pdf_path.write_bytes(build_fixture(args.fixture))
    elif args.pdf:
        pdf_path = Path(args.pdf)
        out = Path(args.out or tempfile.mkdtemp(prefix="plan-pages-"))
        out.mkdir(parents=True, exist_ok=True)
    else:
        parser.print_usage()
        return 2
    subprocess.run(["pdftoppm", "-png", "-r", str(args.dpi), str(pdf_path), str(out / "page")], check=True)
    pages = sorted(out.glob("page-*.png"))
    print(f"{len(pages)} page(s) in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
