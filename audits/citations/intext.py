"""In-text citations: numeric ([1], [1, 2], [3-5], superscripts, (1)), author-year and footnote markers.

No maintained Python library parses in-text citations of web and journal prose (GROBID
and CERMINE are Java services; refextract targets PDFs of physics papers), so these
patterns are ours, tested on many forms (tests/audits/test_citations_intext.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from audits.prepare.letters import SURNAME_PARTICLES as _PARTICLES
from audits.prepare.letters import UPPER
from audits.prepare.literals import folded, may_match
from audits.prepare.reference_shape import UNDATED

MAX_RANGE = 60  # a range wider than this ([1-5000]) is taken as written, not expanded
_DASH = "-–—"
_NUM_LIST = rf"\d{{1,3}}(?:\s*[{_DASH},]\s*\d{{1,3}})*"
_BRACKET = re.compile(rf"\[({_NUM_LIST})\]")
_PAREN_NUM = re.compile(rf"(?<![\w\d])\(({_NUM_LIST})\)")
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER = re.compile(rf"(?<=[^\s\d{_SUPERSCRIPTS}])([{_SUPERSCRIPTS}]+(?:[,⁻–-][{_SUPERSCRIPTS}]+)*)")
_FOOTNOTE = re.compile(r"(?<=[\w.,;:)\]])([†‡§¶]+|\^\d{1,3})")
_YEAR = rf"(?:1[89]|20)\d{{2}}[a-z]?|{UNDATED}"  # a year, or undated / forthcoming ("n.d.", "in press", "u tisku")
_YEARS = rf"(?P<years>(?:{_YEAR})(?:,\s*(?:{_YEAR}))*)"
# A page locator: ", p. 12", ", pp. 3-5", ", str. 12" (sr/hr/bs), ", s. 12"; Harvard's ": 45" / ": 12-14".
_PAGES = r"(?:(?:,\s*(?:p|pp|str|s)\.\s*|:\s*)\d+(?:\s*[-–]\s*\d+)?)?"
_NAME = rf"[{UPPER}][\w'’-]+"
_JOIN = r"(?:,\s+|,?\s+(?:and|&|i|in|и)\s+)"
# "et al." and its Serbian, Croatian, Slovenian and Cyrillic forms ("i sar.", "i sur.", "in sod.", "и сар.").
# Written out too: "and others", "i saradnici" (sr/bs), "i suradnici" (hr), "i drugi", "in sodelavci", "idr." /
# "in drugi" (sl), "и сарадници", "и други".
_ETAL = (r"(?:\s+(?:et\s+al\.?|i\s+sar\.?|i\s+sur\.?|i\s+dr\.?|in\s+sod\.?|и\s+сар\.?|и\s+др\.?|"
         r"and\s+colleagues|and\s+others|i\s+saradnici|i\s+suradnici|in\s+sodelavci|и\s+сарадници|idr\.?|in\s+drugi|"
         r"i\s+drugi|и\s+други))")
# "Sperry and Carlson (2013)", "Patel et al. (2018)", "Nguyen, Li, and Reid (2017)".
_NARRATIVE = re.compile(
    rf"(?P<authors>{_NAME}(?:{_JOIN}{_NAME}){{0,5}}{_ETAL}?)['’]?s?\s+\({_YEARS}{_PAGES}\)"
)
# "Khoury et al. 2015 reported", "Kuyken et al., 2016": et al. (or i sar., i sur., in sod., и сар.) then a bare
# year, no parenthesis. Only with "et al.": "Smith 2015" alone is too often a name and a date.
_BARE_ETAL = re.compile(
    rf"(?P<authors>{_NAME}\s+(?:et\s+al\.?|i\s+sar\.|i\s+sur\.|in\s+sod\.|idr\.|и\s+сар\.)),?\s+"
    rf"(?P<years>(?:1[89]|20)\d{{2}}[a-z]?)\b(?!\s*[)\]])"
)
# Inside a parenthesis: "(Novak & Reid, 2020; Patel et al., 2018)", "(Wampold 2015)".
_PAREN = re.compile(r"\(([^()\n]{4,400})\)")
_PAREN_ITEM = re.compile(
    rf"^(?:(?:e\.g\.|i\.e\.|see(?: also)?|cf\.|npr\.|vidi(?: i| takođe| također| tudi)?|glej(?: tudi)?|"
    rf"види(?: и| такође)?)\s*,?\s+)?"
    # The year after a space or a comma; a comma with the space lost ("Mermelstein,1983") is a common slip.
    rf"(?P<authors>{_PARTICLES}[{UPPER}][^\d;()]{{1,150}}?)(?:,\s*|\s+){_YEARS}{_PAGES}$"
)
_NOT_AUTHORS = {
    "in", "on", "at", "the", "a", "an", "since", "by", "from", "until", "during", "after", "before", "as",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "spring", "summer", "autumn", "fall", "winter", "updated", "published", "posted",
    "revised", "accessed", "retrieved", "see", "also", "cf", "figure", "table", "fig", "copyright",
    "u", "od", "do", "godine",
}
# Narrative mentions of a study: "a 2019 meta-analysis in JAMA Psychiatry", "a 2021 review published in
# the Journal of Anxiety Disorders", "researchers at Stanford University found". The named venue or
# institution (capitalised words) is what links the mention to a reference-list entry.
_STUDY = (r"(?:study|studies|review|meta-analysis|meta-analyses|trial|survey|paper|report|analysis|"
          r"istraživanj[eau]|studij[aeiu]|pregled|metaanaliz[aeiu]|raziskav[aeio]|študij[aeio]|pregledni članek|"
          r"истраживањ[еау]|студиј[аеиу])")
_CAP = UPPER
_VENUE_WORD = rf"(?:of|for|and|in|&|za|i|[{_CAP}][\w&'’.-]{{0,30}})"
_VENUE = rf"(?P<venue>(?:the\s)?[{_CAP}][\w&'’.-]{{1,30}}(?:\s{_VENUE_WORD}){{0,7}})"
_NARRATIVE_STUDY = re.compile(
    rf"(?:\b(?i:a|an|the|one|this|that|their|ova|ta|neka|jedna|nedavna|ena)\s|(?:^|(?<=[.!?]\s)|(?<=\n))(?=[{_CAP}]))"
    rf"(?:(?P<year>(?:19|20)\d{{2}})\s)?(?:[a-z-]{{3,20}}\s){{0,2}}(?i:{_STUDY})\s"
    rf"(?:(?:published|conducted|led|carried out|objavljen[aoi]?|objavljen[ao]?|објављен[аои]?)\s)?"
    rf"(?:in\s(?P<year_after>(?:19|20)\d{{2}})\s)?(?:in|by|from|at|of|u|v|iz|у)\s"
    rf"(?:(?:the\s)?journal\s|časopisu\s|reviji\s|часопису\s)?{_VENUE}"
)
_RESEARCHERS_AT = re.compile(
    rf"\b(?i:researchers|scientists|a team|investigators|istraživači|znanstvenici|naučnici|raziskovalci)\s"
    rf"(?:at|from|of|sa|s|iz|z|na)\s{_VENUE}"
)
# The venue or body named before the study word: "a Cochrane review (2013)", "a 2019 Stanford study", "an ADAA
# survey". Capitalised words only (one to four), so "a recent review" or "a small study" name nothing.
_VENUE_STUDY = re.compile(
    rf"\b(?i:a|an|the|one|this|that)\s(?:(?P<year>(?:19|20)\d{{2}})\s)?"
    rf"(?P<venue>[{_CAP}][\w&'’.-]{{1,30}}(?:\s[{_CAP}][\w&'’.-]{{1,30}}){{0,3}})\s(?i:{_STUDY})\b"
    rf"(?:\s\((?P<year_after>(?:19|20)\d{{2}})\))?"
)
_NOTES_HEADING = re.compile(r"^\s*(notes|footnotes|endnotes|napomene|fusnote)\s*:?\s*$", re.IGNORECASE | re.MULTILINE)
_POSSESSIVE = re.compile(r"['’]s?$")  # "Müller's (2010)", "Jones' (2018)"
_SPLIT_AUTHORS = re.compile(r"\s*(?:,\s*(?:and|&)\s+|\s+and\s+|\s*&\s*|\s+(?:i|in|и)\s+|,\s*)\s*")


@dataclass(frozen=True)
class InTextCitation:
    """One cited work at one place in the text; a bracket like [1, 2] gives one per key."""

    key: str
    start: int
    end: int
    style: str  # numeric, author-year, narrative or footnote
    authors: tuple[str, ...] = ()
    year: str | None = None
    et_al: bool = False
    group: tuple[int, int] = field(default=(0, 0))  # the whole bracket or parenthesis
    target: int | None = None  # start of the entry a mention points to by where it stands (right after it)

    def to_dict(self) -> dict[str, object]:
        """JSON form."""
        out: dict[str, object] = {"key": self.key, "start": self.start, "end": self.end, "style": self.style}
        if self.style == "author-year":
            out.update(authors=list(self.authors), year=self.year, et_al=self.et_al)
        elif self.style == "narrative":
            out.update(venue=self.authors[0] if self.authors else "", year=self.year)
        return out


def expand_numbers(spec: str) -> list[int]:
    """The numbers a citation like "1, 3-5" stands for, in order; wide or reversed ranges are kept as written."""
    out: list[int] = []
    for part in re.split(r"\s*,\s*", spec.strip()):
        bounds = [p for p in re.split(rf"\s*[{_DASH}⁻]\s*", part) if p]
        if not bounds or not all(b.isdigit() for b in bounds):
            continue
        if len(bounds) == 2:
            a, b = int(bounds[0]), int(bounds[1])
            if a <= b and b - a <= MAX_RANGE:
                out.extend(range(a, b + 1))
            else:
                out.extend((a, b))
        else:
            out.extend(int(b) for b in bounds)
    return out


# A superscript flattened by extraction: "thoughts of death.1 Next", "as reported,2,3 and". Only read as a
# citation when the text has a numbered list: the digits follow a word's final punctuation directly.
_FLAT_SUPER = re.compile(r"(?<=[^\W\d_][.,;)])(\d{1,3}(?:[,–-]\d{1,3}){0,6})(?=\s|$)")
# The same superscript glued to the word it follows, when the page lost its <sup>: "effective for depression1 and",
# "many people2,3.", "severe cases1, 4". Only after three lower-case letters (not "B12", "H1N1", "COVID19"), only up
# to three digits, and, as above, only when the text has a numbered list.
_GLUED_SUPER = re.compile(r"(?<=[a-zà-žа-џ]{3})(\d{1,3}(?:(?:,\s?|[–-])\d{1,3}){0,6})(?=[\s.,;:)]|$)")
# "This meta-analysis found ...", "The study showed ..." right after an entry: a mention of that entry.
_FOLLOW_UP = re.compile(
    rf"\s*(?:-\s+)?((?:This|These|That|The|Their|Ova|Ovo|Ta|To)\s(?:[\w-]{{2,20}}\s){{0,2}}"
    rf"(?:{_STUDY}|article|book|chapter|paper|članak|članek|knjiga)(?:\s(?:article|paper))?)\b"
)


def follow_up_mentions(text: str, entries: list[tuple[str, int, int]]) -> list[InTextCitation]:
    """Mentions of an entry by the sentence right after it ("Smith (2019). ... This study found ..."): the
    sentence that opens the rest of the entry's line, or the next line. `entries` are (key, start, end)."""
    found = []
    for key, start, end in entries:
        m = _FOLLOW_UP.match(text, end)
        if m and "\n\n" not in text[end : m.start(1)]:
            found.append(InTextCitation(key, m.start(1), m.end(1), "narrative", (), None, False,
                                        (m.start(1), m.end(1)), target=start))
    return found


