"""Page furniture and the headline, on the shapes real pages have when saved as text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audits.config import AuditConfig
from audits.ingest import ingest_text
from audits.ingest.furniture import furniture_reason, normalise_whitespace, remove_furniture
from audits.ingest.headline import find_opening, headline

CONFIG = AuditConfig()
BODY = ("Anxiety is a normal reaction to stress, but for some people it becomes strong enough to need "
        "treatment from a professional.\n")


def _page(top: str, body: str = BODY) -> str:
    return top + "\n" + body


@pytest.mark.parametrize("line", [
    "15. decembra 2025.", "ponedjeljak, 15. prosinca 2025. u 10:15", "Objavljeno: 21. januarja, 2025",
    "Veröffentlicht am 3. März 2024", "Pubblicato il 12 maggio 2023", "Publié le 4 février 2022",
    "5 września 2023", "14 martie 2024", "12. 06. 2015", "Updated on Jan 18, 2024", "3 min read",
    "Vrijeme čitanja: 4 min", "prije 3 sata", "Piše: Jelena Jovanović", "Avtorica: Ana Novak",
    "Недељник 21.12.2018  |  Пише Ана Митић", "Published:February 15, 2022DOI:https://doi.org/10.1016/x",
])
def test_date_and_byline_lines_in_every_language_are_metadata_lines(line: str) -> None:
    assert furniture_reason(line) == "date or byline line"


@pytest.mark.parametrize("sentence", [
    "U decembru 2025. otvoren je novi centar za mentalno zdravlje u Nišu.",
    "Od 2015. godine broj pacijenata raste iz godine u godinu.",
    "In March 2020, many people lost the routines that kept them well.",
    "Dr. Ana Novak, a psychologist, says that therapy helps most people.",
    "Related problems such as insomnia often improve when anxiety is treated.",
    "Share your worries with someone you trust: it often helps.",
    "Accepting your feelings is the first step of this therapy.",
    "1 in 4 people will have a mental health problem this year.",
])
def test_sentences_that_look_like_furniture_are_kept(sentence: str) -> None:
    assert furniture_reason(sentence) is None
    assert remove_furniture(sentence).text == sentence


@pytest.mark.parametrize(("line", "reason"), [
    ("Ova stranica koristi kolačiće kako bi vam pružila bolje korisničko iskustvo.", "cookie notice"),
    ("Ta spletna stran uporablja piškotke.", "cookie notice"),
    ("Prihvati sve", "cookie notice"),
    ("Pratite nas na Facebooku", "share, print or follow line"),
    ("Prijavite se na newsletter", "share, print or follow line"),
    ("Najčitanije", "related-articles list"),
    ("Articoli correlati", "related-articles list"),
    ("Oznake: anksioznost, stres, terapija", "footer, tags or category line"),
    ("Privacy Policy | Terms of Use | Accessibility", "footer, tags or category line"),
    ("Nastavak teksta ispod oglasa", "advertisement"),
    ("Foto: Shutterstock", "image caption or credit"),
    ("Der Hamburger Hafen im Abendlicht. (Foto: dpa)", "image caption or credit"),
    ("Početna | O nama | Usluge | Kontakt", "site navigation"),
    ("Preskoči na sadržaj", "site navigation"),
    ("Je li vam ovo bilo korisno?", "page widget"),
])
def test_furniture_lines_in_several_languages(line: str, reason: str) -> None:
    assert furniture_reason(line) == reason


def test_the_title_is_the_headline_under_the_sites_menu_and_labels() -> None:
    page = _page("Preskoči na sadržaj\nNovosti\nZdravlje\nKako prepoznati anksioznost kod djece\n"
                 "15. prosinca 2025.\nFoto: Pixsell")
    source = ingest_text("", page, CONFIG)
    assert source.title == "Kako prepoznati anksioznost kod djece"
    assert source.text.startswith("Kako prepoznati anksioznost kod djece\n")
    reasons = {r.text: r.reason for r in source.removed}
    assert reasons["Novosti"] == reasons["Zdravlje"] == "section label above the headline"
    assert set(reasons) == {"Preskoči na sadržaj", "Novosti", "Zdravlje", "15. prosinca 2025.", "Foto: Pixsell"}


def test_a_short_headline_is_no_label_over_a_line_that_cannot_head_the_page() -> None:
    """A short line is a section label only over a real headline. A headline wrapped onto a second line ("Mental
    Health Emergency" / "and Crisis Services"), an open pull quote or a price below it leaves it the headline."""
    for below in ("and Crisis Services", "“I am terrified by this dark thing", "Standard 50 minute session: $200"):
        cleaned = remove_furniture(_page(f"Mental Health Emergency\n{below}"))
        assert cleaned.headline == "Mental Health Emergency", below
        assert below in cleaned.text
    # Over a real headline the short line is still a section label.
    cleaned = remove_furniture(_page("Depression\nWhat to expect in your first therapy session"))
    assert cleaned.headline == "What to expect in your first therapy session"


def test_a_menu_printed_one_entry_a_line_is_navigation_and_never_the_title() -> None:
    page = _page("Home\nAbout us\nServices\nBlog\nContact\nAnxiety")
    source = ingest_text("", page, CONFIG)
    assert source.title == "Anxiety"
    assert [r.text for r in source.removed] == ["Home", "About us", "Services", "Blog", "Contact"]
    # One menu word alone is a section heading, and stays.
    inside = "Anxiety\n" + BODY + "Services\n" + BODY
    assert "Services" in remove_furniture(inside).text


def test_a_bulleted_site_menu_above_the_headline_goes_but_a_list_under_it_stays() -> None:
    menu = "Salud Científica logo\nMenu\n• Inicio\n• Dietas\n  • Dieta FMD\n• Estrés\n• Sueño\n• Luz solar\nDonar\n"
    cleaned = remove_furniture(_page(menu + "Alimentación saludable contra el envejecimiento"))
    assert cleaned.headline == "Alimentación saludable contra el envejecimiento"
    assert cleaned.text.startswith("Alimentación saludable")
    assert "• Dietas" in {r.text for r in cleaned.removed}
    listed = _page("Anksioznost kod djece i kako joj pomoći\n• Nemir\n• Umor\n• Strah\n• Nesanica\n• Glavobolja\n"
                   "Kako se liječi anksioznost kod djece?")
    cleaned = remove_furniture(listed)
    assert cleaned.removed == () and cleaned.headline == "Anksioznost kod djece i kako joj pomoći"
    services = "Our Services\nIndividual Therapy\nCouples Therapy\nFamily Therapy\n" + BODY
    assert remove_furniture(services).removed == ()


def test_a_headline_printed_twice_and_a_site_name_split_over_two_lines() -> None:
    twice = _page("Докле ћемо самоубиства да спречавамо?\nНедељник 21.12.2018  |  Пише Ана Митић\n"
                  "Докле ћемо самоубиства да спречавамо?")
    cleaned = remove_furniture(twice)
    assert cleaned.headline == "Докле ћемо самоубиства да спречавамо?"
    assert cleaned.text.count("Докле ћемо") == 1
    logo = _page("Dom Zdravlja Kantona Sarajevo\nDom Zdravlja\nKantona Sarajevo\nObilježavanje Svjetskog dana "
                 "mentalnog zdravlja")
    cleaned = remove_furniture(logo)
    assert cleaned.headline == "Obilježavanje Svjetskog dana mentalnog zdravlja"
    assert {r.reason for r in cleaned.removed} == {"site name above the headline"}


def test_bylines_under_the_headline_and_an_author_name_alone() -> None:
    book = _page("Anxiety Disorders\n• T. Mark Harwood\n• Luciano L’Abate")
    cleaned = remove_furniture(book)
    assert cleaned.headline == "Anxiety Disorders"
    assert [r.reason for r in cleaned.removed] == ["date or byline line"] * 2
    news = _page("Do counselling services at university need an overhaul?\nAna Mitić")
    assert [r.text for r in remove_furniture(news).removed] == ["Ana Mitić"]


def test_titles_listed_under_a_related_articles_label_go_until_the_next_paragraph() -> None:
    page = ("Anksioznost kod dece\n" + BODY + "Pročitajte još:\nKako pomoći detetu da zaspi\n"
            "Zašto deca imaju noćne more\n" + BODY)
    cleaned = remove_furniture(page)
    assert [r.reason for r in cleaned.removed] == ["related-articles list"] * 3
    assert cleaned.text.count(BODY.strip()) == 2


def test_leaked_alt_text_goes_but_a_sentence_broken_over_lines_stays() -> None:
    page = "March 09, 2022\nBy Daniel H. Gillison\npeople attending support group\n" + BODY
    assert "people attending" not in remove_furniture(page).text
    broken = ("O cijeni psihoterapije više sam puta\nrazmišljala i razgovarala s kolegama iz struke. Najradije bih\n"
              "da svi mogu na psihoterapiju.\n")
    assert remove_furniture(broken).removed == ()


def test_a_page_that_opens_with_its_body_has_no_headline() -> None:
    assert headline(BODY + "What is anxiety?\n" + BODY) is None
    assert ingest_text("", BODY, CONFIG).title == "Untitled source"


def test_text_hard_wrapped_at_a_fixed_width_has_no_headline_and_loses_no_line() -> None:
    wrapped = ("I would\nlike to plug my two cents about the benefits of a class by\n"
               "the name of \"Taking Charge.\"\nThrough\nboth the main text and the class format, people of nearly\n"
               "any generation learn they are not alone.\n")
    cleaned = remove_furniture(wrapped)
    assert cleaned.headline is None
    assert cleaned.removed == ()


def test_a_browser_title_line_gives_the_headline_without_the_site_name() -> None:
    page = ". PSHEeducation | Vital Parents' Mental Health Helpline Seeks Crowdfunding\n\n" + BODY
    assert remove_furniture(page).headline == "Vital Parents' Mental Health Helpline Seeks Crowdfunding"
    assert remove_furniture("Anxiety in teenagers\n\n" + BODY).headline == "Anxiety in teenagers"


def test_a_section_heading_printed_twice_in_a_row_loses_one_copy() -> None:
    heading = "What Exactly Is Anxiety Therapy?\n\n"
    page = "Anxiety therapy guide\n\n" + BODY + "\n" + heading + heading + BODY
    cleaned = remove_furniture(page)
    assert cleaned.text.count("What Exactly Is Anxiety Therapy?") == 1
    assert [r.reason for r in cleaned.removed] == ["duplicated heading"]


def test_image_file_names_sizes_and_one_word_alt_text_go_but_list_words_stay() -> None:
    for leaked in ("brain-1294854_640", "1060x700", "nlp-mozak-kreacija", "stres"):
        page = "Stres pri študentih\n\n" + BODY + leaked + "\n\nKaj je stres?\n\n" + BODY
        cleaned = remove_furniture(page)
        assert [r.text for r in cleaned.removed] == [leaked], leaked
        assert cleaned.text.count(BODY.strip()) == 2
    listed = "Common worries:\n\nself-esteem\nsleep\nwork\n\n" + BODY
    assert remove_furniture(listed).removed == ()


@pytest.mark.parametrize(("line", "reason"), [
    ("Tekst se nastavlja nakon oglasa", "advertisement"),
    ("Please note that website is still under construction.", "page widget"),
    ("You are on page 1of 16", "page widget"),
    ("• Аутор, Дејана Вукадиновић", "date or byline line"),
    ("• Време читања: 6 мин", "date or byline line"),
])
def test_notes_counters_and_bylines_found_on_real_pages(line: str, reason: str) -> None:
    assert furniture_reason(line) == reason


_LINES = st.lists(st.one_of(
    st.sampled_from(["Home", "About us", "Novosti", "15. decembra 2025.", "• T. Mark Harwood", "", "Anksioznost",
                     "Foto: Pixsell", BODY.strip(), "Kako pomoći detetu?", "(212) 286-8801",
                     "Psihoterapija je proces osebne rasti, za vsakogar drugačen.", "Blog",
                     "Accepting New Clients (updated May 26)", "“Know thyself.” — Socrates"]),
    st.text(max_size=60)), max_size=20)


@given(_LINES)
@settings(max_examples=200, deadline=None)
def test_the_opening_is_always_lines_of_the_page(lines: list[str]) -> None:
    from audits.ingest.furniture import menu_item

    opening = find_opening(lines, menu_item())
    if opening.headline is None:
        assert opening.above == ()
        return
    assert lines[opening.headline].strip()
    assert opening.headline not in {i for i, _ in opening.above}
    text = normalise_whitespace("\n".join(lines))
    cleaned = remove_furniture(text)
    if cleaned.headline is not None:
        assert cleaned.headline in text and cleaned.headline in cleaned.text


def test_removed_lines_point_at_the_line_in_the_file() -> None:
    """Blank-line runs are collapsed before furniture is found; the line reported is still the
    file's own (what a reader finds when they open the file)."""
    from audits.config import AuditConfig
    from audits.ingest import ingest_bytes

    text = ("\n\n\nHome / Conditions / Anxiety\n\n\n\n\nAnxiety and how therapy helps\n\n\n\n"
            "Therapy helps many people with anxiety. It takes a few weeks to feel the change.\n\n\n\n"
            "Share on Facebook\n")
    source = ingest_bytes("page.txt", text.encode(), AuditConfig())
    lines = text.split("\n")
    assert source.removed, "the breadcrumb and the share line are furniture"
    for r in source.removed:
        assert lines[r.line - 1].strip() == r.text.strip(), (r, lines[r.line - 1])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["", " ", "Home", "Text here.", "\u00a0x", "a\r", "\ufeffb"]), max_size=30))
