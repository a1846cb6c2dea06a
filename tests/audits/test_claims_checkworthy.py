"""Check-worthiness classifier: shipped weights, provenance, and what an editor would expect on real sentences."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from audits.claims.checkworthy import WEIGHTS_FILE, is_checkworthy, probabilities, threshold, weights
from audits.embeddings import embed


def test_weights_ship_with_their_provenance_and_honest_figures() -> None:
    meta = weights()["meta"]
    assert WEIGHTS_FILE.stat().st_size < 500_000
    assert "dev split" in meta["trained_on"] and meta["cross_validated"]["grouped_by"] == "page"
    assert 0 < threshold("e5") < 1 and 0 < threshold("hash") < 1
    assert meta["cross_validated"]["e5"]["all"][0] >= 0.75  # out-of-fold precision on dev


def test_extra_training_sentences_are_opt_in_and_never_scored() -> None:
    """The project's own labelled sentences can be added to the fitting folds (``--extra``), never to a scored
    one, so cross-validated figures stay dev figures; the shipped weights say whether they were used (they
    are not: docs/claims.md 3d) and never use the held-out twin."""
    from audits.claims.train import EXTRA_FILE, extra_sentences, out_of_fold

    assert weights()["meta"].get("extra_training") is None
    texts, labels = extra_sentences()
    assert len(texts) == len(labels) >= 80 and 0 < int(labels.sum()) < len(labels)
    assert "heldout" not in EXTRA_FILE.name  # the held-out twin stays held out
    # Out-of-fold probabilities come only for the dev rows, whatever is added to the fitting folds.
    x = np.eye(10, 3)[np.arange(10) % 3]
    y = np.asarray([0, 1] * 5)
    probs = out_of_fold(x, y, [f"page{i % 5}" for i in range(10)], 1.0, (x[:4], y[:4]))
    assert probs.shape == (10,) and ((probs > 0) & (probs < 1)).all()


def test_extra_pages_keep_the_dev_pages_folds_and_never_share_a_fold_with_their_own_page() -> None:
    """With eval/extra pages added (``--extra-pages``), every dev page keeps the fold it had without them (so
    out-of-fold dev figures compare like with like), and no page's candidates are split across folds."""
    from audits.claims.train import FOLDS, fold_ids
    from audits.evaluation.labels import is_extra_page as is_extra

    dev = [f"en-blog-{i % 12}" for i in range(40)]
    extra = [f"sl-news-x{i % 9}" for i in range(30)]
    alone, mixed = fold_ids(dev), fold_ids(dev + extra)
    assert (mixed[:40] == alone).all()
    assert set(mixed) == set(range(FOLDS))
    for page in set(dev + extra):
        assert len({int(f) for p, f in zip(dev + extra, mixed, strict=True) if p == page}) == 1
    assert is_extra("sl-news-x9") and not is_extra("sl-news-50")


def test_held_out_sentences_keep_claims_and_drop_the_rest() -> None:
    """Rules then classifier on the held-out labelled sentences (never used for training or rules)."""
    from audits.claims.extract import core_text, is_claim_sentence
    from tests.audits.claims_data import precision_recall, rows

    data = rows("claims_extraction_heldout.tsv")
    texts = [r[3] for r in data]
    vectors, method = embed([core_text(t) for t in texts], "e5-small")
    assert method == "e5-small"
    kept = is_checkworthy(texts, vectors)
    predicted = [is_claim_sentence(t) and k for t, k in zip(texts, kept, strict=True)]
    precision, recall = precision_recall(predicted, [r[1] == "1" for r in data])
    # Measured when the classifier was refitted with the extra sentences: P 1.00 R 0.95 (the shipped one
    # before it: the same; one miss, "Internet-delivered CBT works about as well as face-to-face CBT…").
    assert precision >= 0.9 and recall >= 0.9, (precision, recall)


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


def test_hashed_ngrams_stay_inside_words_and_are_unit_length() -> None:
    from audits.claims.checkworthy import hashed_features

    m = hashed_features(["Therapy helps.", "therapy   HELPS.", "therapyhelps.", ""]).toarray()
    assert (m[0] == m[1]).all()  # case and spacing do not change the features
    assert (m[0] != m[2]).any()  # two words are not one word
    assert abs(float((m[0] ** 2).sum()) - 1.0) < 1e-5 and not m[3].any()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=80), max_size=6))
def test_hashed_ngrams_of_any_text_match_one_by_one(texts: list[str]) -> None:
    """Hashing a batch gives each text the features it gets alone (no n-gram leaks across texts)."""
    from audits.claims.checkworthy import hashed_features

    batch = hashed_features(texts).toarray()
    for i, t in enumerate(texts):
        assert np.allclose(batch[i], hashed_features([t]).toarray()[0])


def test_fast_scores_do_not_depend_on_batching_or_repeats(monkeypatch) -> None:
    """Repeated boilerplate and chunked hashing give every text the score it gets alone."""
    from audits.claims import checkworthy

    texts = [*CLAIMS, *NOT_CLAIMS, CLAIMS[0], NOT_CLAIMS[1], CLAIMS[0]]
    together = checkworthy.probabilities(texts, None)
    monkeypatch.setattr(checkworthy, "HASH_CHUNK", 2)
    chunked = checkworthy.probabilities(texts, None)
    alone = np.array([checkworthy.probabilities([t], None)[0] for t in texts])
    assert np.allclose(together, alone, atol=1e-6) and np.allclose(chunked, alone, atol=1e-6)
