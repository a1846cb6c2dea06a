"""Dashboard timing: first page visible after `streamlit run`, and switching pages when warm.

    python bench/dashboard_startup.py            # prints the figures, writes bench/results/dashboard-<utc>.json

Drives Debian's chromium through playwright (never `playwright install`). "Visible" means the
page's first heading is on screen and Streamlit's running indicator has gone.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
STATUS = '[data-testid="stStatusWidget"]'


def free_port() -> int:
    """A free TCP port on localhost."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url: str, timeout: float) -> float:
    """Seconds until the URL answers, polling every 50 ms."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return time.perf_counter() - t0
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


def settled(page: Any, timeout_ms: float) -> None:
    """Wait until the first heading is visible and Streamlit's running indicator is gone."""
    page.wait_for_selector("h1", state="visible", timeout=timeout_ms)
    page.wait_for_selector(STATUS, state="detached", timeout=timeout_ms)


def measure(timeout: float, rounds: int, app: Path = ROOT / "dashboard" / "app.py") -> dict[str, Any]:
    """Start the server, open the first page, then visit every page `rounds` times."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    cmd = [sys.executable, "-m", "streamlit", "run", str(app), "--server.headless", "true",
           "--server.port", str(port), "--browser.gatherUsageStats", "false"]
    t0 = time.perf_counter()
    server = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out: dict[str, Any] = {"started": datetime.now(UTC).isoformat(timespec="seconds"), "cores": os.cpu_count(),
                           "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}
    try:
        url = f"http://127.0.0.1:{port}/"
        out["server_answers_s"] = round(wait_for_http(url + "_stcore/health", timeout), 3)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 2000})
            page.goto(url)
            settled(page, timeout * 1000)
            out["first_page_visible_s"] = round(time.perf_counter() - t0, 3)
            links = page.locator('[data-testid="stSidebarNavLink"], [data-testid="stTopNavLink"]')
            names = [links.nth(i).inner_text() for i in range(links.count())]
            hrefs = [links.nth(i).get_attribute("href") or "" for i in range(len(names))]
            paths = [h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs]
            out["pages"] = names  # empty while the app has one page (Streamlit then shows no navigation)
            switches: list[dict[str, Any]] = []
            for r in range(rounds):
                for i, name in enumerate(names):
                    t1 = time.perf_counter()
                    links.nth(i).click()
                    # The new page's address, then its heading with nothing left running.
                    page.wait_for_url(lambda u, p=paths[i]: u.rstrip("/").endswith("/" + p), timeout=timeout * 1000)
                    settled(page, timeout * 1000)
                    switches.append({"round": r + 1, "page": name, "s": round(time.perf_counter() - t1, 3)})
            out["switches"] = switches
            warm = [s["s"] for s in switches if s["round"] > 1]
            out["warm_switch_max_s"] = max(warm) if warm else None
            browser.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    return out


def main(argv: list[str] | None = None) -> int:
    """Measure, print and store the dashboard figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait for the server and pages")
    parser.add_argument("--rounds", type=int, default=3, help="times to visit every page (round 1 is cold)")
    parser.add_argument("--app", type=Path, default=ROOT / "dashboard" / "app.py", help="the Streamlit app to start")
    parser.add_argument("-o", "--output", help="results file (default bench/results/dashboard-<utc>.json)")
    args = parser.parse_args(argv)
    if not shutil.which("chromium"):
        print("error: Debian's chromium is needed (apt-get install chromium)", file=sys.stderr)
        return 2
    result = measure(args.timeout, args.rounds, args.app)
    stamp = result["started"][:19].replace(":", "")
    out = Path(args.output) if args.output else RESULTS / f"dashboard-{stamp}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    print(f"results: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
