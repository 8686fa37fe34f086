"""Two planner instances behind nginx on this machine, and benchmark 6 run through them.

    python deploy/two_instances.py            # quick: 1 and 3 sessions at once
    python deploy/two_instances.py --full     # 1, 10 and 30 sessions at once
    python deploy/two_instances.py --keep     # leave it running to try in a browser

Everything listens on 127.0.0.1 only. Both instances get the same server.cookieSecret
(a fresh random one, passed in the environment, never on the command line). nginx runs
from a temporary folder that is removed afterwards; it logs only which instance served
which route (no addresses, no answers), to show that both instances took sessions.
"""
from __future__ import annotations

import argparse
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.browser import free_port, start_server, stop_server  # noqa: E402
from deploy.render_nginx import render  # noqa: E402

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MIME_TYPES = Path("/etc/nginx/mime.types")
SECURITY_HEADERS = (
    "Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy",
    "Permissions-Policy",
)

NGINX_MAIN = """
worker_processes 2;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
daemon off;
events {{ worker_connections 1024; }}
http {{
    {mime}
    default_type application/octet-stream;
    log_format routes '$upstream_addr $cookie_planner_route $uri';
    access_log {folder}/routes.log routes;
    include {folder}/planner.conf;
}}
"""


def nginx_config(folder: Path, listen_port: int, instances: list[str]) -> Path:
    (folder / "planner.conf").write_text(render(instances, listen=f"127.0.0.1:{listen_port}"))
    mime = f"include {MIME_TYPES};" if MIME_TYPES.exists() else ""
    main = folder / "nginx.conf"
    main.write_text(NGINX_MAIN.format(folder=folder, mime=mime))
    return main


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer")


def check_front_door(url: str) -> list[str]:
    """What a person's browser would meet: headers, health, and metrics kept private."""
    lines = []
    with urllib.request.urlopen(url + "/", timeout=10) as reply:
        missing = [h for h in SECURITY_HEADERS if not reply.headers.get(h)]
        cookie = reply.headers.get("Set-Cookie", "")
        lines.append(f"security headers: {'all present' if not missing else 'MISSING ' + ', '.join(missing)}")
        lines.append(f"sticky cookie set: {'yes' if 'planner_route=' in cookie else 'NO'}")
    with urllib.request.urlopen(url + "/_stcore/health", timeout=10) as reply:
        lines.append(f"/_stcore/health: {reply.status}")
    try:
        urllib.request.urlopen(url + "/_stcore/metrics", timeout=10)
        lines.append("/_stcore/metrics: OPEN (should be blocked)")
    except urllib.error.HTTPError as error:
        lines.append(f"/_stcore/metrics: {error.code} (blocked)")
    return lines


def instances_by_route(log: Path) -> dict[str, set[str]]:
    """Which instances served each sticky route (any request), from the nginx route log.

    Sticky sessions mean one instance per route."""
    instances: dict[str, set[str]] = defaultdict(set)
    if log.exists():
        for line in log.read_text().splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[1] != "-" and parts[0] != "-":
                instances[parts[1]].add(parts[0])
    return instances


@contextmanager
def running_stack(instances: int = 2):
    """Start the instances and nginx on loopback; yield (nginx url, servers, folder); stop all."""
    folder = Path(tempfile.mkdtemp(prefix="planner-nginx-"))
    env = {**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_urlsafe(32)}
    servers, proxy = [], None
    try:
        servers = [start_server(env=env) for _ in range(instances)]
        listen = free_port()
        config = nginx_config(folder, listen, [s.url.removeprefix("http://") for s in servers])
        subprocess.run([NGINX, "-t", "-q", "-p", str(folder), "-c", str(config)], check=True)
        proxy = subprocess.Popen([NGINX, "-p", str(folder), "-c", str(config)])
        url = f"http://127.0.0.1:{listen}"
        wait_for(url + "/_stcore/health")
        yield url, servers, folder
    finally:
        if proxy is not None:
            proxy.terminate()
            proxy.wait(timeout=15)
        for server in servers:
            stop_server(server)
        shutil.rmtree(folder, ignore_errors=True)


def sessions_per_instance(log: Path) -> dict[str, int]:
    """Distinct sticky routes that opened a websocket, per instance."""
    routes: dict[str, set[str]] = defaultdict(set)
    if log.exists():
        for line in log.read_text().splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[2] == "/_stcore/stream":
                routes[parts[0]].add(parts[1])
    return {instance: len(r) for instance, r in sorted(routes.items())}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Two planner instances behind nginx, and benchmark 6 through them.")
    parser.add_argument("--full", action="store_true", help="1, 10 and 30 sessions (default: quick, 1 and 3)")
    parser.add_argument("--sessions", help="session counts to run, e.g. 1,10,30")
    parser.add_argument("--think", default="1", help="seconds each session waits before a Continue (default 1)")
    parser.add_argument("--journey", default="typical", help="typical (default), stress or typed: see benchmarks/README.md")
    parser.add_argument("--keep", action="store_true", help="do not benchmark; keep running until Ctrl-C")
    args = parser.parse_args(argv)
    if not Path(NGINX).exists():
        print("nginx is not installed: apt-get install nginx-light", file=sys.stderr)
        return 2
    try:
        with running_stack() as (url, servers, folder):
            print(f"Two planner instances ({', '.join(s.url for s in servers)}) behind nginx at {url}")
            for line in check_front_door(url):
                print("  " + line)
            if args.keep:
                print("Running; press Ctrl-C to stop.")
                while True:
                    time.sleep(3600)
            command = [
                sys.executable, "-m", "benchmarks.run", "--parts", "concurrent", "--url", url,
                "--label", "nginx-two-instances", "--think", args.think, "--journey", args.journey,
                *(["--full"] if args.full else ["--quick"]),
                *(["--sessions", args.sessions] if args.sessions else []),
            ]
            for server in servers:
                command += ["--server-pid", str(server.pid), "--warm-url", server.url]
            result = subprocess.run(command, cwd=ROOT)
            print("Sessions per instance (websockets opened, by sticky route):")
            for instance, count in sessions_per_instance(folder / "routes.log").items():
                print(f"  {instance}: {count}")
            return result.returncode
    except KeyboardInterrupt:
        return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
