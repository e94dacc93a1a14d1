"""Question batches written blind, and the score of each batch's first run.

``eval/blind/batches.toml`` lists every batch of questions written after the gold set: its
questions file, the plan folders it is asked over, and the file holding its *blind
baseline* — the scores of the first run, made before any change for that batch. A batch's
baseline is recorded once (``--record-baseline``) and never overwritten, so every later
report can show what was measured blind beside what is measured now, after tuning.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eval.metrics.aggregate import OVERALL
from eval.result import EvalResult

REPO_ROOT = Path(__file__).resolve().parent.parent
BLIND_DIR = Path(__file__).resolve().parent / "blind"
BATCHES_PATH = BLIND_DIR / "batches.toml"

# Figures kept in a baseline and shown side by side (overall and per question type).
BASELINE_METRICS = (
    "key_facts",
    "all_facts",
    "hit@3",
    "citation_correct",
    "confident_wrong",
    "abstained_answerable",
)
BASELINE_ABSTENTION = ("abstention_precision", "abstention_recall")


@dataclass(frozen=True)
class Batch:
    """One registered batch: where its questions, plans and blind baseline live."""

    name: str
    questions: Path
    corpus: tuple[Path, ...]
    baseline: Path
    written: str = ""

    def load_baseline(self) -> dict[str, Any] | None:
        """The recorded first-run figures, or None when the batch has not been run yet."""
        if not self.baseline.is_file():
            return None
        data: dict[str, Any] = json.loads(self.baseline.read_text(encoding="utf-8"))
        return data


def load_batches(path: Path = BATCHES_PATH, root: Path = REPO_ROOT) -> list[Batch]:
    """The ``[[batch]]`` tables of ``path``; relative paths are read from ``root`` (corpus)
    or from the registry's folder (questions, baseline)."""
    if not path.is_file():
        return []
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    batches = []
    for item in data.get("batch", []):
        batches.append(
            Batch(
                name=str(item["name"]),
                questions=(path.parent / item["questions"]).resolve(),
                corpus=tuple((root / c).resolve() for c in item.get("corpus", ["corpus"])),
                baseline=(path.parent / item["baseline"]).resolve(),
                written=str(item.get("written", "")),
            )
        )
    return batches


def find_batch(questions: Path | None, batches: list[Batch] | None = None) -> Batch | None:
    """The registered batch whose questions file is ``questions`` (None for the gold set)."""
    if questions is None:
        return None
    target = questions.resolve()
    for batch in load_batches() if batches is None else batches:
        if batch.questions == target:
            return batch
    return None


def baseline_figures(result: EvalResult) -> dict[str, Any]:
    """Our overall and per-type figures in a run, in the form a baseline keeps them."""
    report = result.systems[result.ours]
    overall = report.overall()
    by_type: dict[str, dict[str, float | int | None]] = {}
    for qtype, group in report.by_type.items():
        if qtype == OVERALL:
            continue
        row: dict[str, float | int | None] = {"n": group.n}
        row.update({m: group.means.get(m) for m in BASELINE_METRICS})
        by_type[qtype] = row
    return {
        "questions": result.questions,
        "overall": {m: overall.get(m) for m in BASELINE_METRICS + BASELINE_ABSTENTION},
        "by_type": by_type,
        "failing": [row.id for row in result.failing()],
    }


def record_baseline(batch: Batch, result: EvalResult, provenance: Mapping[str, str]) -> Path:
    """Write ``batch``'s blind baseline from its first run; refuses to overwrite one."""
    if batch.baseline.exists():
        raise FileExistsError(
            f"{batch.baseline} already holds the first run of {batch.name}: a blind score "
            "is recorded once, before any change for the batch"
        )
    data = {"batch": batch.name, **dict(provenance), **baseline_figures(result)}
    batch.baseline.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    batch.baseline.write_text(text + "\n", encoding="utf-8")
    return batch.baseline
