"""Issue 13, seventh pass: promised help, invitations put as questions, and the public insurance system and
charities' own words as institutional cues, on sentences quoted from the even-numbered extra pages.

Negatives are real hedged sentences and a public service's booking page from the same half.
"""

from __future__ import annotations

import pytest

from audits.marketing import find_matches
from tests.audits.test_marketing_classes import RULES, analyze, families, public_service


@pytest.mark.parametrize(("text", "language", "family"), [
    # the method or the provider promised to help the reader (en-therapist-x18, x202, x212, sr-therapist-x244)
    ("How EMDR Will Help You:", "en", "guarantee"),
    ("Here is what will ensure your success with hypnotherapy for anxiety.", "en", "guarantee"),
    ("She chose me simply because I promised that she would succeed in just one session", "en", "guarantee"),
    ("U stvari, life coaching će vam pomoći da uravnote", "sr", "guarantee"),
    # an invitation put as a question, a free lead magnet, "make the call" (en-coach-x230, x304, en-clinic-x52)
    ("My question to you is… are you interested in undertaking the course?", "en", "cta"),
    ("Get this FREE MiniCourse to help your athletes perform their best, overcome any obstacle, and stay "
     "focused under pressure.", "en", "cta"),
    ("But finding the inner strength to make the call and ask for help is likely the only way to save the life "
     "of an addict, whether it is you or a loved one, you need to make the call.", "en", "cta"),
    # the writer urging the reader on, a form the provider acts on (en-therapist-x234, en-clinic-x206)
    ("I encourage you to be corageous and brave.", "en", "cta"),
    ("Fill out this form and we will find out how much of the cost your insurance company will cover for "
     "addiction treatment.", "en", "cta"),
    ("Verify Insurance With Us", "en", "cta"),
    # the reader's exhaustion named, fear of death used to sell (en-coach-x306, en-clinic-x100, en-clinic-x132)
    ("If you're feeling constantly exhausted, overwhelmed, or disconnected from your work and life, it may be "
     "more than just stress.", "en", "emotional"),
    ("Drug addiction is a disease—and lives are at stake.", "en", "emotional"),
    ("Waiting is a good way to allow negative outcomes to creep up and take you by surprise, especially when the "
     "consequences could be life-or-death.", "en", "emotional"),
    # the provider's own outcome rate (en-clinic-x232; on that page it is a quotation, so not counted there)
    ("Over 90% of patients we’ve treated with this approach in our clinic were able to reach some form of "
     "remission", "en", "self-promotion"),
])
def test_each_class_flags_real_sales_wording(text: str, language: str, family: str) -> None:
    assert family in families(text, language).values(), (text, families(text, language))


@pytest.mark.parametrize(("text", "language"), [
    # the reader judges whether it helps (en-coach-x120): no promise
    ("Forty eight hours gives you enough time to review the site and see whether you think it will help you.", "en"),
    # a promise refused (en-coach-x76)
    ("I cannot promise that \"Taking Charge\" will reveal one's life", "en"),
    # hedged: may, can, lahko
    ("Therapy may help you feel less alone.", "en"),
    ("Terapija vam može pomoći da bolje razumete sebe.", "sr"),
    ("Terapija vam lahko pomaga pri tesnobi.", "sl"),
    # a helpline named as such stays safety information
    ("Če ste v stiski, pokličite Zaupni telefon Samarijan na 116 123.", "sl"),
    # a crisis line for someone feeling hopeless (en-blog-43, dev)
    ("If you are in crisis or having thoughts of suicide, you can reach the 988 Suicide & Crisis Lifeline any "
     "time, day or night, by calling or texting 988.", "en"),
    # a news question about students, not the reader (en-news-42, dev)
    ("Are counselling services providing enough support to students feeling overwhelmed at university?", "en"),
])
def test_the_classes_stop_where_nothing_is_promised_or_sold(text: str, language: str) -> None:
    assert families(text, language) == {}, text


