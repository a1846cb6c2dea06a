"""Claim extraction: keep check-worthy statements, drop questions, headings, calls to action,
navigation, reader comments, meta-text and opinion addressed to the reader.

Guidance: ClaimBuster's check-worthiness classes (factual, causal, statistical statements are
check-worthy; questions, opinions and chit-chat are not; Hassan et al., KDD 2017) and Full Fact's
claim types. The rules are short cue lists in English and Serbian (Latin script) written for this
project; no claim detector ships offline with Serbian support, so we write these ourselves and
measure them on the labelled set in tests/data/claims_extraction.tsv (see docs/claims.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from audits.model import ClaimMember, Document, Span
from audits.prepare.first_chars import gated
from audits.prepare.reference_shape import reference_entries
from audits.prepare.sentences import REFERENCES_HEADING

MIN_WORDS = 5
SPLIT_MIN_WORDS = 6  # each part of a split sentence must keep at least this many words

_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*", re.UNICODE)
_BULLET = re.compile(r"^\s*(?:[-–•*·]|\d{1,2}[.)])\s+")
_FINAL = re.compile(r"[.!…;:\"”’»)\]]\s*$")

_I = re.IGNORECASE
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("question", re.compile(r"\?[\"”’»)]*\s*$")),
    ("cta", re.compile(
        r"^(please\s+)?(contact|call|book|schedule|sign\s+up|subscribe|click|visit|explore|discover|"
        r"learn\s+more|get\s+started|reach\s+out|join|download|buy|order|register|find\s+out|"
        r"kontaktirajte|pozovite|zakažite|zakazite|posetite|prijavite\s+se|javite\s+se|saznajte|"
        r"pišite|naručite|preuzmite)\b", _I)),
    ("cta", re.compile(
        r"\b(contact\s+us|call\s+us|book\s+(a|an|your)\s|schedule\s+(a|an|your)\s|click\s+here|"
        r"get\s+in\s+touch|kontaktirajte\s+nas|pozovite\s+nas|zakažite\s+termin)", _I)),
    ("promotion", re.compile(
        r"^(we|our|at\s+(our|the)\b[^,]*,\s*we|nudimo|naš|naša|naši|mi\s+smo|u\s+našem)\b", _I)),
    ("promotion", re.compile(r"\b(with\s+us|our\s+team|our\s+clinic|naš\s+tim)\b", _I)),
    ("meta", re.compile(
        r"\b(in\s+this\s+(article|post|essay|abstract|book|paper|chapter|guide)|"
        r"this\s+(essay|paper|abstract|article)\s+(seeks|aims|will)|below\s+is|as\s+follows|"
        r"later\s+in\s+the\s+book|u\s+ovom\s+(tekstu|članku|radu))\b", _I)),
    ("comment", re.compile(
        r"\b(thank\s+you|thanks|great\s+(article|post|read)|this\s+(article|post)|loved\s+reading|"
        r"hvala|odličan\s+(članak|tekst)|sjajan\s+(članak|tekst)|ovaj\s+(članak|tekst))\b", _I)),
    ("navigation", re.compile(
        r"^(medically\s+reviewed|reviewed\s+by|posted|published|updated|written\s+by|author|category|"
        r"read\s+more|back\s+to\s+top|share|tags|correspondence|\*?correspondence|received|"
        r"all\s+images|objavljeno|autor|kategorija|pročitajte|podelite)\b", _I)),
    # Bounded e-mail shape: "\S+@\S+" backtracked quadratically on long runs without spaces.
    ("navigation", re.compile(r"(https?://|www\.|[^\s@]{1,64}@[^\s@]{1,255}\.\w)", _I)),
    ("opinion", re.compile(
        r"^(you\s+can\s+think|think\s+of|imagine|picture|zamislite|if\s+you('re|\s+are)\s+looking|"
        r"i\s+believe|i\s+think|i\s+consider|in\s+my\s+opinion|smatram|mislim\s+da)\b", _I)),
)

# Clause boundaries where a long sentence often carries a second claim. Serbian ", a" joins two
# statements ("X je ..., a Y je ..."); English ", although/, but/, while/, whereas" likewise.
_SPLIT = re.compile(
    r"(;\s+|,\s+(?=(a|ali|dok|mada|iako|s\s+obzirom\s+da|but|while|whereas|although|though)\s))", _I)
_QUOTES = re.compile(r"[\"“”„«»]")


@dataclass(frozen=True)
class Verdict:
    """Whether a piece of text is a claim, and the reason when it is not."""

    is_claim: bool
    reason: str  # "claim" or why not: question, heading, cta, promotion, comment, meta, navigation, ...
    claim_type: str = ""


_TYPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # A digit, or a word: two patterns (either one found makes it statistical), so that the words' pattern opens
    # with a word boundary and is searched with its first letters only (audits.prepare.first_chars).
    ("statistical", re.compile(r"\d")),
    ("statistical", re.compile(r"\b(?:percent\b|procen|one\s+in\s+\w+\b|svak[aie]\s+\w+\b|half\b|polovin|"
                               r"majority\b|većin)", _I)),
    ("efficacy", re.compile(r"\b(effective|efficacy|effectiveness|works?\b|helps?\b|benefit|outperform|"
                            r"delotvor|efikas|deluje|pomaže|uspeh|uspešn)", _I)),
    ("causal", re.compile(r"\b(cause|causes|leads?\s+to|results?\s+in|reduc|increas|lower|rais|improv|"
                          r"change|affect|predict|rewire|strengthen|dovodi|dovelo|doveo|smanjuj|povećav|"
                          r"menja|utiče|utiču|pojačav|određuje)", _I)),
    ("definitional", re.compile(r"\b(is\s+(the|a|an)\b|refers\s+to|means\b|is\s+called|known\s+as|"
                                r"je\s+\w+\s+(koji|koja|koje)|predstavlja|naziva\s+se|je\s+sposobnost|je\s+lečenje)",
                                _I)),
)


# Reporting frames and citation marks that wrap a claim without being part of it: they are cut
# from the text that is embedded (never from the span), so "Studies show that X [1]" matches "X".
_FRAME = re.compile(
    r"^.{0,90}?\b(shown|shows|show|found|find|finds|discovered|know|known|suggests?|demonstrated|"
    r"reported|established|pokazala|pokazuju|pokazalo|utvrđeno|poznato|zna\s+se)\s+(that|da)\s+", _I)
_CITATION = re.compile(r"\s*(\[\d+(?:[,–-]\s*\d+)*\]|\([A-Z][^()]{0,60}\d{4}[a-z]?\))")


def core_text(text: str) -> str:
    """The claim without its reporting frame ("Research has shown that ...") or citation marks."""
    core = _CITATION.sub("", _BULLET.sub("", text.strip()))
    framed = _FRAME.match(core)
    if framed and word_count(core[framed.end() :]) >= MIN_WORDS:
        core = core[framed.end() :]
    return core[:1].upper() + core[1:] if core else core


def word_count(text: str) -> int:
    """Number of words in a piece of text."""
    return len(_WORD.findall(text))


def _fast(patterns: tuple[tuple[str, re.Pattern[str]], ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The same patterns, those opening with a word boundary searched with their first letters only
    (the same matches: audits.prepare.first_chars). A pattern anchored at the start is tried once by re
    already and stays as it is."""
    return tuple((name, p if p.pattern.startswith("^") else gated(p)) for name, p in patterns)


