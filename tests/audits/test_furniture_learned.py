"""The learned furniture line model beside the rules (audits/ingest/furniture_model.py): real lines from the dev
and even extra pages it was trained on, the guard that keeps body text, and the shipped weights."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audits.ingest import furniture_model as fm
from audits.ingest.furniture import remove_furniture
from audits.ingest.furniture_train import EVAL, load_page

# Real lines, each from a dev or even extra page (the page id after it).
BREADCRUMB = "Home Health & Wellbeing"  # en-forum-51
SHARE = "FaceBook | YouTube | Twitter | Instagram | TikTok"  # en-therapist-04
BYLINE = "Updated: Oct 18, 2021"  # en-therapist-03
CAPTION = "Foto: 123rf/ILUSTRACIJA"  # hr-news-38
BODY_BS = ("Stigma, strah od osude i nedostatak informacija glavni su razlozi zbog kojih mladi izbjegavaju "
           "razgovor o mentalnom zdravlju.")  # bs-blog-25
BODY_EN = ("Anxiety is a normal reaction to stress, but for some people it becomes strong enough to need "
           "treatment from a professional.")
HEADLINE = "Mentalno zdravlje mladih: Zašto je važno i kako prepoznati potrebu za stručnom pomoći"  # bs-blog-25


def _switched_on(threshold: float) -> dict[str, np.ndarray]:
    """The shipped weights, switched on at another threshold (the shipped file stays as it is)."""
    w = dict(fm.weights())
    w["enabled"], w["threshold"] = np.array(True), np.array(threshold)
    return w


@pytest.fixture
def model_on(monkeypatch: pytest.MonkeyPatch):
    def switch(threshold: float) -> None:
        weights = _switched_on(threshold)
        monkeypatch.setattr(fm, "weights", lambda: weights)
    return switch


def _page() -> str:
    return "\n\n".join([BREADCRUMB, HEADLINE, BYLINE, BODY_BS, CAPTION, BODY_EN, SHARE, BODY_BS])


@pytest.mark.parametrize("threshold", [None, 0.6])
def test_breadcrumb_share_bar_byline_and_caption_go_and_the_body_stays(model_on, threshold: float | None) -> None:
    if threshold is not None:
        model_on(threshold)
    cleaned = remove_furniture(_page())
    gone = {r.text: r.reason for r in cleaned.removed}
    assert gone[BREADCRUMB] in ("site navigation", "breadcrumb trail")
    assert gone[SHARE] == "share, print or follow line"
    assert gone[BYLINE] == "date or byline line"
    assert gone[CAPTION] == "image caption or credit"
    assert cleaned.headline == HEADLINE
    assert BODY_BS in cleaned.text and BODY_EN in cleaned.text


def test_even_removing_every_line_it_may_the_model_keeps_sentences_and_the_headline(model_on) -> None:
    """At threshold 0 the model removes every line its guard allows: never a sentence, never the headline, and
    each removal names a reason from the annotation guide, marked as the model's judgement."""
    model_on(0.0)
    page = _page() + "\n\nSimptomi anksioznosti\n\n" + BODY_EN
    cleaned = remove_furniture(page)
    assert cleaned.headline == HEADLINE
    assert BODY_BS in cleaned.text and BODY_EN in cleaned.text
    learned = [r for r in cleaned.removed if r.reason.endswith(fm.LEARNED)]
    assert learned, "the model removed nothing although every short line was allowed"
    for r in learned:
        assert r.reason.removesuffix(fm.LEARNED) in fm.REASONS.values()
        assert len(r.text.split()) <= fm.MAX_WORDS
        assert page.split("\n")[r.line - 1].strip() == r.text  # the line number points at the line


