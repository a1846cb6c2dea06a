"""The analyzer interface: per-document analyzers and corpus-wide analyzers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from audits.config import AuditConfig
from audits.model import AnalysisResult, ClaimsResult, Document, clamp, make_finding


@runtime_checkable
class DocumentAnalyzer(Protocol):
    """Looks at one document at a time; may run in parallel workers."""

    id: str
    description: str
    scope: str  # "document"

    def analyze(self, doc: Document, config: AuditConfig) -> AnalysisResult:
        """Findings, metrics, details and scores for one document."""
        ...


@dataclass(frozen=True)
class CorpusResult:
    """What a corpus analyzer found: per-source results plus the corpus-wide claims view."""

    per_source: Mapping[str, AnalysisResult] = field(default_factory=dict)
    claims: ClaimsResult | None = None


@runtime_checkable
class CorpusAnalyzer(Protocol):
    """Looks at all documents together (e.g. claim overlap).

    The engine calls ``collect`` on each document as soon as its per-document stage is done and
    keeps only what it returns (small and picklable), then ``analyze_collected`` once over the
    corpus: the prepared documents need not stay in memory (audits/spill.py).
    ``analyze_corpus(docs)`` is the same as ``analyze_collected([collect(d) for d in docs])``.
    """

    id: str
    description: str
    scope: str  # "corpus"

    def collect(self, doc: Document) -> Any:
        """What this analyzer needs of one document for the corpus stage."""
        ...

    def analyze_collected(self, collected: Sequence[Any], config: AuditConfig) -> CorpusResult:
        """Results for every document, from what collect() took of each, computed together."""
        ...

    def analyze_corpus(self, docs: Sequence[Document], config: AuditConfig) -> CorpusResult:
        """Results for every document, computed together."""
        ...


def sentence_index_at(doc: Document, offset: int) -> int | None:
    """Index of the sentence containing a character offset, or None."""
    for i, s in enumerate(doc.sentences):
        if s.start <= offset < s.end:
            return i
    return None


__all__ = [
    "CorpusAnalyzer",
    "CorpusResult",
    "DocumentAnalyzer",
    "Sequence",
    "clamp",
    "make_finding",
    "sentence_index_at",
]
