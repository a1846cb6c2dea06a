"""The in-place highlighter: escapes everything, keeps the text intact, marks the right spans."""

from __future__ import annotations

import re
from html import unescape

from hypothesis import given, settings
from hypothesis import strategies as st

from audits.colours import HIGHLIGHT_FILLS
from audits.model import Finding, Severity
from dashboard.highlight import STYLE, TARGET_ID, findings_html, highlight_html

TAG = re.compile(r"<[^>]*>")
MARKER = re.compile(r'<span class="mh-n" title="finding \d+">\d+</span>')


def finding(text: str, start: int, end: int, category: str = "marketing", severity: str = "warning") -> Finding:
    """A finding over text[start:end]."""
    return Finding(rule=f"{category}.test", category=category, severity=Severity(severity),
                   message="A <b>message</b> & more", start=start, end=end, excerpt=text[start:end])


def visible_text(html: str) -> str:
    """What a reader sees: the markup without the style block, markers and tags, unescaped."""
    assert html.startswith(STYLE)
    body = html[len(STYLE):]
    return unescape(TAG.sub("", MARKER.sub("", body)))


@st.composite
def text_and_findings(draw):
    text = draw(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
    n = len(text)
    spans = draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, n)), max_size=8))
    cats = st.sampled_from(["readability", "marketing", "citations", "claims"])
    sevs = st.sampled_from(["info", "warning", "error"])
    found = [finding(text, min(a, b), max(a, b), draw(cats), draw(sevs)) for a, b in spans]
    return text, found


@settings(max_examples=150, deadline=None)
@given(text_and_findings())
def test_highlighting_never_changes_or_loses_text(case) -> None:
    text, found = case
    html = highlight_html(text, found)
    assert visible_text(html) == text


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=120))
def test_no_source_text_becomes_markup(text: str) -> None:
    hostile = f"{text}<script>alert(1)</script><img src=x onerror=alert(1)>"
    html = highlight_html(hostile, [finding(hostile, 0, len(hostile))])
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_marks_each_finding_with_its_number_and_category_colour() -> None:
    text = "Call us today. Studies show it works."
    found = [finding(text, 0, 13, "marketing", "warning"), finding(text, 15, 36, "citations", "error")]
    html = highlight_html(text, found, [3, 7])
    assert html.count("<mark") == 2
    assert '<span class="mh-n" title="finding 3">3</span>' in html and '>7</span>' in html
    assert "[3]" not in html  # finding numbers are badges, never bracketed like the article's citations
    assert HIGHLIGHT_FILLS["marketing"] in html  # marketing's light orange
    assert HIGHLIGHT_FILLS["citations"] in html  # citations' light green
    assert "3px solid #D55E00" in html  # an error is underlined thick in the error colour
    assert "A &lt;b&gt;message&lt;/b&gt; &amp; more" in html  # hover text escaped


def test_overlapping_findings_show_the_most_severe_and_list_both() -> None:
    text = "We guarantee results for everyone."
    found = [finding(text, 0, 34, "readability", "info"), finding(text, 3, 12, "marketing", "error")]
    html = highlight_html(text, found)
    inner = re.search(r'<mark[^>]*title="([^"]*)"[^>]*>guarantee</mark>', html)
    assert inner is not None
    assert "#1" in inner.group(1) and "#2" in inner.group(1)
    assert HIGHLIGHT_FILLS["marketing"] in inner.group(0)


def test_the_followed_sentence_is_outlined_and_anchored_once() -> None:
    text = "First sentence here. Second sentence is the one. Third."
    found = [finding(text, 21, 27, "readability", "info")]
    html = highlight_html(text, found, target=(21, 48))
    assert html.count(f'id="{TARGET_ID}"') == 1
    anchored = re.search(rf'<mark[^>]*id="{TARGET_ID}"[^>]*>([^<]*)</mark>', html)
    assert anchored is not None and anchored.group(1) == "Second"


def test_empty_spans_and_out_of_range_spans_do_not_break() -> None:
    text = "Short."
    beyond = Finding("ingest.x", "ingest", Severity.ERROR, "m", 2, 99, "ort.")
    html = highlight_html(text, [finding(text, 0, 0), beyond])
    assert visible_text(html) == text
    assert html.count("<mark") == 1


def test_target_span_is_outlined() -> None:
    text = "One claim here. Another claim there."
    html = highlight_html(text, [], target=(16, 36))
    assert 'class="mh-target"' in html
    assert re.search(r'class="mh-target"[^>]*>Another claim there\.</mark>', html)


def test_cards_escape_everything() -> None:
    text = "<script>x</script> is bad"
    card = findings_html([finding(text, 0, 18)], [1], {})
    assert "<script>" not in card
    assert "&lt;script&gt;x&lt;/script&gt;" in card
    assert "marketing.test" in card
