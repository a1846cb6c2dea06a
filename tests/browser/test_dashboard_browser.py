"""The dashboard in a real browser: Debian's Chromium driven by Playwright, every page visited.

Screenshots land in test-artifacts/screenshots/ (a tall viewport, because Streamlit scrolls
inside its own container and a full-page screenshot would show only the first screen).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
AUDIT_TIMEOUT_MS = 240_000  # the first audit loads the claim model; the machine may be busy with other tests
UPLOAD_TEXT = (
    "Therapy for worry: a short guide\n\n"
    "Talking therapy helps many people who worry a lot. You meet a trained therapist once a week. "
    "Together you look at the thoughts that keep the worry going. Studies show that most people feel better "
    "after a few months. Book your free consultation today and call us now! "
    "Our award-winning clinic guarantees results. "
    "Some people need more time, and that is normal. Ask your doctor if you are not sure where to start.\n"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """`streamlit run dashboard/app.py` on a free port, stopped after the tests."""
    if shutil.which("chromium") is None:
        pytest.skip("Debian's chromium is not installed (make system installs it)")
    port = _free_port()
    # The audit history goes to a private folder, never the user's own ~/.local/share.
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(tmp_path_factory.mktemp("xdg"))}
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard" / "app.py"), "--server.port", str(port),
           "--server.headless", "true", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("the dashboard server did not start")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def page(server: str):
    """A headless Chromium page with a tall viewport."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1400, "height": 2400})
        yield pg
        browser.close()


def _settle(pg, timeout: int = AUDIT_TIMEOUT_MS) -> None:
    """Wait until Streamlit has finished running the page."""
    pg.wait_for_timeout(300)
    pg.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=timeout)
    pg.wait_for_timeout(500)


def _open(pg, title: str, expect: str) -> None:
    """Click a page in the sidebar and wait until its expected text shows (the first audit takes a while)."""
    pg.locator('[data-testid="stSidebarNav"] a', has_text=title).first.click()
    pg.get_by_text(expect).first.wait_for(timeout=AUDIT_TIMEOUT_MS)
    _settle(pg)


def _shot(pg, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.wait_for_timeout(1500)  # tables and charts draw on canvases after the page settles
    pg.screenshot(path=str(SHOTS / f"{name}.png"))


def _body(pg) -> str:
    return pg.locator('[data-testid="stMain"]').inner_text()


def test_every_page_in_a_browser(server: str, page, tmp_path: Path) -> None:
    """Open the seed corpus, upload a file, visit every page and read what it shows."""
    page.goto(server, wait_until="domcontentloaded")
    page.get_by_text("Sources to audit").wait_for(timeout=60_000)
    _settle(page)
    text = _body(page)
    assert "Sources to audit (5)" in text
    assert "Traceback" not in text
    _shot(page, "1-sources")

    draft = tmp_path / "worry-guide.txt"
    draft.write_text(UPLOAD_TEXT, encoding="utf-8")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(draft))
    page.get_by_role("button", name="Add uploaded files").wait_for(timeout=30_000)
    page.wait_for_timeout(1000)
    page.get_by_role("button", name="Add uploaded files").click()
    _settle(page)
    assert "Added 1 file" in _body(page)
    assert "Sources to audit (6)" in _body(page)

    _open(page, "Overview", "At a glance")
    text = _body(page)
    assert "Showing 6 of 6 sources" in text
    assert "At a glance" in text
    assert "Hardest to read" in text and "Claim overlap" in text
    assert "Traceback" not in text
    _shot(page, "2-overview")
    for n, tab in enumerate(["Reading grade", "Claim overlap"], start=1):
        page.get_by_role("tab", name=tab).click()
        page.wait_for_timeout(1500)
        assert page.locator(".js-plotly-plot").count() >= 1
        _shot(page, f"2{'abc'[n]}-overview-{tab.lower().replace(' ', '-')}")

    _open(page, "Source detail", "Findings shown")
    page.locator('[data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="Therapy for worry: a short guide").click()
    _settle(page)
    text = _body(page)
    assert "Findings shown" in text
    marks = page.locator(".mh-text mark")
    assert marks.count() > 0
    _shot(page, "3-source-detail")

    page.get_by_role("tab", name="Review").click()
    page.get_by_role("button", name="Save this audit to the history").click()
    page.get_by_text("Saved as audit run 1").wait_for(timeout=60_000)
    _settle(page)
    assert "Decisions on findings" in _body(page)
    _shot(page, "3b-source-detail-review")

    _open(page, "Claims explorer", "Matching method")
    text = _body(page)
    assert "claim groups" in text
    _shot(page, "4-claims")

    _open(page, "Compare two sources", "Only in A")
    text = _body(page)
    assert "Shared" in text and "Only in A" in text
    _shot(page, "5-compare")

    _open(page, "Settings", "Claim matching")
    for widget in ("stRadio", "stSlider", "stCode"):  # widgets whose code loads on first use
        page.locator(f'[data-testid="{widget}"]').first.wait_for(timeout=60_000)
    text = _body(page)
    assert "Claim matching" in text and "Apply and re-run the audit" in text
    assert "AMA grade 6" in text and "NIH grade 8" in text
    _shot(page, "6-settings")
