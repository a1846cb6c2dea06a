"""Findings highlighted in place in a source's text, as safe HTML.

Every piece of source text, message and rule id goes through html.escape before it is
placed in the markup, so a source containing <script> or onerror= shows as text.
Written by hand because no library renders overlapping annotated spans as inline HTML;
the segmentation is a plain sweep over the span boundaries.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from itertools import pairwise

from audits.charts import CATEGORY_COLOURS, SEVERITY_COLOURS
from audits.model import Finding

SEVERITY_BORDER = {"error": "3px solid", "warning": "2px solid", "info": "2px dotted"}
SEVERITY_ICON = {"error": "●", "warning": "▲", "info": "○"}

STYLE = """
<style>
.mh-text {white-space: pre-wrap; line-height: 1.75; font-size: 1rem; color: #1f2933;}
.mh-text mark {padding: 0 1px; border-radius: 2px; color: inherit;}
.mh-text mark.mh-target {outline: 2px solid #000000;}
.mh-text sup.mh-n {font-size: 0.7rem; font-weight: 600; color: #1f2933; margin-left: 1px;}
.mh-legend span {display: inline-block; margin-right: 14px; font-size: 0.85rem;}
.mh-legend i {display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 4px;
              vertical-align: middle;}
</style>
"""


def _tint(colour: str) -> str:
    """A light background version of a palette colour (hex with alpha)."""
    return f"{colour}33"


def highlight_html(
    text: str, findings: Sequence[Finding], numbers: Sequence[int] | None = None, target: tuple[int, int] | None = None
) -> str:
    """The text as escaped HTML with each finding's span marked and numbered (numbers[i] for findings[i])."""
    numbers = list(numbers) if numbers is not None else list(range(1, len(findings) + 1))
    n = len(text)
    spans = [
        (max(0, min(f.start, n)), max(0, min(f.end, n)), f, num)
        for f, num in zip(findings, numbers, strict=False)
        if f.end > f.start
    ]
    cuts = {0, n} | {s for s, _, _, _ in spans} | {e for _, e, _, _ in spans}
    if target:
        cuts |= {max(0, min(target[0], n)), max(0, min(target[1], n))}
    edges = sorted(cuts)
    ends_at: dict[int, list[int]] = {}
    for _, e, _, num in spans:
        ends_at.setdefault(e, []).append(num)
    out = [STYLE, '<div class="mh-text">']
    for a, b in pairwise(edges):
        piece = escape(text[a:b])
        active = [(f, num) for s, e, f, num in spans if s <= a and b <= e]
        in_target = bool(target and target[0] <= a and b <= target[1])
        if active:
            top = max(active, key=lambda fn: (fn[0].severity.rank, -fn[1]))[0]
            colour = CATEGORY_COLOURS.get(top.category, "#999999")
            tip = "\n".join(
                f"[{num}] {f.severity.value.upper()} · {f.category} · {f.rule}: {f.message}" for f, num in active
            )
            cls = ' class="mh-target"' if in_target else ""
            border = SEVERITY_BORDER.get(top.severity.value, "2px solid")
            out.append(
                f'<mark{cls} style="background:{_tint(colour)};border-bottom:{border} '
                f'{SEVERITY_COLOURS.get(top.severity.value, colour)}" title="{escape(tip)}">{piece}</mark>'
            )
        elif in_target:
            out.append(f'<mark class="mh-target" style="background:#F0E44255">{piece}</mark>')
        else:
            out.append(piece)
        for num in sorted(ends_at.get(b, ())):
            out.append(f'<sup class="mh-n">[{num}]</sup>')
    out.append("</div>")
    return "".join(out)


def legend_html(categories: Sequence[str]) -> str:
    """A colour key for the categories and severities shown in the highlighted text."""
    items = [
        f'<span><i style="background:{_tint(CATEGORY_COLOURS.get(c, "#999999"))};'
        f'border:1px solid {CATEGORY_COLOURS.get(c, "#999999")}"></i>{escape(c)}</span>'
        for c in categories
    ]
    items += [
        f'<span><i style="border-bottom:{SEVERITY_BORDER[s]} {SEVERITY_COLOURS[s]};border-radius:0"></i>'
        f"{SEVERITY_ICON[s]} {s}</span>"
        for s in ("error", "warning", "info")
    ]
    return STYLE + '<div class="mh-legend">' + "".join(items) + "</div>"
