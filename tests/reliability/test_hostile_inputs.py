"""Every hostile input from issue 17 ends with a clear per-source message while the rest is audited.

Inputs are built here, small enough to keep the suite fast but large enough that the old
super-linear paths would not have finished (e.g. "Dr." x 100,000 took 162 s, a 1 MB base64 line
711 s). No timings are asserted: the per-source time budget and the size limits are the mechanism.
"""

from __future__ import annotations

import base64
import io
import os
import random
import zipfile
from pathlib import Path

import pytest

from audits.config import AuditConfig
from audits.engine import run_audit
from audits.ingest import ingest_bytes, ingest_path, ingest_text
from audits.ingest.readers.html import read_html

SOURCES = Path(__file__).resolve().parents[2] / "sources"
ARTICLE = (SOURCES / "la-clinic-how-psychotherapy-works.txt").read_text(encoding="utf-8")
FAST = AuditConfig(fast=True)
SMALL = "Therapy helps people who worry. You meet a therapist every week. Most people feel better after months.\n"


def varied_text(chars: int, seed: int = 17) -> str:
    """Ordinary prose of about `chars` characters, every sentence different (nothing deduplicated)."""
    rng = random.Random(seed)
    words = [w.strip(".,;:()\"") for w in ARTICLE.split() if w.isalpha()]
    paragraphs, size = [], 0
    while size < chars:
        para = " ".join(" ".join(rng.choices(words, k=14)).capitalize() + "." for _ in range(5))
        paragraphs.append(para)
        size += len(para) + 2
    return "\n\n".join(paragraphs)


def audit_one(source, config=FAST):  # type: ignore[no-untyped-def]
    return run_audit([source], config).sources[0]


def test_dr_repeated_without_spaces_is_one_long_token_and_finishes() -> None:
    text = ARTICLE + "\n\n" + "Dr." * 100_000 + "\n"
    report = audit_one(ingest_text("dr", text, FAST))
    assert report.source.ok and report.document is not None
    # The run of 300,000 characters without a space is kept whole, as one piece, never lost.
    longest = max(report.document.sentences, key=lambda s: s.end - s.start)
    assert longest.end - longest.start == 300_000
    assert report.score("readability") is not None


def test_an_article_followed_by_a_one_megabyte_base64_line_is_audited() -> None:
    blob = base64.b64encode(random.Random(17).randbytes(750_000)).decode()
    report = audit_one(ingest_bytes("b64.txt", (ARTICLE + "\n" + blob + "\n").encode(), FAST))
    assert report.source.ok
    # The article's own findings are all there: the same marketing findings as the article alone.
    alone = audit_one(ingest_text("alone", ARTICLE, FAST))
    rules = sorted(f.rule for f in report.findings if f.category == "marketing")
    assert rules == sorted(f.rule for f in alone.findings if f.category == "marketing")


def test_text_over_the_character_limit_is_refused_with_a_reason() -> None:
    config = AuditConfig(fast=True, max_text_chars=50_000)
    source = ingest_bytes("long.txt", varied_text(60_000).encode(), config)
    assert source.error_rule == "ingest.too-large" and "max_text_chars" in (source.error or "")


def test_a_source_over_its_time_budget_gets_a_timeout_finding_and_the_rest_completes() -> None:
    small = [ingest_text(f"small {i}", SMALL * 3, FAST) for i in range(3)]
    run_audit(small, FAST)  # load the language models first, outside any budget
    huge = ingest_text("huge", varied_text(600_000), FAST)
    assert len(huge.text) > 590_000
    config = AuditConfig(fast=True, source_time_budget_s=1.0)
    report = run_audit([small[0], huge, small[1], small[2]], config)
    by_id = {s.id: s for s in report.sources}
    timed_out = by_id["huge"]
    assert timed_out.document is None and timed_out.source.error_rule == "ingest.timeout"
    assert [f.rule for f in timed_out.findings] == ["ingest.timeout"]
    assert "1 s time budget" in timed_out.findings[0].message
    assert all(by_id[s.id].document is not None for s in small)


