"""Does a page read like a public service or charity? A learned page-level hint (docs/marketing.md, "Who publishes").

The marketing score damps a public service or charity describing itself, recognised by phrases in its text (NHS,
"registered charity", "dom zdravlja", a public body's name: marketing-context.yaml). A public page that names none of
them is scored like a sales page. This model reads the page as a whole instead: the mean multilingual-e5 embedding of
its first sentences (the vectors the learned layer already computes), standardised, into one logistic regression
trained on pages labelled by the kind of their publisher. At the balanced threshold it would also damp a few clinics on
held-out pages (docs/marketing.md), so where the text shows no public body the audit mostly says only that the page
reads like a public service, and the user decides (Sources, "Say who publishes a source"). Where the text has one
institutional phrase, a model at least CONFIRMS_ONE_PHRASE sure confirms it (a second cue); where it has none and sells
nothing, a model at least CONFIRMS_NO_PHRASE sure decides on its own (session 23).
The analyzer reads a page once (``read_page``) and asks the reading both questions.

Default mode only (fast mode loads no embedding model). Prediction is numpy; the weights are data next to this file
(``publisher.npz``: 384 coefficients, the standardisation, the threshold), rebuilt with provenance by
``python -m audits.evaluation.publisher_train``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from audits.weights import read_only_arrays

WEIGHTS_FILE = Path(__file__).with_name("publisher.npz")
SENTENCES = 40  # the page's first sentences read (a public body says who it is early)
MIN_WORDS = 4  # shorter sentences (menu items, headings) say little about the publisher


def page_sentences(sentences: Sequence[str]) -> list[str]:
    """The sentences the model reads: the first SENTENCES of at least MIN_WORDS words."""
    return [s for s in sentences if len(s.split()) >= MIN_WORDS][:SENTENCES]


def page_vector(sentences: Sequence[str]) -> np.ndarray | None:
    """The unit-length mean embedding of the page's sentences, or None when it has none to read."""
    chosen = page_sentences(sentences)
    if not chosen:
        return None
    from audits.embeddings import embed_e5  # the model is loaded only in default mode

    mean = embed_e5(chosen).mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm else None


@cache
def weights() -> dict[str, np.ndarray]:
    """The shipped weights (read-only arrays)."""
    return read_only_arrays(WEIGHTS_FILE)


def probability(vector: np.ndarray, w: dict[str, np.ndarray] | None = None) -> float:
    """P(public service or charity) of a page vector."""
    w = weights() if w is None else w
    z = float(((vector - w["mean"]) / w["scale"]) @ w["coef"] + w["intercept"])
    return 1.0 / (1.0 + float(np.exp(-z)))


# One institutional phrase is not enough on its own (a clinic may say "your GP" or "counselling service"), but one
# phrase with the page model this sure, on a page long enough for the model to read it as a whole, is a public service
# or charity describing itself (docs/marketing.md, session 18: chosen on dev and the even halves, where it damps two
# public pages over 10 and no private provider at 30 or more; on the held-out odd halves it damps one public page over
# 10 and no private provider). On a short text, a few sentences of a clinic's sales tail, the mean embedding is a guess.
CONFIRMS_ONE_PHRASE = 0.7
CONFIRM_SENTENCES = 8  # sentences the model must read (page_sentences) before it may confirm one phrase
# With no institutional phrase at all, a page that sells nothing (no price, refund, guarantee or private provider's
# statement) is a public service or charity when the model is this sure (docs/marketing.md, session 23: out of fold on
# the training pages, the lowest threshold at which no private provider's page is taken for one; on the held-out odd
# halves it takes public pages over 10 from 25 to 22 of 124 and damps no private provider).
CONFIRMS_NO_PHRASE = 0.9


@dataclass(frozen=True)
class PageReading:
    """The model's reading of one page, computed once: its probability that a public service or charity publishes
    the page (None when the weights are missing or there is no sentence to read) and how many sentences it read."""

    probability: float | None
    sentences: int

    def reads_as_public(self) -> float | None:
        """The probability (rounded) when the page reads like a public service or charity (at or above the shipped
        threshold), else None."""
        p = self.probability
        return round(p, 2) if p is not None and p >= float(weights()["threshold"]) else None

    def confirms_one_phrase(self) -> float | None:
        """The probability (rounded) when the model is sure enough, on enough sentences, to confirm a single
        institutional phrase, else None."""
        return self._sure(CONFIRMS_ONE_PHRASE)

    def confirms_no_phrase(self) -> float | None:
        """The probability (rounded) when the model is sure enough, on enough sentences, that a page showing no
        institutional phrase and selling nothing is a public service's or charity's, else None."""
        return self._sure(CONFIRMS_NO_PHRASE)

    def _sure(self, threshold: float) -> float | None:
        p = self.probability
        ok = p is not None and p >= threshold and self.sentences >= CONFIRM_SENTENCES
        return round(p, 2) if ok else None


def read_page(sentences: Sequence[str]) -> PageReading:
    """The page model's reading of a page's sentences."""
    read = len(page_sentences(sentences))
    if not WEIGHTS_FILE.exists() or not read:
        return PageReading(None, read)
    vector = page_vector(sentences)
    return PageReading(None if vector is None else probability(vector), read)
