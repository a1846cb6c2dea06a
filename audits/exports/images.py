"""Plotly charts to SVG/PNG offline: kaleido 1.5 driving Debian's chromium, never a downloaded browser.

No network is touched: plotly.js comes from the installed plotly package, MathJax is switched off,
and the browser is the system one (``shutil.which("chromium")``). When no browser is available,
or it fails, the charts are reported missing and the exports say so instead of crashing.
"""

from __future__ import annotations

import asyncio
import base64
import shutil
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import plotly.graph_objects as go

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
RENDER_TIMEOUT_S = 120.0


@dataclass(frozen=True)
class ChartImage:
    """One rendered chart: its title, the image bytes (None if it could not be drawn) and why not."""

    title: str
    fmt: str
    data: bytes | None
    error: str | None = None

    def data_uri(self) -> str:
        """The image as a data: URI, for an <img> that needs no request."""
        mime = "image/svg+xml" if self.fmt == "svg" else f"image/{self.fmt}"
        return f"data:{mime};base64,{base64.b64encode(self.data or b'').decode('ascii')}"


def find_browser() -> str | None:
    """The system Chromium (or Chrome) to draw charts with, if installed."""
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    return None


async def _render_all(figures: Sequence[go.Figure], fmt: str, width: int, scale: float, browser: str) -> list[bytes]:
    import kaleido

    out = []
    async with kaleido.Kaleido(n=1, timeout=RENDER_TIMEOUT_S, mathjax=False, path=browser) as k:
        for fig in figures:
            height = int(fig.layout.height or 400)
            opts = {"format": fmt, "width": width, "height": height, "scale": scale}
            out.append(await k.calc_fig(fig, opts=opts))
    return out


def render_figures(
    figures: Sequence[go.Figure], fmt: str = "svg", width: int = 900, scale: float = 1.0
) -> list[ChartImage]:
    """Draw every figure in one browser session; a figure that cannot be drawn comes back with an error."""
    titles = [str(fig.layout.title.text or "chart") for fig in figures]
    browser = find_browser()
    if browser is None:
        reason = "no Chromium browser is installed (apt-get install chromium), so charts could not be drawn"
        return [ChartImage(t, fmt, None, reason) for t in titles]
    try:
        # A fresh event loop in a worker thread: safe whether or not the caller (e.g. a web app) already runs one.
        with ThreadPoolExecutor(max_workers=1) as pool:
            images = pool.submit(asyncio.run, _render_all(figures, fmt, width, scale, browser)).result()
    except Exception as exc:  # a broken browser must not lose the rest of the report
        reason = f"the charts could not be drawn ({type(exc).__name__}: {exc})"
        return [ChartImage(t, fmt, None, reason) for t in titles]
    return [ChartImage(t, fmt, bytes(img)) for t, img in zip(titles, images, strict=True)]
