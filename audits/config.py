"""Audit settings: thresholds, limits and switches, loaded from a TOML or YAML file.

The config is frozen and hashable, so the dashboard can cache audits by it.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

import yaml

TARGET_PRESETS: dict[str, float] = {
    "AMA grade 6": 6.0,
    "NIH grade 8": 8.0,
    "general public": 10.0,
}


class ConfigError(ValueError):
    """A config file or value that cannot be used; the message names the file and field."""


@dataclass(frozen=True)
class AuditConfig:
    """Every setting an audit depends on; stored in each report so it can be reproduced."""

    target_grade: float = 8.0
    hard_sentence_margin: float = 4.0  # grades above target that make a sentence "hard"
    very_hard_sentence_margin: float = 8.0
    long_sentence_words: int = 30
    long_paragraph_words: int = 150
    min_words: int = 100
    min_sentences: int = 3
    max_file_bytes: int = 10_000_000
    # Per-source bounds (docs/reliability.md): unpacked size, zip entries and XML nesting of .docx,
    # characters of extracted text, and the wall-clock budget for reading and auditing one source.
    max_unpacked_bytes: int = 50_000_000
    max_archive_entries: int = 2_000
    max_xml_depth: int = 200
    max_text_chars: int = 1_500_000
    source_time_budget_s: float = 30.0
    url_timeout_s: float = 10.0
    allow_private_urls: bool = False
    fast: bool = False  # lexical claim matching instead of the embedding model
    similarity_threshold: float | None = None  # None: the method's calibrated default
    disabled_rules: frozenset[str] = frozenset()  # rule ids or families ("marketing.cta")
    rule_weights: tuple[tuple[str, float], ...] = ()
    rule_files: tuple[str, ...] = ()  # extra YAML rule files
    language_overrides: tuple[tuple[str, str], ...] = ()  # (source id, language code)
    # (source id, "public" or "private"): the user says who publishes a source, where the text does not show it
    publisher_overrides: tuple[tuple[str, str], ...] = ()
    jobs: int = 1
    history_path: str | None = None
    # How the audit runs (never what it finds): see audits/parallel.py, audits/cache.py, docs/performance.md.
    engine: str = "local"  # local (process pool over documents) or dask
    scheduler: str | None = None  # Dask scheduler address; None: a LocalCluster on this machine
    cache_path: str | None = None  # folder for the on-disk audit cache; None: in memory only
    cache_entries: int = 2048  # bound on cached per-document audits (memory and disk)

    def weight_for(self, rule: str, default: float) -> float:
        """The configured weight of a rule, or its default."""
        return dict(self.rule_weights).get(rule, default)

    def rule_enabled(self, rule: str) -> bool:
        """Whether a rule (or any family prefix of it) has been switched off."""
        parts = rule.split(".")
        prefixes = {".".join(parts[:i]) for i in range(1, len(parts) + 1)}
        return not (prefixes & self.disabled_rules)

    def language_for(self, source_id: str) -> str | None:
        """The user's language override for a source, if any."""
        return dict(self.language_overrides).get(source_id)

    def publisher_for(self, source_id: str) -> str | None:
        """The user's word on who publishes a source ("public": a public service or charity; "private": a private
        provider), if any."""
        return dict(self.publisher_overrides).get(source_id)

    def to_dict(self) -> dict[str, Any]:
        """JSON form, as recorded in every report."""
        out = asdict(self)
        out["disabled_rules"] = sorted(self.disabled_rules)
        out["rule_weights"] = dict(self.rule_weights)
        out["rule_files"] = list(self.rule_files)
        out["language_overrides"] = dict(self.language_overrides)
        out["publisher_overrides"] = dict(self.publisher_overrides)
        return out

    def with_changes(self, **changes: Any) -> AuditConfig:
        """A copy with some settings changed (values normalised as from a file)."""
        return from_mapping({**self.to_dict(), **changes}, origin="settings")


_FIELD_TYPES = {f.name: f for f in fields(AuditConfig)}
PUBLISHERS = ("public", "private")  # a public service or charity; a private provider (publisher_overrides)


