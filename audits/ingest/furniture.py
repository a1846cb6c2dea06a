"""Remove page furniture from plain-text copies of web pages, and record what went.

Extractors such as trafilatura handle HTML; pages saved or pasted as plain text
still carry site-builder furniture (navigation, breadcrumbs, date and byline lines,
photo credits, share lines, comment labels, related-article lists, cookie notices,
duplicated headings). No maintained library cleans plain text, so the line rules are
data (furniture.yaml, in several languages), each with the reason shown to the user.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from audits.ingest.headline import BULLETS, LONG_HEADLINE_WORDS, find_opening, is_heading, is_paragraph
from audits.model import Removed
from audits.prepare.lazy_re import LazyPattern, lazy, save
from audits.prepare.rule_files import load_yaml

RULES_FILE = Path(__file__).with_name("furniture.yaml")
MAX_FURNITURE_LINE = 300  # longer lines are article text, never furniture (and keep matching linear)
_PROSE_WORD = re.compile(r"(?<![\w])[a-zčćšžđäöüßàèéìòùáíóúñ\u0430-\u045f][\w'’-]{2,30}")


@dataclass(frozen=True)
class FurnitureRule:
    """One kind of furniture: why it goes, the line patterns, and whether prose lines are protected."""

    reason: str
    patterns: tuple[LazyPattern, ...]  # checked at load, compiled on first use (prepare/lazy_re.py)
    prose_guard: bool = False
    examples: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()  # one of these must occur in the line (casefolded) for the patterns to run
    joined: LazyPattern | None = None  # the patterns as one alternation (see _join)

    def matches(self, line: str, folded: str | None = None) -> bool:
        """Whether the whole stripped line is this kind of furniture (folded: line.casefold(), if known)."""
        if self.requires:
            folded = line.casefold() if folded is None else folded
            if not any(word in folded for word in self.requires):
                return False
        if self.joined is not None:
            if not self.joined.fullmatch(line):
                return False
        elif not any(p.fullmatch(line) for p in self.patterns):
            return False
        return not (self.prose_guard and looks_like_prose(line))


def looks_like_prose(line: str) -> bool:
    """Four or more words of three letters or more starting with a small letter: a sentence, not a label
    ("on", "at", "pm" in a date stamp are not words of a sentence)."""
    return len(_PROSE_WORD.findall(line)) >= 4


@cache
def _data() -> dict:
    return load_yaml(RULES_FILE.read_text(encoding="utf-8"))


@cache
def menu_item() -> re.Pattern[str]:
    """One menu entry on a line of its own ("Početna", "About us"): the lexicon's NAV words."""
    return re.compile(rf"(?:{_alternation(_data()['lexicon']['NAV'])})", re.IGNORECASE)


@cache
def furniture_rules() -> tuple[FurnitureRule, ...]:
    """The rules in furniture.yaml, compiled once (immutable: safe to share between threads)."""
    data = _data()
    words = {name: _alternation(items) for name, items in (data.get("lexicon") or {}).items()}

    def compile_pattern(pattern: str) -> LazyPattern:
        for name, alternation in words.items():
            pattern = pattern.replace("{" + name + "}", alternation)
        return lazy(pattern, re.IGNORECASE, read_literals=False)  # an error now, as compiling would raise it

    rules = []
    for item in data["rules"]:
        patterns = tuple(compile_pattern(p) for p in item["patterns"])
        rules.append(FurnitureRule(
            reason=item["reason"],
            patterns=patterns,
            prose_guard=bool(item.get("prose_guard", False)),
            examples=tuple(item.get("examples", ())),
            keep=tuple(item.get("keep", ())),
            requires=tuple(str(w).casefold() for w in item.get("requires", ())),
            joined=_join(patterns),
        ))
    save()  # the checked patterns, for the next process's start
    return tuple(rules)


_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")


