"""The learned layer: one calibrated logistic regression per family over e5 sentence embeddings.

Weights are data (``model.npz`` and ``model.json`` next to this module), rebuilt by
``python -m audits.marketing.train`` (provenance in docs/marketing.md). How it joins the rules is
one pure function, ``combine`` (used by the analyzers and by the cross-validation that chose its
thresholds): a sentence no rule of the group caught becomes a finding ``<analyzer>.model.<family>``
when it scores at or above the group's ``add`` threshold, naming the family, the calibrated
probability and the closest labelled training sentence; a weak rule hit (not an error) whose
sentence scores below the group's ``veto`` threshold for every family of the group is dropped. The model is
read-only once loaded, so one copy serves every thread; embeddings come from audits.embeddings
(the product's single e5 model and its cache). Fast mode never calls it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from audits.model import Document, Finding, make_finding

MODEL_DIR = Path(__file__).resolve().parent
WEIGHTS = MODEL_DIR / "model.npz"
META = MODEL_DIR / "model.json"
PROMOTION = ("cta", "contact", "self-promotion", "puffery", "guarantee", "urgency", "emotional-hook")
EVIDENCE = ("evidence-appeal", "overclaim", "statistic")
MIN_CHARS = 12  # shorter "sentences" (menu items, numbers) are not classified
MAX_CHARS = 600  # longer ones are run-on blocks; the rules judge them
# Language groups the model is switched on for separately (the evaluation's reporting groups).
LANGUAGE_GROUPS = {"en": "English", "sr": "sr/hr/bs", "hr": "sr/hr/bs", "bs": "sr/hr/bs", "sl": "Slovenian"}
# Crisis and emergency lines are safety information, never a call to action or contact (LABELLING.md).
_CRISIS = re.compile(
    r"crisis|hotline|help ?line|lifeline|suicid|emergency|samaritan|\bA&E\b|"
    r"\b(116 ?123|116 ?111|988|911|999|112|194)\b|"
    r"\b(broj|linij\w*|telefon\w*) za (\w+ ){0,2}pomo[ćčc]|"
    r"kriz|krizn|hitn|\bSOS\b|stisk|samomor|samoubi|zaupn|plavi telefon|"
    # free public support lines (the rules' phone and e-mail 'unless' list, marketing-contact.yaml)
    r"support (line|via)|besplatn\w* (\w+ ){0,2}(pomo[ćc]|podr[šs]k|savjetovanj|savetovanj|linij)|"
    r"brezplačn\w* (\w+ ){0,2}(pomo[čc]|podpor|svetovanj|linij)|telefonsk\w* linij", re.IGNORECASE)


# What a model finding says and how severe it is, per family (docs/marketing.md, "Severity").
LABELS = {
    "cta": ("a call to action", "warning", "Move the invitation out of the article, or label it as an advertisement."),
    "contact": ("contact or booking details", "warning", "Keep contact details on a contact page."),
    "self-promotion": ("the publisher praising itself", "info", "State qualifications plainly; let readers judge."),
    "puffery": ("promotional hype", "info", "Replace the praise with a fact the reader can check."),
    "guarantee": ("a promised outcome", "error", "No treatment can promise an outcome: say that results vary."),
    "urgency": ("pressure to act now", "warning", "Remove the pressure; give readers time to decide."),
    "emotional-hook": ("an emotional hook used to sell", "info", "Describe symptoms neutrally, without a pitch."),
    "evidence-appeal": ("an appeal to research with no source", "warning", "Cite the studies meant, or soften it."),
    "overclaim": ("a strong health claim with no source", "error", "Cite a study for it, or say what may happen."),
    "statistic": ("a statistic with no source", "warning", "Name the survey or study the figure comes from."),
}


CONFIDENT = 0.5  # below this calibrated probability a learned finding is one severity step milder
_MILDER = {"error": "warning", "warning": "info", "info": "info"}


def severity_of(family: str, probability: float) -> str:
    """A learned finding's severity: the family's (docs/marketing.md, "Severity"), one step milder when
    the model is less sure than CONFIDENT (the operating threshold, chosen by F0.5, may sit lower)."""
    base = LABELS[family][1]
    return base if probability >= CONFIDENT else _MILDER[base]


@dataclass(frozen=True)
class Prediction:
    """One sentence the model assigns to a family."""

    family: str
    index: int  # sentence index in the document
    probability: float
    closest: str  # the most similar labelled training sentence of that family

    @property
    def severity(self) -> str:
        """error, warning or info, by family; one step milder below CONFIDENT (a suggestion to check)."""
        return severity_of(self.family, self.probability)

    @property
    def suggestion(self) -> str:
        """What to do, by family."""
        return LABELS[self.family][2]

    def message(self) -> str:
        """The finding's explanation: family, confidence and the closest labelled example."""
        short = self.closest if len(self.closest) <= 140 else self.closest[:139].rstrip() + "…"
        verb = "reads as" if self.probability >= CONFIDENT else "may be"
        return (f"This sentence {verb} {LABELS[self.family][0]} (learned model, confidence {self.probability:.0%}); "
                f"closest labelled example: \"{short}\".")


