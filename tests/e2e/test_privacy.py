"""Privacy guarantees, each a test, against `streamlit run app.py` in Debian's Chromium.

One full journey (answer steps, save, a refused upload, resume, Finish and clear) runs
against a server traced by strace, with every proxy variable pointing at a closed port and its
own TMPDIR. Then: no file written outside that temp dir and none of the answers on disk; no
answers in the server's log; no outbound connection by the server or the page; nothing of
the answers left in the page after clearing, even after the back button. Two browsers at
once never see each other's answers. A plan saved in one browser resumes in another.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlparse

import pytest

from logic.content import load_content
from tests.e2e.conftest import ROOT, free_port, wait_ready

CONTENT = load_content()
# Markers made at run time, so they are in no file until the planner (wrongly) writes them.
TOKEN = uuid.uuid4().hex[:10]
NAME = f"Ottoline Marchbanks {TOKEN}"
ANSWER = f"Rowing on the canal with my nephew {TOKEN[::-1]}"
DEAD_PROXY = "http://127.0.0.1:9"  # the discard port: nothing listens, so any use fails
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
TRACED_CALLS = (
    "open,openat,openat2,creat,rename,renameat,renameat2,link,linkat,symlink,symlinkat,"
    "unlink,unlinkat,mkdir,mkdirat,truncate,connect"
)
WRITE_FLAGS = ("O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_APPEND")
PATH_CALLS = ("creat", "rename", "renameat", "renameat2", "link", "linkat", "symlink",
              "symlinkat", "unlink", "unlinkat", "mkdir", "mkdirat", "truncate")


def save_words(key: str) -> str:
    return CONTENT.save.text[key]


def settle(page) -> None:
    wait_ready(page)
    page.wait_for_timeout(200)
    wait_ready(page)


def type_into(page, label: str, text: str) -> None:
    box = page.get_by_label(label).first
    box.fill(text)
    box.press("Tab")
    settle(page)


def go_to(page, step_title: str) -> None:
    page.get_by_role("link", name=step_title).first.click()
    settle(page)


def answer_start_and_about(page, name: str, answer: str) -> None:
    page.get_by_text("For myself", exact=True).first.click()
    settle(page)
    type_into(page, "Your name", name)
    go_to(page, "About you")
    type_into(page, "What matters to you?", answer)


def save_progress(page, folder: Path) -> Path:
    with page.expect_download() as download:
        page.get_by_role("button", name=save_words("save_button")).click()
    path = folder / download.value.suggested_filename
    download.value.save_as(path)
    settle(page)
    return path


def upload(page, path: Path) -> None:
    page.locator('input[type="file"]').first.set_input_files(str(path))
    settle(page)


def shown(page) -> str:
    """Everything in the page: the HTML, and the values typed into boxes."""
    values = page.evaluate("() => [...document.querySelectorAll('input, textarea')].map(e => e.value)")
    return page.content() + "\n".join(values)


def start_traced_server(folder: Path):
    if shutil.which("strace") is None:
        pytest.fail("strace is needed for this test (scripts/test installs it with apt-get)")
    server_tmp = folder / "server-tmp"
    server_tmp.mkdir()
    trace, log_path = folder / "strace.txt", folder / "server.log"
    port = free_port()
    proxies = {k: DEAD_PROXY for k in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy",
                                        "https_proxy", "all_proxy")}
    env = {**os.environ, **proxies, "NO_PROXY": "", "no_proxy": "", "TMPDIR": str(server_tmp),
           "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PLANNER_KIOSK", None)
    log = open(log_path, "w")
    process = subprocess.Popen(
        ["strace", "-f", "-qq", "-s", "512", "-e", f"trace={TRACED_CALLS}", "-o", str(trace),
         sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,  # strace and the planner in one group, stopped together
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as reply:
                if reply.status == 200:
                    return process, url, {"trace": trace, "log": log_path, "tmp": server_tmp}
        except OSError:
            time.sleep(0.3)
    stop_traced_server(process)
    raise RuntimeError(f"streamlit did not start under strace; see {log_path}")


def stop_traced_server(process) -> None:
    """Stop the planner and strace together: stopping strace alone detaches it and leaves
    the planner running after the tests."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@pytest.fixture(scope="module")
