"""From candidate claims to the vectors they are matched on (shared by the analyzer and the pair trainer).

Embed (e5, or TF-IDF in fast mode and as the fallback), keep only the check-worthy candidates
(audits.claims.checkworthy), centre e5 vectors by language (audits.claims.cluster).
"""

from __future__ import annotations

import numpy as np

from audits.claims.checkworthy import is_checkworthy
from audits.claims.cluster import centre_by_language
from audits.claims.distributed import current, embed_distributed
from audits.claims.extract import core_text
from audits.embeddings import embed, embed_tfidf
from audits.model import ClaimMember


def claim_vectors(members: list[ClaimMember], fast: bool) -> tuple[str, list[ClaimMember], np.ndarray]:
    """The method used, the check-worthy members kept, and their (centred) vectors, one row each."""
    method = "tfidf-char" if fast else "e5-small"
    if not members:
        return method, [], np.zeros((0, 0), dtype=np.float32)
    client = current()  # under --engine dask: embed on the audit's cluster, in partitions
    vectors = None  # fast mode: TF-IDF is fitted once, on the kept claims only (below)
    if method == "e5-small":
        texts = [core_text(m.text) for m in members]
        vectors, method = embed_distributed(client, texts, method) if client is not None else embed(texts, method)
    # Keep only the check-worthy candidates: over the e5 vectors just computed, or over hashed
    # n-grams when there is no model; TF-IDF is then refitted on the kept ones.
    keep = is_checkworthy([m.text for m in members], vectors if method == "e5-small" else None)
    kept = [m for m, k in zip(members, keep, strict=True) if k]
    if not kept:
        return method, [], np.zeros((0, 0), dtype=np.float32)
    if method == "e5-small" and vectors is not None:
        vectors = centre_by_language(vectors[np.flatnonzero(keep)], [m.language for m in kept])
    else:
        vectors = embed_tfidf([core_text(m.text) for m in kept])
    return method, kept, vectors


__all__ = ["claim_vectors"]