def test_original_line_numbers_map_every_line_to_its_source(parts: list[str]) -> None:
    from audits.ingest.furniture import normalise_whitespace, original_line_numbers

    original = "\n".join(parts)
    normalised = normalise_whitespace(original)
    numbers = original_line_numbers(original, normalised)
    source_lines = original.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    assert len(numbers) == len(normalised.split("\n"))
    assert numbers == sorted(numbers)
    for line, n in zip(normalised.split("\n"), numbers, strict=True):
        assert source_lines[n - 1].replace("\ufeff", "").replace("\u00a0", " ").strip() == line.strip()


def test_a_short_headline_over_its_lead_sentence_is_the_headline() -> None:
    """A lead sentence standing alone under a two-word headline is text: the section heading under it is no real
    headline that would make the line above a label."""
    page = ("sl\n\nPartnerska psihoterapija\n\nPartnerska psihoterapija predstavlja psihoterapevtski proces, ki se "
            "odvija med psihoterapevtom in parom.\n\nOpis partnerske psihoterapije\n\n" + BODY)
    assert headline(page) == "Partnerska psihoterapija"


def test_a_notice_with_an_update_stamp_is_not_the_headline() -> None:
    page = "Accepting New Clients (updated May 26)\n\nWhat can you expect when you engage in EMDR therapy?\n\n" + BODY
    assert headline(page) == "What can you expect when you engage in EMDR therapy?"
    assert headline("Updated marketing guidance for you\n\n" + BODY) == "Updated marketing guidance for you"


