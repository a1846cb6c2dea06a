"""Hostile sources: markup escaped in HTML and Markdown, formulas made inert in CSV and Excel, nothing fetched."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html
from markdown_it import MarkdownIt
from openpyxl import load_workbook

from audits.config import AuditConfig
from audits.engine import run_audit
from audits.exports import RENDERERS
from audits.exports.html_export import build_html
from audits.exports.markdown_export import escape_md
from audits.exports.safety import is_dangerous, neutralise_cell
from audits.ingest import ingest_text
from audits.report_io import report_from_dict
from tests.conftest import CLINIC, ROOT

FAST = AuditConfig(fast=True)
TITLE = '=HYPERLINK("http://x")'
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
LONG = ('=HYPERLINK("http://evil.example","click") is how this very long sentence starts, and it goes on and on '
        "with many complicated polysyllabic words, institutional considerations, psychotherapeutic methodologies, "
        "neurobiological alterations and interdisciplinary perspectives so that it reads far above the target grade.")
TEXT = "\n\n".join([
    f"Therapy helps many people {SCRIPT} feel better over time, and our experienced therapists can help you.",
    LONG,
    f"{IMG} Talking with a trained listener can ease worry. Call us today to book a session with our team.",
    "@SUM(A1:A2) is not a formula here. +1 is not either. -1 neither.",
    # A whole-sentence finding (evidence appeal without citation) carries the markup in its excerpt.
    f"Studies show {SCRIPT} that therapy works for most people, and research proves it changes the brain.",
    "Sleep, exercise and company matter too. A good therapist listens, asks questions and helps you notice patterns.",
])


@pytest.fixture(scope="module")
def hostile():
    report = run_audit([ingest_text(TITLE, TEXT, FAST)], FAST)
    excerpts = [f.excerpt for _, f in report.findings()]
    assert any(e.startswith("=HYPERLINK") for e in excerpts), "a finding's excerpt starts with a formula"
    assert any(SCRIPT in e for e in excerpts)
    return report


def test_html_escapes_markup_from_the_source(hostile) -> None:
    page = build_html(hostile, [])
    doc = lxml_html.fromstring(page)
    assert not doc.xpath("//script")
    assert not doc.xpath("//*[@onerror]")
    assert not doc.xpath("//img")  # no charts given, and the source's <img> is text
    text = doc.text_content()
    assert SCRIPT in text and IMG in text and TITLE in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    marks = [m.text_content() for m in doc.xpath("//mark")]
    assert any(SCRIPT in m for m in marks)


def test_markdown_escapes_markup_and_renders_as_text(hostile) -> None:
    md = RENDERERS["md"].render(hostile).decode("utf-8")
    assert not re.search(r"(?<!\\)<(script|img)", md)  # every < from the source is backslash-escaped
    assert "\\<script\\>alert\\(1\\)\\</script\\>" in md
    rendered = MarkdownIt("commonmark").render(md)
    doc = lxml_html.fromstring(f"<div>{rendered}</div>")
    assert not doc.xpath("//script | //img | //*[@onerror]")
    assert SCRIPT in doc.text_content() and TITLE in doc.text_content()


def test_csv_cells_are_inert(hostile) -> None:
    zf = zipfile.ZipFile(io.BytesIO(RENDERERS["csv"].render(hostile)))
    sources = list(csv.reader(io.StringIO(zf.read("sources.csv").decode("utf-8-sig"))))
    findings = list(csv.reader(io.StringIO(zf.read("findings.csv").decode("utf-8-sig"))))
    assert sources[1][1] == "'" + TITLE
    cells = [c for row in sources + findings for c in row]
    assert "'" + LONG in cells
    assert not [c for c in cells if is_dangerous(c)]


def test_excel_cells_are_text_never_formulas(hostile) -> None:
    wb = load_workbook(io.BytesIO(RENDERERS["xlsx"].render(hostile)))
    assert wb["Sources"]["B2"].value == "'" + TITLE
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (ws.title, c.coordinate, c.value)
                if isinstance(c.value, str):
                    assert not is_dangerous(c.value), (ws.title, c.coordinate)


def test_json_keeps_the_text_exactly(hostile) -> None:
    data = json.loads(RENDERERS["json"].render(hostile))
    assert data["sources"][0]["title"] == TITLE and SCRIPT in data["sources"][0]["text"]


def test_pdf_of_hostile_source_fetches_nothing(hostile, monkeypatch) -> None:
    # Charts are not what this test is about; the PDF must render the escaped text without any request.
    monkeypatch.setattr("audits.exports.pdf_export.render_figures", lambda figs, *a, **k: [])
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(RENDERERS["pdf"].render(hostile)))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "alert(1)" in text and "HYPERLINK" in text


_OFFLINE = """
import sys
from audits.config import AuditConfig
from audits.engine import run_audit
from audits.exports import RENDERERS
from audits.ingest import ingest_paths
from lxml import html
cfg = AuditConfig(fast=True)
report = run_audit(ingest_paths(["sources/la-clinic-how-psychotherapy-works.txt"], cfg), cfg)
page = html.fromstring(RENDERERS["html"].render(report).decode("utf-8"))
print(len(page.xpath("//figure/img[starts-with(@src, 'data:image/svg+xml')]")))
import io
from pypdf import PdfReader
pdf = RENDERERS["pdf"].render(report)
from tests.pdf_images import pdf_images
print(pdf[:5].decode(), len(pdf_images(PdfReader(io.BytesIO(pdf)))))
"""


def test_charts_and_pdf_work_with_the_network_blocked() -> None:
    probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("unshare -rn (a private network namespace) is not permitted here")
    proc = subprocess.run(["unshare", "-rn", sys.executable, "-c", _OFFLINE], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["4", "%PDF-", "4"]  # four charts as SVG in the HTML and as PNG in the PDF


_hostile_bits = st.sampled_from([SCRIPT, IMG, TITLE, "]]>", "<!--", "-->", "&amp;", "`x`", "*b*", "[a](javascript:x)",
                                 "|", "\\", "# h", "1. ", "<", ">", "'", '"', "č ć ž š đ"])
_text = st.lists(st.one_of(_hostile_bits, st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")),
                                                   max_size=12)), max_size=6).map("".join)


@settings(max_examples=200, deadline=None)
@given(_text)
def test_neutralised_cells_are_never_formulas(value: str) -> None:
    out = neutralise_cell(value)
    assert not is_dangerous(out)
    assert out == value or out == "'" + value


@settings(max_examples=200, deadline=None)
@given(_text)
def test_escaped_markdown_renders_as_the_same_text(value: str) -> None:
    rendered = MarkdownIt("commonmark").render("Title: " + escape_md(value))
    doc = lxml_html.fromstring(f"<div>{rendered}</div>")
    assert [el.tag for el in doc.iter()] == ["div", "p"]
    assert doc.text_content().strip() == ("Title: " + " ".join(value.split())).strip()


@settings(max_examples=40, deadline=None)
@given(title=_text, message=_text)
def test_any_title_and_message_show_literally_in_html(seed_report, title: str, message: str) -> None:
    data = seed_report.to_dict()
    source = next(s for s in data["sources"] if s["id"] == CLINIC)
    source["title"] = title
    source["findings"][0]["message"] = message
    page = build_html(report_from_dict(data), [])
    doc = lxml_html.fromstring(page)
    assert not doc.xpath("//script | //img | //*[@onerror] | //iframe")
    assert doc.xpath(f"string(//h3[@id='src-{CLINIC}'])") == title
    assert message in doc.text_content()
