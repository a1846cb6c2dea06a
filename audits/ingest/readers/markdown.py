"""Markdown files."""

from __future__ import annotations

from audits.ingest.decode import decode_with_warnings
from audits.ingest.limits import DEFAULT, Limits
from audits.ingest.readers.base import Extracted
from audits.model import Metadata


def read_markdown(raw: bytes, limits: Limits = DEFAULT) -> Extracted:
    """Markdown: the rendered text of each block, markup dropped (markdown-it-py)."""
    from markdown_it import MarkdownIt

    source, encoding, warnings = decode_with_warnings(raw)
    tokens = MarkdownIt("commonmark").parse(source)
    blocks: list[str] = []
    title = None
    heading = False
    for token in tokens:
        if token.type == "heading_open":
            heading = True
        elif token.type == "inline":
            parts = []
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append(" ")
            line = "".join(parts).strip()
            if line:
                blocks.append(line)
                if heading and title is None:
                    title = line
            heading = False
        elif token.type in ("code_block", "fence"):
            blocks.append(token.content.strip())
    return Extracted("\n\n".join(blocks), encoding, Metadata(title=title), warnings)