# A person named in the text by given name(s) and surname, or by title ("Stan Kutcher", "Dr. Aaron T. Beck", "Pauline
# Rose Clance"): the given names are capitalised words or initials, not a sentence's opening function word.
_TITLE = r"(?:Dr|Prof|Professor|Doctor|dr|prof|doc|mr|mag)\.? "
_NOT_GIVEN = {"The", "A", "An", "In", "On", "At", "By", "For", "From", "With", "This", "That", "These", "Those",
              "As", "Of", "And", "But", "Or", "If", "When", "While", "According", "To", "U", "I", "Na", "Za", "Po",
              "Od", "Do", "Prema", "Kako", "Ovaj", "Ova", "Ovo", "Ta", "Pri", "Pod", "Iz", "Le", "La", "Il", "Der",
              "Die", "Das"}
_ORG_WORDS = 3  # an organisation as author is named by at least this many words
_ETAL_AFTER = re.compile(_ETAL)


def _surname(author: str) -> str | None:
    """The family name of an entry's first author as parsed ("Kutcher, Stan" -> Kutcher, "Siegel", "1 2 3 Kutcher,
    Stan" -> Kutcher): the last capitalised word before the first comma."""
    head = author.split(",", 1)[0]
    words = re.findall(rf"[{UPPER}][\w'’-]{{2,}}", head)
    return words[-1] if words else None


