"""Ingest: files, uploads, pasted text and URLs become Sources (or Sources with an error)."""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from audits import budget
from audits.config import AuditConfig
from audits.ingest.decode import MIXED_SUGGESTION, MIXED_WARNING
from audits.ingest.errors import IngestError
from audits.ingest.furniture import normalise_whitespace, original_line_numbers, remove_furniture
from audits.ingest.limits import DEFAULT, Limits, check_text
from audits.ingest.mojibake import REPAIRED_RULE, REPAIRED_SUGGESTION, repair_encoding
from audits.ingest.readers import READERS, Extracted
from audits.ingest.scripts import MIXED_SCRIPT_RULE, MIXED_SCRIPT_SUGGESTION, mixed_script_warning, unmix_scripts
from audits.ingest.url import _too_large, fetch
from audits.model import Source

__all__ = [
    "READERS",
    "IngestError",
    "expand_paths",
    "ingest_bytes",
    "ingest_path",
    "ingest_paths",
    "ingest_text",
    "ingest_url",
    "slugify",
    "unique_ids",
    "warning_suggestion",
]

# What the user can do about each warning ingest attaches to a Source (shown beside it as the finding's advice).
_WARNING_SUGGESTIONS = {MIXED_WARNING[0]: MIXED_SUGGESTION, MIXED_SCRIPT_RULE: MIXED_SCRIPT_SUGGESTION,
                        REPAIRED_RULE: REPAIRED_SUGGESTION}


def warning_suggestion(rule: str) -> str:
    """The advice for an ingest warning (an encoding one's when the rule is not known)."""
    return _WARNING_SUGGESTIONS.get(rule, MIXED_SUGGESTION)


def slugify(name: str) -> str:
    """A file-name-like id: lower case ASCII letters, digits and dashes."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:80] or "source"


def _title_from_name(name: str) -> str:
    """With no headline at the top of the page, the file name in words."""
    words = re.sub(r"[-_]+", " ", Path(name).stem).strip()
    return words[:1].upper() + words[1:] if words else "Untitled source"


def _from_extracted(
    sid: str, name: str, origin: str, kind: str, raw: bytes, extracted: Extracted, limits: Limits = DEFAULT
) -> Source:
    check_text(extracted.text, limits)
    budget.check()
    # Letters garbled by a wrong encoding before the text reached us ("veÄ‡", "pomoæ"); no line break moves.
    repaired, repair_note = repair_encoding(extracted.text)
    # For HTML, trafilatura already dropped the page furniture; this pass catches leftovers.
    normalised = normalise_whitespace(repaired)
    # Latin words spelt with Cyrillic look-alikes (or the reverse) in one alphabet; letter for letter.
    normalised, unmixed = unmix_scripts(normalised)
    warnings = (extracted.warnings + (((REPAIRED_RULE, repair_note),) if repair_note else ())
                + ((mixed_script_warning(unmixed),) if unmixed else ()))
    cleaned = remove_furniture(normalised)
    text, removed = cleaned.text, cleaned.removed
    if removed:  # line numbers of the file as decoded, not of the whitespace-normalised copy
        numbers = original_line_numbers(repaired, normalised)
        removed = tuple(replace(r, line=numbers[r.line - 1]) if 0 < r.line <= len(numbers) else r for r in removed)
    if not text.strip():
        raise IngestError("ingest.empty", "The source is empty: there is no text to audit.")
    # The headline is found where the furniture is (ingest/headline.py): never a label, date or menu item.
    title = (unmix_scripts(repair_encoding(extracted.metadata.title or "")[0])[0] or cleaned.headline
             or _title_from_name(name))
    return Source(
        id=sid,
        title=title,
        origin=origin,
        kind=kind,
        text=text,
        encoding=extracted.encoding,
        removed=removed,
        metadata=extracted.metadata,
        content_hash=hashlib.sha256(raw).hexdigest(),
        warnings=warnings,
    )


def _failed(sid: str, name: str, origin: str, kind: str, error: IngestError, raw: bytes = b"") -> Source:
    return Source(
        id=sid,
        title=name,
        origin=origin,
        kind=kind,
        error=error.message,
        error_rule=error.rule,
        content_hash=hashlib.sha256(raw).hexdigest() if raw else "",
    )


def ingest_bytes(name: str, raw: bytes, config: AuditConfig, origin: str | None = None) -> Source:
    """Read an uploaded or on-disk file's bytes; the extension of name picks the reader."""
    path = Path(name)
    sid = slugify(path.stem)
    ext = path.suffix.lower()
    kind = ext.lstrip(".") or "unknown"
    origin = origin or name
    try:
        reader = READERS.get(ext)
        if reader is None:
            supported = ", ".join(sorted(READERS))
            raise IngestError(
                "ingest.unsupported-type",
                f"Files of type {ext or '(none)'} cannot be audited (supported: {supported}).",
            )
        if len(raw) > config.max_file_bytes:
            raise IngestError("ingest.too-large", _too_large(len(raw), config.max_file_bytes))
        if not raw.strip():
            raise IngestError("ingest.empty", "The file is empty: there is no text to audit.")
        limits = Limits.from_config(config)
        with budget.within(config.source_time_budget_s):
            return _from_extracted(sid, path.name, origin, kind, raw, reader(raw, limits), limits)
    except IngestError as exc:
        return _failed(sid, path.name, origin, kind, exc, raw)
    except budget.BudgetExceeded as exc:
        error = IngestError("ingest.timeout", budget.timeout_message(exc.seconds, "reading it"))
        return _failed(sid, path.name, origin, kind, error, raw)
    except Exception as exc:  # a library failing on a hostile file must not stop the corpus
        error = IngestError("ingest.unreadable", f"The file could not be read ({type(exc).__name__}: {exc}).")
        return _failed(sid, path.name, origin, kind, error, raw)


