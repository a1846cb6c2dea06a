"""Evidence support: appeals to research, strong health claims and attributions, each with or without a citation.

The lexicons are data (audits/rules/evidence.yaml and evidence_sr.yaml), validated when
loaded; each rule carries examples that must and must not match, checked by the tests.
Guidance: JAMA benchmark "attribution" (Silberg et al., JAMA 1997) and Sumner et al.,
BMJ 2014 on unsupported causal claims in health communication.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from audits.citations.intext import InTextCitation
from audits.model import Document, Severity, Span

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
RULE_FILES = (str(RULES_DIR / "evidence.yaml"), str(RULES_DIR / "evidence_sr.yaml"))
KINDS = ("appeal", "health-claim", "attribution")
_FAMILY = {"sr", "hr", "bs"}


class EvidenceRuleError(ValueError):
    """A lexicon file that cannot be used; the message names the file and the rule."""


@dataclass(frozen=True)
class EvidenceRule:
    """One evidence rule from a lexicon file."""

    id: str
    kind: str
    severity: Severity
    languages: tuple[str, ...]
    message: str
    suggestion: str
    why: str
    link: str
    pattern: re.Pattern[str]
    flag_examples: tuple[str, ...]
    pass_examples: tuple[str, ...]

    def applies_to(self, language: str) -> bool:
        """Whether this rule is for a language (undetermined text gets every rule)."""
        return language in self.languages or language == "und" or (
            language in _FAMILY and bool(_FAMILY & set(self.languages)))


@dataclass(frozen=True)
class EvidenceClaim:
    """A sentence with an appeal to evidence, a strong claim or an attribution, and whether it is cited."""

    rule: EvidenceRule
    sentence: Span
    match: Span
    supported: bool


@cache
def load_lexicon(path: str) -> tuple[EvidenceRule, ...]:
    """Parse and validate one evidence lexicon file."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise EvidenceRuleError(f"{path}: cannot read the evidence lexicon ({exc})") from None
    rules = []
    for i, item in enumerate(data.get("rules", [])):
        where = f"{path}: rule {i + 1}"
        try:
            kind = str(item["kind"])
            if kind not in KINDS:
                raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
            if "." not in str(item["id"]):
                raise ValueError("id must look like <analyzer>.<rule>")
            flags = 0 if item.get("case_sensitive") else re.IGNORECASE
            examples = item.get("examples") or {}
            rules.append(EvidenceRule(
                id=str(item["id"]), kind=kind, severity=Severity.parse(item.get("severity", "info")),
                languages=tuple(str(x) for x in item.get("languages", ["en"])), message=str(item["message"]),
                suggestion=str(item.get("suggestion", "")), why=str(item.get("why", "")),
                link=str(item.get("link", "")),
                pattern=re.compile(r"(?<![\w-])(?:" + "|".join(item["patterns"]) + r")(?![\w-])", flags),
                flag_examples=tuple(examples.get("flag", ())), pass_examples=tuple(examples.get("pass", ())),
            ))
        except KeyError as exc:
            raise EvidenceRuleError(f"{where}: missing field {exc.args[0]!r}") from None
        except (re.error, ValueError, TypeError) as exc:
            raise EvidenceRuleError(f"{where}: {exc}") from None
    return tuple(rules)


def all_rules(extra_files: tuple[str, ...] = ()) -> tuple[EvidenceRule, ...]:
    """The shipped lexicons plus any extra files that hold evidence rules."""
    rules: list[EvidenceRule] = []
    for path in RULE_FILES:
        rules.extend(load_lexicon(path))
    for path in extra_files:
        try:
            rules.extend(load_lexicon(path))
        except EvidenceRuleError:
            continue  # extra rule files may belong to another analyzer (e.g. marketing rules)
    return tuple(rules)


def _cited_near(sentences: tuple[Span, ...], index: int, citations: list[InTextCitation], text: str) -> bool:
    """A citation in the sentence itself, or in the next sentence of the same paragraph."""
    here = sentences[index]
    spans = [here]
    if index + 1 < len(sentences):
        nxt = sentences[index + 1]
        if "\n" not in text[here.end : nxt.start]:
            spans.append(nxt)
    return any(s.start <= c.start and c.end <= s.end + 1 for s in spans for c in citations)


def find_evidence_claims(
    doc: Document, citations: list[InTextCitation], rules: tuple[EvidenceRule, ...], body_end: int
) -> list[EvidenceClaim]:
    """Every sentence of the body that one of the rules matches, once per rule kind."""
    claims: list[EvidenceClaim] = []
    language = doc.language.code
    active = [r for r in rules if r.applies_to(language)]
    text = doc.text
    for i, sentence in enumerate(doc.sentences):
        if sentence.start >= body_end:
            break
        chunk = sentence.of(text)
        kinds_seen: set[str] = set()
        for rule in active:
            if rule.kind in kinds_seen:
                continue
            m = rule.pattern.search(chunk)
            if not m:
                continue
            kinds_seen.add(rule.kind)
            match = Span(sentence.start + m.start(), sentence.start + m.end())
            claims.append(EvidenceClaim(rule, sentence, match, _cited_near(doc.sentences, i, citations, text)))
    return claims
