"""Word (.docx) files."""

from __future__ import annotations

import io

from audits.ingest.errors import IngestError
from audits.ingest.limits import DEFAULT, Limits, check_zip
from audits.ingest.readers.base import Extracted
from audits.model import Metadata


def read_docx(raw: bytes, limits: Limits = DEFAULT) -> Extracted:
    """Word documents: paragraph and table text (python-docx), author from core properties.

    The archive is checked first (entries, unpacked size, XML depth: audits/ingest/limits.py).
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    check_zip(raw, limits)

    try:
        document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, ValueError, KeyError, OSError) as exc:
        raise IngestError("ingest.unreadable", f"The Word file could not be opened ({exc}).") from None
    except Exception as exc:  # zipfile.BadZipFile and friends from a damaged file
        raise IngestError("ingest.unreadable", f"The Word file is damaged ({type(exc).__name__}).") from None
    blocks = []
    size = 0
    for p in document.paragraphs:
        blocks.append(p.text)
        size += len(p.text)
        if size > limits.max_text_chars:
            _too_long(size, limits)
    for table in document.tables:
        for row in table.rows:
            blocks.append(" | ".join(cell.text for cell in row.cells))
            size += len(blocks[-1])
            if size > limits.max_text_chars:
                _too_long(size, limits)
    props = document.core_properties
    metadata = Metadata(title=props.title or None, authors=(props.author,) if props.author else ())
    return Extracted("\n\n".join(b for b in blocks if b.strip()), None, metadata)


def _too_long(size: int, limits: Limits) -> None:
    raise IngestError(
        "ingest.too-large",
        f"The Word file holds more than {limits.max_text_chars:,} characters of text (max_text_chars): "
        "split it into smaller files.",
    )
