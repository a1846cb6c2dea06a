"""HTML pages."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from audits.ingest.decode import decode_with_warnings
from audits.ingest.limits import DEFAULT, Limits
from audits.ingest.readers.base import Extracted
from audits.model import Metadata


def read_html(raw: bytes, limits: Limits = DEFAULT) -> Extracted:
    """HTML: the article text only, via trafilatura (scripts, navigation, footers dropped).

    lxml, under trafilatura, stops building the tree 255 levels deep, so a deeply nested page came
    out "empty"; when trafilatura finds nothing, a streaming pass (no tree, no depth limit, no
    entities resolved) collects the visible text instead.
    """
    import trafilatura

    markup, encoding, warnings = decode_with_warnings(raw)
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
    if not text.strip():
        text = visible_text(markup)
    meta = trafilatura.extract_metadata(markup)
    metadata = Metadata()
    if meta is not None:
        authors = tuple(a.strip() for a in re.split(r";|\band\b", meta.author or "") if a.strip())
        dates = {"published": meta.date} if meta.date else {}
        metadata = Metadata(title=meta.title, authors=authors, dates=dates)
    return Extracted(text, encoding, metadata, warnings)


_HIDDEN = frozenset({"script", "style", "template", "noscript", "head", "title", "svg", "iframe", "object"})
_BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
                     "blockquote", "pre", "header", "footer", "table", "ul", "ol", "dd", "dt"})


class _Text(HTMLParser):
    """Visible text of any page, however deep: a flat pass over the tags, nothing kept but text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:  # type: ignore[type-arg]
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(markup: str) -> str:
    """The visible text of a page with block tags as line breaks (scripts and styles dropped)."""
    parser = _Text()
    parser.feed(markup)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n\n".join(line for line in lines if line)
