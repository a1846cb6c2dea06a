"""The reference list: find it under its heading and parse each entry (Vancouver, APA, Harvard).

No offline Python library parses free-text reference strings (GROBID, CERMINE and AnyStyle
are Java or Ruby services; refextract is built for physics PDFs), so this parser is ours,
tested on many formats in tests/audits/test_citations_references.py. DOIs are checked
with idutils, the persistent-identifier library of Zenodo/Invenio.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from audits.prepare.letters import SURNAME_PARTICLES as _PARTICLES
from audits.prepare.letters import UPPER
from audits.prepare.reference_shape import SOURCE_LABEL, UNDATED, WIKI_CARET, reference_entries
from audits.prepare.reference_shape import find_heading as find_heading

_NUMBER = re.compile(r"^\s*\[?(\d{1,3})(?:[.\])]|\s)\s*")
_DOI = re.compile(r"(?:\bdoi:\s*|https?://(?:dx\.)?doi\.org/)?\b(10\.\S+)", re.IGNORECASE)
_DOI_LABEL = re.compile(r"(?:\bdoi\b\s*:\s*|\bdoi\s+(?=10\.)|https?://(?:dx\.)?doi\.org/)(\S*\d\S*)",
                        re.IGNORECASE)
_PAREN_YEAR = re.compile(rf"\((?P<year>(?:1[89]|20)\d{{2}}[a-z]?|{UNDATED})(?:,[^)]{{0,30}})?\)\.?")
_BARE_YEAR = re.compile(r"(?<![\d/.])(?P<year>(?:1[89]|20)\d{2}[a-z]?)(?![\d/])")
_JOURNAL_YEAR = re.compile(r"[.]\s+((?:1[89]|20)\d{2})[a-z]?\s*[;:]")
_STARRED = re.compile(r"\*([^*\n]{2,200})\*|_([^_\n]{2,200})_")
# Vancouver author: "Mathew SJ", "Castrén E", "Van der Berg AB"; APA author: "Nguyen, T.", "Reid, K. L.".
_V_NAME = rf"[{UPPER}][\w'’-]+(?: [a-z{UPPER}][\w'’-]+){{0,3}} [{UPPER}]{{1,3}}"
_VANCOUVER_AUTHORS = re.compile(rf"^(?P<authors>(?:{_V_NAME},\s*)*{_V_NAME}(?:,?\s*et al)?)\.\s+")
# APA authors: the surname may open with its particles ("van der Berg, L."); initials may be any capital ("Š.").
_APA_AUTHOR = re.compile(
    rf"({_PARTICLES}[{UPPER}][\w'’-]+(?:[ -][{UPPER}][\w'’-]+)*),\s+((?:[{UPPER}]\.\s?-?)+)"
)
# Chicago-style authors named in full: "Smith, John." / "Brown, Anna, Ben Green, and Carl White." (one word before
# the first comma, a capitalised given name after it).
_CHICAGO_AUTHOR = re.compile(rf"^({_PARTICLES}[{UPPER}][\w'’-]+), [{UPPER}][\w'’-]+(?:[ ,.]|$)")
_SENTENCE_BREAK = re.compile(r"(?<!\b[A-Z])(?<!\bvs)(?<!\bal)(?<!\bed)(?<!\bEd)(?<!\bno)(?<!\bVol)(?<!\bpp)"
                             r"[.]\s+(?=[A-Z0-9*\"“_(])")


@dataclass(frozen=True)
class Reference:
    """One entry of a reference list, with what could be read from it."""

    key: str  # the entry's number, or "Surname Year" for an author-year list
    text: str
    start: int
    end: int
    number: int | None = None
    authors: tuple[str, ...] = ()  # surnames (or an organisation), in order
    year: str | None = None
    title: str | None = None
    journal: str | None = None
    doi: str | None = None
    doi_valid: bool | None = None
    doi_span: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, object]:
        """JSON form."""
        return {"key": self.key, "text": self.text, "start": self.start, "end": self.end,
                "number": self.number, "authors": list(self.authors), "year": self.year,
                "title": self.title, "journal": self.journal, "doi": self.doi, "doi_valid": self.doi_valid}


def fold(name: str) -> str:
    """A name compared without case or accents ("Castrén" == "castren")."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().replace("đ", "dj").strip()


def doi_is_valid(doi: str) -> bool:
    """Whether a DOI is well formed: idutils' check plus a registrant code of four or more digits."""
    import idutils

    try:
        return bool(idutils.is_doi(doi)) and bool(re.match(r"^10\.\d{4,9}/\S+$", doi))
    except Exception:  # idutils on odd input: treat as malformed rather than crash
        return False


