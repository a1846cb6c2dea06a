"""Public bodies and charities recognised by their own name forms (issue 13, ninth pass).

Positives are quoted from even-numbered extra pages (eval/extra/pages, the half rules may be written
from); negatives are real sentences from even private-practice pages that name the NHS, a GP or a
government department and must stay sellers.
"""

from __future__ import annotations

import pytest

from audits.analyzers.marketing import MarketingAnalyzer, address_cues
from tests.audits.test_marketing_classes import analyze, public_service

# en-public-service-x348 (even): a US state's behavioral-health page
STATE_DEPARTMENT = (
    "The Department of Mental Health, as the State Mental Health Authority, assures and provides access to "
    "services and supports to meet the mental health needs of individuals of all ages.\n\n"
    "The BHHL connects individuals and families to the full range of comprehensive treatment services for "
    "mental health and addiction offered in the Commonwealth.\n\n"
    "A service of the Commonwealth of Massachusetts, operated by the Massachusetts Behavioral Health "
    "Partnership (MBHP) | 833-773-2445(BHHL)"
)
# en-public-service-x338 (even): an NHS community mental health team
NHS_TEAM = (
    "The CMHS is a multi-disciplinary team made up of a range of mental health specialists including; "
    "psychiatrist, nurses, psychologist, psychological therapist, mental health practitioners and "
    "peer-support workers.\n"
    "This is a partnership between the NHS and Voluntary Care and Faith organisations (VCFSE).\n"
    "For people needing a referral for treatment for an Eating Disorders (Anorexia Nervosa or Binge Eating "
    "Disorder) please call the Eating Disorder Service on 01749 836568"
)
# sl-public-service-x362 (even): a Slovenian health centre's addiction-treatment unit, naming its waiting-list officer
HEALTH_CENTRE = (
    "Zdravstveni dom NG\n\n05 338 32 00\n\nCenter za zdravljenje odvisnosti\n\n"
    "V okviru centra za zdravljenje odvisnosti deluje tudi klub zdravljenih alkoholikov.\n\n"
    "Odgovorna oseba za vodenje čakalnega seznama je Jana K. Makovec.\nČakalne dobe ni.\n\n"
    "Pošto za Center za zdravljenje zasvojenosti poslati na naslov:\nRejčeva ulica 4, 5000 Nova Gorica"
)


@pytest.mark.parametrize(("page", "language"), [(STATE_DEPARTMENT, "en"), (NHS_TEAM, "en"), (HEALTH_CENTRE, "sl")],
                         ids=["state department with its help line", "NHS team with peer-support workers",
                              "health centre naming its waiting-list officer"])
def test_a_public_body_named_in_its_own_forms_is_institutional(page: str, language: str) -> None:
    public_service(page, language)


CHARITY = (  # en-charity-x310 (even): a campaigner's appeal for mental health charities
    "Why might all of us consider helping mental health charities right now?\n\n"
    "So says the Mental Health Foundation, a charity and respected source of data on mental health. The numbers "
    "who are suffering have gone up, while the NHS’s ability to help has failed to keep pace.\n\n"
)


def test_a_book_price_in_a_charity_appeal_is_not_the_charitys_fee() -> None:
    byline = ("Rachel Kelly is a writer, mental health campaigner, and ambassador for the Big Give. Her latest book "
              "is Singing In The Rain: An Inspirational Workbook, published by Short Books, £12.99.\n\n")
    assert analyze(byline + CHARITY).section["institutional"] is True
    # the same amount as the page's own fee still sells
    fee = "Our one-to-one workshops cost £12.99 per session.\n\n"
    assert analyze(fee + CHARITY).section["institutional"] is False


def test_a_private_practice_that_points_to_the_nhs_and_your_gp_stays_a_seller() -> None:
    # en-clinic-x128 (even): a private psychiatry practice's terms page
    page = (
        "Please be aware that Harley Psychiatrists is a premium service. Fees for private/independent "
        "Psychiatric treatment can be ongoing and costly.\n"
        "Lower-cost options may be available elsewhere through the NHS – discuss this with your GP if required.\n"
        "In an emergency please contact a local A&E hospital, your GP or a relevant service such as Samaritans."
    )
    assert analyze(page).section["institutional"] is False


def test_a_therapist_citing_a_government_department_gains_no_public_body_cue() -> None:
    # en-therapist-x112 (even): a department named as an authority is not the publisher's own name
    text = ("Research has been conducted on EMDR therapy which resulted in the American Psychiatric Association, "
            "the World Health Organization, and the Department of Defense to all recognize it as an effective "
            "form of treatment for trauma.")
    result = analyze(text)
    assert result.section["institutional"] is False


# A talking-therapies service page read from its web address: the text names one institutional cue of its own
# ("refer yourself"); the address says who publishes it.
SERVICE_PAGE = (
    "Talking therapies for anxiety and depression\n\n"
    "You can refer yourself to our service online or by phone: 020 3317 6000.\n\n"
    "Our therapists offer cognitive behavioural therapy and guided self-help in person or by video call."
)


