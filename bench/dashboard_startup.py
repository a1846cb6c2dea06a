"""How fast the dashboard shows the seed corpus: server start to first page, and page switches.

Run: .venv/bin/python bench/dashboard_startup.py [--runs 3]
Starts `streamlit run dashboard/app.py` on a free port, opens it in Debian's headless Chromium
(Playwright with executable_path; never a downloaded browser) and times, per run:
  first_page_s   server process start -> the Sources page lists the seed corpus
  overview_cold_s  click Overview -> table shown (first audit, claim model loaded)
  overview_warm_s  back to Sources and to Overview again (audit reused from the store)
  detail_s       Overview -> Source detail with highlights
  hello_world_s  the same server start for a one-line Streamlit app: the floor set by Streamlit itself
Results are printed and written to bench/results/dashboard-startup.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def free_port() -> int:
    """A free TCP port on localhost."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(script: Path) -> tuple[subprocess.Popen, str, float]:
    """Start `streamlit run script` on a free port; the process, its address and the start time."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
           "--server.headless", "true", "--server.fileWatcherType", "none"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return proc, f"http://127.0.0.1:{port}/", t0


def open_when_up(page: Page, url: str, t0: float) -> None:
    """Load the address as soon as the server listens."""
    while True:
        try:
            page.goto(url, wait_until="domcontentloaded", timeout=2000)
            return
        except Exception:  # server not listening yet
            if time.perf_counter() - t0 > 60:
                raise
            time.sleep(0.05)


def hello_world(browser: Browser, tmp: Path) -> float:
    """Seconds from server start to the text of a one-line Streamlit app."""
    script = tmp / "hello.py"
    script.write_text('import streamlit as st\nst.title("Sources to audit (5)")\n', encoding="utf-8")
    proc, url, t0 = serve(script)
    try:
        page = browser.new_page()
        open_when_up(page, url, t0)
        page.get_by_text("Sources to audit (5)").wait_for(timeout=60_000)
        seconds = time.perf_counter() - t0
        page.close()
        return seconds
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def one_run(browser: Browser) -> dict[str, float]:
    """Start a fresh server and time the first page and a few page switches."""
    proc, url, t0 = serve(ROOT / "dashboard" / "app.py")
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 1600})
        open_when_up(page, url, t0)
        page.get_by_text("Sources to audit (5)").wait_for(timeout=60_000)
        first = time.perf_counter() - t0

        def switch(title: str, expect: str) -> float:
            t = time.perf_counter()
            page.locator('[data-testid="stSidebarNav"] a', has_text=title).first.click()
            page.get_by_text(expect).first.wait_for(timeout=300_000)
            page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=300_000)
            return time.perf_counter() - t

        cold = switch("Overview", "At a glance")
        switch("Sources", "Sources to audit (5)")
        warm = switch("Overview", "At a glance")
        detail = switch("Source detail", "Findings shown")
        page.close()
        return {"first_page_s": first, "overview_cold_s": cold, "overview_warm_s": warm, "detail_s": detail}
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def main() -> None:
    """Run the benchmark and write the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        with tempfile.TemporaryDirectory() as tmp:
            for _ in range(args.runs):
                runs.append({**one_run(browser), "hello_world_s": hello_world(browser, Path(tmp))})
                print(json.dumps({k: round(v, 2) for k, v in runs[-1].items()}))
        browser.close()
    summary = {k: round(statistics.median(r[k] for r in runs), 2) for k in runs[0]}
    out = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version()}, "runs": runs,
           "median": summary}
    target = ROOT / "bench" / "results" / "dashboard-startup.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print("median:", json.dumps(summary))


if __name__ == "__main__":
    main()
