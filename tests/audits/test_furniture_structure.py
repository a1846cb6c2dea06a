"""Furniture found by where a line stands (next to a photo credit, inside a byline block, a browser-title
line above the headline), on short real-looking pages in the product's languages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audits.ingest.furniture import furniture_reason, normalise_whitespace, remove_furniture

BODY_SR = ("Помало нервозно, спремајући се као да иде на интервју за посао, млада жена први пут улази "
           "у ординацију психотерапеута.\n")
BODY_HR = ("Možda će se nekome učiniti pretjeranim postavljanje riječi psihoterapija i tabu u istu rečenicu, "
           "ali o tome se u nas još uvijek šuti.\n")
BODY_EN = ("Anxiety is a normal reaction to stress, but for some people it becomes strong enough to need "
           "treatment from a professional.\n")


def test_a_caption_above_its_photo_credit_goes_with_the_credit() -> None:
    page = ("Србија и ментално здравље: Одабир психотерапеута\n\nПсихотерапеут\n\n"
            "Аутор фотографије, PA Media\n\n" + BODY_SR)
    cleaned = remove_furniture(page)
    assert cleaned.headline == "Србија и ментално здравље: Одабир психотерапеута"
    gone = {r.text: r.reason for r in cleaned.removed}
    assert gone == {"Психотерапеут": "image caption or credit",
                    "Аутор фотографије, PA Media": "image caption or credit"}
    assert BODY_SR.strip() in cleaned.text


def test_a_heading_above_a_paragraph_or_a_phone_number_above_a_photo_is_kept() -> None:
    heading = "Simptomi anksioznosti\n\n" + BODY_HR + "\nFoto: Shutterstock\n\n" + BODY_HR
    assert [r.text for r in remove_furniture("Anksioznost\n\n" + BODY_HR + "\n" + heading).removed] == [
        "Foto: Shutterstock"]
    phone = "Anxiety therapy in Crownsville\n\n" + BODY_EN + "(410) 705-2643\nPhoto of Susan Goldberg, LMSW\n" + BODY_EN
    cleaned = remove_furniture(phone)
    assert "(410) 705-2643" in cleaned.text
    assert [r.text for r in cleaned.removed] == ["Photo of Susan Goldberg, LMSW"]


def test_a_short_line_inside_a_byline_block_is_metadata_too() -> None:
    page = ("Kako izabrati psihoterapeuta\n\n• Autor, Dejana Vukadinović\n• Funkcija, BBC novinarka\n"
            "• Vreme čitanja: 6 min\n\n" + BODY_HR)
    cleaned = remove_furniture(page)
    assert cleaned.headline == "Kako izabrati psihoterapeuta"
    assert [r.text for r in cleaned.removed] == ["• Autor, Dejana Vukadinović", "• Funkcija, BBC novinarka",
                                                 "• Vreme čitanja: 6 min"]
    assert {r.reason for r in cleaned.removed} == {"date or byline line"}


def test_the_headline_between_a_date_and_a_byline_is_kept_as_the_title() -> None:
    page = "AUG 25, 2020 11:29 AM PDT\nStudy Shows Exercise Relieves Depression\nWRITTEN BY: Annie Lennon\n" + BODY_EN
    cleaned = remove_furniture(page)
    assert cleaned.headline == "Study Shows Exercise Relieves Depression"
    assert cleaned.text.startswith("Study Shows Exercise Relieves Depression\n")


def test_a_browser_title_line_above_the_headline_printed_alone_is_the_sites() -> None:
    page = ("Psihoterapija (ni)je tabu - Savez psihoterapijskih udruga\n\nHrvatske - brošura\n"
            "Psihoterapija (ni)je tabu!\n" + BODY_HR)
    cleaned = remove_furniture(page)
    assert cleaned.headline == "Psihoterapija (ni)je tabu!"
    assert [r.text for r in cleaned.removed] == ["Psihoterapija (ni)je tabu - Savez psihoterapijskih udruga",
                                                 "Hrvatske - brošura"]
    assert cleaned.text.startswith("Psihoterapija (ni)je tabu!\n")


def test_a_headline_with_a_dash_is_not_a_browser_title() -> None:
    page = "Psihoterapija za stres – Put ka boljem zdravlju\n\n" + BODY_HR
    cleaned = remove_furniture(page)
    assert cleaned.headline == "Psihoterapija za stres – Put ka boljem zdravlju"
    assert cleaned.removed == ()


def test_photographers_credits_in_several_languages_are_captions_not_bylines() -> None:
    for line in ("Аутор фотографије, PA Media", "Autor fotografije: Marko Marković", "Avtor fotografije: Ana Novak",
                 "Photographer: Jane Doe"):
        assert furniture_reason(line) == "image caption or credit", line
    assert furniture_reason("Autor: Marko Marković") == "date or byline line"


_LINE = st.one_of(
    st.sampled_from(["", "Foto: Pixsell", "Аутор фотографије, PA Media", "• Autor, Ana Novak", "Beograd, grafiti",
                     "• Funkcija, novinarka", "15. decembra 2025.", "Anksioznost - Portal Zdravlje", "Anksioznost",
                     BODY_HR.strip(), BODY_SR.strip(), "Kako pomoći detetu?", "(212) 286-8801"]),
    st.text(max_size=40))


@given(st.lists(_LINE, max_size=16))
@settings(max_examples=200, deadline=None)
def test_what_goes_is_whole_lines_of_the_page_and_never_a_paragraph(lines: list[str]) -> None:
    text = normalise_whitespace("\n".join(lines))
    cleaned = remove_furniture(text)
    page_lines = [line.strip() for line in text.split("\n")]
    for r in cleaned.removed:
        if "\n" not in r.text:
            assert r.text.strip() in page_lines
            assert page_lines[r.line - 1] == r.text.strip() or r.text.startswith("date ")
        assert r.text.strip() not in (BODY_HR.strip(), BODY_SR.strip())
    for body in (BODY_HR.strip(), BODY_SR.strip()):
        if body in page_lines:
            assert body in cleaned.text


def test_a_blogs_comment_form_and_sidebar_go_in_each_language() -> None:
    body = ("Anksioznost je normalna reakcija na stres, ali kod nekih ljudi postane toliko jaka da im treba "
            "stručna pomoć psihoterapeuta.\n")
    forms = {
        "hr": "Podijeli ovo:\nSviđa mi se:\nUčitavam...\nNedavne objave\nKako zaspati bez brige\nStres na poslu\n\n"
              "Ostavite odgovor\nVaša adresa e-pošte neće biti objavljena. Obavezna polja su označena *\n"
              "Komentar *\nIme *\nObjavi komentar\n",
        "sr": "Подели ово:\nНедавни чланци\nКако заспати без бриге\n\nОстави одговор\n"
              "Ваша адреса е-поште неће бити објављена.\nКоментар *\nИме *\n",
        "sl": "Deli to:\nVšeč mi je:\nNalaganje ...\nNedavni prispevki\nKako zaspati brez skrbi\n\nDodaj odgovor\n"
              "Vaš e-naslov ne bo objavljen. Zahtevana polja so označena z *\nKomentar *\n",
        "en": "Share this:\nLike this:\nLike Loading...\nRecent Posts\nHow to sleep without worry\n\nLeave a Reply "
              "Cancel reply\nYour email address will not be published. Required fields are marked *\nComment *\n"
              "Name *\nSave my name, email, and website in this browser for the next time I comment.\n",
    }
    for language, tail in forms.items():
        page = "Anksioznost\n\n" + body + "\n" + body + "\n" + tail
        cleaned = remove_furniture(page)
        assert cleaned.text == "Anksioznost\n\n" + body + "\n" + body.strip(), language
        assert all(r.text.strip() for r in cleaned.removed)


def test_a_long_scholarly_headline_standing_alone_is_the_title_but_a_paragraph_is_not() -> None:
    title = ("Efficacy of cognitive behavioural therapy for anxiety disorders in adults: a systematic review and "
             "meta-analysis of randomised controlled trials")
    assert remove_furniture(title + "\n\n" + BODY_EN).headline == title
    naslov = ("Učinkovitost kognitivno-bihevioralne terapije kod anksioznih poremećaja u odraslih: sustavni pregled "
              "i metaanaliza randomiziranih kontroliranih istraživanja")
    assert remove_furniture(naslov + "\n\n" + BODY_HR).headline == naslov
    lead = ("Anxiety is common. Many adults will have an anxiety disorder at some point in their lives and most of "
            "them never get treatment")
    assert remove_furniture(lead + "\n\n" + BODY_EN).headline is None
    wrapped = ("Anxiety is a normal reaction to stress but for some people it becomes strong enough that they need "
               "help from a\nprofessional who knows the treatments that work.\n")
    assert remove_furniture(wrapped).headline is None


@pytest.mark.parametrize(("line", "reason"), [
    ("Pošalji prijatelju", "share, print or follow line"),
    ("Пошаљи пријатељу", "share, print or follow line"),
    ("Natisni članek", "share, print or follow line"),
    ("Podijeli: Facebook Twitter", "share, print or follow line"),
    ("Подели на Фејсбуку", "share, print or follow line"),
    ("Prikaži komentare", "comments section label"),
    ("Preberi komentarje", "comments section label"),
    ("Možda vas zanima", "related-articles list"),
    ("Vas bo morda zanimalo", "related-articles list"),
    ("Слични чланци", "related-articles list"),
    ("Razumijem", "cookie notice"),
    ("Se strinjam", "cookie notice"),
    ("Izradio: Studio X", "footer, tags or category line"),
    ("Главна навигација", "site navigation"),
    ("Pogledajte video", "page widget"),
])
def test_furniture_words_are_known_in_every_product_language(line: str, reason: str) -> None:
    assert furniture_reason(line) == reason


def test_the_tags_listed_under_a_bare_tags_label_go_until_the_next_paragraph() -> None:
    page = "Anksioznost kod djece\n\n" + BODY_HR + "\nOznake\nanksioznost\ndjeca\nroditeljstvo\n\n" + BODY_HR
    cleaned = remove_furniture(page)
    assert [r.text for r in cleaned.removed] == ["Oznake", "anksioznost", "djeca", "roditeljstvo"]
    assert {r.reason for r in cleaned.removed} == {"footer, tags or category line"}
    assert cleaned.text.count(BODY_HR.strip()) == 2


def test_a_headline_with_a_year_is_the_title_and_a_date_line_under_it_goes() -> None:
    page = "Tjedan psihologije 2025\n\n15. 02. 2025.\n\n" + BODY_HR
    cleaned = remove_furniture(page)
    assert cleaned.headline == "Tjedan psihologije 2025"
    assert [(r.text, r.reason) for r in cleaned.removed] == [("15. 02. 2025.", "date or byline line")]


def test_a_contents_list_under_its_label_goes_even_when_the_excerpt_ends_before_its_sections() -> None:
    page = ("Kako se nositi s anksioznošću\n\nSadržaj [prikaži]\n1. Što je anksioznost?\n2. Simptomi\n3. Liječenje\n\n"
            + BODY_HR)
    cleaned = remove_furniture(page)
    assert cleaned.headline == "Kako se nositi s anksioznošću"
    assert [r.text for r in cleaned.removed] == ["Sadržaj [prikaži]", "1. Što je anksioznost?", "2. Simptomi",
                                                 "3. Liječenje"]
    assert {r.reason for r in cleaned.removed} == {"table of contents"}
    toggle = "Anxiety\n\n" + BODY_EN + "\nHide\nSymptoms of anxiety\n\n" + BODY_EN
    assert [r.text for r in remove_furniture(toggle).removed] == ["Hide"]


def test_a_collapsed_contents_widget_goes_but_the_section_heading_under_it_stays() -> None:
    """A "Jump to section" widget copied closed leaves its label above the article's first section heading: the label
    is furniture, the heading is the text's (a contents list has two entries or more)."""
    page = ("Intensive outpatient programs for teens\n\n" + BODY_EN + "\nJump To Section\n\n"
            "What is an intensive outpatient program?\n\n" + BODY_EN)
    cleaned = remove_furniture(page)
    assert [(r.text, r.reason) for r in cleaned.removed] == [("Jump To Section", "table of contents")]
    assert "What is an intensive outpatient program?" in cleaned.text
    listed = page.replace("Jump To Section\n\n", "In This Article We’ll Discuss:\nWhat is an IOP?\nWho is it for?\n\n")
    assert [r.text for r in remove_furniture(listed).removed] == ["In This Article We’ll Discuss:", "What is an IOP?",
                                                                  "Who is it for?"]


