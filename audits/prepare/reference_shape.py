"""Is this line a bibliographic reference entry? Judged by its shape, with or without a heading.

Reference entries are found by form wherever they stand (a list at the end of a blog post often
has no "References" heading), so that readability does not grade them as prose, claims are not
extracted from them, and citations can parse them. The maintained parsers of reference strings
(GROBID, AnyStyle, refextract) need a Java service, Ruby, or are GPL; a line classifier over
shape signals is enough to find entries offline, and the fields are parsed by citations.references.

Every pattern is linear: bounded repetitions only, no nested quantifiers.
"""

from __future__ import annotations

import re
from functools import lru_cache

from audits.prepare.letters import UPPER

_DOI = re.compile(r"\b10\.\d{4,9}/\S{1,200}")
_URL = re.compile(r"\bhttps?://\S{3,300}|\bwww\.\S{3,200}", re.IGNORECASE)
# No date, or not yet published: "(n.d.)", "(in press)", "(u tisku)" (hr), "(u štampi)" (sr), "(v tisku)" (sl).
UNDATED = r"n\.\s?d\.|s\.\s?a\.|in press|u tisku|u štampi|v tisku|у штампи"
_YEAR_PAREN = re.compile(rf"\((?:(?:19|20)\d{{2}}[a-z]?(?:, [A-Z][a-z]{{2,9}}\.?(?: \d{{1,2}})?)?|{UNDATED})\)")
_YEAR_PLAIN = re.compile(r"(?:^|[\s,.;(])(?:19|20)\d{2}[a-z]?[;.,):]")
_VOLUME_PAGES = re.compile(
    r"\b\d{1,4}\s?(?:\(\d{1,4}(?:[-–]\d{1,4})?\))?\s?[:,]\s?(?:[eS]?\d{1,6})(?:\s?[-–]\s?\d{1,6})?\b"
)
_PAGES = re.compile(r"\bpp?\.\s?\d{1,5}(?:\s?[-–]\s?\d{1,5})?", re.IGNORECASE)
# "Smith, J. A.," "Smith JA," "Smith, J.," "Van der Berg, A.", "Smith J, Doe A."
_AUTHOR_START = re.compile(
    r"^(?:\[?\d{1,3}[.)\]]\s{0,3}|[-•*–]\s{0,3})?"
    rf"(?:[{UPPER}][\w'’\-]{{1,30}}(?: (?:van|von|de|der|den|da|del|di|la|le)){{0,2}}\s?,?\s"
    rf"(?:[{UPPER}]\.?\s?){{1,3}}[,.&;]|[{UPPER}][\w'’\-]{{1,30}},\s(?:[{UPPER}]\.\s?){{1,3}})"
)
_ET_AL = re.compile(r"\bet al\b\.?", re.IGNORECASE)
# A list of several authors in a citation style's own form, "Jacobs D, Garcia CR, Rickels K" (Vancouver, three names
# or more) or "Davidson, J. R. T., Miner, C. M." (APA, two or more): prose does not open like this, so such a list is
# a sign of its own beside the author start when a title follows it, enough for an entry cut short before its year
# or journal (the last entry of a page cut off mid-list). A list alone ("Author of tool: Meyer, T. J., ...") is not.
_SURNAME = rf"[{UPPER}][\w'’\-]{{1,30}}(?: (?:van|von|de|der|den|da|del|di|la|le) [{UPPER}][\w'’\-]{{1,30}})?"
_AUTHOR_LIST = re.compile(
    r"^(?:\[?\d{1,3}[.)\]]\s{0,3}|[-•*–]\s{0,3})?"
    rf"(?:(?:{_SURNAME} [{UPPER}]{{1,3}}, ){{2,}}(?:&\s|and\s)?{_SURNAME} [{UPPER}]{{1,3}}[,.]"
    rf"|(?:{_SURNAME}, (?:[{UPPER}]\.\s?){{1,3}},? (?:&\s|and\s)?){{1,}}{_SURNAME}, (?:[{UPPER}]\.\s?){{1,3}})"
)
_VENUE = re.compile(
    r"\b(?:journal|J\.? [A-Z][a-z]+|Psychol\w*|Psychiatry|Lancet|BMJ|JAMA|Rev\.?|Proc\.|Press|Publishing|"
    r"In:|Eds?\.|ed\.|Retrieved from|Available (?:at|from)|Vol\.|No\.|Issue|Cochrane|PLoS|Neurosci\w*|"
    r"Clin\.?|Med\.?|Behav\w*|Ther\w*|Res\.?|Quarterly|Annual|Bulletin|Archives|"
    # Serbian, Croatian, Bosnian, Slovenian: journals, publishers, "available at", "edited by".
    r"Psiho\w*|Psihij\w*|Zbornik|Vjesnik|Vestnik|Glasnik|Časopis|Revija|Medicinsk\w*|Zavod|Založba|Naklada|"
    r"(?:Dostupno|Dostopno|Preuzeto|Pristupljeno)(?: na| sa| s| sa adrese)?|ur\.|prir\.|"
    r"Психолог\w*|Психијат\w*|Гласник|Зборник|Завод|Доступно)(?!\w)"
)
_SENTENCE_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|can|may|will|helps?|shows?|found|suggests?|je|su|može|pokazuje|lahko)\b"
)


