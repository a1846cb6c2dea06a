"""Find a page's headline in plain text, and the navigation stacked above it.

A page copied as text opens with whatever the site prints before the article: the site name
(sometimes split over two lines and printed again whole), menu items, section labels, a
breadcrumb. The headline is the first heading-like line of that opening stack that is not one
of those; the stack ends at the first paragraph, bullet or sentence-like line. Everything of the
stack above the headline is navigation (a phone number or address stays: it is content).
No library finds headlines in plain text, so this is ours; the same rule gives the title and
the furniture removed above it, so the two never disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

MAX_STACK = 60  # non-empty lines examined at the top of the page (a menu can be long)
MAX_HEADLINE_WORDS = 15
LABEL_WORDS = 3  # a section or site label above the headline has at most this many words
PROSE_WORDS = 16  # a line this long is a paragraph whatever its punctuation
BULLETS = ("•", "·", "-", "*", "–", "—", "►", "▪", "■", "●", "→")
_CONTACT = re.compile(r"(\+?\d[\d ()/.-]{6,}\d|@|https?://|www\.)")
_DATE_ONLY = re.compile(r"^[\w ,.-]{0,12}\d{4}[\w ,.:-]{0,20}$")
_CLAUSE_END = (":", ";", ",")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Line:
    """A non-empty line of the page: its index in the list, its text, and whether a blank line follows."""

    index: int
    text: str
    standalone: bool


@dataclass(frozen=True)
class Opening:
    """The headline (an index into the lines, or None) and the lines above it that are navigation."""

    headline: int | None
    above: tuple[tuple[int, str], ...] = ()  # (line index, reason)


def is_heading(line: str, standalone: bool = False) -> bool:
    """Short, and not ending like a clause; a full stop or "!" only on a line standing alone."""
    words = len(line.split())
    if not 1 <= words <= MAX_HEADLINE_WORDS or line.endswith(_CLAUSE_END) or line.endswith(("…", "...")):
        return False
    return standalone or not line.endswith((".", "!"))


def is_section_label(line: str, later: list[str]) -> bool:
    """A section or site label ("Evidence & research", "VRSTE TERAPIJE", "Novosti") above the headline.

    At most LABEL_WORDS words (twice that in capitals), with a longer heading below it in the opening
    stack (``later``: the heading-like lines below it, no sentence among them). A question
    is a headline, and a line with digits or an address is content (contact details), never a label.
    """
    if line.endswith("?") or any(ch.isdigit() for ch in line) or "@" in line:
        return False
    words = len(line.split())
    if not (words <= LABEL_WORDS or (line.isupper() and words <= 2 * LABEL_WORDS)):
        return False
    if any(len(x.split()) > LABEL_WORDS for x in later):
        return True  # a real headline follows
    # Only short lines below: a label over a short headline ("VRSTE TERAPIJE" / "Kognitivna terapija"),
    # but three or more short lines in a row are a list or a menu with no headline among them.
    return len(later) == 1 and len(later[0].split()) > 1


LONG_HEADLINE_WORDS = 30  # a scholarly or news headline may run this long on a line of its own
_SENTENCE_BREAK = re.compile(r"[.!?…]\s+\S")


def is_long_headline(line: Line) -> bool:
    """A long title standing alone ("Efficacy of ... : a systematic review and meta-analysis of ... trials"):
    a blank line under it, no sentence inside it and no sentence or clause punctuation at its end."""
    words = len(line.text.split())
    return (line.standalone and PROSE_WORDS <= words <= LONG_HEADLINE_WORDS and not _SENTENCE_BREAK.search(line.text)
            and not line.text.endswith((*_CLAUSE_END, ".", "!", "?", "…")))


def _is_body(line: Line) -> bool:
    """The article has begun: a paragraph, a bullet, or a line that reads as a clause or sentence."""
    text = line.text
    if is_long_headline(line):
        return False
    if text.startswith(BULLETS) or len(text.split()) >= PROSE_WORDS:
        return True
    return not is_heading(text, line.standalone)


def _wrapped(content: list[Line], k: int) -> bool:
    """Text hard-wrapped at a fixed width ("I would" / "like to plug my two cents ..."): the line runs on
    into a next line that starts with a small letter and is itself a run of text (SENTENCE_WORDS words or
    more, or the end of a sentence). The page opens with its body, not a heading. Two short lowercase
    lines ("fees and rebates" / "session fees") are a lowercase site's headings, not a wrap."""
    line = content[k]
    if line.standalone or k + 1 >= len(content) or line.text.endswith((".", "!", "?", ":")):
        return False
    nxt = content[k + 1].text
    return nxt[:1].islower() and (len(nxt.split()) >= SENTENCE_WORDS or nxt.endswith((".", "!", "?")))


