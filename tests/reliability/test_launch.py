"""The dashboard starts with its own settings from any folder, on localhost unless told otherwise."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from dashboard import launch
from tests.servers import free_port, wait_until_healthy

ROOT = Path(__file__).resolve().parents[2]


def test_the_command_carries_the_project_settings_and_binds_to_localhost() -> None:
    cmd = launch.command()
    pairs = dict(zip(cmd[5::2], cmd[6::2], strict=False))
    assert pairs["--server.address"] == "127.0.0.1"
    assert pairs["--server.maxUploadSize"] == "10"
    assert pairs["--browser.gatherUsageStats"] == "false"
    assert cmd[4] == str(ROOT / "dashboard" / "app.py")
    assert dict(zip(launch.command("0.0.0.0", 9000)[5::2], launch.command("0.0.0.0", 9000)[6::2],
                    strict=False))["--server.address"] == "0.0.0.0"


def test_make_run_uses_the_launcher_with_a_localhost_default() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "HOST ?= 127.0.0.1" in makefile and "-m dashboard.launch --host $(HOST)" in makefile


@pytest.mark.slow
def test_started_from_another_folder_it_listens_on_localhost_with_its_limits(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)}
    proc = subprocess.Popen([sys.executable, str(ROOT / "dashboard" / "launch.py"), "--port", str(port)],
                            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        if not wait_until_healthy(f"http://127.0.0.1:{port}", tries=150):
            pytest.fail("the dashboard did not start")
        listening = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True).stdout
        local = [line.split()[3] for line in listening.splitlines() if line.strip()]
        if local:  # ss is part of iproute2; the check is skipped where it is missing
            assert local == [f"127.0.0.1:{port}"]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/host-config", timeout=5) as r:
            host_config = r.read().decode()
        if "maxUploadSize" in host_config:
            assert '"maxUploadSize":10' in host_config.replace(" ", "")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
