"""Dashboard-only plotly figures, in the same palette as audits/charts.py."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from audits.charts import _layout, short_title
from audits.colours import OKABE_ITO, SEVERITY_COLOURS
from audits.model import SCORE_NAMES, SourceReport
from dashboard.tables import SCORE_TITLES


def scores_radar(sources: Sequence[SourceReport]) -> go.Figure:
    """The four scores of each source on one radar, one outline per source."""
    fig = go.Figure()
    axes = [SCORE_TITLES[n] for n in SCORE_NAMES]
    for i, s in enumerate(s for s in sources if s.source.ok):
        values = [s.score(n) or 0 for n in SCORE_NAMES]
        fig.add_trace(go.Scatterpolar(
            r=[*values, values[0]], theta=[*axes, axes[0]], name=short_title(s.source.title),
            line={"color": OKABE_ITO[i % len(OKABE_ITO)]}, fill="none",
            hovertemplate="%{theta}: %{r:.0f}<extra>" + short_title(s.source.title) + "</extra>",
        ))
    fig.update_layout(polar={"radialaxis": {"range": [0, 100]}})
    return _layout(fig, "The four scores per source", height=460)


def severity_chart(sources: Sequence[SourceReport]) -> go.Figure:
    """Stacked bars: how many findings of each severity each source has."""
    names = [short_title(s.source.title) for s in sources]
    counts = [s.severity_counts() for s in sources]
    fig = go.Figure()
    for sev in ("error", "warning", "info"):
        fig.add_bar(name=sev, x=names, y=[c[sev] for c in counts], marker_color=SEVERITY_COLOURS[sev],
                    hovertemplate="%{x}<br>" + sev + ": %{y}<extra></extra>")
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title="findings")
    return _layout(fig, "Findings by severity")


def tidy(fig: go.Figure) -> go.Figure:
    """Room for slanted source names under the bars, with the legend kept clear of them."""
    fig.update_layout(margin={"b": 150}, legend={"orientation": "h", "y": -0.55}, height=max(fig.layout.height or 0,
                                                                                               520))
    fig.update_xaxes(tickangle=-25, automargin=True)
    return fig
