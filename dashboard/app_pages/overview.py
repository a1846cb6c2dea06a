"""Overview: every source side by side, with the four scores, reading grade, findings and JAMA ticks."""

from __future__ import annotations

import streamlit as st

from audits.charts import overlap_heatmap, readability_chart, scores_chart
from audits.triage import most_to_fix, summary
from dashboard.charts_extra import scores_radar, severity_chart, tidy
from dashboard.state import current_report
from dashboard.tables import OVERVIEW_PRIMARY, OVERVIEW_SECONDARY, SCORE_TITLES, overview_frame
from dashboard.widgets import (
    DETAIL_PAGE,
    band_legend_html,
    export_bar,
    glance_html,
    no_sources,
    score_key,
    styled_scores,
)

st.title("Overview")
st.caption("One row per source. Click a column header to sort; use the filters to narrow the table.")
score_key()

report = current_report()
if report is None:
    no_sources()
    st.stop()

frame = overview_frame(report)
read_ok = frame[frame["Problem"] == ""]
if not read_ok.empty:
    st.subheader("At a glance")
    hardest = read_ok.sort_values("Grade", ascending=False, na_position="last").iloc[0]
    promo = read_ok.sort_values("Marketing", ascending=False, na_position="last").iloc[0]
    weakest = read_ok.sort_values("Citations", ascending=True, na_position="last").iloc[0]
    urgent = most_to_fix(report.sources)  # the same ranking as each source's fix-first list
    st.html(glance_html([
        ("Hardest to read", hardest["Source"], f"reading grade {hardest['Grade']} (target "
         f"{report.config.target_grade:g})", "readability"),
        ("Most promotional", promo["Source"], f"marketing score {promo['Marketing']:.0f} of 100", "marketing"),
        ("Least supported", weakest["Source"], f"citation score {weakest['Citations']:.0f} of 100", "citations"),
        ("Most to fix", urgent.source.title if urgent else "–", summary(urgent) if urgent else "", "error"),
    ]))
    failed = len(frame) - len(read_ok)
    if failed:
        st.warning(f"{failed} source(s) could not be read; see the Problem column.", icon=":material/warning:")

st.subheader("All sources")
f1, f2, f3, f4 = st.columns([2, 2, 2, 1.4], vertical_alignment="bottom")
search = f1.text_input("Find a source", key="overview.search", placeholder="part of a title")
languages = sorted(frame["Language"].unique())
chosen = f2.multiselect("Languages", languages, key="overview.languages", placeholder="all languages")
sort_by = f3.selectbox("Sort by", ["Fix first", "Source", *SCORE_TITLES.values(), "Grade", "Errors", "Warnings"],
                       key="overview.sort")
only_errors = f4.toggle("Only with errors", key="overview.only_errors")

shown = frame
if search.strip():
    shown = shown[shown["Source"].str.contains(search.strip(), case=False, regex=False)]
if chosen:
    shown = shown[shown["Language"].isin(chosen)]
if only_errors:
    shown = shown[shown["Errors"] > 0]
if sort_by == "Fix first":  # the triage ranking: most urgent first
    shown = shown.sort_values("Urgency")
else:
    descending = sort_by not in ("Source", "Grade", "Marketing")
    shown = shown.sort_values(sort_by, ascending=not descending, na_position="last")

st.caption(f"Showing {len(shown)} of {len(frame)} sources · target reading grade {report.config.target_grade:g}")
if shown.empty:
    st.info("No source matches these filters. Clear the search or the language filter to see all sources.",
            icon=":material/filter_alt_off:")
else:
    extra = st.multiselect("More columns", OVERVIEW_SECONDARY, key="overview.columns",
                           placeholder="add columns: words, grade, target, errors, warnings, JAMA benchmarks…")
    columns = [*OVERVIEW_PRIMARY, *extra] + (["Problem"] if shown["Problem"].astype(bool).any() else [])
    table = shown[columns]
    st.dataframe(
        styled_scores(table),
        hide_index=True,
        width="stretch",
        key="overview.table",
        column_config={
            "Grade": st.column_config.NumberColumn("Grade", help="School grade needed to read the text easily",
                                                   format="%.1f"),
            "Target": st.column_config.NumberColumn("Target", help="The target reading grade (Settings)",
                                                    format="%.0f"),
            "Source": st.column_config.TextColumn("Source", width="large"),
            "Fix first": st.column_config.NumberColumn(
                "Fix first", help="Items on the source's fix-first list: errors, warnings and anything touching "
                "reader safety, repeated findings counted once. Open the source to see them ranked."),
            "Errors": st.column_config.NumberColumn("Errors", help="Findings that must be fixed before publishing"),
            "JAMA authorship": st.column_config.TextColumn("Authors", help="JAMA: authors and credentials named"),
            "JAMA attribution": st.column_config.TextColumn("Sources", help="JAMA: references and sources given"),
            "JAMA disclosure": st.column_config.TextColumn("Disclosure", help="JAMA: ownership and sponsorship"),
            "JAMA currency": st.column_config.TextColumn("Dated", help="JAMA: dates of posting and update"),
        },
    )
    st.html(band_legend_html())
    st.caption("JAMA columns (under More columns): ✓ met · ✗ missing · – not checked. "
               "Open a source to see its fix-first list and where each finding is.")
    pick = st.selectbox("Open a source", shown["id"].tolist(),
                        format_func=lambda sid: frame.loc[frame["id"] == sid, "Source"].iloc[0],
                        key="overview.open")
    st.page_link(DETAIL_PAGE, label="Show its text and findings", icon=":material/arrow_forward:",
                 query_params={"source": pick})

st.subheader("Charts")
readable = [s for s in report.sources if s.source.ok]
if not readable:
    st.info("None of the sources could be read, so there is nothing to chart.", icon=":material/info:")
else:
    t1, t2, t3, t4 = st.tabs(["Scores", "Reading grade", "Claim overlap", "Findings"])
    with t1:
        radar = st.toggle("Show as radar", key="overview.radar")
        st.plotly_chart(tidy(scores_radar(readable) if radar else scores_chart(report)), key="overview.scores_chart")
    with t2:
        st.plotly_chart(tidy(readability_chart(report)), key="overview.grade_chart")
        st.caption("The shaded band is the plain-language range for patient information (grades 6–8); "
                   "green bars meet the target, orange bars are above it.")
    with t3:
        if len(report.claims.source_ids) >= 2:
            st.plotly_chart(tidy(overlap_heatmap(report)), key="overview.heatmap")
            st.caption("Each cell is the share of claim groups two sources have in common (0 = none, 1 = all).")
        else:
            st.info("Claim overlap needs at least two readable sources.", icon=":material/info:")
    with t4:
        st.plotly_chart(tidy(severity_chart(readable)), key="overview.severity_chart")

st.divider()
export_bar(report, "overview")