# sl-public-service-x286 (even): a public counselling centre's page for parents on how to book
BOOKING = (
    "Kako pridete do nas? / Kako poteka naročanje?\n\n"
    "Pokličete nas po telefonu: 01/583-75-00 ali 01/583-75-35 in se naročite za obisk. "
    "Vedno prinesite s seboj zdravstveno kartico!\n\n"
    "Pri nas za čas odsotnosti od pouka vaš otrok dobi opravičilo, vi pa lahko dobite tudi potrdilo za vašega "
    "delodajalca, da ste otroke spremljali na pregled (za spremstvo vam otrokov pediater lahko odobri bolniški "
    "dopust)."
)


def test_a_public_service_naming_the_insurance_card_and_sick_leave_is_institutional() -> None:
    result = public_service(BOOKING, "sl")
    phones = [f.excerpt for f in result.findings if f.rule.startswith("marketing.contact.phone")]
    assert phones == ["01/583-75-00", "01/583-75-35"]  # its booking numbers are still contact details
    # the same booking lines from a private practice with a price are not
    private = analyze(BOOKING.split("Pri nas")[0] + "Cena srečanja je 60 €.", "sl")
    assert private.section["institutional"] is False


# en-charity-x310 (even): a fundraising post on a charity's site
AMBASSADOR = (
    "As a mental health advocate and someone who runs wellbeing workshops in schools and universities, as well as "
    "being an ambassador for several mental health charities, including the Big Give, SANE and Rethink Mental "
    "Illness, I know what this means on the ground."
)


def test_charities_in_the_plural_count_and_a_price_still_makes_a_seller() -> None:
    assert analyze(AMBASSADOR).section["institutional"] is True
    # the author's book from the same page names its publisher: not the charity's fee (ninth pass) ...
    bio = "Her latest book is Singing In The Rain: An Inspirational Workbook, published by Short Books, £12.99."
    assert analyze(bio + "\n\n" + AMBASSADOR).section["institutional"] is True
    # ... while the charity's own price for its workshops makes it a seller
    fee = "Her wellbeing workshops in schools cost £12.99 per pupil."
    assert analyze(fee + "\n\n" + AMBASSADOR).section["institutional"] is False


@pytest.mark.parametrize(("text", "language"), [
    ("Registered charity number 1098765. Company limited by guarantee.", "en"),
    ("Udruga prima donacije i traži volontere.", "hr"),
    ("Društvo za pomoč v stiski vabi prostovoljce in zbira donacije.", "sl"),
])
def test_a_charity_registration_or_its_donations_and_volunteers_are_institutional_cues(text: str,
                                                                                         language: str) -> None:
    context = {text[m.start:m.end].casefold() for m in find_matches(text, RULES, language)
               if m.rule.family == "context"}
    assert len(context) >= 2, context
    # "limited by guarantee" is a company form, not a promise
    assert "guarantee" not in families(text, language).values()


# en-public-service-x04 (even): an NHS service's self-referral page
SELF_REFERRAL = (
    "NHS Cambridgeshire & Peterborough Talking Therapies Self-Referral Information\n\n"
    "Click HERE to Self-Refer\n\n"
    "Please click the link above to self-refer online into the service."
)


def test_a_public_service_saying_how_to_refer_yourself_makes_no_call_to_action() -> None:
    result = analyze(SELF_REFERRAL)
    assert result.section["institutional"] is True
    assert not [f for f in result.findings if f.rule.startswith("marketing.cta")]
    # the same button on a page with no public body behind it is an invitation
    clinic = analyze("Book a course of hypnotherapy for anxiety.\n\nClick HERE to book your first session")
    assert clinic.section["institutional"] is False
    assert [f.excerpt for f in clinic.findings if f.rule.startswith("marketing.cta")]


def test_a_charity_naming_the_readers_distress_is_not_selling() -> None:
    # en-charity-38 (dev): the sentence alone reads as a hook; on the charity's own page it is information
    sentence = ("Reaching out for help can feel like a big step, especially if you’re feeling overwhelmed, hopeless, "
                "scared or or like nobody really gets it.")
    assert "emotional" in families(sentence).values()
    charity = "Samaritans is a registered charity. Our volunteers answer calls, free and confidential.\n\n" + sentence
    result = analyze(charity)
    assert result.section["institutional"] is True
    assert not [f for f in result.findings if f.rule.startswith("marketing.emotional")]
