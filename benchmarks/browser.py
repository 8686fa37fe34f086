"""Parts 4, 5 and 6: the planner as people meet it, through Chromium.

4. cold start: process start to /_stcore/health answering, and to the first step painted;
5. one person clicking Continue through the journey: click to next step painted;
6. 1, 10 and 30 people at once, each walking the whole journey: 95th percentile click to
   painted, and the server's memory per session.

"Painted" is measured inside the page: the clock starts when Continue is clicked and stops
at the first animation frame after the next step's address is shown, its heading is on the
page and Streamlit says the script has finished (so nothing of the old step is left).
"""
from __future__ import annotations

import asyncio
import os
import random
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.stats import ROOT, cpu_seconds, rss_kib, summarise

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
READY = '[data-test-script-state="notRunning"]'
CONNECTED = '[data-test-connection-state="CONNECTED"]'
TIMEOUT_MS = 120_000
WARM_WALKS = 2

# Shared by the scripts below: wait for a condition, then for the page to go quiet, and
# give the time of the last animation frame in which anything on the page changed. React
# draws some widgets a frame or two after Streamlit says the script has finished, so the
# script state alone would stop the clock too early.
SETTLE = """
const q = (s) => document.querySelector(s);
const frame = () => new Promise((r) => requestAnimationFrame(r));
const isReady = () => q('%(ready)s') && q('%(connected)s');
async function settle(started, condition, timeoutMs, quietMs = 300) {
  let changed = true;
  const observer = new MutationObserver(() => { changed = true; });
  observer.observe(document, {attributes: true, childList: true, subtree: true, characterData: true});
  let paintedAt = null, quietSince = null;
  try {
    while (performance.now() - started < timeoutMs) {
      const now = await frame();
      if (changed) { changed = false; paintedAt = performance.now(); quietSince = null; }
      const result = condition();
      if (result === 'stop') return {status: 'stopped'};
      if (!result) { quietSince = null; continue; }
      quietSince = quietSince ?? performance.now();
      if (performance.now() - quietSince >= quietMs) return {status: 'done', ms: paintedAt - started};
    }
    return {status: 'timeout'};
  } finally { observer.disconnect(); }
}
""" % {"ready": READY, "connected": CONNECTED}

# Click Continue and time it to the next step painted, all inside the page, so neither
# Playwright's round trips nor Python's scheduling are counted.
CLICK_AND_TIME = "async ({label, timeoutMs}) => {" + SETTLE + """
  const button = [...document.querySelectorAll('button')].find((b) => b.innerText.trim() === label);
  if (!button) return {status: 'no-button'};
  const before = location.pathname;
  let sawRunning = false, stillSince = null, stayed = false;
  const started = performance.now();
  button.click();
  const result = await settle(started, () => {
    if (q('[data-test-script-state="running"]')) { sawRunning = true; stillSince = null; }
    if (!isReady()) return false;
    if (location.pathname !== before) return q('h1') && !q('[data-stale="true"]');
    // Still on the same step once the run is over and nothing moves: an error summary.
    if (sawRunning) {
      stillSince = stillSince ?? performance.now();
      if (performance.now() - stillSince > 1500) { stayed = true; return 'stop'; }
    }
    return false;
  }, timeoutMs);
  if (stayed) return {status: 'stayed', path: location.pathname};
  return {status: result.status === 'done' ? 'moved' : result.status, ms: result.ms, path: location.pathname};
}
"""

# The page painted and quiet (for the cold start, and before answering a step's questions).
PAINTED = "async ({timeoutMs, since}) => {" + SETTLE + """
  const started = since ?? performance.now();
  return await settle(started, () => isReady() && q('h1') && !q('[data-stale="true"]'), timeoutMs);
}
"""


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    started: float  # time.perf_counter() just before the process was started
    healthy: float | None = None
    log_path: Path | None = None

    @property
    def pid(self) -> int:
        return self.process.pid