def journey(browser, tmp_path_factory):
    """A whole visit at home against the traced server; returns what it left behind."""
    folder = tmp_path_factory.mktemp("privacy")
    downloads = folder / "downloads"
    downloads.mkdir()
    process, url, evidence = start_traced_server(folder)
    requests: list[str] = []
    seen: dict[str, str] = {}
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        context.on("request", lambda request: requests.append(request.url))
        page = context.new_page()
        page.goto(url)
        settle(page)
        answer_start_and_about(page, NAME, ANSWER)
        saved = save_progress(page, downloads)  # saved on About you, so it resumes there
        seen["saved"] = saved.read_text(encoding="utf-8")
        for title in ("What you want to change", "Check your answers"):
            go_to(page, title)
        pdf = _download_draft_plan(page, downloads)
        go_to(page, "Start")
        not_a_plan = downloads / "shopping-list.json"
        not_a_plan.write_text(f"milk, eggs, {TOKEN}", encoding="utf-8")
        upload(page, not_a_plan)
        seen["refusal"] = page.inner_text("body")
        upload(page, saved)
        seen["resumed"] = shown(page)
        if pdf is not None:  # read in a child process, which is traced too
            go_to(page, "Start")
            upload(page, pdf)
            seen["resumed_pdf"] = page.inner_text("body")
        go_to(page, "Your draft plan")
        page.get_by_role("button", name=save_words("finish_button")).click()
        settle(page)
        page.get_by_role("button", name=save_words("finish_yes")).click()
        settle(page)
        seen["cleared"] = shown(page)
        for back in ("back_1", "back_2", "back_3"):
            page.go_back()
            settle(page)
            seen[back] = shown(page)
        context.close()
    finally:
        stop_traced_server(process)
    evidence.update(requests=requests, seen=seen)
    yield evidence


def test_the_journey_really_saved_refused_resumed_and_cleared(journey):
    seen = journey["seen"]
    assert NAME in seen["saved"] and ANSWER in seen["saved"]
    assert CONTENT.save.refusals["wrong_type"] in seen["refusal"]
    assert ANSWER in seen["resumed"]
    assert save_words("resume_done") in seen.get("resumed_pdf", save_words("resume_done"))
    assert save_words("finish_done") in seen["cleared"]


def _written_paths(trace: Path) -> list[str]:
    """Paths the server (or any child) opened for writing, created, renamed or removed."""
    paths = []
    for line in trace.read_text(errors="replace").splitlines():
        if re.search(r"= -1 E", line):
            continue
        call = re.match(r"^\d+\s+(\w+)\(", line)
        quoted = re.findall(r'"((?:[^"\\]|\\.)*)"', line)
        if not call or not quoted:
            continue
        name = call.group(1)
        if name.startswith("open") and any(flag in line for flag in WRITE_FLAGS):
            paths.append(quoted[0])
        elif name in PATH_CALLS:
            paths.extend(quoted)
    return paths


def test_a_full_journey_writes_no_file_outside_the_temp_dir(journey):
    allowed = (str(journey["tmp"]), "/dev/", "/proc/")
    written = [p for p in _written_paths(journey["trace"]) if not p.startswith(allowed)]
    assert written == []


def test_a_full_journey_leaves_none_of_the_answers_on_the_servers_disk(journey):
    places = [journey["tmp"], ROOT, Path.home() / ".streamlit"]
    skip = {".git", "__pycache__", "screenshots", ".venv", "node_modules"}
    found = []
    for place in places:
        if not place.exists():
            continue
        for path in place.rglob("*"):
            if set(path.parts) & skip or not path.is_file() or path.stat().st_size > 20_000_000:
                continue
            data = path.read_bytes()
            if TOKEN.encode() in data or TOKEN[::-1].encode() in data:
                found.append(str(path))
    assert found == []


def test_the_server_log_holds_none_of_the_answers(journey):
    log = journey["log"].read_text(errors="replace")
    assert "streamlit" in log.lower() or "You can now view" in log or log == ""
    assert TOKEN not in log and TOKEN[::-1] not in log


def _outbound(trace_text: str) -> list[str]:
    """connect() calls to anything but this machine."""
    outbound = []
    for line in trace_text.splitlines():
        if not re.match(r"^\d+\s+connect\(", line):
            continue
        if "AF_UNIX" in line or "AF_NETLINK" in line or "AF_UNSPEC" in line:
            continue
        if 'inet_addr("127.0.0.1")' in line or 'inet_pton(AF_INET6, "::1"' in line:
            continue
        outbound.append(line)
    return outbound


def test_the_trace_readers_notice_writes_and_connections_they_must_refuse():
    sample = "\n".join([
        '101 openat(AT_FDCWD, "/srv/app/answers.txt", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0666) = 7',
        '101 openat(AT_FDCWD, "/srv/app/app.py", O_RDONLY|O_CLOEXEC) = 8',
        '102 rename("/tmp/x/a", "/var/lib/b") = 0',
        '103 openat(AT_FDCWD, "/nope", O_WRONLY|O_CREAT, 0666) = -1 EACCES (Permission denied)',
        '104 connect(9, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("142.250.1.1")}, 16) = -1 ECONNREFUSED',
        '104 connect(9, {sa_family=AF_INET, sin_port=htons(9), sin_addr=inet_addr("127.0.0.1")}, 16) = -1 ECONNREFUSED',
        '105 connect(3, {sa_family=AF_UNIX, sun_path="/run/nscd/socket"}, 110) = -1 ENOENT',
    ])
    trace = Path(os.environ.get("TMPDIR", "/tmp")) / f"sample-trace-{TOKEN}.txt"
    trace.write_text(sample)
    try:
        assert _written_paths(trace) == ["/srv/app/answers.txt", "/tmp/x/a", "/var/lib/b"]
    finally:
        trace.unlink()
    assert len(_outbound(sample)) == 1 and "142.250.1.1" in _outbound(sample)[0]