def labelled_dois(text: str, end: int | None = None) -> list[tuple[str, int, int]]:
    """DOIs written with a "doi:" label or a doi.org link in running text: (doi, start, end)."""
    out = []
    for m in _DOI_LABEL.finditer(text, 0, len(text) if end is None else end):
        raw = m.group(1).rstrip(".,;)]")
        if raw:
            out.append((raw, m.start(1), m.start(1) + len(raw)))
    return out


def _doi(entry: str) -> tuple[str | None, tuple[int, int] | None]:
    m = _DOI_LABEL.search(entry) or _DOI.search(entry)
    if not m:
        return None, None
    raw = m.group(1).rstrip(".,;)]")
    return raw, (m.start(1), m.start(1) + len(raw))


def _segments(body: str) -> list[str]:
    parts, last = [], 0
    for m in _SENTENCE_BREAK.finditer(body):
        parts.append(body[last : m.start() + 1].strip())
        last = m.end()
    parts.append(body[last:].strip())
    return [p for p in parts if p]


def _vancouver_authors(body: str) -> tuple[tuple[str, ...], int] | None:
    m = _VANCOUVER_AUTHORS.match(body)
    if not m:
        return None
    raw = re.sub(r",?\s*et al$", "", m.group("authors"))
    return tuple(p.strip().rsplit(" ", 1)[0] for p in raw.split(",") if p.strip()), m.end()


def parse_entry(entry: str) -> dict[str, object]:
    """Authors, year, title, journal and DOI read from one reference string (missing parts are None)."""
    out: dict[str, object] = {"authors": (), "year": None, "title": None, "journal": None}
    body = re.sub(r"\s+", " ", entry).strip()
    starred = _STARRED.search(body)
    paren_year = _PAREN_YEAR.search(body)
    if paren_year and paren_year.start() < 400:
        # APA: "Nguyen, T., & Reid, K. (2018). Title. Journal, 3(2), 1-10."
        head = body[: paren_year.start()]
        # "Nguyen, T., & Reid, K." (APA), "Craske MG, Stein MB" (Vancouver names) or "Craske, Michelle G.;
        # Stein, Murray B." (full given names between semicolons): the two forms Wikipedia's lists use.
        vancouver = _vancouver_authors(head.strip(" .,") + ". ")
        semicolons = tuple(part.split(",")[0].strip(" .&") for part in head.split(";")) if ";" in head else ()
        authors = (tuple(m.group(1) for m in _APA_AUTHOR.finditer(head)) or (vancouver[0] if vancouver else ())
                   or tuple(a for a in semicolons if a) or (head.strip(" .,&"),))
        out["authors"] = tuple(a for a in authors if a)
        out["year"] = paren_year.group("year")
        rest = _segments(body[paren_year.end():])
        if rest:
            out["title"] = rest[0].rstrip(".")
            if len(rest) > 1:
                out["journal"] = re.split(r",?\s+\d", rest[1])[0].strip(" .*_")
        return out
    segments = _segments(body)
    if not segments:
        return out
    vancouver = _vancouver_authors(body)
    if vancouver is not None:
        out["authors"], after = vancouver
        if starred and starred.start() > after:
            out["journal"] = (starred.group(1) or starred.group(2)).strip(" .")
            out["title"] = body[after : starred.start()].strip(" .") or None
        else:
            rest = _segments(body[after:])
            out["title"] = rest[0].rstrip(".") if rest else None
            if len(rest) > 1:
                out["journal"] = rest[1].strip(" .")
        year = _BARE_YEAR.search(body, after)
        out["year"] = year.group("year") if year else None
        return out
    # Harvard: "Wampold, B. E. 2015. Title. Journal." or "Wampold, B.E., 2015, Title".
    apa = list(_APA_AUTHOR.finditer(body[:300]))
    year = _BARE_YEAR.search(body)
    if apa and year and year.start() < 300:
        out["authors"] = tuple(m.group(1) for m in apa if m.end() <= year.start() + 1) or (apa[0].group(1),)
        out["year"] = year.group("year")
        rest = _segments(body[year.end():].lstrip(".,) "))
        if rest:
            out["title"] = rest[0].rstrip(".")
            if len(rest) > 1:
                out["journal"] = re.split(r",?\s+\d", rest[1])[0].strip(" .*_")
        return out
    # Organisation or anything else: first segment as author, the next as title.
    # An organisation is a few words ("National Institute of Mental Health"); a title is longer or has a colon.
    # A quoted first segment is the title of an entry without authors ('"Anxiety disorders". NIMH. Retrieved ...').
    organisation = len(segments[0].split()) <= 8 and ":" not in segments[0] and segments[0][:1] not in "\"“„«'‘"
    out["authors"] = (segments[0].rstrip("."),) if len(segments) > 1 and organisation else ()
    full_names = _CHICAGO_AUTHOR.match(segments[0])
    if out["authors"] and full_names:  # "Brown, Anna, Ben Green, and Carl White." (Chicago): the first surname
        out["authors"] = (full_names.group(1),)
    journal_year = _JOURNAL_YEAR.search(body)  # "Lancet. 2018; 392: 1553-98" names the year of publication
    out["year"] = journal_year.group(1) if journal_year else year.group("year") if year else None
    if out["authors"]:
        # "Smith, John. 2019. Title." (Chicago): the year stands alone between the authors and the title.
        rest = segments[2:] if re.fullmatch(r"(?:1[89]|20)\d{2}[a-z]?\.?", segments[1]) else segments[1:]
        out["title"] = rest[0].rstrip(".") if rest else None
    else:  # no authors: the entry opens with its title, then the journal ("Global burden ... Lancet. 2018;...")
        out["title"] = segments[0].rstrip(".")
        out["journal"] = segments[1].rstrip(".") if len(segments) > 1 and len(segments[1]) < 120 else None
    return out


