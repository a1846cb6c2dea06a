"""Agreement inside a claim cluster: negation and hedging/boosting cues that differ between sources.

Guidance: negation-cue lists after the BioScope/SFU negation annotation guidelines (Vincze et al.
2008; Konstantinova et al. 2012) and hedge/booster lists after Hyland's metadiscourse categories
(Hyland 1998, 2005): hedges soften a claim ("may", "sometimes", "not fully understood"), boosters
harden it ("always", "proven", "literally"). Serbian lists are our own translations. The lists
are small and explicit on purpose: a reviewer can read why a pair was flagged, and
tests/data/claims_cues.tsv measures them (docs/claims.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_I = re.IGNORECASE

NEGATION: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"\b(not|no|never|none|nobody|nothing|neither|nor|cannot|\w+n['’]t)\b", _I),
    "sr": re.compile(r"\b(ne|nije|nisu|nisam|nismo|niste|nema|nemaju|nikad|nikada|niko|ništa|neće|nemoj)\b", _I),
}
CONTRAST: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"(\bnot|\w+n['’]t)\s+(only|just|merely|simply|the\s+\w+\s+that|the\s+treatment)\b"
                     r"|\bnot\b(?=[^.]{0,60}\bbut\b)", _I),
    "sr": re.compile(r"\b(ne|nije|nisu)\b(?=[^.]{0,60}\b(samo|već|nego)\b)", _I),
}
HEDGES: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"\b(may|might|could|can|possibly|perhaps|likely|unlikely|sometimes|some|often|"
                     r"suggests?|appears?|seems?|probably|partly|partially|in\s+some\s+cases|"
                     r"not\s+(fully|entirely|completely|always)|unclear|uncertain|limited|modest)\b", _I),
    "sr": re.compile(r"\b(može|mogu|moguće|možda|verovatno|ponekad|neki|neke|nekim|često|čini\s+se|"
                     r"ukazuje|ukazuju|delimično|nije\s+(potpuno|sasvim|uvek)|nisu\s+(potpuno|sasvim)|"
                     r"nejasno|ograničen\w*|skromn\w*)\b", _I),
}
# Quantifiers ("all", "every", "svi", "sve", "svaki") are not boosters: "all forms of therapy share a goal" says
# how far a claim reaches, not how sure it is, and a difference of scope is not one of certainty (issue 14).
BOOSTERS: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"\b(always|definitely|certainly|clearly|undoubtedly|proven|proves|literally|"
                     r"guarantee[sd]?|dramatically|completely|resounding|absolutely|"
                     r"without\s+(a\s+)?doubt|well-documented|well-established|backed\s+by\s+science)\b", _I),
    "sr": re.compile(r"\b(uvek|sigurno|svakako|jasno|nesumnjivo|dokazano|dokazuje|zaista|bukvalno|"
                     r"garantovano|potpuno|apsolutno|bez\s+sumnje)\b", _I),
}


@dataclass(frozen=True)
class Stance:
    """The cues one claim carries: negations, hedges and boosters (words as found)."""

    negations: tuple[str, ...]
    hedges: tuple[str, ...]
    boosters: tuple[str, ...]

    @property
    def negated(self) -> bool:
        """Any negation: Serbian has negative concord ("nikada nisu" is one denial), and English double
        negatives are rare enough in health writing that presence works better than parity."""
        return bool(self.negations)

    @property
    def certainty(self) -> str:
        """hedged, boosted or plain, by which kind of cue dominates."""
        if len(self.hedges) > len(self.boosters):
            return "hedged"
        if len(self.boosters) > len(self.hedges):
            return "boosted"
        return "plain"


def _lang(language: str) -> str:
    return "sr" if language in ("sr", "hr", "bs") else "en"


def stance(text: str, language: str) -> Stance:
    """Negation, hedge and booster cues in one claim."""
    lang = _lang(language)
    hedges = tuple(m.group(0).lower() for m in HEDGES[lang].finditer(text))
    # Words inside a hedge phrase ("not fully", "nisu potpuno") belong to the hedge only, and a
    # contrast ("not only X but Y", "nije samo X već Y", "X and not the Y") denies nothing.
    in_hedge = {w for h in hedges if " " in h for w in h.split()}
    contrast = {m.start() for m in CONTRAST[lang].finditer(text)}
    negations = tuple(
        w for m in NEGATION[lang].finditer(text)
        if (w := m.group(0).lower()) not in in_hedge and m.start() not in contrast
    )
    boosters = tuple(w for m in BOOSTERS[lang].finditer(text) if (w := m.group(0).lower()) not in in_hedge)
    return Stance(negations, hedges, boosters)


@dataclass(frozen=True)
class Disagreement:
    """Two claims in one cluster that differ in polarity or certainty."""

    kind: str  # "negation" or "hedge"
    first: int  # index of the claim the finding is attached to
    second: int
    cues_first: tuple[str, ...]
    cues_second: tuple[str, ...]


DIRECTION: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "en": (re.compile(r"\b(increas\w*|rais\w*|improv\w*|more\s+likely|higher|boost\w*|worsen\w*)\b", _I),
           re.compile(r"\b(decreas\w*|reduc\w*|lower\w*|less\s+likely|fewer|declin\w*|drop\w*)\b", _I)),
    "sr": (re.compile(r"\b(povećav\w*|poveća\w*|raste|rast\w*|poboljšav\w*|veći|viš[ae]|povečuj\w*|izboljš\w*)\b", _I),
           re.compile(r"\b(smanjuj\w*|smanji\w*|opada\w*|pada|manji|niž[ae]|zmanjš\w*|upada)\b", _I)),
}


def _direction(text: str, language: str) -> int:
    """+1 if the claim says something goes up, -1 down, 0 for neither or both."""
    up, down = DIRECTION[_lang(language)]
    return int(bool(up.search(text))) - int(bool(down.search(text)))


def _direction_words(text: str, language: str) -> tuple[str, ...]:
    up, down = DIRECTION[_lang(language)]
    return tuple(m.group(0).lower() for p in (up, down) for m in p.finditer(text))


def opposite(text_a: str, lang_a: str, text_b: str, lang_b: str) -> bool:
    """Whether two claims of one cluster take opposite positions: one denies what the other states,
    or they move the same thing in opposite directions, and neither hedges (a hedge or a narrower
    scope is not a contradiction; it is a certainty difference)."""
    return _opposite(stance(text_a, lang_a), _direction(text_a, lang_a),
                     stance(text_b, lang_b), _direction(text_b, lang_b))


def _opposite(a: Stance, da: int, b: Stance, db: int) -> bool:
    """`opposite` over stances and directions already computed (a cluster's pairs reuse them)."""
    if a.hedges or b.hedges:
        return False
    if da and db and da != db and a.negated == b.negated:
        return True
    return a.negated != b.negated and not (da and db and da != db)


def compare(text_a: str, lang_a: str, text_b: str, lang_b: str) -> str | None:
    """"negation" if the claims take opposite positions, "hedge" if one hedges what the other asserts."""
    a, b = stance(text_a, lang_a), stance(text_b, lang_b)
    if opposite(text_a, lang_a, text_b, lang_b):
        return "negation"
    if (a.certainty == "hedged") != (b.certainty == "hedged") and "boosted" in (a.certainty, b.certainty):
        return "hedge"
    return None


def disagreements(texts: list[str], languages: list[str], sources: list[str]) -> list[Disagreement]:
    """Pairs of claims from different sources in one cluster that disagree; at most one per pair.

    Whether two claims disagree depends only on their stance signature (hedged or not, negated or
    not, direction, certainty), so claims are bucketed by signature and only buckets that disagree
    are paired up: a cluster of hundreds of copies of one sentence costs one comparison, not
    hundreds of thousands (issue 18). Claims with the same signature never disagree.
    """
    # A cluster often holds copies of one sentence: each (text, language) is read once.
    read: dict[tuple[str, str], tuple[Stance, int]] = {}
    for t, lang in zip(texts, languages, strict=True):
        if (t, lang) not in read:
            read[t, lang] = (stance(t, lang), _direction(t, lang))
    stances = [read[t, lang][0] for t, lang in zip(texts, languages, strict=True)]
    directions = [read[t, lang][1] for t, lang in zip(texts, languages, strict=True)]
    buckets: dict[tuple[bool, bool, int, str], list[int]] = {}
    for i, (st, d) in enumerate(zip(stances, directions, strict=True)):
        buckets.setdefault((bool(st.hedges), st.negated, d, st.certainty), []).append(i)
    keys = list(buckets)
    out = []
    for x, key_a in enumerate(keys):
        for key_b in keys[x + 1:]:
            ra, rb = buckets[key_a][0], buckets[key_b][0]
            if _opposite(stances[ra], directions[ra], stances[rb], directions[rb]):
                kind = "negation"
            elif {stances[ra].certainty, stances[rb].certainty} == {"hedged", "boosted"}:
                kind = "hedge"
            else:
                continue
            for u in buckets[key_a]:
                for v in buckets[key_b]:
                    if sources[u] != sources[v]:
                        out.append(_disagreement(kind, min(u, v), max(u, v), texts, languages, stances))
    return sorted(out, key=lambda d: (min(d.first, d.second), max(d.first, d.second)))


def _disagreement(kind: str, i: int, j: int, texts: list[str], languages: list[str],
                  stances: list[Stance]) -> Disagreement:
    """The finding for a pair i < j whose buckets disagree (kind decided once per bucket pair): the
    negated or the boosted claim comes first."""
    a, b = stances[i], stances[j]
    if kind == "negation":
        first, second = (i, j) if a.negated or not b.negated else (j, i)
        cues = [stances[x].negations or _direction_words(texts[x], languages[x]) for x in (first, second)]
        return Disagreement("negation", first, second, cues[0], cues[1])
    first, second = (i, j) if a.certainty == "boosted" else (j, i)
    return Disagreement("hedge", first, second, stances[first].boosters, stances[second].hedges)


__all__ = ["BOOSTERS", "HEDGES", "NEGATION", "Disagreement", "Stance", "compare", "disagreements", "opposite", "stance"]
