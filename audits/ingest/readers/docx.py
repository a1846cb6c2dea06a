"""Word (.docx) files."""

from __future__ import annotations

import io

from audits.ingest.errors import IngestError
from audits.ingest.readers.base import Extracted
from audits.model import Metadata


def read_docx(raw: bytes) -> Extracted:
    """Word documents: paragraph and table text (python-docx), author from core properties."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, ValueError, KeyError, OSError) as exc:
        raise IngestError("ingest.unreadable", f"The Word file could not be opened ({exc}).") from None
    except Exception as exc:  # zipfile.BadZipFile and friends from a damaged file
        raise IngestError("ingest.unreadable", f"The Word file is damaged ({type(exc).__name__}).") from None
    blocks = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            blocks.append(" | ".join(cell.text for cell in row.cells))
    props = document.core_properties
    metadata = Metadata(title=props.title or None, authors=(props.author,) if props.author else ())
    return Extracted("\n\n".join(b for b in blocks if b.strip()), None, metadata)
