"""Text garbled by a wrong encoding before it reached us, repaired ("veÄ‡" for "već", "pomoæ" for "pomoć").

Decoding bytes is decode.py's job; this is for text that arrives already decoded the wrong way: a page served with a
wrong charset, text pasted from such a page, a file saved after an editor misread it. The letters a South Slavic
text needs (č ć đ š ž) are the ones that garble, so every word list, the language step and the syllable counts see
strings that match nothing.

Two kinds, two library calls:

- **UTF-8 read as a one-byte encoding** ("Ä‡", "Å¡", "Ã©"): ftfy (Apache-2.0), the field's library for it, line by
  line so that a correct line next to a garbled one is kept and no line break moves.
- **One one-byte encoding read as another** (Windows-1250 text read as Windows-1252: "pomoæ", "klaðenju",
  "struèna"; ISO-8859-2 read as Latin-1: "¹ta"). ftfy does not touch these (no UTF-8 is involved). The text is
  written back to the bytes it was misread from and charset-normalizer, the library decode.py already uses on
  files, judges those bytes; its reading is taken only when it is a Central European encoding and brings back
  the letters č, ć or đ. Letter for letter, so offsets and line numbers stay where they were.

The source carries an ``ingest.encoding-repaired`` warning saying what was repaired, so a user can check.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

REPAIRED_RULE = "ingest.encoding-repaired"
REPAIRED_SUGGESTION = ("Check a few accented letters against the original page; if the text is yours, save it as "
                       "UTF-8 so that it is read right everywhere.")

# Letters a one-byte misreading of Central European text leaves behind (Windows-1250 č ć đ read as Windows-1252 è
# æ ð; ISO-8859-2 š ž read as Latin-1 ¹ ¾). Correct text in French, Italian or Danish has è or æ, so these only
# start the check; the decision is charset-normalizer's.
_LEFT_BEHIND = re.compile("[æèðÆÈÐ¹¾]")
MIN_LEFT_BEHIND = 3
_CENTRAL_EUROPEAN = {"cp1250", "iso8859_2", "mac_latin2"}
# What shows that a text with those letters is not French or Danish: a letter of the same text that the misreading
# kept (š and ž have one byte in both Windows code pages) or turned into a sign inside a word (ISO-8859-2 š as ¹).
_SURVIVORS = {"cp1252": re.compile("[šžŠŽ]"), "latin-1": re.compile(r"[¹¾](?=[^\W\d_])")}
_RESTORED = re.compile("[čćđČĆĐ]")
# How the warning names the encodings: in words first, the code name for whoever needs it after.
_NAMES = {"cp1250": "Central European text (Windows-1250)", "iso8859_2": "Central European text (ISO-8859-2)",
          "mac_latin2": "Central European text (Mac)", "cp1252": "Western European (Windows-1252)",
          "latin-1": "Western European (Latin-1)"}
# Letters of the alphabets this tool audits beyond ASCII: Latin to Extended-A, the dž lj nj digraphs, Greek, Cyrillic.
_AUDITED_LETTER = re.compile("[\u00c0-\u017f\u01c4-\u01cc\u0370-\u052f]")
# A line ftfy is asked about: one with a character a UTF-8 misreading produces (Latin-1 / Windows-125x letters
# and signs in the range 0x80-0xFF, C1 controls); plain text lines are left alone without a call.
_MAYBE_UTF8_MISREAD = re.compile("[\u0080-\u00ff\u0100-\u017f\u02c6-\u02dd\u2013-\u203a\u20ac\u2122]")


def _plausible(fixed: str) -> bool:
    """Whether a repaired line reads as text in the alphabets this tool audits: no line break, no replacement or
    unassigned character, and every letter Latin (to Latin Extended-A, and the dž lj nj digraphs), Greek or
    Cyrillic. A nonsense run of letters can decode to something else ("ćŠŠ" read back as Windows-1250 bytes is
    UTF-8 for "把", "ĆšĆŠ" for "ƚƊ"); dashes, quotes and the euro sign are not letters and stay allowed."""
    if "\n" in fixed or "\ufffd" in fixed:
        return False
    for ch in fixed:
        if ch.isascii():
            continue
        if unicodedata.category(ch) in ("Cn", "Co", "Cs"):
            return False
        if ch.isalpha() and not _AUDITED_LETTER.match(ch):
            return False
    return True


def _fix_utf8_misread(text: str) -> tuple[str, int]:
    """The text with UTF-8 read as a one-byte encoding repaired line by line; the number of lines changed."""
    if text.isascii():
        return text, 0
    import ftfy  # loaded only for text that is not plain ASCII

    lines = text.split("\n")
    candidates = [i for i, line in enumerate(lines) if _MAYBE_UTF8_MISREAD.search(line)]
    changed: set[int] = set()
    plans: Counter[tuple[tuple[str, str], ...]] = Counter()  # how the garbled lines were repaired
    for i in candidates:
        line = lines[i]
        result = ftfy.fix_encoding_and_explain(line)
        # one misreading undone (encode, decode once), not a chain of them: on a short line ftfy can find a second
        # "repair" ("Ä‡Å\xa0Å\xa0" -> "把" instead of "ćŠŠ", or a further pass that reads "ĐšĐ" as Cyrillic)
        steps = [step for step, _ in result.explanation]
        one_misreading = steps.count("decode") == 1 and set(steps) <= {"encode", "decode", "transcode"}
        if result.text != line and one_misreading and _plausible(result.text):
            lines[i] = result.text
            changed.add(i)
            plans[tuple(result.explanation)] += 1
    # ftfy leaves a short or ambiguous line alone when it cannot be sure ("Ĺ\xa0ta je" for "Šta je"); on a text
    # already shown to be misread, the repairs found elsewhere (the most frequent first) are tried on it and kept
    # where one decodes cleanly.
    for i in candidates if plans else ():
        if i in changed:
            continue
        line = lines[i]
        for plan, _ in plans.most_common():
            try:
                fixed = ftfy.apply_plan(line, list(plan))
            except (UnicodeError, LookupError, ValueError):
                continue
            if fixed != line and _plausible(fixed):
                lines[i] = fixed
                changed.add(i)
                break
    return ("\n".join(lines), len(changed)) if changed else (text, 0)


def _fix_one_byte_misread(text: str) -> tuple[str, str | None]:
    """The text re-read when it is Central European text misread as Windows-1252 or Latin-1, and how it was read."""
    if len(_LEFT_BEHIND.findall(text)) < MIN_LEFT_BEHIND:
        return text, None
    from charset_normalizer import from_bytes

    for misread_as, survivor in _SURVIVORS.items():
        if not survivor.search(text):
            continue
        try:
            raw = text.encode(misread_as)
        except UnicodeEncodeError:
            continue
        best = from_bytes(raw).best()
        if best is None or best.encoding not in _CENTRAL_EUROPEAN:
            continue
        reread = str(best)
        if len(reread) == len(text) and len(_RESTORED.findall(reread)) >= MIN_LEFT_BEHIND:
            return reread, f"{_NAMES.get(best.encoding, best.encoding)} had been read as {_NAMES[misread_as]}"
    return text, None


def repair_encoding(text: str) -> tuple[str, str | None]:
    """The text with misread letters repaired, and a warning message saying what was done (None: nothing)."""
    fixed, lines = _fix_utf8_misread(text)
    fixed, misread = _fix_one_byte_misread(fixed)
    notes = []
    if lines:
        notes.append(f"{lines} line{'s' if lines != 1 else ''} held UTF-8 text misread as another encoding "
                     "(such as 'Ä‡' for 'ć')")
    if misread:
        notes.append(f"{misread}, such as 'æ' for 'ć'")
    if not notes:
        return text, None
    return fixed, ("Letters garbled by a wrong text encoding were repaired before the audit: " + "; ".join(notes)
                   + ".")
