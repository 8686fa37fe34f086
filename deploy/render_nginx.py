"""Write the nginx configuration for the planner from deploy/nginx/planner.conf.template.

The upload limit is read from .streamlit/config.toml, so nginx and the planner agree;
the inline-script hash is read from the installed Streamlit, so the CSP matches it.
Run ``python deploy/render_nginx.py --help``.
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "nginx" / "planner.conf.template"
STREAMLIT_CONFIG = ROOT / ".streamlit" / "config.toml"
STREAMLIT_DEFAULT_UPLOAD_MB = 200
FORM_MARGIN_MB = 1


def max_upload_mb(config: Path = STREAMLIT_CONFIG) -> int:
    """server.maxUploadSize from the planner's Streamlit settings (Streamlit's default if unset)."""
    try:
        settings = tomllib.loads(config.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return STREAMLIT_DEFAULT_UPLOAD_MB
    return int(settings.get("server", {}).get("maxUploadSize", STREAMLIT_DEFAULT_UPLOAD_MB))


def _scripts(html: str) -> list[str]:
    return re.findall(r"<script>(.*?)</script>", html, re.S)


def inline_scripts() -> list[str]:
    """Every inline script a browser runs: Streamlit's page shell and the planner's own
    (ui/a11y.py's focus and language script, one text per focus target)."""
    import streamlit

    index = Path(streamlit.__file__).parent / "static" / "index.html"
    scripts = _scripts(index.read_text(encoding="utf-8"))
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    try:
        from ui import a11y
    except ImportError:
        return scripts
    for target in getattr(a11y, "FOCUS_TARGETS", ()):
        scripts += _scripts(a11y.page_script(target))
    return scripts


def inline_script_hashes() -> list[str]:
    """CSP hashes ('sha256-...') of the inline scripts, so no other inline script can run."""
    hashes = ["sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in inline_scripts()]
    return list(dict.fromkeys(hashes))


def streamlit_static_dir() -> Path:
    """The installed Streamlit's front-end files (every instance must run this same version)."""
    import streamlit

    return Path(streamlit.__file__).resolve().parent / "static"


def render(instances: list[str], listen: str = "80", server_name: str = "_") -> str:
    hashes = inline_script_hashes()
    upstreams = "\n".join(f"    server {address} max_fails=3 fail_timeout=10s;" for address in instances)
    values = {
        "UPSTREAM_SERVERS": upstreams,
        "LISTEN": listen,
        "SERVER_NAME": server_name,
        "MAX_BODY": f"{max_upload_mb() + FORM_MARGIN_MB}m",
        "INLINE_SCRIPT_HASHES": "".join(f" '{h}'" for h in hashes),
        "STREAMLIT_STATIC": str(streamlit_static_dir()),
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    left = re.findall(r"\{\{\w+\}\}", text)
    if left:
        raise ValueError(f"template placeholders not filled: {left}")
    return text


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instance", action="append", required=True,
                        help="host:port of a planner instance (repeat for each)")
    parser.add_argument("--listen", default="80", help="nginx listen directive value (default 80)")
    parser.add_argument("--server-name", default="_", help="nginx server_name (default _)")
    args = parser.parse_args(argv)
    sys.stdout.write(render(args.instance, args.listen, args.server_name))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