def named_author_mentions(text: str, body_end: int, entries: list[tuple[str, int, int, tuple[str, ...]]],
                          taken: list[tuple[int, int]]) -> list[InTextCitation]:
    """Narrative mentions of an entry by its first author's name with no year ("developed by professor Stan Kutcher",
    "as Dr. Dan Siegel describes"), or by the organisation that wrote it ("The U.S. Preventive Services Task Force
    recommends"). ``entries``: (key, start, end, authors) of the reference list. A surname counts with a given name or a
    title before it, or "et al." after it, and only when one entry alone has that first author (a name that fits
    several entries is left alone, not guessed) and the given name starts with the entry's first initial. Nothing
    already cited (``taken``) or inside an entry is read."""
    by_name: dict[str, list[tuple[str, int, str]]] = {}
    orgs: dict[str, list[tuple[str, int]]] = {}  # an organisation's full name -> (key, start) of its entries
    for key, start, end, authors in entries:
        if not authors:
            continue
        first = authors[0].strip()
        words = first.split()
        if "," not in first and len(words) >= _ORG_WORDS and all(w[:1].isupper() or w in _PARTICLES for w in words):
            orgs.setdefault(first, []).append((key, start))
        elif (name := _surname(first)) is not None:
            # The first author's first initial as the entry prints it ("Beck, J. S.", "Beck JS", "Kutcher, Stan").
            initial = re.search(rf"{re.escape(name)},?\s([{UPPER}])", text[start:end])
            by_name.setdefault(name, []).append((key, start, initial.group(1) if initial else ""))
    found: list[InTextCitation] = []
    spans = [(a, b) for _, a, b, _ in entries]

    def free(a: int, b: int) -> bool:
        return b <= body_end and not any(x < b and a < y for x, y in taken) and not any(x <= a < y for x, y in spans)

    single = {name: places[0] for name, places in by_name.items() if len(places) == 1}
    if single:
        # One pass over the text for every name (a long list must not mean one scan of the page per entry).
        names = "|".join(sorted(map(re.escape, single), key=len, reverse=True))
        pattern = re.compile(
            rf"(?:{_TITLE})?(?P<given>(?:[{UPPER}][\w'’-]+ |[{UPPER}]\. ?){{1,3}})(?P<a>{names})\b(?! [{UPPER}])|"
            rf"{_TITLE}(?P<b>{names})\b|\b(?P<c>{names}){_ETAL}(?!\s*,?\s*\(?\d)")
        for m in pattern.finditer(text, 0, body_end):
            name = m.group("a") or m.group("b") or m.group("c")
            key, start, initial = single[name]
            begin = m.start()
            given = (m.group("given") or "").split()
            while given and given[0] in _NOT_GIVEN:  # "As Jane Smith wrote": the sentence's first word goes
                begin = text.index(given[1] if len(given) > 1 else name, begin + len(given[0]))
                given = given[1:]
            if m.group("given") is not None and not given and not _ETAL_AFTER.match(text, m.end()):
                continue  # "The Kutcher Adolescent ...": no given name is left ("As Smith et al." still counts)
            if any(g in _NOT_GIVEN for g in given):
                continue
            if given and initial and given[0][0] != initial:
                continue  # "Aaron Beck" is not the "Beck, J. S." of the list
            if free(begin, m.end()):
                found.append(InTextCitation(key, begin, m.end(), "narrative", (name,), None, False,
                                            (begin, m.end()), target=start))
    if orgs:
        # The organisations in one pass too; a name that wrote several entries cites each of them, as before.
        names = "|".join(sorted(map(re.escape, orgs), key=len, reverse=True))
        for m in re.finditer(rf"\b(?:{names})\b", text[:body_end]):
            if free(m.start(), m.end()):
                found += [InTextCitation(key, m.start(), m.end(), "narrative", (m.group(),), None, False,
                                         (m.start(), m.end()), target=start) for key, start in orgs[m.group()]]
    return found