def test_the_server_makes_no_outbound_connection(journey):
    assert _outbound(journey["trace"].read_text(errors="replace")) == []


def test_the_page_makes_no_request_to_any_other_host(journey):
    assert journey["requests"], "the page made no requests at all: the recorder is broken"
    elsewhere = [u for u in journey["requests"]
                 if urlparse(u).scheme not in ("data", "blob", "about")
                 and urlparse(u).hostname not in LOCAL_HOSTS]
    assert elsewhere == []


def test_after_finish_and_clear_the_answers_are_not_in_the_page(journey):
    cleared = journey["seen"]["cleared"]
    assert NAME not in cleared and ANSWER not in cleared


def test_the_back_button_does_not_bring_cleared_answers_back(journey):
    for back in ("back_1", "back_2", "back_3"):
        page = journey["seen"][back]
        assert NAME not in page and ANSWER not in page, back


def test_two_browsers_at_once_never_see_each_others_answers(browser, server):
    first = browser.new_context()
    second = browser.new_context()
    try:
        one, two = first.new_page(), second.new_page()
        for page in (one, two):
            page.goto(server["url"])
            settle(page)
        answer_start_and_about(one, f"Ada {TOKEN}", f"first {TOKEN}")
        answer_start_and_about(two, f"Bea {TOKEN[::-1]}", f"second {TOKEN[::-1]}")
        for page in (one, two):
            go_to(page, "Check your answers")
        assert f"first {TOKEN}" in shown(one) and TOKEN[::-1] not in shown(one)
        assert f"second {TOKEN[::-1]}" in shown(two) and f"Ada {TOKEN}" not in shown(two)
        one.reload()
        settle(one)
        assert TOKEN[::-1] not in shown(one)
    finally:
        first.close()
        second.close()


def test_a_plan_saved_in_one_browser_resumes_in_another(browser, server, tmp_path):
    home = browser.new_context(accept_downloads=True)
    library = browser.new_context()
    try:
        page = home.new_page()
        page.goto(server["url"])
        settle(page)
        answer_start_and_about(page, NAME, ANSWER)
        go_to(page, "Your support network")
        saved = save_progress(page, tmp_path)
        pdf = _download_draft_plan(page, tmp_path)
        # Each file resumes where it was made: the progress file on the support network
        # step, the PDF on the draft plan step.
        for file, where in [(saved, "/support-network")] + ([(pdf, "/draft-plan")] if pdf else []):
            other = library.new_page()
            other.goto(server["url"])
            settle(other)
            upload(other, file)
            assert save_words("resume_done") in other.inner_text("body"), file.name
            assert other.url.endswith(where), file.name
            go_to(other, "About you")
            assert ANSWER in shown(other), file.name
            other.close()
    finally:
        home.close()
        library.close()


def _download_draft_plan(page, folder: Path) -> Path | None:
    """The draft plan PDF from the last step, once that step offers one (issue 6)."""
    go_to(page, "Your draft plan")
    buttons = page.get_by_role("button", name=re.compile(r"download", re.I))
    candidates = [b for b in buttons.all() if b.inner_text().strip() != save_words("save_button")]
    if not candidates:
        return None
    with page.expect_download() as download:
        candidates[0].click()
    path = folder / download.value.suggested_filename
    download.value.save_as(path)
    settle(page)
    return path if path.suffix == ".pdf" else None


class CuttableProxy:
    """A TCP relay between the browser and the planner whose connections can be cut, as a
    lost signal would; new connections are relayed as before."""

    def __init__(self, target_port: int):
        import socket
        import threading

        self.target_port = target_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.open: list = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        import socket
        import threading

        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            with self.lock:
                self.open += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source, sink) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                try:
                    end.close()
                except OSError:
                    pass

    def cut(self) -> None:
        import socket

        with self.lock:
            ends, self.open = self.open, []
        for end in ends:
            try:
                end.shutdown(socket.SHUT_RDWR)
                end.close()
            except OSError:
                pass

    def close(self) -> None:
        self.cut()
        self.listener.close()


def test_a_dropped_connection_reconnects_to_the_same_answers(browser, server):
    proxy = CuttableProxy(urlparse(server["url"]).port)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{proxy.port}")
        settle(page)
        answer_start_and_about(page, NAME, ANSWER)
        proxy.cut()
        page.wait_for_selector('[data-test-connection-state]:not([data-test-connection-state="CONNECTED"])',
                               state="attached", timeout=30_000)
        settle(page)  # the page reconnects by itself
        assert page.get_by_label("What matters to you?").first.input_value() == ANSWER
        go_to(page, "Start")
        assert page.get_by_label("Your name").first.input_value() == NAME
    finally:
        context.close()
        proxy.close()


def test_a_refresh_starts_an_empty_session_as_the_start_page_says(page, server):
    assert save_words("privacy_home") in page.inner_text("body")
    answer_start_and_about(page, NAME, ANSWER)
    page.reload()
    settle(page)
    assert ANSWER not in shown(page)
    go_to(page, "Start")
    assert page.get_by_label("Your name").first.input_value() == ""