@pytest.mark.parametrize(("origin", "institutional"), [
    ("https://talkingtherapies.cnwl.nhs.uk/refer", True),
    ("https://www.gov.si/teme/dusevno-zdravje/", True),
    ("https://www.calm-minds-clinic.com/refer", False),
    ("pages/service.html", False),  # a saved file says nothing about who published it
])
def test_the_address_a_page_was_read_from_is_part_of_its_context(origin: str, institutional: bool) -> None:
    from audits.config import AuditConfig
    from audits.marketing import active_rules
    from audits.model import Source
    from audits.prepare import prepare

    doc = prepare(Source(id="s", title="s", origin=origin, kind="url" if "://" in origin else "html",
                         text=SERVICE_PAGE), "en")
    result = MarketingAnalyzer().analyze(doc, AuditConfig(fast=True))
    assert result.section["institutional"] is institutional
    if institutional:
        assert result.scores["marketing"].value <= 10
    else:  # the same words from a private clinic's address: its phone line and "our service" still count
        assert result.scores["marketing"].value > 10
    assert address_cues(origin, active_rules(AuditConfig()), "en") == ({"address: nhs"} if "nhs" in origin else
                                                                       {"address: gov.si"} if "gov.si" in origin
                                                                       else set())


# A counselling page whose text names no public body, no charity and no referral route.
NO_CUES = ("Feeling low?\n\n"
           "Call 410-402-8300 to make an appointment with one of our counsellors.\n\n"
           "We offer cognitive behavioural therapy in person or by video call.")


def _from(origin: str, text: str):
    from audits.config import AuditConfig
    from audits.model import Source
    from audits.prepare import prepare

    doc = prepare(Source(id="s", title="s", origin=origin, kind="url" if "://" in origin else "html", text=text), "en")
    return MarketingAnalyzer().analyze(doc, AuditConfig(fast=True))


@pytest.mark.parametrize("origin", ["https://health.maryland.gov/bha/Pages/depression.aspx",
                                    "https://rightdecisions.scot.nhs.uk/anxiety", "https://www.usp.ac.fj/counselling/",
                                    "https://www.dhs.state.il.us/page.aspx?item=29763", "https://www.gov.si/teme/"])
def test_a_public_bodys_own_domain_is_enough_to_say_who_publishes(origin: str) -> None:
    """Only a public body publishes under .gov, .nhs.uk, .ac.<country>, a US state's domain or gov.si: the address
    alone makes the page a public service, and the explanation names it."""
    result = _from(origin, NO_CUES)
    assert result.section["institutional"] is True
    assert result.scores["marketing"].value <= 10
    assert any(c.startswith("address: ") for c in result.section["institutional_cues"])


def test_a_public_domain_does_not_excuse_a_price_and_is_no_cue_in_the_text() -> None:
    assert _from("https://www.calm-minds-clinic.com/help", NO_CUES).section["institutional"] is False
    priced = NO_CUES + "\n\nEach session costs $120, payable on the day."
    assert _from("https://counseling.example.edu/fees", priced).section["institutional"] is False, "a price vetoes"
    linked = NO_CUES + "\n\nRead more at health.maryland.gov or www.nhs-clinic.co.uk."
    assert _from("pages/clinic.html", linked).section["institutional"] is False, "a link is no address"


def test_the_score_says_which_phrases_made_the_page_a_public_service() -> None:
    """An editor reading the score's explanation sees why it was damped: the phrases, in page order."""
    result = public_service(NHS_TEAM)
    assert result.section["institutional_cues"] == ["peer-support", "nhs"]
    assert "describing itself: 'peer-support', 'nhs'" in result.scores["marketing"].explanation
    seller = analyze("Our private clinic offers premium therapy. Book today: 020 7946 0000.")
    assert seller.section["institutional_cues"] == []
    assert "describing itself" not in seller.scores["marketing"].explanation


def test_a_donation_is_both_a_charity_cue_and_the_reason_its_amount_is_no_fee() -> None:
    """"donation" is an institutional cue and, beside an amount, says the amount is no fee. One match must not hide
    the other: the charity's news about the grant it gave stays a charity describing itself."""
    text = ("Eating Disorders Awareness Week\n\n"
            "Thanks to our founder's legacy, Beat, the UK's eating disorder charity, can now offer online support "
            "groups through a new website funded by a £45,000 donation from our foundation.\n\n"
            "Call the Beat Helpline if you are worried about someone.")
    result = _from("pages/news.html", text)
    assert result.section["institutional"] is True and result.scores["marketing"].value <= 10
    priced = text.replace("funded by a £45,000 donation from our foundation", "and sessions cost £45 each")
    assert _from("pages/news.html", priced).section["institutional"] is False, "a fee still vetoes"
