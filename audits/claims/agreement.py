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

from audits.prepare.language import has_cyrillic, to_latin

_I = re.IGNORECASE

NEGATION: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"\b(not|no|never|none|nobody|nothing|neither|nor|cannot|\w+n['’]t)\b", _I),
    "sr": re.compile(r"\b(ne|nije|nisu|nisam|nismo|niste|nema|nemaju|nikad|nikada|niko|nitko|ništa|neće|nemoj)\b", _I),
    "sl": re.compile(r"\b(ne|ni|niso|nisem|nismo|niste|nima|nimajo|nikoli|nihče|nič|noben\w*)\b", _I),
}
CONTRAST: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"(\bnot|\w+n['’]t)\s+(only|just|merely|simply|the\s+\w+\s+that|the\s+treatment)\b"
                     r"|\bnot\b(?=[^.]{0,60}\bbut\b)", _I),
    "sr": re.compile(r"\b(ne|nije|nisu)\b(?=[^.]{0,60}\b(samo|već|nego)\b)", _I),
    "sl": re.compile(r"\b(ne|ni|niso)\b(?=[^.]{0,60}\b(samo|le|ampak|temveč|marveč)\b)", _I),
}
HEDGES: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"\b(may|might|could|can|possibly|perhaps|likely|unlikely|sometimes|some|often|"
                     r"suggests?|appears?|seems?|probably|partly|partially|in\s+some\s+cases|"
                     r"not\s+(fully|entirely|completely|always)|unclear|uncertain|limited|modest)\b", _I),
    "sr": re.compile(r"\b(može|mogu|mogao|mogla|moglo|mogli|mogle|moguće|možda|verovatno|vjerovatno|vjerojatno|"
                     r"ponekad|neki|neke|nekim|često|čini\s+se|ukazuje|ukazuju|delimično|djelomično|"
                     r"nije\s+(potpuno|sasvim|uvek|uvijek)|nisu\s+(potpuno|sasvim|uvek|uvijek)|"
                     r"nejasno|ograničen\w*|skromn\w*)\b", _I),
    "sl": re.compile(r"\b(lahko|morda|mogoče|verjetno|včasih|nekater\w*|pogosto|zdi\s+se|kaže|kažejo|"
                     r"nakazuje|nakazujejo|delno|deloma|ni\s+(povsem|popolnoma|vedno)|niso\s+(povsem|popolnoma|vedno)|"
                     r"nejasno|omejen\w*|skromn\w*)\b", _I),
}
# Quantifiers ("all", "every", "svi", "sve", "svaki") are not boosters: "all forms of therapy share a goal" says
# how far a claim reaches, not how sure it is, and a difference of scope is not one of certainty (issue 14).
BOOSTERS: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"\b(always|definitely|certainly|clearly|undoubtedly|proven|proves|literally|"
                     r"guarantee[sd]?|dramatically|completely|resounding|absolutely|"
                     r"without\s+(a\s+)?doubt|no\s+doubt|well-documented|well-established|"
                     r"backed\s+by\s+science)\b", _I),
    "sr": re.compile(r"\b(uvek|uvijek|sigurno|zasigurno|svakako|jasno|nesumnjivo|nedvojbeno|dokazano|dokazuje|zaista|"
                     r"bukvalno|doslovno|garantovano|zajamčeno|potpuno|apsolutno|bez\s+sumnje|nema\s+sumnje|"
                     r"nema\s+dvojbe)\b", _I),
    "sl": re.compile(r"\b(vedno|zagotovo|gotovo|vsekakor|jasno|nedvomno|dokazano|dokazuje|resnično|dobesedno|"
                     r"zajamčeno|popolnoma|absolutno|brez\s+dvoma|ni\s+dvoma)\b", _I),
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


# Serbian, Croatian and Bosnian share one list (ekavian and ijekavian forms). Other languages have no lists: English
# cue words would find nothing true in them ("no" in Spanish or Italian is not an English denial).
_CUE_LANGUAGE = {"en": "en", "sr": "sr", "hr": "sr", "bs": "sr", "sl": "sl"}
_NO_STANCE = Stance((), (), ())


def _lang(language: str) -> str | None:
    return _CUE_LANGUAGE.get(language)


def _latin(text: str, lang: str | None) -> str:
    """Serbian Cyrillic read in Latin script, where the cue lists are written."""
    return to_latin(text) if lang == "sr" and has_cyrillic(text) else text


def _denials(text: str, lang: str, hedges: tuple[str, ...], boosters: tuple[str, ...]) -> list[re.Match[str]]:
    """The negation cues that deny something: words inside a hedge or booster phrase ("not fully", "nisu
    potpuno", "there is no doubt") belong to that phrase only, and a contrast ("not only X but Y", "nije samo X
    već Y", "X and not the Y") denies nothing."""
    phrases = [*hedges, *boosters]
    in_phrase = {w for h in phrases if " " in h for w in h.split()}
    contrast = {m.start() for m in CONTRAST[lang].finditer(text)}
    return [m for m in NEGATION[lang].finditer(text)
            if m.group(0).lower() not in in_phrase and m.start() not in contrast]


