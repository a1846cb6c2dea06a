"""The core types: what flows from ingest to the report.

Every type is a frozen dataclass; mappings inside them are treated as read-only.
Data moves one way: Source -> Document -> AnalysisResult -> SourceReport -> Report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

CATEGORIES = ("readability", "marketing", "citations", "claims", "metadata", "ingest")
SCORE_NAMES = ("readability", "marketing", "citations", "claim_overlap")


@dataclass(frozen=True)
class ScoreInfo:
    """What a score means: its title, what a higher value says, and which way is an improvement."""

    title: str
    higher_means: str  # short, e.g. "easier" in "higher = easier"
    better: str | None  # "up", "down", or None when the score describes rather than judges


# The one definition every view (dashboard, charts, exports, diff) takes titles and directions from.
SCORE_INFO: dict[str, ScoreInfo] = {
    "readability": ScoreInfo("Readability", "easier", "up"),
    "marketing": ScoreInfo("Marketing", "more promotional", "down"),
    "citations": ScoreInfo("Citations", "better supported", "up"),
    "claim_overlap": ScoreInfo("Claim overlap", "more shared claims", None),
}


class Severity(StrEnum):
    """How much a finding matters; ordered info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Position in the order info < warning < error."""
        return ("info", "warning", "error").index(self.value)

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        """Read a severity from its name, with a clear error for anything else."""
        try:
            return cls(str(getattr(value, "value", value)).lower())
        except ValueError:
            raise ValueError(f"unknown severity {value!r}: use info, warning or error") from None


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """How many of the findings have each severity, every severity present (0 when none)."""
    counts = {s.value: 0 for s in Severity}
    for f in findings:
        counts[f.severity.value] += 1
    return counts


def finding_fingerprint(rule: str, excerpt: str) -> str:
    """A finding's identity across audits: its rule and its flagged text, whitespace normalised.

    Stored findings (history, diffs) are plain JSON, so this works on the two fields alone.
    """
    return f"{rule}|{' '.join(str(excerpt).split())}"


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) in a source's cleaned text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def of(self, text: str) -> str:
        """The text this span covers."""
        return text[self.start : self.end]

    def contains(self, other: Span) -> bool:
        """Whether other lies inside this span."""
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        """Whether the two spans share at least one character."""
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Removed:
    """A piece of page furniture taken out of the text, and why."""

    text: str
    reason: str
    line: int  # 1-based line number in the decoded original


@dataclass(frozen=True)
class Metadata:
    """What a text states about itself: byline, review, dates, identifiers."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    reviewers: tuple[str, ...] = ()
    affiliations: tuple[str, ...] = ()
    dates: Mapping[str, str] = field(default_factory=dict)  # label -> ISO date
    doi: str | None = None
    emails: tuple[str, ...] = ()
    correspondence: str | None = None
    # Where each item was found: item label -> Span, so the dashboard can point at it.
    spans: Mapping[str, Span] = field(default_factory=dict)

    def merged(self, other: Metadata) -> Metadata:
        """Fill this metadata's gaps from other (self wins where both have a value)."""

        def union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(dict.fromkeys(a + b))

        return Metadata(
            title=self.title or other.title,
            authors=union(self.authors, other.authors),
            reviewers=union(self.reviewers, other.reviewers),
            affiliations=union(self.affiliations, other.affiliations),
            dates={**other.dates, **self.dates},
            doi=self.doi or other.doi,
            emails=union(self.emails, other.emails),
            correspondence=self.correspondence or other.correspondence,
            spans={**other.spans, **self.spans},
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "title": self.title,
            "authors": list(self.authors),
            "reviewers": list(self.reviewers),
            "affiliations": list(self.affiliations),
            "dates": dict(self.dates),
            "doi": self.doi,
            "emails": list(self.emails),
            "correspondence": self.correspondence,
        }