def _author_start(text: str) -> bool:
    """An author list, "Organisation (2018).", or a ditto dash standing for the authors above."""
    if _AUTHOR_START.match(text):
        return True
    body = _BULLET.sub("", _ENTRY_NUMBER.sub("", text, count=1).lstrip(), count=1)
    if _AUTHOR_START.match(body):  # after a Wikipedia caret ("^Svanborg, P; Åsberg, M (2001).")
        return True
    lower = _ORG_YEAR_LOWER.match(body)
    if lower and (_PROSE_VERB.search(lower.group()) or re.search(r"\b(?:se|da|to|ni|so|sta|bo)\b", lower.group())):
        lower = None  # "Depresija je vrlo česta bolest (2021)." is a sentence, not an organisation
    return bool(_ORG_YEAR.match(body) or lower or _DITTO.match(body))


@lru_cache(maxsize=4096)  # the same lines are asked about by several analyzers; pure, thread-safe
def reference_signals(line: str) -> int:
    """How many independent signs of a reference entry the line shows."""
    text = line.strip()
    if len(text) < 20 or len(text) > 1200:
        return 0
    signals = 0
    signals += bool(_DOI.search(text)) * 2
    signals += bool(_URL.search(text))
    signals += bool(_YEAR_PAREN.search(text) or _YEAR_PLAIN.search(text))
    signals += bool(_VOLUME_PAGES.search(text) or _PAGES.search(text))
    signals += bool(_author_start(text)) * 2
    authors = _AUTHOR_LIST.match(text)
    signals += bool(authors and len(text[authors.end():].split()) >= 3)  # the list and a title after it
    signals += bool(_ET_AL.search(text))
    signals += bool(_VENUE.search(text))
    return signals


def looks_like_reference(line: str) -> bool:
    """Whether a line (or sentence) is a reference entry rather than prose.

    Three signals are needed (a DOI and an author list each count twice; a DOI needs two other
    signs besides), and a line that reads like a sentence about a study ("Smith et al. (2019) found
    that ...") needs a DOI or URL too.
    """
    signals = reference_signals(line)
    text = line.strip()
    has_doi = bool(_DOI.search(text))
    if signals < 3 or (has_doi and signals - 2 < 2):  # a DOI needs two other signs (a DOI in prose is not an entry)
        return False
    prose_like = bool(_SENTENCE_VERB.search(text)) and len(text.split()) > 12 and not _author_start(text)
    return not prose_like or (bool(_DOI.search(text) or _URL.search(text)) and signals >= 4)


# --- Where the entries stand: lines grouped into entries, annotations cut off -------------------------------
# No offline, non-GPL library segments a plain-text reference list (GROBID and AnyStyle need Java or Ruby,
# refextract is GPL), so entries are grouped here by the same shape signals.

