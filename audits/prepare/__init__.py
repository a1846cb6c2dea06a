"""Prepare: a Source becomes a Document (language, paragraphs, sentences, metadata), once."""

from __future__ import annotations

from audits.model import Document, Metadata, Source
from audits.prepare.language import detect_language
from audits.prepare.metadata import extract_metadata
from audits.prepare.sentences import count_words, paragraph_spans, sentence_spans

__all__ = ["prepare"]


def prepare(source: Source, language_override: str | None = None) -> Document:
    """Compute everything analyzers share about a readable source."""
    if not source.ok:
        raise ValueError(f"source {source.id} has an error and cannot be prepared: {source.error}")
    text = source.text
    language = detect_language(text, language_override or source.language_override)
    paragraphs = paragraph_spans(text)
    sentences = sentence_spans(text, paragraphs, language.code)
    stated = extract_metadata(text)
    removed_text = "\n".join(r.text for r in source.removed)
    # Bylines, dates and the page's own DOI line sit in the furniture that was removed ("Author: ...",
    # "Published: ...", "DOI https://doi.org/..."): they are metadata, kept here without spans.
    from_removed = extract_metadata(removed_text) if removed_text else None
    metadata = stated.merged(source.metadata)
    if from_removed is not None:
        metadata = metadata.merged(Metadata(authors=from_removed.authors, reviewers=from_removed.reviewers,
                                            dates=from_removed.dates, doi=from_removed.doi))
    if metadata.title is None:
        metadata = metadata.merged(Metadata(title=source.title))
    return Document(
        source=source,
        language=language,
        sentences=tuple(sentences),
        paragraphs=tuple(paragraphs),
        metadata=metadata,
        word_count=count_words(text),
    )