@lru_cache(maxsize=1)
def _types() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return _fast(_TYPES)


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return _fast(_RULES)


def claim_type(text: str) -> str:
    """The kind of claim: statistical, efficacy, causal, definitional or factual."""
    for name, pattern in _types():
        if pattern.search(text):
            return name
    return "factual"


def judge(text: str, whole: bool = True) -> Verdict:
    """Decide whether one sentence (whole=True) or one clause of a split sentence is a claim."""
    body = _BULLET.sub("", text.strip())
    if not body:
        return Verdict(False, "empty")
    for reason, pattern in _rules():
        if pattern.search(body):
            return Verdict(False, reason)
    n = word_count(body)
    if whole and not _FINAL.search(body) and n <= 12:
        return Verdict(False, "heading")
    if whole and body[0].islower():
        return Verdict(False, "fragment")  # the tail of a sentence cut by a page break or layout
    if n < MIN_WORDS:
        return Verdict(False, "too-short")
    if not any(ch.islower() for ch in body):
        return Verdict(False, "heading")
    return Verdict(True, "claim", claim_type(body))


def split_clauses(text: str, start: int = 0) -> list[Span]:
    """Cut a sentence at clause boundaries that start a second statement; spans are absolute."""
    parts: list[Span] = []
    cursor = 0
    for match in _SPLIT.finditer(text):
        left = text[cursor : match.start()]
        rest = text[match.end() :]
        inside_quote = len(_QUOTES.findall(text[: match.start()])) % 2 == 1
        if not inside_quote and word_count(left) >= SPLIT_MIN_WORDS and word_count(rest) >= SPLIT_MIN_WORDS:
            parts.append(Span(start + cursor, start + match.start()))
            cursor = match.end()
    parts.append(Span(start + cursor, start + len(text)))
    return [_trim(text, start, p) for p in parts]


