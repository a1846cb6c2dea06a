"""The Streamlit dashboard: renders the audit Report; no analysis happens here."""