def _from_superscript(raw: str) -> str:
    return raw.translate(str.maketrans(_SUPERSCRIPTS + "⁻", "0123456789-"))


def _in_identifier(text: str, at: int) -> bool:
    """Whether the word ending at `at` belongs to a link, an address or a code ("site.com/page2", "user_12")."""
    token_start = max(text.rfind(" ", 0, at), text.rfind("\n", 0, at)) + 1
    return any(c in text[token_start:at] for c in "/@_=#.")


def _numeric(text: str, start: int, end: int, allow_parens: bool, footnotes: bool) -> list[InTextCitation]:
    found: list[InTextCitation] = []
    patterns: list[tuple[re.Pattern[str], bool]] = [(_BRACKET, False), (_SUPER, True)]
    if allow_parens:
        patterns += [(_PAREN_NUM, False), (_FLAT_SUPER, False), (_GLUED_SUPER, False)]
    for pattern, superscript in patterns:
        for m in pattern.finditer(text, start, end):
            if pattern is _GLUED_SUPER and _in_identifier(text, m.start()):
                continue
            spec = _from_superscript(m.group(1)) if superscript else m.group(1)
            style = "footnote" if superscript and footnotes else "numeric"
            for n in expand_numbers(spec):
                found.append(InTextCitation(str(n), m.start(), m.end(), style, group=(m.start(), m.end())))
    return found


