"""One reader per file format (bytes in, text out); READERS maps extensions to readers.

Adding a format is adding one module and one entry here.
"""

from __future__ import annotations

from collections.abc import Callable

from audits.ingest.readers.base import Extracted
from audits.ingest.readers.docx import read_docx
from audits.ingest.readers.html import read_html
from audits.ingest.readers.markdown import read_markdown
from audits.ingest.readers.pdf import read_pdf
from audits.ingest.readers.text import read_txt

Reader = Callable[[bytes], Extracted]

READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".text": read_txt,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".pdf": read_pdf,
    ".docx": read_docx,
}

__all__ = ["READERS", "Extracted", "Reader"]