_NUMBERED_ITEM = re.compile(r"(\d{1,2})[.)]\s+\S")


# The home page's name opening a breadcrumb: the home-page words of furniture.yaml's NAV lexicon. furniture.py
# imports this module, so it cannot hand them over; the few words are kept here (update both together).
_HOME = re.compile(r"(?:home|homepage|početna|naslovna|naslovnica|domov|domača stran|почетна|насловна)", re.IGNORECASE)
_CRUMB_MARKS = " »›>/|-–→"
CRUMB_WORDS = 8  # words in one item of a breadcrumb trail


def _breadcrumb_run(content: list[Line], k: int) -> int:
    """How many lines from k are a breadcrumb trail printed as a numbered list ("1. Home" / "2. » Self Help
    for Anxiety"), as an ordered list of links renders in text: numbered from 1, the first item the site's
    home page, every item short. Such a list is navigation, not the start of the page's body."""
    items: list[str] = []
    for line in content[k:]:
        found = _NUMBERED_ITEM.match(line.text)
        if not found or int(found.group(1)) != len(items) + 1 or len(line.text.split()) > CRUMB_WORDS + 1:
            break
        items.append(line.text[found.end() - 1:].strip(_CRUMB_MARKS))
    return len(items) if len(items) >= 2 and _HOME.fullmatch(items[0]) else 0


def _numbered_list(content: list[Line], k: int) -> bool:
    """A numbered list has begun ("1. Diplomirani psiholozi" / "2. Specijalisti psihijatrije"): an entry whose next
    line is the entry with the next number. A list is the page's body, like a bullet; one numbered line alone
    may be a headline opening with an ordinal ("5. kongres psihoterapeuta")."""
    found = _NUMBERED_ITEM.match(content[k].text)
    if not found or k + 1 >= len(content):
        return False
    nxt = _NUMBERED_ITEM.match(content[k + 1].text)
    return nxt is not None and int(nxt.group(1)) == int(found.group(1)) + 1


# An update or publication stamp inside a line ("Accepting New Clients (updated May 26)", "Posted on 3 May"):
# a stamp word, then a date (a number, or a month name and a number: "Updated marketing guidance" is no stamp).
_MONTHS = ("jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|mart|april|maj|jun|jul|avgust|august|"
           "septemb|oktob|novemb|decemb|siječ|velj|ožuj|trav|svib|lip|srp|kolov|ruj|listop|studen|prosin")
_STAMP = re.compile(rf"\b(updated|posted|published|last modified|revised|objavljeno|ažurirano|posodobljeno)"
                    rf"\s?:?\s(on\s)?(\d|(?:{_MONTHS})\w*\.?,?\s\d)", re.IGNORECASE)


# An epigraph: a quotation followed by its author's name ("“Most people live in a restricted circle ...”. (William
# James)", "\"Know thyself.\" — Socrates"). A motto over the text, not its headline; a quotation followed by words
# in lower case ("“Therapy saved my life” – one woman’s story") is a headline.
_AUTHOR = r"[A-ZČĆŠŽĐ][\w.’'-]*(?:\s[A-ZČĆŠŽĐ][\w.’'-]*){0,3}"  # capitalised words: a name
_EPIGRAPH = re.compile(rf"[“\"„«‘].{{3,}}[”\"»“’][.!?,]?\s*(?:\({_AUTHOR}\)|[-–—]\s?{_AUTHOR})")