_UP = UPPER
HEADING = re.compile(
    r"^(?:references?|reference list|bibliography|literature|works cited|cited works|sources|sources and references|"
    r"notes and references|literatura|korišćena literatura|korištena literatura|citirana literatura|"
    r"uporabljena literatura|izvori|izvori i literatura|literatura i izvori|viri|viri in literatura|"
    r"bibliografija|reference|литература|коришћена литература|извори)\s*:?$",
    re.IGNORECASE,
)
_ENTRY_NUMBER = re.compile(r"^(?:\[(\d{1,3})\]|(\d{1,3})[.)])(?=\s|$)")
_NUMBER_ONLY = re.compile(r"^(?:\[?\d{1,3}[.)\]]\s*){1,2}$")  # "1." or "1. 1." on a line of its own
# A bullet, or the caret a copied Wikipedia reference list puts before each entry, with the letters of its
# back-links when the entry is cited more than once ("^ Craske MG ...", "^ a b Bandelow B ...").
WIKI_CARET = r"\^(?:\s+[a-z](?=\s))*"
_BULLET = re.compile(rf"^(?:[-•*–·▪◦]|{WIKI_CARET})\s*")
_DITTO = re.compile(r"^(?:[—–-]{2,}|_{3,})\.?,?\s*\(")  # "——— (2020)." the same authors as the entry above
_NAME_WORD = rf"(?:[{_UP}][\w'’.&-]*,?|and|of|for|the|on|in|i|и|&|de|van|von|der|du|la)"
# "Australian Psychological Society (2018).", "BACP (2018).", "World Health Organization. (2022)."
_ORG_YEAR = re.compile(
    rf"^{_NAME_WORD}(?:\s{_NAME_WORD}){{0,9}}(?:\s\([{_UP}]{{2,10}}\))?"  # "... Excellence (NICE)"
    rf"\.?\s?\((?:(?:19|20)\d{{2}}[a-z]?(?:, [^)]{{1,20}})?|{UNDATED})\)[.,:]"
)
_ORG_YEAR_LOWER = re.compile(rf"^[{_UP}][\w'’-]+(?:\s[\w'’-]+){{1,5}}\s\((?:19|20)\d{{2}}[a-z]?\)\.\s")
_FRAGMENT = re.compile(r"^(?:[a-zа-џ(/]|(?i:doi)\b|(?i:https?://|www\.)|\d{1,6}\s?[-–(:;,.]|[A-Z]:\d)")
_OPEN_END = re.compile(r"(?:[-/,:&–]|\bAvailable (?:at|from)|\bRetrieved from|\bdoi:?|\bIn|\bDostupno na|"
                       r"\bDostopno na|\bPreuzeto sa)$", re.IGNORECASE)
_CUT = re.compile(r"(?<![A-Z])(?<!\bal)(?<!\bVol)(?<!\bvol)(?<!\bpp)(?<!\bNo)(?<!\bed)(?<!\beds)(?<!\bEd)"
                  r"[.]\s+(?=[A-Z])")
_PROSE_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|can|could|may|might|will|would|should|found|finds|shows?|showed|shown|"
    r"demonstrat\w*|examin\w*|suggest\w*|reports?|reported|reviews|reviewed|conclud\w*|provid\w*|explor\w*|"
    r"describ\w*|investigat\w*|indicat\w*|reveal\w*|argu\w*|discuss\w*|helps?|je|su|pokazuje|pokazala|"
    r"pokazalo|ugotovil\w*|kaže)\b",
    re.IGNORECASE,
)


_OWN_CITATION = re.compile(r"^(?:cite this(?: article| page| paper)?|citation|suggested citation|how to cite"
                           r"(?: this (?:article|page))?|kako citirati|citiranje|citirajte|citiraj|kako citirati ovaj"
                           r" članak|citirajte ta članek)\s*:", re.IGNORECASE)
# The label alone on its line, the page's own citation on the next ("Cite this article" / "Smith, J. (2020). ...").
# A bare "Citation:" is left out: some pages put it before each work they discuss.
_OWN_CITATION_LABEL = re.compile(r"(?:cite this(?: article| page| paper)?|suggested citation|how to cite(?: this "
                                 r"(?:article|page))?|kako citirati(?: ovaj članak)?|citirajte(?: ta članek)?)\s*:?",
                                 re.IGNORECASE)
# How a comment on the entry above opens ("This meta-analysis found ...", "The authors show ...").
_ANNOTATION_OPENING = re.compile(r"^(?:This|These|That|The|In this|In their|Their|Here|Ova|Ovo|Ovaj|Ta|To|V tej)\b")


def is_own_citation_label(line: str) -> bool:
    """Whether a line is only the label of the page's own citation ("Cite this article", "How to cite this page:")."""
    return bool(_OWN_CITATION_LABEL.fullmatch(line.strip()))


