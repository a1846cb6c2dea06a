"""Pieces every page shares: export buttons, the score key, empty states, coloured score tables."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import pandas as pd
import streamlit as st

from audits.charts import SCORE_COLOURS
from audits.colours import BANDS, SEVERITY_COLOURS, category_colour, direction_text, score_band, score_legend
from audits.exports import RENDERERS
from audits.model import SCORE_NAMES, SourceReport
from audits.report import Report
from dashboard.tables import SCORE_HELP, SCORE_TITLES

SOURCES_PAGE = "app_pages/sources.py"
DETAIL_PAGE = "app_pages/source_detail.py"


def _renderer(report: Report, fmt: str) -> Callable[[], bytes]:
    def render() -> bytes:
        return RENDERERS[fmt].render(report)

    return render


def export_bar(report: Report, key: str) -> None:
    """A format picker and a download button; the file is rendered only when clicked."""
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    fmt = left.selectbox(
        "Download this audit as",
        list(RENDERERS),
        format_func=lambda f: RENDERERS[f].label,
        index=list(RENDERERS).index("html") if "html" in RENDERERS else 0,
        key=f"{key}.export_format",
        help="The export names the tool version, rule set and settings, so the audit can be reproduced.",
    )
    spec = RENDERERS[fmt]
    stamp = report.generated_at[:10]
    right.download_button(
        f"Download {spec.label.split(' ')[0]}",
        data=_renderer(report, fmt),
        file_name=f"mh-content-audit-{stamp}.{spec.extension}",
        mime=spec.mime,
        key=f"{key}.export_button",
        icon=":material/download:",
        width="stretch",
    )


def score_key() -> None:
    """What each score means and which way is good, in one expandable box."""
    with st.expander("What the four scores mean", expanded=False):
        for name in SCORE_NAMES:
            st.html(
                f'<div style="margin:2px 0"><span style="display:inline-block;width:12px;height:12px;'
                f'background:{SCORE_COLOURS[name]};border-radius:2px;margin-right:6px"></span>'
                f"<b>{escape(SCORE_TITLES[name])}</b>: {escape(SCORE_HELP[name])}</div>"
            )
        st.html(band_legend_html())
        st.caption("The formulas are in docs/scores.md.")


def no_sources() -> None:
    """The empty state of every page that needs sources."""
    st.info("There are no sources to audit yet. Add files, pasted text or web pages on the Sources page.",
            icon=":material/info:")
    st.page_link(SOURCES_PAGE, label="Go to Sources", icon=":material/folder_open:")


def band_legend_html() -> str:
    """The colour key of the score bands, with each score's direction and thresholds (audits/colours.py)."""
    swatches = "".join(
        f'<span style="display:inline-block;margin-right:14px"><span style="background:{b.fill};color:{b.ink};'
        f'border:1px solid {b.edge};border-radius:3px;padding:0 6px">{b.symbol} {escape(b.label)}</span></span>'
        for b in BANDS.values()
    )
    lines = " · ".join(f"<b>{escape(title)}</b> {escape(text)}" for title, text in score_legend())
    return (f'<div style="font-size:0.85rem;color:#3e4c59;line-height:1.7">{swatches}<br>{lines}</div>')


def _score_text(name: str):  # type: ignore[no-untyped-def]
    def fmt(v: object) -> str:
        if v is None or (isinstance(v, float) and pd.isna(v)):
            return "–"
        b = score_band(name, float(v))  # type: ignore[arg-type]
        return f"{float(v):.0f} {b.symbol}" if b else f"{float(v):.0f}"  # type: ignore[arg-type]

    return fmt


def styled_scores(frame: pd.DataFrame) -> pd.io.formats.style.Styler:
    """The frame with each score cell shaded by its band and marked with the band's symbol."""
    names = {t: n for n, t in SCORE_TITLES.items() if t in frame.columns}

    def shade(column: pd.Series) -> list[str]:
        out = []
        for v in column:
            b = score_band(names[column.name], None if pd.isna(v) else float(v))
            out.append(f"background-color: {b.fill}; color: {b.ink}" if b else "")
        return out

    return frame.style.apply(shade, subset=list(names)).format({t: _score_text(n) for t, n in names.items()})


def score_tiles_html(report_source: SourceReport) -> str:
    """The four scores of one source as tiles coloured by band, with direction and band in words (escaped)."""
    tiles = []
    for name in SCORE_NAMES:
        value = report_source.score(name)
        b = score_band(name, value)
        fill, edge, ink = (b.fill, b.edge, b.ink) if b else ("#f3f5f8", "#d9dee5", "#1f2933")
        word = "not scored" if b is None else b.symbol if b.name == "neutral" else f"{b.symbol} {b.label}"
        detail = report_source.scores.get(name)
        tip = SCORE_HELP[name] + (f" How: {detail.explanation}" if detail and detail.explanation else "")
        tiles.append(
            f'<div class="mh-tile" data-score="{name}" data-band="{b.name if b else ""}" title="{escape(tip)}" '
            f'style="flex:1;min-width:150px;background:{fill};border:1px solid {edge};border-left:6px solid {edge};'
            f'border-radius:8px;padding:8px 12px;color:{ink}">'
            f'<div style="font-size:0.85rem">{escape(SCORE_TITLES[name])}</div>'
            f'<div style="font-size:1.9rem;font-weight:700;line-height:1.2">'
            f'{"–" if value is None else f"{value:.0f}"}</div>'
            f'<div style="font-size:0.8rem"><b>{escape(word)}</b> · {escape(direction_text(name))}</div></div>'
        )
    return '<div style="display:flex;gap:10px;flex-wrap:wrap">' + "".join(tiles) + "</div>"


def score_metrics(report_source: SourceReport) -> None:
    """The four scores of one source as coloured tiles with their meaning on hover."""
    st.html(score_tiles_html(report_source))


def glance_html(cards: list[tuple[str, str, str, str]]) -> str:
    """A row of cards (heading, source title, detail, category for the colour), all text escaped."""
    items = []
    for heading, title, detail, category in cards:
        colour = SEVERITY_COLOURS.get(category) or category_colour(category)
        items.append(
            f'<div style="flex:1;min-width:180px;border:1px solid #d9dee5;border-top:4px solid {colour};'
            f'border-radius:8px;padding:10px 12px;background:#ffffff">'
            f'<div style="font-size:0.8rem;color:#52606d">{escape(heading)}</div>'
            f'<div style="font-weight:600;font-size:1.02rem;margin:2px 0;color:#1f2933">{escape(title)}</div>'
            f'<div style="font-size:0.85rem;color:#52606d">{escape(detail)}</div></div>'
        )
    return '<div style="display:flex;gap:12px;flex-wrap:wrap">' + "".join(items) + "</div>"
