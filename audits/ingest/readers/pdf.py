"""PDF files."""

from __future__ import annotations

import io
import re

from audits import budget
from audits.ingest.errors import IngestError
from audits.ingest.limits import DEFAULT, Limits
from audits.ingest.readers.base import Extracted
from audits.model import Metadata

MAX_PAGES = 2_000


def read_pdf(raw: bytes, limits: Limits = DEFAULT) -> Extracted:
    """PDF: the text layer of every page (pypdf); scanned PDFs without text are an error.

    A PDF encrypted with an empty user password (any viewer opens it without asking) is opened;
    pages are read one at a time, within the time budget and the text limit.
    """
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not _open_without_password(reader):
            raise IngestError("ingest.unreadable", "The PDF is password-protected.")
        if len(reader.pages) > MAX_PAGES:
            raise IngestError("ingest.too-large", f"The PDF has {len(reader.pages):,} pages, over the limit of "
                              f"{MAX_PAGES:,}: split it into smaller files.")
        pages = []
        size = 0
        for page in reader.pages:
            budget.check()
            pages.append(page.extract_text() or "")
            size += len(pages[-1])
            if size > limits.max_text_chars:
                raise IngestError("ingest.too-large", f"The PDF holds more than {limits.max_text_chars:,} characters "
                                  "of text (max_text_chars): split it into smaller files.")
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


def _open_without_password(reader) -> bool:  # type: ignore[no-untyped-def]
    """Try the empty password; True when the PDF opened."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # unsupported encryption (e.g. a crypto library missing): stays refused
        return False


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
