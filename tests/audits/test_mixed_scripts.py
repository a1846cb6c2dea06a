"""Words spelt with look-alike letters of the other alphabet are read in one alphabet (audits/ingest/scripts.py)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from audits.config import AuditConfig
from audits.engine import run_audit
from audits.ingest import ingest_bytes
from audits.ingest.scripts import MIXED_SCRIPT_RULE, unmix_scripts

ROOT = Path(__file__).resolve().parents[2]
# A Serbian public-health institute's page whose Latin text is full of Cyrillic а, е, о, к, ј (eval/titles, even).
SWAPPED = ROOT / "eval" / "titles" / "pages" / "t10-bcs-04.txt"


def test_a_serbian_page_spelt_with_cyrillic_look_alikes_is_read_as_serbian_latin() -> None:
    raw = SWAPPED.read_bytes()
    assert "Svеtsкi" in raw.decode()  # Cyrillic е and к inside a Latin word
    config = AuditConfig(fast=True)
    source = ingest_bytes(SWAPPED.name, raw, config)
    assert "Obeležen Svetski dan zdravlja" in source.text
    assert " kao jedan od " in source.text  # a whole word of look-alikes ("као") in Latin text too
    report = run_audit([source], config).sources[0]
    assert report.document is not None
    assert report.document.language.code == "sr"  # was "hr" with a request to confirm: no word matched a cue
    warning = [f for f in report.findings if f.rule == MIXED_SCRIPT_RULE]
    assert len(warning) == 1 and "Latin and Cyrillic" in warning[0].message
    assert "UTF-8" not in warning[0].suggestion


def test_cyrillic_words_with_latin_look_alikes_become_cyrillic() -> None:
    fixed, count = unmix_scripts("Пoзoвитe нас, ми смo ту.")
    assert fixed == "Позовите нас, ми смо ту." and count == 2


def test_text_in_one_alphabet_and_glued_words_of_both_stay_as_they_are() -> None:
    for text in ("Ово је ћирилица, а ово је latinica.", "Psihoterapija pomaže.", "Ана Ђорђевићmilan"):
        assert unmix_scripts(text) == (text, 0)


LETTERS = st.text(alphabet="abcekopxyjžšlnаеорсухјкжшлнАВЕКМНОРСТХ .,\n", max_size=80)


@given(LETTERS)
def test_repair_keeps_every_offset_and_is_stable(text: str) -> None:
    fixed, count = unmix_scripts(text)
    assert len(fixed) == len(text)
    assert fixed.count("\n") == text.count("\n")
    assert unmix_scripts(fixed)[0] == fixed
    assert (count == 0) == (fixed == text)


def test_a_web_page_title_in_mixed_letters_is_read_in_one_alphabet_too() -> None:
    page = ("<html><head><title>Svеtsкi dаn zdrаvljа</title></head><body><article><h1>Svеtsкi dаn zdrаvljа</h1>"
            "<p>Institut zа јаvnо zdrаvljе Srbiје оbеlеžаvа 7. аpril, Svеtsкi dаn zdrаvljа, као јеdаn оd znаčајnih "
            "dаtumа iz Каlеndаrа јаvnоg zdrаvljа. Оvе gоdinе Svеtsкi dаn zdrаvljа оbеlеžеn је pоd slоgаnоm "
            "Dеprеsiја, hајdе dа rаzgоvаrаmо.</p></article></body></html>")
    source = ingest_bytes("dan.html", page.encode("utf-8"), AuditConfig(fast=True))
    assert source.title == "Svetski dan zdravlja"
    assert "Institut za javno zdravlje Srbije obeležava" in source.text
