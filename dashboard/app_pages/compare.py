"""Compare two sources: score differences, the claims they share and the claims only one of them makes."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.state import current_report
from dashboard.tables import compare_claims, member_text, score_difference_frame
from dashboard.widgets import export_bar, no_sources

st.title("Compare two sources")
report = current_report()
if report is None:
    no_sources()
    st.stop()

readable = [s for s in report.sources if s.source.ok]
if len(readable) < 2:
    st.info("Comparing needs two readable sources. Add another on the Sources page.", icon=":material/info:")
    st.stop()

titles = {s.id: s.source.title for s in readable}
ids = list(titles)
c1, c2 = st.columns(2)
a = c1.selectbox("Source A", ids, index=0, format_func=lambda i: titles[i], key="compare.a")
b = c2.selectbox("Source B", ids, index=1, format_func=lambda i: titles[i], key="compare.b")
if a == b:
    st.warning("Pick two different sources.", icon=":material/warning:")
    st.stop()

st.subheader("Scores")
diff = score_difference_frame(report.source(a), report.source(b))


def shown(value: float | None, row: str, signed: bool = False) -> str:
    """A number as the reader expects it: grades with one decimal, scores and counts whole."""
    if value is None or value != value:
        return "–"
    text = f"{value:+.1f}" if signed else f"{value:.1f}"
    if row != "Reading grade":
        text = f"{value:+.0f}" if signed else f"{value:.0f}"
    return text


display = diff.assign(
    A=[shown(v, r) for v, r in zip(diff["A"], diff["Score"], strict=True)],
    B=[shown(v, r) for v, r in zip(diff["B"], diff["Score"], strict=True)],
    **{"B − A": [shown(v, r, signed=True) for v, r in zip(diff["B − A"], diff["Score"], strict=True)]},
).rename(columns={"A": f"A: {titles[a][:40]}", "B": f"B: {titles[b][:40]}"})
st.dataframe(display, hide_index=True, width="stretch", key="compare.scores")
st.caption("B − A: how much higher source B scores than source A. Read it with the direction of each score.")

groups = compare_claims(report.claims.clusters, a, b)
st.subheader("Claims")
m1, m2, m3 = st.columns(3)
m1.metric("Shared", len(groups["shared"]), border=True)
m2.metric(f"Only in A: {titles[a][:30]}", len(groups["only_a"]), border=True)
m3.metric(f"Only in B: {titles[b][:30]}", len(groups["only_b"]), border=True)


def claims_tab(tab, rows: list[dict[str, object]], key: str, empty: str) -> None:  # type: ignore[no-untyped-def]
    """A table of claims in one tab, or a sentence saying why it is empty."""
    with tab:
        if rows:
            st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key=key)
        else:
            st.info(empty, icon=":material/info:")


shared_tab, a_tab, b_tab = st.tabs(["Shared claims", "Only in A", "Only in B"])
claims_tab(shared_tab, [{"A says": member_text(c, a), "B says": member_text(c, b)} for c in groups["shared"]],
           "compare.shared", "These two sources make no claim in common.")
claims_tab(a_tab, [{"Claim": member_text(c, a), "Also made by": len(c.sources) - 1} for c in groups["only_a"]],
           "compare.only_a", "Every claim of A is also made by B.")
claims_tab(b_tab, [{"Claim": member_text(c, b), "Also made by": len(c.sources) - 1} for c in groups["only_b"]],
           "compare.only_b", "Every claim of B is also made by A.")
st.caption("“Also made by” counts other sources (besides A and B) that make the same claim.")

st.divider()
export_bar(report, "compare")
