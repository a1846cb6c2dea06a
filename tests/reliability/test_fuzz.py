"""Hypothesis over every parser and exporter: nothing but a clear IngestError, inert output.

A small profile runs in `make test`; `make fuzz` sets MH_FUZZ_EXAMPLES=10000 (per test, i.e. per
parser and exporter) and MH_STRESS_ROUNDS=20 for the concurrency stress test.
"""

from __future__ import annotations

import csv
import io
import ipaddress
import itertools
import json
import os
import random
import socket
import zipfile
from unittest import mock
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from audits.config import AuditConfig
from audits.engine import run_audit
from audits.exports import RENDERERS
from audits.exports.html_export import build_html
from audits.exports.safety import is_dangerous
from audits.ingest import ingest_bytes, ingest_text, ingest_url
from audits.ingest import url as url_module
from audits.ingest.decode import decode_with_warnings
from audits.ingest.errors import IngestError
from audits.ingest.readers import READERS
from audits.ingest.url import _parse, is_public
from audits.prepare.sentences import paragraph_spans, sentence_spans
from audits.report_io import report_from_dict
from tests.reliability.test_hostile_inputs import _docx

EXAMPLES = int(os.environ.get("MH_FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
FAST = AuditConfig(fast=True)
_chars = st.characters(blacklist_categories=("Cs",))
_bits = st.sampled_from(["<script>alert(1)</script>", "<div>", "</div>", "&amp;", "&#0;", "]]>", "<!--", "=SUM(A1)",
                         "+1", "@x", "Dr.", "e.g.", "a@b.co", "\x00", "\ufeff", "č ć ž", "\r\n", "\n\n", " " * 3,
                         "A" * 300, "https://x.example/a", "[1]", "(Smith, 2020)"])
TEXT = st.lists(st.one_of(_bits, st.text(_chars, max_size=20)), max_size=12).map("".join)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "cp1250",
                             "cp1252", "latin-1", "koi8-r"])


def _read(ext: str, raw: bytes) -> None:
    """Read through ingest (what users hit): a Source with text, or with a clear error."""
    assert ext in READERS
    source = ingest_bytes(f"fuzz{ext}", raw, FAST)
    if source.ok:
        assert source.text.strip() and source.error_rule is None
    else:
        assert source.error_rule.startswith("ingest.") and source.error


@pytest.mark.parametrize("ext", [".txt", ".md", ".html"])
@FUZZ
@given(text=TEXT, encoding=ENCODINGS)
def test_text_readers_take_any_text_in_any_encoding(ext: str, text: str, encoding: str) -> None:
    _read(ext, text.encode(encoding, errors="replace"))


@pytest.mark.parametrize("ext", [".txt", ".md", ".html", ".docx", ".pdf"])
@FUZZ
@given(raw=st.binary(max_size=2048))
def test_every_reader_takes_any_bytes(ext: str, raw: bytes) -> None:
    _read(ext, raw)


