"""Claim extraction: labelled precision/recall, the seeds' non-claims, exact spans, clause splits."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from audits.claims.extract import claim_spans, core_text, extract_claims, is_claim_sentence, judge, split_clauses
from audits.model import Source
from audits.prepare import prepare
from tests.audits.claims_data import precision_recall, rows
from tests.conftest import BLOG, CLINIC, EDITORIAL, SEED_IDS, SERBIAN


def test_labelled_set_is_big_enough_and_balanced() -> None:
    data = rows("claims_extraction.tsv")
    assert len(data) >= 80
    assert {lang for lang, *_ in data} == {"en", "sr"}
    assert sum(1 for lang, *_ in data if lang == "sr") >= 30
    assert {label for _, label, *_ in data} == {"0", "1"}


def test_extraction_precision_and_recall_on_labelled_set() -> None:
    data = rows("claims_extraction.tsv")
    for lang in ("en", "sr", None):
        subset = [r for r in data if lang is None or r[0] == lang]
        predicted = [is_claim_sentence(text) for _, _, _, text in subset]
        gold = [label == "1" for _, label, _, _ in subset]
        precision, recall = precision_recall(predicted, gold)
        # Figures reported in docs/claims.md; the floor set by the issue is 0.8.
        assert precision >= 0.9 and recall >= 0.9, (lang, precision, recall)


def test_each_kind_of_non_claim_is_dropped_for_its_reason() -> None:
    assert judge("Does talking to a stranger really help?").reason == "question"
    assert judge("Contact us today to book your first free consultation.").reason == "cta"
    assert judge("Kontaktirajte nas danas i zakažite prvi razgovor.").reason == "cta"
    assert judge("Great article, thank you so much for sharing!").reason == "comment"
    assert judge("Understanding the Therapeutic Relationship").reason == "heading"
    assert judge("In this article, we will explain the main ideas behind talk therapy.").reason == "meta"
    assert judge("Medically reviewed by Dr. Anna Smith, PhD.").reason == "navigation"
    verdict = judge("Regular physical exercise lowers the risk of developing depression.")
    assert verdict.is_claim and verdict.claim_type == "causal"
    assert judge("About 30 percent of clients stop therapy after two sessions.").claim_type == "statistical"


def test_seed_claims_have_exact_spans_and_no_calls_to_action(seed_docs) -> None:
    for sid in SEED_IDS:
        doc = seed_docs[sid]
        claims = extract_claims(doc)
        assert claims, sid
        for c in claims:
            assert doc.text[c.start : c.end] == c.text
            assert c.language == doc.language.code
        texts = " ".join(c.text for c in claims)
        assert "Contact us" not in texts and "Thank you" not in texts
    clinic = [c.text for c in extract_claims(seed_docs[CLINIC])]
    headings_and_ads = ("Establishing Trust", "How Does", "Explore Psychotherapy", "We offer")
    assert not any(t.startswith(headings_and_ads) for t in clinic)
    assert "Psychotherapy works through a collaborative relationship between the therapist and the client." in clinic
    editorial = extract_claims(seed_docs[EDITORIAL])
    refs = seed_docs[EDITORIAL].text.index("References")
    assert all(c.start < refs for c in editorial), "reference list entries are not claims"
    assert not any("Correspondence" in c.text or "Received:" in c.text for c in editorial)
    blog = [c.text for c in extract_claims(seed_docs[BLOG])]
    assert "It rewires the brain through neuroplasticity, enhancing emotional regulation." in blog
    assert not any(t.startswith("Does sitting down") for t in blog)


def test_reader_comment_and_cta_in_a_fresh_text_are_not_claims() -> None:
    text = (
        "Cognitive behavioural therapy reduces symptoms of panic disorder in most patients.\n"
        "Book a session today and discover a happier you.\n"
        "This article beautifully captures the essence of psychotherapy. Thank you!\n"
    )
    doc = prepare(Source(id="t", title="t", origin="pasted text", kind="text", text=text), "en")
    assert [c.text for c in extract_claims(doc)] == [
        "Cognitive behavioural therapy reduces symptoms of panic disorder in most patients."
    ]


def test_long_serbian_sentences_are_split_into_claims(seed_docs) -> None:
    doc = seed_docs[SERBIAN]
    claims = [c.text for c in extract_claims(doc)]
    assert len(claims) > len(doc.sentences)
    assert "Centralno mesto u psihoterapijskom procesu zauzima emocionalni odnos između klijenta i terapeuta" in claims
    assert any(t.startswith("a nastanak moderne psihoterapije") for t in claims)


def test_splits_keep_quotes_and_not_only_constructions_whole() -> None:
    quoted = 'He said, "I have had setbacks, but that does not define my entire worth as a person."'
    assert len(split_clauses(quoted)) == 1
    pair = ("Psihoterapija pomaže većini ljudi koji je redovno pohađaju, "
            "a lekovi pomažu onima kojima terapija ne pomaže.")
    parts = [s.of(pair) for s in split_clauses(pair)]
    assert parts == ["Psihoterapija pomaže većini ljudi koji je redovno pohađaju",
                     "a lekovi pomažu onima kojima terapija ne pomaže."]


def test_core_text_drops_reporting_frame_and_citations() -> None:
    framed = "Studies have shown that exercise lowers anxiety in adults [3]."
    assert core_text(framed) == "Exercise lowers anxiety in adults."
    assert core_text("Ispitivanja su pokazala da učenje menja veze između neurona (Kandel 1998).") == (
        "Učenje menja veze između neurona."
    )


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.integers(min_value=0, max_value=10_000))
def test_splitting_and_judging_never_crash_and_spans_stay_inside(text: str, offset: int) -> None:
    spans = split_clauses(text, offset)
    assert spans
    previous_end = offset
    for span in spans:
        assert offset <= span.start <= span.end <= offset + len(text)
        assert span.start >= previous_end
        previous_end = span.end
        judge(text[span.start - offset : span.end - offset])
    for span, verdict in claim_spans(text, offset):
        assert verdict.is_claim and offset <= span.start < span.end <= offset + len(text)
    core_text(text)


def test_extraction_on_held_out_sentences() -> None:
    data = rows("claims_extraction_heldout.tsv")
    assert len(data) >= 30
    predicted = [is_claim_sentence(text) for _, _, _, text in data]
    precision, recall = precision_recall(predicted, [label == "1" for _, label, _, _ in data])
    # Measured once, rules untouched afterwards: P 0.95 R 1.00 (one miss: "This guide covers…" read as a claim).
    assert precision >= 0.9 and recall >= 0.9, (precision, recall)
