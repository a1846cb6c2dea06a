"""Compare two audits of the same corpus: scores up/down, findings new/resolved/unchanged, claims added/dropped.

Works on the report's JSON form, so a live Report and a run stored in the history compare alike.
Findings are matched by fingerprint (rule + whitespace-normalised excerpt), the same identity the
history uses to carry editors' decisions over.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from audits.model import SCORE_INFO, SCORE_NAMES, finding_fingerprint
from audits.report import Report

# Which direction is an improvement for each score (None: neither, e.g. claim overlap is descriptive).
BETTER_WHEN: dict[str, str | None] = {name: info.better for name, info in SCORE_INFO.items()}
SCORE_TOLERANCE = 0.5  # changes smaller than this (on 0–100) count as unchanged


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


@dataclass(frozen=True)
class ScoreChange:
    """One score of one source in both runs."""

    source: str
    score: str
    old: float | None
    new: float | None

    @property
    def delta(self) -> float | None:
        """New minus old, or None when either is missing."""
        return None if self.old is None or self.new is None else self.new - self.old

    @property
    def direction(self) -> str:
        """'up', 'down', 'same', or 'n/a' when a value is missing."""
        d = self.delta
        if d is None:
            return "n/a"
        if abs(d) < SCORE_TOLERANCE:
            return "same"
        return "up" if d > 0 else "down"

    @property
    def verdict(self) -> str:
        """'better', 'worse', 'unchanged' or 'changed' (for scores with no better direction)."""
        if self.direction in ("same", "n/a"):
            return "unchanged"
        better = BETTER_WHEN.get(self.score)
        if better is None:
            return "changed"
        return "better" if self.direction == better else "worse"

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        delta = self.delta
        return {
            "source": self.source,
            "score": self.score,
            "old": _r(self.old),
            "new": _r(self.new),
            "delta": _r(delta),
            "direction": self.direction,
            "verdict": self.verdict,
        }


@dataclass(frozen=True)
class FindingChange:
    """A finding that appeared, disappeared or stayed between the runs."""

    source: str
    status: str  # new, resolved, unchanged
    rule: str
    severity: str
    message: str
    excerpt: str
    fingerprint: str

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "source": self.source,
            "status": self.status,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "excerpt": self.excerpt,
            "fingerprint": self.fingerprint,
        }


@dataclass(frozen=True)
class ClaimChange:
    """A claim a source made in one run and not the other."""

    source: str
    status: str  # added, dropped
    text: str

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"source": self.source, "status": self.status, "text": self.text}


@dataclass(frozen=True)
class RunDiff:
    """What changed between an older and a newer audit."""

    old_generated_at: str
    new_generated_at: str
    sources_added: tuple[str, ...]
    sources_removed: tuple[str, ...]
    sources_changed: tuple[str, ...]  # same id, different content hash
    scores: tuple[ScoreChange, ...]
    findings: tuple[FindingChange, ...]
    claims: tuple[ClaimChange, ...]
    labels: Mapping[str, str] = field(default_factory=dict)  # source id -> title

    def findings_with(self, status: str) -> list[FindingChange]:
        """Findings with one status: new, resolved or unchanged."""
        return [f for f in self.findings if f.status == status]

    def claims_with(self, status: str) -> list[ClaimChange]:
        """Claims with one status: added or dropped."""
        return [c for c in self.claims if c.status == status]

    def counts(self) -> dict[str, int]:
        """How many findings and claims fall in each group."""
        c = Counter(f.status for f in self.findings)
        k = Counter(x.status for x in self.claims)
        return {
            "new": c["new"],
            "resolved": c["resolved"],
            "unchanged": c["unchanged"],
            "claims_added": k["added"],
            "claims_dropped": k["dropped"],
            "scores_better": sum(1 for s in self.scores if s.verdict == "better"),
            "scores_worse": sum(1 for s in self.scores if s.verdict == "worse"),
        }

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "old_generated_at": self.old_generated_at,
            "new_generated_at": self.new_generated_at,
            "counts": self.counts(),
            "sources_added": list(self.sources_added),
            "sources_removed": list(self.sources_removed),
            "sources_changed": list(self.sources_changed),
            "scores": [s.to_dict() for s in self.scores],
            "findings": [f.to_dict() for f in self.findings],
            "claims": [c.to_dict() for c in self.claims],
        }

    def to_markdown(self) -> str:
        """A readable summary of the changes (source text escaped)."""
        from audits.exports.markdown_export import escape_md

        def title(sid: str) -> str:
            return escape_md(self.labels.get(sid, sid))

        n = self.counts()
        lines = [
            "# What changed between two audits",
            "",
            f"Older audit: {self.old_generated_at}; newer audit: {self.new_generated_at}.",
            "",
            f"Findings: {n['new']} new, {n['resolved']} resolved, {n['unchanged']} unchanged. "
            f"Claims: {n['claims_added']} added, {n['claims_dropped']} dropped. "
            f"Scores: {n['scores_better']} better, {n['scores_worse']} worse.",
            "",
        ]
        if self.sources_added or self.sources_removed or self.sources_changed:
            for label, ids in (("New sources", self.sources_added), ("Sources no longer audited",
                               self.sources_removed), ("Sources whose text changed", self.sources_changed)):
                if ids:
                    lines.append(f"- {label}: " + ", ".join(title(i) for i in ids))
            lines.append("")
        lines += ["## Scores", "", "| Source | Score | Before | After | Change | Verdict |",
                  "|---|---|---|---|---|---|"]
        for s in self.scores:
            delta = "–" if s.delta is None else f"{s.delta:+.0f}"
            lines.append(f"| {title(s.source)} | {s.score.replace('_', ' ')} | {_f(s.old)} | {_f(s.new)} | "
                         f"{delta} | {s.verdict} |")
        for status, heading in (("new", "New findings"), ("resolved", "Resolved findings")):
            items = self.findings_with(status)
            lines += ["", f"## {heading} ({len(items)})", ""]
            lines += [f"- {title(f.source)}: **{f.severity}** `{f.rule}`: {escape_md(f.message)} — "
                      f"“{escape_md(f.excerpt[:160])}”" for f in items] or ["None."]
        for status, heading in (("added", "Claims added"), ("dropped", "Claims dropped")):
            items = self.claims_with(status)
            lines += ["", f"## {heading} ({len(items)})", ""]
            lines += [f"- {title(c.source)}: {escape_md(c.text[:200])}" for c in items] or ["None."]
        return "\n".join(lines) + "\n"


def _r(value: float | None) -> float | None:
    return None if value is None else round(float(value), 2)


def _f(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def _as_dict(report: Report | Mapping[str, Any]) -> Mapping[str, Any]:
    return report.to_dict() if isinstance(report, Report) else report


def _claims_by_source(data: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for cluster in (data.get("claims") or {}).get("clusters", []):
        for m in cluster.get("members", []):
            out.setdefault(m["source"], {}).setdefault(_norm(m["text"]), " ".join(m["text"].split()))
    return out


def diff_reports(old: Report | Mapping[str, Any], new: Report | Mapping[str, Any]) -> RunDiff:
    """What changed from the old audit to the new one, source by source."""
    a, b = _as_dict(old), _as_dict(new)
    old_sources = {s["id"]: s for s in a.get("sources", [])}
    new_sources = {s["id"]: s for s in b.get("sources", [])}
    common = [sid for sid in new_sources if sid in old_sources]
    scores: list[ScoreChange] = []
    findings: list[FindingChange] = []
    for sid in common:
        before, after = old_sources[sid], new_sources[sid]
        for name in SCORE_NAMES:
            scores.append(ScoreChange(sid, name, (before.get("scores") or {}).get(name),
                                      (after.get("scores") or {}).get(name)))
        # Multisets: a phrase flagged twice and now once leaves one resolved.
        old_f = Counter(finding_fingerprint(f["rule"], f["excerpt"]) for f in before.get("findings", []))
        seen: Counter[str] = Counter()
        for f in after.get("findings", []):
            fp = finding_fingerprint(f["rule"], f["excerpt"])
            seen[fp] += 1
            status = "unchanged" if seen[fp] <= old_f[fp] else "new"
            findings.append(FindingChange(sid, status, f["rule"], f["severity"], f["message"], f["excerpt"], fp))
        left = old_f - seen
        for f in before.get("findings", []):
            fp = finding_fingerprint(f["rule"], f["excerpt"])
            if left[fp] > 0:
                left[fp] -= 1
                findings.append(FindingChange(sid, "resolved", f["rule"], f["severity"], f["message"],
                                              f["excerpt"], fp))
    claims: list[ClaimChange] = []
    old_claims, new_claims = _claims_by_source(a), _claims_by_source(b)
    for sid in common:
        before_c, after_c = old_claims.get(sid, {}), new_claims.get(sid, {})
        claims += [ClaimChange(sid, "added", t) for k, t in after_c.items() if k not in before_c]
        claims += [ClaimChange(sid, "dropped", t) for k, t in before_c.items() if k not in after_c]
    labels = {sid: s.get("title") or sid for sid, s in {**old_sources, **new_sources}.items()}
    return RunDiff(
        old_generated_at=str(a.get("generated_at", "")),
        new_generated_at=str(b.get("generated_at", "")),
        sources_added=tuple(sid for sid in new_sources if sid not in old_sources),
        sources_removed=tuple(sid for sid in old_sources if sid not in new_sources),
        sources_changed=tuple(sid for sid in common
                              if old_sources[sid].get("content_hash") != new_sources[sid].get("content_hash")),
        scores=tuple(scores),
        findings=tuple(findings),
        claims=tuple(claims),
        labels=labels,
    )