# A pool of real lines (dev and even extra pages): furniture and body; no comment label (a comment label opens the
# thread below it, which goes whole by design).
POOL = [BREADCRUMB, SHARE, BYLINE, CAPTION, "Evidence & research", "By Editorial team7 min read", "• Qi Wang",
        "March 09, 2022", "people attending support group", "Click to follow", "Duševno zdravje", "12. 06. 2015",
        "Zadnje posodobljeno: 14.11.2022", "Infografika: Delo", "Psihologija", "6 min", "VRSTE TERAPIJE", BODY_BS,
        BODY_EN, "Kako prepoznati potrebu za stručnim razgovorom?", "Simptomi anksioznosti", "-", "·", ""]
WORDS = ["therapy", "anxiety", "people", "often", "feel", "better", "when", "they", "talk", "with", "someone",
         "about", "their", "worries", "and", "sleep", "terapija", "pomaže", "mladima", "da", "razumiju", "svoje",
         "osjećaje", "i", "pronađu", "nove", "načine", "suočavanja", "sa", "stresom"]


@settings(max_examples=60, deadline=None)
@given(before=st.lists(st.sampled_from(POOL), max_size=8), after=st.lists(st.sampled_from(POOL), max_size=8),
       words=st.lists(st.sampled_from(WORDS), min_size=11, max_size=25), threshold=st.sampled_from([None, 0.0, 0.6]))
def test_a_full_sentence_of_twelve_words_or_more_is_never_removed(before, after, words, threshold) -> None:
    sentence = "Researchers " + " ".join(words) + "."
    if threshold is not None:
        weights = _switched_on(threshold)
        original, fm.weights = fm.weights, lambda: weights
    try:
        cleaned = remove_furniture("\n\n".join([*before, sentence, *after]))
    finally:
        if threshold is not None:
            fm.weights = original
    assert sentence in cleaned.text
    assert all(sentence not in r.text for r in cleaned.removed)


def test_the_shipped_weights_reproduce_the_probabilities_training_gave() -> None:
    """The file loads, and numpy prediction gives the probabilities scikit-learn gave at training time for the
    feature rows stored with the weights (the candidate lines of a few training pages)."""
    w = fm.weights()
    x = np.zeros(tuple(w["probe_shape"]), dtype=np.float32)
    x[w["probe_rows"], w["probe_cols"]] = w["probe_vals"]
    assert x.shape[0] >= 10 and x.shape[1] == len(fm.DENSE) + fm.HASH_BUCKETS
    np.testing.assert_allclose(fm.probabilities(x, w)[0], w["probe_probs"], atol=1e-4)


def test_a_lines_features_do_not_depend_on_which_other_lines_are_asked() -> None:
    page_id = "en-therapist-04"  # a dev page
    page = load_page(page_id, EVAL / "pages" / f"{page_id}.txt", EVAL / "labels" / f"{page_id}.yaml")
    rows = [page.ruled.numbers[i] - 1 for i in fm.candidates(page.ruled)]
    assert rows
    np.testing.assert_array_equal(fm.page_matrix(page.ruled, rows), fm.page_matrix(page.ruled, rows[::-1])[::-1])


def test_the_model_was_trained_only_on_dev_and_even_extra_pages() -> None:
    split = json.loads((EVAL / "split.json").read_text(encoding="utf-8"))
    for page_id in map(str, fm.weights()["pages"]):
        number = re.search(r"-x(\d+)$", page_id)
        if number:
            assert int(number.group(1)) % 2 == 0, page_id  # odd extra pages are held out
        else:
            assert split[page_id] == "dev", page_id  # never a test page


def test_a_sentence_above_a_headline_printed_twice_stays() -> None:
    """Found by the property above: the site's lines above a headline printed twice took a sentence with them."""
    sentence = "Researchers say that therapy helps people who talk about their worries with someone."
    cleaned = remove_furniture("\n\n".join([sentence, "Psihologija", BREADCRUMB, "Psihologija", BODY_BS]))
    assert sentence in cleaned.text and BODY_BS in cleaned.text
    assert cleaned.headline == "Psihologija"
    assert {r.text: r.reason for r in cleaned.removed} == {"Psihologija": "duplicated heading",
                                                           BREADCRUMB: "site navigation"}
