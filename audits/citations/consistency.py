"""In-text citations against the reference list: what resolves, and every inconsistency as a finding.

Guidance: the checks manuscript tools such as Recite and Edifix run (every citation has an
entry, every entry is cited, author and year agree), the ICMJE/Vancouver rule that numbered
references are cited in order, and Crossref's DOI syntax.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from audits.citations.intext import InTextCitation
from audits.citations.references import Reference, doi_is_valid, fold, labelled_dois
from audits.model import Document, Finding, Severity, Span, make_finding
from audits.prepare.reference_shape import WIKI_CARET

LINK_VANCOUVER = "https://www.nlm.nih.gov/bsd/uniform_requirements.html"
LINK_APA = "https://apastyle.apa.org/style-grammar-guidelines/citations/basic-principles/author-date"
LINK_DOI = "https://www.crossref.org/blog/dois-and-matching-regular-expressions/"


@dataclass(frozen=True)
class Resolution:
    """Which reference an in-text citation points to, or why none."""

    reference: Reference | None
    status: str  # resolved, missing, unresolvable, year-mismatch, author-mismatch, footnote


def _initials(name: str) -> str:
    """"World Health Organization" -> "who"; "National Institute for Health and Care Excellence" -> "nice"."""
    return "".join(w[0] for w in re.findall(r"[\w'’-]+", fold(name)) if w not in {"of", "for", "the", "and", "on"})


def _first_author_matches(citation: InTextCitation, ref: Reference) -> bool:
    if not citation.authors or not ref.authors:
        return False
    cited, listed = fold(citation.authors[0]), fold(ref.authors[0])
    if not cited or not listed:
        return False
    if cited == listed or cited.split()[-1] == listed.split()[-1]:
        return True
    # A list that names authors in full ("Brown, Anna, Ben Green, and Carl White. 2020."): the surname is what
    # stands before the first comma.
    if "," in listed and cited.split()[-1] == listed.split(",")[0].split()[-1]:
        return True
    # "(WHO, 2022)" for "World Health Organization (2022)", or the list's "(NICE)" after the full name.
    acronym = citation.authors[0].strip()
    return (acronym.isupper() and 2 <= len(acronym) <= 8
            and (_initials(ref.authors[0]) == cited or re.search(rf"\b{re.escape(cited)}\b", listed) is not None))


def _year(value: str | None) -> str:
    return (value or "").rstrip("abcdefgh")


_CARET_BEFORE = re.compile(rf"{WIKI_CARET}\s*$")


def in_citation_order(text: str, refs: list[Reference]) -> bool:
    """Every entry opens with the caret of a copied Wikipedia list ("^Montgomery SA ..."): the list is printed in the
    order of first citation, so its n-th entry is note [n] even when the copy stops before the last notes."""
    if len(refs) < 2:
        return False
    return all(_CARET_BEFORE.search(text[text.rfind("\n", 0, r.start) + 1:r.start]) for r in refs)


def resolve(citations: list[InTextCitation], refs: list[Reference], has_list: bool,
            ordered: bool = False) -> list[Resolution]:
    """For each citation: the reference it points to (numbers for numeric, first author + year otherwise).
    ``ordered``: the unnumbered list is known to be in citation order (in_citation_order)."""
    by_number = {r.number: r for r in refs if r.number is not None}
    numeric = [int(c.key) for c in citations if c.style == "numeric" and c.key.isdigit()]
    if not by_number and numeric and (ordered or max(numeric) <= len(refs)):
        # A list whose numbers were lost in extraction (an HTML <ol> flattened): [n] is its n-th entry.
        by_number = dict(enumerate(refs, start=1))
    out: list[Resolution] = []
    by_start = {r.start: r for r in refs}
    for c in citations:
        if c.target is not None and c.target in by_start:
            out.append(Resolution(by_start[c.target], "resolved"))
        elif c.style == "footnote":
            # A numbered note that is a reference entry ("¹" ... "Notes: 1. Holt-Lunstad J ... 2015") is its source.
            ref = by_number.get(int(c.key)) if c.key.isdigit() and by_number else None
            out.append(Resolution(ref, "resolved") if ref else Resolution(None, "footnote"))
        elif c.style == "numeric":
            ref = by_number.get(int(c.key)) if c.key.isdigit() else None
            out.append(Resolution(ref, "resolved" if ref else ("missing" if has_list else "unresolvable")))
        elif not has_list:
            out.append(Resolution(None, "unresolvable"))
        elif c.style == "narrative":
            # "a 2019 meta-analysis in JAMA Psychiatry": the year (if given) and the venue's words must match.
            # A mention without a year that fits several entries is ambiguous: left unresolved, not guessed.
            matches = [r for r in refs if _venue_matches(c, r)]
            resolved = len(matches) == 1 or (bool(matches) and c.year is not None)
            out.append(Resolution(matches[0], "resolved") if resolved else Resolution(None, "unresolvable"))
        else:
            same_author = [r for r in refs if _first_author_matches(c, r)]
            exact = [r for r in same_author if r.year and c.year and r.year == c.year]
            loose = [r for r in same_author if _year(r.year) == _year(c.year)]
            if exact or loose:
                out.append(Resolution((exact or loose)[0], "resolved"))
            elif same_author:
                out.append(Resolution(same_author[0], "year-mismatch"))
            elif (near := _near_misses(c, refs)) and len(near) == 1:
                out.append(Resolution(near[0], "resolved"))
            else:
                out.append(Resolution(None, "missing"))
    return out


def _near_misses(c: InTextCitation, refs: list[Reference]) -> list[Reference]:
    """Entries of the citation's year that name its first author in another way: the surname misspelt by one
    letter ("Myer" for "Meyer") or standing elsewhere in the entry (the people behind an organisation's fact
    sheet, named after its title). Only a single such entry is taken as the citation's."""
    if not c.authors or not c.year:
        return []
    cited = fold(c.authors[0]).split()
    if not cited or len(cited[-1]) < 4:
        return []
    surname = cited[-1]
    named = re.compile(rf"\b{re.escape(surname)}\b")
    found = []
    for r in refs:
        if not r.year or _year(r.year) != _year(c.year):
            continue
        first = fold(r.authors[0]) if r.authors else ""
        # "Meyer, T. J." or "T. J. Meyer": the surname stands before the comma, or last.
        listed = (first.split(",")[0] if "," in first else first).split()
        if (listed and _one_edit_apart(surname, listed[-1])) or named.search(fold(r.text)):
            found.append(r)
    return found


