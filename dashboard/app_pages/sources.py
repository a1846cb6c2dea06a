"""Sources page: what will be audited, how each source was read, and adding or removing sources."""

from __future__ import annotations

from html import escape

import pandas as pd
import streamlit as st

from dashboard.data import (
    audit_in_background,
    audit_store,
    prepared,
    read_pasted,
    read_upload,
    read_url,
    source_key,
)
from dashboard.state import (
    FOLDER_KEY,
    REMOVED_KEY,
    add_sources,
    corpus,
    current_config,
    current_report,
    current_settings,
    persist_workspace,
    remove_sources,
    replace_source,
    store_settings,
)
from dashboard.workspace_ui import workspace_box

MESSAGES_KEY = "sources.messages"  # what the last add said, kept until the next add


def _say(messages: list[tuple[str, str]]) -> None:
    st.session_state[MESSAGES_KEY] = messages

st.title("Mental-health content audit")
st.markdown(
    "Compare articles about mental health on **readability**, **marketing language**, **citations** and "
    "**claims shared with other sources**. Start here: the demo articles in `sources/` are loaded; add your own "
    "drafts or pages below, then open the **Overview**. Everything you add is kept in your workspace, "
    "so it is still here after a reload."
)

config = current_config()
workspace_box()

with st.container(border=True):
    st.subheader("Add sources")
    upload_tab, paste_tab, url_tab = st.tabs(["Upload files", "Paste text", "Web page"])
    with upload_tab:
        # Any file is accepted here and the reader says why one cannot be audited, on screen, in words.
        files = st.file_uploader(
            "Text, Markdown, HTML, PDF or Word files (several at once)",
            accept_multiple_files=True,
            key="sources.uploads",
        )
        if st.button("Add uploaded files", key="sources.add_files", disabled=not files, type="primary"):
            new = [read_upload(f.name, f.getvalue(), config) for f in files or []]
            readable = [s for s in new if s.ok]
            add_sources(readable)
            msgs = [("success", f"Added {len(readable)} file(s).")] if readable else []
            msgs += [("error", f"{s.origin} was not added: {s.error}") for s in new if not s.ok]
            _say(msgs)
    with paste_tab:
        title = st.text_input("Title", key="sources.paste_title", placeholder="e.g. Draft: what to expect in therapy")
        text = st.text_area("Text", key="sources.paste_text", height=180,
                            placeholder="Paste the article's text here.")
        if st.button("Add pasted text", key="sources.add_text", disabled=not text.strip(), type="primary"):
            source = read_pasted(title.strip() or "Pasted text", text, config)
            if source.ok:
                add_sources([source])
                _say([("success", f"Added “{source.title}”.")])
            else:
                _say([("error", source.error or "The text could not be read.")])
    with url_tab:
        url = st.text_input("Address of a web page", key="sources.url", placeholder="https://…")
        st.caption("Pages on private or local network addresses are refused, for safety.")
        if st.button("Fetch and add", key="sources.add_url", disabled=not url.strip(), type="primary"):
            with st.spinner("Fetching the page…"):
                source = read_url(url.strip(), config)
            add_sources([source])  # kept even when it failed, so it can be retried in one click
            if source.ok:
                _say([("success", f"Added “{source.title}”.")])
            else:
                _say([("error", f"Could not read the page: {source.error} It is listed below with Retry.")])
    for kind, message in st.session_state.get(MESSAGES_KEY, []):
        icon = ":material/check_circle:" if kind == "success" else ":material/error:"
        (st.success if kind == "success" else st.error)(message, icon=icon)


def _keep_folder_choice() -> None:
    # Widget state is dropped when another page runs, so the choice is copied to a plain key.
    st.session_state[FOLDER_KEY] = st.session_state["sources.folder_toggle"]
    persist_workspace()


st.toggle("Include the demo articles from sources/", value=st.session_state.get(FOLDER_KEY, True),
          key="sources.folder_toggle", on_change=_keep_folder_choice)

