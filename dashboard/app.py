"""Dashboard entry: `streamlit run dashboard/app.py`."""

from __future__ import annotations

import streamlit as st

from audits.config import AuditConfig
from dashboard.data import DEFAULT_SOURCES, audit, load_folder

st.set_page_config(page_title="Mental-health content audit", page_icon="🩺", layout="wide")


def overview() -> None:
    """One row per source with the four scores."""
    import pandas as pd

    st.title("Mental-health content audit")
    config = AuditConfig()
    sources = load_folder(str(DEFAULT_SOURCES), config)
    with st.spinner("Auditing sources…"):
        report = audit(sources, config)
    rows = [
        {
            "Source": s.source.title,
            "Language": s.document.language.name if s.document else "–",
            "Readability": s.score("readability"),
            "Marketing": s.score("marketing"),
            "Citations": s.score("citations"),
            "Claim overlap": s.score("claim_overlap"),
            "Findings": len(s.findings),
        }
        for s in report.sources
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


page = st.navigation([st.Page(overview, title="Overview", icon="📊", url_path="overview")])
page.run()
