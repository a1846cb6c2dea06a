"""Per-user state: the settings (mirrored in the URL) and the corpus, and the current audit.

Settings live in st.session_state under "settings.*" keys and are copied into st.query_params
on every run, so the address bar always holds a link that reproduces the audit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, replace
from typing import Any

import streamlit as st

from audits.config import PUBLISHERS, TARGET_PRESETS, AuditConfig, ConfigError
from audits.history import HistoryError, Workspace, WorkspaceError, default_path, open_history
from audits.ingest import unique_ids
from audits.model import Source
from audits.report import Report
from dashboard.data import DEFAULT_SOURCES, audit, audit_store, load_folder, source_key

# Query-parameter name -> AuditConfig field.
PARAMS = {
    "target": "target_grade",
    "hard": "hard_sentence_margin",
    "long": "long_sentence_words",
    "sim": "similarity_threshold",
    "fast": "fast",
    "off": "disabled_rules",
    "lang": "language_overrides",
    "pub": "publisher_overrides",
}
SETTINGS_KEY = "settings.values"
ADDED_KEY = "sources.added"
REMOVED_KEY = "sources.removed"
FOLDER_KEY = "sources.use_folder"
WS_NAME_KEY = "workspace.name"
WS_LOADED_KEY = "workspace.loaded"
WS_DIGEST_KEY = "workspace.digest"
WS_PROBLEM_KEY = "workspace.problem"
DEFAULT_WORKSPACE = "default"


@dataclass(frozen=True)
class Settings:
    """The shareable subset of the audit settings, as the dashboard edits them."""

    target_grade: float = 8.0
    hard_sentence_margin: float = 4.0
    long_sentence_words: int = 30
    similarity_threshold: float | None = None
    fast: bool = False
    disabled_rules: frozenset[str] = frozenset()
    language_overrides: tuple[tuple[str, str], ...] = ()  # (source id, language code) set by the user
    publisher_overrides: tuple[tuple[str, str], ...] = ()  # (source id, "public" or "private") set by the user

    def config(self) -> AuditConfig:
        """The AuditConfig these settings stand for."""
        return AuditConfig().with_changes(
            target_grade=self.target_grade,
            hard_sentence_margin=self.hard_sentence_margin,
            long_sentence_words=self.long_sentence_words,
            similarity_threshold=self.similarity_threshold,
            fast=self.fast,
            disabled_rules=sorted(self.disabled_rules),
            language_overrides=dict(self.language_overrides),
            publisher_overrides=dict(self.publisher_overrides),
        )

    def with_language(self, source_id: str, code: str | None) -> Settings:
        """These settings with a source's language set by the user (None: back to detection)."""
        return replace(self, language_overrides=_with_pair(self.language_overrides, source_id, code))

    def with_publisher(self, source_id: str, publisher: str | None) -> Settings:
        """These settings with who publishes a source set by the user ("public", "private"; None: the text decides)."""
        return replace(self, publisher_overrides=_with_pair(self.publisher_overrides, source_id, publisher))

    def to_params(self) -> dict[str, str]:
        """Query parameters for the settings that differ from the defaults."""
        default = Settings()
        out: dict[str, str] = {}
        if self.target_grade != default.target_grade:
            preset = next((k for k, v in TARGET_PRESETS.items() if v == self.target_grade), None)
            out["target"] = preset or _number(self.target_grade)
        if self.hard_sentence_margin != default.hard_sentence_margin:
            out["hard"] = _number(self.hard_sentence_margin)
        if self.long_sentence_words != default.long_sentence_words:
            out["long"] = str(self.long_sentence_words)
        if self.similarity_threshold is not None:
            out["sim"] = _number(self.similarity_threshold)
        if self.fast:
            out["fast"] = "1"
        if self.disabled_rules:
            out["off"] = ",".join(sorted(self.disabled_rules))
        for name, pairs in (("lang", self.language_overrides), ("pub", self.publisher_overrides)):
            if pairs:
                out[name] = ",".join(f"{sid}:{value}" for sid, value in pairs)
        return out


