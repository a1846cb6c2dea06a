"""The raster images a PDF holds, read from its objects (pypdf's ``page.images`` decodes and re-encodes each
one as PNG on every page: 35 s on the seed report, where reading the objects takes under a second)."""

from __future__ import annotations

import hashlib
from typing import Any


def _collect(xobjects: Any, out: set[tuple[str, int, int]]) -> None:
    for ref in (xobjects or {}).values():
        obj = ref.get_object()
        if obj.get("/Subtype") == "/Image":
            out.add((hashlib.sha256(obj.get_data()).hexdigest(), int(obj["/Width"]), int(obj["/Height"])))
        elif obj.get("/Subtype") == "/Form":  # WeasyPrint may wrap a picture in a form object
            _collect(obj.get("/Resources", {}).get("/XObject"), out)


def pdf_images(reader: Any) -> set[tuple[str, int, int]]:
    """Distinct images of a pypdf PdfReader: (hash of the decoded pixels, width, height)."""
    out: set[tuple[str, int, int]] = set()
    for page in reader.pages:
        _collect(page.get("/Resources", {}).get("/XObject"), out)
    return out