def stance(text: str, language: str) -> Stance:
    """Negation, hedge and booster cues in one claim (none in a language without cue lists)."""
    lang = _lang(language)
    if lang is None:
        return _NO_STANCE
    text = _latin(text, lang)
    hedges = tuple(m.group(0).lower() for m in HEDGES[lang].finditer(text))
    all_boosters = tuple(m.group(0).lower() for m in BOOSTERS[lang].finditer(text))
    in_hedge = {w for h in hedges if " " in h for w in h.split()}
    negations = tuple(m.group(0).lower() for m in _denials(text, lang, hedges, all_boosters))
    return Stance(negations, hedges, tuple(w for w in all_boosters if w not in in_hedge))


# --- What a negation or a change of direction bears on ---------------------------------------------------------
# "Counselling is not for everyone" does not contradict "counselling is very supportive": the denial bears on
# "everyone", which the other sentence never states. A denial (or an opposite direction) counts only when one of
# the content words right after it comes back in the other claim. Written here because no offline scope
# detector covers Serbian, Croatian, Bosnian or Slovenian (negex-style tools are English and need models).
SCOPE_WORDS = 3  # content words after a cue that it bears on
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_FUNCTION = {
    "en": _words("a an the be is are was were been being do does did done have has had will would can could "
                 "should shall may might must to of for in on at by with as that this these those it its they them "
                 "their there here any all some more most very so than just only also really much many such you "
                 "your we our he she his her"),
    "sr": _words("je su biti bio bila bilo bili bile se da do na u za od o i a ali ni li to taj ta te ti ih im ga joj "
                 "mu sa s kod iz po pri što šta kako kao više još baš sve svi svaki ono ona oni one ovo ova ovaj ove "
                 "njih njima bi će može mogu"),
    "sl": _words("je so biti bil bila bilo bili se da do na v za od o in a ali pa to ta te ti jih jim ga ji mu z s pri "
                 "iz po kot več še prav vse vsi vsak bo bodo bi lahko tudi"),
}


def _content_words(text: str, lang: str) -> list[str]:
    return [w for w in (m.group(0).lower() for m in _WORD.finditer(text)) if len(w) >= 3 and w not in _FUNCTION[lang]]


_CLAUSE_END = re.compile(r"[,;:.!?()\[\]—–]|\s-\s")


def _scope(text: str, lang: str, cues: list[re.Match[str]]) -> set[str]:
    """The first SCOPE_WORDS content words after each cue, within its clause ("there are no guarantees, and
    counselling is not for everyone": the first "no" bears on "guarantees" only)."""
    out: set[str] = set()
    for cue in cues:
        window = text[cue.end():cue.end() + 160]
        end = _CLAUSE_END.search(window)
        out.update(_content_words(window[:end.start()] if end else window, lang)[:SCOPE_WORDS])
    return out


def _same_stem(a: str, b: str) -> bool:
    """Two word forms of one stem: a shared beginning that leaves at most three letters of inflection on the
    shorter ("help"/"helps", "pomaže"/"pomažu", "efikasna"/"efikasan"; not "psihoterapija"/"psihološki")."""
    shorter = min(len(a), len(b))
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= max(4, shorter - 3)


# Words every claim of a mental-health cluster shares ("mental", "anxiety", "therapy", "people"): a denial that
# meets the other claim only on them ("it's not a mental illness, we are just not healthy mentally" / "California's
# mental health system") bears on nothing it states. What is denied must come back in a word of its own.
_TOPIC = re.compile(
    r"^(mental|health|therap|psychotherap|anxi|depress|people|person|patient|client|ill|disorder|problem|"
    r"service|symptom|mentaln|zdravlj|terap|psihoterap|anksioz|depres|ljud|osob|pacijent|klijent|"
    r"bolest|poremeć|simptom|uslug|duševn|zdravj|tesnob|oseb|pacient|klient|bolez|motnj|težav)")


def _bears_on(scope: set[str], other: str, lang: str) -> bool:
    words = set(_content_words(other, lang))
    return any(not _TOPIC.match(s) and any(_same_stem(s, w) for w in words) for s in scope)


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
    "sr": (re.compile(r"\b(povećav\w*|poveća\w*|raste|rast\w*|poboljšav\w*|veći|viš[ae])\b", _I),
           re.compile(r"\b(smanjuj\w*|smanji\w*|opada\w*|pada|manji|niž[ae])\b", _I)),
    "sl": (re.compile(r"\b(poveča\w*|povečuj\w*|narašča\w*|izboljš\w*|višj\w*|večj\w*)\b", _I),
           re.compile(r"\b(zmanjš\w*|upada\w*|pada|padajo|nižj\w*|manjš\w*)\b", _I)),
}