# A byline or reviewer line ("Medically reviewed by Dr. ...", "Written by ...", "Recenzirala: ..."): metadata the page
# keeps in its text (the reviewer feeds the metadata checks), never its headline.
_BYLINE = re.compile(r"[•·\-–]?\s?(?:(?:(?:medically|clinically)\s)?(?:reviewed|fact[- ]checked|written|edited)\sby|"
                     r"recenzira(?:o|la)|stručno pregleda(?:o|la)|strokovno pregledal[a]?|рецензира(?:о|ла)|"
                     r"стручно прегледа(?:о|ла))\b", re.IGNORECASE)


# A line that cannot be the headline a label stands over: one that runs on from the line above (it starts in lower
# case: "Mental Health Emergency" / "and Crisis Services"), a pull quote left open ("“I am terrified by this dark
# thing"), or a price ("Standard 50 minute consultation: $200"). The short line above it is then the headline.
_OPEN_QUOTE = re.compile(r"^[“\"„«‘][^”\"»“’]*$")
_PRICE = re.compile(r"[$€£]\s?\d|\d\s?(?:€|£|\$|eur\b|kn\b|din\b|rsd\b|km\b)", re.IGNORECASE)


def _heads_below_label(text: str) -> bool:
    return not (text[:1].islower() or _OPEN_QUOTE.match(text) or _PRICE.search(text))


_SHORT_NUMBER = re.compile(r"\d{2,4}")
_YEAR = re.compile(r"(?:19|20)\d\d")


def _is_number(text: str) -> bool:
    """A phone number, or a short number standing alone that is not a year ("112", "05 330 11 17", "+386 1 234 56
    78"; not "2024")."""
    return bool(_CONTACT.fullmatch(text)) or (bool(_SHORT_NUMBER.fullmatch(text)) and not _YEAR.fullmatch(text))


def _candidate(text: str) -> bool:
    """Whether a line may be the headline: not contact details, a bare date, a line carrying an update stamp, a
    byline or reviewer line, or a quotation signed by its author (an epigraph)."""
    return not (_CONTACT.search(text) or _DATE_ONLY.match(text) or _STAMP.search(text) or _BYLINE.match(text)
                or _EPIGRAPH.fullmatch(text) or not any(ch.isalpha() for ch in text))


SENTENCE_WORDS = 8  # a line this long ending like a sentence is text, never the site's line above a headline


def _is_sentence(text: str) -> bool:
    return len(text.split()) >= SENTENCE_WORDS and text.endswith((".", "!", "?"))


