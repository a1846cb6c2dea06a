"""Marketing-content detection: rules as data, matching, promotional regions and the score."""

from audits.marketing.matching import Match, find_matches
from audits.marketing.regions import Region, find_regions
from audits.marketing.rules import Rule, RuleFileError, active_rules, load_rules, rule_catalog, weight_of
from audits.marketing.score import MarketingScore, marketing_score

__all__ = [
    "MarketingScore",
    "Match",
    "Region",
    "Rule",
    "RuleFileError",
    "active_rules",
    "find_matches",
    "find_regions",
    "load_rules",
    "marketing_score",
    "rule_catalog",
    "weight_of",
]
