"""Is a candidate claim check-worthy? A small logistic-regression classifier over the rule survivors.

The rules in audits.claims.extract drop what has a clear shape (questions, calls to action,
headings, reference entries...). What is left still holds much that an editor would not want
sourced: a service describing itself, event reports, testimonials, reassurance, slogans. Those
differ in meaning rather than shape, so a linear classifier decides, over

* default mode: the multilingual-e5-small vector of the claim (the one clustering uses anyway, so
  nothing is embedded twice) plus a few shape features;
* fast mode (no model): hashed character 2-4-grams plus the same shape features.

Weights, the operating thresholds and their provenance are in audits/data/claims_checkworthy.npz,
trained on the evaluation corpus's dev split (`python -m audits.claims.train`, docs/claims.md).
The weights are read once and never written: safe to share between threads.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from audits.embeddings import distinct  # numpy only: no model is loaded
from audits.prepare.reference_shape import reference_signals
from audits.weights import read_only_arrays

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

WEIGHTS_FILE = Path(__file__).resolve().parent.parent / "data" / "claims_checkworthy.npz"
HASH_FEATURES = 2**15

_I = re.IGNORECASE
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# First and second person: a provider or reader addressed, rather than a statement about the world.
_FIRST = re.compile(r"\b(i|we|our|us|my|me|mi|naš\w*|moj\w*|nas|smo|sam|jaz|naš|naša|naše|midva|mene)\b", _I)
_SECOND = re.compile(r"\b(you|your|yours|vi|vaš\w*|ti|tvoj\w*|vas|vam|lahko\s+se|vaša)\b", _I)
_MODAL = re.compile(r"\b(can|may|might|could|should|must|will|može|mogu|treba|morate|lahko|mora|bi)\b", _I)
_EVIDENCE = re.compile(r"\b(stud\w+|research\w*|evidence|trial\w*|meta-analys\w*|review|istraživanj\w*|"
                       r"studij\w*|raziskav\w*|dokaz\w*)\b", _I)

SHAPE_FEATURES = (
    "log_words", "has_digit", "percent", "first_person", "second_person", "modal", "evidence_word",
    "ends_colon", "no_final_stop", "capital_ratio", "reference_signals", "quote_marks",
)


def shape_features(text: str) -> np.ndarray:
    """A few language-light shape signals of one candidate claim."""
    body = text.strip()
    words = _WORD.findall(body)
    n = max(1, len(words))
    capitals = sum(w[:1].isupper() for w in words[1:]) / n
    return np.asarray([
        np.log1p(len(words)) / 4.0,
        bool(re.search(r"\d", body)),
        bool(re.search(r"%|\bpercent\b|\bposto\b|\bodstot", body, _I)),
        min(len(_FIRST.findall(body)), 3) / 3.0,
        min(len(_SECOND.findall(body)), 3) / 3.0,
        bool(_MODAL.search(body)),
        bool(_EVIDENCE.search(body)),
        body.endswith(":"),
        not re.search(r"[.!…;\"”’»)\]]\s*$", body),
        capitals,
        min(reference_signals(body), 5) / 5.0,
        bool(re.search(r"[\"“”„«»]", body)),
    ], dtype=np.float32)


_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit constants of a multiplicative hash
_STEP = np.uint64(0xBF58476D1CE4E5B9)


def hashed_ngrams(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hashed character 2-4-grams inside word boundaries (each word padded with one space), counted
    per text and L2-normalised: the (row, bucket, value) triplets of a texts × HASH_FEATURES matrix.

    Written with numpy over the texts' code points rather than scikit-learn's HashingVectorizer:
    importing scikit-learn took over a second of a one-file `--fast` audit's cold start (issue 18),
    and the whole batch is hashed in a few vector operations instead of one Python call per n-gram.
    The hash is fixed here (a polynomial over code points, then a multiplicative mix), so the same
    text gives the same buckets on every machine and the shipped weights stay valid.
    """
    if not texts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float32)
    # One string for the batch: padded words joined by NUL (no n-gram may cross a NUL).
    pieces = ["\0".join(f" {w} " for w in t.lower().split()) for t in texts]
    joined = "\0".join(pieces)
    cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    lengths = np.fromiter((len(p) + 1 for p in pieces), dtype=np.int64, count=len(pieces))
    row_of = np.repeat(np.arange(len(texts)), lengths)[: len(cp)]
    nul = np.concatenate([[0], np.cumsum(cp == 0)])  # NULs before each position
    rows, buckets = [], []
    with np.errstate(over="ignore"):
        h = np.zeros(len(cp), dtype=np.uint64)
        for n in range(1, 5):
            if n > len(cp):
                break
            h = h[: len(cp) - n + 1] * _STEP + cp[n - 1:] + np.uint64(1)
            if n < 2:
                continue
            starts = np.flatnonzero(nul[n:] - nul[: len(cp) - n + 1] == 0)
            mixed = (h[starts] + np.uint64(n)) * _MIX
            buckets.append(((mixed >> np.uint64(33)) % np.uint64(HASH_FEATURES)).astype(np.int64))
            rows.append(row_of[starts])
    row = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    bucket = np.concatenate(buckets) if buckets else np.zeros(0, dtype=np.int64)
    keys, counts = np.unique(row * HASH_FEATURES + bucket, return_counts=True)
    row, bucket = keys // HASH_FEATURES, keys % HASH_FEATURES
    values = counts.astype(np.float64)
    norms = np.sqrt(np.bincount(row, weights=values * values, minlength=len(texts)))
    return row, bucket, (values / norms[row]).astype(np.float32)