def _join(patterns: tuple[LazyPattern, ...]) -> LazyPattern | None:
    """One pattern that fullmatches a line exactly when one of them does (fullmatch backtracks into
    every branch): one call per line instead of one per pattern. None when they cannot be joined."""
    if len(patterns) < 2 or len({p.flags for p in patterns}) != 1 or any(
            _BACKREFERENCE.search(p.pattern) for p in patterns):
        return None
    try:
        return lazy("|".join(f"(?:{p.pattern})" for p in patterns), patterns[0].flags, read_literals=False)
    except re.error:  # e.g. the same group name in two patterns
        return None


def _alternation(items: list[object]) -> str:
    """A word list as a regex alternation, longest first (so "januara" is tried before "januar")."""
    unique = sorted({str(w) for w in items}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s") for w in unique)


_LEADING_BULLET = re.compile(r"[•·\-–—*►▪■●→]\s+(?=\S)")


def furniture_reason(line: str) -> str | None:
    """Why a stripped line is page furniture, or None when it is article text.

    A site prints its byline block, share bar or menu as a list as often as not ("- Nov 13, 2025", "• Share"):
    a line that is furniture without its bullet is furniture with it (a lone "-" stays: a list's bullet)."""
    if not line or len(line) > MAX_FURNITURE_LINE:
        return None
    folded = line.casefold()
    found = next((r.reason for r in furniture_rules() if r.matches(line, folded)), None)
    bullet = _LEADING_BULLET.match(line)
    if found is None and bullet:
        return furniture_reason(line[bullet.end():])
    return found


COMMENTS_REASON = "comments section label"
_MACHINE_KEYWORDS = re.compile(r"these keywords were added by machine", re.IGNORECASE)
RELATED_REASON = "related-articles list"
RELATED_RUN = 8  # at most this many titles under a related-articles label
CAPTION_REASON = "image caption or credit"
# A bare date stamp glued to the start of a line ("date 2025-10-15 Anxiety is ...", "date 2023-10 »Približno ..."):
# the stamp goes. What follows it opens with a capital, a digit or a quotation mark.
_DATE_PREFIX = re.compile(r"^\s?date \d{4}(?:-\d{2}){0,2}(?: [a-z]{1,12}){0,3}?\s"
                          r"(?=[A-ZČĆŠŽĐ\u0400-\u042f\d\"“„»«‘(])")


@dataclass(frozen=True)
class Cleaned:
    """Cleaned text and the furniture taken out of it."""

    text: str
    removed: tuple[Removed, ...]
    headline: str | None = None  # the page's headline, when its opening lines show one


def normalise_whitespace(text: str) -> str:
    """Unify line endings, drop trailing spaces, collapse runs of blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def original_line_numbers(original: str, normalised: str) -> list[int]:
    """For each line of ``normalise_whitespace(original)``, its 1-based line number in the original
    (blank-line runs collapsed and the ends stripped there; a removed line must point at the line a
    reader sees in the file)."""
    lines = original.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[int] = []
    at = 0
    for line in normalised.split("\n"):
        want = line.strip()
        while at < len(lines) and _clean(lines[at]) != want:
            at += 1
        if at >= len(lines):  # cannot happen for a normalised copy; stay monotone regardless
            out.append(out[-1] if out else 1)
            continue
        out.append(at + 1)
        at += 1
    return out


def _clean(line: str) -> str:
    return line.replace("\ufeff", "").replace("\u00a0", " ").replace("\u200b", "").strip()


_BROKEN_LINE = re.compile(r"(?<=[a-z,])\n\n?(?=[a-z])")


def join_broken_lines(text: str) -> str:
    """Rejoin a sentence split across a page or column break ("Clients are" / "prodded to ...")."""
    return _BROKEN_LINE.sub(" ", text)


def remove_furniture(text: str, learned: bool = True) -> Cleaned:
    """Drop furniture lines and trailing comment threads; keep the article text.

    Line by line: the rules of furniture.yaml, a comment thread at the end, the titles listed under
    a related-articles label, a short line printed twice in the body (a caption). Then structure:
    a table of contents whose entries come back as headings, leaked image alt text, a menu printed
    one entry a line, and the page's opening (ingest/headline.py): the site name, menu items and
    section labels above the headline, a headline printed twice, a byline under it. The headline
    itself is returned for the title. Last, with ``learned``, the learned line model
    (furniture_model.py) may add short, non-sentence lines the rules left (when it is switched on).
    """
    ruled = rule_pass(text)
    removed, drop = list(ruled.removed), set(ruled.drop)
    if learned:
        from audits.ingest.furniture_model import learned_removals  # imports this module: loaded on first use

        extra = learned_removals(ruled)
        drop |= {i for i, _ in extra}
        removed.extend(Removed(ruled.keep[i].strip(), reason, ruled.numbers[i]) for i, reason in extra)
    keep = [ln for i, ln in enumerate(ruled.keep) if i not in drop]
    removed.sort(key=lambda r: r.line)
    return Cleaned(join_broken_lines(normalise_whitespace("\n".join(keep))), tuple(removed), ruled.title)


@dataclass(frozen=True)
class RulePass:
    """What the rules decided: the page's lines, the lines they kept (``keep`` with their line ``numbers``),
    the indexes of ``keep`` the opening and structure passes drop, the furniture removed, and the headline."""

    lines: tuple[str, ...]
    keep: tuple[str, ...]
    numbers: tuple[int, ...]
    drop: frozenset[int]
    removed: tuple[Removed, ...]
    title: str | None
    headline: int | None  # index into ``keep`` of the headline line


def rule_pass(text: str) -> RulePass:
    """The line rules and structure passes of remove_furniture, without the learned model."""
    lines = text.split("\n")
    keep: list[str] = []
    numbers: list[int] = []  # the line number of each kept line
    removed: list[Removed] = []
    previous = ""
    body = False  # a paragraph has been kept: the page's opening is over
    take_next = False  # a byline label ("Author:") takes the name on the line after it
    related_left = 0  # titles still to take under a related-articles label
    run_reason = RELATED_REASON  # the reason given to them: the label's
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if take_next and stripped:
            take_next = False
            if len(stripped.split()) <= 6 and not looks_like_prose(stripped):
                removed.append(Removed(stripped, "date or byline line", number))
                continue
        prefix = _DATE_PREFIX.match(line)
        if prefix:
            removed.append(Removed(prefix.group().strip(), "date or byline line", number))
            line = line[prefix.end():]
            stripped = line.strip()
        reason = furniture_reason(stripped) or shape_reason(stripped, body, first=not previous)
        if reason == FOOTER_REASON and _heads_text(lines, number):
            reason = None  # "Terms and Conditions" over the terms themselves is the page's heading, not a footer link
        if reason == COMMENTS_REASON and number > len(lines) * 0.5 and _thread_follows(lines, number):
            tail = "\n".join(lines[number - 1 :]).strip()
            removed.append(Removed(tail, "reader comments after the article", number))
            break
        # Below the opening (where find_opening handles a headline printed twice), a short line printed
        # twice in a row is an image caption: both copies go.
        if reason is None and stripped and body and stripped == previous and _is_caption(stripped):
            reason = "repeated image caption"
            last = max((k for k in range(len(keep)) if keep[k].strip()), default=None)
            if last is not None and keep[last].strip() == stripped:
                removed.append(Removed(stripped, reason, numbers[last]))
                del keep[last], numbers[last]
        elif reason is None and stripped and body and stripped == previous and is_heading(stripped):
            reason = "duplicated heading"  # a section heading printed twice in a row: the second copy goes
        if reason is None and related_left and run_reason == TOC_REASON and _opens_section(lines, number):
            related_left = 0  # the article's first section heading under the contents list (or a collapsed widget)
        if reason is None and related_left and (is_heading(stripped) or _linked_title(stripped, run_reason)):
            # The titles listed under a "Related articles" / "Pročitajte još" label (the tags under a bare
            # "Tags" / "Oznake" label), up to the next paragraph; the one title under "Next article".
            reason = run_reason
            related_left -= 1
        elif stripped:
            related_left = _list_run(reason, stripped)
            run_reason = reason or RELATED_REASON
        if reason is not None:
            removed.append(Removed(stripped, reason, number))
            take_next = reason == "byline label"
            if _MACHINE_KEYWORDS.match(stripped):
                # The publisher's note follows the keyword line it explains ("Depression Psychotherapy ...").
                last = max((k for k in range(len(keep)) if keep[k].strip()), default=None)
                if last is not None and is_heading(keep[last].strip()) and not is_paragraph(keep[last].strip()):
                    removed.append(Removed(keep[last].strip(), reason, numbers[last]))
                    del keep[last], numbers[last]
        else:
            keep.append(line)
            numbers.append(number)
            body = body or is_paragraph(stripped)
        if stripped:
            previous = stripped
    keep, numbers, entries = _contents_entries(keep, numbers)
    removed.extend(entries)
    keep, numbers, alt = _alt_text(keep, numbers)
    removed.extend(alt)
    keep, numbers, menu = _menu_runs(keep, numbers)
    removed.extend(menu)
    keep, numbers, counted = _counted_runs(keep, numbers)
    removed.extend(counted)
    keep, numbers, trail = _numbered_trail(keep, numbers)
    removed.extend(trail)
    keep, numbers, stamped = _stamped_copies(keep, numbers)
    removed.extend(stamped)
    # A caption standing above its photo credit ("Beograd, grafiti" / "Foto: ...") is never the headline.
    captions = _captions(lines, keep, numbers, removed)
    opening = find_opening([ln if i not in captions else "" for i, ln in enumerate(keep)], menu_item())
    drop = {i for i, _ in opening.above}
    removed.extend(Removed(keep[i].strip(), reason, numbers[i]) for i, reason in opening.above)
    title = headline_text(keep[opening.headline]) if opening.headline is not None else None
    drop |= _inside_furniture(lines, keep, numbers, removed, drop | {opening.headline})
    return RulePass(tuple(lines), tuple(keep), tuple(numbers), frozenset(drop), tuple(removed), title,
                    opening.headline)


LINK_BAR_ITEMS = 3  # entries in a row on one line, split by "|", "•" or "·", that make a bar of links
LINK_BAR_WORDS = 5  # words at most in one entry of a link bar
_BAR_SEPARATOR = re.compile(r"\s[|•·]\s")
# A duration alone on a line ("6 min", "• 11 min"): a reading time when it stands in the page's opening.
_DURATION = re.compile(r"[•·\-–]?\s?\d{1,3}\s?(?:min|mins|minutes?|minuta|minut|мин|минута)\.?", re.IGNORECASE)


def shape_reason(line: str, body: bool, first: bool = False) -> str | None:
    """Furniture told by its shape, in any language, where no word of furniture.yaml is on the line.

    - A bar of links: LINK_BAR_ITEMS or more short entries (at most LINK_BAR_WORDS words each, no digits) split by
      " | ", " • " or " · " ("Relax | Luxury Rehab | The Hills", a legend "On Target | Monitoring | Below Plan").
      Prose never strings three short phrases together with pipes or bullets; a table row opens with "|", and a
      price or timetable line carries digits: both stay. Never the page's first line (``first``): there it is a
      browser title ("Headline | Section | Site"), where the headline finder reads the title from.
    - A duration alone in the page's opening (before the first paragraph): the reading time printed by the byline
      ("6 min"). In the body a duration alone is a price list's or a timetable's entry and stays.
    """
    if not first and not line.startswith("|") and not any(ch.isdigit() for ch in line):
        entries = _BAR_SEPARATOR.split(line)
        if len(entries) >= LINK_BAR_ITEMS and all(1 <= len(e.split()) <= LINK_BAR_WORDS for e in entries):
            return "site navigation"
    if not body and _DURATION.fullmatch(line):
        return DATE_REASON
    return None


def headline_text(line: str) -> str:
    """The headline as a title: a browser-title line "Site name | Headline" gives its longest part, without
    the stray punctuation an extractor leaves at its ends (at most 160 characters)."""
    text = line.strip()
    if " | " in text:
        text = max(text.split(" | "), key=lambda part: len(part.split()))
    return text.strip(" .|·•-–—")[:160] or line.strip()[:160]


CAPTION_WORDS = 10  # a caption standing above its photo credit is at most this long
SANDWICH_WORDS = 6  # a line between two date or byline lines is metadata when at most this long
# A photo credit (a caption's text may stand above it), in the product's languages and the agencies' names.
_PHOTO_CREDIT = re.compile(r"[:,/|©].{0,80}(foto|photo|фото|slik|слик|image|bild|immagin|imagen|zdjęc|picture|getty|"
                           r"shutterstock|istock|unsplash|pexels|pixabay|pixsell|profimedia|depositphotos)|"
                           r"(foto|photo|фото|slik|слик|image|bild|immagin|imagen|zdjęc|picture).{0,40}[:,/|©]",
                           re.IGNORECASE)
DATE_REASON = "date or byline line"


def _inside_furniture(lines: list[str], kept: list[str], numbers: list[int], removed: list[Removed],
                      protected: set[int | None]) -> set[int]:
    """Lines that belong to the furniture around them (added to ``removed``; their indexes returned):
    a short caption standing just above its photo credit ("Beograd, grafiti" / "Foto: Vesna Lalić/Nova.rs"),
    and a short line between two date or byline lines ("• Autor, Ana" / "• Funkcija, novinarka" / "• 6 min").
    Never a sentence, a paragraph or the headline (``protected``)."""
    single = {r.line: r.reason for r in removed if "\n" not in r.text}
    captions = _captions(lines, kept, numbers, removed)
    out: set[int] = set()
    for i, line in enumerate(kept):
        text = line.strip()
        if i in protected or not _short_label(text):
            continue
        after, before = _neighbour(lines, numbers[i], 1), _neighbour(lines, numbers[i], -1)
        reason = None
        if i in captions:
            reason = CAPTION_REASON
        elif len(text.split()) <= SANDWICH_WORDS and single.get(before) == single.get(after) == DATE_REASON:
            # Only inside a date or byline block. Widened to any kind of furniture in session 7, it took a short
            # line standing between two menu lines (a button such as a call to action) out of the text, and a
            # test-split run lost a sales page's promotion with it: narrowed again (docs/evaluation.md).
            reason = DATE_REASON
        if reason:
            out.add(i)
            removed.append(Removed(text, reason, numbers[i]))
    return out


def _short_label(text: str) -> bool:
    return bool(text) and not is_paragraph(text) and not text.endswith((".", "!", "?", ":", ";"))


def _neighbour(lines: list[str], number: int, step: int) -> int | None:
    """The line number of the next non-blank line of the page after (step 1) or before (step -1) line ``number``."""
    at = number - 1 + step
    while 0 <= at < len(lines) and not lines[at].strip():
        at += step
    return at + 1 if 0 <= at < len(lines) else None


def _captions(lines: list[str], kept: list[str], numbers: list[int], removed: list[Removed]) -> set[int]:
    """Indexes into ``kept`` of short captions standing just above their photo credit, already removed
    ("Beograd, grafiti, grafit" / "Foto: Vesna Lalić/Nova.rs"): at most CAPTION_WORDS words, no digits."""
    credits = {r.line: r.text for r in removed if "\n" not in r.text and r.reason == CAPTION_REASON
               and _PHOTO_CREDIT.search(r.text)}
    return {i for i, line in enumerate(kept) if _short_label(line.strip())
            and len(line.split()) <= CAPTION_WORDS and not any(ch.isdigit() for ch in line)
            and _neighbour(lines, numbers[i], 1) in credits}


def _contents_entries(kept: list[str], numbers: list[int]) -> tuple[list[str], list[int], list[Removed]]:
    """A table of contents without its label: a run of two or more short lines near the top of the page
    that each come back later in the text as a heading of their own."""
    stripped = [ln.strip() for ln in kept]
    limit = max(10, len(stripped) // 3)  # a contents list stands in the first third of the page
    last = {line.casefold(): k for k, line in enumerate(stripped)}  # where each line last occurs
    drop: set[int] = set()
    i = 0
    while i < limit:
        run = []
        j = i
        while j < len(stripped) and (not stripped[j] or _is_heading(stripped[j])):
            if stripped[j]:
                if last.get(stripped[j].casefold(), -1) <= j:  # the entry never comes back as a heading
                    break
                run.append(j)
            j += 1
        if len(run) >= 2:
            drop.update(run)
            i = j
        else:
            i += 1
    return _drop_lines(kept, numbers, drop, "table of contents")


_O_BULLET = re.compile(r"o\s+[A-ZČĆŠŽĐ\u0400-\u042f]")  # "o   Consistency": the bullet of a pasted list


# A line that carries on the page's first line, its headline: it opens with a conjunction or a preposition (English,
# sr/hr/bs, sl). Further down, such a line under a heading is as often the second line of an image's caption.
_RUNS_ON = re.compile(r"(?:and|or|of|for|with|in|to|on|at|by|from|i|ili|te|za|u|s|sa|na|od|do|ali|z|v|pri)\s")


def _alt_text(kept: list[str], numbers: list[int]) -> tuple[list[str], list[int], list[Removed]]:
    """Image alt text that leaked into the text: a lone line starting with a small letter, without
    sentence punctuation, between two complete lines ("people attending support group"). A list item
    under a word processor's "o" bullet ("o   Consistency") starts with a small letter too: it stays."""
    content = [i for i, ln in enumerate(kept) if ln.strip()]
    drop = []
    for n, i in enumerate(content):
        line = kept[i].strip()
        words = len(line.split())
        if not line[0].islower() or not 1 <= words <= 25 or any(ch in line for ch in ".!?:") or _O_BULLET.match(line):
            continue
        if words == 1 and not line.isalpha():
            continue  # one word alone: only a word (alt text "stres"), never a number, code or fragment
        before = kept[content[n - 1]].strip() if n else ""
        after = kept[content[n + 1]].strip() if n + 1 < len(content) else ""
        complete = not before or before.endswith((".", "!", "?", '"', "”", "»", ")")) or is_heading(before)
        if n == 1 and is_heading(before) and not before.endswith((".", "!", "?")) and _RUNS_ON.match(line):
            continue  # the headline wrapped onto a second line ("Mental Health Emergency" / "and Crisis Services")
        in_list = before[:1].islower() or before.startswith(BULLETS)  # one item of an unbulleted list
        if complete and after[:1].isupper() and not in_list:
            drop.append(i)
    return _drop_lines(kept, numbers, drop, CAPTION_REASON)


def _drop_lines(kept: list[str], numbers: list[int], drop: Iterable[int], reason: str,
                ) -> tuple[list[str], list[int], list[Removed]]:
    """The lines (and their numbers) without those at the indexes in drop, and what was removed, in line order."""
    gone = sorted(set(drop))
    if not gone:
        return kept, numbers, []
    out = set(gone)
    return ([ln for i, ln in enumerate(kept) if i not in out], [x for i, x in enumerate(numbers) if i not in out],
            [Removed(kept[i].strip(), reason, numbers[i]) for i in gone])


def _runs(kept: list[str], member: Callable[[str], bool]) -> list[list[int]]:
    """Runs of consecutive non-blank lines (blank lines between them do not break a run) that are members."""
    runs: list[list[int]] = [[]]
    for i, line in enumerate(kept):
        if not line.strip():
            continue
        if member(line.strip()):
            runs[-1].append(i)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


MENU_RUN = 3  # menu entries in a row, one a line, that make a menu


def _menu_runs(kept: list[str], numbers: list[int]) -> tuple[list[str], list[int], list[Removed]]:
    """A site menu printed one entry a line ("Home", "About us", "Services", "Contact"): MENU_RUN or more
    lines in a row that are each nothing but a menu word. One such line alone may be a section heading."""
    item = menu_item()
    runs = _runs(kept, lambda line: bool(item.fullmatch(line)))
    return _drop_lines(kept, numbers, [i for run in runs if len(run) >= MENU_RUN for i in run], "site navigation")


# A category or archive entry with its count of posts ("Anksioznost (12)", "Oktober 2024 (3)"): not a year in
# parentheses, which is a reference's ("Smith J (2019)").
_COUNTED = re.compile(r"[^\d()\n]{2,60}\s?\((?!(?:19|20)\d\d\))\d{1,5}\)")
COUNTED_RUN = 2


def _counted_runs(kept: list[str], numbers: list[int]) -> tuple[list[str], list[int], list[Removed]]:
    """A blog's category, tag or archive list with post counts, one entry a line ("Anksioznost (12)" / "Stres (4)"):
    COUNTED_RUN or more such lines in a row, each at most six words. The shape is the same in every language; a list
    of content does not count its items."""
    runs = _runs(kept, lambda line: len(line.split()) <= 6 and bool(_COUNTED.fullmatch(line)))
    return _drop_lines(kept, numbers, [i for run in runs if len(run) >= COUNTED_RUN for i in run], RELATED_REASON)


_NUMBERED = re.compile(r"\d{1,2}[.)]\s?\S.{0,150}")
_NUMBERED_SEPARATOR = re.compile(r"\d{1,2}[.)]\s?[/>›»|→]")


def _numbered_trail(kept: list[str], numbers: list[int]) -> tuple[list[str], list[int], list[Removed]]:
    """A breadcrumb trail printed as a numbered list, its separators as entries of their own ("1. Home" / "2. /" /
    "3. Rehabilitation"): a run of three or more numbered lines, one of them nothing but a separator."""
    runs = _runs(kept, lambda line: bool(_NUMBERED.fullmatch(line)))
    drop = [i for run in runs
            if len(run) >= MENU_RUN and any(_NUMBERED_SEPARATOR.fullmatch(kept[k].strip()) for k in run) for i in run]
    return _drop_lines(kept, numbers, drop, "breadcrumb trail")


# A machine timestamp glued to a heading ("How many sessions can I have?2018-02-10T13:36:03+00:00").
_STAMPED = re.compile(r"(.{1,200}?)\s?\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?(?:[+-]\d\d:?\d\d|Z)?")


def _stamped_copies(kept: list[str], numbers: list[int]) -> tuple[list[str], list[int], list[Removed]]:
    """A heading printed again with a machine timestamp glued to it, the plain copy standing elsewhere on the
    page: the stamped copy goes ("duplicated heading")."""
    plain = {ln.strip() for ln in kept if ln.strip()}
    drop = []
    for i, line in enumerate(kept):
        found = _STAMPED.fullmatch(line.strip())
        if found and found.group(1).strip() in plain:
            drop.append(i)
    return _drop_lines(kept, numbers, drop, "duplicated heading")


FOOTER_REASON = "footer, tags or category line"
TOC_REASON = "table of contents"
# A bare tags label heads a list of tags; "Teme:" or "Kategorije" may head a list of a workshop's topics: content.
_TAGS_LABEL = re.compile(r"\W{0,2}(tags?|oznake|tagovi|ključne riječi|ključne reči|ključne besede|keywords|ознаке|"
                         r"тагови|кључне речи|schlagwörter)\s?:?", re.IGNORECASE)
_TOGGLE = re.compile(r"\W*(show|hide|prikaži|sakrij|skrij|pokaži|прикажи|сакриј|anzeigen|ausblenden|mostra|nascondi|"
                     r"afficher|masquer|mostrar|ocultar|pokaż|ukryj|arată|ascunde|toggle)\W*", re.IGNORECASE)


# "Next article" / "Previous post in Journal" / "Sljedeći članak": the navigation link's label, with the linked
# article's title on the line under it (one title, however long: journal titles run past a headline's length).
_ADJACENT_LABEL = re.compile(r"(previous|next|prev|older|newer|prethodn\w*|sljedeć\w*|sledeć\w*|naredn\w*|prejšnj\w*|"
                             r"naslednj\w*|претходн\w*|следећ\w*)\s", re.IGNORECASE)
NAVIGATION_REASON = "site navigation"


def _list_run(reason: str | None, line: str) -> int:
    """How many lines under a furniture line are its list: a related-articles, contents or tags label's titles
    (up to RELATED_RUN), the one linked title under a previous/next-article link, or none."""
    if _list_label(reason, line):
        return RELATED_RUN
    return 1 if reason == NAVIGATION_REASON and len(line.split()) <= 6 and _ADJACENT_LABEL.match(line) else 0


def _opens_section(lines: list[str], number: int) -> bool:
    """Line ``number`` (1-based) is a section heading, not a contents entry: set apart by a blank line above, neither
    numbered nor bulleted, with a paragraph under it. Contents entries stand one under another; the article's first
    heading after the list (or under a contents widget copied closed) heads its own text."""
    line = lines[number - 1].strip()
    if number < 2 or lines[number - 2].strip() or line.startswith(BULLETS) or _NUMBERED.match(line):
        return False
    after = next((ln.strip() for ln in lines[number:] if ln.strip()), "")
    return is_paragraph(after)


def _linked_title(line: str, reason: str) -> bool:
    """A title under a previous/next-article link: a line of at most LONG_HEADLINE_WORDS words that is not a
    sentence (the rule's other runs take heading-like lines only)."""
    return (reason == NAVIGATION_REASON and len(line.split()) <= LONG_HEADLINE_WORDS
            and not line.endswith((".", "!", "?", ":")))


def _list_label(reason: str | None, line: str) -> bool:
    """A label that heads a list of links: a related-articles or contents label of at most five words, or a bare
    tags label ("Tags", "Oznake:") with nothing after it on its line."""
    words = len(line.split())
    if reason == TOC_REASON:
        return words <= 5 and not _TOGGLE.fullmatch(line)
    if reason == RELATED_REASON:
        return words <= 5
    return reason == FOOTER_REASON and bool(_TAGS_LABEL.fullmatch(line))


def _heads_text(lines: list[str], number: int) -> bool:
    """A short heading (no bullet, no "Label:") in the first half of the page with a paragraph right under it:
    it heads text."""
    line = lines[number - 1].strip()
    if (number > len(lines) * 0.5 or not is_heading(line) or len(line.split()) > 6 or ":" in line
            or line.startswith(BULLETS)):
        return False
    after = next((ln.strip() for ln in lines[number:] if ln.strip()), "")
    return is_paragraph(after)


def _thread_follows(lines: list[str], number: int) -> bool:
    """A comments label opens a thread when text follows it (a label alone at the end is just a label)."""
    return any(line.strip() for line in lines[number:])


def _is_heading(line: str) -> bool:
    return 1 <= len(line.split()) <= 12 and not line.endswith((".", "!", ":", ";", ",", "…"))




def _is_caption(line: str) -> bool:
    return len(line.split()) <= 8 and not line.endswith((".", "!", "?", ":"))