@dataclass(frozen=True)
class FamilyModel:
    """Logistic regression weights, Platt calibration and the operating threshold of one family."""

    family: str
    coef: np.ndarray
    intercept: float
    a: float  # calibrated p = 1 / (1 + exp(a * decision + b)), as sklearn's _SigmoidCalibration
    b: float
    threshold: float
    examples: np.ndarray  # embeddings of the family's labelled sentences (int8, x 127)
    texts: tuple[str, ...]

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """Calibrated probabilities for rows of embeddings."""
        decision = x @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(self.a * decision + self.b))

    def closest(self, vec: np.ndarray) -> str:
        """The labelled sentence of this family nearest to an embedding (cosine; both are normalised)."""
        if not self.texts:
            return ""
        return self.texts[int(np.argmax(self.examples.astype(np.float32) @ vec))]


@lru_cache(maxsize=1)
def load_models() -> dict[str, FamilyModel]:
    """The shipped per-family models ({} when no weights are shipped)."""
    if not WEIGHTS.exists() or not META.exists():
        return {}
    meta = json.loads(META.read_text(encoding="utf-8"))
    with np.load(WEIGHTS) as data:
        arrays = {k: data[k] for k in data.files}
    models = {}
    for family, m in meta["families"].items():
        key = family.replace("-", "_")
        models[family] = FamilyModel(
            family=family, coef=arrays[f"{key}_coef"].astype(np.float32), intercept=float(m["intercept"]),
            a=float(m["a"]), b=float(m["b"]), threshold=float(m["threshold"]),
            examples=arrays[f"{key}_examples"], texts=tuple(m["examples"]))
    return models


def is_crisis(sentence: str) -> bool:
    """Whether a sentence is about a crisis or emergency line."""
    return bool(_CRISIS.search(sentence))


SIGNPOSTED = ("cta", "contact")  # families a crisis or helpline context cancels
NOT_ON_INSTITUTIONAL = ("self-promotion", "puffery", "cta")  # never learned on a public service describing itself


def promotion_allowed(family: str, sentence: str, signposted: bool, institutional: bool) -> bool:
    """Whether a learned promotion finding of this family may stand in this sentence: never a call to action or
    contact on a crisis line or a line of a helpline list, never self-promotion, praise or an invitation on a
    public service's or charity's page. The analyzer and the trainer's selection both ask this."""
    if family in SIGNPOSTED and (is_crisis(sentence) or signposted):
        return False
    return not (institutional and family in NOT_ON_INSTITUTIONAL)


def language_group(code: str) -> str:
    """English, sr/hr/bs, Slovenian or other."""
    return LANGUAGE_GROUPS.get(code, "other")


def enabled(group: str, language: str = "en") -> bool:
    """Whether the shipped model is switched on for a family group (promotion, evidence) in a language:
    only where it beat the rules alone in page-grouped cross-validation."""
    switch = metadata().get("enabled", {}).get(group)
    if isinstance(switch, dict):
        return bool(switch.get(language_group(language)))
    return bool(switch)


@dataclass(frozen=True)
class Policy:
    """How the model joins the rules for one family group (chosen by cross-validation, docs/marketing.md)."""

    add: float  # a sentence no rule of the group caught is reported at or above this probability
    veto: float  # a weak rule hit is dropped when its sentence scores below this for every family (0: never)


