"""Consistency rules on small documents written for the purpose: one test (at least) per rule."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from audits.analyzers.citations import CitationsAnalyzer
from audits.config import AuditConfig
from audits.model import AnalysisResult, Source
from audits.prepare import prepare

FAST = AuditConfig(fast=True)


def analyze(text: str, config: AuditConfig = FAST, language: str = "en") -> AnalysisResult:
    """Run the citations analyzer on a text of our own (lexical relevance unless a config says otherwise)."""
    source = Source(id="t", title="t", origin="test", kind="text", text=text)
    return CitationsAnalyzer().analyze(prepare(source, language), config)


def rules(result: AnalysisResult) -> list[str]:
    return [f.rule for f in result.findings if f.category == "citations" and f.rule != "citations.off-topic-reference"]


VANCOUVER_OK = """Therapy helps people with depression [1]. Exercise also lifts mood [2, 3].

References
1. Smith J, Brown K. Psychotherapy for depression in adults. BMJ. 2001;3:1.
2. Lee A. Exercise and mood. Lancet. 2005;1:2.
3. Kim B. Aerobic exercise for depression. JAMA. 2010;2:3.
"""


def test_clean_numeric_text_has_no_consistency_findings() -> None:
    result = analyze(VANCOUVER_OK)
    assert rules(result) == []
    assert [c["resolved_to"] for c in result.section["in_text"]] == ["1", "2", "3"]
    assert result.section["style"] == "numeric"


def test_missing_and_uncited_entries() -> None:
    text = VANCOUVER_OK.replace("[2, 3]", "[2, 7]")
    result = analyze(text)
    missing = [f for f in result.findings if f.rule == "citations.missing-reference"]
    uncited = [f for f in result.findings if f.rule == "citations.uncited-reference"]
    assert [f.excerpt for f in missing] == ["[2, 7]"]
    assert "[7]" in missing[0].message and missing[0].severity.value == "error"
    assert len(uncited) == 1 and uncited[0].excerpt.startswith("Kim B. Aerobic exercise")


def test_ranges_resolve_each_number() -> None:
    text = VANCOUVER_OK.replace("[2, 3]", "[2–3]")
    result = analyze(text)
    assert rules(result) == []
    assert [c["key"] for c in result.section["in_text"]] == ["1", "2", "3"]


def test_numbering_gap_duplicate_and_order() -> None:
    text = """Exercise lifts mood [3]. Therapy helps [1]. Sleep matters [2].

References
1. Smith J. Psychotherapy for depression. BMJ. 2001;3:1.
2. Lee A. Sleep and mood. Lancet. 2005;1:2.
2. Lee A. Sleep and memory. Lancet. 2006;1:2.
3. Kim B. Exercise and mood. JAMA. 2010;2:3.
5. Park C. Diet and mood. JAMA. 2011;2:3.
"""
    found = rules(analyze(text))
    assert "citations.duplicate-number" in found
    assert "citations.numbering-gap" in found
    assert "citations.out-of-order" in found
    assert "citations.uncited-reference" in found  # number 5


APA_LIST = """
References
Nguyen, T., & Reid, K. (2018). Therapeutic alliance and outcome. Journal of Counseling Psychology, 65(3), 1–10.
Patel, R., Gomez, L., & Chan, W. (2019). Online therapy for anxiety. Psychological Medicine, 49(2), 3–9.
Wampold, B. E. (2015). How important are the common factors in psychotherapy? World Psychiatry, 14(3), 270–277.
"""


def test_author_year_resolves_with_et_al_and_lists() -> None:
    text = ("The alliance predicts outcome (Nguyen & Reid, 2018). Patel et al. (2019) tested online therapy, "
            "and common factors matter (Wampold, 2015; Nguyen & Reid, 2018).\n" + APA_LIST)
    result = analyze(text)
    assert rules(result) == []
    assert result.section["style"] == "author-year"
    assert [c["resolved_to"] for c in result.section["in_text"]] == [
        "Nguyen 2018", "Patel 2019", "Wampold 2015", "Nguyen 2018"]


def test_year_mismatch() -> None:
    text = "Nguyen and Reid (2017) found that the alliance matters. Others agree (Patel et al., 2019; Wampold, 2015).\n"
    result = analyze(text + APA_LIST)
    (mismatch,) = [f for f in result.findings if f.rule == "citations.year-mismatch"]
    assert mismatch.excerpt == "Nguyen and Reid (2017)"
    assert "2018" in mismatch.message and mismatch.severity.value == "error"


def test_author_mismatch_and_missing_author() -> None:
    text = ("The alliance matters (Nguyen & Smith, 2018). Online therapy works (Okafor, 2019). "
            "Common factors (Wampold, 2015) and Patel et al. (2019).\n" + APA_LIST)
    found = rules(analyze(text))
    assert "citations.author-mismatch" in found
    assert "citations.missing-reference" in found


def test_unresolvable_without_a_list() -> None:
    result = analyze("As Sperry and Carlson (2013) say, the relationship matters. Factors help (Wampold 2015).")
    assert rules(result) == ["citations.unresolvable", "citations.unresolvable"]
    assert [f.excerpt for f in result.findings if f.rule == "citations.unresolvable"] == [
        "Sperry and Carlson (2013)", "Wampold 2015"]


def test_mixed_styles() -> None:
    text = "Therapy helps [1]. Exercise helps too (Lee, 2005).\n\nReferences\n1. Smith J. Therapy. BMJ. 2001;3:1.\n"
    found = rules(analyze(text))
    assert "citations.mixed-styles" in found


def test_malformed_doi_and_duplicate_reference() -> None:
    text = """Therapy helps [1]. It really does [2].

