"""Settings: target grade, thresholds, rule families and claim matching; shared through the page address."""

from __future__ import annotations

import streamlit as st

from audits.analyzers import CORPUS_ANALYZERS, DOCUMENT_ANALYZERS
from audits.claims.cluster import thresholds_for
from audits.config import TARGET_PRESETS
from dashboard.state import SETTINGS_KEY, Settings, current_report, current_settings, store_settings

st.title("Settings")
st.caption(
    "Changes re-run the audit and show on every page. The page address always carries the settings, "
    "so copying it shares exactly this audit with a colleague."
)

settings = current_settings()
families = {a.id: a.description for a in (*DOCUMENT_ANALYZERS, *CORPUS_ANALYZERS)}
report = current_report()
known_rules = sorted({f.rule for _, f in report.findings()} if report else set())
specific = sorted((set(known_rules) | set(settings.disabled_rules)) - set(families))

CUSTOM = "Custom"
preset_names = [*TARGET_PRESETS, CUSTOM]
current_preset = next((k for k, v in TARGET_PRESETS.items() if v == settings.target_grade), CUSTOM)

with st.form("settings.form", border=True):
    st.subheader("Readability")
    preset = st.radio(
        "Target reading grade",
        preset_names,
        index=preset_names.index(current_preset),
        horizontal=True,
        key="settings.preset",
        help="AMA recommends grade 6 for patient information, NIH and CDC grade 8.",
    )
    custom = st.number_input("Custom target grade (used when “Custom” is chosen)", min_value=1.0, max_value=20.0,
                             value=float(settings.target_grade), step=0.5, key="settings.custom_grade")
    # Slider ranges widen to include a value that came in through a shared link.
    hard = st.slider("A sentence is hard when it reads this many grades above the target",
                     min(1.0, settings.hard_sentence_margin), max(10.0, settings.hard_sentence_margin),
                     float(settings.hard_sentence_margin), 0.5, key="settings.hard")
    long_words = st.slider("A sentence is long from this many words", min(15, settings.long_sentence_words),
                           max(60, settings.long_sentence_words), int(settings.long_sentence_words),
                           key="settings.long")

    st.subheader("Checks")
    enabled = {
        fid: st.checkbox(f"{fid.title()}: {desc}", value=fid not in settings.disabled_rules,
                         key=f"settings.family.{fid}")
        for fid, desc in families.items()
    }
    off_rules = st.multiselect("Switch off single rules", specific,
                               default=[r for r in specific if r in settings.disabled_rules],
                               key="settings.rules", placeholder="no single rule switched off")

    st.subheader("Claim matching")
    fast = st.toggle("Fast mode: match claims by shared words instead of the multilingual model",
                     value=settings.fast, key="settings.fast",
                     help="Much quicker on large corpora, but does not match claims across languages.")
    auto = st.checkbox("Use the calibrated matcher (recommended)", value=settings.similarity_threshold is None,
                       key="settings.sim_auto",
                       help="The matcher weighs meaning, shared key terms, numbers and nearest neighbours, with "
                            "limits chosen per language pair on labelled examples. Unticked, similarity alone "
                            "decides, at the threshold below.")
    # Start the slider at the English similarity threshold the similarity path (fast mode, matcher off) uses.
    calibrated = thresholds_for("tfidf-char" if fast else "e5-small").same_language
    sim_value = float(settings.similarity_threshold or calibrated)
    sim = st.slider("Similarity threshold, used only when the calibrated matcher is off "
                    "(higher = only near-identical claims are grouped)",
                    min(0.05, sim_value), max(0.95, sim_value), sim_value, 0.05, key="settings.sim")

    apply = st.form_submit_button("Apply and re-run the audit", type="primary")

if apply:
    disabled = {fid for fid, on in enabled.items() if not on} | set(off_rules)
    new = Settings(
        target_grade=TARGET_PRESETS.get(preset, custom),
        hard_sentence_margin=hard,
        long_sentence_words=long_words,
        similarity_threshold=None if auto else sim,
        fast=fast,
        disabled_rules=frozenset(disabled),
    )
    store_settings(new)
    st.rerun()

if st.button("Reset to defaults", key="settings.reset"):
    for name in [k for k in st.session_state if str(k).startswith("settings.") and k != SETTINGS_KEY]:
        del st.session_state[name]  # so the form shows the defaults again
    store_settings(Settings())
    st.rerun()

st.subheader("Settings in use")
st.dataframe(
    [
        {"Setting": "Target reading grade", "Value": f"{settings.target_grade:g}"},
        {"Setting": "Hard sentence: grades above the target", "Value": f"{settings.hard_sentence_margin:g}"},
        {"Setting": "Long sentence: words", "Value": str(settings.long_sentence_words)},
        {"Setting": "Claim matching", "Value": "fast (shared words)" if settings.fast else "multilingual model"},
        {"Setting": "Similarity threshold", "Value": "calibrated default" if settings.similarity_threshold is None
         else f"{settings.similarity_threshold:g}"},
        {"Setting": "Switched off", "Value": ", ".join(sorted(settings.disabled_rules)) or "nothing"},
    ],
    hide_index=True, width="stretch", key="settings.table",
)
query = "&".join(f"{k}={v}" for k, v in settings.to_params().items())
st.markdown("**Link to these settings** (add it to the dashboard's address):")
st.code(f"?{query}" if query else "(default settings: no parameters needed)", language=None)
