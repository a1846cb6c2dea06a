"""The editor's review of one source: decisions on findings, sign-off, and what changed since the last saved audit.

Storage is the history store (audits/history/); this module only reads widgets and calls it.
"""

from __future__ import annotations

from datetime import date
from html import escape

import pandas as pd
import streamlit as st

from audits.diff import diff_reports
from audits.history import HistoryError, default_path, open_history
from audits.model import SourceReport
from audits.report import Report

STATUSES = ("open", "accepted", "dismissed", "fixed")


def history_path(report: Report) -> str:
    """The history database the dashboard uses: the config's history_path, else the per-user default."""
    return str(default_path(report.config.history_path))


def _saved_run(store, report: Report) -> int | None:  # type: ignore[no-untyped-def]
    """The run id under which this very audit was saved in this session, if any."""
    saved = st.session_state.get("review.saved", {})
    run = saved.get(report.generated_at)
    return run if run in {r.id for r in store.runs()} else None


def decisions_frame(s: SourceReport, decisions: dict) -> pd.DataFrame:  # type: ignore[type-arg]
    """One editable row per finding: its current decision (carried over while the flagged text is unchanged)."""
    rows = []
    for i, f in enumerate(s.findings, start=1):
        d = decisions.get((s.id, f.fingerprint))
        rows.append({
            "#": i,
            "Severity": f.severity.value,
            "Rule": f.rule,
            "Flagged text": " ".join(f.excerpt.split())[:160],
            "Decision": d.status if d else "open",
            "Reason": (d.reason or "") if d else "",
            "fingerprint": f.fingerprint,
        })
    return pd.DataFrame(rows, columns=["#", "Severity", "Rule", "Flagged text", "Decision", "Reason", "fingerprint"])


def render_review(report: Report, s: SourceReport) -> None:
    """The Review tab of Source detail."""
    path = history_path(report)
    try:
        store = open_history(path)
    except (HistoryError, OSError) as exc:
        st.error(f"The audit history at {escape(path)} cannot be opened: {escape(str(exc))}")
        return
    with store:
        run = _saved_run(store, report)
        runs = store.runs()
        left, right = st.columns([3, 2])
        left.caption(f"History: {escape(path)} · {len(runs)} saved audit(s)")
        if run is None:
            if right.button("Save this audit to the history", key="review.save", icon=":material/save:"):
                run = store.save_run(report, label="saved from the dashboard")
                st.session_state.setdefault("review.saved", {})[report.generated_at] = run
                st.rerun()
        else:
            right.success(f"Saved as audit run {run}", icon=":material/check:")

        _changes(store, report, s, run)
        st.markdown("**Decisions on findings.** Decisions follow a finding into later audits while its "
                    "flagged text is unchanged; a dismissal needs a reason.")
        if not s.findings:
            st.info("This source has no findings to review.", icon=":material/info:")
        else:
            current = store.decisions(s.id)
            frame = decisions_frame(s, current)
            edited = st.data_editor(
                frame, hide_index=True, width="stretch", key=f"review.editor.{s.id}",
                disabled=["#", "Severity", "Rule", "Flagged text"],
                column_config={
                    "Decision": st.column_config.SelectboxColumn(options=list(STATUSES), required=True),
                    "Reason": st.column_config.TextColumn(width="medium"),
                    "fingerprint": None,
                },
            )
            reviewer = st.text_input("Your name", key="review.name", placeholder="e.g. Ana Petrović")
            if st.button("Save decisions", key="review.decide", type="primary"):
                _save_decisions(store, s, frame, edited, reviewer, run)
        _sign_off(store, s, run)


def _save_decisions(store, s: SourceReport, before: pd.DataFrame, after: pd.DataFrame,  # type: ignore[no-untyped-def]
                    reviewer: str, run: int | None) -> None:
    changed, problems = 0, []
    for (_, old), (_, new) in zip(before.iterrows(), after.iterrows(), strict=True):
        if old["Decision"] == new["Decision"] and old["Reason"] == new["Reason"]:
            continue
        try:
            store.decide(s.id, new["fingerprint"], new["Decision"], reason=new["Reason"] or None,
                         by=reviewer.strip() or None, run=run)
            changed += 1
        except HistoryError as exc:
            problems.append(f"finding {new['#']}: {exc}")
    for problem in problems:
        st.warning(problem)
    if changed:
        st.success(f"Saved {changed} decision(s).")
    elif not problems:
        st.info("No decision was changed.")


def _sign_off(store, s: SourceReport, run: int | None) -> None:  # type: ignore[no-untyped-def]
    st.markdown("**Sign-off**")
    current = store.current_signoff(s.id, s.source.content_hash)
    if current:
        st.success(f"Signed off by {escape(current.name)} on {current.signed_on} (the text has not changed since).",
                   icon=":material/verified:")
    if run is None:
        st.caption("Save this audit to the history first: a sign-off belongs to a saved audit of this exact text.")
        return
    with st.form(key=f"review.signoff.{s.id}"):
        name = st.text_input("Reviewer", key="review.signoff.name")
        on = st.date_input("Date", value=date.today(), key="review.signoff.date")
        note = st.text_input("Note (optional)", key="review.signoff.note")
        if st.form_submit_button("Sign this source off"):
            try:
                store.sign_off(run, s.id, name, on=on, note=note or None)
                st.success(f"Signed off by {escape(name)}.")
            except HistoryError as exc:
                st.warning(str(exc))


def _changes(store, report: Report, s: SourceReport, run: int | None) -> None:  # type: ignore[no-untyped-def]
    """What changed for this source since the latest saved audit before this one."""
    earlier = [r for r in store.runs() if r.id != run]
    if not earlier:
        return
    previous = max(earlier, key=lambda r: r.id)
    old = store.report_dict(previous.id)
    if s.id not in {src["id"] for src in old.get("sources", [])}:
        return
    diff = diff_reports(old, report)
    mine = [f for f in diff.findings if f.source == s.id]
    new = sum(1 for f in mine if f.status == "new")
    resolved = sum(1 for f in mine if f.status == "resolved")
    scores = [c for c in diff.scores if c.source == s.id and c.delta]
    moved = ", ".join(f"{c.score.replace('_', ' ')} {c.delta:+.0f} ({c.verdict})" for c in scores) or "no score moved"
    st.info(f"Since saved audit {previous.id} ({previous.saved_at[:16].replace('T', ' ')}): "
            f"{new} new finding(s), {resolved} resolved; {moved}.", icon=":material/difference:")
