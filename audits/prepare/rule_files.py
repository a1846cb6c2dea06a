"""Reading the YAML rule and lexicon files every analyzer ships (marketing, evidence, glossary, furniture, language
cues): one loader, libyaml's safe loader when PyYAML has it (the same data, ~9x faster at start-up than the
pure-Python one)."""

from __future__ import annotations

from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """The data of one YAML document (``yaml.YAMLError`` when it is not valid YAML), read safely."""
    return yaml.load(text, Loader=_LOADER)


__all__ = ["load_yaml"]
