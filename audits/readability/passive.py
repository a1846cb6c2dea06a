"""Passive voice in English: a form of "to be" followed by a past participle.

No package here offers a passive detector without a parser model to download (spaCy and
stanza need model files), so this is the pattern that style checkers such as write-good
and proselint use: be/been/being/is/are/was/were (optionally one or two adverbs between)
followed by a regular "-ed" participle or one of the irregular ones. Predicative
adjectives that look like participles ("interested", "tired") are excluded. Measured on
our own labelled sentences in tests/data/readability_passive.tsv (precision and recall in
docs/readability.md). Serbian and other languages: no method here, reported as such.
"""

from __future__ import annotations

import re

from audits.model import Span

_IRREGULAR = tuple(re.findall(
    r"\w+",
    "arisen awoken been borne beaten become begun bent bet bound bitten bled blown broken bred brought "
    "built burnt bought caught chosen come cost crept cut dealt dug done drawn dreamt drunk driven eaten "
    "fallen fed felt fought found fled flown forbidden forgotten forgiven frozen got gotten given gone "
    "ground grown hung had heard hidden hit held hurt kept known laid led left lent let lain lit lost "
    "made meant met paid put quit read ridden rung risen run said seen sought sold sent set shaken shed "
    "shone shot shown shut sung sunk sat slept slid spoken spent spun split spread stood stolen stuck "
    "stung struck sworn swept swum taken taught torn told thought thrown understood woken worn woven won "
    "wound written undergone overcome undertaken withdrawn "
))
# Predicative adjectives and words that merely end in -ed.
_NOT_PASSIVE = frozenset(re.findall(
    r"[\w-]+",
    "interested tired excited worried pleased married qualified concerned scared bored confused "
    "satisfied surprised ashamed determined supposed need indeed red bed shed embed seed feed speed "
    "proceed succeed exceed hundred sacred naked wicked skilled advanced detailed experienced "
    "sophisticated complicated varied dedicated crucial well-documented related unrelated aged beloved "
    "alleged "
))
_BE = r"(?:am|is|are|was|were|be|been|being|isn't|aren't|wasn't|weren't|’s|'s)"
_ADVERB = r"(?:not|never|also|often|usually|still|already|always|then|generally|commonly|widely|rarely|"
_ADVERB += r"mostly|largely|further|frequently|typically|sometimes|now|only|even|just|\w+ly)"
PASSIVE = re.compile(
    rf"\b{_BE}\s+(?:{_ADVERB}\s+){{0,2}}(?P<participle>\w+ed|{'|'.join(_IRREGULAR)})\b",
    re.IGNORECASE,
)
METHOD = "pattern: a form of 'to be' followed by a past participle (English only)"


def passive_spans(sentence: str, offset: int = 0) -> list[Span]:
    """Spans of passive constructions in one English sentence (offset added to each span)."""
    spans = []
    for m in PASSIVE.finditer(sentence):
        participle = m.group("participle").lower()
        if participle in _NOT_PASSIVE:
            continue
        if m.group(0).lower().startswith(("'s", "’s")) and participle.endswith("ed") is False:
            continue  # "it's been", "she's gone": perfect tense, not passive
        spans.append(Span(offset + m.start(), offset + m.end()))
    return spans


def has_method(lang: str) -> bool:
    """Whether passive voice can be measured in this language here."""
    return lang == "en"


__all__ = ["METHOD", "PASSIVE", "has_method", "passive_spans"]
