"""Metadata a text states about itself: byline, reviewer, affiliations, dates, DOI, e-mail.

Web pages and journal PDFs put these in free text ("Medically reviewed by ...",
"Received: 24-Aug-2023", "*Correspondence to: ..."). No library reads bylines
out of plain text, so these patterns are ours; dates are parsed with dateutil.
"""

from __future__ import annotations

import re

from dateutil import parser as dateparser

from audits.model import Metadata, Span
from audits.prepare.literals import folded, may_match
from audits.prepare.reference_shape import is_own_citation_label, looks_like_reference, reference_entries

_REVIEWED = re.compile(
    r"^\s*(?:medically |clinically |fact[- ]checked and )?reviewed by:?\s+(?P<name>[^\n]{3,120}?)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_PERSON = r"(?P<name>[A-Z][\w.'’-]+(?:[ \t]+[A-Z][\w.'’-]*){1,3})"
# "Author: Jane Doe", "PsychotherapyAuthor:\nJanet Conrad" (a glued category label), "By Jane Doe".
_AUTHOR_LINE = re.compile(
    r"(?:^|(?<=[a-z]))(?:[Aa]uthor|[Ww]ritten by|[Aa]utor(?:ka)?|[Nn]apisa(?:o|la))\s*:?[ \t]*\n?[ \t]*"
    + _PERSON + r"[ \t]*\*?$|^[Bb]y[ \t]+" + _PERSON.replace("name", "name2") + r"[ \t]*$",
    re.MULTILINE,
)
# A line that is only a personal name, optionally starred for correspondence (journal bylines).
_NAME_LINE = re.compile(r"^(?P<name>[A-Z][a-z]+(?:\s+[A-Z]\.)*(?:\s+[A-Z][a-z'’-]+){1,2})\s*\*\s*$", re.MULTILINE)
_AFFILIATION_WORDS = re.compile(
    r"\b(Department|Dept\.|University|School of|College of|Institute|Hospital|Faculty|Centre|Center for|"
    r"Klinika|Univerzitet|Fakultet|Institut|Bolnica)\b"
)
_CORRESPONDENCE = re.compile(
    r"^\*?\s*Correspondence(?: to)?:?\s*(?P<body>[^\n]+)$", re.IGNORECASE | re.MULTILINE
)
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)", re.IGNORECASE)
# Bounded parts, and a match may only start where a run of address characters starts: linear even on
# a 300 KB run like "Dr.Dr.Dr..." (the unbounded form backtracked from every position: issue 17).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}\b")
_DATE_LABELS = {
    "received": "received",
    "accepted": "accepted",
    "revised": "revised",
    "reviewed": "reviewed",
    "published": "published",
    "editor assigned": "editor_assigned",
    "updated": "updated",
    "last updated": "updated",
    "posted": "published",
    "objavljeno": "published",
}
_LABELLED_DATE = re.compile(
    r"(?P<label>" + "|".join(sorted(map(re.escape, _DATE_LABELS), key=len, reverse=True)) + r")"
    r"(?: on)?:\s*(?P<date>\d{1,2}[-\s./][A-Za-z]{3,9}\.?[-\s./]\d{4}|[A-Za-z]{3,9}\.? \d{1,2},? \d{4}|"
    r"\d{4}-\d{2}-\d{2}|\d{1,2}\.\s?\d{1,2}\.\s?\d{4})",
    re.IGNORECASE,
)
_STANDALONE_DATE = re.compile(
    r"^(?P<date>\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December) \d{4}|(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December) \d{1,2}, \d{4})$",
    re.MULTILINE,
)


def parse_date(value: str) -> str | None:
    """An ISO date from the common written forms ("16-Sept-2023", "2 August 2025"), or None."""
    cleaned = re.sub(r"\bSept\b", "Sep", value.strip().rstrip("."), flags=re.IGNORECASE)
    try:
        return dateparser.parse(cleaned, dayfirst=True, fuzzy=False).date().isoformat()
    except (ValueError, OverflowError):
        return None


def _name(raw: str) -> str:
    return re.sub(r"\s+", " ", raw).strip(" ,*;")


_HISTORY = re.compile(r"\b(received|accepted|published|citation|cite this( article)?)\s*:", re.IGNORECASE)
_DOI_LABEL = re.compile(r"^\W{0,3}(doi|https?://(dx\.)?doi\.org)", re.IGNORECASE)