sources = corpus()
st.subheader(f"Sources to audit ({len(sources)})")
if not sources:
    st.info("No sources yet. Upload files, paste text or add a web page above, or switch the demo articles back on.",
            icon=":material/info:")
    st.stop()

failed = [s for s in sources if not s.ok]
if failed:
    with st.container(border=True, key="sources.failed_box"):
        st.markdown(f"**{len(failed)} source(s) could not be read** and are left out of the scores.")
        for s in failed:
            c1, c2, c3 = st.columns([6, 1, 1], vertical_alignment="center")
            c1.markdown(f"✗ **{escape(s.title)}** · {escape(s.error or '')}")
            if s.kind == "url" and c2.button("Retry", key=f"sources.retry.{s.id}", icon=":material/refresh:"):
                read_url.clear()
                with st.spinner("Fetching the page again…"):
                    again = read_url(s.origin, config)
                replace_source(s.id, again)
                _say([("success", f"“{again.title}” was read.")] if again.ok else
                     [("error", f"Still could not read {s.origin}: {again.error}")])
                st.rerun()
            if c3.button("Remove", key=f"sources.drop.{s.id}", icon=":material/delete:"):
                remove_sources([s.id])
                st.rerun()

rows = []
docs = {}
for s in sources:
    doc = prepared(s, source_key((s,))[0], config.language_for(s.id)) if s.ok else None
    docs[s.id] = doc
    rows.append({
        "Title": s.title,
        "Status": "✓ read" if s.ok else f"✗ {s.error}",
        "Language": f"{doc.language.name} ({doc.language.confidence:.0%})" if doc else "–",
        "Words": doc.word_count if doc else 0,
        "Type": s.kind,
        "Encoding": s.encoding or "–",
        "Boilerplate removed": len(s.removed),
        "Id": s.id,
        "Origin": s.origin,
    })
rows.sort(key=lambda r: not r["Status"].startswith("✗"))  # unreadable sources first, never below the fold
st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="sources.table",
             column_config={"Title": st.column_config.TextColumn(width="large"),
                            "Boilerplate removed": st.column_config.NumberColumn(
                                "Furniture removed", help="Navigation, cookie notices, share buttons and the like")})

# Language: doubt is shown, and the user can correct it (the audit reruns with the chosen language).
LANGUAGES = {"en": "English", "sr": "Serbian", "hr": "Croatian", "bs": "Bosnian", "sl": "Slovene", "mk": "Macedonian",
             "de": "German", "fr": "French", "it": "Italian", "es": "Spanish", "pl": "Polish", "nl": "Dutch",
             "pt": "Portuguese", "ru": "Russian"}
doubtful = [s for s in sources if (d := docs.get(s.id)) is not None and not d.language.overridden
            and d.language.confidence < 0.5]
if doubtful:
    st.warning("The language of " + ", ".join(f"“{escape(s.title)}”" for s in doubtful) + " is uncertain "
               "(Serbian is told from Croatian and Bosnian by word forms such as vreme/vrijeme, Croatian from "
               "Bosnian only by vocabulary such as tjedan/sedmica, and some pages have too little of either). "
               "Please confirm it below: the readability notes and claim matching depend on it.",
               icon=":material/translate:")
with st.expander("Correct a source's language", expanded=bool(doubtful)):
    settings = current_settings()
    chosen = dict(settings.language_overrides)
    for s in sources:
        doc = docs.get(s.id)
        if doc is None:
            continue
        detected = doc.language if not doc.language.overridden else None
        auto = ("Detected: " + (f"{detected.name} ({detected.confidence:.0%})" if detected else "as audited"))
        options = ["auto", *LANGUAGES]
        current = chosen.get(s.id, "auto")
        pick = st.selectbox(
            s.title, options, index=options.index(current) if current in options else 0,
            format_func=lambda code, auto=auto: auto if code == "auto" else LANGUAGES[code],
            key=f"sources.lang.{s.id}",
            help=(detected.method if detected else "Set by you; choose “Detected” to let the tool decide again."),
        )
        if (pick if pick != "auto" else None) != chosen.get(s.id):
            store_settings(settings.with_language(s.id, None if pick == "auto" else pick))
            st.rerun()

