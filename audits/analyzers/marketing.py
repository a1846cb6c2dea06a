"""Marketing content: calls to action, self-promotion, puffery and over-claims.

Guidance: HONcode principle 8 and the JAMA benchmarks (advertising separated from
content, disclosure of commercial interest); Sumner et al., BMJ 2014 on exaggeration.
Rules are data (audits/rules/marketing.yaml), validated when loaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from audits.analyzers.base import clamp, make_finding
from audits.config import AuditConfig
from audits.model import AnalysisResult, Document, Metric, Score, Severity, Span

RULES_FILE = Path(__file__).resolve().parent.parent / "rules" / "marketing.yaml"


class RuleFileError(ValueError):
    """A rule file that cannot be used; the message names the file and the field."""


@dataclass(frozen=True)
class Rule:
    """One marketing rule loaded from YAML."""

    id: str
    severity: Severity
    weight: float
    languages: tuple[str, ...]
    message: str
    why: str
    pattern: re.Pattern[str]


@cache
def load_rules(path: str = str(RULES_FILE)) -> tuple[Rule, ...]:
    """Parse and validate a rule file."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RuleFileError(f"{path}: cannot read rules ({exc})") from None
    rules = []
    for i, item in enumerate((data or {}).get("rules", [])):
        where = f"{path}: rule {i + 1}"
        try:
            patterns = item["patterns"]
            rules.append(Rule(
                id=str(item["id"]),
                severity=Severity.parse(item.get("severity", "info")),
                weight=float(item.get("weight", 1)),
                languages=tuple(item.get("languages", ["en"])),
                message=str(item["message"]),
                why=str(item.get("why", "")),
                pattern=re.compile(r"(?<![\w-])(?:" + "|".join(patterns) + r")(?![\w-])", re.IGNORECASE),
            ))
        except KeyError as exc:
            raise RuleFileError(f"{where}: missing field {exc.args[0]!r}") from None
        except (re.error, ValueError, TypeError) as exc:
            raise RuleFileError(f"{where}: {exc}") from None
    return tuple(rules)


class MarketingAnalyzer:
    """Finds promotional cues and scores their weighted density."""

    id = "marketing"
    description = "Calls to action, self-promotion, puffery and over-claims."
    scope = "document"

    def analyze(self, doc: Document, config: AuditConfig) -> AnalysisResult:
        """Findings for each promotional cue; score from their weighted density per 100 words."""
        findings = []
        weighted = 0.0
        lang = doc.language.code
        for rule in load_rules():
            if not config.rule_enabled(rule.id) or lang not in rule.languages:
                continue
            for m in rule.pattern.finditer(doc.text):
                findings.append(make_finding(doc, rule.id, "marketing", rule.severity, rule.message,
                                             Span(m.start(), m.end())))
                weighted += config.weight_for(rule.id, rule.weight)
        density = 100.0 * weighted / max(doc.word_count, 1)
        score = Score(clamp(density * 20.0), "normal",
                      f"weighted cues per 100 words = {density:.2f}; score = 20 x density, capped at 100")
        metrics = (Metric("marketing.weighted_density", density, "Weighted cues per 100 words"),
                   Metric("marketing.cues", float(len(findings)), "Promotional cues"))
        return AnalysisResult(tuple(findings), metrics, {"regions": []}, {"marketing": score})