@FUZZ
@given(paragraphs=st.lists(TEXT, max_size=6))
def test_docx_reader_takes_any_paragraph_text(paragraphs: list[str]) -> None:
    body = "".join(f"<w:p><w:r><w:t>{escape(''.join(c for c in p if c.isprintable()))}</w:t></w:r></w:p>"
                   for p in paragraphs)
    xml = ('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           f"<w:body>{body}</w:body></w:document>")
    _read(".docx", _docx(xml.encode()))


@pytest.fixture(scope="module")
def small_pdf() -> bytes:
    weasyprint = pytest.importorskip("weasyprint")
    return weasyprint.HTML(string="<h1>Therapy</h1><p>Therapy helps many people who worry.</p>").write_pdf()


@FUZZ
@given(seed=st.integers(0, 2**32 - 1), flips=st.integers(1, 40))
def test_pdf_reader_takes_damaged_pdfs(small_pdf: bytes, seed: int, flips: int) -> None:
    rng = random.Random(seed)
    raw = bytearray(small_pdf)
    for _ in range(flips):
        raw[rng.randrange(len(raw))] = rng.randrange(256)
    _read(".pdf", bytes(raw))


@FUZZ
@given(raw=st.binary(max_size=4096))
def test_decoding_any_bytes_is_text_or_a_clear_error(raw: bytes) -> None:
    try:
        text, encoding, warnings = decode_with_warnings(raw)
    except IngestError as exc:
        assert exc.rule in ("ingest.binary", "ingest.decode")
        return
    assert isinstance(text, str) and encoding and all(rule.startswith("ingest.") for rule, _ in warnings)


@FUZZ
@given(text=TEXT, lang=st.sampled_from(["en", "sr", "hr", "de", "xx"]))
def test_sentence_spans_cover_only_text_in_order(text: str, lang: str) -> None:
    spans = sentence_spans(text, paragraph_spans(text), lang)
    assert all(0 <= s.start < s.end <= len(text) for s in spans)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


@FUZZ
@given(url=st.one_of(TEXT, st.builds(lambda h, p: f"http://{h}/{p}", TEXT, TEXT)))
def test_url_parsing_is_a_clear_refusal_or_a_parse(url: str) -> None:
    def offline(host: str, port: int) -> list[str]:  # no name is ever looked up in the tests
        raise socket.gaierror("offline")

    with mock.patch.object(url_module, "_resolve", offline):
        assert ingest_url(url, FAST).error_rule in ("ingest.bad-url", "ingest.fetch-failed")
    try:
        scheme, host, port, path = _parse(url)
    except IngestError as exc:
        assert exc.rule == "ingest.bad-url"
        return
    assert scheme in ("http", "https") and host and 0 <= port < 65536 and path.startswith("/")


@FUZZ
@given(address=st.one_of(st.ip_addresses(v=4), st.ip_addresses(v=6)))
def test_public_means_globally_routable(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> None:
    if is_public(address):
        assert address.is_global and not address.is_multicast and not address.is_loopback
        assert address not in ipaddress.ip_network("100.64.0.0/10")


@pytest.fixture(scope="module")
def base_report() -> dict:
    text = "Therapy helps many people. Studies show it works. Book your free consultation today!\n" * 3
    return run_audit([ingest_text("base", text, FAST)], FAST).to_dict()


def _report(base: dict, title: str, message: str, excerpt: str):  # type: ignore[no-untyped-def]
    data = json.loads(json.dumps(base))
    source = data["sources"][0]
    source["title"] = title
    for finding in source["findings"]:
        finding["message"] = message
        finding["excerpt"] = excerpt
    return report_from_dict(data)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "xlsx", "md"])
@FUZZ
@given(title=TEXT, message=TEXT, excerpt=TEXT)
def test_exporters_render_any_text_and_stay_inert(base_report: dict, fmt: str, title: str, message: str,
                                                   excerpt: str) -> None:
    report = _report(base_report, title, message, excerpt)
    data = RENDERERS[fmt].render(report)
    assert isinstance(data, bytes) and data
    if fmt == "csv":  # a zip of CSV files
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                for row in csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))):
                    assert not any(is_dangerous(cell) for cell in row)
    if fmt == "json":
        assert json.loads(data)["sources"][0]["title"] == title


@FUZZ
@given(title=TEXT, message=TEXT, excerpt=TEXT)
def test_html_exporter_renders_any_text_without_active_content(base_report: dict, title: str, message: str,
                                                                excerpt: str) -> None:
    page = build_html(_report(base_report, title, message, excerpt), [])
    doc = lxml_html.fromstring(page)
    assert not doc.xpath("//script | //iframe | //*[@onerror] | //*[@onload]")


@settings(max_examples=max(1, EXAMPLES // 200), deadline=None, suppress_health_check=list(HealthCheck))
@given(title=TEXT, message=TEXT)
def test_pdf_exporter_renders_any_text(base_report: dict, title: str, message: str) -> None:
    data = RENDERERS["pdf"].render(_report(base_report, title, message, message))
    assert data.startswith(b"%PDF-")
