"""Citation consistency and evidence support (the parts live in audits/citations/).

Guidance: the JAMA benchmarks (Silberg et al., JAMA 1997: authorship, attribution,
disclosure, currency), the reference checks of manuscript tools such as Recite and Edifix
(every citation resolves, every entry is cited, authors and years agree), the ICMJE
recommendations on numbering and authorship, and Sumner et al., BMJ 2014 on unsupported
health claims.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from audits.analyzers.base import make_finding, sentence_index_at
from audits.citations.collect import collect_citations
from audits.citations.consistency import Resolution, consistency_findings, in_citation_order, resolve
from audits.citations.evidence import (
    KIND_FAMILY,
    EvidenceClaim,
    all_rules,
    count_named_sources,
    find_evidence_claims,
    sentence_context,
)
from audits.citations.intext import InTextCitation, citation_style
from audits.citations.jama import jama_checklist
from audits.citations.metadata_checks import metadata_findings
from audits.citations.references import Reference, parse_references
from audits.citations.relevance import RelevancePair, score_pairs
from audits.citations.score import ScoreInputs, citation_score
from audits.config import AuditConfig
from audits.marketing import model
from audits.model import AnalysisResult, Document, Finding, Metric, RelatedSpan, Severity, Span
from audits.prepare.language import latin_with_offsets
from audits.prepare.literals import folded, may_match

EVIDENCE_KINDS = ("appeal", "health-claim", "statistic")


def _relevance(
    doc: Document, citations: list[InTextCitation], resolutions: list[Resolution], config: AuditConfig
) -> tuple[list[RelevancePair], list[tuple[InTextCitation, Span, Reference]]]:
    items: list[tuple[str, str, str, str]] = []
    where: list[tuple[InTextCitation, Span, Reference]] = []
    seen: set[tuple[int, str]] = set()
    for c, res in zip(citations, resolutions, strict=True):
        ref = res.reference
        if res.status != "resolved" or ref is None:
            continue
        index = sentence_index_at(doc, c.start)
        if index is None or (index, ref.key) in seen:
            continue
        seen.add((index, ref.key))
        sentence = doc.sentences[index]
        items.append((c.key, ref.key, sentence.of(doc.text), ref.title or ref.text))
        where.append((c, sentence, ref))
    if not items:
        return [], []
    return score_pairs(items, "tfidf-char" if config.fast else "e5-small"), where


def _relevance_findings(
    doc: Document, pairs: list[RelevancePair], where: list[tuple[InTextCitation, Span, Reference]]
) -> list[Finding]:
    findings = []
    for pair, (c, sentence, ref) in zip(pairs, where, strict=True):
        if pair.fits:
            continue
        label = f"[{c.key}]" if c.style == "numeric" else c.key
        finding = make_finding(
            doc, "citations.off-topic-reference", "citations", Severity.WARNING,
            f"The work cited as {label} does not seem to be about what this sentence says. "
            f"Sentence: \"{pair.sentence}\" Cited work: \"{pair.reference_text}\" "
            f"(similarity {pair.similarity:.2f}, below {pair.threshold:.2f}).", sentence,
            "Check that the right work is cited here; cite one that supports this statement.")
        related = RelatedSpan(doc.source.id, ref.start, ref.end, doc.text[ref.start : ref.end])
        findings.append(replace(finding, related=(related,)))
    return findings


def _evidence_findings(doc: Document, claims: list[EvidenceClaim]) -> list[Finding]:
    findings = []
    for claim in claims:
        if claim.supported:
            continue
        wording = claim.rule.wording(doc.language.code)
        findings.append(make_finding(doc, claim.rule.id, "citations", claim.rule.severity, wording.message,
                                     claim.sentence, wording.suggestion or None, claim.rule.link or None))
    return findings


def _with_model(doc: Document, claims: list[EvidenceClaim], citations: list[InTextCitation],
                rules: tuple, body_end: int, config: AuditConfig,
                entries: tuple[tuple[int, int], ...] = ()) -> tuple[list[EvidenceClaim], list[Finding], dict[str, int]]:
    """The learned layer (default mode, where shipped enabled for the page's language), joined with the
    rules by ``model.combine``: an unsupported appeal or statistic (not an error) in a sentence the model
    finds no unsupported evidence in is dropped; a sentence no rule caught that the model scores high
    becomes a finding, held to the rules' context (a supported, hedged-for-over-claims sentence, a
    heading or a question is never reported). Also returns what the layer did on this page (sentences it
    scored, rule findings it dropped, findings it added), for the report's citations section."""
    if config.fast or not model.enabled("evidence", doc.language.code):
        return claims, [], {"sentences_scored": 0, "dropped": 0, "added": 0}
    context = sentence_context(doc, citations, rules, body_end, entries)
    models = model.load_models()
    probs, vecs = model.sentence_probabilities(doc.sentence_texts(), model.EVIDENCE, models)
    index = {s: i for i, s in enumerate(doc.sentences)}
    flagged = [c for c in claims if not c.supported]
    hits = [(index.get(c.sentence), c.rule.severity is not Severity.ERROR and KIND_FAMILY.get(c.rule.kind) in models)
            for c in flagged]

    keep, added = model.combine(probs, hits, model.policy("evidence"), context.allows)
    dropped = {id(c) for c, k in zip(flagged, keep, strict=True) if not k}
    out = model.added_findings(doc, added, vecs, models, "citations.model.", "citations", config.rule_enabled)
    summary = {"sentences_scored": len(probs), "dropped": len(dropped), "added": len(out)}
    return [c for c in claims if id(c) not in dropped], out, summary