# Publisher: a public service's or charity's contact lines are information, not promotion. The audit decides it from
# the text; the user can say so where the text does not show it (the audit reruns with their word).
PUBLISHER_CHOICES = {"auto": "Decided from the text", "public": "Public service or charity",
                     "private": "Private provider (clinic, therapist, coach)"}
finished = audit_store().get(source_key(sources), config) if sources else None  # never waits for an audit
marketing_sections = {r.id: r.sections.get("marketing", {}) for r in (finished.sources if finished else ())}
hinted = [(s, p) for s in sources if (p := marketing_sections.get(s.id, {}).get("reads_as_public")) is not None]
confirmed = [(s, p, marketing_sections[s.id].get("institutional_cues") or [])
             for s in sources if (p := marketing_sections.get(s.id, {}).get("institutional_confirmed_by_model"))]
with st.expander("Say who publishes a source", expanded=bool(hinted or confirmed)):
    for s, p in hinted:
        st.info(f"“{escape(s.title)}” reads like a public service or charity ({p:.0%}, learned page model), but its "
                "text does not show a public body plainly enough, so its marketing score is not damped. If it is one, "
                "mark it below.", icon=":material/account_balance:")
    for s, p, cues in confirmed:
        phrase = f" (“{escape(cues[0])}”)" if cues else ""
        st.info(f"“{escape(s.title)}” is treated as a public service or charity: its text has one institutional "
                f"phrase{phrase} and the learned page model agrees ({p:.0%}), so its marketing score is damped. If it "
                "is a private provider, mark it below.", icon=":material/account_balance:")
    st.caption("A public service or charity describing itself (its phone lines, how to refer yourself) is not "
               "advertising, so its marketing score is multiplied by 0.1. The audit recognises one by two phrases "
               "such as “NHS”, “registered charity”, “dom zdravlja” or “zdravstveni dom” (in default mode, one "
               "phrase when the learned page model is sure); where it gets a source wrong, say so here.")
    settings = current_settings()
    publishers = dict(settings.publisher_overrides)
    for s in sources:
        if docs.get(s.id) is None:
            continue
        current = publishers.get(s.id, "auto")
        pick = st.selectbox(s.title, list(PUBLISHER_CHOICES), index=list(PUBLISHER_CHOICES).index(current),
                            format_func=PUBLISHER_CHOICES.get, key=f"sources.publisher.{s.id}")
        if (pick if pick != "auto" else None) != publishers.get(s.id):
            store_settings(settings.with_publisher(s.id, None if pick == "auto" else pick))
            st.rerun()

stripped = [(s, r) for s in sources for r in s.removed]
with st.expander(f"What was stripped as page furniture ({len(stripped)} pieces)"):
    if stripped:
        st.dataframe(
            pd.DataFrame([{"Source": s.title, "Line": r.line, "Why": r.reason, "Text": r.text[:200]}
                          for s, r in stripped]),
            hide_index=True, width="stretch",
        )
    else:
        st.caption("Nothing was removed: the sources had no navigation, cookie banners or share buttons.")

left, right = st.columns([3, 1], vertical_alignment="bottom")
to_remove = left.multiselect(
    "Remove sources from this audit",
    [s.id for s in sources],
    format_func=lambda sid: next(s.title for s in sources if s.id == sid),
    key="sources.to_remove",
)
if right.button("Remove", key="sources.remove", disabled=not to_remove, width="stretch"):
    remove_sources(to_remove)
    st.rerun()
if st.session_state.get(REMOVED_KEY) and st.button("Put removed sources back", key="sources.restore"):
    st.session_state[REMOVED_KEY] = frozenset()
    persist_workspace()
    st.rerun()

st.divider()
if st.button("Audit these sources", type="primary", key="sources.run", icon=":material/play_arrow:"):
    report = current_report()
    if report is not None:
        st.switch_page("app_pages/overview.py")
st.caption("Results are kept per content and settings, so a source is never audited twice with the same settings.")

# Last, once the page is drawn: start the audit, so the Overview is ready by the time the reader opens it.
audit_in_background(sources, config)
