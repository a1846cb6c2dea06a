"""Marketing rules as data: typed, validated at load, merged from built-in and custom YAML files.

A rule file is a mapping with an optional file-level ``defaults`` table and a ``rules`` list.
Every rule names its id (``marketing.<family>.<rule>``), type (``lexicon``, ``regex``, ``phone``
or ``email``), severity, weight, languages, a message for a non-programmer, a suggestion,
why it exists (and a link), and examples that must and must not be flagged. The model is
Vale's YAML styles (existence / raw rules) and proselint's paired examples.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from audits.config import AuditConfig
from audits.model import Severity, Wording, wording_for
from audits.prepare.lazy_re import LazyPattern, lazy, save
from audits.prepare.rule_files import load_yaml, parse_ijekavian

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
BUILTIN_GLOB = "marketing*.yaml"
PREFIX = "marketing."
RULE_TYPES = ("lexicon", "regex", "phone", "email")
# Serbian, Croatian and Bosnian are one family for matching (see LIBRARIES.md): a rule for "sr" covers all three.
LANGUAGE_FAMILIES: Mapping[str, frozenset[str]] = {
    "sr": frozenset({"sr", "hr", "bs"}),
    "hr": frozenset({"sr", "hr", "bs"}),
    "bs": frozenset({"sr", "hr", "bs"}),
}
_ID = re.compile(r"^marketing\.[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9-]*$")
_KNOWN_FIELDS = frozenset({
    "id", "family", "type", "severity", "weight", "languages", "message", "suggestion", "why", "link",
    "tokens", "patterns", "negatable", "skip_quoted", "unless", "unless_also", "examples", "case_sensitive",
    "ijekavian", "fallback",
})
# Word boundary that also treats a hyphen as part of the word, so "judgment-free" never counts as "free".
_LEFT = r"(?<![\w\-‐‑])"
_RIGHT = r"(?![\w‐‑]|-\w)"


class RuleFileError(ValueError):
    """A rule file that cannot be used; the message names the file, the rule and the field."""


@dataclass(frozen=True)
class Examples:
    """Texts a rule must flag and texts it must leave alone."""

    flag: tuple[str, ...]
    pass_: tuple[str, ...]


@dataclass(frozen=True)
class Rule:
    """One marketing rule, loaded from YAML and validated."""

    id: str
    family: str
    type: str
    severity: Severity
    weight: float
    languages: frozenset[str]  # ISO codes, or {"any"}
    message: str
    suggestion: str | None
    why: str
    link: str | None
    pattern: re.Pattern[str] | LazyPattern | None  # None for the phone type (the phonenumbers library)
    negatable: bool
    skip_quoted: bool
    unless: re.Pattern[str] | LazyPattern | None  # context in the same sentence that cancels a match
    examples: Examples
    origin: str  # the file it came from
    ijekavian: Wording | None = None  # the message and suggestion for Croatian and Bosnian pages, if worded apart
    fallback: bool = False  # a broad rule that speaks only where no other rule of its family matched the same text

    def wording(self, language: str) -> Wording:
        """The message and suggestion a finding of this rule shows on a page in this language."""
        return wording_for(language, Wording(self.message, self.suggestion), self.ijekavian)

    def applies_to(self, language: str) -> bool:
        """Whether the rule runs on text in this language."""
        if "any" in self.languages:
            return True
        return bool(LANGUAGE_FAMILIES.get(language, frozenset({language})) & self.languages)


def compile_tokens(tokens: Iterable[str], case_sensitive: bool = False) -> LazyPattern:
    """A word-bounded pattern for literal phrases; spaces match any whitespace, a trailing * any word ending.
    Compiled on first use (audits/prepare/lazy_re.py), like every rule pattern: a page uses few of them."""
    alternatives = []
    for token in sorted({str(t).strip() for t in tokens if str(t).strip()}, key=len, reverse=True):
        stem, wildcard = (token[:-1], True) if token.endswith("*") else (token, False)
        body = re.escape(stem)
        body = body.replace(r"\ ", r"\s+").replace("'", "['’]").replace(r"\-", r"[\-‐‑ ]?")
        alternatives.append(body + (r"\w*" if wildcard else ""))
    if not alternatives:
        raise ValueError("no tokens")
    flags = 0 if case_sensitive else re.IGNORECASE
    return LazyPattern(_LEFT + "(?:" + "|".join(alternatives) + ")" + _RIGHT, flags)  # escaped: always valid


def compile_patterns(patterns: Iterable[str], case_sensitive: bool = False) -> LazyPattern:
    """A word-bounded pattern from regular expressions (each checked on its own, to name the bad one, then
    together), compiled on first use: checked as ``re.compile`` would, without compiling."""
    items = [str(p) for p in patterns if str(p)]
    if not items:
        raise ValueError("no patterns")
    for p in items:
        try:
            lazy(p)
        except re.error as exc:
            raise ValueError(f"bad regular expression {p!r}: {exc}") from None
    flags = 0 if case_sensitive else re.IGNORECASE
    try:
        return lazy(_LEFT + "(?:" + "|".join(f"(?:{p})" for p in items) + ")" + _RIGHT, flags)
    except re.error as exc:  # e.g. a group name used twice, or an inline flag not at the start
        raise ValueError(f"the regular expressions cannot be combined: {exc}") from None


# An address per RFC 5322's common subset; a hand-written regex because no offline library finds
# addresses inside running text (email-validator validates a given string, it does not search).
EMAIL_PATTERN = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")


def _field(item: Mapping[str, Any], name: str, where: str, default: Any = ...) -> Any:
    if name in item and item[name] is not None:
        return item[name]
    if default is ...:
        raise RuleFileError(f"{where}: missing field {name!r}")
    return default


def _str_list(value: Any, where: str, name: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list | tuple) or not all(isinstance(v, str | int | float) for v in value):
        raise RuleFileError(f"{where}: field {name!r} must be a list of strings")
    return tuple(str(v) for v in value)


def _bool(value: Any, where: str, name: str) -> bool:
    if not isinstance(value, bool):
        raise RuleFileError(f"{where}: field {name!r} must be true or false, got {value!r}")
    return value


def parse_rule(item: Any, defaults: Mapping[str, Any], where: str, origin: str) -> Rule:
    """Validate one rule mapping (file defaults filled in) into a Rule; errors name the field."""
    if not isinstance(item, Mapping):
        raise RuleFileError(f"{where}: expected a mapping of fields, got {type(item).__name__}")
    item = {**defaults, **item}
    unknown = sorted(set(item) - _KNOWN_FIELDS)
    if unknown:
        raise RuleFileError(f"{where}: unknown field {unknown[0]!r} (known: {', '.join(sorted(_KNOWN_FIELDS))})")
    rule_id = str(_field(item, "id", where))
    where = f"{where} ({rule_id})"
    if not _ID.match(rule_id):
        raise RuleFileError(f"{where}: field 'id' must look like marketing.<family>.<rule> in lower case")
    family = rule_id.split(".")[1]
    if "family" in item and str(item["family"]) != family:
        raise RuleFileError(f"{where}: field 'family' is {item['family']!r} but the id says {family!r}")
    kind = str(_field(item, "type", where, "lexicon"))
    if kind not in RULE_TYPES:
        raise RuleFileError(f"{where}: field 'type' must be one of {', '.join(RULE_TYPES)}, got {kind!r}")
    try:
        severity = Severity.parse(_field(item, "severity", where, "info"))
    except ValueError as exc:
        raise RuleFileError(f"{where}: field 'severity': {exc}") from None
    raw_weight = _field(item, "weight", where, 1.0)
    if isinstance(raw_weight, bool) or not isinstance(raw_weight, int | float) or not 0 <= raw_weight <= 10:
        raise RuleFileError(f"{where}: field 'weight' must be a number from 0 to 10, got {raw_weight!r}")
    languages = frozenset(s.lower() for s in _str_list(_field(item, "languages", where, ["en"]), where, "languages"))
    if not languages:
        raise RuleFileError(f"{where}: field 'languages' is empty")
    message = str(_field(item, "message", where)).strip()
    why = str(_field(item, "why", where)).strip()
    if not message or not why:
        raise RuleFileError(f"{where}: field {'message' if not message else 'why'!r} is empty")
    case_sensitive = _bool(_field(item, "case_sensitive", where, False), where, "case_sensitive")
    pattern: re.Pattern[str] | None = None
    try:
        if kind == "lexicon":
            pattern = compile_tokens(_str_list(_field(item, "tokens", where), where, "tokens"), case_sensitive)
        elif kind == "regex":
            pattern = compile_patterns(_str_list(_field(item, "patterns", where), where, "patterns"), case_sensitive)
        elif kind == "email":
            pattern = EMAIL_PATTERN
    except ValueError as exc:
        field_name = "tokens" if kind == "lexicon" else "patterns"
        raise RuleFileError(f"{where}: field {field_name!r}: {exc}") from None
    unless = None
    # ``unless`` replaces the file's default list; ``unless_also`` adds to it (the crisis words stay written once).
    cancels = (_str_list(item["unless"], where, "unless") if "unless" in item else ()) + (
        _str_list(item["unless_also"], where, "unless_also") if "unless_also" in item else ())
    if cancels:
        try:
            unless = compile_patterns(cancels)
        except ValueError as exc:
            raise RuleFileError(f"{where}: field 'unless' or 'unless_also': {exc}") from None
    examples = _field(item, "examples", where)
    if not isinstance(examples, Mapping):
        raise RuleFileError(f"{where}: field 'examples' must have 'flag' and 'pass' lists")
    flag = _str_list(_field(examples, "flag", f"{where} examples"), where, "examples.flag")
    passing = _str_list(_field(examples, "pass", f"{where} examples"), where, "examples.pass")
    if not flag or not passing:
        raise RuleFileError(f"{where}: field 'examples' needs at least one 'flag' and one 'pass' example")
    suggestion = item.get("suggestion")
    link = item.get("link")
    try:
        ijekavian = parse_ijekavian(item.get("ijekavian"))
    except ValueError as exc:
        raise RuleFileError(f"{where}: {exc}") from None
    return Rule(
        id=rule_id,
        family=family,
        type=kind,
        severity=severity,
        weight=float(raw_weight),
        languages=languages,
        message=message,
        suggestion=str(suggestion).strip() if suggestion else None,
        why=why,
        link=str(link).strip() if link else None,
        pattern=pattern,
        negatable=_bool(_field(item, "negatable", where, True), where, "negatable"),
        skip_quoted=_bool(_field(item, "skip_quoted", where, True), where, "skip_quoted"),
        unless=unless,
        examples=Examples(flag, passing),
        origin=origin,
        ijekavian=ijekavian,
        fallback=_bool(_field(item, "fallback", where, False), where, "fallback"),
    )


def parse_rule_text(text: str, origin: str) -> tuple[Rule, ...]:
    """Parse the YAML text of a rule file; rules of other analyzers (another id prefix) are left out."""
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        raise RuleFileError(f"{origin}: not valid YAML: {exc}") from None
    if not isinstance(data, Mapping):
        raise RuleFileError(f"{origin}: expected a mapping with a 'rules' list")
    items = data.get("rules")
    if not isinstance(items, list):
        raise RuleFileError(f"{origin}: field 'rules' must be a list of rules")
    defaults = data.get("defaults", {}) or {}
    if not isinstance(defaults, Mapping):
        raise RuleFileError(f"{origin}: field 'defaults' must be a mapping")
    rules: list[Rule] = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        where = f"{origin}: rule {i + 1}"
        if isinstance(item, Mapping) and "id" in item and not str(item["id"]).startswith(PREFIX):
            continue  # another analyzer's rule in a shared custom file
        rule = parse_rule(item, defaults, where, origin)
        if rule.id in seen:
            raise RuleFileError(f"{where}: field 'id': {rule.id!r} is used twice in this file")
        seen.add(rule.id)
        rules.append(rule)
    return tuple(rules)


@lru_cache(maxsize=64)
def _load_file(path: str, mtime_ns: int) -> tuple[Rule, ...]:
    del mtime_ns  # part of the cache key only, so an edited file is read again
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(f"{path}: cannot read rule file ({exc})") from None
    return parse_rule_text(text, path)


def load_rule_file(path: str | Path) -> tuple[Rule, ...]:
    """Read and validate one rule file (cached until the file changes)."""
    p = Path(path)
    try:
        mtime = p.stat().st_mtime_ns
    except OSError as exc:
        raise RuleFileError(f"{p}: cannot read rule file ({exc.strerror})") from None
    return _load_file(str(p), mtime)


def builtin_rule_files() -> tuple[Path, ...]:
    """The rule files shipped with the tool, one per family."""
    return tuple(sorted(RULES_DIR.glob(BUILTIN_GLOB)))


def load_rules(rule_files: Iterable[str | Path] = ()) -> tuple[Rule, ...]:
    """Built-in rules merged with custom files; a custom rule with a built-in id replaces it."""
    merged: dict[str, Rule] = {}
    for path in builtin_rule_files():
        for rule in load_rule_file(path):
            if rule.id in merged:
                raise RuleFileError(f"{path}: field 'id': {rule.id!r} is also defined in {merged[rule.id].origin}")
            merged[rule.id] = rule
    for path in rule_files:
        for rule in load_rule_file(path):
            merged[rule.id] = rule
    save()  # the patterns checked for these files, for the next process's start (nothing to do when kept)
    return tuple(merged.values())


def weight_of(rule: Rule, config: AuditConfig) -> float:
    """The rule's weight after the config: the most specific of rule id, family or 'marketing' wins."""
    weights = dict(config.rule_weights)
    parts = rule.id.split(".")
    for i in range(len(parts), 0, -1):
        key = ".".join(parts[:i])
        if key in weights:
            return max(0.0, float(weights[key]))
    return rule.weight


def active_rules(config: AuditConfig) -> tuple[Rule, ...]:
    """The rules this config runs: built-in plus custom files, minus the switched-off ones."""
    return tuple(r for r in load_rules(config.rule_files) if config.rule_enabled(r.id))


def rule_catalog(config: AuditConfig | None = None) -> list[dict[str, Any]]:
    """Every known rule with its family, weight and on/off state, for settings screens and docs."""
    config = config or AuditConfig()
    return [
        {
            "id": r.id,
            "family": r.family,
            "severity": r.severity.value,
            "default_weight": r.weight,
            "weight": weight_of(r, config),
            "languages": sorted(r.languages),
            "enabled": config.rule_enabled(r.id),
            "message": r.message,
            "why": r.why,
            "origin": r.origin,
        }
        for r in load_rules(config.rule_files)
    ]


__all__ = [
    "EMAIL_PATTERN",
    "Examples",
    "Rule",
    "RuleFileError",
    "active_rules",
    "builtin_rule_files",
    "compile_patterns",
    "compile_tokens",
    "load_rule_file",
    "load_rules",
    "parse_rule",
    "parse_rule_text",
    "rule_catalog",
    "weight_of",
]
