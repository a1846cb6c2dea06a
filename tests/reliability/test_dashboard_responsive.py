"""The dashboard keeps serving other sessions while one of them audits a hostile upload.

Every browser session is a thread of the one Streamlit process, and they share the dashboard's data
layer (dashboard.data). A slow source in one session must not hold a lock the others wait on.
"""

from __future__ import annotations

import threading
from pathlib import Path

from audits.config import AuditConfig
from dashboard import data

ARTICLE = (Path(__file__).resolve().parents[2] / "sources" / "la-clinic-how-psychotherapy-works.txt").read_text(
    encoding="utf-8")
NOTE = "Therapy helps people who worry. You meet a therapist every week. Most people feel better after months.\n"


def test_another_session_is_served_while_a_hostile_upload_is_audited() -> None:
    config = AuditConfig(fast=True)
    # "Dr." 200,000 times without a space: a run that made the old text paths super-linear (issue 17).
    hostile = data.read_upload("hostile.txt", (ARTICLE + "\n\n" + "Dr." * 200_000 + "\n").encode(), config)
    other = data.read_pasted("A short note from another editor", NOTE * 6, config)
    data.audit((data.read_pasted("warm-up", NOTE * 4, config),), config)  # first-use imports happen here
    started, finished = threading.Event(), threading.Event()

    def hostile_session() -> None:
        started.set()
        data.audit((hostile,), config)
        finished.set()

    worker = threading.Thread(target=hostile_session, daemon=True)
    worker.start()
    started.wait()
    report = data.audit((other,), config)  # the other editor's session
    served_first = not finished.is_set()
    worker.join(timeout=300)
    assert finished.is_set(), "the hostile upload never finished"
    assert served_first, "the other session had to wait until the hostile upload was audited"
    assert report.sources[0].score("readability") is not None
