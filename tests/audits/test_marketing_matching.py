"""Matching in context: negation, quotation, hyphenated words, crisis lines, spans that never lie."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from audits.analyzers.marketing import MarketingAnalyzer
from audits.config import AuditConfig
from audits.marketing.matching import Match, dedupe, find_matches, is_negated, quoted_spans
from audits.marketing.rules import load_rules
from audits.prepare.language import latin_with_offsets
from tests.audits.test_marketing_rules import doc_of

RULES = load_rules()


def hits(text: str, lang: str = "en") -> list[tuple[str, str]]:
    """(rule id, matched text) for every match."""
    return [(m.rule.id, text[m.start:m.end]) for m in find_matches(text, RULES, lang)]


def test_negated_over_claim_does_not_count_but_plain_one_does():
    assert hits("No therapy works for everyone.") == []
    assert hits("It is not a proven method for panic.") == []
    assert hits("This therapy works for everyone.") == [("marketing.guarantee.over-claims", "works for everyone")]


def test_negation_stops_at_the_clause_boundary():
    assert is_negated("It is not cheap, but it works for everyone.", 31) is False
    assert hits("It is not cheap, but it works for everyone.") == [
        ("marketing.guarantee.over-claims", "works for everyone")]


def test_a_negation_inside_a_quoted_title_does_not_cancel_a_cue_after_it():
    text = "Projekat „Nisam ti rekla“ donosi inovativan pristup psihosocijalnoj podršci."
    assert ("marketing.puffery.praise-method-sr", "inovativan pristup") in hits(text, "bs")
    assert is_negated("Ovo nije inovativan pristup.", 9) is True


def test_quoted_claims_are_someone_elses_words():
    assert hits('Some apps promise "guaranteed results" to anxious users.') == []
    assert hits("Neki sajtovi obećavaju „garantovane rezultate“ bez dokaza.", "sr") == []
    assert hits("We promise guaranteed results.") == [("marketing.guarantee.guarantees", "guaranteed results")]


def test_a_provider_speaking_in_a_long_quotation_is_still_promoting():
    """A short quotation mentions a phrase; a long one is someone speaking, and on the provider's page that is its
    own voice (a clinic quoting its founder on its success rate)."""
    speech = ("“Over 90% of patients we’ve treated with this approach in our clinic were able to reach some form of "
              "remission, whether that be returning to work or repairing broken relationships,” says the founder.")
    assert "marketing.self-promotion.track-record" in {rule for rule, _ in hits(speech)}
    assert hits('Some sites boast that "90% of patients we treated recovered" without any source.') == []


def test_quoted_spans_pair_marks_within_a_paragraph():
    text = 'He said "yes" and „da“ and “maybe”.\n\nAn open " mark alone.'
    spans = [text[s:e] for s, e in quoted_spans(text)]
    assert spans == ['"yes"', "„da“", "“maybe”"]


def test_free_inside_a_hyphenated_word_is_not_an_offer():
    for text in ("A judgment-free space.", "Stay alcohol-free for a month.", "Feel free to ask questions.",
                 "A free-flowing conversation helps."):
        assert hits(text) == [], text
    assert hits("Book a free consultation.") == [("marketing.cta.booking", "Book a free consultation"),
                                                 ("marketing.contact.free-offer", "free consultation")]


def test_crisis_lines_are_safety_information_not_marketing():
    assert hits("If you are in crisis, call the lifeline at 1-800-273-8255 now.") == []
    assert hits("U hitnim slučajevima pozovite odmah 194.", "sr") == []
    assert ("marketing.contact.phone", "(212) 555-0187") in hits("Call our office at (212) 555-0187.")


def test_serbian_contact_details_and_calls_to_action():
    found = {rule for rule, _ in hits(
        "Zakažite konsultaciju na +381 11 3456 789 ili pišite na info@centar.rs. Cena je 3500 dinara, "
        "prvi razgovor je besplatan.", "sr")}
    assert found == {"marketing.cta.booking-sr", "marketing.contact.phone", "marketing.contact.email",
                     "marketing.contact.price", "marketing.contact.free-offer-sr"}


def test_english_rules_do_not_run_on_serbian_text_and_back():
    assert hits("Contact us today.", "sr") == []
    assert hits("Kontaktirajte nas danas.", "en") == []


def test_same_family_nested_matches_count_once():
    assert hits("Contact us today.") == [("marketing.cta.contact", "Contact us today")]


TEXTS = st.text(
    alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzčćžšđ ABCZ.,;:!?\"'’“”„«»()-–—\n0123456789$€%@+#*")),
    max_size=300,
) | st.lists(st.sampled_from([
    "Contact us today", "no", "not", "\"", "“", "free", "judgment-free", "our team", "+381 11 3456 789",
    "$120", "info@x.com", "crisis", "works for everyone", "\n\n", ". ", ", ", "At the Center, we", "besplatan",
    "We’re here to help", "4. Start Therapy", "[email protected]", "Struggling with anxiety?", "koliko puta ste",
    "extremely effective", "Worcester WR1 1UG", "45,00 €", "#1", "sofinanciranje", "Let’s start",
]), max_size=40).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.sampled_from(["en", "sr", "sl"]))
def test_matching_never_crashes_and_spans_are_exact(text, lang):
    for m in find_matches(text, RULES, lang):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end].strip() == text[m.start:m.end] or m.rule.type == "phone"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_analyzer_findings_point_at_their_excerpts_and_score_stays_in_range(text):
    if not text.strip():
        return
    result = MarketingAnalyzer().analyze(doc_of(text), AuditConfig())
    for f in result.findings:
        assert text[f.start:f.end] == f.excerpt
    assert 0 <= result.scores["marketing"].value <= 100
    for region in result.section["regions"]:
        assert 0 <= region["start"] < region["end"] <= len(text)


def test_serbian_cyrillic_is_matched_through_transliteration_with_exact_spans():
    text = "Контактирајте нас данас. Прва консултација је бесплатна, цена је 3500 динара. Љубазно вас чекамо."
    found = hits(text, "sr")
    assert ("marketing.cta.contact-sr", "Контактирајте нас") in found
    assert ("marketing.contact.free-offer-sr", "бесплатна") in found
    assert ("marketing.contact.price", "3500 динара") in found
    assert hits("Ниједна терапија не помаже свима.", "sr") == []
    assert hits("Ова метода помаже свима.", "sr") == [("marketing.guarantee.guarantees-sr", "помаже свима")]


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("абвгдђежзијклљмнњопрстћуфхцчџшЉЊЏ .,\"„“abc")), max_size=200))
def test_transliteration_offsets_point_back_into_the_original(text):
    latin, offsets = latin_with_offsets(text)
    assert len(offsets) == len(latin) + 1 and offsets[-1] == len(text)
    assert offsets == sorted(offsets)
    for m in find_matches(text, RULES, "sr"):
        assert 0 <= m.start < m.end <= len(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789 +()-./\tabc\n", max_size=40))
@example("Call (212) 201-7788 today")
@example("Pozovite 011/123-4567 ili +381 64 123 4567")
@example("Pokličite +386 1 234 56 78")
@example("Ring 020 7946 0958.")
def test_phone_prefilter_never_hides_a_number_the_matcher_accepts(text: str) -> None:
    """The cheap digit-run check in front of libphonenumber only skips text it would find nothing in."""
    import phonenumbers

    from audits.marketing.matching import PHONE_REGIONS, _raw_matches

    phone_rule = next(r for r in RULES if r.type == "phone")
    direct = {(m.start, m.end) for region in PHONE_REGIONS
              for m in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID)}
    assert set(_raw_matches(phone_rule, text)) == direct
    if "Call" in text or "Poz" in text:
        assert direct  # the examples hold real numbers: the comparison is not vacuous


def _quoted_spans_char_by_char(text: str) -> list[tuple[int, int]]:
    """The previous quoted_spans: a loop over every character."""
    quotes = {"“": "”", "„": "“”", "«": "»", "»": "«", '"': '"'}
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        closers = quotes.get(text[i])
        if closers is None:
            i += 1
            continue
        limit = min(n, i + 1 + 400)
        j = i + 1
        while j < limit and text[j] not in closers and not text.startswith("\n\n", j):
            j += 1
        if j < limit and text[j] in closers:
            spans.append((i, j + 1))
            i = j + 1
        else:
            i += 1
    return spans


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(['"', "“", "”", "„", "«", "»", "\n", "\n\n", " "]),
                          st.text(alphabet="ab \n", max_size=5), st.just("x" * 397)), max_size=30).map("".join))
def test_quoted_spans_same_as_the_character_loop(text: str) -> None:
    assert quoted_spans(text) == _quoted_spans_char_by_char(text)


SPANS = st.lists(st.tuples(st.sampled_from(RULES[:10]), st.integers(0, 40), st.integers(1, 12)), max_size=25)


@settings(max_examples=200, deadline=None)
@given(SPANS)
def test_dedupe_keeps_one_cue_per_nested_run_of_a_family(spans) -> None:
    matches = [Match(rule, start, start + length) for rule, start, length in spans]
    kept = dedupe(matches)
    inside = [(a, b) for a in kept for b in kept
              if a is not b and a.rule.family == b.rule.family and b.start <= a.start and a.end <= b.end]
    assert not inside  # no kept cue lies inside another of its family
    for m in matches:  # every cue dropped lies inside a kept one of its family
        assert m in kept or any(k.rule.family == m.rule.family and k.start <= m.start and m.end <= k.end
                                for k in kept)


def test_an_indented_step_is_reported_without_its_indentation() -> None:
    """Found by Hypothesis: a pattern anchored at a line's start took the line's leading space into the span."""
    text = "How to begin\n\n 4. Start Therapy"
    (m,) = [m for m in find_matches(text, RULES, "en") if m.rule.id == "marketing.cta.start-now"]
    assert text[m.start:m.end] == "4. Start Therapy"


def test_an_ordinal_date_does_not_end_the_sentence_an_unless_context_reads():
    """'od 23. marta 2020. godine' is one sentence: the free support line's purpose later in it still cancels the
    phone finding (a Cyrillic school notice of a ministry helpline, eval/extra sr-public-service-x86)."""
    from audits.marketing.matching import sentence_around

    text = ("Pozivom na broj telefona 0800 200-201 od 23. marta 2020. godine učenici mogu dobiti psihološku "
            "savetodavnu podršku. Druga rečenica.")
    start = text.index("0800")
    assert sentence_around(text, start, start + 12).endswith("savetodavnu podršku.")
    english = "The service opened in 2020. The phone line 0800 123 456 is free."
    assert sentence_around(english, english.index("0800"), english.index("0800") + 12).startswith("The phone line")
