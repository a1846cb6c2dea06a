"""Shipped model weights, read once: every array of an ``.npz`` file, marked read-only so that one copy can be shared
by every thread of the dashboard (no analyzer can change another session's weights)."""

from __future__ import annotations

from pathlib import Path

import numpy as np


def read_only_arrays(path: Path) -> dict[str, np.ndarray]:
    """The arrays of an ``.npz`` file (no pickled objects), each read-only."""
    with np.load(path, allow_pickle=False) as data:
        out = {k: data[k] for k in data.files}
    for v in out.values():
        v.setflags(write=False)
    return out