References
1. Smith J. Psychotherapy for depression in adults. BMJ. 2001;3:1. doi:10.12/bad
2. Smith J. Psychotherapy for depression in adults. BMJ. 2001;3:1.
"""
    result = analyze(text)
    (doi,) = [f for f in result.findings if f.rule == "citations.malformed-doi"]
    assert doi.excerpt == "10.12/bad"
    assert "citations.duplicate-reference" in rules(result)


def test_every_finding_span_matches_its_excerpt() -> None:
    text = "Nguyen and Reid (2017) said so [4].\n" + APA_LIST
    result = analyze(text)
    for f in result.findings:
        assert text[f.start : f.end] == f.excerpt


_PIECES = ["[1]", "[2-4]", "(Smith, 2019)", "Lee et al. (2020)", "¹²", "†", "\nReferences\n", "1. ", "Smith J. ",
           "Title here. ", "BMJ. 2001;3:1. ", "doi:10.12/x ", "Studies show ", "it works. ", "(1) ", "\n",
           "Nguyen, T. ", "(2018). ", "According to Carl Rogers, ", "Medically reviewed by Dr. Ana Lee\n",
           "Received: 10-Jan-2023 "]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=12), max_size=25))
def test_analyzer_never_raises_and_spans_match(pieces: list[str]) -> None:
    text = "".join(pieces)
    if not text.strip():
        return
    result = analyze(text)
    for f in result.findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start : f.end] == f.excerpt
    score = result.scores["citations"].value
    assert score is not None and 0 <= score <= 100


def test_malformed_doi_in_running_text() -> None:
    text = "Published 2023, DOI: 10.35841/aacpcp-7.3.148. See also doi: 10.99/oops for the data."
    result = analyze(text)
    assert [f.excerpt for f in result.findings if f.rule == "citations.malformed-doi"] == ["10.99/oops"]


def test_off_topic_reference_in_a_document_of_our_own() -> None:
    text = """The therapeutic alliance between client and therapist predicts the outcome of psychotherapy [1].
Hip fractures in older adults are often treated surgically [2].

References
1. Lee A, Park B. Hip fracture surgery outcomes in elderly patients. Lancet. 2005;1:2.
2. Kim C. Hip fracture surgery in older adults: a cohort study. JAMA. 2010;2:3.
"""
    result = analyze(text, AuditConfig())  # the embedding model; TF-IDF is fooled by "outcome(s)" (0.0904)
    (finding,) = [f for f in result.findings if f.rule == "citations.off-topic-reference"]
    assert finding.excerpt.startswith("The therapeutic alliance")
    assert "Hip fracture surgery outcomes in elderly patients" in finding.message
    assert "therapeutic alliance between client and therapist" in finding.message
    assert finding.related[0].excerpt.startswith("Lee A, Park B.")
    assert [p["fits"] for p in result.section["relevance"]] == [False, True]


NEAR_MISSES = """The questionnaire has sound psychometric properties (Myer et al., 1990). Anxiety symptoms include
phobias and panic disorder (Duckworth & Freedman, 2012). Worry is common in college samples (Brown, 2003).

References
Meyer, T. J., Miller, M. L., & Borkovec, T. D. (1990). Development and validation of the Penn State Worry
Questionnaire. Behaviour Research and Therapy, 28(6), 487-495.
National Alliance on Mental Illness. (2012). Anxiety disorders fact sheet. Arlington, VA: Duckworth K. & Freedman J. L.
Browne, T. A. (2004). Confirmatory factor analysis of the Penn State Worry Questionnaire. Behav Res Ther, 41, 1411-26.
"""


def test_a_misspelt_surname_or_an_author_named_inside_the_entry_still_resolves() -> None:
    """One letter off ("Myer" for "Meyer") in the same year, or the cited people named after an organisation's
    title, is the entry meant; a one-letter difference in another year is not."""
    result = analyze(NEAR_MISSES)
    resolved = {c["key"]: c["resolved_to"] for c in result.section["in_text"]}
    assert resolved == {"Myer et al. 1990": "Meyer 1990",
                        "Duckworth and Freedman 2012": "National Alliance on Mental Illness 2012", "Brown 2003": None}
    missing = [f.excerpt for f in result.findings if f.rule == "citations.missing-reference"]
    assert any("Brown" in m for m in missing) and not any("Myer" in m or "Duckworth" in m for m in missing)


def _edits(a: str, b: str) -> int:
    """Levenshtein distance, the slow textbook way (the reference for the test below)."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcde", min_size=4, max_size=8), st.text(alphabet="abcde", min_size=4, max_size=8))
def test_one_edit_apart_is_levenshtein_distance_one(a: str, b: str) -> None:
    from audits.citations.consistency import _one_edit_apart

    assert _one_edit_apart(a, b) == _one_edit_apart(b, a) == (_edits(a, b) == 1)
