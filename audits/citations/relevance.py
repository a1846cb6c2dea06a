"""Reference relevance: does the cited work's title fit the sentence that cites it?

Both texts are embedded with audits.embeddings (multilingual-e5-small, or TF-IDF character
n-grams when config.fast or the model is unavailable). Raw e5 cosines bunch together
(~0.8 for any two texts), so both vectors are first centred on the mean embedding of a
fixed background of generic health sentences and titles (BACKGROUND) and renormalised;
the centred cosine is compared with a per-method threshold calibrated on the labelled
pairs in tests/data/citations_relevance.yaml (figures in docs/citations.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import numpy as np

from audits.embeddings import embed

# Calibrated on tests/data/citations_relevance.yaml (50 pairs): below the threshold a
# reference is flagged as off-topic for its sentence. See docs/citations.md.
THRESHOLDS = {"e5-small": 0.25, "tfidf-char": 0.09}

BACKGROUND = (
    "Psychotherapy helps people understand their feelings and change patterns of behaviour.",
    "Depression is a common mental disorder that affects mood, sleep and energy.",
    "Anxiety disorders are treated with psychotherapy, medication or both.",
    "Randomized controlled trial of a new drug for hypertension in adults",
    "Prevalence of diabetes in a national health survey",
    "The patient was referred to a specialist after the first visit.",
    "A systematic review and meta-analysis of treatment outcomes",
    "Exercise and diet can improve general health.",
    "Brain imaging studies of emotion and memory",
    "Children and adolescents need age-appropriate care.",
    "Quality of life after cancer treatment: a cohort study",
    "Nurses and doctors work together in hospital teams.",
    "Sleep problems are linked to many health conditions.",
    "Public health policy and access to care in rural communities",
    "Genetic and environmental risk factors for disease",
    "Stress affects the body and the mind.",
    "Pharmacological treatment of chronic pain in primary care",
    "Clinical guidelines for the management of heart failure",
    "Social support protects against the effects of stressful life events.",
    "The role of the family in recovery from illness",
    "Terapija pomaže ljudima da razumeju svoja osećanja.",
    "Istraživanje je sprovedeno na uzorku odraslih ispitanika.",
    "Vaccination coverage and infectious disease outbreaks",
    "Addiction treatment programmes and relapse prevention",
)
_MARKER = re.compile(r"\[[\d\s,–-]+\]|\([^()]{0,200}\b(?:1[89]|20)\d{2}[a-z]?\)|[⁰¹²³⁴⁵⁶⁷⁸⁹]+")


@dataclass(frozen=True)
class RelevancePair:
    """A citing sentence and the reference it cites, with their centred similarity."""

    citation_key: str
    reference_key: str
    sentence: str
    reference_text: str
    similarity: float
    threshold: float
    fits: bool
    method: str


def clean_sentence(sentence: str) -> str:
    """The citing sentence without its citation markers."""
    return re.sub(r"\s+", " ", _MARKER.sub(" ", sentence)).strip()


@cache
def _background(method: str) -> np.ndarray:
    # e5 embeds each text on its own, so the background is embedded once per process.
    vectors, _ = embed(list(BACKGROUND), method)
    vectors = np.array(vectors, copy=True)
    vectors.setflags(write=False)  # shared by every thread of the process: read-only
    return vectors


def _embed_with_background(texts: list[str], method: str) -> tuple[np.ndarray, np.ndarray, str]:
    if method == "e5-small":
        vectors, used = embed(texts, method)
        if used == "e5-small":
            return vectors, _background("e5-small"), used
    # TF-IDF is fitted on the texts it is given, so the background goes into the same call.
    both, used = embed([*texts, *BACKGROUND], "tfidf-char")
    note = used if method == "tfidf-char" else "tfidf-char (fallback: embedding model unavailable)"
    return both[: len(texts)], both[len(texts) :], note


def centred_similarities(sentences: list[str], references: list[str], method: str) -> tuple[np.ndarray, str]:
    """Centred cosine of each sentence with the reference at the same position, and the method used."""
    if not sentences:
        return np.zeros(0), method
    vectors, background, used = _embed_with_background([*sentences, *references], method)
    mean = background.mean(axis=0)
    centred = vectors - mean
    norms = np.linalg.norm(centred, axis=1, keepdims=True)
    centred = centred / np.where(norms == 0, 1.0, norms)
    n = len(sentences)
    sims = np.einsum("ij,ij->i", centred[:n], centred[n:])
    return sims, used


def threshold_for(method: str) -> float:
    """The calibrated threshold for an embedding method (TF-IDF's for any fallback)."""
    return THRESHOLDS["e5-small"] if method == "e5-small" else THRESHOLDS["tfidf-char"]


def score_pairs(
    items: list[tuple[str, str, str, str]], method: str, threshold: float | None = None
) -> list[RelevancePair]:
    """(citation key, reference key, sentence, reference text) -> pairs with similarity and verdict."""
    if not items:
        return []
    sentences = [clean_sentence(s) for _, _, s, _ in items]
    references = [r for _, _, _, r in items]
    sims, used = centred_similarities(sentences, references, method)
    limit = threshold if threshold is not None else threshold_for(used)
    return [
        RelevancePair(c, r, s, ref, round(float(sim), 4), limit, bool(sim >= limit), used)
        for (c, r, _, ref), s, sim in zip(items, sentences, sims, strict=True)
    ]