def split_authors(raw: str) -> tuple[tuple[str, ...], bool]:
    """Author names from "Sperry and Carlson", "Patel et al.", "Novak & Reid"; and whether "et al." was used."""
    cleaned = re.sub(r"\s+", " ", raw).strip(" ,")
    # "American Psychiatric Association [APA]": the abbreviation defined for later citations is not a name.
    cleaned = re.sub(rf"\s*\[[{UPPER}]{{2,10}}\]", "", cleaned)
    et_al = bool(re.search(_ETAL + r"\s*$", " " + cleaned))
    cleaned = re.sub(_ETAL + r"\s*$", "", " " + cleaned).strip(" ,")
    names = tuple(_POSSESSIVE.sub("", n.strip(" ,.")) for n in _SPLIT_AUTHORS.split(cleaned) if n.strip(" ,."))
    return names, et_al


def _plausible_authors(names: tuple[str, ...]) -> bool:
    if not names or len(names) > 8:
        return False
    for name in names:
        words = name.split()
        while len(words) > 1 and re.fullmatch(_PARTICLES, words[0] + " "):  # "van der Berg"
            words = words[1:]
        if not words or len(words) > 8 or not words[0][:1].isupper():
            return False
        first = words[0].lower().strip(".,")
        organisation = first == "the" and len(words) > 1  # "The Royal College of Psychiatrists"
        if name.lower() in _NOT_AUTHORS or (first in _NOT_AUTHORS and not organisation):
            return False
    return True


def _author_year(text: str, start: int, end: int) -> list[InTextCitation]:
    found: list[InTextCitation] = []
    taken: list[tuple[int, int]] = []
    for m in _PAREN.finditer(text, start, end):
        inner_start = m.start(1)
        offset = 0
        for part in m.group(1).split(";"):
            part_start = inner_start + offset
            offset += len(part) + 1
            stripped = part.strip()
            item = _PAREN_ITEM.match(stripped)
            if not item:
                continue
            names, et_al = split_authors(item.group("authors"))
            if not _plausible_authors(names):
                continue
            lead = len(part) - len(part.lstrip())
            s, e = part_start + lead, part_start + lead + len(stripped)
            for year in re.split(r",\s*", item.group("years")):
                found.append(_ay(names, year, et_al, s, e, (m.start(), m.end())))
            taken.append((m.start(), m.end()))
    for m in _NARRATIVE.finditer(text, start, end):
        paren = text.index("(", m.start("years") - 1)
        if any(a <= paren < b for a, b in taken):
            continue
        names, et_al = split_authors(m.group("authors"))
        if not _plausible_authors(names):
            continue
        for year in re.split(r",\s*", m.group("years")):
            found.append(_ay(names, year, et_al, m.start(), m.end(), (m.start(), m.end())))
        taken.append((m.start(), m.end()))
    for m in _BARE_ETAL.finditer(text, start, end):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        names, et_al = split_authors(m.group("authors"))
        if _plausible_authors(names):
            found.append(_ay(names, m.group("years"), et_al, m.start(), m.end(), (m.start(), m.end())))
    return found


