"""Helpers for tests that start a real dashboard server: a free port and waiting until it answers."""

from __future__ import annotations

import socket
import time
import urllib.request


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_healthy(url: str, tries: int = 300, pause: float = 0.2) -> bool:
    """Poll the server's health endpoint; True once it answers 200, False after `tries` attempts."""
    for _ in range(tries):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    return True
        except OSError:
            time.sleep(pause)
    return False