def is_heading(line: str) -> bool:
    """Whether a line is only a reference-list heading (References, Literatura, Viri, Литература...)."""
    return bool(HEADING.match(line.strip().strip("#*").strip()))


def starts_entry(line: str) -> bool:
    """Whether a line opens an entry by its form: a number, an author list, "Organisation (2018).", a ditto dash."""
    body = _BULLET.sub("", line.strip(), count=1)
    return bool(_ENTRY_NUMBER.match(line.strip()) or _AUTHOR_START.match(body) or _ORG_YEAR.match(body)
                or _DITTO.match(body))


def is_annotation(text: str) -> bool:
    """Prose that comments on an entry ("This meta-analysis found that ..."): a sentence, no bibliographic marks."""
    body = text.strip()
    return (len(body.split()) >= 6 and bool(_PROSE_VERB.search(body)) and not starts_entry(body)
            and not (_DOI.search(body) or _URL.search(body) or _YEAR_PAREN.search(body)
                     or _VOLUME_PAGES.search(body) or _PAGES.search(body)))


# Every bibliographic end (_VOLUME_PAGES, _PAGES, _DOI, _URL) holds a digit, "://" or "www.": a line with none
# of them cannot end an entry before its annotation, and most lines (prose) have none.
_MAY_END_BIBLIOGRAPHIC = re.compile(r"\d|://|www\.", re.IGNORECASE)


def reference_extent(line: str, continued: bool = False) -> int:
    """Where the entry on this line ends: an annotation after its last bibliographic element is not part of it.

    `continued`: the line is the rest of an entry begun above, so its head need not look like an entry itself.
    """
    if not _MAY_END_BIBLIOGRAPHIC.search(line):  # no piece of it can end bibliographically: nothing is cut
        return len(line.rstrip())
    return _scan_extent(line, continued)


def _scan_extent(line: str, continued: bool) -> int:
    """reference_extent without the gate: each cut ". X" in turn."""
    text = line.rstrip()
    last = 0
    for m in _CUT.finditer(text, 0, min(len(text), 1200)):  # an entry is at most 1200 characters long
        head, tail = text[: m.start() + 1], text[m.end():]
        segment = head[last:]
        last = m.end()
        # The entry's last element is its volume/pages, DOI or link, not the year or the title.
        ends_bibliographic = bool(_VOLUME_PAGES.search(segment) or _PAGES.search(segment)
                                  or _DOI.search(segment) or _URL.search(segment))
        # A comment may wrap onto the next line: "... 377-389. This study demonstrated that" is enough to cut.
        opens_comment = bool(_ANNOTATION_OPENING.match(tail) and _PROSE_VERB.search(tail)) and not starts_entry(tail)
        if ends_bibliographic and (opens_comment or is_annotation(tail)) and (continued or looks_like_reference(head)):
            return len(head)
    return len(text)


# A label in front of a reference that stands alone in the text ("Source: Kini, P. ... (2016) ...").
SOURCE_LABEL = re.compile(r"^(?:(?:sources?|izvori?|vir|viri|quelle|fonte|fuente|źródło|извор|извори)\s*:|"
                          r"(?:citation|reference|cite as|citiranje|citat|referenca|navedba)\s*[:–—-])\s*",
                          re.IGNORECASE)


def _shape(line: str) -> bool:
    body = SOURCE_LABEL.sub("", line.strip(), count=1)
    return looks_like_reference(body)


def _continues(previous: str, line: str) -> bool:
    """Whether a line is the rest of the entry above (split across lines) rather than a new one."""
    if starts_entry(line) or is_annotation(line) or _BULLET.match(line):
        return False
    tail = previous.rstrip()
    last_token = tail.rsplit(None, 1)[-1] if tail else ""
    cut_mid_text = bool(re.search(r"[a-z]$", tail)) and not _URL.search(last_token)  # "A challenge for" + "biomedicine"
    # The journal, pages, a link or "Available at ..." wrapped onto a line of their own.
    bibliographic = len(line.split()) <= 25 and bool(
        _DOI.search(line) or _URL.search(line) or _VOLUME_PAGES.search(line) or _PAGES.search(line)
        or _VENUE.search(line))
    # The line above holds only the authors (and year): the title follows on its own line.
    authors_only = bool(re.search(r"\((?:19|20)\d{2}[a-z]?\)[.:]?$", tail)) and len(tail.split()) <= 30
    return bool(_FRAGMENT.match(line) or _OPEN_END.search(tail) or cut_mid_text or bibliographic or authors_only)