class CitationsAnalyzer:
    """In-text citations against the reference list; evidence claims; relevance; metadata; JAMA checklist."""

    id = "citations"
    description = ("In-text citations against the reference list, evidence claims without support, whether cited "
                   "works fit their sentences, metadata consistency and the JAMA benchmarks.")
    scope = "document"

    def analyze(self, doc: Document, config: AuditConfig) -> AnalysisResult:
        """Findings, metrics, the citations section and the 0-100 citation score for one document."""
        text = doc.text
        refs, heading = parse_references(text)
        body_end = heading[0] if heading else len(text)
        spans = [(r.start, r.end) for r in refs]
        citations = collect_citations(text, refs, heading)
        resolutions = resolve(citations, refs, has_list=bool(refs), ordered=in_citation_order(text, refs))
        findings = consistency_findings(doc, citations, refs, resolutions, heading)
        consistency = list(findings)
        evidence_rules = all_rules(config.rule_files)
        # Rules that cannot match anywhere in the (Latin) text cannot match one of its sentences: only the
        # others for its language are tried sentence by sentence (the same claims, audits/prepare/literals.py).
        lowered = folded(latin_with_offsets(text)[0])
        present = tuple(r for r in evidence_rules if r.applies_to(doc.language.code) and may_match(r.pattern, lowered))
        claims = find_evidence_claims(doc, citations, present, body_end, tuple(spans))
        claims, learned, learned_summary = _with_model(doc, claims, citations, evidence_rules, body_end, config,
                                                       tuple(spans))
        findings += _evidence_findings(doc, claims)
        findings += learned
        pairs, where = _relevance(doc, citations, resolutions, config)
        findings += _relevance_findings(doc, pairs, where)
        findings += metadata_findings(doc, has_references=bool(refs), has_citations=bool(citations))
        findings = [f for f in findings if config.rule_enabled(f.rule)]
        consistency = [f for f in consistency if config.rule_enabled(f.rule)]

        evidence = [c for c in claims if c.rule.kind in EVIDENCE_KINDS]
        supported = sum(1 for c in evidence if c.supported)
        cited = [c for c in citations if c.style != "footnote"]
        unresolved = sum(1 for c, r in zip(citations, resolutions, strict=True)
                         if c.style != "footnote" and r.status != "resolved")
        fit = sum(1 for p in pairs if p.fits)
        by_severity = {s: sum(1 for f in consistency if f.severity is s) for s in Severity}
        score = citation_score(ScoreInputs(
            consistency_errors=by_severity[Severity.ERROR], consistency_warnings=by_severity[Severity.WARNING],
            consistency_infos=by_severity[Severity.INFO], evidence_claims=len(evidence), supported_claims=supported,
            citations=len(cited), relevance_checked=len(pairs), relevance_fit=fit,
            relevance_method=pairs[0].method if pairs else "",
            named_sources=count_named_sources(doc, present, body_end),
            resolved_citations=len(cited) - unresolved))
        jama = jama_checklist(doc, len(refs), len(cited), unresolved)
        section: dict[str, Any] = {
            "style": citation_style(citations),
            "in_text": [{**c.to_dict(), "status": r.status, "resolved_to": r.reference.key if r.reference else None,
                         "resolved_at": r.reference.start if r.reference else None}
                        for c, r in zip(citations, resolutions, strict=True)],
            "references": [r.to_dict() for r in refs],
            "evidence": [{"rule": c.rule.id, "kind": c.rule.kind, "start": c.sentence.start, "end": c.sentence.end,
                          "match": c.match.of(text), "supported": c.supported} for c in claims],
            "relevance": [{"citation": p.citation_key, "reference": p.reference_key, "sentence": p.sentence,
                           "reference_text": p.reference_text, "similarity": p.similarity,
                           "threshold": p.threshold, "fits": p.fits, "method": p.method} for p in pairs],
            "jama": jama,
            "learned": learned_summary,  # the learned evidence layer on this page (all 0 when it did not run)
        }
        metrics = (
            Metric("citations.in_text", float(len(cited)), "In-text citations"),
            Metric("citations.references", float(len(refs)), "Reference list entries"),
            Metric("citations.unresolved", float(unresolved), "Citations that do not resolve"),
            Metric("citations.evidence_appeals", float(len(evidence)), "Evidence claims"),
            Metric("citations.evidence_supported", float(supported), "Evidence claims with a citation nearby"),
            Metric("citations.relevance_checked", float(len(pairs)), "Citation-reference pairs checked"),
            Metric("citations.relevance_fit", float(fit), "Cited references that fit their sentence"),
            Metric("citations.jama_met", float(sum(int(v["met"]) for v in jama.values())), "JAMA benchmarks met",
                   "of 4"),
        )
        return AnalysisResult(tuple(findings), metrics, section, {"citations": score})