def _docx(document_xml: bytes, extra: int = 0) -> bytes:
    """A minimal .docx with the given main part (and `extra` filler parts)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", (
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>'))
        z.writestr("_rels/.rels", (
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>'))
        z.writestr("word/document.xml", document_xml)
        for i in range(extra):
            z.writestr(f"word/media/filler{i}.bin", b"x")
    return buf.getvalue()


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _paragraphs(text: str, n: int) -> bytes:
    para = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
    return f'<?xml version="1.0"?><w:document {W}><w:body>{para * n}</w:body></w:document>'.encode()


def test_a_normal_docx_still_reads() -> None:
    source = ingest_bytes("ok.docx", _docx(_paragraphs("Therapy helps many people who worry.", 5)), FAST)
    assert source.ok and "Therapy helps" in source.text


def test_a_docx_decompression_bomb_is_refused_before_unpacking() -> None:
    raw = _docx(_paragraphs("a" * 100, 40_000))  # about 5 MB of XML in a zip of a few KB
    assert len(raw) < 100_000
    source = ingest_bytes("bomb.docx", raw, AuditConfig(max_unpacked_bytes=1_000_000))
    assert source.error_rule == "ingest.too-large" and "decompression bomb" in (source.error or "")


def test_a_docx_with_too_many_parts_is_refused() -> None:
    raw = _docx(_paragraphs("Hello.", 1), extra=120)
    source = ingest_bytes("parts.docx", raw, AuditConfig(max_archive_entries=100))
    assert source.error_rule == "ingest.too-large" and "max_archive_entries" in (source.error or "")


def test_a_docx_nested_too_deep_is_refused() -> None:
    deep = f'<?xml version="1.0"?><w:document {W}><w:body>{"<w:p>" * 250}{"</w:p>" * 250}</w:body></w:document>'
    source = ingest_bytes("deep.docx", _docx(deep.encode()), FAST)
    assert source.error_rule == "ingest.too-deep" and "max_xml_depth" in (source.error or "")


def test_docx_entities_are_never_expanded() -> None:
    lol = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
           '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
           f'<w:document {W}><w:body><w:p><w:r><w:t>&d;&d;&d;&d; text</w:t></w:r></w:p></w:body></w:document>')
    source = ingest_bytes("lol.docx", _docx(lol.encode()), FAST)
    assert "aaaaaaaaaa" not in source.text  # refused or read without expansion, never expanded


def test_devices_and_named_pipes_are_refused_without_blocking(tmp_path: Path) -> None:
    zero = ingest_path("/dev/zero", FAST)
    assert zero.error_rule == "ingest.not-a-file" and "not a regular file" in (zero.error or "")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    piped = ingest_path(fifo, FAST)  # no writer: a blocking open would wait forever
    assert piped.error_rule == "ingest.not-a-file"


def test_deep_html_yields_its_text() -> None:
    inner = "<p>Therapy helps many people who worry a lot.</p><script>alert(1)</script>"
    body = "<div>" * 3000 + inner + "</div>" * 3000
    extracted = read_html(f"<html><body>{body}</body></html>".encode())
    assert "Therapy helps many people who worry a lot." in extracted.text
    assert "alert" not in extracted.text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_encodings_without_a_byte_order_mark_are_read(encoding: str) -> None:
    text = "Psihoterapija pomaže ljudima. Čovek uči šta mu je važno.\n" * 4
    source = ingest_bytes("wide.txt", text.encode(encoding), FAST)
    assert source.ok and source.encoding == encoding and "Čovek uči" in source.text


def test_mixed_encodings_give_a_warning_finding() -> None:
    raw = ("Čovek uči šta je važno u životu.\n" * 5).encode("utf-8") + ("Žena čita knjigu o ćutanju.\n" * 5).encode(
        "cp1250")
    report = audit_one(ingest_bytes("mixed.txt", raw, FAST))
    assert "Žena čita knjigu" in report.source.text
    warning = [f for f in report.findings if f.rule == "ingest.mixed-encoding"]
    assert len(warning) == 1 and warning[0].severity.value == "warning" and "UTF-8" in warning[0].message
    assert "Save the file as UTF-8" in warning[0].suggestion  # the advice ingest gives with this warning


def test_a_pdf_with_an_empty_password_opens() -> None:
    pypdf = pytest.importorskip("pypdf")
    weasyprint = pytest.importorskip("weasyprint")
    plain = weasyprint.HTML(string=f"<p>{SMALL}</p>").write_pdf()
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(plain))
    writer.encrypt(user_password="", owner_password="owner-secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    source = ingest_bytes("locked.pdf", out.getvalue(), FAST)
    assert source.ok, source.error
    assert "therapist every week" in source.text
    locked = pypdf.PdfWriter(clone_from=io.BytesIO(plain))
    locked.encrypt(user_password="secret", owner_password="owner-secret", algorithm="RC4-128")
    out = io.BytesIO()
    locked.write(out)
    assert "password" in (ingest_bytes("secret.pdf", out.getvalue(), FAST).error or "")
