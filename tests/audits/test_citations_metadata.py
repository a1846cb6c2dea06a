"""Metadata consistency, the JAMA checklist and the citation score, on texts of our own."""

from __future__ import annotations

from audits.citations.score import NOTHING, UNCITED_CAP, ScoreInputs, citation_score
from tests.audits.test_citations_consistency import analyze

BYLINE = """A short editorial about therapy.

Jane Q. Doe*

Department of Psychology, University of Belgrade, Serbia

Therapy helps people with depression [1].

*Correspondence to: Jane Q. Doe, {corr}, E-mail: jane@example.org

Received: 10-Jan-2023; Reviewed: {reviewed}; Published: 22-Mar-2023, DOI: 10.1234/abc.2023.1

References
1. Smith J, Brown K. Psychotherapy for depression in adults. BMJ. 2001;3:1.
"""


def metadata_rules(text: str) -> list[str]:
    return [f.rule for f in analyze(text).findings if f.category == "metadata"]


def test_conflicting_affiliation_found_with_both_places() -> None:
    text = BYLINE.format(corr="College of Nursing, South Dakota State University, USA", reviewed="01-Feb-2023")
    result = analyze(text)
    (finding,) = [f for f in result.findings if f.rule == "metadata.conflicting-affiliation"]
    assert "University of Belgrade" in finding.message and "South Dakota State University" in finding.message
    assert finding.related[0].excerpt == "Department of Psychology, University of Belgrade, Serbia"
    assert finding.category == "metadata"


def test_same_affiliation_is_not_a_conflict() -> None:
    text = BYLINE.format(corr="Department of Psychology, University of Belgrade, Serbia", reviewed="01-Feb-2023")
    assert metadata_rules(text) == []


def test_dates_out_of_order() -> None:
    text = BYLINE.format(corr="Department of Psychology, University of Belgrade, Serbia", reviewed="01-Jan-2023")
    result = analyze(text)
    (finding,) = [f for f in result.findings if f.rule == "metadata.dates-out-of-order"]
    assert "reviewed date (2023-01-01) comes before the received date (2023-01-10)" in finding.message
    assert finding.excerpt == "01-Jan-2023"


def test_correspondence_naming_someone_else() -> None:
    text = BYLINE.replace("Correspondence to: Jane Q. Doe", "Correspondence to: John Smith").format(
        corr="Department of Psychology, University of Belgrade, Serbia", reviewed="01-Feb-2023")
    assert "metadata.correspondence-not-author" in metadata_rules(text)


def test_medically_reviewed_without_references() -> None:
    text = "How therapy works\n\nMedically reviewed by Dr. Ana Petrović, M.D.\n\nTherapy helps many people feel better."
    assert metadata_rules(text) == ["metadata.reviewed-without-references"]
    cited = text + " It helps [1].\n\nReferences\n1. Smith J. Therapy for all. BMJ. 2001;3:1.\n"
    assert metadata_rules(cited) == []


def test_jama_checklist_evidence() -> None:
    text = BYLINE.format(corr="Department of Psychology, University of Belgrade, Serbia", reviewed="01-Feb-2023")
    jama = analyze(text + "\nConflicts of interest: none declared.\n").section["jama"]
    assert set(jama) == {"authorship", "attribution", "disclosure", "currency"}
    assert jama["authorship"] == {"met": True, "evidence": "Author named: Jane Q. Doe; affiliation: Department of "
                                                          "Psychology, University of Belgrade, Serbia."}
    assert jama["attribution"]["met"] is True
    assert jama["disclosure"]["met"] is True and "Conflicts of interest" in jama["disclosure"]["evidence"]
    assert jama["currency"]["met"] is True and "published 2023-03-22" in jama["currency"]["evidence"]
    bare = analyze("Therapy helps. Numerous studies show it.").section["jama"]
    assert [bare[k]["met"] for k in ("authorship", "attribution", "disclosure", "currency")] == [False] * 4
    assert bare["attribution"]["evidence"] == "No references or sources given."


def test_score_rewards_consistency_support_and_relevance() -> None:
    perfect = citation_score(ScoreInputs(0, 0, 0, 4, 4, 6, 6, 6))
    assert perfect.value == 100.0
    half = citation_score(ScoreInputs(1, 1, 0, 4, 2, 6, 6, 3))
    # consistency 100-20-10 = 70 (x0.4) + support 50 (x0.4) + relevance 50 (x0.2) = 58
    assert half.value == 58.0


def test_evidence_claims_without_any_citation_score_low() -> None:
    score = citation_score(ScoreInputs(0, 0, 0, 3, 0, 0, 0, 0))
    assert score.value is not None and score.value <= UNCITED_CAP
    assert "no citation at all" in score.explanation
    neutral = citation_score(ScoreInputs(0, 0, 0, 0, 0, 0, 0, 0))
    assert neutral.value == NOTHING and neutral.confidence == "low"


def test_score_ladder_resolving_unresolvable_named_uncited() -> None:
    """Resolving citations > unresolvable ones > evidence claimed with no source; a named body > nothing."""
    resolving = citation_score(ScoreInputs(0, 0, 0, 3, 3, 3, 0, 0))
    unresolvable = citation_score(ScoreInputs(0, 3, 0, 3, 3, 3, 0, 0))
    uncited = citation_score(ScoreInputs(0, 0, 0, 3, 0, 0, 0, 0))
    named = citation_score(ScoreInputs(0, 0, 0, 2, 1, 0, 0, 0, named_sources=2))
    nothing = citation_score(ScoreInputs(0, 0, 0, 0, 0, 0, 0, 0))
    assert resolving.value > unresolvable.value > uncited.value
    assert named.value > nothing.value > uncited.value
    assert "named sources" in named.explanation


def test_citations_that_resolve_nowhere_never_outrank_a_named_source_cap() -> None:
    """A page that names "(Care Quality Commission)" or "Whitmore (2003)" but has no reference list: its one
    unresolvable citation costs only a warning, so without the cap it scored 96 (a dev page did). It is findable at
    best, like a named source: capped at 70, below the same page whose citations resolve."""
    no_list = citation_score(ScoreInputs(0, 1, 0, 1, 1, 1, 0, 0, named_sources=2, resolved_citations=0))
    with_list = citation_score(ScoreInputs(0, 0, 0, 1, 1, 1, 0, 0, named_sources=2, resolved_citations=1))
    assert no_list.value == 70.0 and "no citation resolves" in no_list.explanation
    assert with_list.value > no_list.value


def test_a_page_whose_narrative_mention_cannot_be_resolved_scores_at_most_the_named_source_cap() -> None:
    """End to end on a real-shaped page: a survey named in the text, no reference list."""
    from audits.config import AuditConfig
    from audits.engine import run_audit
    from audits.ingest import ingest_bytes

    text = ("Anxiety is common among students. Researchers at Rutgers University found that 40% of students felt "
            "anxious before exams, and the Care Quality Commission reported longer waits for help in 2023.\n")
    config = AuditConfig(fast=True)
    report = run_audit([ingest_bytes("page.txt", text.encode("utf-8"), config, origin="page.txt")], config, jobs=1)
    score = report.sources[0].scores["citations"]
    assert score.value <= 70.0
