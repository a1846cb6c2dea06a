"""Ingest: every format, every encoding, page furniture, and bad input reported per source."""

from __future__ import annotations

import http.server
import io
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audits.config import AuditConfig
from audits.ingest import ingest_bytes, ingest_path, ingest_paths, ingest_text, ingest_url, slugify
from audits.ingest.furniture import normalise_whitespace, remove_furniture
from tests.conftest import BLOG, BOOK, SOURCES

CONFIG = AuditConfig()
SERBIAN_LATIN = "Terapeut pomaže klijentu da osvesti maladaptivne obrasce. Čovek želi sreću i đak uči."


def test_html_keeps_article_and_drops_scripts_styles_navigation(tmp_path: Path) -> None:
    page = """<html><head><title>Does therapy work?</title><style>p{color:red}</style>
    <script>var tracking = "secret-tracker";</script></head><body>
    <nav><a href="/">Home</a> <a href="/shop">Shop our courses</a></nav>
    <article><h1>Does therapy work?</h1>
    <p>Psychotherapy helps many people with depression and anxiety. Research over decades shows that the
    relationship between client and therapist matters more than the method used.</p>
    <p>Most clients notice changes within a few months of weekly sessions, although this varies a lot.</p>
    </article><footer>Copyright 2025 Clinic Ltd. Cookie settings</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    source = ingest_path(path, CONFIG)
    assert source.ok, source.error
    assert "relationship between client and therapist" in source.text
    assert "secret-tracker" not in source.text
    assert "color:red" not in source.text
    assert "Shop our courses" not in source.text
    assert "Copyright" not in source.text
    assert source.title == "Does therapy work?"
    assert source.kind == "html"


def test_pdf_text_layer_is_read(tmp_path: Path) -> None:
    from weasyprint import HTML

    pdf = HTML(string="<h1>Therapy notes</h1><p>Cognitive behavioural therapy changes unhelpful thoughts. "
               "Sessions usually last fifty minutes.</p>").write_pdf()
    source = ingest_bytes("notes.pdf", pdf, CONFIG)
    assert source.ok, source.error
    assert "Cognitive behavioural therapy changes unhelpful thoughts." in source.text
    assert source.kind == "pdf"


def test_unreadable_pdf_is_reported() -> None:
    source = ingest_bytes("broken.pdf", b"%PDF-1.4\n this is not really a pdf \x00\x01", CONFIG)
    assert not source.ok
    assert source.error_rule == "ingest.unreadable"
    assert "PDF" in source.error


def test_docx_paragraphs_and_author(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.author = "Ana Petrović"
    document.add_heading("Draft: what therapy can do", level=1)
    document.add_paragraph("Therapy gives people a safe place to talk about their worries.")
    document.add_paragraph("Book your free consultation today.")
    buffer = io.BytesIO()
    document.save(buffer)
    source = ingest_bytes("draft.docx", buffer.getvalue(), CONFIG)
    assert source.ok, source.error
    assert "safe place to talk" in source.text
    assert "Book your free consultation today." in source.text
    assert source.metadata.authors == ("Ana Petrović",)


def test_markdown_markup_is_dropped() -> None:
    md = b"# Talk therapy\n\nTherapy is **not** magic, but it [helps](http://example.org) many people.\n"
    source = ingest_bytes("post.md", md, CONFIG)
    assert source.ok
    assert "Therapy is not magic, but it helps many people." in source.text
    assert "**" not in source.text and "](" not in source.text
    assert source.title == "Talk therapy"


def test_cp1250_serbian_latin_is_detected_and_decoded() -> None:
    raw = (SERBIAN_LATIN + " ") * 5
    source = ingest_bytes("clanak.txt", raw.encode("cp1250"), CONFIG)
    assert source.ok
    assert "pomaže" in source.text and "Čovek" in source.text and "đak" in source.text
    assert source.encoding in ("cp1250", "windows-1250")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_bom_encodings(encoding: str) -> None:
    source = ingest_bytes("a.txt", SERBIAN_LATIN.encode(encoding), CONFIG)
    assert source.ok
    assert source.text == SERBIAN_LATIN
    assert source.encoding == encoding


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"   \n\n")
    source = ingest_path(tmp_path / "empty.txt", CONFIG)
    assert source.error_rule == "ingest.empty"
    assert "empty" in source.error


def test_binary_file() -> None:
    source = ingest_bytes("image.txt", bytes(range(256)) * 10, CONFIG)
    assert source.error_rule == "ingest.binary"


def test_file_over_size_limit_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * 3000)
    source = ingest_path(path, AuditConfig(max_file_bytes=10_000))
    assert source.error_rule == "ingest.too-large"
    assert "limit" in source.error


def test_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "slides.pptx"
    path.write_bytes(b"PK\x03\x04 not supported")
    source = ingest_path(path, CONFIG)
    assert source.error_rule == "ingest.unsupported-type"
    assert ".pptx" in source.error


def test_folder_with_bad_files_still_reads_the_good_ones(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Therapy helps. " * 20, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "good.md").write_text("# Also good\n\nMore text here.", encoding="utf-8")
    sources = ingest_paths([tmp_path], CONFIG)
    assert [s.id for s in sources] == ["empty", "good", "good-2"]
    assert [s.ok for s in sources] == [False, True, True]


def test_pasted_text_keeps_the_given_title() -> None:
    source = ingest_text("My draft", "Therapy can help with low mood.", CONFIG)
    assert source.ok and source.title == "My draft" and source.id == "my-draft" and source.kind == "text"
    assert ingest_text("Nothing", "  \n ", CONFIG).error_rule == "ingest.empty"


def test_therapist_page_furniture_is_removed_and_recorded(seed_sources) -> None:
    source = seed_sources[BOOK]
    reasons = {r.text: r.reason for r in source.removed}
    assert reasons["top of page"] == "site navigation"
    assert reasons["bottom of page"] == "site navigation"
    assert reasons["11 views0 comments"] == "view and comment counter"
    assert "top of page" not in source.text and "11 views" not in source.text
    assert "Psychotherapy chair" not in source.text
    assert source.text.startswith("What is Psychotherapy?")


def test_blog_comment_thread_is_removed(seed_sources) -> None:
    source = seed_sources[BLOG]
    assert "Kenneth Gibson" not in source.text
    assert "This article beautifully captures" not in source.text
    assert "rate this article" not in source.text
    comments = [r for r in source.removed if r.reason == "reader comments after the article"]
    assert len(comments) == 1 and "Kenneth Gibson" in comments[0].text
    assert source.text.endswith("all images in this post were generated using AI tools")


def test_furniture_rules_leave_article_sentences_alone() -> None:
    text = "Share your feelings with your therapist.\nViews on therapy differ.\nThe page is about top of page design."
    assert remove_furniture(text).text == text


@given(st.text(max_size=400))
@settings(max_examples=150, deadline=None)
def test_furniture_removal_never_raises_and_only_removes(text: str) -> None:
    normal = normalise_whitespace(text)
    cleaned = remove_furniture(normal)
    assert len(cleaned.text) <= len(normal)
    flat = " ".join(normal.split())
    for line in cleaned.text.split("\n"):
        # Lines may be rejoined across a page break, so compare with whitespace collapsed.
        assert " ".join(line.split()) in flat


@given(st.binary(max_size=600))
@settings(max_examples=150, deadline=None)
def test_any_bytes_become_a_source_or_a_clear_error(raw: bytes) -> None:
    source = ingest_bytes("x.txt", raw, CONFIG)
    assert source.ok or (source.error and source.error_rule and source.error_rule.startswith("ingest."))


def test_slugify() -> None:
    assert slugify("Članak o terapiji (v2)") == "clanak-o-terapiji-v2"
    assert slugify("???") == "source"


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        routes = {
            "/article": ("text/html; charset=utf-8",
                         b"<html><head><title>Served</title></head><body><article><p>Therapy is a conversation "
                         b"with a trained professional about what troubles you, held in confidence and over time."
                         b"</p></article></body></html>"),
            "/image": ("image/png", b"\x89PNG\r\n\x1a\n"),
            "/big": ("text/plain", b"x" * 50_000),
        }
        if self.path not in routes:
            self.send_error(404)
            return
        ctype, body = routes[self.path]
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def local_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_url_from_local_server(local_server: str) -> None:
    config = AuditConfig(allow_private_urls=True, url_timeout_s=5)
    source = ingest_url(f"{local_server}/article", config)
    assert source.ok, source.error
    assert "trained professional" in source.text
    assert source.kind == "url" and source.origin.endswith("/article")


def test_url_errors(local_server: str) -> None:
    allowed = AuditConfig(allow_private_urls=True, url_timeout_s=5, max_file_bytes=10_000)
    assert ingest_url(f"{local_server}/image", allowed).error_rule == "ingest.unsupported-type"
    assert ingest_url(f"{local_server}/big", allowed).error_rule == "ingest.too-large"
    assert ingest_url(f"{local_server}/missing", allowed).error_rule == "ingest.fetch-failed"
    # Loopback is refused unless the config allows it.
    assert ingest_url(f"{local_server}/article", CONFIG).error_rule == "ingest.private-address"
    assert ingest_url("file:///etc/passwd", CONFIG).error_rule == "ingest.bad-url"
    assert ingest_url("ftp://example.org/a.txt", CONFIG).error_rule == "ingest.bad-url"


def test_seed_files_are_all_read() -> None:
    sources = ingest_paths([SOURCES], CONFIG)
    assert len(sources) == 5 and all(s.ok for s in sources)
    assert all(s.encoding == "utf-8" for s in sources)


def test_sentence_broken_by_a_page_break_is_rejoined(seed_sources) -> None:
    text = seed_sources["journal-editorial-mechanisms-of-change"].text
    assert "control of emotions. Clients are prodded to consider" in text
    assert remove_furniture("A heading\n\nNext paragraph.").text == "A heading\n\nNext paragraph."


def test_every_furniture_rule_has_examples_that_it_removes_and_sentences_it_keeps() -> None:
    from audits.ingest.furniture import furniture_reason, furniture_rules

    for rule in furniture_rules():
        assert rule.examples and rule.keep, f"{rule.reason}: needs examples and keep sentences"
        for example in rule.examples:
            assert furniture_reason(example) is not None, (rule.reason, example)
        for sentence in rule.keep:
            assert furniture_reason(sentence) is None, (rule.reason, sentence)


def test_furniture_of_a_real_looking_page_in_several_languages() -> None:
    page = (
        "- Početna / - Zdravlje / - Anksioznost\n"
        "date 2025-10-15\n"
        "Anksioznost kod dece\n"
        "Anksioznost kod dece\n"
        "Foto: Jane Doe / Agency / Images\n"
        "Deca često osećaju strah pre polaska u školu, i to je normalno.\n"
        "Pročitajte još:\n"
        "Roditelji mogu da pomognu tako što razgovaraju sa detetom o njegovim osećanjima.\n"
        "Komentarji\n"
        "Ana: Hvala za članek!\n"
    )
    cleaned = remove_furniture(page)
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert reasons["- Početna / - Zdravlje / - Anksioznost"] in ("site navigation", "breadcrumb trail")
    assert reasons["date 2025-10-15"] == "date or byline line"
    assert reasons["Foto: Jane Doe / Agency / Images"] == "image caption or credit"
    assert "Pročitajte još:" in reasons
    assert cleaned.text.startswith("Anksioznost kod dece\nDeca")
    assert "Hvala za članek" not in cleaned.text and "Roditelji mogu" in cleaned.text


def test_section_labels_above_the_headline_are_furniture_and_never_the_title() -> None:
    page = ("Evidence & research\nTherapy for anxiety: what the research shows\n\n"
            "Cognitive behavioural therapy helps many people with anxiety, and it is the most studied therapy.\n")
    source = ingest_text("", page, CONFIG)
    assert source.title == "Therapy for anxiety: what the research shows"
    assert [(r.text, r.reason) for r in source.removed] == [("Evidence & research", "section label above the headline")]
    question = ("What is therapy?\nA short definition\n\n"
                "Therapy is talking with a trained person about what worries you.\n")
    assert ingest_text("", question, CONFIG).title == "What is therapy?"


def test_a_table_of_contents_is_furniture_with_or_without_its_label() -> None:
    body = ("\n\nAnxiety is common in children and it often passes with time.\nWhat is anxiety\n"
            "Anxiety is a feeling of worry.\nHow to help\nTalk with your child about feelings.\n")
    for label in ("Contents\n", "Sadržaj:\n", ""):
        cleaned = remove_furniture(f"Anxiety in children\n{label}What is anxiety\nHow to help" + body)
        assert {r.reason for r in cleaned.removed} == {"table of contents"}, label
        assert cleaned.text.startswith("Anxiety in children\n\nAnxiety is common")
        assert cleaned.text.count("What is anxiety") == 1  # the section heading itself stays
