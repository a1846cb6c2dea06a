"""Where command output goes: a file, or raw bytes on stdout."""

from __future__ import annotations

import sys
from pathlib import Path


def write_output(data: bytes, output: str | None) -> None:
    """Write bytes to the named file, or to stdout when no file is named."""
    if output:
        Path(output).write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