def test_a_question_right_above_its_answer_heads_a_section_under_the_headline() -> None:
    page = "HIPNOZA/HIPNOTERAPIJA\n\nŠta jeste, a šta nije hipnoterapija?\n\n" + BODY
    assert headline(page) == "HIPNOZA/HIPNOTERAPIJA"
    # A question with more headings under it is still the headline under the site's name.
    page = ("Psihoterapija Beograd Centar\n\nNapad panike – Šta da radim kada se desi?\n\nnapad panike\n\nPodelite\n\n"
            "Uvod\n\n" + BODY)
    assert remove_furniture(page).headline == "Napad panike – Šta da radim kada se desi?"
    # A lead sentence over the question: the question still opens the first section, and nothing breaks.
    page = "Psihoterapija je proces osebne rasti, za vsakogar drugačen.\n\nKaj je psihoterapija?\n\n" + BODY
    assert headline(page) == "Psihoterapija je proces osebne rasti, za vsakogar drugačen."


def test_two_short_lowercase_lines_are_headings_not_hard_wrapped_text() -> None:
    page = "fees and rebates\n\nsession fees\nThe standard 50 minute consultation costs $200 for a single client.\n"
    assert headline(page) is not None


def test_a_photo_caption_above_its_credit_is_not_the_headline() -> None:
    page = ("Beograd, grafiti, grafit\nFoto: Vesna Lalić/Nova.rs\nPsihoterapija više nije tabu u Srbiji, međutim, oni "
            "koji žele tu vrstu pomoći neretko se suočavaju s pitanjem kome da se obrate i kako da izaberu.\n")
    cleaned = remove_furniture(page)
    assert cleaned.headline is None
    assert {r.text for r in cleaned.removed} == {"Beograd, grafiti, grafit", "Foto: Vesna Lalić/Nova.rs"}


