"""Evidence support: appeals to research, strong health claims and attributions, each with or without a citation.

The lexicons are data (audits/rules/evidence*.yaml: English, sr/hr/bs, Slovenian), validated when
loaded; each rule carries examples that must and must not match, checked by the tests.
Kinds: ``appeal`` (leans on research with no source), ``health-claim`` (a strong efficacy or
causal claim), ``statistic`` (a number about people), ``attribution`` (a named person quoted
without a work), and context kinds that never become findings: ``source`` (a named,
findable body or study: supports its sentence and the statistics after it in the paragraph)
a ``back-reference`` to it ("the survey found"), ``speaker`` (a named person reported as news
reports one: supports the figures and claims they give, not an appeal to research they make),
``unnamed-source`` and ``hedge`` (wording that makes a sentence tentative: cancels health claims).
Cyrillic text is matched through its Latin transliteration.
Guidance: JAMA benchmark "attribution" (Silberg et al., JAMA 1997) and Sumner et al.,
BMJ 2014 on unsupported causal claims in health communication.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from audits.citations.intext import InTextCitation
from audits.model import Document, Severity, Span, Wording, wording_for
from audits.prepare.first_chars import gated
from audits.prepare.language import latin_with_offsets
from audits.prepare.lazy_re import LazyPattern, lazy, save
from audits.prepare.literals import folded, literal_check
from audits.prepare.rule_files import load_yaml, parse_ijekavian

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
RULE_FILES = tuple(str(p) for p in sorted(RULES_DIR.glob("evidence*.yaml")))
KINDS = ("appeal", "health-claim", "statistic", "attribution", "source", "back-reference", "unnamed-source", "hedge",
         "speaker")
# Never findings: they decide whether a sentence is supported or hedged. A back-reference ("the survey",
# "this study") counts as a source only after a named source earlier in the document; a sentence giving its
# own unnamed source ("one study found", "in several studies") is not carried by a source named before it.
CONTEXT_KINDS = ("source", "back-reference", "unnamed-source", "hedge", "speaker")
# The evaluation's family for each finding kind (audits.evaluation.score), the names the learned layer's models use.
KIND_FAMILY = {"appeal": "evidence-appeal", "attribution": "evidence-appeal", "health-claim": "overclaim",
               "statistic": "statistic"}
# What a named speaker's sentence, and a finding whose study the next sentence names, are attributed for.
SPOKEN_KINDS = ("statistic", "health-claim")
NAMED_NEXT_KINDS = ("appeal", "statistic")
HEADING_WORDS = 12
SOURCE_REACH = 4  # a named source supports statistics in its paragraph and in this many following sentences
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
    pattern: LazyPattern  # checked at load, compiled on first use (audits/prepare/lazy_re.py)
    unless: LazyPattern | None
    flag_examples: tuple[str, ...]
    pass_examples: tuple[str, ...]
    ijekavian: Wording | None = None  # the message and suggestion for Croatian and Bosnian pages, if worded apart

    def wording(self, language: str) -> Wording:
        """The message and suggestion a finding of this rule shows on a page in this language."""
        return wording_for(language, Wording(self.message, self.suggestion or None), self.ijekavian)

    def matches(self, text: str) -> bool:
        """Whether the rule flags this text (its pattern matches and no 'unless' context cancels it)."""
        return bool(self.pattern.search(text)) and not (self.unless is not None and self.unless.search(text))

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
        data = load_yaml(Path(path).read_text(encoding="utf-8")) or {}
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
                pattern=lazy(r"(?<![\w-])(?:" + "|".join(item["patterns"]) + r")(?![\w-])", flags),
                unless=(lazy(r"(?<!\w)(?:" + "|".join(item["unless"]) + ")", re.IGNORECASE)
                        if item.get("unless") else None),
                flag_examples=tuple(examples.get("flag", ())), pass_examples=tuple(examples.get("pass", ())),
                ijekavian=parse_ijekavian(item.get("ijekavian")),
            ))
        except KeyError as exc:
            raise EvidenceRuleError(f"{where}: missing field {exc.args[0]!r}") from None
        except (re.error, ValueError, TypeError) as exc:
            raise EvidenceRuleError(f"{where}: {exc}") from None
    save()  # the checked patterns, for the next process's start
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
    """A citation in the sentence itself, or a marker ([1], (Smith, 2019)) in the next sentence of the same
    paragraph. A narrative mention ("a 2021 survey by the Ministry") supports only its own sentence: in
    the next sentence it names a different study."""
    here = sentences[index]
    if any(_within(c, here) for c in citations):
        return True
    if index + 1 < len(sentences):
        nxt = sentences[index + 1]
        if "\n" not in text[here.end : nxt.start]:
            return any(_within(c, nxt) for c in citations if c.style != "narrative")
    return False


def _within(citation: InTextCitation, sentence: Span) -> bool:
    """Whether a citation stands inside a sentence (or right after its last character)."""
    return sentence.start <= citation.start and citation.end <= sentence.end + 1


def _names_a_study(sentence: Span, citations: list[InTextCitation]) -> bool:
    """A narrative mention of a study or its institution in the sentence ("researchers from Rutgers University",
    "a 2021 review in the Lancet"): a named source, so a later "the researchers found" refers back to it."""
    return any(c.style == "narrative" and _within(c, sentence) for c in citations)


def _is_heading(sentence: str) -> bool:
    """A short line without closing punctuation (a title or heading)."""
    stripped = sentence.strip()
    return len(stripped.split()) <= HEADING_WORDS and not stripped.endswith((".", "!", "?", ":", ";", ",", ")", "\""))


def _same_paragraph(text: str, a: Span, b: Span) -> bool:
    return "\n\n" not in text[min(a.end, b.end): max(a.start, b.start)]


_LIST_MARK = re.compile(r"\s*(?:[•·▪◦*–—-]|\d{1,2}[.)])\s")


LIST_REACH = 4000  # characters between a source and an item of the list it introduces (a long list, bounded)


def _in_list_after(text: str, source: Span, sentence: Span) -> bool:
    """The sentence is in a list that follows the source's sentence ("According to a survey by X, …:" then "• 65% of
    …", "• 26% …"): every line from the one after the source to the sentence's own is a list item or blank. Read
    only within LIST_REACH characters, so a long document is not scanned again for every sentence."""
    if sentence.start - source.end > LIST_REACH or "\n" not in text[source.end:sentence.start] or text[
            source.end:text.find("\n", source.end)].strip():
        return False  # the source does not end its line, or the sentence is on the source's own line
    line_start = text.rfind("\n", 0, sentence.start) + 1
    between = text[text.find("\n", source.end) + 1:line_start].split("\n")
    return all(not line.strip() or _LIST_MARK.match(line) for line in between) and bool(
        _LIST_MARK.match(text[line_start:sentence.end]))


def _in_entries(sentence: Span, entries: tuple[tuple[int, int], ...]) -> bool:
    return any(a < sentence.end and sentence.start < b for a, b in entries)


class _Finder:
    """A rule pattern's search in one sentence: skipped when the sentence lacks the pattern's required
    words, run with the gated copy of the pattern otherwise (the same match either way). The rule's ``unless``
    cancels it in the sentence, for context rules as for finding rules ("journals such as the Lancet" names no
    study: the named-source rules' ``unless``)."""

    def __init__(self, pattern: re.Pattern[str], unless: LazyPattern | None = None) -> None:
        self.rule_pattern = pattern
        self.possible = literal_check(pattern)
        self.pattern = gated(pattern)
        self.unless = unless

    def search(self, chunk: str, lowered: str | None) -> re.Match[str] | None:
        """The pattern's first match in the sentence; ``lowered`` is its ``folded`` form."""
        found = self.pattern.search(chunk) if self.possible(lowered) else None
        return None if found is not None and self.unless is not None and self.unless.search(chunk) else found


@dataclass(frozen=True)
class _SentenceContext:
    """What the rules' context says of one sentence of the body, in reading order (see ``_walk``)."""

    index: int
    sentence: Span
    chunk: str  # the sentence in Latin script (Serbian Cyrillic transliterated)
    offsets: list[int]  # chunk position -> position in the sentence
    lowered: str  # chunk folded (prepare/literals.py), for the required-word test
    named: bool  # names a findable source, or refers back to one named earlier
    near_source: bool  # a named source or speaker stands in the previous SOURCE_REACH sentences or the same paragraph
    skipped: bool  # after the body, a heading, a question or a reference entry: never a claim
    hedged: bool
    spoken: bool  # a named speaker gives it ("X, the charity's director, said ..."): attribution, not a study
    own_source: bool  # names a source itself (a source rule or a narrative mention of a study), not by referring back
    refers_back: bool  # "the study", "the researchers": points to a study introduced before it


def _walk(
    doc: Document, citations: list[InTextCitation], active: list[EvidenceRule],
    entries: tuple[tuple[int, int], ...], body_end: int,
) -> Iterator[_SentenceContext]:
    """Every sentence with its context, the one chain of named sources both the rules and the learned layer
    read. After a named source (a source rule, or a narrative mention such as "researchers from Rutgers
    University"), a sentence that refers back to it ("the researchers found") is supported as if it named it.

    The searches give the same matches as the rules' own patterns, found faster: a sentence lacking all of a
    pattern's required words is not searched (prepare/literals.py), and the search tries fewer alternatives
    (prepare/first_chars.py)."""
    sources = [_Finder(r.pattern, r.unless) for r in active if r.kind == "source"]
    back_refs = [_Finder(r.pattern, r.unless) for r in active if r.kind == "back-reference"]
    unnamed = [_Finder(r.pattern, r.unless) for r in active if r.kind == "unnamed-source"]
    hedges = [_Finder(r.pattern, r.unless) for r in active if r.kind == "hedge"]
    speakers = [_Finder(r.pattern, r.unless) for r in active if r.kind == "speaker"]
    text = doc.text
    last_source_span: Span | None = None  # a named study or body: what "the researchers found" refers back to
    last_told = -10**6
    last_told_span: Span | None = None  # a named source or speaker: what the figures after it come from
    for i, sentence in enumerate(doc.sentences):
        chunk, offsets = latin_with_offsets(sentence.of(text))
        lowered = folded(chunk)
        named = any(f.search(chunk, lowered) for f in sources)
        own_source = named or _names_a_study(sentence, citations)
        refers_back = any(f.search(chunk, lowered) for f in back_refs)
        # "One study reported 77 %..." after "the APA recognises EMDR": the figure comes from another, unnamed
        # study, so neither the earlier source nor the sentence's own "study … reported" supports it.
        own_unnamed = not named and any(f.search(chunk, lowered) for f in unnamed)
        spoken = not named and any(f.search(chunk, lowered) for f in speakers)
        near_source = not own_unnamed and last_told_span is not None and (
            i - last_told <= SOURCE_REACH or _same_paragraph(text, last_told_span, sentence)
            or _in_list_after(text, last_told_span, sentence))
        if not named and not own_unnamed and last_source_span is not None and refers_back:
            named = True
        if named or own_source:  # a source of its own, or one referred back to
            last_source_span = sentence
        if named or own_source or spoken:
            last_told, last_told_span = i, sentence
        skipped = (sentence.start >= body_end or _is_heading(chunk) or chunk.rstrip().endswith("?")
                   or _in_entries(sentence, entries))
        hedged = any(f.search(chunk, lowered) for f in hedges)
        yield _SentenceContext(i, sentence, chunk, offsets, lowered, named, near_source, skipped, hedged, spoken,
                               own_source, refers_back)


def _with_next(contexts: Iterator[_SentenceContext]) -> Iterator[tuple[_SentenceContext, _SentenceContext | None]]:
    """Each sentence's context with the next one's (None after the last), one ahead: the walk stays a stream."""
    previous: _SentenceContext | None = None
    for ctx in contexts:
        if previous is not None:
            yield previous, ctx
        previous = ctx
    if previous is not None:
        yield previous, None


def _named_next(ctx: _SentenceContext, nxt: _SentenceContext | None, text: str) -> bool:
    """News introduces a finding, then names its study ("In a new study, scientists show that … ." / "For the study,
    researchers from Rutgers University recruited 66 …"): the next sentence, in the same or the next paragraph, names
    a source itself and refers back to the study. The finding and its figures are then attributed, not unsupported."""
    if nxt is None or not (nxt.own_source and nxt.refers_back):
        return False
    return text.count("\n\n", ctx.sentence.end, nxt.sentence.start) <= 1


def find_evidence_claims(
    doc: Document, citations: list[InTextCitation], rules: tuple[EvidenceRule, ...], body_end: int,
    entries: tuple[tuple[int, int], ...] = (),
) -> list[EvidenceClaim]:
    """Every sentence of the body that one of the rules matches, once per rule kind.

    A named source in the sentence (or one it refers back to) supports it; one in the previous SOURCE_REACH
    sentences of the same paragraph supports a statistic (news-style "the survey found…; 42% said…").
    A hedge in the sentence cancels a health claim ("may help some people" is not an over-claim).
    A heading, a question or a reference entry (`entries`, wherever it stands) is never a claim.
    """
    claims: list[EvidenceClaim] = []
    active = [r for r in rules if r.applies_to(doc.language.code)]
    finding_rules = [r for r in active if r.kind not in CONTEXT_KINDS]
    finders = [_Finder(r.pattern, r.unless) for r in finding_rules]
    for ctx, nxt in _with_next(_walk(doc, citations, active, entries, body_end)):
        if ctx.sentence.start >= body_end:
            break
        if ctx.skipped:
            continue
        kinds_seen: set[str] = set()
        for rule, finder in zip(finding_rules, finders, strict=True):
            if rule.kind in kinds_seen:
                continue
            m = finder.search(ctx.chunk, ctx.lowered)  # None where the rule's 'unless' cancels it
            if not m:
                continue
            if rule.kind == "health-claim" and ctx.hedged:
                continue
            kinds_seen.add(rule.kind)
            start = ctx.sentence.start
            match = Span(start + ctx.offsets[m.start()], start + ctx.offsets[m.end() - 1] + 1)
            supported = (ctx.named or _cited_near(doc.sentences, ctx.index, citations, doc.text)
                         or (ctx.near_source and rule.kind == "statistic")
                         or (ctx.spoken and rule.kind in SPOKEN_KINDS)
                         or (rule.kind in NAMED_NEXT_KINDS and _named_next(ctx, nxt, doc.text)))
            claims.append(EvidenceClaim(rule, ctx.sentence, match, supported))
    return claims


def count_named_sources(doc: Document, rules: tuple[EvidenceRule, ...], body_end: int) -> int:
    """Sentences of the body that name a findable source (a guideline body, an official survey, a dated study)."""
    sources = [_Finder(r.pattern, r.unless) for r in rules if r.kind == "source" and r.applies_to(doc.language.code)]

    def names_one(sentence: Span) -> bool:
        chunk = latin_with_offsets(sentence.of(doc.text))[0]
        lowered = folded(chunk)
        return any(f.search(chunk, lowered) for f in sources)

    return sum(1 for s in doc.sentences if s.start < body_end and names_one(s))


@dataclass(frozen=True)
class SentenceSupport:
    """What the rules' context says of each sentence, for the learned layer to respect (indices into
    ``doc.sentences``)."""

    supported: set[int]  # a named source or citation in, right after or shortly before the sentence
    hedged: set[int]
    skipped: set[int]  # headings, questions, reference entries and everything after the body
    # families a sentence is attributed for although not supported for all: a named speaker's figures and health
    # claims, and an appeal or figure whose study the next sentence names (as the rules read them)
    attributed: dict[int, frozenset[str]]

    def allows(self, index: int, family: str) -> bool:
        """Whether a learned unsupported-evidence finding of ``family`` may stand on sentence ``index``."""
        return (index not in self.supported and index not in self.skipped
                and not (family == "overclaim" and index in self.hedged)
                and family not in self.attributed.get(index, ()))


SPOKEN_FAMILIES = frozenset(KIND_FAMILY[k] for k in SPOKEN_KINDS)
NAMED_NEXT_FAMILIES = frozenset(KIND_FAMILY[k] for k in NAMED_NEXT_KINDS)


def sentence_context(
    doc: Document, citations: list[InTextCitation], rules: tuple[EvidenceRule, ...], body_end: int,
    entries: tuple[tuple[int, int], ...] = (),
) -> SentenceSupport:
    """The rules' context of every sentence, for the learned layer (``SentenceSupport``).

    Supported: a named source or a citation in or right after the sentence, or a named source in the
    previous SOURCE_REACH sentences / same paragraph (as for statistics). Skipped: headings, questions
    and everything after the body (reference list), and reference entries wherever they stand. Attributed:
    what ``find_evidence_claims`` also counts as attributed, family by family (a speaker, a study named next).
    """
    active = [r for r in rules if r.applies_to(doc.language.code)]
    supported: set[int] = set()
    hedged: set[int] = set()
    skipped: set[int] = set()
    attributed: dict[int, frozenset[str]] = {}
    for ctx, nxt in _with_next(_walk(doc, citations, active, entries, body_end)):
        if ctx.skipped:
            skipped.add(ctx.index)
        if ctx.named or ctx.near_source or _cited_near(doc.sentences, ctx.index, citations, doc.text):
            supported.add(ctx.index)
        if ctx.hedged:
            hedged.add(ctx.index)
        families = (SPOKEN_FAMILIES if ctx.spoken else frozenset()) | (
            NAMED_NEXT_FAMILIES if _named_next(ctx, nxt, doc.text) else frozenset())
        if families:
            attributed[ctx.index] = families
    return SentenceSupport(supported, hedged, skipped, attributed)
