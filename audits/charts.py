"""Plotly figures of a Report, shared by the dashboard and the HTML/PDF exports.

Colours come from audits/colours.py (Okabe–Ito, distinguishable with the common forms of colour
blindness); each score keeps its colour on every page and in every export. Source titles are
escaped before they reach an axis, because plotly reads a subset of HTML in labels.
"""

from __future__ import annotations

from html import escape

import plotly.graph_objects as go

from audits.colours import CATEGORY_COLOURS, OKABE_ITO
from audits.model import SCORE_INFO, SCORE_NAMES
from audits.report import Report

SCORE_COLOURS = dict(zip(SCORE_NAMES, OKABE_ITO, strict=False))
SCORE_LABELS = {name: f"{info.title} (higher = {info.higher_means})" for name, info in SCORE_INFO.items()}
PLAIN_LANGUAGE_BAND = (6.0, 8.0)  # AMA grade 6 to NIH/CDC grade 8


def short_title(title: str, limit: int = 28) -> str:
    """A title cut to fit an axis label, escaped so plotly shows any tags in it as text."""
    cut = title if len(title) <= limit else title[: limit - 1].rstrip() + "…"
    return escape(cut, quote=False)


def _layout(fig: go.Figure, title: str, height: int = 380) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        template="plotly_white",
        height=height,
        margin={"l": 50, "r": 20, "t": 60, "b": 90},
        font={"family": "DejaVu Sans, Arial, sans-serif", "size": 12},
        legend={"orientation": "h", "y": -0.25},
    )
    return fig


def scores_chart(report: Report) -> go.Figure:
    """Grouped bars: the four 0–100 scores of every readable source."""
    readable = [s for s in report.sources if s.source.ok]
    names = [short_title(s.source.title) for s in readable]
    fig = go.Figure()
    for score in SCORE_NAMES:
        fig.add_bar(
            name=SCORE_LABELS[score],
            x=names,
            y=[s.score(score) for s in readable],
            marker_color=SCORE_COLOURS[score],
            hovertemplate="%{x}<br>" + score.replace("_", " ") + ": %{y:.0f}<extra></extra>",
        )
    fig.update_yaxes(range=[0, 100], title="score (0–100)")
    fig.update_layout(barmode="group")
    return _layout(fig, "Scores per source")


def readability_chart(report: Report) -> go.Figure:
    """Reading grade per source against the plain-language band and the target grade."""
    readable = [s for s in report.sources if s.source.ok]
    names = [short_title(s.source.title) for s in readable]
    grades = [s.metric("readability.consensus_grade") for s in readable]
    target = report.config.target_grade
    colours = [OKABE_ITO[2] if g is not None and g <= target else OKABE_ITO[5] for g in grades]
    fig = go.Figure(go.Bar(x=names, y=grades, marker_color=colours, name="reading grade",
                           hovertemplate="%{x}<br>grade %{y:.1f}<extra></extra>"))
    low, high = PLAIN_LANGUAGE_BAND
    fig.add_hrect(y0=low, y1=high, fillcolor=OKABE_ITO[2], opacity=0.12, line_width=0,
                  annotation_text="plain-language band (grade 6–8)", annotation_position="top left")
    fig.add_hline(y=target, line_dash="dash", line_color=OKABE_ITO[7],
                  annotation_text=f"target grade {target:g}", annotation_position="top right")
    top = max([g for g in grades if g is not None] + [target + 2])
    fig.update_yaxes(range=[0, top + 1], title="school grade")
    return _layout(fig, "Reading grade against the target")


def overlap_heatmap(report: Report) -> go.Figure:
    """Source × source claim overlap (Jaccard over claim clusters)."""
    titles = {s.id: short_title(s.source.title, 22) for s in report.sources}
    labels = [titles.get(sid, sid) for sid in report.claims.source_ids]
    matrix = [list(row) for row in report.claims.overlap]
    fig = go.Figure(go.Heatmap(
        z=matrix, x=labels, y=labels, zmin=0, zmax=1, colorscale="Cividis",
        text=[[f"{v:.2f}" for v in row] for row in matrix], texttemplate="%{text}",
        hovertemplate="%{y} × %{x}<br>shared claims (Jaccard): %{z:.2f}<extra></extra>",
        colorbar={"title": "Jaccard"},
    ))
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, "Claim overlap between sources", height=460)


def findings_chart(report: Report) -> go.Figure:
    """Stacked bars: how many findings each readable source has, by category."""
    readable = [s for s in report.sources if s.source.ok]
    names = [short_title(s.source.title) for s in readable]
    fig = go.Figure()
    for category, colour in CATEGORY_COLOURS.items():
        counts = [sum(1 for f in s.findings if f.category == category) for s in readable]
        if any(counts):
            fig.add_bar(name=category, x=names, y=counts, marker_color=colour,
                        hovertemplate="%{x}<br>" + category + ": %{y}<extra></extra>")
    fig.update_yaxes(title="findings")
    fig.update_layout(barmode="stack")
    return _layout(fig, "Findings per source, by category")