def hashed_features(texts: list[str]) -> csr_matrix:
    """The hashed n-grams as a scipy CSR matrix (training; prediction never imports scipy)."""
    from scipy.sparse import csr_matrix

    row, bucket, values = hashed_ngrams(texts)
    return csr_matrix((values, (row, bucket)), shape=(len(texts), HASH_FEATURES), dtype=np.float32)


@lru_cache(maxsize=1)
def weights() -> dict[str, np.ndarray | dict]:
    """The trained weights (read-only arrays) and their metadata."""
    arrays = read_only_arrays(WEIGHTS_FILE)
    out: dict[str, np.ndarray | dict] = {k: v for k, v in arrays.items() if k != "meta"}
    out["meta"] = json.loads(str(arrays["meta"]))
    return out


def threshold(method: str) -> float:
    """The operating threshold of the method's classifier (chosen by page-grouped cross-validation)."""
    meta = weights()["meta"]
    return float(meta["threshold_e5" if method == "e5" else "threshold_hash"])


def probabilities(texts: list[str], vectors: np.ndarray | None) -> np.ndarray:
    """Check-worthiness of each text: over e5 vectors when given, else over hashed n-grams."""
    if not texts:
        return np.zeros(0, dtype=np.float32)
    w = weights()
    unique, inverse = distinct(texts)  # repeated candidates (boilerplate across pages) are read once
    shape = np.stack([shape_features(t) for t in unique])[inverse]
    if vectors is not None:
        x = np.hstack([np.asarray(vectors, dtype=np.float32), shape])
        z = x @ w["coef_e5"] + float(w["bias_e5"])
    else:
        z = _hashed_scores(texts, w["coef_hash_ngrams"]) + shape @ w["coef_hash_shape"] + float(w["bias_hash"])
    return 1.0 / (1.0 + np.exp(-z))


HASH_CHUNK = 4096  # distinct texts hashed at once: bounds the n-gram arrays on large corpora


def _hashed_scores(texts: list[str], coef: np.ndarray) -> np.ndarray:
    """The n-gram part of the fast-mode score: each distinct text once, in bounded chunks."""
    unique, inverse = distinct(texts)
    scores = np.zeros(len(unique))
    for at in range(0, len(unique), HASH_CHUNK):
        chunk = unique[at:at + HASH_CHUNK]
        row, bucket, values = hashed_ngrams(chunk)
        scores[at:at + len(chunk)] = np.bincount(row, weights=values * coef[bucket], minlength=len(chunk))
    return scores[inverse]


def is_checkworthy(texts: list[str], vectors: np.ndarray | None) -> list[bool]:
    """Which candidates pass the classifier at its operating threshold."""
    cut = threshold("e5" if vectors is not None else "hash")
    return [bool(p >= cut) for p in probabilities(texts, vectors)]


__all__ = ["SHAPE_FEATURES", "WEIGHTS_FILE", "hashed_features", "hashed_ngrams", "is_checkworthy", "probabilities",
           "shape_features", "threshold", "weights"]
