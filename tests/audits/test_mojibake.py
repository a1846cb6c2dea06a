"""Text garbled by a wrong encoding before it reached the tool is repaired (audits/ingest/mojibake.py)."""

from __future__ import annotations

from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-125x codecs a browser misreads with)
import pytest
from hypothesis import given
from hypothesis import strategies as st

from audits.config import AuditConfig
from audits.engine import run_audit
from audits.ingest import ingest_bytes, ingest_text
from audits.ingest.mojibake import REPAIRED_RULE, repair_encoding

ROOT = Path(__file__).resolve().parents[2]
# A Croatian news page stored as Windows-1250 text read as Windows-1252 ("pomoæ" for "pomoć"; eval/extra, even).
MISREAD_1250 = ROOT / "eval" / "extra" / "pages" / "hr-news-x266.txt"
# A Serbian and a Slovenian dev page, correct UTF-8.
SERBIAN = ROOT / "eval" / "pages" / "sr-clinic-06.txt"
SLOVENIAN = ROOT / "eval" / "pages" / "sl-therapist-42.txt"


def _audit(source):
    report = run_audit([source], AuditConfig(fast=True)).sources[0]
    assert report.document is not None
    return report


def test_a_croatian_page_misread_as_windows_1252_is_read_as_croatian_again() -> None:
    raw = MISREAD_1250.read_bytes()
    assert "pomoæ ovisnicima o klaðenju" in raw.decode()
    source = ingest_bytes(MISREAD_1250.name, raw, AuditConfig(fast=True))
    assert "pomoć ovisnicima o klađenju" in source.text
    assert "stručna pomoć" in source.text and "æ" not in source.text
    report = _audit(source)
    assert report.document.language.code == "hr"
    warning = [f for f in report.findings if f.rule == REPAIRED_RULE]
    assert len(warning) == 1
    assert "Central European text (Windows-1250) had been read as Western European" in warning[0].message
    assert "accented letters" in warning[0].suggestion


@pytest.mark.parametrize("misread_as", ["sloppy-windows-1252", "latin-1", "sloppy-windows-1250", "iso-8859-2"])
def test_serbian_utf8_read_as_a_one_byte_encoding_comes_back_letter_for_letter(misread_as: str) -> None:
    original = SERBIAN.read_text(encoding="utf-8")
    garbled = original.encode("utf-8").decode(misread_as)
    assert garbled != original
    # saved as UTF-8 after the misreading, as an editor or a web page would hand it over
    source = ingest_bytes("garbled.txt", garbled.encode("utf-8"), AuditConfig(fast=True))
    clean = ingest_bytes("clean.txt", original.encode("utf-8"), AuditConfig(fast=True))
    assert source.text == clean.text
    assert source.title == clean.title
    report = _audit(source)
    assert report.document.language.code == "sr"
    assert any(f.rule == REPAIRED_RULE and "UTF-8" in f.message for f in report.findings)


def test_pasted_slovenian_text_misread_once_is_repaired_on_every_line() -> None:
    original = SLOVENIAN.read_text(encoding="utf-8")
    garbled = original.encode("utf-8").decode("sloppy-windows-1252")
    source = ingest_text("Pasted", garbled, AuditConfig(fast=True))
    assert source.text == ingest_text("Pasted", original, AuditConfig(fast=True)).text


def test_correct_pages_in_every_language_are_left_as_they_are() -> None:
    pages = sorted((ROOT / "eval" / "extra" / "pages").glob("*.txt")) + sorted((ROOT / "sources").glob("*.*"))
    changed = []
    for path in pages:
        if path == MISREAD_1250 or path.suffix not in (".txt", ".md"):
            continue
        text = path.read_text(encoding="utf-8")
        if repair_encoding(text)[0] != text:
            changed.append(path.name)
    # one extra page was stored from UTF-8 read as Thai Windows-874 with bytes lost: not repairable, left alone
    assert changed == []
    french = "La première séance est très claire: il a été très gentil. Où êtes-vous? Très bien, à bientôt. " * 3
    danish = "Det er en kæmpe fordel at være ærlig. Hun føler sig bedre, og æbler er gode for dig. " * 3
    for text in (french, danish):
        assert repair_encoding(text) == (text, None)


SOUTH_SLAVIC = st.text(alphabet="abcdeijklmnoprstuvzčćđšžČĆĐŠŽ", min_size=3, max_size=12)
SENTENCE = st.lists(SOUTH_SLAVIC, min_size=4, max_size=12).map(" ".join)


@given(st.lists(SENTENCE, min_size=1, max_size=5))
def test_a_text_garbled_as_windows_1252_and_repaired_keeps_its_lines(lines: list[str]) -> None:
    text = "\n".join(lines)
    garbled = text.encode("utf-8").decode("sloppy-windows-1252")
    fixed, note = repair_encoding(garbled)
    assert fixed.count("\n") == text.count("\n")
    assert repair_encoding(text) == (text, None)  # correct text is never touched
    if note is None:
        assert fixed == garbled
    else:
        # whatever is repaired is repaired right: a line is either left as it came or is the original
        for got, was, orig in zip(fixed.split("\n"), garbled.split("\n"), text.split("\n"), strict=True):
            assert got in (was, orig)


@given(st.text(max_size=300))
def test_any_text_keeps_its_line_breaks_and_never_fails(text: str) -> None:
    fixed, note = repair_encoding(text)
    assert fixed.count("\n") == text.count("\n")
    assert (note is None) == (fixed == text)
