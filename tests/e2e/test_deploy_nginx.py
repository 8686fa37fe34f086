"""Two planner instances behind the nginx configuration in deploy/, driven through nginx.

Checks what the configuration promises: security headers that Streamlit works under,
sticky sessions, websockets, uploads and downloads through the proxy, metrics kept private.
"""
from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from benchmarks.fixture import load_walk_plan, write_save_file
from deploy.render_nginx import max_upload_mb
from deploy.two_instances import instances_by_route, running_stack
from logic.content import load_content
from tests.e2e.conftest import wait_ready

CSP_WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber + ' ' + (e.sample || ''));
});
"""


@pytest.fixture(scope="module")
def stack():
    with running_stack(instances=2) as (url, servers, folder):
        yield {"url": url, "servers": servers, "routes": folder / "routes.log"}


def fetch(url: str, cookie: str | None = None, method: str = "GET", data: bytes | None = None):
    request = urllib.request.Request(url, method=method, data=data)
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        with urllib.request.urlopen(request, timeout=20) as reply:
            return reply.status, reply.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def test_nginx_sends_security_headers_and_keeps_metrics_private(stack):
    status, headers = fetch(stack["url"] + "/")
    assert status == 200
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'self'" in csp and "object-src 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "planner_route=" in headers["Set-Cookie"] and "HttpOnly" in headers["Set-Cookie"]
    assert fetch(stack["url"] + "/_stcore/health")[0] == 200
    assert fetch(stack["url"] + "/_stcore/metrics")[0] == 404
    assert fetch(stack["url"] + "/_stcore/agent/openapi.json")[0] == 404


def test_an_upload_bigger_than_the_planner_accepts_is_refused_by_nginx(stack):
    too_big = b"x" * ((max_upload_mb() + 2) * 1024 * 1024)
    status, _ = fetch(stack["url"] + "/_stcore/upload_file/session/file", method="PUT", data=too_big)
    assert status == 413


def test_each_browser_stays_on_one_instance_and_both_instances_take_people(stack):
    for number in range(24):
        fetch(stack["url"] + "/", cookie=f"planner_route=person-{number}")
        fetch(stack["url"] + "/_stcore/health", cookie=f"planner_route=person-{number}")
        fetch(stack["url"] + "/_stcore/host-config", cookie=f"planner_route=person-{number}")
    routes = {r: i for r, i in instances_by_route(stack["routes"]).items() if r.startswith("person-")}
    assert len(routes) == 24
    assert all(len(instances) == 1 for instances in routes.values())
    assert len({next(iter(i)) for i in routes.values()}) == 2


def test_a_whole_journey_through_nginx_breaks_no_content_security_rule(stack, browser, tmp_path):
    content = load_content()
    plan, _ = load_walk_plan(content)
    save_file = write_save_file(plan, tmp_path)
    continue_label = content.service.text["continue"]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    blocked = []
    page.on("console", lambda m: "Content Security Policy" in m.text and blocked.append(m.text))
    page.goto(stack["url"])
    wait_ready(page)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(save_file))
    # Function form: a string expression would need eval, which the policy rightly forbids.
    page.wait_for_function("() => document.querySelector('[data-testid=\"stAlert\"]') !== null", timeout=20000)
    wait_ready(page)
    visited = [page.evaluate("location.pathname")]
    for _ in range(15):
        button = page.get_by_role("button", name=continue_label, exact=True)
        if not button.count():
            break
        button.click()
        page.wait_for_function("(before) => location.pathname !== before", arg=visited[-1], timeout=30000)
        wait_ready(page)
        visited.append(page.evaluate("location.pathname"))
    assert len(visited) >= 9, visited  # every step, Start to the draft plan
    download = page.get_by_role("button", name="Download", exact=False).first
    with page.expect_download(timeout=60000) as caught:
        download.click()
    assert open(caught.value.path(), "rb").read(5) == b"%PDF-"
    violations = page.evaluate("window.__csp")
    assert violations == [], sorted(set(violations))
    assert blocked == []
    context.close()


def test_streamlits_own_files_come_from_nginx_compressed_typed_and_cacheable(stack):
    import re

    index = urllib.request.urlopen(stack["url"] + "/", timeout=20).read().decode()
    script = re.search(r'src="\.?/?(static/js/[^"]+\.js)"', index).group(1)
    request = urllib.request.Request(f"{stack['url']}/{script}", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=20) as reply:
        assert reply.status == 200
        assert reply.headers["Content-Type"] == "application/javascript"
        assert reply.headers["Content-Encoding"] == "gzip"
        assert "max-age=604800" in reply.headers["Cache-Control"]  # nginx's "expires 7d", not Streamlit's
        assert reply.headers["X-Content-Type-Options"] == "nosniff"  # the server's headers still apply
    assert fetch(stack["url"] + "/static/../../app.py")[0] in (400, 403, 404)
