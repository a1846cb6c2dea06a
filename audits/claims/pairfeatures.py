"""Signals that two claims state the same thing, beyond one embedding similarity.

One centred e5 cosine separates "same claim" from "same topic, different claim" poorly on the
evaluation corpus's labelled pairs (docs/claims.md), so a pair of claims is described by a few
independent signals and a small logistic regression (audits.claims.pairscore) weighs them:

* ``cosine``: centred e5 (or TF-IDF) cosine, the meaning;
* ``rank``: how far down each claim's own neighbour list the other one sits (0 = nearest), the
  worse of the two, as log(1 + rank); mutual nearest neighbours score 0;
* ``terms``: shared key terms after light normalisation (lower case, Cyrillic to Latin, no
  diacritics, stop words out, words cut to a 5-letter stem): Jaccard of the two stem sets;
* ``numbers_agree`` / ``numbers_clash``: both claims carry numbers and share one / share none
  ("18.1 %" vs "40 %" is the same topic, not the same claim);
* ``direction_clash``: one says up (increase, raste, narašča) where the other says down. Measured
  but not a scorer input: two sentences moving the same thing in opposite directions are the same
  claim with opposite positions, and must share a cluster for audits.claims.agreement to see them.

Pure functions over strings and vectors: nothing is shared or cached, safe from any thread.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

FEATURES = ("cosine", "rank", "terms", "numbers_agree", "numbers_clash", "direction_clash")

_CYRILLIC = dict(zip(
    "абвгдђежзијклљмнњопрстћуфхцчџшАБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ",
    ["a", "b", "v", "g", "d", "dj", "e", "z", "z", "i", "j", "k", "l", "lj", "m", "n", "nj", "o", "p", "r",
     "s", "t", "c", "u", "f", "h", "c", "c", "dz", "s"] * 2, strict=True))
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
STEM = 5
# Function words of English, Serbian/Croatian/Bosnian and Slovenian (after diacritics are removed),
# and the words every page of this domain uses: they say nothing about which claim a sentence makes.
_STOP_WORDS = """
the and that this with from have has been are was were for not but can may more most than them
they their there which what when where who will would could should also into about such other some
many much very only just even your you our its it's these those does did being over under between
a an of to in on at by or as is be it we us he she his her
koji koja koje kojih kako kada gde gdje sto sta ali ili kao vec jos samo biti bude jeste nije nisu
mogu moze kroz prema nakon zbog tako takodje takodjer svoj svoje svoja njihov njihove ovaj ova ovo
onaj ona ono taj tog toga tome nego koji kod imaju ima vise manje sve svi sebe sebi
ki ka ko kot tudi lahko zato sicer ampak ker kjer kadar smo ste sta bodo bila bilo biti niso svoje
njihov teh tem tega tej tisti tista ali pri med brez zelo vec manj
"""
_STOP = frozenset(_STOP_WORDS.split())
_UP = re.compile(r"\b(increas\w*|rise[sn]?|rising|rose|grow\w*|higher|more\s+likely|doubl\w*|improv\w*|"
                 r"poveca\w*|povecanj\w*|rast\w*|raste|porast\w*|visi|visa|vise\s+od|"
                 r"narasc\w*|narast\w*|vecj\w*|izboljs\w*|poboljs\w*)\b")
_DOWN = re.compile(r"\b(decreas\w*|reduc\w*|declin\w*|fall\w*|fell|lower|less\s+likely|drop\w*|worsen\w*|"
                   r"smanj\w*|pada|opad\w*|nizi|niza|manje\s+od|zmanjs\w*|upad\w*|nizj\w*|poslabs\w*|pogors\w*)\b")


def normalise(text: str) -> str:
    """Lower case, Cyrillic written in Latin letters, diacritics removed."""
    text = "".join(_CYRILLIC.get(ch, ch) for ch in text.casefold())
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


@dataclass(frozen=True)
class ClaimSignals:
    """What the pair features need from one claim, computed once per claim."""

    stems: frozenset[str]
    numbers: frozenset[str]
    up: bool
    down: bool


def signals(text: str) -> ClaimSignals:
    """Key-term stems, numbers and direction of one claim."""
    flat = normalise(text)
    stems = frozenset(w[:STEM] for w in _WORD.findall(flat) if len(w) >= 4 and w not in _STOP)
    numbers = frozenset(n.replace(",", ".").rstrip("0").rstrip(".") or "0" for n in _NUMBER.findall(flat))
    return ClaimSignals(stems, numbers, bool(_UP.search(flat)), bool(_DOWN.search(flat)))


def pair_features(a: ClaimSignals, b: ClaimSignals, cosine: float, rank: int) -> list[float]:
    """The FEATURES of one pair of claims, in order."""
    union = a.stems | b.stems
    terms = len(a.stems & b.stems) / len(union) if union else 0.0
    both_numbers = bool(a.numbers and b.numbers)
    shared_numbers = bool(a.numbers & b.numbers)
    clash = (a.up and b.down and not (a.down or b.up)) or (a.down and b.up and not (a.up or b.down))
    return [cosine, math.log1p(max(0, rank)), terms, float(both_numbers and shared_numbers),
            float(both_numbers and not shared_numbers), float(clash)]


__all__ = ["FEATURES", "ClaimSignals", "normalise", "pair_features", "signals"]
