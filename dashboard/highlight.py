"""Findings highlighted in place in a source's text, as safe HTML.

Every piece of source text, message and rule id goes through html.escape before it is
placed in the markup, so a source containing <script> or onerror= shows as text.
Written by hand because no library renders overlapping annotated spans as inline HTML;
the segmentation is a plain sweep over the span boundaries.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from itertools import pairwise

from audits.colours import (
    SEVERITY_COLOURS,
    SEVERITY_SYMBOL,
    SEVERITY_UNDERLINE,
    category_colour,
    highlight_fill,
)
from audits.model import Finding
from audits.triage import TriageItem

SEVERITY_BORDER = SEVERITY_UNDERLINE
SEVERITY_ICON = SEVERITY_SYMBOL
TARGET_ID = "mh-target"
# Scrolls the outlined sentence into view once the text is drawn. Constant code: no source text in it.
# It runs in a zero-height component frame (same origin), so it looks the anchor up in the parent page.
SCROLL_SCRIPT = """<script>
(function(){var n=0;var doc=window.parent.document;function go(){var el=doc.getElementById('mh-target');
if(el){el.scrollIntoView({block:'center',behavior:'instant'});return;}if(n++<40){setTimeout(go,150);}}go();})();
</script>"""

STYLE = """
<style>
.mh-text {white-space: pre-wrap; line-height: 1.75; font-size: 1rem; color: #1f2933;}
.mh-text mark {padding: 0 1px; border-radius: 2px; color: inherit;}
.mh-text mark.mh-target {outline: 3px solid #000000; outline-offset: 1px;}
.mh-n {display: inline-block; font-size: 0.66rem; font-weight: 700; line-height: 1; color: #ffffff;
       background: #3e4c59; border-radius: 7px; padding: 2px 4px; margin: 0 1px 0 2px; vertical-align: super;
       font-family: 'DejaVu Sans', sans-serif; font-style: normal;}
.mh-card {border:1px solid #d9dee5; border-left-width:5px; border-radius:6px; padding:8px 10px; margin:0 0 8px 0;
           font-size:0.9rem; line-height:1.45; color:#1f2933; background:#ffffff;}
.mh-card .mh-head {font-size:0.78rem; color:#52606d; margin-bottom:3px;}
.mh-card .mh-sev {font-weight:700; text-transform:uppercase; letter-spacing:0.02em;}
.mh-card .mh-do {margin-top:4px;}
.mh-card .mh-quote {margin-top:4px; color:#52606d; font-style:italic;}
.mh-card code {font-size:0.75rem; background:#f3f5f8; padding:0 3px; border-radius:3px;}
.mh-fix details summary {cursor: pointer; font-size: 0.95rem;}
.mh-fix ol.mh-quote {margin: 4px 0 0 0; padding-left: 1.3rem;}
.mh-legend span {display: inline-block; margin-right: 14px; font-size: 0.85rem;}
.mh-legend i {display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 4px;
              vertical-align: middle;}
</style>
"""


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
    target_opened = False
    for a, b in pairwise(edges):
        piece = escape(text[a:b])
        active = [(f, num) for s, e, f, num in spans if s <= a and b <= e]
        in_target = bool(target and target[0] <= a and b <= target[1])
        if active:
            top = max(active, key=lambda fn: (fn[0].severity.rank, -fn[1]))[0]
            colour = category_colour(top.category)
            tip = "\n".join(
                f"#{num} {f.severity.value.upper()} · {f.category} · {f.rule}: {f.message}" for f, num in active
            )
            cls = ' class="mh-target"' if in_target else ""
            if in_target and not target_opened:
                cls += f' id="{TARGET_ID}"'
                target_opened = True
            border = SEVERITY_BORDER.get(top.severity.value, "2px solid")
            out.append(
                f'<mark{cls} style="background:{highlight_fill(top.category)};border-bottom:{border} '
                f'{SEVERITY_COLOURS.get(top.severity.value, colour)}" title="{escape(tip)}">{piece}</mark>'
            )
        elif in_target:
            anchor = "" if target_opened else f' id="{TARGET_ID}"'
            target_opened = True
            out.append(f'<mark class="mh-target"{anchor} style="background:#ffffff">{piece}</mark>')
        else:
            out.append(piece)
        for num in sorted(ends_at.get(b, ())):
            out.append(f'<span class="mh-n" title="finding {num}">{num}</span>')
    out.append("</div>")
    return "".join(out)


def legend_html(categories: Sequence[str]) -> str:
    """A colour key for the categories and severities shown in the highlighted text."""
    items = [
        f'<span><i style="background:{highlight_fill(c)};'
        f'border:1px solid {category_colour(c)}"></i>{escape(c)}</span>'
        for c in categories
    ]
    items += [
        f'<span><i style="border-bottom:{SEVERITY_BORDER[s]} {SEVERITY_COLOURS[s]};border-radius:0"></i>'
        f"{SEVERITY_ICON[s]} {s}</span>"
        for s in ("error", "warning", "info")
    ]
    items.append('<span><span class="mh-n">7</span> finding number (not a citation)</span>')
    return STYLE + '<div class="mh-legend">' + "".join(items) + "</div>"


def findings_html(findings: Sequence[Finding], numbers: Sequence[int], titles: Mapping[str, str]) -> str:
    """Side-panel cards: number, severity, category, message, what to do, rule and the text flagged (escaped)."""
    cards = [STYLE]
    for f, num in zip(findings, numbers, strict=False):
        colour = category_colour(f.category)
        sev = f.severity.value
        parts = [
            f'<div class="mh-card" style="border-left-color:{colour}">',
            f'<div class="mh-head"><span class="mh-n">{num}</span> '
            f'<span class="mh-sev" style="color:{SEVERITY_COLOURS.get(sev, colour)}">'
            f"{SEVERITY_ICON.get(sev, '')} {escape(sev)}</span> · {escape(f.category)} · <code>{escape(f.rule)}</code>"
            "</div>",
            f"<div>{escape(f.message)}</div>",
        ]
        if f.suggestion:
            parts.append(f'<div class="mh-do"><b>What to do:</b> {escape(f.suggestion)}</div>')
        excerpt = " ".join(f.excerpt.split())
        if excerpt:
            short = excerpt if len(excerpt) <= 160 else excerpt[:159] + "…"
            parts.append(f'<div class="mh-quote">“{escape(short)}”</div>')
        for r in f.related:
            other = " ".join(r.excerpt.split())[:160]
            where = escape(titles.get(r.source, r.source))
            parts.append(f'<div class="mh-quote">Compare {where}: “{escape(other)}”</div>')
        if f.link and f.link.startswith(("https://", "http://")):
            parts.append(f'<div class="mh-do"><a href="{escape(f.link)}" target="_blank" rel="noopener">'
                         "Guidance this rule rests on</a></div>")
        parts.append("</div>")
        cards.append("".join(parts))
    return "".join(cards)


def fix_first_html(items: Sequence[TriageItem], limit: int = 30, start: int = 1) -> str:
    """The fix-first list as expandable items (a group lists its sentences, hardest first), all text escaped."""
    parts = [STYLE, '<div class="mh-fix">']
    for rank, item in enumerate(items, start=start):
        sev = item.severity.value
        colour = SEVERITY_COLOURS.get(sev, "#44617B")
        lines = []
        for i, f in enumerate(item.findings[:limit]):
            grade = item.grades[i] if i < len(item.grades) else None
            lead = f"grade {grade:.0f}: " if grade is not None else ""
            text = " ".join(f.excerpt.split())
            text = text if len(text) <= 220 else text[:219] + "…"
            lines.append(f"<li>{escape(lead)}“{escape(text)}”</li>")
        if item.count > limit:
            lines.append(f"<li>… and {item.count - limit} more (all are highlighted in the text below)</li>")
        todo = f'<div class="mh-do"><b>What to do:</b> {escape(item.suggestion)}</div>' if item.suggestion else ""
        parts.append(
            f'<details class="mh-card" style="border-left-color:{colour}"{" open" if rank == 1 else ""}>'
            f'<summary><b>{rank}.</b> <span class="mh-sev" style="color:{colour}">'
            f"{SEVERITY_SYMBOL.get(sev, '')} {escape(sev)}</span> {escape(item.title)} "
            f'<span class="mh-head">· {escape(item.tier_name)}: {escape(item.why)}</span></summary>'
            f"{todo}<ol class=\"mh-quote\">{''.join(lines)}</ol></details>"
        )
    parts.append("</div>")
    return "".join(parts)
