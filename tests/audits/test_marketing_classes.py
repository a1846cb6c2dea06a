"""Classes of promotional signal (issue 13, fourth pass) on sentences quoted from real pages.

Positives are quoted from the even-numbered extra pages (eval/extra/pages, the half rules may be written
from) and from dev pages; negatives are real public-service, crisis-line and hedged sentences from the same
pages, plus the sentences that taught a class where it stops.
"""

from __future__ import annotations

import pytest

from audits.analyzers.marketing import MarketingAnalyzer
from audits.config import AuditConfig
from audits.marketing import active_rules, find_matches
from tests.audits.test_marketing_rules import doc_of

RULES = active_rules(AuditConfig())


def families(text: str, language: str = "en") -> dict[str, str]:
    """The promotional family of each flagged phrase (page-context rules left out)."""
    return {text[m.start:m.end]: m.rule.family for m in find_matches(text, RULES, language)
            if m.rule.family != "context"}


def analyze(text: str, language: str = "en"):
    return MarketingAnalyzer().analyze(doc_of(text, language), AuditConfig(fast=True))


def public_service(text: str, language: str = "en"):
    """The analysis of a public service's or charity's text, checked as LABELLING.md asks of one: recognised as
    institutional, and a marketing score of at most 10."""
    result = analyze(text, language)
    assert result.section["institutional"] is True
    assert result.scores["marketing"].value <= 10
    return result


@pytest.mark.parametrize(("text", "phrase"), [
    ("You shouldn’t wait for addiction treatment.", "You shouldn't wait"),  # en-clinic-x132
    ("Let’s start that journey today!", "Let's start"),  # en-coach-x136
])
def test_typographic_apostrophes_match_and_the_span_is_the_original_text(text: str, phrase: str) -> None:
    found = [(m.start, m.end) for m in find_matches(text, RULES, "en") if m.rule.family != "context"]
    assert found, text
    start, end = found[0]
    assert text[start:end].replace("’", "'") == phrase and "’" in text[start:end]


@pytest.mark.parametrize(("text", "language", "family"), [
    # calls to action as a numbered step, a heading, an invitation (en-clinic-x56, en-therapist-x18, x58)
    ("4. Start Therapy", "en", "cta"),
    ("Accepting New Clients (updated May 26)", "en", "cta"),
    ("All I can say is suspend any disbelief you might have and give it a go.", "en", "cta"),
    ("Choose a weekly or monthly plan that best fits your needs.", "en", "cta"),
    # bs-news-x82: an application by e-mail, the address hidden by the website
    ("Prijave se mogu slati na imejl adresu [email protected] ili putem Instagram stranice projekta.", "bs", "cta"),
    # en-charity-x122: a street address with its postcode
    ("1 Friends Mews Sansome Place, Worcester WR1 1UG", "en", "contact"),
    # self-promotion: the provider's track record (en-coach-x136, en-coach-x102, en-clinic-x132)
    ("Dr. Schaub has helped thousands of people with his Personal Breakthrough and Empowerment program.",
     "en", "self-promotion"),
    ("I've witnessed incredible progress in the people I've worked with.", "en", "self-promotion"),
    ("We're Here To Help 24/7", "en", "self-promotion"),
    ("To je moguće kroz vođenu i smislenu akciju i podršku koju vam pruža vaš life coach.", "sr", "self-promotion"),
    # puffery: praise of the method (en-therapist-x112, en-clinic-x108, bs-blog-x162, sr-coach-x144, sr-therapist-x22)
    ("EMDR therapy is recognized as an extremely effective treatment for traumatic memories", "en", "puffery"),
    ("Ketamine is one of the most promising new treatment options for depression.", "en", "puffery"),
    ("globalno veoma popularna i uspješna metoda za terapiranje posstraumatskog stresnog poremećaja", "bs", "puffery"),
    ("Brze i efikasne metode", "sr", "puffery"),
    ("online psihoterapija je najbolje rešenje i omogućuje vam da dobijete tretman", "sr", "puffery"),
    # emotional hooks aimed at the reader (en-therapist-x124, sr-clinic-x156, sl-coach-x166)
    ("Chances are if you are reading this, you may be having trouble talking to the people nearest to you.",
     "en", "emotional"),
    ("Ako ste ikada doživeli napad panike, znate koliko može biti zastrašujuće iskustvo.", "sr", "emotional"),
    ("Kako bi se počutili, če bi vedno imeli jasno predstavo o tem, kaj hočete?", "sl", "emotional"),
    # assurances of outcome (en-coach-x102, hr-coach-x78)
    ("I know you, too, can experience this type of change.", "en", "guarantee"),
    ("potiče oslobađanje klijentovih potencijala i kompetencija koje će ga dovesti do željenog rezultata",
     "hr", "guarantee"),
    # a closing date for applications (bs-news-x82)
    ("Poziv za prijavu je otvoren do 15. februara, a selekcijom će biti odabrano do 10 učesnica.", "bs", "urgency"),
])
def test_each_class_flags_real_sales_wording(text: str, language: str, family: str) -> None:
    assert family in families(text, language).values(), (text, families(text, language))


