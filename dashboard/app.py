"""Dashboard entry: `streamlit run dashboard/app.py` (pages in dashboard/app_pages/)."""

from __future__ import annotations

import streamlit as st

from dashboard.state import current_settings, sync_url, workspace_name

st.set_page_config(page_title="Mental-health content audit", page_icon="🩺", layout="wide")

PAGES = [
    # The comparison is the landing page; with no sources it sends the reader to Sources.
    st.Page("app_pages/overview.py", title="Overview", icon=":material/table_chart:", url_path="overview",
            default=True),
    st.Page("app_pages/sources.py", title="Sources", icon=":material/folder_open:", url_path="sources"),
    st.Page("app_pages/source_detail.py", title="Source detail", icon=":material/article:", url_path="source"),
    st.Page("app_pages/claims.py", title="Claims explorer", icon=":material/hub:", url_path="claims"),
    st.Page("app_pages/compare.py", title="Compare two sources", icon=":material/compare:", url_path="compare"),
    st.Page("app_pages/settings.py", title="Settings", icon=":material/tune:", url_path="settings"),
]

page = st.navigation(PAGES)
with st.sidebar:
    st.markdown("**Mental-health content audit**")
    st.caption(
        "Readability, marketing language, citations and shared claims of writing about mental health, "
        "side by side. Every finding points at the exact text it rests on."
    )
    settings = current_settings()
    st.caption(f"Workspace: **{workspace_name()}** (kept across reloads)")
    st.caption(f"Target reading grade: **{settings.target_grade:g}** · claim matching: "
               f"**{'fast (word overlap)' if settings.fast else 'multilingual model'}**")
for problem in st.session_state.get("settings.problems", []):
    st.warning(problem, icon=":material/link_off:")
sync_url()
page.run()
