"""The nginx configuration rendered from deploy/ agrees with the planner's own settings."""
import re
import shutil
import subprocess

import pytest

from deploy.render_nginx import inline_scripts, max_upload_mb, render


@pytest.fixture(scope="module")
def config() -> str:
    return render(["127.0.0.1:8501", "127.0.0.1:8502"], listen="127.0.0.1:8080")


def test_nginx_refuses_uploads_only_above_the_planners_own_limit(config):
    limit = max_upload_mb()
    assert f"client_max_body_size {limit + 1}m;" in config
    # Uploads stay in memory: the body buffer is as large as the biggest upload allowed.
    assert f"client_body_buffer_size {limit + 1}m;" in config
    assert "proxy_max_temp_file_size 0;" in config


def test_every_instance_is_an_upstream_with_sticky_hashing(config):
    assert "hash $planner_route consistent;" in config
    assert len(re.findall(r"server 127\.0\.0\.1:850[12] max_fails", config)) == 2


def test_the_content_security_policy_lists_a_hash_for_every_inline_script(config):
    policy = re.search(r'Content-Security-Policy "([^"]+)"', config).group(1)
    assert len(inline_scripts()) >= 2  # Streamlit's shell and the planner's focus script
    assert policy.count("'sha256-") >= len(set(inline_scripts()))
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert "'unsafe-eval'" not in policy


def test_metrics_are_blocked(config):
    assert "location = /_stcore/metrics { return 404; }" in config


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx-light is installed by scripts/test")
def test_nginx_accepts_the_configuration(config, tmp_path):
    (tmp_path / "planner.conf").write_text(config)
    main = tmp_path / "nginx.conf"
    main.write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log; events {{}}\n"
        f"http {{ access_log off; include {tmp_path}/planner.conf; }}\n"
    )
    result = subprocess.run(["nginx", "-t", "-p", str(tmp_path), "-c", str(main)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
