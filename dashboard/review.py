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
    """The run under which this audit (or an identical one: same texts, settings and findings) is saved, if any."""
    return store.identical_run(report)


def decisions_frame(s: SourceReport, decisions: dict) -> pd.DataFrame:  # type: ignore[type-arg]
    """One editable row per finding: its current decision (carried over while the flagged text is unchanged)."""
    rows = []
    for i, f in enumerate(s.findings, start=1):
        d = decisions.get((s.id, f.fingerprint))
        rows.append({
            "#": i,
            "Severity": f.severity.value,
            "Decision": d.status if d else "open",
            "Reason": (d.reason or "") if d else "",
            "Flagged text": " ".join(f.excerpt.split())[:160],
            "Rule": f.rule,
            "fingerprint": f.fingerprint,
        })
    # Decision and reason come before the long text, so they are on screen without scrolling sideways.
    return pd.DataFrame(rows, columns=["#", "Severity", "Decision", "Reason", "Flagged text", "Rule", "fingerprint"])


def open_errors(s: SourceReport, decisions: dict) -> int:  # type: ignore[type-arg]
    """How many error findings are neither fixed nor dismissed."""
    return sum(1 for f in s.findings if f.severity.value == "error"
               and getattr(decisions.get((s.id, f.fingerprint)), "status", "open") not in ("fixed", "dismissed"))


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
                run, _ = store.save_run_once(report, label="saved from the dashboard")
                st.rerun()
        else:
            right.success(f"Saved as audit run {run} (saving it again would add nothing)", icon=":material/check:")

        _changes(store, report, s, run)
        st.markdown("**Decisions on findings.** Decisions follow a finding into later audits while its "
                    "flagged text is unchanged; a dismissal needs a reason.")
        if not s.findings:
            st.info("This source has no findings to review.", icon=":material/info:")
        else:
            current = store.decisions(s.id)
            frame = decisions_frame(s, current)
            # After a save the editor is rebuilt from the store, so a refused decision never looks saved.
            version = st.session_state.get(f"review.version.{s.id}", 0)
            edited = st.data_editor(
                frame, hide_index=True, width="stretch", key=f"review.editor.{s.id}.{version}",
                disabled=["#", "Severity", "Rule", "Flagged text"],
                column_config={
                    "#": st.column_config.NumberColumn(width="small"),
                    "Severity": st.column_config.TextColumn(width="small"),
                    "Decision": st.column_config.SelectboxColumn(options=list(STATUSES), required=True,
                                                                 width="small"),
                    "Reason": st.column_config.TextColumn(width="medium", help="Required for a dismissal"),
                    "Flagged text": st.column_config.TextColumn(width="large"),
                    "Rule": st.column_config.TextColumn(width="small"),
                    "fingerprint": None,
                },
            )
            for kind, message in st.session_state.pop(f"review.feedback.{s.id}", []):
                {"ok": st.success, "refused": st.error, "same": st.info}[kind](message)
            reviewer = st.text_input("Your name", key="review.name", placeholder="e.g. Ana Petrović")
            if st.button("Save decisions", key="review.decide", type="primary"):
                feedback = _save_decisions(store, s, frame, edited, reviewer, run)
                st.session_state[f"review.feedback.{s.id}"] = feedback
                st.session_state[f"review.version.{s.id}"] = version + 1
                st.rerun()
        _sign_off(store, s, run)


def _save_decisions(store, s: SourceReport, before: pd.DataFrame, after: pd.DataFrame,  # type: ignore[no-untyped-def]
                    reviewer: str, run: int | None) -> list[tuple[str, str]]:
    """Store the changed rows; returns what to tell the editor (saved, refused and why, or nothing changed)."""
    changed, feedback = 0, []
    for (_, old), (_, new) in zip(before.iterrows(), after.iterrows(), strict=True):
        if old["Decision"] == new["Decision"] and old["Reason"] == new["Reason"]:
            continue
        try:
            store.decide(s.id, new["fingerprint"], new["Decision"], reason=new["Reason"] or None,
                         by=reviewer.strip() or None, run=run)
            changed += 1
        except HistoryError as exc:
            feedback.append(("refused", f"Finding {new['#']} was NOT marked {new['Decision']}: {exc}. "
                                        f"It is still {old['Decision']}."))
    if changed:
        feedback.insert(0, ("ok", f"Saved {changed} decision(s)."))
    elif not feedback:
        feedback.append(("same", "No decision was changed."))
    return feedback


def _sign_off(store, s: SourceReport, run: int | None) -> None:  # type: ignore[no-untyped-def]
    st.markdown("**Sign-off**")
    current = store.current_signoff(s.id, s.source.content_hash)
    if current:
        note = f" Note: “{current.note}”" if current.note else ""
        st.success(f"Signed off by {current.name} on {current.signed_on} (the text has not changed since).{note}",
                   icon=":material/verified:")
    unresolved = open_errors(s, store.decisions(s.id))
    if unresolved:
        st.warning(f"{unresolved} error finding(s) are still open: they must be fixed before publishing. "
                   "Fix them (or dismiss them with a reason) before you sign off.", icon=":material/warning:")
    if run is None:
        st.caption("Save this audit to the history first: a sign-off belongs to a saved audit of this exact text.")
        return
    with st.form(key=f"review.signoff.{s.id}"):
        name = st.text_input("Reviewer", key="review.signoff.name")
        on = st.date_input("Date", value=date.today(), key="review.signoff.date")
        note = st.text_input("Note (optional)", key="review.signoff.note")
        if st.form_submit_button("Sign this source off"):
            try:
                done = store.sign_off(run, s.id, name, on=on, note=note or None)
                st.success(f"Signed off by {done.name} on {done.signed_on}."
                           + (f" Note: “{done.note}”" if done.note else "")
                           + (f" ({unresolved} error finding(s) were still open.)" if unresolved else ""))
            except HistoryError as exc:
                st.error(f"Not signed off: {exc}")


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
