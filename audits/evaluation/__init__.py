"""Evaluation on the hand-labelled corpus in eval/: labels, the audit run, and the figures."""
