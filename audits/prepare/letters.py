"""Capital letters of the scripts the product reads, as a regex character-class body, and surname particles.

Python's `re` has no `\\p{Lu}`, and hand-written classes such as ``A-ZÀ-ÖØ-Þ`` silently miss the capitals
of Latin Extended-A (Č, Ć, Š, Ž, Đ, Ł, Ő...), which open most Serbian, Croatian, Bosnian and Slovenian
surnames. The class is built from Unicode's own case data instead, once, at import.
"""

from __future__ import annotations

# Latin (Basic to Extended-B), Greek and Cyrillic (with its supplement).
_BLOCKS = ((0x41, 0x250), (0x370, 0x400), (0x400, 0x530))


def _class_body(chars: list[str]) -> str:
    """Consecutive code points folded into ranges ("A-Z"), for use inside [...]."""
    out: list[str] = []
    run: list[str] = []
    for ch in chars:
        if run and ord(ch) == ord(run[-1]) + 1:
            run.append(ch)
            continue
        if run:
            out.append(run[0] if len(run) == 1 else f"{run[0]}-{run[-1]}")
        run = [ch]
    if run:
        out.append(run[0] if len(run) == 1 else f"{run[0]}-{run[-1]}")
    return "".join(out)


_UPPER_CHARS: frozenset[str] = frozenset(
    chr(cp) for lo, hi in _BLOCKS for cp in range(lo, hi) if chr(cp).isupper() and chr(cp).isalpha()
)
# Inside a character class: f"[{UPPER}]". No character in it needs escaping (letters only).
UPPER = _class_body(sorted(_UPPER_CHARS))

# Particles that open a surname in lower case ("van der Berg", "de Souza"), at most two, each followed by a space.
SURNAME_PARTICLES = r"(?:(?:van|von|de|der|den|du|da|del|della|di|la|le|ten|ter|dos)\s+){0,2}"