@pytest.mark.parametrize("line", ["Add a header to begin generating the table of contents", "Next item",
                                  "Previous Story", "Share Our Blog With Someone It Might Help!", "Start free trial",
                                  "INSTALL", "Verified by World Mental Healthcare Association"])
def test_contents_plugin_placeholders_item_links_and_share_invitations_are_furniture(line: str) -> None:
    assert furniture_reason(line) is not None


def test_sentences_about_apps_and_verification_stay() -> None:
    for line in ("Install the app on your phone and set a daily reminder to practise the breathing exercise.",
                 "Each claim on this page was verified by two psychiatrists before publication."):
        assert furniture_reason(line) is None, line


@pytest.mark.parametrize("line", ["Idi na glavni sadržaj", "Pretraži...", "Претрага...", "Search this site",
                                  "SLO | ENG", "Lat | Ćir", "Ћир | Lat", "EN"])
def test_skip_links_search_boxes_and_language_switchers_are_navigation(line: str) -> None:
    assert furniture_reason(line) == "site navigation"


def test_a_workshops_topics_under_a_bare_topics_label_stay() -> None:
    page = "Radionica o stresu\n\n" + BODY_HR + "\nTeme:\nStres na poslu\nAnksioznost\nTehnike disanja\n\n" + BODY_HR
    cleaned = remove_furniture(page)
    assert "Stres na poslu\nAnksioznost\nTehnike disanja" in cleaned.text


