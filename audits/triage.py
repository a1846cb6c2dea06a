"""What to fix first: a source's findings grouped and ranked by their impact on a reader's safety and trust.

The ranking (documented in docs/dashboard.md) is, in order:
1. errors: the few findings that must be fixed before publishing (e.g. a money-back or outcome guarantee);
2. the impact tier of the rule: guarantees of outcome or money back, then safety (over-claims, uncited
   strong health claims), then trust (missing or broken references, uncited appeals to research,
   claims), then promotion, then readability, then everything else;
3. severity (warning before info), then how many times the problem occurs, then where it first appears.
Repetitive findings of one rule are one item ("23 sentences far above the target grade"), their
sentences ranked hardest first. The dashboard, the CLI and the exports all read the ranking from here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from audits.model import Finding, Severity, SourceReport

# Impact tiers: (name, what it means for the reader, rule-id prefixes). The first tier whose prefix
# matches a rule wins; a rule no prefix matches falls into "other".
TIERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("guarantee", "promises an outcome or a refund that no treatment can guarantee",
     ("marketing.guarantee.guarantees", "marketing.guarantee.refund", "marketing.guarantee.outcome",
      "marketing.model.guarantee")),
    ("safety", "could mislead a reader about treatment outcomes or health",
     ("marketing.guarantee.", "citations.unsupported-health-claim", "citations.model.overclaim",
      "claims.contradiction")),
    ("trust", "a reader cannot check where it comes from",
     ("citations.", "metadata.reviewed-without-references", "metadata.conflicting-affiliation", "claims.")),
    ("promotion", "reads as an advertisement", ("marketing.",)),
    ("readability", "hard to read", ("readability.",)),
    ("other", "worth a look", ("",)),
)
TIER_NAMES = tuple(t[0] for t in TIERS)

# How a group of one rule's findings is named ({n} is how many); other rules use their first message.
GROUP_TITLES: Mapping[str, str] = {
    "readability.very-hard-sentence": "{n} sentences far above the target grade",
    "readability.hard-sentence": "{n} sentences above the target grade",
    "readability.long-sentence": "{n} long sentences",
    "readability.long-paragraph": "{n} long paragraphs",
    "readability.passive-voice": "{n} sentences in the passive voice",
    "readability.unexplained-jargon": "{n} technical terms not explained",
    "citations.unsupported-evidence-claim": "{n} appeals to research that cite no source",
    "citations.unsupported-health-claim": "{n} strong health claims with no citation",
    "citations.attribution-without-source": "{n} people quoted without a source",
    "citations.unresolvable": "{n} citations readers cannot find",
    "citations.missing-reference": "{n} citations with no matching reference",
    "citations.off-topic-reference": "{n} references that do not match what the sentence says",
    "marketing.guarantee.guarantees": "{n} guarantees of treatment results",
    "marketing.guarantee.guarantees-sr": "{n} guarantees of treatment results",
    "marketing.guarantee.over-claims": "{n} absolute claims about how well treatment works",
}
# Learned-layer findings (marketing.model.*, citations.model.*): each finding's own message gives its
# confidence and closest labelled example; the group is named by family.
_LEARNED = {
    "marketing.model.cta": "calls to action", "marketing.model.contact": "contact or booking details",
    "marketing.model.self-promotion": "the publisher praising itself", "marketing.model.puffery": "promotional hype",
    "marketing.model.guarantee": "promised outcomes", "marketing.model.urgency": "pressure to act now",
    "marketing.model.emotional-hook": "emotional hooks used to sell",
    "citations.model.evidence-appeal": "appeals to research with no source",
    "citations.model.overclaim": "strong health claims with no source",
    "citations.model.statistic": "statistics with no source",
}
GROUP_TITLES = {**GROUP_TITLES, **{rule: f"{{n}} sentences the learned model reads as {what}"
                                   for rule, what in _LEARNED.items()}}
# Readability rules whose sentences are ranked by their reading grade, hardest first.
GRADED_RULES = frozenset({"readability.very-hard-sentence", "readability.hard-sentence",
                          "readability.long-sentence", "readability.passive-voice"})


def tier_of(rule: str) -> int:
    """The index in TIERS of a rule id (0 = most important)."""
    for i, (_, _, prefixes) in enumerate(TIERS):
        if any(rule.startswith(p) for p in prefixes):
            return i
    return len(TIERS) - 1


@dataclass(frozen=True)
class TriageItem:
    """One thing to fix: a single finding, or every finding of one rule in a source (ranked)."""

    rule: str
    category: str
    severity: Severity
    tier: int
    title: str
    findings: tuple[Finding, ...]
    grades: tuple[float | None, ...] = ()  # reading grade of each finding's sentence, when ranked by grade

    @property
    def count(self) -> int:
        """How many findings the item stands for."""
        return len(self.findings)

    @property
    def tier_name(self) -> str:
        """safety, trust, promotion, readability or other."""
        return TIERS[self.tier][0]

    @property
    def why(self) -> str:
        """Why the tier matters, in words."""
        return TIERS[self.tier][1]

    @property
    def suggestion(self) -> str | None:
        """What to do (the first finding's suggestion)."""
        return next((f.suggestion for f in self.findings if f.suggestion), None)

    @property
    def fix_first(self) -> bool:
        """Whether the item belongs on the fix-first list: errors, warnings and anything touching safety."""
        return self.severity.rank >= Severity.WARNING.rank or self.tier <= 1  # guarantee and safety items always

    def sort_key(self) -> tuple[int, int, int, int, int]:
        """Errors first, then impact tier, then severity, then how often, then position in the text."""
        return (0 if self.severity is Severity.ERROR else 1, self.tier, -self.severity.rank, -self.count,
                min(f.start for f in self.findings))

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"rule": self.rule, "category": self.category, "severity": self.severity.value,
                "tier": self.tier_name, "title": self.title, "count": self.count,
                "findings": [f.to_dict() for f in self.findings]}


