"""Pieces every page shares: export buttons, the score key, empty states, coloured score tables."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import pandas as pd
import streamlit as st

from audits.charts import CATEGORY_COLOURS, SCORE_COLOURS
from audits.exports import RENDERERS
from audits.model import SCORE_NAMES, SourceReport
from audits.report import Report
from dashboard.tables import BAND_COLOURS, SCORE_HELP, SCORE_TITLES, band

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
        st.caption(
            "Table cells are shaded green (good), yellow (fair) or orange (poor) in each score's own direction. "
            "The formulas are in docs/scores.md."
        )


def no_sources() -> None:
    """The empty state of every page that needs sources."""
    st.info("There are no sources to audit yet. Add files, pasted text or web pages on the Sources page.",
            icon=":material/info:")
    st.page_link(SOURCES_PAGE, label="Go to Sources", icon=":material/folder_open:")


def styled_scores(frame: pd.DataFrame) -> pd.io.formats.style.Styler:
    """The frame with each score cell shaded by its band."""

    def shade(column: pd.Series) -> list[str]:
        name = next((n for n, t in SCORE_TITLES.items() if t == column.name), None)
        if name is None:
            return [""] * len(column)
        out = []
        for v in column:
            b = band(name, None if pd.isna(v) else float(v))
            out.append(f"background-color: {BAND_COLOURS[b]}" if b else "")
        return out

    score_cols = [c for c in SCORE_TITLES.values() if c in frame.columns]
    return frame.style.apply(shade, subset=score_cols).format(precision=0, subset=score_cols, na_rep="–")


def score_metrics(report_source: SourceReport) -> None:
    """The four scores of one source as metric tiles with their meaning on hover."""
    cols = st.columns(4)
    for col, name in zip(cols, SCORE_NAMES, strict=False):
        value = report_source.score(name)
        detail = report_source.scores.get(name)
        help_text = SCORE_HELP[name] + (f"\n\nHow: {detail.explanation}" if detail and detail.explanation else "")
        col.metric(SCORE_TITLES[name], "–" if value is None else f"{value:.0f}", help=help_text, border=True)


def glance_html(cards: list[tuple[str, str, str, str]]) -> str:
    """A row of cards (heading, source title, detail, category for the colour), all text escaped."""
    items = []
    for heading, title, detail, category in cards:
        colour = CATEGORY_COLOURS.get(category, "#999999")
        items.append(
            f'<div style="flex:1;min-width:180px;border:1px solid #d9dee5;border-top:4px solid {colour};'
            f'border-radius:8px;padding:10px 12px;background:#ffffff">'
            f'<div style="font-size:0.8rem;color:#52606d">{escape(heading)}</div>'
            f'<div style="font-weight:600;font-size:1.02rem;margin:2px 0;color:#1f2933">{escape(title)}</div>'
            f'<div style="font-size:0.85rem;color:#52606d">{escape(detail)}</div></div>'
        )
    return '<div style="display:flex;gap:12px;flex-wrap:wrap">' + "".join(items) + "</div>"
