"""Source detail: the cleaned text with every finding highlighted where it stands, and the analyzers' tables."""

from __future__ import annotations

from html import escape

import streamlit as st
import streamlit.components.v1 as components

from audits.model import CATEGORIES
from audits.triage import fix_first
from dashboard.highlight import SCROLL_SCRIPT, findings_html, fix_first_html, highlight_html, legend_html
from dashboard.review import render_review
from dashboard.state import current_report
from dashboard.tables import (
    citations_frames,
    findings_frame,
    formulas_frame,
    grade,
    metadata_frame,
    regions_frame,
    sentences_frame,
)
from dashboard.widgets import export_bar, no_sources, score_metrics

st.title("Source detail")
report = current_report()
if report is None:
    no_sources()
    st.stop()

ids = [s.id for s in report.sources]
titles = {s.id: s.source.title for s in report.sources}
wanted = st.query_params.get("source")
if wanted in ids and st.session_state.get("detail.last_param") != wanted:
    # A link (from the Overview or the Claims explorer) chose the source.
    st.session_state["detail.chosen"] = wanted
    st.session_state["detail.last_param"] = wanted
    st.session_state.pop("detail.source", None)
chosen = st.session_state.get("detail.chosen")
if st.session_state.get("detail.source") not in ids:
    # Widget state is dropped when another page runs; the plain key remembers the reader's choice.
    st.session_state["detail.source"] = chosen if chosen in ids else ids[0]
sid = st.selectbox("Source", ids, format_func=lambda i: titles[i], key="detail.source")
st.session_state["detail.chosen"] = sid
if st.query_params.get("source") != sid:
    st.query_params["source"] = sid
    st.session_state["detail.last_param"] = sid
    for name in ("at", "to"):  # an outlined span belongs to the source the link named
        if name in st.query_params:
            del st.query_params[name]
s = report.source(sid)

target = None
try:
    at = int(st.query_params.get("at", ""))
    target = (at, int(st.query_params.get("to", at)))
except ValueError:
    target = None
if target:
    st.info("The sentence you followed is outlined in the text below: "
            f"“{' '.join(s.source.text[target[0]:target[1]].split())[:300]}”", icon=":material/my_location:")

doc = s.document
facts = [s.source.kind.upper(), s.source.origin]
if doc:
    facts += [doc.language.name, f"{doc.word_count} words", f"reading grade {grade(s) or '–'}"]
st.caption(" · ".join(escape(str(f)) for f in facts))

if not s.source.ok:
    st.error(f"This source could not be read: {s.source.error}", icon=":material/error:")
    st.caption("Fix the file (or paste its text) and add it again on the Sources page.")
    st.stop()

score_metrics(s)

items = fix_first(s)
with st.container(border=True, key="detail.fix_first"):
    if items:
        errors = s.severity_counts()["error"]
        head = f"**Fix first** · {len(items)} item(s), most urgent first"
        if errors:
            head += f" · :red[{errors} must be fixed before publishing]"
        st.markdown(head)
        st.html(fix_first_html(items[:5]))
        if len(items) > 5:
            with st.expander(f"The other {len(items) - 5} item(s)"):
                st.html(fix_first_html(items[5:], start=6))
    else:
        st.markdown("**Fix first** · nothing: no errors or warnings in this source.")

present = [c for c in CATEGORIES if any(f.category == c for f in s.findings)]
c1, c2 = st.columns(2)
# Keys carry the source id, so each source keeps its own filter choices.
categories = c1.multiselect("Categories", present, default=present, key=f"detail.categories.{sid}",
                            placeholder="choose categories to highlight")
severities = c2.multiselect("Severities", ["error", "warning", "info"], default=["error", "warning", "info"],
                            key=f"detail.severities.{sid}", placeholder="choose severities to highlight")
numbered = list(enumerate(s.findings, start=1))
visible = [(n, f) for n, f in numbered if f.category in categories and f.severity.value in severities]