def _own_doi(text: str) -> re.Match[str] | None:
    """The page's own DOI: on a labelled DOI line, or on a short header line near the top.

    A DOI inside a reference entry (or anywhere in a reference list) is a cited work's, never the
    page's own.
    """
    if not _DOI.search(text):  # most text holds no DOI: no need for its reference entries
        return None
    entries, heading = reference_entries(text)
    for m in _DOI.finditer(text):
        if heading is not None and m.start() > heading[0]:
            continue  # everything after the reference-list heading is cited
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
        if _HISTORY.search(line):  # "Received: ... Published: ..., DOI: 10...", "Cite this article: ...": its own
            return m
        above = text[:line_start].rstrip().rsplit("\n", 1)[-1]
        if is_own_citation_label(above):  # "Cite this article" alone, the page's own citation on the next line
            return m
        # A DOI in a reference entry (even on a line of its own below it) is a cited work's.
        if looks_like_reference(line) or any(a <= m.start() < b for a, b in entries):
            continue
        near_top = m.start() < max(600, len(text) * 0.25)
        if _DOI_LABEL.match(line) or (near_top and len(line.split()) <= 25):
            return m
    return None


def extract_metadata(text: str) -> Metadata:
    """Everything the text states about its authorship, review, dates and identifiers."""
    spans: dict[str, Span] = {}
    reviewers = []
    for m in _REVIEWED.finditer(text):
        if not _LABELLED_DATE.match(m.group(0).strip()):
            reviewers.append(_name(m.group("name")))
            spans.setdefault("reviewer", Span(*m.span("name")))
    authors = []
    for m in _NAME_LINE.finditer(text):
        authors.append(_name(m.group("name")))
        spans.setdefault("author", Span(*m.span("name")))
    for m in _AUTHOR_LINE.finditer(text):
        group = "name" if m.group("name") else "name2"
        name = _name(m.group(group))
        if name not in authors and name not in reviewers:
            authors.append(name)
            spans.setdefault("author", Span(*m.span(group)))
    correspondence = None
    affiliations: list[str] = []
    corr = _CORRESPONDENCE.search(text)
    for line_match in re.finditer(r"[^\n]+", text):
        line = line_match.group().strip()
        if len(line) < 200 and _AFFILIATION_WORDS.search(line) and not _CORRESPONDENCE.match(line):
            affiliations.append(line)
            spans.setdefault("affiliation", Span(*line_match.span()))
    if corr:
        body = corr.group("body")
        correspondence = body.strip()
        spans["correspondence"] = Span(*corr.span("body"))
        # "Name, Affiliation, Country, E-mail: x" -> the affiliation part between name and e-mail.
        parts = [p.strip() for p in re.split(r",\s*", re.split(r"E-?mail", body, flags=re.IGNORECASE)[0])]
        if len(parts) > 1:
            affiliation = ", ".join(p for p in parts[1:] if p)
            if affiliation and affiliation not in affiliations:
                affiliations.append(affiliation)
    dates: dict[str, str] = {}
    # Most pages hold no date label at all: the scan is skipped then (audits/prepare/literals.py).
    labelled = _LABELLED_DATE.finditer(text) if may_match(_LABELLED_DATE, folded(text)) else ()
    for m in labelled:
        label = _DATE_LABELS[m.group("label").lower()]
        iso = parse_date(m.group("date"))
        if iso and label not in dates:
            dates[label] = iso
            spans[f"date:{label}"] = Span(*m.span("date"))
    if "published" not in dates:
        m = _STANDALONE_DATE.search(text[:600])
        if m and (iso := parse_date(m.group("date"))):
            dates["published"] = iso
            spans["date:published"] = Span(*m.span("date"))
    doi_match = _own_doi(text)
    doi = doi_match.group(1).rstrip(".,;)") if doi_match else None
    if doi_match:
        spans["doi"] = Span(doi_match.start(1), doi_match.start(1) + len(doi))
    emails = tuple(dict.fromkeys(_EMAIL.findall(text)))
    return Metadata(
        authors=tuple(dict.fromkeys(authors)),
        reviewers=tuple(dict.fromkeys(reviewers)),
        affiliations=tuple(dict.fromkeys(affiliations)),
        dates=dates,
        doi=doi,
        emails=emails,
        correspondence=correspondence,
        spans=spans,
    )
