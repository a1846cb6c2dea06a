"""Speed changes in prepare that must not change a result: remembered reference entries."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from audits.prepare.reference_shape import _reference_entries, reference_entries

SOURCES = Path(__file__).resolve().parents[2] / "sources"
LINES = ["References", "1. Smith, J. A. (2019). Therapy works. J. Psychol., 12(3), 45-67.", "https://doi.org/10.1000/xyz",
         "This study found that therapy helps.", "Doe J, Roe A. Mind. Lancet 2020;5:1-9.", "Izvori:", "", "- ",
         "Therapy is a conversation.", "Kini, P. et al. (2016) Neuroimage 128, 1-10. doi:10.1016/j.x.2015.12.040"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=12).map("\n".join))
def test_remembered_entries_equal_a_fresh_computation(text: str) -> None:
    fresh = _reference_entries.__wrapped__(text)
    first = reference_entries(text)
    assert (tuple(first[0]), first[1]) == fresh
    first[0].append((-1, -1))  # a caller changing its list does not change what the next caller gets
    assert (tuple(reference_entries(text)[0]), reference_entries(text)[1]) == fresh


def test_seed_articles_entries_found_again_are_the_same() -> None:
    for path in sorted(SOURCES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert reference_entries(text) == reference_entries(text) == (
            list(_reference_entries.__wrapped__(text)[0]), _reference_entries.__wrapped__(text)[1])


def _script_by_counting(text: str) -> str:
    """The previous script_of: always counts letters and Cyrillic letters."""
    import re

    letters = len(re.findall(r"[^\W\d_]", text[:5000])) or 1
    return "cyrillic" if len(re.findall(r"[\u0400-\u04FF]", text[:5000])) / letters > 0.5 else "latin"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcčdž ЂђЉљабв12.\n", max_size=60), st.integers(min_value=0, max_value=5100))
def test_script_is_the_same_as_counting_every_letter(text: str, pad: int) -> None:
    from audits.prepare.language import script_of

    for candidate in (text, "x" * pad + text, text * 3):
        assert script_of(candidate) == _script_by_counting(candidate)


# Pieces of reference entries, annotations and prose; the gate reads digits, "://" and "www." in any case.
_PIECES = ["Smith, J. A. (2019).", " Therapy works.", " J. Psychol., 12(3), 45-67.", " This study found that it helps.",
           " The authors show it.", " pp. 4-9.", " doi:10.1000/xyz.", " WWW.Example.org.", " HTTPS://x.org/a.",
           " Depression is common.", " In this review, the effects were small.", " Lancet 2020;5:1-9.", " ٣٤:٥٦.",
           " Ova studija pokazuje da terapija pomaže.", " Vol. 3.", " et al.", "  ", "."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=10).map("".join), st.booleans())
def test_reference_extent_gate_never_changes_where_an_entry_ends(line: str, continued: bool) -> None:
    """Lines without a digit, "://" or "www." skip the scan of their cuts: the extent is the scan's."""
    from audits.prepare.reference_shape import _scan_extent, reference_extent

    assert reference_extent(line, continued) == _scan_extent(line, continued)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="Ab1:/w.W pT", max_size=80), st.booleans())
def test_reference_extent_gate_on_arbitrary_characters(line: str, continued: bool) -> None:
    from audits.prepare.reference_shape import _scan_extent, reference_extent

    assert reference_extent(line, continued) == _scan_extent(line, continued)


def test_reference_extent_gate_on_the_seed_articles_lines() -> None:
    from audits.prepare.reference_shape import _scan_extent, reference_extent

    lines = [line for path in sorted(SOURCES.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    gated = [line for line in lines if not any(ch.isdigit() for ch in line)]
    assert gated  # prose lines the gate answers without scanning
    assert [reference_extent(line) for line in lines] == [_scan_extent(line, False) for line in lines]