def _direction(text: str, language: str) -> int:
    """+1 if the claim says something goes up, -1 down, 0 for neither or both."""
    lang = _lang(language)
    if lang is None:
        return 0
    up, down = DIRECTION[lang]
    text = _latin(text, lang)
    return int(bool(up.search(text))) - int(bool(down.search(text)))


def _direction_words(text: str, language: str) -> tuple[str, ...]:
    lang = _lang(language)
    if lang is None:
        return ()
    up, down = DIRECTION[lang]
    text = _latin(text, lang)
    return tuple(m.group(0).lower() for p in (up, down) for m in p.finditer(text))


def _bears(text_a: str, lang_a: str, a: Stance, da: int, text_b: str, lang_b: str, b: Stance, db: int) -> bool:
    """Whether the denial or the change of direction that sets two claims apart bears on what the other states.

    Across languages only a word that comes back with the same stem (a name, an acronym, a shared borrowing) can
    show it: on the labelled pairs every cross-language candidate of the negation-word rule was a false alarm
    (docs/claims.md, section 4). ``a``, ``da``, ``b``, ``db``: the claims' stances and directions, read already."""
    la, lb = _lang(lang_a), _lang(lang_b)
    if la is None or lb is None:
        return False
    text_a, text_b = _latin(text_a, la), _latin(text_b, lb)
    if da and db and da != db:
        return _moves_the_same(text_a, la, text_b, lb) or _moves_the_same(text_b, lb, text_a, la)
    (negated, ln), (other, lo) = ((text_a, la), (text_b, lb)) if a.negated else ((text_b, lb), (text_a, la))
    denier = a if a.negated else b
    return _bears_on(_scope(negated, ln, _denials(negated, ln, denier.hedges, denier.boosters)), other, lo)


def _moves_the_same(text: str, lang: str, other_text: str, other_lang: str) -> bool:
    """Opposite directions contradict when they move the same thing (the words after the direction word come back
    in the other claim) for the same cause (another word of the claim does too)."""
    up, down = DIRECTION[lang]
    cues = [*up.finditer(text), *down.finditer(text)]
    moved = _scope(text, lang, cues)
    direction = {c.group(0).lower() for c in cues}
    rest = set(_content_words(text, lang)) - moved - direction
    other = set(_content_words(other_text, other_lang))
    return (any(_same_stem(m, w) for m in moved for w in other)
            and any(_same_stem(r, w) for r in rest for w in other))


def opposite(text_a: str, lang_a: str, text_b: str, lang_b: str) -> bool:
    """Whether two claims of one cluster take opposite positions: one denies what the other states, or they
    move the same thing in opposite directions; neither hedges (a hedge or a narrower scope is not a
    contradiction; it is a certainty difference), and the denial or the change bears on words the other claim
    states (a negation word alone is not a contradiction)."""
    a, da = stance(text_a, lang_a), _direction(text_a, lang_a)
    b, db = stance(text_b, lang_b), _direction(text_b, lang_b)
    return _opposite(a, da, b, db) and _bears(text_a, lang_a, a, da, text_b, lang_b, b, db)


def _opposite(a: Stance, da: int, b: Stance, db: int) -> bool:
    """`opposite` over stances and directions already computed (a cluster's pairs reuse them)."""
    if a.hedges or b.hedges:
        return False
    if da and db and da != db and a.negated == b.negated:
        return True
    return a.negated != b.negated and not (da and db and da != db)


def compare(text_a: str, lang_a: str, text_b: str, lang_b: str) -> str | None:
    """"negation" if the claims take opposite positions, "hedge" if one hedges what the other asserts."""
    a, da = stance(text_a, lang_a), _direction(text_a, lang_a)
    b, db = stance(text_b, lang_b), _direction(text_b, lang_b)
    if _opposite(a, da, b, db) and _bears(text_a, lang_a, a, da, text_b, lang_b, b, db):
        return "negation"
    if {a.certainty, b.certainty} == {"hedged", "boosted"}:
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
    bears: dict[tuple[str, str, str, str], bool] = {}  # by texts: copies of one sentence are judged once
    out = []
    for x, key_a in enumerate(keys):
        for key_b in keys[x + 1:]:
            ra, rb = buckets[key_a][0], buckets[key_b][0]
            opposed = _opposite(stances[ra], directions[ra], stances[rb], directions[rb])
            certainty = {stances[ra].certainty, stances[rb].certainty} == {"hedged", "boosted"}
            if not opposed and not certainty:
                continue
            for u in buckets[key_a]:
                for v in buckets[key_b]:
                    if sources[u] == sources[v]:
                        continue
                    kind = "hedge"  # opposed and certainty never meet: a hedged claim is never opposed
                    if opposed:
                        key = (texts[u], languages[u], texts[v], languages[v])
                        if key not in bears:
                            bears[key] = _bears(texts[u], languages[u], stances[u], directions[u],
                                                texts[v], languages[v], stances[v], directions[v])
                        kind = "negation" if bears[key] else ""
                    if kind:
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
