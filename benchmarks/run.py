"""Run the planner's benchmark: ``python -m benchmarks.run`` (``--help`` for options).

Prints a table of medians and 95th percentiles against the targets in issue 9, and writes
the same figures as JSON to benchmarks/results/. Each part reports "not available yet"
rather than stopping when the module it measures is still being built.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

from benchmarks.stats import ROOT, load_average, machine

RESULTS = ROOT / "benchmarks" / "results"
PARTS = ("reruns", "pdf", "loading", "cold", "clicks", "concurrent")

# How many repetitions each mode takes. Quick is for a shared or slow machine.
MODES = {
    "quick": {"rounds": 5, "pdf_runs": 3, "load_runs": 5, "cold_runs": 1, "walks": 1, "sessions": "1,3"},
    "full": {"rounds": 30, "pdf_runs": 12, "load_runs": 30, "cold_runs": 3, "walks": 3, "sessions": "1,10,30"},
}

# The targets of issue 9 (for the report; never asserted in tests).
TARGETS = {
    "rerun_ratio": 3.0,  # every step's rerun median at most 3 times an empty page's
    "pdf_ms": 400.0,  # full-plan PDF build, median
    "pdf_kb": 300.0,  # full-plan PDF size
    "click_ms": 300.0,  # click Continue to next step painted, median
    "concurrent_p95_ms": 1500.0,  # 30 sessions at once, 95th percentile click to painted
    "memory_mib": 3.0,  # server memory per session
}


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run",
        description="Measure the planner's speed against the targets of issue 9.",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", dest="mode", action="store_const", const="quick", help="few repetitions (default)")
    mode.add_argument("--full", dest="mode", action="store_const", const="full", help="enough repetitions for a p95")
    parser.set_defaults(mode="quick")
    parser.add_argument(
        "--parts", default=",".join(PARTS),
        help=f"comma-separated parts to run, from: {', '.join(PARTS)} (default: all)",
    )
    parser.add_argument("--sessions", help="concurrent session counts, e.g. 1,10,30 (default by mode)")
    parser.add_argument(
        "--think", type=float, default=1.0,
        help="seconds a concurrent session waits before each Continue, averaged (default 1; 0 = none)",
    )
    parser.add_argument(
        "--journey", choices=("typical", "stress", "typed"), default="typical",
        help="what browser sessions load at Start: a typical complete plan (default), the full "
        "stress plan cut to each answer's limit, or nothing (type only what each step requires)",
    )
    parser.add_argument("--url", help="measure clicks and concurrency against a running planner (e.g. nginx)")
    parser.add_argument(
        "--server-pid", type=int, action="append", default=[],
        help="with --url: a server process whose memory to measure (repeat for each instance)",
    )
    parser.add_argument(
        "--warm-url", action="append", default=[],
        help="with --url: an instance to warm up directly before measuring (repeat for each)",
    )
    parser.add_argument("--label", default="", help="added to the results file name, e.g. nginx")
    return parser.parse_args(argv)


def not_available(error: Exception) -> dict:
    return {"status": "not available yet", "reason": f"{type(error).__name__}: {error}"[:300]}


def failed(error: Exception) -> dict:
    where = traceback.extract_tb(error.__traceback__)[-1]
    return {
        "status": "failed",
        "reason": f"{type(error).__name__}: {str(error)[:300]} at {Path(where.filename).name}:{where.lineno}",
    }


def run_parts(args: argparse.Namespace) -> dict:
    settings = MODES[args.mode]
    parts = [p.strip() for p in args.parts.split(",") if p.strip()]
    unknown = sorted(set(parts) - set(PARTS))
    if unknown:
        raise SystemExit(f"unknown part(s): {', '.join(unknown)}; choose from {', '.join(PARTS)}")
    results: dict = {}
    content = plan = words = save_file = None
    try:
        import tempfile

        from logic.content import load_content

        from benchmarks.browser import words_from_content
        from benchmarks.fixture import load_full_plan, load_journey_plan, write_save_file

        content = load_content()
        plan, source = load_full_plan(content)
        words = words_from_content(content)
        results["fixture"] = {"source": source, "json_kb": len(plan.to_json().encode()) / 1024,
                              "spending_items": len(plan.spending.items)}
        journey = load_journey_plan(content, args.journey)
        results["fixture"]["journey"] = args.journey
        if journey is not None:
            walk_plan, walk_source = journey
            save_file = write_save_file(walk_plan, tempfile.mkdtemp(prefix="planner-bench-"))
            results["fixture"]["browser_sessions_load"] = walk_source
            results["fixture"]["browser_save_file_kb"] = save_file.stat().st_size / 1024
    except Exception as error:  # noqa: BLE001 - content mid-edit: parts that need it say so
        results["fixture"] = not_available(error)

    def attempt(name: str, function):
        print(f"  {name} ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        try:
            results[name] = function()
        except ImportError as error:
            results[name] = not_available(error)
        except Exception as error:  # noqa: BLE001 - one part failing must not hide the others
            results[name] = failed(error)
        results[name].setdefault("status", "ok")
        results[name]["took_s"] = round(time.perf_counter() - started, 1)

    needs_content = {"reruns", "pdf", "loading", "clicks", "concurrent"}
    for part in PARTS:
        if part not in parts:
            continue
        if part in needs_content and content is None:
            results[part] = {"status": "not available yet", "reason": "content or fixture did not load"}
            continue
        if part == "reruns":
            from benchmarks.reruns import measure_reruns

            attempt(part, lambda: measure_reruns(content, plan, settings["rounds"]))
        elif part == "pdf":
            from benchmarks.pdf_export import measure_pdf

            def pdf():
                from benchmarks.fixture import load_typical_plan

                typical = load_typical_plan(content)
                result, document = measure_pdf(content, plan, settings["pdf_runs"], typical)
                results["_pdf_bytes"] = document
                return result

            attempt(part, pdf)
        elif part == "loading":
            from benchmarks.loading import measure_loading

            def loading():
                document = results.get("_pdf_bytes")
                if document is None and "pdf" not in parts:
                    try:
                        from benchmarks.pdf_export import render

                        document = render(content, plan)
                    except Exception:  # noqa: BLE001 - loading from PDF is then skipped
                        document = None
                return measure_loading(plan, document, settings["load_runs"])

            attempt(part, loading)
        elif part == "cold":
            from benchmarks.browser import measure_cold_start

            attempt(part, lambda: asyncio.run(measure_cold_start(settings["cold_runs"])))
        elif part == "clicks":
            attempt(part, lambda: with_server(args, lambda url, pids: asyncio.run(
                __import__("benchmarks.browser", fromlist=["x"]).measure_clicks(url, words, settings["walks"], save_file))))
        elif part == "concurrent":
            levels = [int(n) for n in (args.sessions or settings["sessions"]).split(",") if n.strip()]
            attempt(part, lambda: measure_levels(args, words, levels, save_file))
    results.pop("_pdf_bytes", None)
    return results


def with_server(args: argparse.Namespace, function):
    """Run against --url when given, else against a planner started for this part."""
    if args.url:
        return function(args.url.rstrip("/"), args.server_pid)
    from benchmarks.browser import start_server, stop_server

    server = start_server()
    try:
        return function(server.url, [server.pid])
    finally:
        stop_server(server)


def measure_levels(args: argparse.Namespace, words, levels: list[int], save_file) -> dict:
    """Each level gets a fresh planner (when we start it), so memory is not left over."""
    from benchmarks.browser import measure_concurrency

    out = {"unit": "ms", "through": args.url or "one planner started by the benchmark", "levels": {}}
    for sessions in levels:
        print(f"    {sessions} session(s) at once ...", file=sys.stderr, flush=True)
        out["levels"][str(sessions)] = with_server(
            args, lambda url, pids: asyncio.run(measure_concurrency(url, words, sessions, pids, args.think, save_file, args.warm_url or None))
        )
        out["levels"][str(sessions)]["load_average_after"] = load_average()
    return out


# ---------------------------------------------------------------- the report

def verdict(value: float | None, target: float) -> str:
    if value is None:
        return "-"
    return "met" if value <= target else "MISSED"


def rows(results: dict) -> list[tuple]:
    """(part, measure, n, median, p95, target, verdict) for the table."""
    out: list[tuple] = []

    def row(part, measure, stats, unit="ms", target=None, judged=None, value_key="median"):
        stats = stats or {}
        judged_value = judged if judged is not None else stats.get(value_key)
        out.append((
            part, measure, stats.get("n", ""), fmt(stats.get("median"), unit), fmt(stats.get("p95"), unit),
            "" if target is None else target[0], verdict(judged_value, target[1]) if target else "",
        ))

    def status_row(part, result):
        out.append((part, result.get("status", "?"), "", "", "", "", result.get("reason", "")[:70]))

    r = results.get("reruns", {})
    if r.get("status") == "ok":
        row("1 rerun", "empty page", r["empty_page"])
        frame = r["steps"].get("(frame: accessibility statement)")
        if frame:
            row("1 rerun", f"frame + plain text (x{frame['ratio_to_empty']:.1f} empty)", frame)
        for step, stats in r["steps"].items():
            if step.startswith("("):
                continue
            label = f"{step} (x{stats['ratio_to_empty']:.1f} empty)"
            if stats.get("problem"):
                label += " ERROR"
            row("1 rerun", label, stats, target=(f"<= {TARGETS['rerun_ratio']:g}x empty", TARGETS["rerun_ratio"]),
                judged=stats["ratio_to_empty"])
    elif r:
        status_row("1 rerun", r)
    p = results.get("pdf", {})
    if p.get("status") == "ok":
        row("2 PDF", f"full plan (stress), {p.get('full_plan_pages')} pages", p["full_plan"],
            target=(f"< {TARGETS['pdf_ms']:g} ms", TARGETS["pdf_ms"]))
        out.append(("2 PDF", "full plan size", "", f"{p['full_plan_kb']:.0f} KB", "",
                    f"< {TARGETS['pdf_kb']:g} KB", verdict(p["full_plan_kb"], TARGETS["pdf_kb"])))
        if "typical_plan" in p:
            t = p["typical_plan"]
            row("2 PDF", f"ordinary full plan, {t.get('pages')} pages, {t['kb']:.0f} KB", t,
                target=(f"< {TARGETS['pdf_ms']:g} ms", TARGETS["pdf_ms"]))
        if "one_page" in p:
            row("2 PDF", f"one page, same font ({p['one_page_kb']:.0f} KB)", p["one_page"])
        out.append(("2 PDF", "first build in process", "", fmt(p["first_build_ms"]), "", "", ""))
    elif p:
        status_row("2 PDF", p)
    ld = results.get("loading", {})
    if ld.get("status") == "ok":
        for key, label in (("json_pydantic", "JSON (pydantic only)"), ("json_savefile", "JSON (save-file reader)"),
                           ("pdf_pypdf_attachment", "PDF (pypdf attachment)"), ("pdf_savefile", "PDF (save-file reader)")):
            value = ld.get(key)
            if isinstance(value, dict):
                row("3 load", label + (" " + value["problem"][:40] if value.get("problem") else ""), value)
        if isinstance(ld.get("savefile"), str):
            out.append(("3 load", "save-file reader", "", "", "", "", ld["savefile"][:70]))
    elif ld:
        status_row("3 load", ld)
    c = results.get("cold", {})
    if c.get("status") == "ok":
        row("4 cold start", "process start to health", c["start_to_health"])
        row("4 cold start", "process start to first step painted", c["start_to_first_step_painted"])
        row("4 cold start", "open page to first step painted", c["open_to_first_step_painted"])
    elif c:
        status_row("4 cold start", c)
    k = results.get("clicks", {})
    if k.get("status") == "ok":
        row("5 click", f"Continue to next step painted ({len(k['steps'])} steps)", k["click_to_painted"],
            target=(f"median < {TARGETS['click_ms']:g} ms", TARGETS["click_ms"]))
        by_step = sorted(k.get("to_step", {}).items(), key=lambda kv: -kv[1].get("median", 0))
        for path, stats in by_step[:3]:
            row("5 click", f"  slowest: to {path}", stats)
        for problem in k.get("problems", [])[:2]:
            out.append(("5 click", "problem", "", "", "", "", problem[:70]))
    elif k:
        status_row("5 click", k)
    cc = results.get("concurrent", {})
    if cc.get("status") == "ok":
        for sessions, level in cc["levels"].items():
            target = (f"p95 < {TARGETS['concurrent_p95_ms']:g} ms", TARGETS["concurrent_p95_ms"]) if sessions == "30" else None
            row("6 at once", f"{sessions} sessions, click to painted", level["click_to_painted"],
                target=target, value_key="p95")
            slowest = sorted(level.get("to_step", {}).items(), key=lambda kv: -kv[1].get("p95", 0))[:1]
            for path, stats in slowest:
                row("6 at once", f"  slowest: to {path}", stats)
            out.append(("6 at once", f"{sessions} sessions, memory per session", "",
                        f"{level['memory_per_session_mib']:.2f} MB", "", f"<= {TARGETS['memory_mib']:g} MB",
                        verdict(level["memory_per_session_mib"], TARGETS["memory_mib"])))
            if level.get("server_cpu_ms_per_click") is not None:
                out.append(("6 at once", f"{sessions} sessions, server CPU a click", "",
                            f"{level['server_cpu_ms_per_click']:.0f} ms", "", "", ""))
            if level["completed_walks"] < int(sessions):
                out.append(("6 at once", f"{sessions} sessions: walks finished", "",
                            f"{level['completed_walks']}/{sessions}", "", "", (level["problems"] or [""])[0][:70]))
    elif cc:
        status_row("6 at once", cc)
    return out


def fmt(value, unit: str = "ms") -> str:
    if value is None:
        return ""
    if unit == "ms":
        return f"{value:,.1f} ms" if value < 100 else f"{value:,.0f} ms"
    return f"{value:.1f} {unit}"


def table(results: dict) -> str:
    header = ("part", "measure", "n", "median", "p95", "target", "verdict")
    body = [tuple(str(x) for x in r) for r in rows(results)]
    widths = [max(len(str(line[i])) for line in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(str(v).ljust(w) for v, w in zip(line, widths)).rstrip() for line in [header, *body]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    # AppTest outside `streamlit run` warns about a missing ScriptRunContext on every call.
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    started = datetime.now(timezone.utc)
    print(f"Benchmark ({args.mode}) started {started:%Y-%m-%d %H:%M} UTC, load {load_average()}", file=sys.stderr)
    report = {"mode": args.mode, "started_utc": started.isoformat(timespec="seconds"), "machine": machine(),
              "targets": TARGETS, "settings": MODES[args.mode], "args": vars(args)}
    report["results"] = run_parts(args)
    report["load_average_end"] = load_average()
    RESULTS.mkdir(parents=True, exist_ok=True)
    label = f"-{args.label}" if args.label else ""
    path = RESULTS / f"{started:%Y%m%dT%H%M%SZ}-{args.mode}{label}.json"
    text = json.dumps(report, indent=2, default=str)
    path.write_text(text)
    (RESULTS / f"latest{label}.json").write_text(text)
    print(table(report["results"]))
    fixture = report["results"].get("fixture", {})
    print(f"\nBrowser sessions: journey '{args.journey}', loading {fixture.get('browser_sessions_load', 'nothing')}.")
    print(f"Machine: {report['machine'].get('cpus')} cores, load {report['machine']['load_average']} at start, "
          f"{report['load_average_end']} at end; commit {report['machine'].get('commit')}; "
          f"full plan from {fixture.get('source', fixture.get('reason'))}.")
    print(f"Results: {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
