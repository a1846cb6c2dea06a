"""Claims explorer: which claims most sources share, which only one makes, and where sources disagree."""

from __future__ import annotations

from itertools import zip_longest

import streamlit as st

from dashboard.state import current_report
from dashboard.tables import cluster_frame, contradictions, filter_clusters
from dashboard.widgets import DETAIL_PAGE, export_bar, no_sources

KIND_HELP = {
    "consensus": "most sources make it",
    "shared": "two or more sources make it",
    "unique": "only one source makes it",
}

st.title("Claims explorer")
st.caption(
    "Sentences that say the same thing are grouped across sources and languages (Serbian claims are matched "
    "with English ones). Groups made by the most sources come first."
)
report = current_report()
if report is None:
    no_sources()
    st.stop()

claims = report.claims
titles = {s.id: s.source.title for s in report.sources}
if not claims.clusters:
    st.info("No claims were grouped. Claim overlap needs at least two readable sources with full sentences; "
            "check the Sources page.", icon=":material/info:")
    st.stop()

kind = claims.details.get("thresholds", {}).get("kind", "similarity")
method_words = {"e5-small": "meaning (multilingual model)", "tfidf-char": "word overlap (fast mode)"}
# Both matching paths keep a group to claims that all match each other (complete linkage, audits/claims/cluster.py).
st.caption(f"Claims are matched by {method_words.get(claims.method, claims.method)}. A group holds only "
           "check-worthy claims that all match each other; claim overlap counts only those groups.")
with st.expander("Matching thresholds in use"):
    # The thresholds the audit used (report.claims.details), not a setting's default.
    used = claims.details.get("thresholds", {}).get("by_language_pair", {})
    st.caption("Two claims are grouped when the matcher's confidence that they say the same thing reaches "
               "the value below (it weighs meaning, shared key terms, numbers and how close each is to the "
               "other's nearest claims)." if kind == "match probability" else
               "Two claims are grouped when their similarity reaches the value below (fast mode, or a similarity set "
               "by hand in Settings).")
    names = {"en-en": "English with English", "within": "another language with itself (sr/hr/bs as one)",
             "bcs-en": "Serbian/Croatian/Bosnian with English", "sl-en": "Slovenian with English",
             "cross": "any other pair of languages"}
    st.dataframe([{"Language pair": names.get(k, k), "Threshold used": v} for k, v in used.items()],
                 hide_index=True)
c1, c2, c3 = st.columns([3, 2, 1], vertical_alignment="bottom")
chosen_sources = c1.multiselect("Made by", list(claims.source_ids), format_func=lambda i: titles.get(i, i),
                                key="claims.sources", placeholder="any source")
kinds = sorted({c.kind for c in claims.clusters})
chosen_kinds = c2.multiselect("Kind", kinds, key="claims.kinds", placeholder="all kinds",
                              format_func=lambda k: f"{k} ({KIND_HELP.get(k, '')})")
min_sources = c3.number_input("At least … sources", min_value=1, max_value=max(1, len(claims.source_ids)),
                              value=1, key="claims.min_sources")
clusters = [c for c in filter_clusters(claims.clusters, chosen_sources, chosen_kinds) if len(c.sources) >= min_sources]
frame = cluster_frame(clusters, titles)
st.markdown(f"**{len(frame)} of {len(claims.clusters)} claim groups**")
if frame.empty:
    st.info("No claim group matches these filters.", icon=":material/filter_alt_off:")
else:
    st.dataframe(frame, hide_index=True, width="stretch", height=320, key="claims.table",
                 column_config={"Claim": st.column_config.TextColumn(width="large")})
    ordered = sorted(clusters, key=lambda c: (-len(c.sources), -len(c.members), c.id))
    pick = st.selectbox("Open a claim group", [c.id for c in ordered], key="claims.open",
                        format_func=lambda cid: next(f"{c.id}: {c.label[:90]}" for c in ordered if c.id == cid))
    cluster = next(c for c in ordered if c.id == pick)
    with st.container(border=True):
        st.markdown(f"**{cluster.kind.title()}** · made by {len(cluster.sources)} source(s) · "
                    f"{len(cluster.members)} sentence(s)")
        show_all = len(cluster.members) <= 30 or st.toggle(f"Show all {len(cluster.members)} sentences",
                                                            key=f"claims.all.{cluster.id}")
        by_source: dict[str, list] = {}
        for m in cluster.members:
            by_source.setdefault(m.source, []).append(m)
        # Take turns between sources, so the first sentences shown already cover every source.
        members = [m for turn in zip_longest(*by_source.values()) for m in turn if m is not None]
        for m in members if show_all else members[:30]:
            left, right = st.columns([5, 1], vertical_alignment="center")
            left.caption(f"{titles.get(m.source, m.source)} · language: {m.language}")
            left.text(m.text)
            right.page_link(DETAIL_PAGE, label="Show in text", icon=":material/arrow_forward:",
                            query_params={"source": m.source, "at": str(m.start), "to": str(m.end)})

st.subheader("Where sources disagree")
st.caption("Pairs of sentences from different sources only. These are candidates to read, not verdicts: "
           "most sentences flagged this way turned out to agree when checked by hand.")
pairs = contradictions(report)
if not pairs:
    st.caption("No possible disagreements or differently hedged claims were found between the sources.")
for s, f in pairs:
    for r in f.related:
        with st.container(border=True):
            st.markdown(f"**{f.message}**")
            a, b = st.columns(2)
            a.markdown(f"**{s.source.title}**")
            a.text(f.excerpt)
            b.markdown(f"**{titles.get(r.source, r.source)}**")
            b.text(r.excerpt)

st.divider()
export_bar(report, "claims")
