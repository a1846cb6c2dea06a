"""Claims across sources and languages: extract, embed, cluster, compare, and measure overlap.

extract: check-worthy sentences (and clauses) with exact spans; cluster: nearest-neighbour
grouping with per-language-pair thresholds and an average-linkage check; agreement: negation
and hedge/booster differences inside a cluster; overlap: per-source scores and the
source x source Jaccard matrix.
"""