def test_terms_and_conditions_over_the_terms_is_the_headline_but_a_footer_link_goes() -> None:
    terms = ("The relationship between the psychotherapist and the client is professional, requiring some rules "
             "so that both may safely engage.")
    page = (f"Basic Terms and Conditions\n\n{terms}\n\n{BODY_EN}\n{BODY_EN}\n"
            "Privacy Policy | Terms of Use\nTerms and Conditions")
    cleaned = remove_furniture(page)
    assert cleaned.headline == "Basic Terms and Conditions"
    assert [r.text for r in cleaned.removed] == ["Privacy Policy | Terms of Use", "Terms and Conditions"]
    assert terms in cleaned.text
    # A category label over the first paragraph is still a footer line, not a heading.
    tagged = remove_furniture("Anksioznost\n\n  • Kategorija: Anksioznost\n\n" + BODY_HR + "\n" + BODY_HR)
    assert [r.text for r in tagged.removed] == ["• Kategorija: Anksioznost"]


def test_a_numbered_breadcrumb_trail_and_stamped_heading_copies_go() -> None:
    page = ("Luxury Rehab or Traditional Rehab: What You Must Know\n\n  1. Home\n  2. /\n  3. Rehabilitation\n  4. /\n"
            "  5. Luxury Rehab or Traditional Rehab: What You Must Know\n\n" + BODY_EN + "\n\nWhat is Luxury Rehab?\n\n"
            + BODY_EN + "\n\nWhat is Luxury Rehab?2018-02-10T13:36:03+00:00\n\n" + BODY_EN
            + "\n\nSteps to recovery\n\n1. Call a counsellor.\n2. Book an assessment.\n3. Start treatment.\n")
    cleaned = remove_furniture(page)
    assert cleaned.headline == "Luxury Rehab or Traditional Rehab: What You Must Know"
    gone = {r.text: r.reason for r in cleaned.removed}
    assert gone == {"1. Home": "breadcrumb trail", "2. /": "breadcrumb trail", "3. Rehabilitation": "breadcrumb trail",
                    "4. /": "breadcrumb trail",
                    "5. Luxury Rehab or Traditional Rehab: What You Must Know": "breadcrumb trail",
                    "What is Luxury Rehab?2018-02-10T13:36:03+00:00": "duplicated heading"}
    # A numbered list of steps (no separator entry) and the plain heading stay.
    assert "1. Call a counsellor.\n2. Book an assessment.\n3. Start treatment." in cleaned.text
    assert "What is Luxury Rehab?" in cleaned.text


