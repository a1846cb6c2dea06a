"""The dashboard in a real browser: Debian's Chromium driven by Playwright, every page visited.

Screenshots land in test-artifacts/screenshots/ (a tall viewport, because Streamlit scrolls
inside its own container and a full-page screenshot would show only the first screen).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import free_port, wait_until_healthy

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
CLINIC_PAGE = ROOT / "tests" / "data" / "clinic_money_back.txt"
AUDIT_TIMEOUT_MS = 240_000  # the first audit loads the claim model; the machine may be busy with other tests
UPLOAD_TEXT = (
    "Therapy for worry: a short guide\n\n"
    "Talking therapy helps many people who worry a lot. You meet a trained therapist once a week. "
    "Together you look at the thoughts that keep the worry going. Studies show that most people feel better "
    "after a few months. Book your free consultation today and call us now! "
    "Our award-winning clinic guarantees results. "
    "Some people need more time, and that is normal. Ask your doctor if you are not sure where to start.\n"
)


class Server:
    """One `streamlit run dashboard/app.py` on a fixed port; restart() stops and starts it on the same data."""

    def __init__(self, xdg: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # The audit history goes to a private folder, never the user's own ~/.local/share.
        self.env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(xdg)}
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard" / "app.py"), "--server.port",
               str(self.port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none"]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        if not wait_until_healthy(self.url):
            pytest.fail("the dashboard server did not start")

    def stop(self) -> None:
        if self.proc is None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.proc = None

    def restart(self) -> None:
        self.stop()
        self.start()


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Server]:
    """The dashboard server for the whole module (started once; one test restarts it)."""
    if shutil.which("chromium") is None:
        pytest.skip("Debian's chromium is not installed (make system installs it)")
    srv = Server(tmp_path_factory.mktemp("xdg"))
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="module")
def browser(server: Server):
    """One headless Chromium for the module."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def page(browser):
    """A page with a tall viewport (Streamlit scrolls inside its own container)."""
    pg = browser.new_page(viewport={"width": 1400, "height": 2400})
    yield pg
    pg.close()


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
    """A screenshot of what a reader sees at 1400 × 900, plus the whole tall page."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.wait_for_timeout(1500)  # tables and charts draw on canvases after the page settles
    pg.screenshot(path=str(SHOTS / f"{name}.png"), clip={"x": 0, "y": 0, "width": 1400, "height": 900})
    pg.screenshot(path=str(SHOTS / f"{name}-tall.png"))


def _upload(pg, *paths: Path) -> None:
    _open(pg, "Sources", "Sources to audit")
    pg.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files([str(p) for p in paths])
    pg.get_by_role("button", name="Add uploaded files").wait_for(timeout=30_000)
    pg.wait_for_timeout(1000)
    pg.get_by_role("button", name="Add uploaded files").click()
    _settle(pg)


def _body(pg) -> str:
    return pg.locator('[data-testid="stMain"]').inner_text()


WS = "browser-test"
CLINIC_TITLE = "clinic_money_back"  # the uploaded file's title comes from its first line or name


def _goto(pg, server: Server, path: str = "", **params: str) -> None:
    query = "&".join(f"{k}={urllib.parse.quote(v)}" for k, v in {"ws": WS, "fast": "1", **params}.items())
    pg.goto(f"{server.url}/{path}?{query}", wait_until="domcontentloaded")
    pg.locator('[data-testid="stMain"] h1').first.wait_for(timeout=60_000)
    _settle(pg)


def test_1_landing_is_the_comparison_and_the_promise_comes_first(server: Server, page, tmp_path: Path) -> None:
    """The demo corpus lands on the Overview; an uploaded clinic page's money-back promise is first to fix."""
    _goto(page, server)
    page.get_by_text("At a glance").wait_for(timeout=AUDIT_TIMEOUT_MS)
    _settle(page)
    text = _body(page)
    assert "Overview" in text and "Showing 5 of 5 sources" in text and "Traceback" not in text
    _shot(page, "1-overview-demo")

    draft = tmp_path / "worry-guide.txt"
    draft.write_text(UPLOAD_TEXT, encoding="utf-8")
    _upload(page, draft, CLINIC_PAGE)
    assert "Added 2 file" in _body(page) and "Sources to audit (7)" in _body(page)
    _shot(page, "2-sources")

    _open(page, "Overview", "At a glance")
    page.get_by_text("Showing 7 of 7 sources").wait_for(timeout=AUDIT_TIMEOUT_MS)
    _settle(page)
    card = page.get_by_text("Most to fix", exact=True).locator("xpath=..").inner_text()
    assert "Anxiety Treatment at Calm Harbor Clinic" in card and "1 must-fix error" in card
    _shot(page, "3-overview")
    for n, tab in enumerate(["Reading grade", "Claim overlap"], start=1):
        page.get_by_role("tab", name=tab).click()
        page.wait_for_timeout(1500)
        assert page.locator(".js-plotly-plot").count() >= 1
        _shot(page, f"3{'abc'[n]}-overview-{tab.lower().replace(' ', '-')}")

    _open(page, "Source detail", "Findings shown")
    page.locator('[data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="Anxiety Treatment at Calm Harbor Clinic").click()
    _settle(page)
    first = page.locator(".mh-fix details").first.inner_text()
    assert first.startswith("1.") and "ERROR" in first.upper() and "guarantee" in first.lower()
    assert "money-back guarantee" in first
    assert page.locator(".mh-text mark").count() > 0 and page.locator(".mh-text .mh-n").count() > 0
    _shot(page, "4-source-detail")


def _tile_fill(pg, score: str) -> str:
    return pg.locator(f'.mh-tile[data-score="{score}"]').first.evaluate("e => getComputedStyle(e).backgroundColor")


def test_2_a_score_has_the_same_colour_in_the_app_and_the_html_export(server: Server, page, browser,
                                                                     tmp_path: Path) -> None:
    """The marketing tile of the clinic page and its cell in the downloaded HTML report share one band colour."""
    band = page.locator('.mh-tile[data-score="marketing"]').first.get_attribute("data-band")
    app_colour = _tile_fill(page, "marketing")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download HTML").click()
    report = tmp_path / "report.html"
    info.value.save_as(report)
    viewer = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        viewer.goto(report.as_uri())
        row = viewer.locator("table.compare tr", has_text="Anxiety Treatment at Calm Harbor Clinic")
        cell = row.locator('td[data-score="marketing"]')
        assert cell.get_attribute("data-band") == band
        assert cell.evaluate("e => getComputedStyle(e).backgroundColor") == app_colour
        viewer.screenshot(path=str(SHOTS / "9-html-export.png"))
    finally:
        viewer.close()


def test_3_review_tab_offers_one_save(server: Server, page) -> None:
    """The Review tab saves the audit once; afterwards it says so instead of offering to save again."""
    page.get_by_role("tab", name="Review").click()
    page.get_by_role("button", name="Save this audit to the history").click()
    page.get_by_text("Saved as audit run").first.wait_for(timeout=60_000)
    _settle(page)
    text = _body(page)
    assert "saving it again would add nothing" in text and "Decisions on findings" in text
    assert "still open" in text  # the money-back promise is an open error: signing off warns
    _shot(page, "5-source-detail-review")


def test_4_show_in_text_scrolls_the_sentence_into_view(server: Server, page) -> None:
    """A link to the last sentence of the long editorial opens it outlined and scrolled into view."""
    from audits.config import AuditConfig
    from audits.ingest import ingest_paths
    from audits.prepare import prepare

    source = next(s for s in ingest_paths([ROOT / "sources"], AuditConfig())
                  if s.id == "journal-editorial-mechanisms-of-change")
    last = prepare(source).sentences[-2]
    _goto(page, server, "source", source=source.id, at=str(last.start), to=str(last.end))
    target = page.locator("#mh-target")
    target.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)
    visible = target.evaluate(
        "e => { const r = e.getBoundingClientRect(); const hit = document.elementFromPoint(r.left + 2, r.top + 2);"
        " return r.top >= 0 && r.bottom <= window.innerHeight && (hit === e || e.contains(hit)); }")
    assert visible, "the outlined sentence is not scrolled into view"
    _shot(page, "6-source-detail-show-in-text")