def _one_edit_apart(a: str, b: str) -> bool:
    """Whether two words differ by one inserted, deleted or changed letter (written here: the standard library has
    no edit distance, and one edit is all this needs)."""
    if a == b or abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 4:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]


_STOP = {"the", "of", "and", "for", "in", "journal", "university", "institute", "&"}


def _venue_matches(c: InTextCitation, ref: Reference) -> bool:
    """A narrative mention names this entry: same year (when given) and the venue's distinctive words."""
    if c.year and ref.year and c.year[:4] != str(ref.year)[:4]:
        return False
    words = [w for w in re.findall(r"[\w'’-]+", fold(c.authors[0] if c.authors else "")) if w not in _STOP]
    haystack = fold(" ".join(filter(None, [ref.text, ref.journal or "", " ".join(ref.authors)])))
    tokens = set(re.findall(r"\w+", fold(ref.journal or ""))) - _STOP - {"with", "from"}
    return bool(words) and all(
        re.search(rf"\b{re.escape(w)}", haystack) or _abbreviated(w, tokens) for w in words[:3])


def _abbreviated(word: str, tokens: set[str]) -> bool:
    """The entry writes the venue's word abbreviated, as reference lists do ("Clinical Psychology Review"
    cited as "Clin Psychol Rev"): a word of three letters or more of the entry's journal begins the word."""
    return any(len(t) >= 3 and not t.isdigit() and word.startswith(t) for t in tokens)