def test_an_updated_label_in_bosnian_makes_a_date_line() -> None:
    assert furniture_reason("Aktualizirano: 15. Juna 2020.") == "date or byline line"
    assert furniture_reason("Aktualizovano 3. marta 2021.") == "date or byline line"


def test_the_title_under_a_next_article_link_goes_with_the_link() -> None:
    """A journal page opens with links to the neighbouring articles ("Next Article in Journal" and the linked
    title, however long); neither is the headline, and a sentence under such a link stays."""
    linked = ("Pre-Mastectomy Breast Reconstruction Intentions in Women with Breast Cancer: Psychosocial and "
              "Personality Predictors Informing Care")
    page = (f"Next Article in Journal\nInequities in Stroke Recovery\nPrevious Article in Special Issue\n{linked}\n\n"
            "Promoting Mental Health Service Use for Young People\n\n" + BODY_EN)
    cleaned = remove_furniture(page)
    assert cleaned.headline == "Promoting Mental Health Service Use for Young People"
    gone = {r.text: r.reason for r in cleaned.removed}
    assert gone[linked] == "site navigation" and gone["Inequities in Stroke Recovery"] == "site navigation"
    prose = "Next post we look at sleep and how it shapes mood in the weeks after a loss."
    kept = remove_furniture("Sleep after a loss\n\nNext post\n" + prose + "\n\n" + BODY_EN)
    assert prose in kept.text