# A label in front of a reference that stands alone in the text ("Source: Kini, P. ... (2016) ...").
_SOURCE_LABEL = SOURCE_LABEL


def _flatten(body: str) -> str:
    """An entry split over lines read as one: a repeated number ("1. 1.") dropped, bulleted author lines joined
    ("• Patel V" / "• Saxena S" / "Title." -> "Patel V, Saxena S. Title.")."""
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    if len(lines) > 1 and re.fullmatch(r"\[?\d{1,3}[.)\]]", lines[0]):
        lines = lines[1:]
    out: list[str] = []
    authors: list[str] = []
    for line in lines:
        bullet = re.match(r"^[•·▪◦*–-]\s+", line)
        if bullet:
            authors.append(line[bullet.end():].rstrip(" ,"))
            continue
        if authors:
            out.append(", ".join(authors).rstrip(".") + ".")
            authors = []
        out.append(line)
    if authors:
        out.append(", ".join(authors))
    return " ".join(out)


def _entry(content: str, start: int) -> Reference:
    """A Reference read from one entry's text starting at `start` in the document."""
    number_match = _NUMBER.match(content)
    number = int(number_match.group(1)) if number_match else None
    body = content[number_match.end():] if number_match else content
    bullet = re.match(rf"^(?:[-•*–]|{WIKI_CARET})\s*", body)
    if bullet:
        body = body[bullet.end():]
    label = _SOURCE_LABEL.match(body)
    if label:
        body = body[label.end():]
    body_start = start + (len(content) - len(body))
    try:
        parts = parse_entry(_flatten(body))
    except (ValueError, IndexError, RecursionError):
        parts = {"authors": (), "year": None, "title": None, "journal": None}
    doi, doi_span = _doi(body)
    authors = tuple(str(a) for a in parts["authors"])  # type: ignore[union-attr]
    year = parts["year"]
    key = str(number) if number is not None else f"{authors[0] if authors else body[:20]} {year or 'n.d.'}"
    return Reference(
        key=key, text=body, start=body_start, end=body_start + len(body), number=number, authors=authors,
        year=str(year) if year else None, title=parts["title"], journal=parts["journal"],  # type: ignore[arg-type]
        doi=doi, doi_valid=None if doi is None else doi_is_valid(doi),
        doi_span=None if doi_span is None else (body_start + doi_span[0], body_start + doi_span[1]),
    )


_DITTO_AUTHORS = re.compile(r"^(?:[—–-]{2,}|_{3,})$")


def parse_references(text: str) -> tuple[list[Reference], tuple[int, int] | None]:
    """The reference entries and where the reference list starts.

    Entries are found by their shape (audits.prepare.reference_shape.reference_entries: authors,
    year, title, journal, volume/pages, DOI or URL; numbered, bulleted or bare; split across lines)
    wherever they stand, under a heading or not. The second value is the heading's span, or an
    empty span where a headingless list at the end of the text starts, or None when the entries
    stand inside the text.
    """
    spans, heading = reference_entries(text)
    refs: list[Reference] = []
    for start, end in spans:
        ref = _entry(text[start:end], start)
        if ref.authors and _DITTO_AUTHORS.match(ref.authors[0]) and refs and refs[-1].authors:
            # "——— (2020)." repeats the authors of the entry above.
            authors = refs[-1].authors
            key = ref.key if ref.number is not None else f"{authors[0]} {ref.year or 'n.d.'}"
            ref = replace(ref, authors=authors, key=key)
        refs.append(ref)
    if heading is not None or not refs:
        return refs, heading
    # A run of entries that ends the text (nothing but entries after it) is a list without a heading.
    first_of_run = len(refs)
    tail = text[refs[-1].end :].strip()
    if not tail or len(tail) < 3:
        first_of_run = len(refs) - 1
        while first_of_run > 0 and not text[refs[first_of_run - 1].end : refs[first_of_run].start].strip(" \t\n-•*–"):
            first_of_run -= 1
    trailing = (refs[first_of_run].start, refs[first_of_run].start) if first_of_run < len(refs) else None
    return refs, trailing
