"""In-text citation parser: many written forms, ranges, lists, et al., and never raising on any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audits.citations.intext import (
    citation_style,
    expand_numbers,
    find_in_text,
    has_notes_heading,
    split_authors,
)


def keys(text: str, numbered: bool = False) -> list[str]:
    return [c.key for c in find_in_text(text, numbered_list=numbered)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Alliance predicts outcome [1].", ["1"]),
    ("Alliance predicts outcome [1, 2].", ["1", "2"]),
    ("Alliance predicts outcome [3-5].", ["3", "4", "5"]),
    ("Alliance predicts outcome [3–5].", ["3", "4", "5"]),
    ("Alliance predicts outcome [1, 4–6, 9].", ["1", "4", "5", "6", "9"]),
    ("Alliance predicts outcome¹².", ["12"]),
    ("Alliance predicts outcome².", ["2"]),
    ("(Novak & Reid, 2020) found it.", ["Novak and Reid 2020"]),
    ("Patel et al. (2018) found it.", ["Patel et al. 2018"]),
    ("Common factors matter (Wampold 2015).", ["Wampold 2015"]),
    ("As Sperry and Carlson (2013) say, it works.", ["Sperry and Carlson 2013"]),
    ("Data (National Institute of Mental Health, 2023).", ["National Institute of Mental Health 2023"]),
    ("Two works (Patel et al., 2018; Novak & Reid, 2020).", ["Patel et al. 2018", "Novak and Reid 2020"]),
    ("Nguyen (2017, 2019) wrote twice.", ["Nguyen 2017", "Nguyen 2019"]),
    ("Quoted (Wampold, 2015, p. 272).", ["Wampold 2015"]),
    ("See the review (e.g., Lambert, 2013).", ["Lambert 2013"]),
    ("Kako navode Petrović i Jovanović (2019), terapija pomaže.", ["Petrović and Jovanović 2019"]),
    ("A note† here.", ["†"]),
    ("Guidance (The Royal College of Psychiatrists, 2020).", ["The Royal College of Psychiatrists 2020"]),
])
def test_citation_forms(text: str, expected: list[str]) -> None:
    assert keys(text) == expected


@pytest.mark.parametrize("text", [
    "In 2013 the clinic opened.",
    "It began in March (2013) with a pilot.",
    "Cognitive Behavioral Therapy (CBT) helps.",
    "This is covered later in the book (see pg. 40).",
    "Help the client 1) manage stress; 2) understand themselves.",
    "The score was (12) points.",
    "See (2013) for details.",
    "This page was revised (Updated March 2021) by our team.",
    "Our clinic opened (Spring 2019) downtown.",
])
def test_not_citations(text: str) -> None:
    assert keys(text) == []


def test_parenthesised_numbers_only_with_a_numbered_list() -> None:
    text = "The alliance matters (1, 2)."
    assert keys(text) == []
    assert keys(text, numbered=True) == ["1", "2"]


def test_each_key_of_a_bracket_shares_its_exact_span() -> None:
    text = "Outcome improves [2, 4-5]."
    found = find_in_text(text)
    assert [text[c.start : c.end] for c in found] == ["[2, 4-5]"] * 3


def test_each_item_in_a_parenthesis_gets_its_own_span() -> None:
    text = "Both (Patel et al., 2018; Novak & Reid, 2020)."
    assert [text[c.start : c.end] for c in find_in_text(text)] == ["Patel et al., 2018", "Novak & Reid, 2020"]


def test_author_details() -> None:
    (c,) = find_in_text("Patel et al. (2018b) showed it.")
    assert (c.authors, c.year, c.et_al) == (("Patel",), "2018b", True)
    assert split_authors("Nguyen, Li, and Reid") == (("Nguyen", "Li", "Reid"), False)


def test_body_end_excludes_the_reference_list() -> None:
    text = "Alliance [1].\nReferences\n1. Smith J (2019) and [2]."
    assert keys(text) == ["1", "2"]
    assert [c.key for c in find_in_text(text, body_end=text.index("References"))] == ["1"]


def test_ranges() -> None:
    assert expand_numbers("3-5") == [3, 4, 5]
    assert expand_numbers("3–5, 7") == [3, 4, 5, 7]
    assert expand_numbers("5-3") == [5, 3]  # reversed: kept as written
    assert expand_numbers("1-999") == [1, 999]  # absurdly wide: not expanded


def test_superscripts_are_footnotes_under_a_notes_heading() -> None:
    text = "Therapy helps.¹ It takes time.²\n\nNotes\n1. A first note.\n2. A second note."
    assert has_notes_heading(text)
    assert citation_style(find_in_text(text, footnotes=True)) == "footnote"
    assert citation_style(find_in_text(text)) == "numeric"


def test_style() -> None:
    assert citation_style(find_in_text("A [1].")) == "numeric"
    assert citation_style(find_in_text("A (Smith, 2019).")) == "author-year"
    assert citation_style(find_in_text("A [1] and (Smith, 2019).")) == "mixed"
    assert citation_style(find_in_text("Nothing cited.")) == "none"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("[](),;–-&. ¹²³†aAZ19 0étal\nSmith2015")) , max_size=200),
       st.booleans())
def test_parser_never_raises_and_spans_lie_inside(text: str, numbered: bool) -> None:
    for c in find_in_text(text, numbered_list=numbered):
        assert 0 <= c.start <= c.end <= len(text)
        assert c.key


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.integers(min_value=-5, max_value=400))
def test_parser_never_raises_on_arbitrary_text(text: str, body_end: int) -> None:
    for c in find_in_text(text, body_end=body_end, numbered_list=True):
        assert 0 <= c.start <= c.end <= len(text)
