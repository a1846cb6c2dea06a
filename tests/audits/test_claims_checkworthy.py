"""Check-worthiness classifier: shipped weights, provenance, and what an editor would expect on real sentences."""

from __future__ import annotations

from audits.claims.checkworthy import WEIGHTS_FILE, is_checkworthy, probabilities, threshold, weights
from audits.embeddings import embed


def test_weights_ship_with_their_provenance_and_honest_figures() -> None:
    meta = weights()["meta"]
    assert WEIGHTS_FILE.stat().st_size < 500_000
    assert "dev split" in meta["trained_on"] and meta["cross_validated"]["grouped_by"] == "page"
    assert 0 < threshold("e5") < 1 and 0 < threshold("hash") < 1
    assert meta["cross_validated"]["e5"]["all"][0] >= 0.75  # out-of-fold precision on dev


CLAIMS = [
    "One in four adults will experience a mental health problem in any given year.",
    "Cognitive behavioural therapy is as effective as antidepressants for mild depression.",
    "Psihoterapija je jedan od najefikasnijih načina lečenja anksioznosti.",
]
NOT_CLAIMS = [
    "Here at our practice, we believe that support means meeting people where they are.",
    "The ceremony was attended by representatives of the municipality and the health centre.",
    "I hope to collaboratively create that space with you.",
]


def test_claims_pass_and_self_description_does_not() -> None:
    texts = CLAIMS + NOT_CLAIMS
    vectors, method = embed(texts, "e5-small")
    assert method == "e5-small"
    keep = is_checkworthy(texts, vectors)
    assert keep[: len(CLAIMS)] == [True] * len(CLAIMS), probabilities(texts, vectors)
    assert sum(keep[len(CLAIMS) :]) <= 1, probabilities(texts, vectors)


def test_fast_mode_classifier_ranks_claims_above_furniture() -> None:
    probs = probabilities([*CLAIMS, "Share this article on Facebook", "Posted in Anxiety, Depression"], None)
    assert min(probs[: len(CLAIMS)]) > max(probs[len(CLAIMS) :])