def _sentence_grades(s: SourceReport) -> list[tuple[int, int, float]]:
    out = []
    for sent in s.sections.get("readability", {}).get("sentences") or []:
        if isinstance(sent, Mapping) and isinstance(sent.get("grade"), int | float):
            out.append((int(sent.get("start", 0)), int(sent.get("end", 0)), float(sent["grade"])))
    return out


def _grade_at(grades: Sequence[tuple[int, int, float]], f: Finding) -> float | None:
    return next((g for a, b, g in grades if a <= f.start < b), None)


def _item(rule: str, findings: list[Finding], grades: Sequence[tuple[int, int, float]]) -> TriageItem:
    first = findings[0]
    severity = max((f.severity for f in findings), key=lambda sev: sev.rank)
    graded: tuple[float | None, ...] = ()
    if rule in GRADED_RULES and len(findings) > 1:
        pairs = sorted(((_grade_at(grades, f), f) for f in findings),
                       key=lambda p: (-(p[0] if p[0] is not None else -1.0), p[1].start))
        findings = [f for _, f in pairs]
        graded = tuple(g for g, _ in pairs)
    if len(findings) == 1:
        title = first.message
    else:
        known = GROUP_TITLES.get(rule)
        # Messages quote source text, which may hold braces: only our own titles are format strings.
        title = known.format(n=len(findings)) if known else f"{len(findings)} × {first.message}"
    return TriageItem(rule, first.category, severity, tier_of(rule), title, tuple(findings), graded)


def triage(s: SourceReport, findings: Iterable[Finding] | None = None) -> tuple[TriageItem, ...]:
    """Every finding of a source (or the given subset) grouped by rule and ranked, most urgent first."""
    by_rule: dict[str, list[Finding]] = {}
    for f in s.findings if findings is None else findings:
        by_rule.setdefault(f.rule, []).append(f)
    grades = _sentence_grades(s)
    items = [_item(rule, sorted(fs, key=lambda f: f.start), grades) for rule, fs in by_rule.items()]
    return tuple(sorted(items, key=TriageItem.sort_key))


def fix_first(s: SourceReport) -> tuple[TriageItem, ...]:
    """The ranked items a source should fix first (errors, warnings and anything touching safety)."""
    return tuple(i for i in triage(s) if i.fix_first)


def urgency(s: SourceReport) -> tuple[int, int, int, int]:
    """How much a source has to fix, as a sort key (smaller = more urgent).

    The gravest must-fix error first (a money-back promise outranks seven uncited health claims), then
    how many errors, then the gravest item on the fix-first list, then how many items.
    """
    items = fix_first(s)
    errors = [f for f in s.findings if f.severity is Severity.ERROR]
    worst_error = min((tier_of(f.rule) for f in errors), default=len(TIERS))
    best = min((i.tier for i in items), default=len(TIERS))
    return (worst_error, -len(errors), best, -len(items))


def most_to_fix(sources: Iterable[SourceReport]) -> SourceReport | None:
    """The readable source with the most urgent fix-first list (the Overview's "Most to fix")."""
    readable = [s for s in sources if s.source.ok]
    if not readable:
        return None
    return min(readable, key=lambda s: (*urgency(s), s.source.title))


def summary(s: SourceReport) -> str:
    """One line on what a source has to fix, e.g. '1 must-fix error · 6 items to fix first · top: ...'."""
    items = fix_first(s)
    errors = sum(1 for f in s.findings if f.severity is Severity.ERROR)
    if not items:
        return "nothing to fix first"
    head = f"{errors} must-fix error{'s' if errors != 1 else ''} · " if errors else ""
    return f"{head}{len(items)} item{'s' if len(items) != 1 else ''} to fix first · top: {items[0].title}"


__all__ = ["GROUP_TITLES", "TIERS", "TIER_NAMES", "TriageItem", "fix_first", "most_to_fix", "summary", "tier_of",
           "triage", "urgency"]
