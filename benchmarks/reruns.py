"""Part 1: how long the server takes to rerun each step with a full plan loaded.

Every click reruns the page's script, so this is the cost of a click on the server. Each
step is compared with an empty Streamlit page rerun in the same run (AppTest both), so
the ratio holds on a slow or busy machine too. Reruns are interleaved round-robin so a
burst of load elsewhere hits every page alike.
"""
from __future__ import annotations

import time

from benchmarks.stats import ROOT, summarise

EMPTY_PAGE = "import streamlit as st\n"
PLAN_KEY = "plan"
REFERENCE_PAGE = "pages/accessibility.py"
FRAME = "(frame: accessibility statement)"
EMPTY = "(empty page)"


def measure_reruns(content, plan, rounds: int) -> dict:
    from streamlit.testing.v1 import AppTest

    from logic.content import STEP_IDS

    pages = {"(empty page)": AppTest.from_string(EMPTY_PAGE, default_timeout=120)}
    for step_id in STEP_IDS:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.session_state[PLAN_KEY] = plan.model_copy(deep=True)
        at.switch_page(f"pages/{step_id}.py")
        pages[step_id] = at
    # For reference, not judged: the frame (progress list, save button, accessibility links)
    # around a page of plain text, so a step's own cost can be told from the frame's.
    if (ROOT / REFERENCE_PAGE).exists():
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.session_state[PLAN_KEY] = plan.model_copy(deep=True)
        at.switch_page(REFERENCE_PAGE)
        pages[FRAME] = at
    first: dict[str, float] = {}
    problems: dict[str, str] = {}
    for name, at in pages.items():
        started = time.perf_counter()
        at.run()
        first[name] = (time.perf_counter() - started) * 1000
        if at.exception:
            problems[name] = "; ".join(str(e.value)[:200] for e in at.exception)
        elif any("something went wrong" in e.value for e in at.error):
            problems[name] = "the page showed its error message"
    times: dict[str, list[float]] = {name: [] for name in pages}
    for _ in range(rounds):
        for name, at in pages.items():
            started = time.perf_counter()
            at.run()
            times[name].append((time.perf_counter() - started) * 1000)
    empty = summarise(times["(empty page)"])
    steps = {}
    for name in pages:
        stats = summarise(times[name])
        stats["first_run_ms"] = first[name]
        if name != EMPTY:
            stats["ratio_to_empty"] = stats["median"] / empty["median"]
            if name in problems:
                stats["problem"] = problems[name]
        steps[name] = stats
    return {
        "unit": "ms",
        "rounds": rounds,
        "empty_page": empty,
        "steps": steps,
        "worst_ratio": max(s["ratio_to_empty"] for n, s in steps.items() if n not in (EMPTY, FRAME)),
    }