def _with_pair(pairs: tuple[tuple[str, str], ...], source_id: str, value: str | None) -> tuple[tuple[str, str], ...]:
    """Per-source settings with one source's value set (None: removed), sorted."""
    kept = tuple((sid, v) for sid, v in pairs if sid != source_id)
    return tuple(sorted(kept + (((source_id, value),) if value else ())))


def _number(value: float) -> str:
    """A short form of a number that reads back as exactly the same number."""
    short = f"{value:g}"
    return short if float(short) == value else repr(float(value))


def _within(value: float, low: float, high: float) -> float:
    """The value if it lies in [low, high] (NaN and infinities do not), else ValueError."""
    if not low <= value <= high:
        raise ValueError(f"{value} outside {low}..{high}")
    return value


def _source_pairs(raw: str, valid: Callable[[str], bool]) -> tuple[tuple[str, str], ...]:
    """"id:value,other:value" as sorted (source id, lower-cased value) pairs; a malformed pair is a ValueError."""
    pairs = []
    for item in filter(None, (p.strip() for p in raw.split(","))):
        sid, _, value = item.rpartition(":")
        if not sid or not valid(value.lower()):
            raise ValueError(f"bad setting {item!r}")
        pairs.append((sid, value.lower()))
    return tuple(sorted(pairs))


def _language_pairs(raw: str) -> tuple[tuple[str, str], ...]:
    """"id:sr,other:hr": a language code is two or three letters."""
    return _source_pairs(raw, lambda code: code.isalpha() and len(code) <= 3)


def _publisher_pairs(raw: str) -> tuple[tuple[str, str], ...]:
    """"id:public,other:private"."""
    return _source_pairs(raw, lambda publisher: publisher in PUBLISHERS)


def settings_from_params(params: Mapping[str, str]) -> tuple[Settings, list[str]]:
    """Settings read from query parameters, and a plain-language note for each value that was ignored."""
    values: dict[str, Any] = {}
    problems: list[str] = []
    readers = {
        "target": lambda v: TARGET_PRESETS[v] if v in TARGET_PRESETS else _within(float(v), 1, 20),
        "hard": lambda v: _within(float(v), 0.5, 20),
        "long": lambda v: int(_within(int(v), 5, 500)),
        "sim": lambda v: None if v in ("", "auto") else float(v),
        "fast": lambda v: v.lower() in ("1", "true", "yes", "on"),
        "off": lambda v: frozenset(p.strip() for p in v.split(",") if p.strip()),
        "lang": _language_pairs,
        "pub": _publisher_pairs,
    }
    for name, read in readers.items():
        raw = params.get(name)
        if raw is None:
            continue
        try:
            value = read(str(raw))
            checked = sorted(value) if name == "off" else dict(value) if name in ("lang", "pub") else value
            AuditConfig().with_changes(**{PARAMS[name]: checked})
        except (ValueError, KeyError, ConfigError):
            problems.append(f"The link's setting {name}={raw!s} is not valid and was ignored.")
            continue
        values[PARAMS[name]] = value
    return Settings(**values), problems


def settings_to_dict(settings: Settings) -> dict[str, Any]:
    """Settings as JSON (for the workspace)."""
    out = asdict(settings)
    out["disabled_rules"] = sorted(settings.disabled_rules)
    out["language_overrides"] = [list(p) for p in settings.language_overrides]
    out["publisher_overrides"] = [list(p) for p in settings.publisher_overrides]
    return out


def settings_from_dict(data: Mapping[str, Any]) -> Settings:
    """Settings stored by settings_to_dict; values that no longer make a valid config are dropped."""
    known = {k: v for k, v in data.items() if k in Settings.__dataclass_fields__}
    if "disabled_rules" in known:
        known["disabled_rules"] = frozenset(known["disabled_rules"] or ())
    for key in ("language_overrides", "publisher_overrides"):
        if key in known:
            known[key] = tuple(sorted(tuple(p) for p in known[key] or ()))
    try:
        settings = Settings(**known)
        settings.config()
    except (TypeError, ValueError, ConfigError):
        return Settings()
    return settings


