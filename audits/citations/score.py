"""The 0-100 citation score: consistency, support of evidence claims, and relevance of what is cited.

Documented in docs/scores.md ("citations"). Higher = consistent and supported. The ladder an editor
expects: citations that resolve > citations that cannot be resolved > evidence claimed with no source
(capped at UNCITED_CAP); claims attributed to named bodies (NICE, WHO, a named survey) > nothing cited.
"""

from __future__ import annotations

from dataclasses import dataclass

from audits.model import Score

WEIGHTS = {"consistency": 0.4, "support": 0.4, "relevance": 0.2, "attribution": 0.2}
PENALTY = {"error": 20.0, "warning": 10.0, "info": 2.0}
UNCITED_CAP = 20.0  # a source that claims evidence but cites nothing (no citation, no named source) scores at most this
NAMED_ONLY_CAP = 70.0  # named bodies but no formal citation: findable, but not a reference list
NOTHING = 40.0  # no citation, no named source and no evidence claim: nothing cited, nothing to check


@dataclass(frozen=True)
class ScoreInputs:
    """What the score is computed from."""

    consistency_errors: int
    consistency_warnings: int
    consistency_infos: int
    evidence_claims: int
    supported_claims: int
    citations: int
    relevance_checked: int
    relevance_fit: int
    relevance_method: str = ""
    named_sources: int = 0  # sentences attributing to a named, findable body or study (NICE, WHO, a 2019 survey…)
    resolved_citations: int | None = None  # citations that resolve to a reference entry (None: all of them)


def citation_score(x: ScoreInputs) -> Score:
    """Weighted mean of the available parts; capped when evidence is claimed with no citation at all."""
    consistency = max(0.0, 100.0 - PENALTY["error"] * x.consistency_errors
                      - PENALTY["warning"] * x.consistency_warnings - PENALTY["info"] * x.consistency_infos)
    parts: dict[str, float] = {}
    if x.citations or x.consistency_errors or x.consistency_warnings:
        parts["consistency"] = consistency
    if x.evidence_claims:
        parts["support"] = 100.0 * x.supported_claims / x.evidence_claims
    if x.relevance_checked:
        parts["relevance"] = 100.0 * x.relevance_fit / x.relevance_checked
    if x.named_sources:
        parts["attribution"] = 100.0
    if not parts:
        return Score(NOTHING, "low", f"No citations, no named sources and no appeals to evidence: nothing cited and "
                                     f"nothing to check, so {NOTHING:.0f}.")
    total = sum(WEIGHTS[k] for k in parts)
    value = sum(WEIGHTS[k] * v for k, v in parts.items()) / total
    words = []
    if "consistency" in parts:
        words.append(f"consistency {consistency:.0f} ({x.consistency_errors} errors, "
                     f"{x.consistency_warnings} warnings)")
    if "support" in parts:
        words.append(f"{x.supported_claims}/{x.evidence_claims} evidence claims cited")
    if "relevance" in parts:
        words.append(f"{x.relevance_fit}/{x.relevance_checked} cited references fit their sentences")
    if "attribution" in parts:
        words.append(f"{x.named_sources} sentences name a findable source")
    explanation = "; ".join(words)
    if x.evidence_claims and not x.citations and not x.named_sources:
        value = min(value, UNCITED_CAP)
        explanation = (f"{x.evidence_claims} evidence claims and no citation at all: capped at "
                       f"{UNCITED_CAP:.0f}. " + explanation)
    elif x.named_sources and not x.citations:
        value = min(value, NAMED_ONLY_CAP)
        explanation = (f"named sources but no citation to a reference: capped at {NAMED_ONLY_CAP:.0f}. "
                       + explanation)
    elif x.citations and x.resolved_citations == 0:
        # "Smith et al. (2019) found…" with no reference list: findable at best, like a named source, so it never
        # ranks above a page whose citations resolve (the ladder above).
        value = min(value, NAMED_ONLY_CAP)
        explanation = (f"no citation resolves to a reference list entry: capped at {NAMED_ONLY_CAP:.0f}. "
                       + explanation)
    low = (x.evidence_claims + x.citations) < 3 or "fallback" in x.relevance_method
    return Score(round(max(0.0, min(100.0, value)), 1), "low" if low else "normal", explanation)
