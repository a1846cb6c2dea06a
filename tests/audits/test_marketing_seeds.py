"""Acceptance on the seed articles, and a score that does not drift with document length."""

from __future__ import annotations

import pytest

from audits.analyzers.marketing import REGION_RULE, MarketingAnalyzer
from audits.config import AuditConfig
from tests.audits.test_marketing_rules import doc_of
from tests.conftest import BLOG, BOOK, CLINIC, EDITORIAL, SEED_IDS, SERBIAN


@pytest.fixture(scope="module")
def by_id(seed_report):
    return {s.id: s for s in seed_report.sources}


def test_clinic_scores_highest_and_editorial_lowest(by_id):
    scores = {sid: by_id[sid].score("marketing") for sid in SEED_IDS}
    assert scores[CLINIC] == max(scores.values())
    assert scores[CLINIC] > 50
    assert scores[EDITORIAL] == min(scores.values()) == 0.0
    assert scores[EDITORIAL] < min(scores[CLINIC], scores[BLOG], scores[BOOK])
    assert scores[SERBIAN] == 0.0  # an informative article with no promotional cue: a tie with the editorial


def test_clinic_closing_section_is_a_region_with_its_call_to_action(by_id):
    clinic = by_id[CLINIC]
    text = clinic.source.text
    regions = clinic.sections["marketing"]["regions"]
    assert len(regions) == 1
    region = regions[0]
    assert region["label"] == "closing"
    assert text[region["start"]:].startswith("Explore Psychotherapy at the Mental Health Center in Los Angeles")
    assert text[region["start"]:region["end"]].rstrip().endswith("Mental Health Center in Los Angeles.")
    assert region["call_to_action"]["excerpt"] == "Contact us today"
    assert region["start"] <= region["call_to_action"]["start"] < region["end"]
    assert {"cta", "self-promotion"} <= set(region["families"])
    # the body of the article above the block is not part of it
    assert "Empowering change in psychotherapy" not in text[region["start"]:region["end"]]
    block = [f for f in clinic.findings if f.rule == REGION_RULE]
    assert len(block) == 1 and block[0].start == region["start"]


def test_clinic_self_promotion_cues_are_found(by_id):
    excerpts = {(f.rule, f.excerpt) for f in by_id[CLINIC].findings if f.rule != REGION_RULE}
    assert ("marketing.cta.contact", "Contact us today") in excerpts
    assert ("marketing.self-promotion.brand-we", "At the Mental Health Center in Los Angeles, we") in excerpts
    assert ("marketing.self-promotion.our-services", "The specialists working with us") in excerpts
    assert ("marketing.self-promotion.our-services", "our team") in excerpts


def test_therapists_book_promotion_is_found(by_id):
    book = by_id[BOOK]
    found = [(f.rule, f.excerpt) for f in book.findings]
    assert ("marketing.self-promotion.own-product", "In my book") in found
    # "There are no guarantees in therapy." is honest, not a guarantee
    assert not [f for f in book.findings if f.rule.startswith("marketing.guarantee")]
    assert book.sections["marketing"]["regions"] == []


def test_blog_over_claim_is_found(by_id):
    found = {f.excerpt for f in by_id[BLOG].findings if f.rule == "marketing.guarantee.over-claims"}
    assert found == {"resounding yes", "backed by science"}


def test_editorial_correspondence_address_is_not_advertising(by_id):
    editorial = by_id[EDITORIAL]
    assert "samueltr@rogan.edu" in editorial.source.text
    assert [f for f in editorial.findings if f.category == "marketing"] == []


def test_metrics_and_section_are_reported(by_id):
    clinic = by_id[CLINIC]
    # "we provide" is a plain description since issue 13; the closing heading "Explore Psychotherapy at the Mental
    # Health Center in Los Angeles" is an invitation since session 21 (marketing.cta.imperative)
    assert clinic.metric("marketing.cues") == 8
    assert "marketing.cta.imperative" in {f.rule for f in clinic.findings}
    assert clinic.metric("marketing.regions") == 1
    assert 0.05 < clinic.metric("marketing.region_share") < 0.2
    assert clinic.sections["marketing"]["families"]["self-promotion"] == 5


def test_score_is_stable_across_document_lengths(seed_docs):
    analyzer = MarketingAnalyzer()
    clinic = seed_docs[CLINIC].text
    once = analyzer.analyze(doc_of(clinic), AuditConfig()).scores["marketing"].value
    twice = analyzer.analyze(doc_of(clinic + "\n\n" + clinic), AuditConfig()).scores["marketing"].value
    assert abs(once - twice) <= 2.0
    closing = clinic[clinic.index("Explore Psychotherapy at"):]
    neutral = seed_docs[EDITORIAL].text[:1500]
    short = neutral + "\n\n" + closing
    longer = "\n\n".join([neutral, neutral, closing, neutral, neutral, closing])
    s_short = analyzer.analyze(doc_of(short), AuditConfig()).scores["marketing"].value
    s_long = analyzer.analyze(doc_of(longer), AuditConfig()).scores["marketing"].value
    assert abs(s_short - s_long) <= 5.0


def test_more_promotion_means_a_higher_score():
    analyzer = MarketingAnalyzer()
    body = "Therapy helps many people with anxiety. Sessions usually last fifty minutes. " * 10
    levels = [
        body,
        body + "\n\nOur therapists can help.",
        body + "\n\nAt the Harbor Clinic, we care. Our experienced therapists offer a free consultation. "
               "Contact us today or call (310) 555-0142. Don't wait!",
    ]
    scores = [analyzer.analyze(doc_of(t), AuditConfig()).scores["marketing"].value for t in levels]
    assert scores[0] == 0.0
    assert scores[0] < scores[1] < scores[2]


def test_short_text_gets_low_confidence_and_empty_text_does_not_crash():
    analyzer = MarketingAnalyzer()
    short = analyzer.analyze(doc_of("Contact us today."), AuditConfig()).scores["marketing"]
    assert short.confidence == "low"
    empty = analyzer.analyze(doc_of(" "), AuditConfig())
    assert empty.scores["marketing"].value == 0.0 and empty.section["regions"] == []