text_col, side_col = st.columns([3, 2], gap="medium")
with text_col:
    st.html(legend_html(present or ["readability"]))
    with st.container(height=760, border=True, key="detail.text_box"):
        st.html(highlight_html(s.source.text, [f for _, f in visible], [n for n, _ in visible], target))
    if target:  # scroll the outlined sentence into view (constant script, no source text in it)
        components.html(SCROLL_SCRIPT, height=0)
    st.caption("Hover a highlight to read its finding; the number in the dark badge matches the card on the right "
               "(bracketed numbers such as [1] are the article's own citations).")
with side_col:
    st.markdown(f"**Findings shown: {len(visible)} of {len(s.findings)}**")
    if not visible:
        st.info("No findings in the chosen categories and severities." if s.findings
                else "No findings: this text passed every check.", icon=":material/check_circle:")
    else:
        with st.container(height=728, border=False, key="detail.cards"):
            st.html(findings_html([f for _, f in visible], [n for n, _ in visible], titles))

if visible:
    with st.expander("All shown findings as a table"):
        frame = findings_frame([f for _, f in visible], [n for n, _ in visible])
        st.dataframe(frame, hide_index=True, width="stretch", key="detail.findings",
                     column_config={"Message": st.column_config.TextColumn(width="large")})

tabs = st.tabs(["Readability", "Citations", "Promotional regions", "Metadata", "Page furniture removed",
                "Review"])
with tabs[0]:
    section = s.sections.get("readability", {})
    st.markdown(f"**Method:** {escape(str(section.get('method') or 'not available'))}")
    left, right = st.columns([1, 2])
    formulas = formulas_frame(section)
    if formulas.empty:
        left.info("No grade formula is calibrated for this language; the grade comes from the method above.",
                  icon=":material/info:")
    else:
        left.dataframe(formulas, hide_index=True, width="stretch", key="detail.formulas")
    sentences = sentences_frame(section, s.source.text)
    right.dataframe(sentences, hide_index=True, width="stretch", height=320, key="detail.sentences")
with tabs[1]:
    section = s.sections.get("citations", {})
    in_text, refs = citations_frames(section, s.source.text)
    st.markdown(f"**Citation style:** {escape(str(section.get('style') or 'none found'))}")
    if in_text.empty and refs.empty:
        st.info("This source has no in-text citations and no reference list.", icon=":material/info:")
    else:
        st.markdown("In-text citations and the reference each points to")
        st.dataframe(in_text, hide_index=True, width="stretch", key="detail.citations")
        st.markdown("Reference list")
        st.dataframe(refs, hide_index=True, width="stretch", key="detail.references")
    jama_items = section.get("jama") or {}
    if jama_items:
        st.markdown("**JAMA benchmarks**")
        for item, entry in jama_items.items():
            met = isinstance(entry, dict) and entry.get("met")
            evidence = entry.get("evidence") if isinstance(entry, dict) else None
            st.markdown(f"{'✓' if met else '✗'} **{escape(str(item)).title()}**"
                        + (f": {escape(str(evidence))}" if evidence else ""))
with tabs[2]:
    regions = regions_frame(s)
    if regions.empty:
        st.info("No promotional regions were marked in this source.", icon=":material/info:")
    else:
        st.dataframe(regions, hide_index=True, width="stretch", key="detail.regions")
with tabs[3]:
    st.dataframe(metadata_frame(s), hide_index=True, width="stretch", key="detail.metadata")
with tabs[4]:
    if s.source.removed:
        st.dataframe([{"Line": r.line, "Why": r.reason, "Text": r.text[:200]} for r in s.source.removed],
                     hide_index=True, width="stretch")
    else:
        st.caption("Nothing was removed from this source.")
with tabs[5]:
    # Editor's review: decisions per finding (keyed by Finding.fingerprint) and sign-off, in the history store.
    render_review(report, s)

st.divider()
export_bar(report, "detail")
