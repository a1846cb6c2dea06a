"""PDF files."""

from __future__ import annotations

import io
import re

from audits.ingest.errors import IngestError
from audits.ingest.readers.base import Extracted
from audits.model import Metadata


def read_pdf(raw: bytes) -> Extracted:
    """PDF: the text layer of every page (pypdf); scanned PDFs without text are an error."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            raise IngestError("ingest.unreadable", "The PDF is password-protected.")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise IngestError("ingest.unreadable", f"The PDF could not be read ({exc}).") from None
    text = "\n\n".join(_reflow(p) for p in pages)
    if not text.strip():
        raise IngestError("ingest.unreadable", "The PDF has no text layer (a scan?): nothing to audit.")
    title = (info.title if info else None) or None
    author = (info.author if info else None) or None
    return Extracted(text, None, Metadata(title=title, authors=(author,) if author else ()))


def _reflow(page_text: str) -> str:
    """Join hard-wrapped lines of a PDF page into paragraphs."""
    paragraphs = re.split(r"\n\s*\n", page_text)
    out = []
    for para in paragraphs:
        lines = [ln.strip() for ln in para.split("\n") if ln.strip()]
        joined = ""
        for ln in lines:
            if joined.endswith("-") and ln[:1].islower():
                joined = joined[:-1] + ln
            elif joined:
                joined += ("\n" if _ends_block(joined) else " ") + ln
            else:
                joined = ln
        out.append(joined)
    return "\n\n".join(p for p in out if p)


def _ends_block(line: str) -> bool:
    last = line.rsplit("\n", 1)[-1]
    return len(last.split()) <= 8 and not last.endswith((",", ";"))