@dataclass(frozen=True)
class Source:
    """One article as read from a file, a URL or pasted text, or why it could not be read."""

    id: str
    title: str
    origin: str
    kind: str  # txt, md, html, pdf, docx, text, url
    text: str = ""
    encoding: str | None = None
    removed: tuple[Removed, ...] = ()
    metadata: Metadata = field(default_factory=Metadata)
    content_hash: str = ""
    error: str | None = None
    error_rule: str | None = None  # e.g. "ingest.empty"
    language_override: str | None = None
    warnings: tuple[tuple[str, str], ...] = ()  # (rule, message) from ingest, e.g. mixed encodings

    @property
    def ok(self) -> bool:
        """Whether the source was read and has text to audit."""
        return self.error is None


@dataclass(frozen=True)
class Language:
    """The language a document is written in, and how sure we are."""

    code: str  # ISO 639-1, e.g. "en", "sr"
    name: str
    confidence: float  # 0..1
    family: str | None = None  # e.g. "sr/hr/bs" when decided within a family
    script: str = "latin"  # latin or cyrillic
    method: str = ""  # how it was decided, in words
    overridden: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "code": self.code,
            "name": self.name,
            "confidence": round(self.confidence, 3),
            "family": self.family,
            "script": self.script,
            "method": self.method,
            "overridden": self.overridden,
        }


@dataclass(frozen=True)
class Document:
    """A readable Source prepared once: language, sentences and paragraphs with offsets."""

    source: Source
    language: Language
    sentences: tuple[Span, ...]
    paragraphs: tuple[Span, ...]
    metadata: Metadata
    word_count: int

    @property
    def text(self) -> str:
        """The cleaned text every span points into."""
        return self.source.text

    def sentence_texts(self) -> list[str]:
        """The sentences as strings, in order."""
        return [s.of(self.source.text) for s in self.sentences]


@dataclass(frozen=True)
class Finding:
    """One piece of evidence: a rule that fired on an exact span of a source's text."""

    rule: str  # "<analyzer>.<rule>"
    category: str
    severity: Severity
    message: str
    start: int
    end: int
    excerpt: str
    suggestion: str | None = None
    link: str | None = None
    related: tuple[RelatedSpan, ...] = ()

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown category {self.category!r}")
        if "." not in self.rule:
            raise ValueError(f"rule id {self.rule!r} must look like <analyzer>.<rule>")
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end} for {self.rule}")

    @property
    def fingerprint(self) -> str:
        """Identity that survives re-audits while the flagged text is unchanged."""
        return finding_fingerprint(self.rule, self.excerpt)

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        out: dict[str, Any] = {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity.value,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "excerpt": self.excerpt,
        }
        if self.suggestion:
            out["suggestion"] = self.suggestion
        if self.link:
            out["link"] = self.link
        if self.related:
            out["related"] = [r.to_dict() for r in self.related]
        return out


@dataclass(frozen=True)
class RelatedSpan:
    """A second span a finding points at (e.g. the other side of a contradiction)."""

    source: str
    start: int
    end: int
    excerpt: str

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"source": self.source, "start": self.start, "end": self.end, "excerpt": self.excerpt}


@dataclass(frozen=True)
class Metric:
    """A named number measured on a source, e.g. readability.smog."""

    name: str
    value: float | None
    label: str = ""
    unit: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        value = None if self.value is None else round(float(self.value), 4)
        return {"name": self.name, "value": value, "label": self.label, "unit": self.unit}


@dataclass(frozen=True)
class Score:
    """A 0-100 score with how sure it is and how it was reached, in words."""

    value: float | None
    confidence: str = "normal"  # normal or low
    explanation: str = ""

    def __post_init__(self) -> None:
        if self.value is not None and not 0 <= self.value <= 100:
            raise ValueError(f"score {self.value} outside 0..100")


@dataclass(frozen=True)
class AnalysisResult:
    """What one analyzer found in one document."""

    findings: tuple[Finding, ...] = ()
    metrics: tuple[Metric, ...] = ()
    section: Mapping[str, Any] = field(default_factory=dict)  # JSON-ready details
    scores: Mapping[str, Score] = field(default_factory=dict)


