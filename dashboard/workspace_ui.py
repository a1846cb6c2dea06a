"""The workspace box on the Sources page: which workspace this is, open another, name a new one, clear it."""

from __future__ import annotations

import streamlit as st

from audits.history import HistoryError, WorkspaceError
from dashboard.state import (
    WS_PROBLEM_KEY,
    clear_workspace,
    history_store,
    switch_workspace,
    workspace_name,
)


def _saved_names() -> list[str]:
    try:
        with history_store() as store:
            return [w.name for w in store.workspaces()]
    except (HistoryError, WorkspaceError, OSError, ValueError):
        return []


def workspace_box() -> None:
    """Name, reopen and clear workspaces; the sources and settings of each are kept in the history database."""
    name = workspace_name()
    with st.expander(f"Workspace: {name}", icon=":material/work:", expanded=False):
        st.caption("Your sources (uploads, pasted texts, web pages) and settings are saved in this workspace as you "
                   "work, and come back after a reload or a server restart. Its name is in the page address.")
        problem = st.session_state.get(WS_PROBLEM_KEY)
        if problem:
            st.warning(problem, icon=":material/warning:")
        names = _saved_names()
        if name not in names:
            names.insert(0, name)
        c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
        pick = c1.selectbox("Open a saved workspace", names, index=names.index(name), key="workspace.pick")
        if c2.button("Open", key="workspace.open", disabled=pick == name, width="stretch"):
            switch_workspace(pick)
            st.rerun()
        c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
        new = c1.text_input("Start a new workspace", key="workspace.new", placeholder="e.g. Anxiety pages, May review")
        if c2.button("Create", key="workspace.create", disabled=not new.strip(), width="stretch"):
            switch_workspace(" ".join(new.split())[:80])
            st.rerun()
        if st.button("Clear this workspace", key="workspace.clear", icon=":material/delete_sweep:",
                     help="Removes the sources you added and resets the settings; the demo articles come back."):
            clear_workspace()
            st.session_state["sources.messages"] = [("success", f"Workspace “{name}” was cleared.")]
            st.rerun()