def test_a_blog_platforms_author_avatar_line_is_not_the_page_opening() -> None:
    """Wix blogs print the author's avatar alt text glued to the name, as a bullet, above the headline."""
    page = "top of page\n  • Writer's pictureDee\n\nWhat is Addiction Recovery Coaching?\n\n" + BODY_EN
    cleaned = remove_furniture(page)
    assert cleaned.headline == "What is Addiction Recovery Coaching?"


def test_a_number_is_never_the_headline_and_its_label_is_content() -> None:
    """A public health centre's header: emergency and switchboard numbers under their labels, then the headline.
    A line of digits is no headline, and the label over a number is a contact card, not navigation."""
    page = ("Klic v sili\n\n112\n\nNujna medicinska pomoč\n\n05 330 11 17\n\nZdravstveni dom NG\n\n05 338 32 00\n\n"
            "Center za zdravljenje odvisnosti\n\nCenter za zdravljenje zasvojenosti izvaja aktivnosti za odkrivanje, "
            "zdravstveno in psihosocialno obravnavo ter preventivno delovanje na področju odvisnosti.")
    cleaned = remove_furniture(page, learned=False)
    assert cleaned.headline == "Center za zdravljenje odvisnosti"
    for kept in ("Klic v sili", "112", "Nujna medicinska pomoč", "05 338 32 00"):
        assert kept in cleaned.text


@pytest.mark.parametrize("under", ["2024", "15", "10:45", "+381 11 123 4567", "2024."])
def test_a_headline_over_a_number_and_then_the_text_is_still_the_headline(under: str) -> None:
    """The label-over-a-number rule needs more heading lines after the number: a headline with a year, a time or a
    phone number under it and then the text keeps its headline (the text's first sentence never takes its place)."""
    page = ("Depresija kod mladih\n\n" + under + "\n\nDepresija je čest poremećaj raspoloženja koji pogađa mnoge mlade "
            "ljude u Srbiji i regionu danas.")
    assert remove_furniture(page, learned=False).headline == "Depresija kod mladih"
