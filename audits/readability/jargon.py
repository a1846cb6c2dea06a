"""Jargon not explained at first use, from a glossary data file (audits/rules/glossary.yaml).

Guidance: CDC Clear Communication Index and NIH plain-language guidance: use the words your
readers use, and explain a technical term the first time it appears. A term counts as
explained when the sentence of its first use gives a bracket, "or", a dash, "which means",
"called", "known as", or defines it ("X is ..."); Serbian cues: zagrada, "odnosno", "tj.",
"to jest", "što znači", "koji se naziva", "takozvani", "X je ...". When the first use is in a
heading, the next sentence may explain it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from audits.model import Span
from audits.prepare.first_chars import gated
from audits.prepare.language import latin_with_offsets
from audits.prepare.literals import folded, may_match
from audits.prepare.rule_files import load_yaml

GLOSSARY_FILE = Path(__file__).resolve().parent.parent / "rules" / "glossary.yaml"
# Explanation cues right after the term (within the same clause) or just before it.
_AFTER = {
    "en": re.compile(
        r"^\W{0,3}(?:\(|[-–—]\s|,?\s+or\s|,?\s+(?:which|that)\s+(?:is|are|means|mean|refers?)\b"
        r"|,?\s+(?:meaning|means?|refers? to|describes?|i\.e\.|that is|also called|also known as)\b"
        r"|\s+(?:is|are)\s+(?:a|an|the|when|how|what|where|our|your|its|their)\b|,\s+(?:a|an|the)\s)",
        re.IGNORECASE),
    "sr": re.compile(
        r"^\W{0,3}(?:\(|[-–—]\s|,?\s+odnosno\b|,?\s+tj\.|,?\s+to jest\b|,?\s+što znači\b"
        r"|,?\s+(?:koji|koja|koje)\s+(?:je|su|se naziva|znači)\b|\s+(?:znači|označava|predstavlja)\b"
        r"|\s+(?:je|su)\s+\w+)",
        re.IGNORECASE),
}
_BEFORE = {
    "en": re.compile(r"(?:called|known as|so-called|term|meaning|i\.e\.|\()\W{0,3}$", re.IGNORECASE),
    "sr": re.compile(r"(?:naziva|nazivamo|poznat\w* kao|takozvan\w*|termin\w*|tj\.|odnosno|\()\W{0,3}$",
                     re.IGNORECASE),
}


class GlossaryError(ValueError):
    """A glossary file that cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class Term:
    """One jargon term with its plain-language alternative."""

    id: str
    lang: str
    plain: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Glossary:
    """The validated glossary: terms and the examples each language must (not) flag."""

    terms: tuple[Term, ...]
    examples: dict[str, dict[str, tuple[str, ...]]]
    link: str

    def for_language(self, lang: str) -> tuple[Term, ...]:
        """Terms for a language (Bosnian and Croatian share the Serbian list)."""
        key = "sr" if lang in ("sr", "hr", "bs") else lang
        return tuple(t for t in self.terms if t.lang == key)


_OPEN, _CLOSE = r"(?<![\w-])(?:", r")(?![\w-])"


def _compile(forms: list[str]) -> re.Pattern[str]:
    parts = []
    for form in forms:
        # All-capital abbreviations (CBT, ECT) match only in capitals, so "ect" in "etc." never does.
        parts.append(f"(?-i:{form})" if form.isupper() else form)
    return re.compile(_OPEN + "|".join(parts) + _CLOSE, re.IGNORECASE)