def find_heading(text: str) -> tuple[int, int] | None:
    """Span of the last line that is only a reference-list heading, or None."""
    headings = _headings(text)
    return headings[-1] if headings else None


def _headings(text: str) -> list[tuple[int, int]]:
    """Spans of every line that is only a reference-list heading, in order."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if is_heading(m.group())]


def _lines(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
    out = []
    for m in re.finditer(r"[^\n]+", text[start:end]):
        content = m.group().strip()
        if content:
            out.append((start + m.start() + len(m.group()) - len(m.group().lstrip()), content))
    return out


def reference_entries(text: str) -> tuple[list[tuple[int, int]], tuple[int, int] | None]:
    """(start, end) of every reference entry, in order, and the heading's span (None without one).

    Prepare (the page's own DOI), readability, citations and claims all ask for the entries of the
    same text: the last few answers are kept (pure function of the text; lru_cache is thread-safe).
    """
    entries, heading = _reference_entries(text)
    return list(entries), heading


@lru_cache(maxsize=8)
def _reference_entries(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[int, int] | None]:
    """reference_entries, computed: the entries above the first heading by their shape, then those under each
    heading up to the next (a page may print "Literatura" twice), section by section; the last heading is returned."""
    headings = _headings(text)
    if not headings:
        return _scan_entries(text, None), None
    entries = list(_scan_entries(text, None, headings[0][0]))
    for k, heading in enumerate(headings):
        entries += _scan_entries(text, heading, headings[k + 1][0] if k + 1 < len(headings) else None)
    return tuple(entries), headings[-1]


def _scan_entries(text: str, heading: tuple[int, int] | None, end: int | None = None) -> tuple[tuple[int, int], ...]:
    """The entries of the text up to ``end``, under ``heading`` (or, with None, found by their shape).

    After a heading every line belongs to an entry: a numbered list starts an entry at each number
    and joins the lines between; otherwise a line starts a new entry unless it is the rest of the
    one above (a lowercase or link fragment, or the line above is left open). Without a heading,
    and above one, entries are the lines shaped like one, each extended by the fragments that continue it.
    Annotations after an entry ("This study found ...") are not part of it.
    """
    entries: list[list[int]] = []  # [start, end, open]
    lines = _lines(text, heading[1] if heading else 0, end)
    numbered = heading is not None and any(_ENTRY_NUMBER.match(c) for _, c in lines)
    previous_in_entry = False
    previous = ""
    own_next = False
    for start, content in lines:
        own, own_next = own_next, is_own_citation_label(content)
        if own or _OWN_CITATION.match(content):
            previous_in_entry = False
            continue  # "Cite this article: ..." is how to cite the page itself, not a work it cites
        letters = len(re.findall(r"[^\W\d_]", content))
        if letters < 2 and not _NUMBER_ONLY.match(content):
            continue  # a lone bullet or dash between entries
        extent = _extent(content)
        end = start + extent
        if heading is not None:
            if numbered:
                if _ENTRY_NUMBER.match(content) or not entries:
                    entries.append([start, end])
                elif previous_in_entry:
                    extent = reference_extent(content, continued=True)
                    end = start + extent
                    entries[-1][1] = end
                else:
                    continue
            elif _ANNOTATION_OPENING.match(content) and is_annotation(content) and not _shape(content):
                previous_in_entry = False
                continue
            elif entries and previous_in_entry and _continues(previous, content):
                extent = reference_extent(content, continued=True)
                end = start + extent
                entries[-1][1] = end
            else:
                entries.append([start, end])
        elif _shape(content[:extent]):
            entries.append([start, end])
        elif entries and previous_in_entry and _continues(previous, content) and not is_annotation(content):
            extent = reference_extent(content, continued=True)
            end = start + extent
            entries[-1][1] = end
        else:
            previous_in_entry = False
            continue
        previous_in_entry = extent == len(content)  # an annotation closes the entry
        previous = content[:extent]
    if heading is None:
        notes = [e for e in _numbered_links(lines) if _CITES_NUMBERS.search(text, 0, e[0])]
        entries = _merge(entries, _weak_neighbours(lines, entries))
        entries = _merge(entries, notes)
    return tuple((s, e) for s, e in entries)


def _extent(content: str) -> int:
    """Where the entry on a line ends, after any source label in front of it."""
    label = SOURCE_LABEL.match(content)
    skip = label.end() if label else 0
    return skip + reference_extent(content[skip:])


WEAK_SIGNALS = 2  # signs of a reference a line needs to join a list of entries it stands next to


def _weak_neighbours(lines: list[tuple[int, str]], entries: list[list[int]]) -> list[list[int]]:
    """Lines right next to a list of entries (two or more, no other line between) that show WEAK_SIGNALS signs of
    a reference and do not read as prose: an entry whose shape alone is too faint, such as an organisation as
    author with its year at the end ("American Psychiatric Association. Diagnostic and Statistical Manual ...
    American Psychiatric Press 2013."), heading a Vancouver list printed without its numbers. Left out, it would
    shift the order that numbers cite by."""
    if len(entries) < 2:
        return []
    flags = _inside(lines, entries)
    found: list[list[int]] = []
    for k, (start, content) in enumerate(lines):
        if flags[k] or not ((k > 0 and flags[k - 1]) or (k + 1 < len(lines) and flags[k + 1])):
            continue  # only the lines next to an entry are read
        near = sum(flags[j] for j in (k - 2, k - 1, k + 1, k + 2) if 0 <= j < len(lines))
        if near < 2 or reference_signals(content) < WEAK_SIGNALS or is_annotation(content):
            continue
        if _SENTENCE_VERB.search(content) and len(content.split()) > 12:
            continue  # a sentence about a study, not an entry
        found.append([start, start + reference_extent(content)])
    return found


def _inside(lines: list[tuple[int, str]], entries: list[list[int]]) -> list[bool]:
    """For each line (in text order), whether it starts inside one of the entries (in order, disjoint): one pass
    over both lists."""
    flags, at = [], 0
    for start, _ in lines:
        while at < len(entries) and entries[at][1] <= start:
            at += 1
        flags.append(at < len(entries) and entries[at][0] <= start)
    return flags


# The text cites by number: "[1]", "¹", or a superscript flattened after a word ("people.1 ").
_CITES_NUMBERS = re.compile(r"\[\d{1,3}(?:[-–,]\s?\d{1,3})*\]|[¹²³⁴⁵⁶⁷⁸⁹]|[^\W\d_][.,;)]\d{1,3}(?=\s)")


_ENDS_WITH_YEAR = re.compile(r"(?:19|20)\d{2}[a-z]?\.?\s*$")


def _numbered_links(lines: list[tuple[int, str]]) -> list[list[int]]:
    """A numbered run "1. ...", "2. ...", "3. ..." (numbers from 1, in order) of notes that cite sources, kept when
    the text before them cites by number: every item shows a sign of a reference (a link, a DOI, a year, an
    author list...) and at least one is plainly a reference (a link, a DOI or an entry's full shape). So "3. Office
    for National Statistics. Loneliness ... 2018." joins the two journal articles numbered above it."""
    runs: list[list[tuple[list[int], bool]]] = [[]]
    for start, content in lines:
        number = _ENTRY_NUMBER.match(content)
        rest = content[number.end():] if number else ""
        value = int(number.group(1) or number.group(2)) if number else 0
        linked = bool(_URL.search(rest) or _DOI.search(rest))
        sign = linked or reference_signals(rest) >= 1
        strong = linked or looks_like_reference(rest)
        # A note that ends with its year is a reference even when its title reads like a sentence.
        comment = is_annotation(rest) and not _ENDS_WITH_YEAR.search(rest)
        if number and value == len(runs[-1]) + 1 and sign and not comment:
            runs[-1].append(([start, start + len(content)], strong))
        else:
            runs.append([])
            if number and value == 1 and sign and not comment:
                runs[-1].append(([start, start + len(content)], strong))
    return [entry for run in runs if len(run) >= 2 and any(strong for _, strong in run) for entry, _ in run]


def _merge(entries: list[list[int]], more: list[list[int]]) -> list[list[int]]:
    """Entries of both lists in order; one that overlaps an entry already found is dropped."""
    kept = list(entries)
    for extra in more:
        if not any(a < extra[1] and extra[0] < b for a, b in kept):
            kept.append(extra)
    return sorted(kept)