def start_server(
    port: int | None = None, extra_args: list[str] | None = None, env: dict[str, str] | None = None
) -> Server:
    """Start `streamlit run app.py` on loopback and wait for /_stcore/health to answer."""
    port = port or free_port()
    log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"planner-bench-{port}.log"
    log = open(log_path, "w")
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false",
        *(extra_args or []),
    ]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
    server = Server(process, f"http://127.0.0.1:{port}", started, log_path=log_path)
    deadline = started + 120
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the planner stopped while starting; see {log_path}")
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    server.healthy = time.perf_counter()
                    return server
        except OSError:
            time.sleep(0.01)
    stop_server(server)
    raise RuntimeError(f"the planner did not answer /_stcore/health; see {log_path}")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


async def launch(playwright):
    return await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


async def wait_ready(page) -> None:
    """Connected, the script finished, and nothing on the page changing for 300 ms."""
    await page.wait_for_selector(CONNECTED, state="attached", timeout=TIMEOUT_MS)
    await page.wait_for_timeout(100)
    result = await page.evaluate(PAINTED, {"timeoutMs": TIMEOUT_MS, "since": None})
    if result["status"] != "done":
        raise TimeoutError("the page did not settle")


@dataclass
class Words:
    """The few words the walker needs, read from content so a council's wording works."""

    continue_label: str = "Continue"
    optional: str = "(optional)"
    loaded: str = ""  # the notice after a saved plan is loaded


def words_from_content(content) -> Words:
    def plain(wording) -> str:
        if isinstance(wording, str):
            return wording
        return getattr(wording, "self", None) or (wording.get("self", "") if isinstance(wording, dict) else "")

    text = content.service.text
    loaded = plain(content.save.text.get("resume_done", "")) if getattr(content, "save", None) else ""
    return Words(plain(text["continue"]), plain(text["optional"]), loaded)


async def answer_required(page, words: Words) -> None:
    """Answer every question on screen that is not marked optional and has no answer yet.

    Used only when Continue showed errors; not timed (it stands for the person reading and
    typing). Choices get their first option, text boxes a short answer.
    """
    radios = page.locator('[data-testid="stRadio"]')
    for index in range(await radios.count()):
        group = radios.nth(index)
        if not await group.is_visible():
            continue
        label = await group.locator('[data-testid="stWidgetLabel"]').first.inner_text()
        if words.optional in label or await group.locator("input:checked").count():
            continue
        await group.locator('[data-testid="stRadioOption"]').first.click()
        await wait_ready(page)
    boxes = page.locator('[data-testid="stTextInput"], [data-testid="stTextArea"]')
    for index in range(await boxes.count()):
        box = boxes.nth(index)
        if not await box.is_visible():
            continue
        label = await box.locator('[data-testid="stWidgetLabel"]').first.inner_text()
        entry = box.locator("input, textarea").first
        if words.optional in label or await entry.input_value():
            continue
        await entry.fill("Benchmark answer")
        await entry.press("Tab")
        await wait_ready(page)


@dataclass
class Walk:
    clicks_ms: list[float] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    by_step: dict[str, list[float]] = field(default_factory=dict)
    errors_shown: int = 0
    loaded_plan: bool = False
    problem: str | None = None


async def load_saved_plan(page, save_file: Path, words: Words | None = None) -> bool:
    """Load the full plan through Start's 'Continue a saved plan', as a returning person would.

    Waits as long as a click may take: with 20 or 30 fresh browsers starting on two cores the
    Start page can take well over ten seconds to draw, and a walk that gave up on the upload
    then typed its way round instead, which is a different journey (seen with 16 and 20).
    """
    uploader = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    await uploader.first.wait_for(state="attached", timeout=TIMEOUT_MS)
    await uploader.first.set_input_files(str(save_file))
    # Wait for the "saved plan loaded" notice itself: under load the quiet-page check alone can
    # pass before the upload's rerun, and a Continue clicked then is lost (seen with 10 and 30).
    notice = page.locator('[data-testid="stAlert"]')
    if words and words.loaded:
        notice = notice.filter(has_text=words.loaded)
    await notice.first.wait_for(state="attached", timeout=TIMEOUT_MS)
    await wait_ready(page)
    return True