def _key_label(c: InTextCitation) -> str:
    return f"[{c.key}]" if c.style == "numeric" else c.key


def _describe(ref: Reference) -> str:
    return ref.text if len(ref.text) <= 140 else ref.text[:137] + "..."


def consistency_findings(
    doc: Document, citations: list[InTextCitation], refs: list[Reference], resolutions: list[Resolution],
    heading: tuple[int, int] | None,
) -> list[Finding]:
    """Missing and uncited entries, author/year mismatches, numbering problems, mixed styles, bad DOIs."""
    findings: list[Finding] = []
    seen_missing: set[tuple[str, int]] = set()
    for c, res in zip(citations, resolutions, strict=True):
        span = Span(c.start, c.end)
        label = _key_label(c)
        if res.status == "missing" and (c.key, c.start) not in seen_missing:
            seen_missing.add((c.key, c.start))
            findings.append(make_finding(
                doc, "citations.missing-reference", "citations", Severity.ERROR,
                f"The citation {label} has no matching entry in the reference list.", span,
                "Add the cited work to the reference list, or correct the citation.",
                LINK_VANCOUVER if c.style == "numeric" else LINK_APA))
        elif res.status == "unresolvable" and refs and c.style == "narrative":
            findings.append(make_finding(
                doc, "citations.unresolvable", "citations", Severity.WARNING,
                f"The text mentions \"{doc.text[c.start:c.end]}\", but no entry of the reference list matches it "
                "(author, year or journal), so readers cannot tell which work it is.", span,
                "Add the work to the reference list, or name its authors and year so readers can find it.",
                LINK_APA))
        elif res.status == "unresolvable":
            findings.append(make_finding(
                doc, "citations.unresolvable", "citations", Severity.WARNING,
                f"{label} is cited, but the text has no reference list, so readers cannot find the work.", span,
                "Add a reference list with the full source (authors, year, title, where it was published).",
                LINK_APA))
        elif res.status == "year-mismatch" and res.reference is not None:
            ref = res.reference
            findings.append(make_finding(
                doc, "citations.year-mismatch", "citations", Severity.ERROR,
                f"The text cites {label}, but the reference list has {ref.authors[0]} with the year "
                f"{ref.year or 'missing'}: \"{_describe(ref)}\".", span,
                "Correct the year in the text or in the reference list so they agree.", LINK_APA))
        elif res.status == "resolved" and c.style == "author-year" and res.reference is not None:
            ref = res.reference
            if len(c.authors) >= 2 and not c.et_al and len(ref.authors) >= 2:
                cited_second, listed_second = fold(c.authors[1]).split()[-1], fold(ref.authors[1]).split()[-1]
                if cited_second != listed_second:
                    findings.append(make_finding(
                        doc, "citations.author-mismatch", "citations", Severity.WARNING,
                        f"The text cites {label}, but the reference list names {', '.join(ref.authors[:3])} "
                        f"as authors: \"{_describe(ref)}\".", span,
                        "Make the author names in the text match the reference list.", LINK_APA))
    cited_refs = {id(r.reference) for r in resolutions if r.reference is not None}
    # A list of sources in a text that cites nothing in the text is a "sources" list, not uncited entries.
    for ref in refs if any(c.style != "footnote" for c in citations) else ():
        if id(ref) not in cited_refs:
            findings.append(make_finding(
                doc, "citations.uncited-reference", "citations", Severity.WARNING,
                f"Reference {ref.key} is listed but never cited in the text: \"{_describe(ref)}\".",
                Span(ref.start, ref.end), "Cite it where it supports the text, or remove it from the list.",
                LINK_VANCOUVER))
    findings += _numbering_findings(doc, citations, refs)
    findings += _duplicate_entries(doc, refs)
    styles = Counter(c.style for c in citations if c.style not in ("footnote", "narrative"))
    if len(styles) > 1:
        first_minor = next(c for c in citations if c.style == min(styles, key=lambda s: styles[s]))
        findings.append(make_finding(
            doc, "citations.mixed-styles", "citations", Severity.WARNING,
            f"The text mixes citation styles ({', '.join(sorted(styles))}); readers cannot tell how to find "
            "the sources.", Span(first_minor.start, first_minor.end),
            "Use one citation style throughout.", LINK_APA))
    for ref in refs:
        if ref.doi is not None and ref.doi_valid is False and ref.doi_span is not None:
            findings.append(make_finding(
                doc, "citations.malformed-doi", "citations", Severity.WARNING,
                f"The DOI \"{ref.doi}\" in reference {ref.key} is not a valid DOI, so the link will not work.",
                Span(*ref.doi_span), "Copy the DOI again from the publisher's page (it starts with 10. and a "
                "registrant code of four or more digits).", LINK_DOI))
    for doi, start, end in labelled_dois(doc.text, heading[0] if heading else None):
        if not doi_is_valid(doi):
            findings.append(make_finding(
                doc, "citations.malformed-doi", "citations", Severity.WARNING,
                f"The DOI \"{doi}\" is not a valid DOI, so the link will not work.", Span(start, end),
                "Copy the DOI again from the publisher's page (it starts with 10. and a registrant code of four "
                "or more digits).", LINK_DOI))
    return findings


