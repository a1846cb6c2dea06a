"""Charts: built from the report's real numbers."""

from __future__ import annotations

from audits.charts import overlap_heatmap, readability_chart, scores_chart
from tests.conftest import CLINIC, SEED_IDS


def test_scores_chart_has_the_four_scores_of_every_source(seed_report) -> None:
    fig = scores_chart(seed_report)
    assert len(fig.data) == 4
    clinic = seed_report.source(CLINIC)
    marketing = next(trace for trace in fig.data if trace.name.startswith("Marketing"))
    assert len(marketing.y) == len(SEED_IDS)
    assert clinic.score("marketing") in marketing.y


def test_readability_chart_marks_target(seed_report) -> None:
    fig = readability_chart(seed_report)
    grades = [s.metric("readability.consensus_grade") for s in seed_report.sources]
    assert list(fig.data[0].y) == grades
    assert any("target grade 8" in (a.text or "") for a in fig.layout.annotations)


def test_overlap_heatmap_is_square_with_ones_on_diagonal(seed_report) -> None:
    fig = overlap_heatmap(seed_report)
    z = fig.data[0].z
    assert len(z) == len(SEED_IDS) and all(len(row) == len(SEED_IDS) for row in z)
    assert all(z[i][i] == 1.0 for i in range(len(z)))