async def walk_journey(
    page, url: str, words: Words, think_s: float = 0.0, save_file: Path | None = None
) -> Walk:
    """Open the planner (loading the full plan when given) and click Continue on every step."""
    walk = Walk()
    try:
        await page.goto(url, timeout=TIMEOUT_MS)
        await wait_ready(page)
        if save_file is not None:
            walk.loaded_plan = await load_saved_plan(page, save_file, words)
        walk.steps.append(await page.evaluate("location.pathname"))
        for _ in range(30):
            if await page.locator("button", has_text=words.continue_label).count() == 0:
                if len(walk.steps) == 1:
                    walk.problem = f"no {words.continue_label} button on the first step"
                break  # the last step has no Continue
            if think_s:
                await asyncio.sleep(random.uniform(0.5 * think_s, 1.5 * think_s))
            outcome = await page.evaluate(CLICK_AND_TIME, {"label": words.continue_label, "timeoutMs": TIMEOUT_MS})
            if outcome["status"] == "stayed":
                # The step asks for something first (the error summary says what): answer it.
                walk.errors_shown += 1
                await answer_required(page, words)
                outcome = await page.evaluate(CLICK_AND_TIME, {"label": words.continue_label, "timeoutMs": TIMEOUT_MS})
            if outcome["status"] == "moved":
                walk.clicks_ms.append(outcome["ms"])
                walk.by_step.setdefault(outcome["path"], []).append(outcome["ms"])
                walk.steps.append(outcome["path"])
                await wait_ready(page)
            elif outcome["status"] == "no-button":
                break
            else:
                walk.problem = f"Continue {outcome['status']} on {outcome.get('path')}"
                break
    except Exception as error:  # noqa: BLE001 - a failed walk is reported, not fatal
        walk.problem = f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"
    return walk


WALK_LIMIT_S = 600


async def bounded_walk(page, url: str, words: Words, think_s: float, save_file: Path | None) -> Walk:
    """A walk that gives up after ten minutes, so one stuck session cannot stop the run."""
    try:
        return await asyncio.wait_for(walk_journey(page, url, words, think_s, save_file), WALK_LIMIT_S)
    except asyncio.TimeoutError:
        return Walk(problem=f"the walk took longer than {WALK_LIMIT_S} s")


async def measure_cold_start(runs: int) -> dict:
    from playwright.async_api import async_playwright

    health, painted, page_load = [], [], []
    async with async_playwright() as p:
        browser = await launch(p)
        for _ in range(runs):
            context = await browser.new_context(viewport={"width": 1280, "height": 900})
            page = await context.new_page()
            await page.goto("about:blank")
            server = await asyncio.to_thread(start_server)
            try:
                health.append((server.healthy - server.started) * 1000)
                asked = time.perf_counter()
                await page.goto(server.url, wait_until="commit", timeout=TIMEOUT_MS)
                # Timed from the navigation's start in the page's own clock (0 = navigation).
                result = await page.evaluate(PAINTED, {"timeoutMs": TIMEOUT_MS, "since": 0})
                if result["status"] != "done":
                    raise RuntimeError("the first step was never painted")
                # The page's clock starts at its navigation, a moment after `asked`.
                page_load.append(result["ms"])
                painted.append((asked - server.started) * 1000 + result["ms"])
            finally:
                await context.close()
                await asyncio.to_thread(stop_server, server)
        await browser.close()
    return {
        "unit": "ms",
        "runs": runs,
        "start_to_health": summarise(health),
        "start_to_first_step_painted": summarise(painted),
        "open_to_first_step_painted": summarise(page_load),
    }


