"""Furniture told by its shape rather than by its words (ingest, third pass): a bar of links split by pipes or
bullets, a reading time alone by the byline, a site's slogan of capitalised fragments."""

from __future__ import annotations

import pytest

from audits.ingest.furniture import furniture_reason, remove_furniture

BODY_EN = ("Anxiety is a normal reaction to stress, but for some people it becomes strong enough to need "
           "treatment from a professional.\n")
BODY_BS = ("Anksioznost je normalna reakcija na stres, ali kod nekih ljudi postane toliko jaka da im je "
           "potrebna stručna pomoć.\n")


def test_a_bar_of_links_below_the_headline_goes_but_a_table_row_and_a_price_line_stay() -> None:
    page = ("Luxury Rehab or Traditional Rehab\n\n" + BODY_EN + "\nRelax | Luxury Rehab | The Hills\n\n"
            "| Period | Događaj | Značaj |\n\n50 min | 60 EUR | online\n\n" + BODY_EN)
    cleaned = remove_furniture(page)
    assert cleaned.headline == "Luxury Rehab or Traditional Rehab"
    assert [(r.text, r.reason) for r in cleaned.removed] == [("Relax | Luxury Rehab | The Hills", "site navigation")]
    assert "| Period | Događaj | Značaj |" in cleaned.text and "50 min | 60 EUR | online" in cleaned.text


def test_a_browser_title_bar_on_the_first_line_still_gives_the_title() -> None:
    cleaned = remove_furniture("Panic attacks | Conditions | Mind Clinic\n\n" + BODY_EN)
    assert cleaned.headline == "Panic attacks"
    assert cleaned.removed == ()


def test_a_reading_time_alone_by_the_byline_goes_but_a_duration_in_the_body_stays() -> None:
    page = "Kako prepoznati anksioznost\n\n6 min\n\n" + BODY_BS + "\nTrajanje seanse:\n\n50 min\n\n" + BODY_BS
    cleaned = remove_furniture(page)
    assert cleaned.headline == "Kako prepoznati anksioznost"
    assert [(r.text, r.reason) for r in cleaned.removed] == [("6 min", "date or byline line")]
    assert "50 min" in cleaned.text


def test_a_slogan_of_capitalised_fragments_is_the_sites_in_each_script_but_short_sentences_stay() -> None:
    for slogan in ("Helping Families. Supporting Communities. Empowering Individuals.", "Slušamo. Razumemo. Pomažemo.",
                   "Слушамо. Разумемо. Помажемо."):
        assert furniture_reason(slogan) == "site navigation"
    for sentence in ("Anxiety is common. Therapy is effective. Help is near.", "Stop. Breathe. Notice five things.",
                     "Dr. J. Smith."):
        assert furniture_reason(sentence) is None


def test_a_short_line_between_two_share_lines_stays_but_one_inside_a_byline_block_goes() -> None:
    # A button between two lines of a share bar or menu may be the page's call to action: it stays in the text
    # for the other analyzers (only a date or byline block takes the short line inside it along).
    page = "Anxiety at work\n\n" + BODY_EN + "\nShare this:\nBook a free consultation\nLike this:\n\n" + BODY_EN
    cleaned = remove_furniture(page)
    assert [r.text for r in cleaned.removed] == ["Share this:", "Like this:"]
    assert "Book a free consultation" in cleaned.text
    byline = remove_furniture("Anxiety at work\n\n• Published: 3 May 2024\n• Ana Kovač\n• Updated: 5 May 2024\n\n"
                              + BODY_EN)
    assert "Ana Kovač" not in byline.text


def test_a_numbered_list_ends_the_opening_and_is_never_the_headline() -> None:
    page = ("Pravo upisa imaju\n\n 1. Diplomirani/master psiholozi\n 2. Specijalisti psihijatrije\n\n" + BODY_BS)
    cleaned = remove_furniture(page)
    assert not (cleaned.headline or "").startswith("1.")
    assert "1. Diplomirani/master psiholozi" in cleaned.text and "Pravo upisa imaju" in cleaned.text
    ordinal = remove_furniture("5. kongres psihoterapeuta Srbije\n\n" + BODY_BS)
    assert ordinal.headline == "5. kongres psihoterapeuta Srbije"


@pytest.mark.parametrize(("crumbs", "title"), [
    ("1. Home\n  2.  » Self Help for Anxiety", "Self Help for Anxiety"),  # an ordered list of links (en-coach-x332)
    ("1. Početna\n2. Usluge\n3. Psihoterapija", "Psihoterapija za odrasle"),
    ("1. Domov\n2. › Storitve", "Psihoterapija za odrasle"),
])
def test_a_breadcrumb_printed_as_a_numbered_list_is_navigation_above_the_headline(crumbs: str, title: str) -> None:
    cleaned = remove_furniture(f"{crumbs}\n\n{title}\n\n{BODY_BS}")
    assert cleaned.headline == title
    assert crumbs.split("\n")[0] not in cleaned.text
    # a numbered list that does not start at the home page is the page's own (its body), not navigation
    listed = remove_furniture("1. Diplomirani psiholozi\n2. Specijalisti psihijatrije\n\n" + BODY_BS)
    assert "1. Diplomirani psiholozi" in listed.text and listed.headline is None