def _numbering_findings(doc: Document, citations: list[InTextCitation], refs: list[Reference]) -> list[Finding]:
    findings: list[Finding] = []
    numbered = [r for r in refs if r.number is not None]
    if not numbered:
        return findings
    counts = Counter(r.number for r in numbered)
    reported: set[int] = set()
    for r in numbered:
        if counts[r.number] > 1 and r.number not in reported:
            reported.add(r.number)  # type: ignore[arg-type]
            findings.append(make_finding(
                doc, "citations.duplicate-number", "citations", Severity.ERROR,
                f"The reference list has more than one entry numbered {r.number}.", Span(r.start, r.end),
                "Renumber the reference list so each number appears once.", LINK_VANCOUVER))
    numbers = sorted(counts)
    expected = set(range(1, numbers[-1] + 1))
    gaps = sorted(expected - set(numbers))
    if gaps:
        after = max((r for r in numbered if r.number is not None and r.number < gaps[0]),
                    key=lambda r: r.number or 0, default=numbered[0])
        findings.append(make_finding(
            doc, "citations.numbering-gap", "citations", Severity.WARNING,
            f"The reference list skips number{'s' if len(gaps) > 1 else ''} "
            f"{', '.join(map(str, gaps[:10]))}.", Span(after.start, after.end),
            "Renumber the list, or add the missing entries.", LINK_VANCOUVER))
    firsts: list[InTextCitation] = []
    seen: set[str] = set()
    for c in citations:
        if c.style == "numeric" and c.key not in seen:
            seen.add(c.key)
            firsts.append(c)
    highest = 0
    for c in firsts:
        n = int(c.key)
        if n > highest + 1 and n <= numbers[-1]:
            findings.append(make_finding(
                doc, "citations.out-of-order", "citations", Severity.INFO,
                f"Reference [{n}] is cited before [{highest + 1}]; numbered references should be numbered in the "
                "order they are first cited.", Span(c.start, c.end),
                "Renumber the references in order of first citation.", LINK_VANCOUVER))
            break
        highest = max(highest, n)
    return findings


def _duplicate_entries(doc: Document, refs: list[Reference]) -> list[Finding]:
    findings: list[Finding] = []
    seen: dict[str, Reference] = {}
    for r in refs:
        idents = [i for i in ((r.doi or "").lower(), " ".join(fold(r.title or "").split())) if len(i) >= 12]
        first = next((seen[i] for i in idents if i in seen), None)
        if first is not None:
            findings.append(make_finding(
                doc, "citations.duplicate-reference", "citations", Severity.WARNING,
                f"Reference {r.key} repeats reference {first.key}.", Span(r.start, r.end),
                "Keep one entry and point all citations to it.", LINK_VANCOUVER))
        for i in idents:
            seen.setdefault(i, r)
    return findings