def ingest_path(path: str | Path, config: AuditConfig) -> Source:
    """Read one file from disk, checking its size before reading it."""
    p = Path(path)
    sid = slugify(p.stem)
    kind = p.suffix.lower().lstrip(".") or "unknown"
    try:
        raw = _read_regular_file(p, config.max_file_bytes)
    except IngestError as exc:
        return _failed(sid, p.name, str(p), kind, exc)
    except OSError as exc:
        error = IngestError("ingest.unreadable", f"Cannot open the file ({exc.strerror}).")
        return _failed(sid, p.name, str(p), kind, error)
    return ingest_bytes(p.name, raw, config, origin=str(p))


def _read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; devices, pipes and sockets are refused.

    Opened without blocking (a named pipe with no writer would otherwise wait forever) and checked
    on the open descriptor, then read to at most limit + 1 bytes whatever ``stat`` claimed.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb", buffering=0) as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise IngestError(
                "ingest.not-a-file",
                "This is not a regular file (a device, pipe or socket): only files can be audited.",
            )
        if info.st_size > limit:
            raise IngestError("ingest.too-large", _too_large(info.st_size, limit))
        chunks = []
        size = 0
        while size <= limit:
            chunk = handle.read(min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise IngestError("ingest.too-large", _too_large(size, limit))
        return b"".join(chunks)


def ingest_text(title: str, text: str, config: AuditConfig) -> Source:
    """Audit pasted text under a title of the user's choosing."""
    raw = text.encode("utf-8")
    sid = slugify(title or "pasted-text")
    try:
        if len(raw) > config.max_file_bytes:
            raise IngestError("ingest.too-large", _too_large(len(raw), config.max_file_bytes))
        source = _from_extracted(
            sid, title, "pasted text", "text", raw, Extracted(text, "utf-8"), Limits.from_config(config))
        return replace(source, title=title.strip() or source.title)
    except IngestError as exc:
        return _failed(sid, title or "pasted text", "pasted text", "text", exc, raw)


def ingest_url(url: str, config: AuditConfig) -> Source:
    """Fetch and read a page; failures become a Source with an error."""
    from urllib.parse import urlparse

    try:
        parsed = urlparse(url)
        sid = slugify(f"{parsed.hostname or 'url'}{parsed.path}")
    except ValueError:
        sid = slugify(url)
    try:
        fetched = fetch(
            url, timeout=config.url_timeout_s, max_bytes=config.max_file_bytes, allow_private=config.allow_private_urls
        )
    except IngestError as exc:
        return _failed(sid, url, url, "url", exc)
    source = ingest_bytes(f"{sid}{fetched.extension}", fetched.body, config, origin=url)
    return replace(source, kind="url")


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named directly, and every file under named folders (recursively, sorted)."""
    for path in paths:
        p = Path(path)
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith("."))
        else:
            yield p


def unique_ids(sources: list[Source]) -> list[Source]:
    """Make source ids unique across a corpus by numbering repeats (-2, -3...)."""
    seen: dict[str, int] = {}
    out = []
    for source in sources:
        n = seen.get(source.id, 0) + 1
        seen[source.id] = n
        out.append(source if n == 1 else replace(source, id=f"{source.id}-{n}"))
    return out


def ingest_paths(paths: Iterable[str | Path], config: AuditConfig) -> list[Source]:
    """Read every file named or found under the named folders, ids made unique."""
    items = [str(p) for p in paths]
    urls = [p for p in items if _URL.match(p)]
    files = expand_paths(p for p in items if not _URL.match(p))
    sources = [ingest_path(p, config) for p in files] + [ingest_url(u, config) for u in urls]
    return unique_ids(sources)


_URL = re.compile(r"^https?://", re.IGNORECASE)