def _trim(text: str, offset: int, span: Span) -> Span:
    piece = text[span.start - offset : span.end - offset]
    bullet = _BULLET.match(piece)
    lead = bullet.end() if bullet else len(piece) - len(piece.lstrip())
    trail = len(piece) - len(piece.rstrip())
    return Span(span.start + lead, max(span.start + lead, span.end - trail))


def claim_spans(text: str, start: int = 0) -> list[tuple[Span, Verdict]]:
    """The claims in one sentence: the sentence itself, or its clauses when it carries several."""
    whole = judge(text)
    if not whole.is_claim and whole.reason not in ("heading", "too-short"):
        return []  # a question, call to action, comment... stays one, however it splits
    parts = split_clauses(text, start)
    if len(parts) == 1:
        return [(parts[0], whole)] if whole.is_claim else []
    out = []
    for span in parts:
        verdict = judge(text[span.start - start : span.end - start], whole=False)
        if verdict.is_claim:
            out.append((span, verdict))
    return out


def is_claim_sentence(text: str) -> bool:
    """Whether a sentence holds at least one claim (after splitting long sentences)."""
    return bool(claim_spans(text))


def _reference_start(doc: Document) -> int:
    for para in doc.paragraphs:
        if REFERENCES_HEADING.match(para.of(doc.text).strip()):
            return para.start
    return len(doc.text) + 1


def extract_claims(doc: Document) -> list[ClaimMember]:
    """The candidate claims of a document by rule, each with its exact span (long sentences split
    into clauses); audits.claims.checkworthy then keeps the check-worthy ones."""
    claims: list[ClaimMember] = []
    stop = _reference_start(doc)
    entries, _ = reference_entries(doc.text)
    for sentence in doc.sentences:
        if sentence.start >= stop:
            break
        # A reference entry, whole or cut into "sentences" at its full stops ("Smith, A. (2019)."), wherever it
        # stands; the comment after an entry ("This meta-analysis found ...") is prose and stays.
        if any(a < sentence.end and sentence.start < b for a, b in entries):
            continue
        for span, verdict in claim_spans(sentence.of(doc.text), sentence.start):
            claims.append(ClaimMember(doc.source.id, span.of(doc.text), span.start, span.end,
                                      doc.language.code, verdict.claim_type))
    return claims


__all__ = [
    "Verdict",
    "claim_spans",
    "claim_type",
    "core_text",
    "extract_claims",
    "is_claim_sentence",
    "judge",
    "split_clauses",
    "word_count",
]