def _is_statement(text: str) -> bool:
    """A sentence that is not a question (a question of that length is often the headline itself)."""
    return _is_sentence(text) and not text.endswith("?")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def find_opening(lines: list[str], menu: re.Pattern[str] | None = None) -> Opening:
    """The headline among the page's first lines, and the navigation, labels and site name above it.

    ``menu`` matches a menu word ("Blog", "Novosti", furniture.yaml's NAV): such a line is a label over a
    question right above the text too (see ``_answered``)."""
    content: list[Line] = []
    for i, raw in enumerate(lines):
        text = raw.strip()
        if not text:
            continue
        standalone = i + 1 >= len(lines) or not lines[i + 1].strip()
        content.append(Line(i, text, standalone))
        if len(content) >= MAX_STACK:
            break
    stack: list[Line] = []
    menu_items: list[int] = []  # bulleted menu items above the headline
    k = 0
    while k < len(content):
        run = _menu_run(content, k) or _breadcrumb_run(content, k)
        if run:
            menu_items.extend(x.index for x in content[k:k + run])
            k += run
            continue
        if _is_body(content[k]) or _wrapped(content, k) or _numbered_list(content, k):
            break
        stack.append(content[k])
        k += 1
    browser = _browser_title(content, stack)
    if browser is not None:
        return browser
    for n, (line, nxt) in enumerate(pairwise(stack)):
        if _candidate(line.text) and _norm(nxt.text) == _norm(line.text):
            # The headline printed twice: the first copy goes, the second is the headline, and what
            # stands above them is the site's.
            above = [(x.index, "") for x in stack[:n] if _candidate(x.text) and not _is_sentence(x.text)]
            return Opening(nxt.index, (*_navigation(above), (line.index, "duplicated heading"), *_menu(menu_items)))
    above: list[tuple[int, str]] = []
    n = 0
    while n < len(stack):
        line = stack[n]
        nxt = stack[n + 1] if n + 1 < len(stack) else None
        if not _candidate(line.text):
            n += 1
            continue
        if nxt is not None and _is_number(nxt.text) and any(_candidate(x.text) and is_heading(x.text)
                                                            for x in stack[n + 2:]):
            # The label of a number printed under it ("Klic v sili" / "112", "Helpline" / "0800 123 456") with more
            # heading lines still to come: a contact card, content like the number, neither the headline nor
            # navigation. A headline over a phone number and then the text is still the headline.
            n += 2
            continue
        if n + 2 < len(stack) and _norm(f"{stack[n + 1].text} {stack[n + 2].text}") == _norm(line.text):
            # A site name printed whole, then split over two lines (a logo): all three are the site's.
            above.extend((x.index, "site name above the headline") for x in stack[n:n + 3])
            n += 3
            continue
        menu_word = menu is not None and bool(menu.fullmatch(line.text))  # over a question too
        later = [x.text for x in _until_statement(stack[n + 1:]) if _candidate(x.text) and _heads_below_label(x.text)
                 and (menu_word or not _answered(x, stack)) and (is_heading(x.text) or is_long_headline(x))]
        if later and is_section_label(line.text, later):
            above.append((line.index, ""))
            n += 1
            continue
        return Opening(line.index, _navigation(above) + _below(content, line, above) + _menu(menu_items, line.index))
    return Opening(None)


def _until_statement(lines: list[Line]) -> list[Line]:
    """The lines up to the first statement: a lead sentence standing alone ("Partnerska psihoterapija" /
    "Partnerska psihoterapija predstavlja ... s parom.") is text under the line above it, never the real
    headline that would make that line a label."""
    end = next((k for k, x in enumerate(lines) if _is_statement(x.text)), len(lines))
    return lines[:end]


def _answered(line: Line, stack: list[Line]) -> bool:
    """A question right above the text ("Za starše" / "Kako pridete do nas?" / the answer): the heading of the
    page's first section, as on a page of questions and answers, so the line above it is no label over it."""
    if not line.text.endswith("?"):
        return False
    below = stack[stack.index(line) + 1:]
    return not below or _is_statement(below[0].text)


# A browser-title line: "Headline - Site name", "Headline | Site" (the part before the first separator).
_TITLE_SEPARATOR = re.compile(r"\s[-–—|]\s")
BROWSER_LOOKAHEAD = 3  # lines below a browser-title line where its headline may stand alone


def _bare(text: str) -> str:
    return _norm(text).rstrip(" .!?:")


def _browser_title(content: list[Line], stack: list[Line]) -> Opening | None:
    """A browser-title line ("Headline - Site name") above the headline printed alone: the headline is the
    line that repeats the browser title's first part; the browser title and what stands between the two
    (its wrapped tail) are the site's, and what stands above is navigation as usual."""
    for n, line in enumerate(stack):
        parts = _TITLE_SEPARATOR.split(line.text)
        if len(parts) < 2 or not _candidate(line.text) or len(parts[0].split()) < 2:
            continue
        at = content.index(line)
        for k in range(at + 1, min(at + 1 + BROWSER_LOOKAHEAD, len(content))):
            own = content[k]
            if _bare(own.text) == _bare(parts[0]) and len(own.text.split()) <= MAX_HEADLINE_WORDS:
                above = [(x.index, "") for x in stack[:n] if _candidate(x.text)]
                between = tuple((x.index, "browser title above the headline") for x in content[at:k])
                return Opening(own.index, (*_navigation(above), *between, *_below(content, own, above)))
    return None