def policy(group: str) -> Policy:
    """The shipped policy of a family group (never adds, never vetoes when none is shipped)."""
    raw = metadata().get("combine", {}).get(group)
    return Policy(float(raw["add"]), float(raw["veto"])) if raw else Policy(1.01, 0.0)


def combine(probs: dict[int, dict[str, float]], hits: list[tuple[int | None, bool]], pol: Policy,
            allowed: Callable[[int, str], bool] = lambda i, f: True) -> tuple[list[bool], list[tuple[int, str, float]]]:
    """Join the model with the rules of one family group.

    probs: sentence index -> calibrated probability per family (classifiable sentences only);
    hits: per rule hit, (its sentence index or None, whether it is weak). Returns which hits stay and
    the additions (sentence index, family, probability): sentences that no kept hit covers, whose best
    allowed family scores at or above ``pol.add``.
    """
    keep = [not (weak and i is not None and i in probs and max(probs[i].values(), default=0.0) < pol.veto)
            for i, weak in hits]
    covered = {i for (i, _), k in zip(hits, keep, strict=True) if k and i is not None}
    added = []
    for i in sorted(probs):
        if i in covered:
            continue
        options = [(p, f) for f, p in probs[i].items() if allowed(i, f)]
        if options:
            p, f = max(options)
            if p >= pol.add:
                added.append((i, f, p))
    return keep, added


def sentence_probabilities(sentences: list[str], families: tuple[str, ...],
                           models: dict[str, FamilyModel] | None = None) -> tuple[dict[int, dict[str, float]],
                                                                                 dict[int, np.ndarray]]:
    """Calibrated probability of every classifiable sentence for each family that has a model, and its vector."""
    models = load_models() if models is None else models
    chosen = [models[f] for f in families if f in models]
    idx = [i for i, s in enumerate(sentences) if classifiable(s)]
    if not chosen or not idx:
        return {}, {}
    from audits.embeddings import embed_e5

    vecs = embed_e5([sentences[i] for i in idx])
    table = {m.family: m.probabilities(vecs) for m in chosen}
    probs = {i: {f: float(p[row]) for f, p in table.items()} for row, i in enumerate(idx)}
    return probs, {i: vecs[row] for row, i in enumerate(idx)}


def explain(family: str, index: int, probability: float, vec: np.ndarray,
            models: dict[str, FamilyModel] | None = None) -> Prediction:
    """A model finding's explanation: its family, confidence and closest labelled example."""
    models = load_models() if models is None else models
    return Prediction(family, index, probability, models[family].closest(vec))


@lru_cache(maxsize=1)
def metadata() -> dict:
    """The model card (training data, figures, thresholds) as shipped."""
    return json.loads(META.read_text(encoding="utf-8")) if META.exists() else {}


def classifiable(sentence: str) -> bool:
    """Whether a sentence is worth classifying (not a fragment, not a run-on block)."""
    stripped = sentence.strip()
    return MIN_CHARS <= len(stripped) <= MAX_CHARS and bool(re.search(r"[^\W\d_]{3}", stripped))


def added_findings(doc: Document, added: list[tuple[int, str, float]], vecs: dict[int, np.ndarray],
                   models: dict[str, FamilyModel], rule_prefix: str, category: str,
                   rule_enabled: Callable[[str], bool]) -> list[Finding]:
    """The findings for sentences ``combine`` added: rule id ``<rule_prefix><family>``, explained by
    family, confidence and closest labelled example (shared by the marketing and citations analyzers)."""
    out = []
    for i, family, p in added:
        rule_id = f"{rule_prefix}{family}"
        if not rule_enabled(rule_id):
            continue
        pred = explain(family, i, p, vecs[i], models)
        out.append(make_finding(doc, rule_id, category, pred.severity, pred.message(), doc.sentences[i],
                                suggestion=pred.suggestion))
    return out


__all__ = [
    "CONFIDENT",
    "EVIDENCE",
    "LABELS",
    "PROMOTION",
    "FamilyModel",
    "Policy",
    "Prediction",
    "added_findings",
    "classifiable",
    "combine",
    "enabled",
    "explain",
    "is_crisis",
    "language_group",
    "load_models",
    "metadata",
    "policy",
    "promotion_allowed",
    "sentence_probabilities",
    "severity_of",
]