def from_mapping(data: dict[str, Any], origin: str = "config") -> AuditConfig:
    """Build a config from a plain mapping, rejecting unknown keys and bad types."""
    if not isinstance(data, dict):
        raise ConfigError(f"{origin}: expected a table of settings, got {type(data).__name__}")
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in _FIELD_TYPES:
            known = ", ".join(sorted(_FIELD_TYPES))
            raise ConfigError(f"{origin}: unknown setting {key!r} (known: {known})")
        try:
            values[key] = _coerce(key, value)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"{origin}: setting {key!r}: {exc}") from None
    config = replace(AuditConfig(), **values)
    _check_numbers(config, origin)
    if config.target_grade <= 0 or config.target_grade > 20:
        raise ConfigError(f"{origin}: setting 'target_grade' must be between 1 and 20")
    if config.similarity_threshold is not None and not 0 < config.similarity_threshold < 1:
        raise ConfigError(f"{origin}: setting 'similarity_threshold' must be between 0 and 1")
    return config


# Settings that must be > 0 (the rest of the numbers must be >= 0); all must be finite.
_POSITIVE = frozenset({"max_file_bytes", "max_unpacked_bytes", "max_archive_entries", "max_xml_depth",
                       "max_text_chars", "source_time_budget_s", "url_timeout_s", "cache_entries"})


def _check_numbers(config: AuditConfig, origin: str) -> None:
    """Refuse NaN, infinities and negative numbers in any numeric setting."""
    for name in _FIELD_TYPES:
        value = getattr(config, name)
        if name == "jobs" or isinstance(value, bool) or not isinstance(value, int | float):
            continue  # jobs <= 0 means one worker per core
        if not math.isfinite(value):
            raise ConfigError(f"{origin}: setting {name!r} must be a finite number, not {value}")
        if value < 0 or (value == 0 and name in _POSITIVE):
            bound = "greater than 0" if name in _POSITIVE else "0 or more"
            raise ConfigError(f"{origin}: setting {name!r} must be {bound}, not {value:g}")
    for rule, weight in config.rule_weights:
        if not math.isfinite(weight) or weight < 0:
            raise ConfigError(f"{origin}: the weight of rule {rule!r} must be a finite number 0 or more")


def _coerce(key: str, value: Any) -> Any:
    default = getattr(AuditConfig(), key)
    if key == "target_grade" and isinstance(value, str):
        if value in TARGET_PRESETS:
            return TARGET_PRESETS[value]
        return float(value)
    if key == "disabled_rules":
        return frozenset(str(v) for v in _as_list(value))
    if key == "rule_files":
        return tuple(str(v) for v in _as_list(value))
    if key in ("rule_weights", "language_overrides", "publisher_overrides"):
        items = value.items() if isinstance(value, dict) else [tuple(v) for v in value]
        cast = float if key == "rule_weights" else str
        pairs = tuple(sorted((str(k), cast(v)) for k, v in items))
        if key == "publisher_overrides" and any(v not in PUBLISHERS for _, v in pairs):
            raise ValueError(f"a publisher is one of {', '.join(PUBLISHERS)}")
        return pairs
    if key in ("similarity_threshold", "history_path") and value is None:
        return None
    if key == "history_path":
        return str(value)
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise TypeError("expected true or false")
        return value
    if isinstance(default, int):
        return int(value)
    if isinstance(default, float) or key == "similarity_threshold":
        return float(value)
    return value


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, str):
        return [value]
    return list(value)


def load_config(path: str | Path | None) -> AuditConfig:
    """Read settings from a .toml, .yaml or .yml file (section [audit] or top level)."""
    if path is None:
        return AuditConfig()
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{p}: cannot read config file ({exc.strerror})") from None
    try:
        if p.suffix.lower() == ".toml":
            data = tomllib.loads(raw.decode("utf-8"))
        else:
            data = yaml.safe_load(raw.decode("utf-8")) or {}
    except (tomllib.TOMLDecodeError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{p}: not valid {p.suffix.lstrip('.') or 'config'}: {exc}") from None
    if isinstance(data, dict) and "audit" in data:
        data = data["audit"]
    config = from_mapping(data, origin=str(p))
    # Rule files are resolved relative to the config file, like a linter's config.
    resolved = tuple(str((p.parent / f).resolve()) for f in config.rule_files)
    return replace(config, rule_files=resolved)


__all__ = ["PUBLISHERS", "TARGET_PRESETS", "AuditConfig", "ConfigError", "from_mapping", "load_config"]
