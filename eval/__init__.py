"""Evaluation of kehoach: the gold question set, pure metrics, baselines, report and gate.

``eval.run.run_evaluation`` answers the gold set with our assistant and two retrieval-only
baselines, scores them with ``eval.metrics`` (and offline ragas metrics), and writes the
report; ``eval.thresholds.check_thresholds`` is the quality gate; ``eval.cli.eval_command``
is ``kehoach eval``.
"""
