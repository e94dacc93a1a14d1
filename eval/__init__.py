"""Evaluation of kehoach: the gold question set and pure metric functions."""