@pytest.mark.parametrize(("line", "reason"), [
    ("- Nov 13, 2025", "date or byline line"), ("• Share", "share, print or follow line"),
    ("2025/11/13", "date or byline line"), ("Podelite tekst", "share, print or follow line"),
    ("Delite članek", "share, print or follow line"),
    ("Поделите чланак", "share, print or follow line"), ("Пријавите се за билтен", "share, print or follow line"),
    ("Prijavite se za newsletter", "share, print or follow line"), ("Nalazite se ovdje: Naslovna", "breadcrumb trail"),
    ("Рубрика: Здравље", "footer, tags or category line"), ("Прегледа: 1234", "view and comment counter"),
    ("Naslednji prispevek", "site navigation"), ("Претходни чланак", "site navigation"),
    ("Sledeći tekst", "site navigation")])
def test_furniture_of_each_class_is_known_in_every_product_language_and_under_a_bullet(line: str, reason: str) -> None:
    assert furniture_reason(line) == reason


@pytest.mark.parametrize("sentence", [
    "- Share your worries with someone you trust, it often helps.",
    "• Posted to every member, the leaflet explains the plan.",
    "- Podelite tekst sa prijateljima koji se bore sa anksioznošću, možda im pomogne.", "-"])
def test_a_bulleted_sentence_is_content_whatever_word_opens_it(sentence: str) -> None:
    assert furniture_reason(sentence) is None


@pytest.mark.parametrize(("line", "reason"), [
    ("Komentariši", "comments section label"), ("Коментариши", "comments section label"),
    ("Nema komentara", "comments section label"), ("Ni komentarjev", "comments section label"),
    ("Нема коментара", "comments section label"), ("Bodite prvi, ki komentira", "comments section label"),
    ("Koristimo kolačiće", "cookie notice"), ("Uporabljamo piškotke", "cookie notice"),
    ("Користимо колачиће", "cookie notice"), ("Opširnije", "related-articles list"),
    ("Прочитај више", "related-articles list"), ("Naloži več", "page widget"), ("Погледај све", "page widget"),
    ("Isprintaj", "share, print or follow line"), ("Копирај линк", "share, print or follow line"),
    ("Pratite nas:", "share, print or follow line"), ("Пратите нас", "share, print or follow line"),
    ("Vrati se na vrh", "site navigation"), ("Повратак на врх", "site navigation")])
def test_the_same_classes_of_furniture_in_serbian_croatian_bosnian_and_slovenian(line: str, reason: str) -> None:
    assert furniture_reason(line) == reason


@pytest.mark.parametrize("sentence", [
    "Koristimo kolačiće od banane kao nagradu u radu s djecom, objašnjava terapeutkinja.",
    "Pratite nas na putu kroz pet koraka koji pomažu kod anksioznosti i nesanice.",
    "Nema komentara koji bi mogao umanjiti bol koju roditelji osećaju nakon gubitka deteta."])
def test_sentences_opening_with_those_words_stay(sentence: str) -> None:
    assert furniture_reason(sentence) is None


def test_a_reviewer_line_under_the_headline_is_never_the_title_and_the_headline_is_no_label() -> None:
    for reviewer in ("Medically reviewed by Dr. Jane Doe, PsyD", "Recenzirala: dr. Ana Anić"):
        cleaned = remove_furniture("Panic\n\n" + reviewer + "\n\n" + BODY_EN)
        assert cleaned.headline == "Panic"
        assert reviewer in cleaned.text  # the reviewer stays in the text: the metadata checks read it there
    titled = remove_furniture("Reviewed treatments for anxiety\n\n" + BODY_EN)
    assert titled.headline == "Reviewed treatments for anxiety"


@pytest.mark.parametrize("line", ["Unesite svoju e-mail adresu.", "Vnesite svoj e-naslov.", "Унесите вашу е-адресу.",
                                  "Ime i prezime*", "Ime in priimek *", "Име и презиме *", "Vam je bil članek v pomoč?",
                                  "Да ли вам је овај чланак био користан?"])
def test_a_forms_field_prompts_and_a_was_this_helpful_box_are_widgets_in_each_language(line: str) -> None:
    assert furniture_reason(line) == "page widget"


def test_an_invitation_to_fill_in_a_form_is_content() -> None:
    invitation = "Unesite svoje podatke u formular ispod i naš tim će vas kontaktirati u roku od jednog radnog dana."
    assert furniture_reason(invitation) is None


def test_a_category_list_with_post_counts_goes_but_references_with_years_stay() -> None:
    page = ("Anksioznost kod djece\n\n" + BODY_BS + "\nAnksioznost (12)\nStres (4)\nДепресија (7)\n\n"
            "Smith J (2019)\nJones K (2021)\n\n" + BODY_BS)
    cleaned = remove_furniture(page)
    assert [(r.text, r.reason) for r in cleaned.removed] == [
        ("Anksioznost (12)", "related-articles list"), ("Stres (4)", "related-articles list"),
        ("Депресија (7)", "related-articles list")]
    assert "Smith J (2019)\nJones K (2021)" in cleaned.text
