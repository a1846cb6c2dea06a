"""Is a pair of claims the same claim? A small logistic regression over several signals.

The signals (audits.claims.pairfeatures): centred embedding cosine, neighbour rank, shared key
terms, numbers that clash, and whether the two claims are in different language groups (with its
interaction with the cosine: translations score lower than paraphrases in one language). Optionally
also a weight per embedding dimension on the product of the two vectors (a learned, weighted cosine:
which directions of meaning make two sentences the same claim rather than the same topic). The
probability is compared with a threshold per language pair (en-en, within, bcs-en, sl-en, cross),
each chosen on labelled pairs by page-grouped cross-validation (docs/claims.md).

Weights and provenance: audits/data/claims_pairs.json, rebuilt by
`python -m audits.claims.pairtrain` (docs/claims.md). Read once, never written: thread-safe.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from audits.claims.pairfeatures import ClaimSignals, pair_features

WEIGHTS_FILE = Path(__file__).resolve().parent.parent / "data" / "claims_pairs.json"
# Model inputs: the pair features, then the language-group indicator and its product with the cosine.
INPUTS = ("cosine", "rank", "terms", "numbers_clash", "cross_group", "cross_group_x_cosine")
_USED = (0, 1, 2, 4)  # positions of the pair features (audits.claims.pairfeatures.FEATURES) in INPUTS


def model_inputs(a: ClaimSignals, b: ClaimSignals, cosine: float, rank: int, cross: bool) -> list[float]:
    """The INPUTS of one pair."""
    f = pair_features(a, b, cosine, rank)
    return [*(f[i] for i in _USED), float(cross), float(cross) * cosine]


@dataclass(frozen=True)
class PairScorer:
    """Coefficients over INPUTS (unstandardised), bias, the threshold per language pair, and optionally a
    weight per embedding dimension for the product of the two claims' vectors."""

    method: str
    coef: tuple[float, ...]
    bias: float
    thresholds: tuple[tuple[str, float], ...]
    neighbours: int  # the rank a pair gets when it is not in either claim's neighbour list
    product: np.ndarray | None = field(default=None, compare=False)  # read-only; None: the scorer uses INPUTS alone

    def probability(self, inputs: list[float], u: np.ndarray | None = None, v: np.ndarray | None = None) -> float:
        """Probability that the pair is the same claim (u, v: the two centred vectors, used when the scorer has
        product weights)."""
        z = self.bias + sum(c * x for c, x in zip(self.coef, inputs, strict=True))
        if self.product is not None:
            if u is None or v is None:
                raise ValueError("this scorer weighs the product of the two vectors: pass them")
            z += float(np.dot(u * v, self.product))
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def threshold(self, key: str) -> float:
        """The operating threshold for a language pair key (audits.claims.cluster.pair_key)."""
        return dict(self.thresholds).get(key, 0.5)


@lru_cache(maxsize=4)
def load_scorer(method: str, path: Path = WEIGHTS_FILE) -> PairScorer | None:
    """The trained scorer for "e5-small" or "tfidf-char", or None when none is shipped."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    entry = data.get("scorers", {}).get(method)
    if entry is None:
        return None
    if tuple(entry["inputs"]) != INPUTS:
        raise ValueError(f"{path}: inputs {entry['inputs']} do not match {INPUTS}; rebuild the weights")
    product = None
    if entry.get("product_coef") is not None:
        product = np.asarray(entry["product_coef"], dtype=np.float32)
        product.setflags(write=False)  # shared by every audit in the process: never written
    return PairScorer(method, tuple(float(c) for c in entry["coef"]), float(entry["bias"]),
                      tuple(sorted((k, float(v)) for k, v in entry["thresholds"].items())),
                      int(entry["neighbours"]), product)


__all__ = ["INPUTS", "WEIGHTS_FILE", "PairScorer", "load_scorer", "model_inputs"]