def current_settings() -> Settings:
    """This user's settings: from session state, else the URL, else the workspace, on the first visit."""
    if SETTINGS_KEY not in st.session_state:
        restore_workspace()
    if SETTINGS_KEY not in st.session_state:
        settings, problems = settings_from_params(st.query_params.to_dict())
        st.session_state[SETTINGS_KEY] = settings
        st.session_state["settings.problems"] = problems
    return st.session_state[SETTINGS_KEY]


def store_settings(settings: Settings) -> None:
    """Save new settings for this user, put them in the URL and keep them in the workspace."""
    st.session_state[SETTINGS_KEY] = settings
    sync_url()
    persist_workspace()


# --- the workspace: sources and settings kept in the history database across reloads and restarts ---


def workspace_name() -> str:
    """The workspace this session works in: the address's ws=, else the one chosen, else "default"."""
    name = st.session_state.get(WS_NAME_KEY) or st.query_params.get("ws") or DEFAULT_WORKSPACE
    return " ".join(str(name).split())[:80] or DEFAULT_WORKSPACE


def history_store():  # type: ignore[no-untyped-def]
    return open_history(default_path(None))


def restore_workspace(name: str | None = None, force: bool = False) -> None:
    """Once per session (or when switching): load the named workspace's sources and settings into the session."""
    name = name or workspace_name()
    if st.session_state.get(WS_LOADED_KEY) == name and not force:
        return
    st.session_state[WS_LOADED_KEY] = name
    st.session_state[WS_NAME_KEY] = name
    try:
        with history_store() as store:
            ws = store.workspace(name)
    except (HistoryError, WorkspaceError, OSError, ValueError) as exc:
        st.session_state[WS_PROBLEM_KEY] = f"The saved workspace could not be opened ({exc}); changes are not kept."
        return
    if ws is None:
        return
    st.session_state[ADDED_KEY] = tuple(ws.sources)
    st.session_state[REMOVED_KEY] = frozenset(ws.removed)
    st.session_state[FOLDER_KEY] = ws.use_folder
    url_settings = any(p in st.query_params for p in PARAMS)
    if ws.settings and not url_settings:  # a shared link's settings win over the stored ones
        st.session_state[SETTINGS_KEY] = settings_from_dict(ws.settings)
        st.session_state["settings.problems"] = []
    st.session_state[WS_DIGEST_KEY] = _workspace().digest()


def _workspace() -> Workspace:
    settings = st.session_state.get(SETTINGS_KEY, Settings())
    return Workspace(
        name=workspace_name(),
        sources=tuple(st.session_state.get(ADDED_KEY, ())),
        settings=settings_to_dict(settings),
        use_folder=bool(st.session_state.get(FOLDER_KEY, True)),
        removed=tuple(sorted(st.session_state.get(REMOVED_KEY, frozenset()))),
    )


def persist_workspace() -> bool:
    """Store this session's sources and settings in its workspace; False when nothing changed."""
    ws = _workspace()
    digest = ws.digest()
    if st.session_state.get(WS_DIGEST_KEY) == digest:
        return False
    try:
        with history_store() as store:
            changed = store.save_workspace(ws)
    except (HistoryError, WorkspaceError, OSError, ValueError) as exc:
        st.session_state[WS_PROBLEM_KEY] = f"The workspace could not be saved ({exc}); it lasts until you reload."
        return False
    st.session_state[WS_DIGEST_KEY] = digest
    st.session_state.pop(WS_PROBLEM_KEY, None)
    return changed


def switch_workspace(name: str) -> None:
    """Open another workspace (created empty on first save) and put its name in the address."""
    for key in (ADDED_KEY, REMOVED_KEY, FOLDER_KEY, SETTINGS_KEY, WS_DIGEST_KEY):
        st.session_state.pop(key, None)
    st.session_state[WS_NAME_KEY] = name
    st.query_params["ws"] = name
    restore_workspace(name, force=True)
    current_settings()
    sync_url()
    persist_workspace()


