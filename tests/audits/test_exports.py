"""Every export opened with a real reader, checked against the seed corpus's numbers and findings."""

from __future__ import annotations

import base64
import csv
import io
import json
import zipfile

import jsonschema
import pytest
from lxml import html as lxml_html
from openpyxl import load_workbook
from pypdf import PdfReader

from audits.colours import score_band
from audits.exports import RENDERERS
from audits.model import SCORE_NAMES
from audits.report import load_schema
from tests.conftest import CLINIC, EDITORIAL, SEED_IDS, SERBIAN
from tests.pdf_images import pdf_images


def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(load_schema(), format_checker=jsonschema.FormatChecker())


def _rounded(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


@pytest.fixture(scope="module")
def html_doc(seed_report):
    raw = RENDERERS["html"].render(seed_report)
    return raw, lxml_html.fromstring(raw.decode("utf-8"))


@pytest.fixture(scope="module")
def pdf(seed_report):
    raw = RENDERERS["pdf"].render(seed_report)
    return raw, PdfReader(io.BytesIO(raw))


def test_every_format_is_registered_with_extension_and_mime() -> None:
    assert set(RENDERERS) == {"json", "jsonl", "csv", "xlsx", "md", "html", "pdf"}
    assert RENDERERS["xlsx"].extension == "xlsx" and RENDERERS["pdf"].mime == "application/pdf"


def test_json_validates_and_carries_the_scores(seed_report) -> None:
    data = json.loads(RENDERERS["json"].render(seed_report))
    _validator().validate(data)
    by_id = {s["id"]: s for s in data["sources"]}
    assert set(by_id) == set(SEED_IDS)
    for s in seed_report.sources:
        assert by_id[s.id]["scores"] == {n: round(s.score(n), 1) for n in SCORE_NAMES}
    assert data["tool_version"] and data["ruleset_version"] and data["config"]["target_grade"] == 8.0


def test_jsonl_is_a_header_then_one_source_per_line(seed_report) -> None:
    lines = RENDERERS["jsonl"].render(seed_report).decode("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 1 + len(SEED_IDS)
    header, sources = records[0], records[1:]
    assert header["type"] == "report" and all(r["type"] == "source" for r in sources)
    whole = {k: v for k, v in header.items() if k != "type"}
    whole["sources"] = [{k: v for k, v in r.items() if k != "type"} for r in sources]
    _validator().validate(whole)
    assert whole == seed_report.to_dict()


def test_csv_zip_has_sources_and_findings_tables(seed_report) -> None:
    zf = zipfile.ZipFile(io.BytesIO(RENDERERS["csv"].render(seed_report)))
    assert sorted(zf.namelist()) == ["findings.csv", "sources.csv"]
    sources = list(csv.DictReader(io.StringIO(zf.read("sources.csv").decode("utf-8-sig"))))
    findings = list(csv.DictReader(io.StringIO(zf.read("findings.csv").decode("utf-8-sig"))))
    by_id = {r["id"]: r for r in sources}
    assert set(by_id) == set(SEED_IDS)
    clinic = seed_report.source(CLINIC)
    assert float(by_id[CLINIC]["score_marketing"]) == pytest.approx(clinic.score("marketing"), abs=0.05)
    assert by_id[SERBIAN]["language"] == "sr"
    assert len(findings) == sum(len(s.findings) for s in seed_report.sources)
    first = clinic.findings[0]
    row = next(r for r in findings if r["source"] == CLINIC and r["start"] == str(first.start)
               and r["rule"] == first.rule)
    assert row["message"] == first.message and row["fingerprint"] == first.fingerprint


def test_xlsx_sheets_layout_and_values(seed_report) -> None:
    wb = load_workbook(io.BytesIO(RENDERERS["xlsx"].render(seed_report)))
    assert wb.sheetnames == ["Summary", "Sources", "Findings", "Citations", "Claims"]
    summary = {r[0]: r[1] for r in wb["Summary"].iter_rows(values_only=True) if r and r[0]}
    assert summary["Tool"] == f"mh-content-audit {seed_report.tool_version}"
    assert summary["Rule set"] == seed_report.ruleset_version
    assert summary["Target reading grade"] == "8" and summary["Sources"] == 5
    assert summary[SERBIAN] == "sr"  # language per source
    for name in ("Sources", "Findings", "Citations", "Claims"):
        ws = wb[name]
        assert ws.freeze_panes == "A2", name
        assert ws.auto_filter.ref == ws.dimensions, name
        assert ws["A1"].font.b, name
    src = wb["Sources"]
    header = [c.value for c in src[1]]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in src.iter_rows(min_row=2, values_only=True)}
    assert rows[EDITORIAL]["score_citations"] == pytest.approx(seed_report.source(EDITORIAL).score("citations"), 0.1)
    assert src.column_dimensions["B"].width > 20  # titles get room
    # Score cells carry the same band colour as the dashboard and the HTML export (one definition).
    from audits.colours import score_band

    col = {name: chr(ord("A") + i) for i, name in enumerate(header)}
    for score in SCORE_NAMES:
        for row in range(2, src.max_row + 1):
            cell = src[f"{col['score_' + score]}{row}"]
            band = score_band(score, cell.value)
            assert band is not None and cell.fill.fgColor.rgb.endswith(band.fill.lstrip("#").upper()), (score, row)
    findings = wb["Findings"]
    assert findings.max_row - 1 == sum(len(s.findings) for s in seed_report.sources)
    citations = list(wb["Citations"].iter_rows(min_row=2, values_only=True))
    editorial_refs = [r for r in citations if r[0] == EDITORIAL and r[2] == "reference"]
    assert len(editorial_refs) == len(seed_report.source(EDITORIAL).sections["citations"]["references"])
    claims = wb["Claims"]
    assert claims.max_row - 1 == sum(len(c.members) for c in seed_report.claims.clusters)


def test_markdown_has_scores_findings_claims_and_method(seed_report) -> None:
    text = RENDERERS["md"].render(seed_report).decode("utf-8")
    clinic = seed_report.source(CLINIC)
    row = next(line for line in text.splitlines() if line.startswith("| How Does Psychotherapy Work?"))
    assert f"| {_rounded(clinic.score('marketing'))} |" in row
    assert "## Claims across sources" in text and "## Method and thresholds" in text
    assert f"| Rule set | {seed_report.ruleset_version} |" in text
    marketing = next(f for f in clinic.findings if f.category == "marketing" and ".region." not in f.rule)
    assert f"**{marketing.excerpt}**" in text  # the flagged words are highlighted in context
    assert f"| {SERBIAN} | sr |" in text


def test_html_is_self_contained_with_scores_charts_and_findings(seed_report, html_doc) -> None:
    raw, doc = html_doc
    assert raw.startswith(b"<!doctype html>")
    assert not doc.xpath("//script | //link | //iframe | //object")
    for el in doc.xpath("//*[@src]"):
        assert el.get("src").startswith("data:"), el.get("src")[:60]
    for el in doc.xpath("//a[@href]"):
        assert el.get("href").startswith(("#", "https://", "http://"))
    images = doc.xpath("//figure/img")
    assert [img.get("alt") for img in images] == [
        "Scores per source", "Reading grade against the target", "Findings per source, by category",
        "Claim overlap between sources"]
    svg = base64.b64decode(images[0].get("src").split(",", 1)[1]).decode("utf-8")
    assert svg.startswith("<svg") and "How Does Psychotherapy Work?" in svg
    table = doc.xpath("//h2[@id='compare']/following-sibling::table[1]")[0]
    rows = {r.xpath("string(td[1])").strip(): [c.text_content().strip() for c in r.xpath("td")]
            for r in table.xpath(".//tbody/tr")}
    for s in seed_report.sources:
        cells = rows[s.source.title]
        assert [c.split()[0] for c in cells[4:8]] == [_rounded(s.score(n)) for n in SCORE_NAMES]
    # each score cell is coloured by the one band definition the dashboard also uses, with its symbol
    for cell in table.xpath(".//td[@data-score]"):
        title = cell.xpath("string(../td[1])").strip()
        s = next(x for x in seed_report.sources if x.source.title == title)
        band = score_band(cell.get("data-score"), s.score(cell.get("data-score")))
        assert cell.get("data-band") == band.name and band.symbol in cell.text_content()
        assert f"band-{band.name}" in cell.get("class")
    clinic = seed_report.source(CLINIC)
    section = doc.xpath(f"//h3[@id='src-{CLINIC}']")[0]
    fix = section.xpath("following-sibling::ol[1]")[0]
    assert "fixfirst" in fix.get("class") and fix.xpath("li")
    items = section.xpath("following-sibling::ol[contains(@class, 'findings')][1]/li")
    assert len(items) == len(clinic.findings)
    marks = [m.text_content() for m in section.xpath("following-sibling::ol[contains(@class, 'findings')][1]//mark")]
    for f in clinic.findings:
        if f.category == "marketing" and ".region." not in f.rule:  # whole blocks are shown shortened
            assert f.excerpt in marks
    text = doc.text_content()
    assert "Method and thresholds" in text and seed_report.ruleset_version in text
    assert "Claims across sources" in text


def test_pdf_has_scores_serbian_letters_and_chart_images(seed_report, pdf) -> None:
    raw, reader = pdf
    assert raw.startswith(b"%PDF")
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Content audit report" in text and "Sources side by side" in text
    for letter in "čćžšđ":
        assert letter in text, letter
    assert "saosećanje" in text  # a Serbian excerpt, letters intact
    assert "How Does Psychotherapy Work?" in text
    clinic = seed_report.source(CLINIC)
    assert f"{clinic.score('marketing'):.0f}" in text
    charts = pdf_images(reader)
    assert len(charts) == 4  # the four charts, drawn offline as pictures
    assert all(width >= 800 and height >= 400 for _, width, height in charts)  # at print resolution


def test_every_format_survives_unreadable_and_tiny_sources(monkeypatch) -> None:
    from audits.config import AuditConfig
    from audits.engine import run_audit
    from audits.ingest import ingest_bytes, ingest_text

    monkeypatch.setattr("audits.exports.html_export.render_figures", lambda figs, *a, **k: [])
    monkeypatch.setattr("audits.exports.pdf_export.render_figures", lambda figs, *a, **k: [])
    config = AuditConfig(fast=True)
    sources = [ingest_bytes("empty.txt", b"", config), ingest_text("Tiny", "Therapy helps.", config)]
    report = run_audit(sources, config)
    for name, fmt in RENDERERS.items():
        data = fmt.render(report)
        assert data, name
    text = RENDERERS["md"].render(report).decode("utf-8")
    assert "**Could not be read:**" in text
    page = lxml_html.fromstring(RENDERERS["html"].render(report).decode("utf-8"))
    assert "Could not be read" in page.text_content()
    assert RENDERERS["pdf"].render(report).startswith(b"%PDF")


def test_without_a_browser_the_report_says_charts_are_missing(seed_report, monkeypatch) -> None:
    monkeypatch.setattr("audits.exports.images.find_browser", lambda: None)
    page = lxml_html.fromstring(RENDERERS["html"].render(seed_report).decode("utf-8"))
    assert not page.xpath("//figure/img")
    notes = [p.text_content() for p in page.xpath("//p[@class='chart-missing']")]
    assert len(notes) == 4 and all("no Chromium browser is installed" in n for n in notes)
    assert "Scores per source" in notes[0]
