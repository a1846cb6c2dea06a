"""Citation consistency and evidence support, in small modules.

intext (in-text citations), references (the reference list), consistency (the two
against each other), evidence (appeals to research without support), relevance
(does the cited work fit the citing sentence), metadata_checks, jama (the four JAMA
benchmarks) and score. The analyzer that ties them together is
audits.analyzers.citations.CitationsAnalyzer.
"""
