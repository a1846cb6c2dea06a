"""What every reader returns."""

from __future__ import annotations

from dataclasses import dataclass, field

from audits.model import Metadata


@dataclass(frozen=True)
class Extracted:
    """What a reader got out of a file."""

    text: str
    encoding: str | None
    metadata: Metadata = field(default_factory=Metadata)
    warnings: tuple[tuple[str, str], ...] = ()  # (rule, message): read, but the user should check
