"""Readability building blocks: syllables, counts, formulas, passive voice, jargon."""