def _ay(names: tuple[str, ...], year: str, et_al: bool, s: int, e: int, group: tuple[int, int]) -> InTextCitation:
    label = names[0] + (" et al." if et_al else "") if len(names) == 1 else (
        f"{names[0]} and {names[1]}" if len(names) == 2 else f"{names[0]} et al.")
    return InTextCitation(f"{label} {year}", s, e, "author-year", names, year, et_al, group)


def _narrative(text: str, start: int, end: int) -> list[InTextCitation]:
    """Mentions of a study by its year and venue or institution, with the words that name it."""
    found = []
    lowered = folded(text)  # a pattern whose required words are absent is not run (audits/prepare/literals.py)
    for rx in (_NARRATIVE_STUDY, _RESEARCHERS_AT, _VENUE_STUDY):
        if not may_match(rx, lowered):
            continue
        for m in rx.finditer(text, start, end):
            venue = re.sub(r"(?:\s(?:of|for|and|in|&|za|i))+$", "", m.group("venue").strip(" .,;"))
            if venue.lower().startswith("the "):
                venue = venue[4:]
            if len(venue) < 3 or venue.lower() in _NOT_AUTHORS:
                continue
            year = m.groupdict().get("year") or m.groupdict().get("year_after")
            key = f"{venue} {year}" if year else venue
            end_at = m.start("venue") + m.group("venue").index(venue) + len(venue)
            if rx is _VENUE_STUDY:  # the venue stands before the study word: the mention runs to its end
                end_at = m.end()
            found.append(InTextCitation(key, m.start(), end_at, "narrative", (venue,), year, False,
                                        (m.start(), m.end())))
    return found


def has_notes_heading(text: str) -> bool:
    """Whether a line is only a notes heading (Notes, Footnotes, Endnotes, Napomene)."""
    return bool(_NOTES_HEADING.search(text))


def find_in_text(
    text: str, body_end: int | None = None, numbered_list: bool = False, footnotes: bool = False,
    entries: tuple[tuple[int, int], ...] | list[tuple[int, int]] = (),
) -> list[InTextCitation]:
    """Every in-text citation before body_end, in text order (numeric, author-year, narrative, footnote).

    (1)-style numbers and flattened superscripts ("death.1") count only when a numbered list
    exists; superscripts are footnote markers when footnotes is set (a notes section and no
    reference list). Nothing inside a reference entry (`entries`, (start, end) spans) is a citation.
    """
    try:
        end = len(text) if body_end is None else max(0, min(body_end, len(text)))
        found = _numeric(text, 0, end, numbered_list, footnotes)
        found += _author_year(text, 0, end)
        taken = [(c.start, c.end) for c in found]
        found += [c for c in _narrative(text, 0, end) if not any(a < c.end and c.start < b for a, b in taken)]
        found += [InTextCitation(m.group(1), m.start(1), m.end(1), "footnote", group=(m.start(1), m.end(1)))
                  for m in _FOOTNOTE.finditer(text, 0, end)]
    except (RecursionError, ValueError):  # never let odd text stop the audit
        return []
    if entries:
        found = [c for c in found if not any(a <= c.start < b for a, b in entries)]
    found.sort(key=lambda c: (c.start, c.end))
    return found


def cites_list_by_order(citations: list[InTextCitation], entries: int) -> bool:
    """Whether a list of entries without numbers is cited by number: no author-year citation in the text, and at
    least two entries (a Vancouver list printed without its numbers, cited "depression1,2" or "sleep.1"). Its
    numbers are then the entries' order, as for a list whose numbers extraction lost."""
    return entries >= 2 and not any(c.style == "author-year" for c in citations)


def within_list(superscripts: list[InTextCitation], entries: int) -> list[InTextCitation]:
    """The flattened superscripts a list of ``entries`` entries can hold: a number past the list's end is a number
    in the text ("step.5"), not a citation, and so is the whole group it stands in ("1,5")."""
    bad = {c.group for c in superscripts if not c.key.isdigit() or not 1 <= int(c.key) <= entries}
    return [c for c in superscripts if c.group not in bad]


def citation_style(citations: list[InTextCitation]) -> str:
    """numeric, author-year, footnote, mixed or none."""
    styles = {c.style for c in citations}
    if not styles:
        return "none"
    if len(styles) == 1:
        return styles.pop()
    return "mixed"