@pytest.mark.parametrize(("text", "language"), [
    # a list item is not a ranking (en-coach-x118 used "#1" as a numbered technique)
    ("Reason #1: You May Only Get One Chance", "en"),
    # hedged: the opposite of a guarantee (en-therapist-x58)
    ("While hypnotherapy can and does work, it can’t work for all of the people all of the time.", "en"),
    # a client's own experience, not the provider's method (the clinic seed)
    ("Understanding the individual is vital to psychotherapy, involving a deep and nuanced comprehension of "
     "the client’s unique experiences, personality, and needs.", "en"),
    # refunds handled by customer support are not an invitation to buy (en-clinic-05, dev)
    ("Just reach out to our support team within the 30-day window, and we'll guide you through the process.", "en"),
    # a sourced evaluation is evidence, not puffery
    ("A 2020 review found CBT highly effective for panic disorder.", "en"),
    # a crisis line (sl-public-service and the Slovenian crisis numbers)
    ("Če ste v stiski, pokličite Zaupni telefon Samarijan na 116 123.", "sl"),
])
def test_the_classes_stop_where_the_wording_is_not_selling(text: str, language: str) -> None:
    assert families(text, language) == {}, text


def test_a_charity_reassuring_its_readers_is_not_an_emotional_hook() -> None:
    # en-charity-38 (dev): a charity describing itself; its reassurance is information, not a sales hook
    charity = (
        "Samaritans is a registered charity. Our volunteers answer calls from anyone who is struggling, free "
        "and confidential, day or night.\n\n"
        "Life can be hard, and we can’t change that, but we can be there so you don’t have to face it alone."
    )
    result = analyze(charity)
    assert result.section["institutional"] is True
    assert not [f for f in result.findings if f.rule.startswith("marketing.emotional")]
    # the same reassurance on a page that sells is a hook
    clinic = analyze("Book your free consultation today. You don’t have to face it alone.")
    assert [f.excerpt for f in clinic.findings if f.rule.startswith("marketing.emotional")] == [
        "You don’t have to face it alone"]


def test_a_school_relaying_a_ministry_support_line_is_institutional() -> None:
    # sr-public-service-x86 (even), in Latin script: a ministry's free telephone line for pupils and parents
    notice = (
        "Ministarstvo prosvete, nauke i tehnološkog razvoja obezbedilo je telefonsku liniju za pružanje "
        "psihološke pomoći i podrške učenicima, roditeljima i zaposlenima u ustanovama obrazovanja i vaspitanja.\n\n"
        "Pozivom na broj telefona 0800 200-201 od 23. marta 2020. godine učenici, roditelji i zaposleni mogu "
        "dobiti psihološku savetodavnu podršku."
    )
    public_service(notice, "sr")


CO_FUNDING = (  # sl-public-service-x146 (even): a social-work centre's co-funding of psychotherapy
    "Zato smo v sodelovanju z Občino Postojna, ki je zagotovila sredstva, uvedli sofinanciranje psihoterapij "
    "na naslednji način.\n\n"
    "prihodek na družinskega člana višina sofinanciranja občine prispevek uporabnika\n"
    "do 230,00€ 45,00 € 5,00 €\n"
    "od 230,00 do 300,00€ 40,00 € 10,00 €\n\n"
    "Kontakt: Tel. 05 700 12 00, el. pošta: patricija.moze@gov.si"
)


def test_amounts_a_public_body_co_funds_are_not_prices_that_sell() -> None:
    public_service(CO_FUNDING, "sl")
    # the same price list with no public funding named is a practice selling sessions
    private = analyze("Cenik psihoterapije\n\ndo 230,00€ 45,00 € 5,00 €\n\nKontakt: Tel. 05 700 12 00, "
                      "el. pošta: info@primer.si", "sl")
    assert private.section["institutional"] is False