@cache
def load_glossary(path: str = str(GLOSSARY_FILE)) -> Glossary:
    """Parse and validate the glossary file."""
    try:
        data = load_yaml(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise GlossaryError(f"{path}: cannot read glossary ({exc})") from None
    terms = []
    seen: set[str] = set()
    for i, item in enumerate(data.get("terms", [])):
        where = f"{path}: term {i + 1}"
        try:
            term = Term(str(item["id"]), str(item["lang"]), str(item["plain"]), _compile(list(item["forms"])))
        except KeyError as exc:
            raise GlossaryError(f"{where}: missing field {exc.args[0]!r}") from None
        except (re.error, TypeError) as exc:
            raise GlossaryError(f"{where}: {exc}") from None
        if term.id in seen:
            raise GlossaryError(f"{where}: duplicate id {term.id!r}")
        if term.lang not in ("en", "sr"):
            raise GlossaryError(f"{where}: lang must be en or sr, not {term.lang!r}")
        seen.add(term.id)
        terms.append(term)
    examples = {lang: {kind: tuple(v) for kind, v in ex.items()} for lang, ex in (data.get("examples") or {}).items()}
    return Glossary(tuple(terms), examples, str(data.get("link", "")))


def is_explained(sentence: str, start: int, end: int, lang: str) -> bool:
    """Whether the sentence explains the term found at [start, end) of it."""
    key = "sr" if lang in ("sr", "hr", "bs") else "en"
    return bool(_AFTER[key].search(sentence[end:end + 40]) or _BEFORE[key].search(sentence[max(0, start - 30):start]))


@dataclass(frozen=True)
class JargonUse:
    """The first use of a glossary term, and whether it was explained there."""

    term: Term
    span: Span
    explained: bool


def first_uses(sentences: list[tuple[Span, str, bool]], lang: str, glossary: Glossary | None = None) -> list[JargonUse]:
    """First use of each glossary term in (span, text, is_heading) sentences, in text order.

    Each term is first looked for once in all the sentences joined by a blank line: a term that
    matches no sentence is skipped, and one that does is searched sentence by sentence from the one
    holding the joined text's first match (a match inside a sentence is also a match of the joined
    text, where the neighbour characters are non-word like the sentence's ends; a match across the
    separator can only come earlier). The same uses as searching every sentence for every term.
    """
    glossary = glossary or load_glossary()
    terms = glossary.for_language(lang)
    if not terms or not sentences:
        return []
    latin = [latin_with_offsets(raw) for _, raw, _ in sentences]
    starts: list[int] = []
    at = 0
    for text, _ in latin:
        starts.append(at)
        at += len(text) + len(_SEPARATOR)
    joined = _SEPARATOR.join(text for text, _ in latin)
    lowered = folded(joined)  # a term none of whose required letters occur is not searched for
    found: list[tuple[int, int, JargonUse]] = []  # (start, sentence, term order): the old insertion order
    for order, term in enumerate(terms):
        if not may_match(term.pattern, lowered):
            continue
        pattern = gated(term.pattern)  # the same matches, found faster (audits/prepare/first_chars.py)
        first = 0
        if _local(term.pattern):
            hit = pattern.search(joined)
            if hit is None:
                continue
            first = bisect_right(starts, hit.start()) - 1
        for i in range(first, len(sentences)):
            span, _, heading = sentences[i]
            text, offsets = latin[i]
            m = pattern.search(text)
            if m is None:
                continue
            explained = is_explained(text, m.start(), m.end(), lang)
            if not explained and heading and i + 1 < len(sentences):
                following = latin[i + 1][0]
                again = pattern.search(following)
                explained = again is not None and is_explained(following, *again.span(), lang)
            end = offsets[m.end() - 1] + 1  # the original character the match ends in, whole
            use = JargonUse(term, Span(span.start + offsets[m.start()], span.start + end), explained)
            found.append((use.span.start, i, order, use))
            break
    return [use for *_, use in sorted(found, key=lambda f: f[:3])]


_SEPARATOR = "\n\n"
# Forms that look further than one character around a match (lookarounds, anchors) could behave
# differently in the joined text: those terms are searched sentence by sentence from the start.
_NOT_LOCAL = re.compile(r"\(\?<?[=!]|\^|\$|\\[ABZ]")


@cache
def _local(pattern: re.Pattern[str]) -> bool:
    body = pattern.pattern.removeprefix(_OPEN).removesuffix(_CLOSE)
    return pattern.pattern.startswith(_OPEN) and pattern.pattern.endswith(_CLOSE) and not _NOT_LOCAL.search(body)


__all__ = ["GLOSSARY_FILE", "Glossary", "GlossaryError", "JargonUse", "Term", "first_uses", "is_explained",
           "load_glossary"]