@dataclass(frozen=True)
class SourceReport:
    """Everything the audit says about one source."""

    source: Source
    document: Document | None
    findings: tuple[Finding, ...]
    metrics: tuple[Metric, ...]
    scores: Mapping[str, Score]
    sections: Mapping[str, Mapping[str, Any]]  # analyzer id -> details

    @property
    def id(self) -> str:
        """The source's id."""
        return self.source.id

    def score(self, name: str) -> float | None:
        """The value of one of the four scores, or None."""
        s = self.scores.get(name)
        return None if s is None else s.value

    def severity_counts(self) -> dict[str, int]:
        """How many findings of each severity (info, warning, error)."""
        return severity_counts(self.findings)

    def metric(self, name: str) -> float | None:
        """The value of a named metric, or None."""
        for m in self.metrics:
            if m.name == name:
                return m.value
        return None


@dataclass(frozen=True)
class ClaimMember:
    """One claim made by one source, with its span."""

    source: str
    text: str
    start: int
    end: int
    language: str
    claim_type: str = ""  # statistical, efficacy, causal, definitional or factual

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        out = {
            "source": self.source,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "language": self.language,
        }
        if self.claim_type:
            out["type"] = self.claim_type
        return out


@dataclass(frozen=True)
class ClaimCluster:
    """Claims from one or more sources that say the same thing."""

    id: str
    label: str
    members: tuple[ClaimMember, ...]
    kind: str  # consensus, shared or unique

    @property
    def sources(self) -> tuple[str, ...]:
        """The distinct sources making this claim, in order of first appearance."""
        return tuple(dict.fromkeys(m.source for m in self.members))

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "id": self.id,
            "label": self.label,
            "kind": self.kind,
            "sources": list(self.sources),
            "members": [m.to_dict() for m in self.members],
        }


@dataclass(frozen=True)
class ClaimsResult:
    """Claim clusters across the corpus and the source x source overlap."""

    method: str
    clusters: tuple[ClaimCluster, ...] = ()
    source_ids: tuple[str, ...] = ()
    overlap: tuple[tuple[float, ...], ...] = ()  # Jaccard over clusters, source x source
    details: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "method": self.method,
            "clusters": [c.to_dict() for c in self.clusters],
            "overlap": {
                "sources": list(self.source_ids),
                "matrix": [[round(v, 4) for v in row] for row in self.overlap],
            },
            **dict(self.details),
        }


def make_finding(
    doc: Document,
    rule: str,
    category: str,
    severity: Severity | str,
    message: str,
    span: Span,
    suggestion: str | None = None,
    link: str | None = None,
) -> Finding:
    """A finding whose excerpt is exactly the text under its span (shared by every analyzer and domain package)."""
    return Finding(
        rule=rule,
        category=category,
        severity=Severity.parse(severity),
        message=message,
        start=span.start,
        end=span.end,
        excerpt=span.of(doc.text),
        suggestion=suggestion,
        link=link,
    )


# Croatian and Bosnian are written in the ijekavian reflex ("riječ", "provjeriti"); a rule worded in ekavian Serbian
# ("reč", "proveriti") can carry an ijekavian wording for their pages.
IJEKAVIAN_LANGUAGES = frozenset({"hr", "bs"})


@dataclass(frozen=True)
class Wording:
    """What a finding tells the editor: the message and what to do."""

    message: str
    suggestion: str | None = None


def wording_for(language: str, default: Wording, ijekavian: Wording | None) -> Wording:
    """A rule's wording for a page in this language: the ijekavian one on Croatian and Bosnian pages when there is
    one (its suggestion, when it has none of its own, is the default's), else the default."""
    if ijekavian is None or language not in IJEKAVIAN_LANGUAGES:
        return default
    return Wording(ijekavian.message, ijekavian.suggestion or default.suggestion)


def clamp(value: float, low: float = 0.0, high: float = 100.0) -> float:
    """Keep a score inside 0..100."""
    return max(low, min(high, value))