def test_5_reload_and_restart_keep_the_workspace(server: Server, page) -> None:
    """Uploads survive a reload and a server restart; the other pages draw."""
    page.reload(wait_until="domcontentloaded")
    _open(page, "Sources", "Sources to audit")
    assert "Sources to audit (7)" in _body(page)
    server.restart()
    _goto(page, server, "sources")
    page.get_by_text("Sources to audit").wait_for(timeout=60_000)
    assert "Sources to audit (7)" in _body(page)

    _open(page, "Claims explorer", "Claims are matched by")
    assert "claim groups" in _body(page)
    _shot(page, "7-claims")
    _open(page, "Compare two sources", "Only in A")
    _shot(page, "8-compare")
    _open(page, "Settings", "Claim matching")
    for widget in ("stRadio", "stSlider", "stCode"):  # widgets whose code loads on first use
        page.locator(f'[data-testid="{widget}"]').first.wait_for(timeout=60_000)
    text = _body(page)
    assert "Apply and re-run the audit" in text and "AMA grade 6" in text
    _shot(page, "8b-settings")


def test_6_a_dismissal_without_a_reason_is_refused_and_shown_as_refused(server: Server, page) -> None:
    """The editor picks "dismissed" in the Review table without a reason: the page says it was refused,
    the finding stays open in the history, and nothing claims it was saved."""
    from audits.history import open_history
    from audits.history.store import APP_DIR

    sid = "therapist-book-page-what-is-psychotherapy"
    _goto(page, server, "source", source=sid)
    page.get_by_role("tab", name="Review").click()
    page.get_by_text("Decisions on findings").first.wait_for(timeout=AUDIT_TIMEOUT_MS)
    page.get_by_role("button", name="Save decisions").wait_for(timeout=AUDIT_TIMEOUT_MS)
    _settle(page)
    # The decisions table is the one right above the reviewer's name.
    grid = page.locator("xpath=//input[@aria-label='Your name']/preceding::*[@data-testid='stDataFrame'][1]")
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box is not None
    # The table is a canvas: click the first row's first cell, move to "Decision", open its editor, choose.
    # The keys must go to the table: while the focus is still on the tab bar (the page may be redrawing when
    # the click lands), the arrows would switch tabs instead, so click again until the table has the focus.
    for _ in range(10):
        page.mouse.click(box["x"] + 20, box["y"] + 52)
        page.wait_for_timeout(300)
        if grid.evaluate("e => e.contains(document.activeElement)"):
            break
        _settle(page)
    else:
        raise AssertionError("the decisions table never took the keyboard focus")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    page.wait_for_timeout(500)
    page.keyboard.type("dismissed")
    page.keyboard.press("Enter")
    page.wait_for_timeout(500)
    _settle(page)  # the edit reruns the page; the button is rebuilt when the run ends
    assert page.get_by_role("tab", name="Review").get_attribute("aria-selected") == "true", \
        "the keys left the table and switched tabs"
    page.get_by_role("button", name="Save decisions").click(timeout=AUDIT_TIMEOUT_MS)
    page.get_by_text("was NOT marked dismissed").first.wait_for(timeout=60_000)
    text = _body(page)
    assert "needs a reason" in text and "It is still open" in text
    assert "Saved 1 decision" not in text
    with open_history(Path(server.env["XDG_DATA_HOME"]) / APP_DIR / "history.sqlite") as store:
        assert all(d.status != "dismissed" for d in store.decisions(sid).values())
    _shot(page, "9-review-refused-dismissal")