# A name alone under the headline ("Ana Mitić", "The Independent Online"): capitalised words only.
MAX_AUTHORS = 6  # bulleted names under the headline taken as its authors
_CAP = "[A-ZČĆŠŽĐ\u0400-\u042f]"
_NAME = re.compile(rf"(?:{_CAP}[\w’'.-]*\s){{1,3}}{_CAP}[\w’'.-]+")
_BULLETED_NAME = re.compile(rf"[•·*\-–]\s?(?:{_CAP}[\w’'-]*\.?\s){{1,3}}{_CAP}[\w’'-]+")


def _below(content: list[Line], headline: Line, above: list[tuple[int, str]]) -> tuple[tuple[int, str], ...]:
    """Between the headline and the first paragraph: authors listed as bullets ("• T. Mark Harwood") or a
    name alone between the headline and the first paragraph are the byline (a short list of capitalised
    items under a heading is not: it is followed by more items, not by the paragraph), and a label from
    above the headline printed again below it is still navigation."""
    labels = {_norm(line.text) for line in content if any(i == line.index for i, _ in above)}
    out = []
    body = False
    after = next((x.index for x in content if x.index > headline.index), -1)  # the line under the headline
    for line in content:
        if line.index <= headline.index:
            continue
        if _norm(line.text) == _norm(headline.text):
            out.append((line.index, "duplicated heading"))  # the headline printed again below a standfirst
            continue
        body = body or is_paragraph(line.text)
        if body:
            continue
        following = next((x.text for x in content if x.index > line.index), "")
        if line.index == after and _BULLETED_NAME.fullmatch(line.text) and len(out) < MAX_AUTHORS:
            out.append((line.index, "date or byline line"))
            after = next((x.index for x in content if x.index > line.index), -1)  # the next author
        elif line.index == after and _NAME.fullmatch(line.text) and is_paragraph(following):
            out.append((line.index, "date or byline line"))
        elif _norm(line.text) in labels:
            out.append((line.index, "section label above the headline"))
    return tuple(out)


def is_paragraph(text: str) -> bool:
    """A line of running text: long, or a sentence of several words."""
    words = len(text.split())
    return words >= PROSE_WORDS or (words >= 5 and text.endswith((".", "!", "?")))


MENU_ITEMS = 5  # bulleted entries in a row that make a menu above the headline
_MENU_ENTRY = re.compile(r"[•·*\-–►▪■●→]\s?[^.!:;,]{1,60}")


def _is_entry(line: Line) -> bool:
    return bool(_MENU_ENTRY.fullmatch(line.text)) and len(line.text.split()) <= 6


def _menu_run(content: list[Line], k: int) -> int:
    """How many lines from k are a bulleted site menu: MENU_ITEMS or more short entries, most of them
    capitalised ("• Dietas", "- About us"), with a headline of several words still to come before
    any paragraph. A list under a headline is content: the headline must come after the run."""
    end = k
    while end < len(content) and _is_entry(content[end]):
        end += 1
    entries = content[k:end]
    capitals = sum(x.text.lstrip("•·*-–►▪■●→ ¿¡")[:1].isupper() for x in entries)
    if len(entries) < MENU_ITEMS or 2 * capitals < len(entries):
        return 0
    for line in content[end:]:
        if line.text.startswith(BULLETS):
            continue
        if is_heading(line.text) and len(line.text.split()) > LABEL_WORDS and _candidate(line.text):
            return end - k
        if _is_body(line):
            return 0
    return 0


def _menu(menu: list[int], headline: int | None = None) -> tuple[tuple[int, str], ...]:
    return tuple((i, "site navigation above the headline") for i in menu if headline is None or i < headline)


def _navigation(above: list[tuple[int, str]]) -> tuple[tuple[int, str], ...]:
    """Name the lines above the headline: one or two are section labels, three or more a menu."""
    unnamed = [i for i, r in above if not r]
    default = "site navigation above the headline" if len(unnamed) >= 3 else "section label above the headline"
    return tuple(sorted((i, r or default) for i, r in above))


def headline(text: str) -> str | None:
    """The page's headline (at most 160 characters), or None when the text opens with its body."""
    lines = text.split("\n")
    found = find_opening(lines).headline
    return lines[found].strip()[:160] if found is not None else None
