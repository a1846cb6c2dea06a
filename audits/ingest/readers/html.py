"""HTML pages."""

from __future__ import annotations

import re

from audits.ingest.decode import decode_bytes
from audits.ingest.readers.base import Extracted
from audits.model import Metadata


def read_html(raw: bytes) -> Extracted:
    """HTML: the article text only, via trafilatura (scripts, navigation, footers dropped)."""
    import trafilatura

    markup, encoding = decode_bytes(raw)
    text = trafilatura.extract(
        markup,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        deduplicate=True,
    )
    if not text or not text.strip():
        # Very short pages fall below trafilatura's article heuristics: take the body text.
        text = trafilatura.html2txt(markup) or ""
    meta = trafilatura.extract_metadata(markup)
    metadata = Metadata()
    if meta is not None:
        authors = tuple(a.strip() for a in re.split(r";|\band\b", meta.author or "") if a.strip())
        dates = {"published": meta.date} if meta.date else {}
        metadata = Metadata(title=meta.title, authors=authors, dates=dates)
    return Extracted(text, encoding, metadata)
