"""The analyzer registry: one literal tuple, no import side effects."""

from __future__ import annotations

from audits.analyzers.base import CorpusAnalyzer, CorpusResult, DocumentAnalyzer
from audits.analyzers.citations import CitationsAnalyzer
from audits.analyzers.claims import ClaimsAnalyzer
from audits.analyzers.marketing import MarketingAnalyzer
from audits.analyzers.readability import ReadabilityAnalyzer

DOCUMENT_ANALYZERS: tuple[DocumentAnalyzer, ...] = (
    ReadabilityAnalyzer(),
    MarketingAnalyzer(),
    CitationsAnalyzer(),
)
CORPUS_ANALYZERS: tuple[CorpusAnalyzer, ...] = (ClaimsAnalyzer(),)

__all__ = ["CORPUS_ANALYZERS", "DOCUMENT_ANALYZERS", "CorpusAnalyzer", "CorpusResult", "DocumentAnalyzer"]
