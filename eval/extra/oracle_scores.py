"""What the marketing score would be if the tool found exactly the labelled promotion spans.

    PYTHONPATH=. python eval/extra/oracle_scores.py

Each page's labelled promotion spans are scored with the product's formula (audits.marketing.score) as cues
of their family at the family's typical rule weight (the weight a learned finding gets at full confidence,
audits.analyzers.marketing.family_weights); promotional regions are left out (a lower bound), and a page
labelled public service or charity gets the institutional factor. It separates the two reasons a sales page
can score low: the formula (this script's medians) or the findings (score_spans.py). Dev pages, and the even and
odd halves of the extra pages; test is never read.
"""

from __future__ import annotations

import statistics

from audits.analyzers.marketing import family_weights, rule_family
from audits.config import AuditConfig
from audits.evaluation.labels import (
    EVAL_DIR,
    PROMOTION_FAMILIES,
    PUBLIC_KINDS,
    SALES_KINDS,
    PageLabels,
    half_of,
    load_page,
    load_split,
)
from audits.marketing import active_rules, marketing_score, weight_of
from audits.marketing.trainingdata import load_extra


def typical_weights(config: AuditConfig) -> dict[str, float]:
    """Each rule family's typical cue weight under this config, as the marketing analyzer computes it."""
    rules = active_rules(config)
    return family_weights(rules, {r.id: weight_of(r, config) for r in rules})


def oracle_score(page: PageLabels, typical: dict[str, float]) -> float:
    """The marketing score of the page's labelled promotion spans."""
    families = [rule_family(s.family) for s in page.spans if s.family in PROMOTION_FAMILIES]
    cues = sum(typical.get(f, 1.0) for f in families)
    return marketing_score(cues, len(page.text.split()), 0, page.kind in PUBLIC_KINDS, set(families)).value


def main() -> int:
    typical = typical_weights(AuditConfig())
    split = load_split()
    # Only the dev pages' files are opened (load_corpus would read the test split's too).
    dev = [load_page(p, EVAL_DIR / "pages") for p in sorted((EVAL_DIR / "labels").glob("*.yaml"))
           if split.get(p.stem) == "dev"]
    extra = load_extra()
    sets = {"dev": dev, "extra, even half": [p for p in extra if half_of(p.id) == "even"],
            "extra, odd half": [p for p in extra if half_of(p.id) == "odd"]}
    for name, pages in sets.items():
        sales = [oracle_score(p, typical) for p in pages if p.kind in SALES_KINDS]
        public = [oracle_score(p, typical) for p in pages if p.kind in PUBLIC_KINDS]
        print(f"{name}: {len(sales)} clinic/therapist/coach pages, median {statistics.median(sales):.1f} "
              f"({sum(s >= 30 for s in sales)} at >= 30); {len(public)} public/charity pages, "
              f"max {max(public):.1f} ({sum(s > 10 for s in public)} over 10)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