async def measure_clicks(url: str, words: Words, walks: int, save_file: Path | None = None) -> dict:
    """One person at a time, walking the journey `walks` times (a fresh session each)."""
    from playwright.async_api import async_playwright

    clicks: list[float] = []
    problems, steps = [], []
    loaded = False
    by_step: dict[str, list[float]] = {}
    async with async_playwright() as p:
        browser = await launch(p)
        # The first person after a restart also pays for imports made on first use (altair,
        # pandas, fonts): that belongs to the cold start, so walk once before measuring.
        warm = await browser.new_context()
        await walk_journey(await warm.new_page(), url, words, save_file=save_file)
        await warm.close()
        for _ in range(walks):
            context = await browser.new_context(viewport={"width": 1280, "height": 900})
            walk = await walk_journey(await context.new_page(), url, words, save_file=save_file)
            clicks += walk.clicks_ms
            loaded = walk.loaded_plan
            for path, times in walk.by_step.items():
                by_step.setdefault(path, []).extend(times)
            steps = walk.steps
            if walk.problem:
                problems.append(walk.problem)
            await context.close()
        await browser.close()
    return {
        "unit": "ms", "walks": walks, "full_plan_loaded": loaded, "click_to_painted": summarise(clicks),
        "to_step": {path: summarise(times) for path, times in by_step.items()},
        "steps": steps, "problems": problems,
    }


async def measure_concurrency(
    url: str, words: Words, sessions: int, pids: list[int], think_s: float,
    save_file: Path | None = None, warm_urls: list[str] | None = None,
) -> dict:
    """`sessions` people at once; memory is the servers' RSS before and after, per session."""
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await launch(p)
        # Two walks on each instance first, so imports, font tables and caches made on first
        # use are not counted as sessions (seen: the second walk still grew the process by
        # 60 MB, later ones by 1-4 MB). Behind a proxy each instance is warmed directly.
        for warm_url in warm_urls or [url]:
            for _ in range(WARM_WALKS):
                warm = await browser.new_context()
                await walk_journey(await warm.new_page(), warm_url, words, save_file=save_file)
                await warm.close()
        await asyncio.sleep(1)
        before = sum(rss_kib(pid) or 0 for pid in pids)
        cpu_before = sum(cpu_seconds(pid) or 0 for pid in pids)
        contexts = [await browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(sessions)]
        pages = [await c.new_page() for c in contexts]
        started = time.perf_counter()
        walks = await asyncio.gather(*(bounded_walk(pg, url, words, think_s, save_file) for pg in pages))
        elapsed = time.perf_counter() - started
        cpu_used = sum(cpu_seconds(pid) or 0 for pid in pids) - cpu_before
        await asyncio.sleep(1)
        after = sum(rss_kib(pid) or 0 for pid in pids)  # sessions still open
        for context in contexts:
            await context.close()
        await browser.close()
    clicks = [ms for w in walks for ms in w.clicks_ms]
    by_step: dict[str, list[float]] = {}
    for w in walks:
        for path, times in w.by_step.items():
            by_step.setdefault(path, []).extend(times)
    problems = [w.problem for w in walks if w.problem]
    return {
        "unit": "ms",
        "sessions": sessions,
        "think_time_s": think_s,
        "click_to_painted": summarise(clicks),
        "to_step": {path: summarise(times) for path, times in by_step.items()},
        "completed_walks": sum(1 for w in walks if not w.problem),
        "full_plan_loaded": sum(1 for w in walks if w.loaded_plan),
        "steps_per_walk": max((len(w.steps) for w in walks), default=0),
        "wall_time_s": elapsed,
        "server_rss_before_mib": before / 1024,
        "server_rss_after_mib": after / 1024,
        "memory_per_session_mib": (after - before) / 1024 / sessions,
        # The servers' own CPU time per click (load, upload and every Continue), whatever the
        # browsers on the same cores are doing: what a click costs a server, so how many
        # people a core can serve at a given pace.
        "server_cpu_s": cpu_used,
        "server_cpu_ms_per_click": cpu_used * 1000 / max(1, len(clicks)),
        "problems": problems[:5],
    }