def clear_workspace() -> None:
    """Empty this workspace: no added sources, demo articles on, default settings; stored that way."""
    st.session_state[ADDED_KEY] = ()
    st.session_state[REMOVED_KEY] = frozenset()
    st.session_state[FOLDER_KEY] = True
    st.session_state[SETTINGS_KEY] = Settings()
    sync_url()
    persist_workspace()


def sync_url() -> None:
    """Write the settings (and a non-default workspace name) into the address bar, keeping other parameters."""
    name = workspace_name()
    if name != DEFAULT_WORKSPACE and st.query_params.get("ws") != name:
        st.query_params["ws"] = name
    wanted = current_settings().to_params()
    for name in PARAMS:
        if name in wanted:
            if st.query_params.get(name) != wanted[name]:
                st.query_params[name] = wanted[name]
        elif name in st.query_params:
            del st.query_params[name]


def current_config() -> AuditConfig:
    """The AuditConfig of this user's settings."""
    return current_settings().config()


def corpus() -> tuple[Source, ...]:
    """This user's sources: the demo folder (unless switched off) plus what they added, minus removals."""
    restore_workspace()
    config = current_config()
    folder = load_folder(str(DEFAULT_SOURCES), config) if st.session_state.get(FOLDER_KEY, True) else ()
    added = tuple(st.session_state.get(ADDED_KEY, ()))
    removed = st.session_state.get(REMOVED_KEY, frozenset())
    return tuple(s for s in unique_ids([*folder, *added]) if s.id not in removed)


def add_sources(sources: list[Source]) -> None:
    """Add sources to this user's corpus (a source with the same content hash is not added twice)."""
    added = list(st.session_state.get(ADDED_KEY, ()))
    known = {(s.content_hash, s.title) for s in added}
    for s in sources:
        if (s.content_hash, s.title) not in known:
            added.append(s)
            known.add((s.content_hash, s.title))
    st.session_state[ADDED_KEY] = tuple(added)
    removed = set(st.session_state.get(REMOVED_KEY, frozenset()))
    st.session_state[REMOVED_KEY] = frozenset(removed - {s.id for s in sources})
    persist_workspace()


def remove_sources(ids: list[str]) -> None:
    """Take sources out of this user's corpus (an added source is forgotten; a demo article is hidden)."""
    ids_set = set(ids)
    added = tuple(st.session_state.get(ADDED_KEY, ()))
    st.session_state[ADDED_KEY] = tuple(s for s in added if s.id not in ids_set)
    dropped = {s.id for s in added if s.id in ids_set}
    st.session_state[REMOVED_KEY] = frozenset(st.session_state.get(REMOVED_KEY, frozenset())) | (ids_set - dropped)
    persist_workspace()


def replace_source(old_id: str, new: Source) -> None:
    """Put a re-read source in the place of an added one (e.g. a web page fetched again)."""
    added = tuple(st.session_state.get(ADDED_KEY, ()))
    st.session_state[ADDED_KEY] = tuple(new if s.id == old_id else s for s in added)
    persist_workspace()


def current_report() -> Report | None:
    """The audit of this user's corpus with their settings (cached), with a progress bar while it runs."""
    sources = corpus()
    if not sources:
        return None
    config = current_config()
    slot = st.empty()
    bar = None

    def progress(stage: str, done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = slot.progress(0.0, text="Auditing sources…")
        if stage == "audit":
            bar.progress(0.8 * done / max(total, 1), text=f"Checked {done} of {total} sources…")
        else:
            bar.progress(0.8 + 0.2 * done / max(total, 1), text="Comparing claims across sources…")

    store = audit_store()
    if store.running(source_key(sources), config):
        with st.spinner("Finishing the audit started when the sources were loaded…"):
            report = audit(sources, config, progress)
    else:
        report = audit(sources, config, progress)
    slot.empty()
    return report
