"""Content-quality audits for mental-health writing: readability, marketing, citations, claims.

The engine is pure Python (no Streamlit). Entry point: ``audits.engine.run_audit``.
"""

__version__ = "0.1.0"
RULESET_VERSION = "2026.11.2"  # bump when a rule, lexicon or threshold default changes
