"""Acceptance on the five seed articles (default audit: embedding model, default thresholds)."""

from __future__ import annotations

import pytest

from tests.conftest import BLOG, BOOK, CLINIC, EDITORIAL, SERBIAN


@pytest.fixture(scope="module")
def by_id(seed_report):
    return {s.id: s for s in seed_report.sources}


def rule_excerpts(source, rule: str) -> list[str]:
    return [f.excerpt for f in source.findings if f.rule == rule]


def test_editorial_numeric_citations_all_resolve(by_id) -> None:
    editorial = by_id[EDITORIAL]
    section = editorial.sections["citations"]
    assert section["style"] == "numeric"
    assert [(c["key"], c["resolved_to"]) for c in section["in_text"]] == [(str(n), str(n)) for n in range(1, 6)]
    assert len(section["references"]) == 5
    consistency = {"citations.missing-reference", "citations.uncited-reference", "citations.year-mismatch",
                   "citations.numbering-gap", "citations.duplicate-number", "citations.out-of-order",
                   "citations.mixed-styles", "citations.malformed-doi", "citations.unresolvable"}
    assert not [f for f in editorial.findings if f.rule in consistency]
    first = section["references"][0]
    assert first["authors"] == ["Mathew", "Wilkinson", "Altinay"] and first["year"] == "2019"
    assert first["journal"] == "Contemp Clin Trials"


def test_editorial_off_topic_references_about_ect_and_ketamine(by_id) -> None:
    editorial = by_id[EDITORIAL]
    relevance = {p["reference"]: p for p in editorial.sections["citations"]["relevance"]}
    assert relevance["1"]["fits"] is False  # ECT vs ketamine, cited for the therapeutic alliance
    assert relevance["5"]["fits"] is False  # ECT-induced plasticity, cited for psychotherapy's mechanisms
    findings = [f for f in editorial.findings if f.rule == "citations.off-topic-reference"]
    messages = " ".join(f.message for f in findings)
    assert "Electroconvulsive therapy (ECT) vs. Ketamine" in messages
    assert "therapeutic alliance" in messages
    assert all(f.related for f in findings)
    assert any(f.related[0].excerpt.startswith("Mathew SJ, Wilkinson ST") for f in findings)


def test_editorial_conflicting_affiliations(by_id) -> None:
    (finding,) = [f for f in by_id[EDITORIAL].findings if f.rule == "metadata.conflicting-affiliation"]
    assert "Yale School of Medicine" in finding.message and "South Dakota State University" in finding.message
    assert finding.category == "metadata"


def test_editorial_jama_checklist(by_id) -> None:
    jama = by_id[EDITORIAL].sections["citations"]["jama"]
    assert {k: v["met"] for k, v in jama.items()} == {
        "authorship": True, "attribution": True, "disclosure": False, "currency": True}


def test_therapist_page_has_two_unresolvable_author_year_citations(by_id) -> None:
    book = by_id[BOOK]
    assert book.sections["citations"]["style"] == "author-year"
    assert rule_excerpts(book, "citations.unresolvable") == ["Sperry and Carlson (2013)", "Wampold 2015"]


def test_blog_and_clinic_appeals_without_citations(by_id) -> None:
    blog = " ".join(rule_excerpts(by_id[BLOG], "citations.unsupported-evidence-claim"))
    assert "deeply rooted in science" in blog and "backed by science" in blog
    clinic = rule_excerpts(by_id[CLINIC], "citations.unsupported-evidence-claim")
    assert any("well-documented, with numerous studies" in e for e in clinic)
    health = " ".join(rule_excerpts(by_id[BLOG], "citations.unsupported-health-claim"))
    assert "Serotonin (linked to mood regulation) increases" in health and "rewires the brain" in health


def test_clinic_reviewed_without_references(by_id) -> None:
    assert rule_excerpts(by_id[CLINIC], "metadata.reviewed-without-references") == ["Dr. Mark Hrymoc, M.D."]


def test_serbian_appeals_and_attribution(by_id) -> None:
    serbian = by_id[SERBIAN]
    appeals = rule_excerpts(serbian, "citations.unsupported-evidence-claim")
    assert len(appeals) == 2
    assert appeals[0].startswith("Ispitivanja su pokazala")
    assert appeals[1].startswith("Različita istraživanja") and "pokazuju" in appeals[1]
    # The rules report the named attribution with no findable source (as fast mode shows); in default mode
    # the learned layer may drop it (a named person is an attribution, not an unsupported appeal, in the
    # labelling norms), and the citations section then counts it as dropped.
    from audits.config import AuditConfig
    from audits.engine import run_audit

    rules_only = run_audit([serbian.source], AuditConfig(fast=True)).sources[0]
    (attribution,) = [f for f in rules_only.findings if f.rule == "citations.attribution-without-source"]
    assert attribution.excerpt.startswith("Prema rečima Melani Klajn") and attribution.severity.value == "info"
    kept = [f for f in serbian.findings if f.rule == "citations.attribution-without-source"]
    assert kept == [attribution] or serbian.sections["citations"]["learned"]["dropped"] >= 1


def test_scores_order_the_seeds_sensibly(by_id) -> None:
    scores = {sid: by_id[sid].score("citations") for sid in (EDITORIAL, BOOK, BLOG, CLINIC, SERBIAN)}
    for uncited in (BLOG, CLINIC, SERBIAN):
        assert scores[uncited] <= 20  # evidence claimed, nothing cited
    assert scores[EDITORIAL] > scores[BLOG]
    assert scores[BOOK] > scores[BLOG]


def test_report_spans_point_into_the_text(seed_report) -> None:
    for source in seed_report.sources:
        text = source.source.text
        for f in source.findings:
            assert text[f.start : f.end] == f.excerpt
        for c in source.sections["citations"]["in_text"]:
            assert 0 <= c["start"] <= c["end"] <= len(text)