def test_a_signed_quotation_over_the_text_is_an_epigraph_not_the_headline() -> None:
    page = "“Most people live in a restricted circle of potential”. (William James)\n\n" + BODY
    assert headline(page) is None
    assert headline("“I felt invisible”: young people on waiting for therapy\n\n" + BODY) is not None
    assert headline("“Therapy saved my life” – one woman’s story\n\n" + BODY) is not None


def test_a_list_item_under_an_o_bullet_is_not_alt_text() -> None:
    page = ("Why does hypnotherapy help some people more than others?\n\n" + BODY + "\no   Consistency\n\n"
            "Hypnosis is definitely not a one-and-done game, and it takes several sessions to work.\n")
    assert "o   Consistency" in remove_furniture(page).text
    page = BODY + "\npeople attending support group\n\nSupport groups meet every week in the library.\n"
    assert "people attending support group" not in remove_furniture(page).text


def test_a_menu_word_over_a_question_headline_is_navigation() -> None:
    cleaned = remove_furniture("Blog\n\nWhat is anxiety, and when does it need treatment?\n\n" + BODY)
    assert cleaned.headline == "What is anxiety, and when does it need treatment?"
    assert [r.text for r in cleaned.removed] == ["Blog"]


@pytest.mark.parametrize("after", ["»Mladi vse pogosteje iščejo pomoč«", "5 načina da smanjite stres",
                                   "Mentalno zdravlje mladih"])
def test_a_storage_date_stamp_glued_to_the_first_line_goes_and_the_headline_stays(after: str) -> None:
    cleaned = remove_furniture(f" date 2024-01 {after}\n\n" + BODY)
    assert [(r.text, r.reason) for r in cleaned.removed] == [("date 2024-01", "date or byline line")]
    assert cleaned.headline == after
