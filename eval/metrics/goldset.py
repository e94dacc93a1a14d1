"""Load the gold question set and count it by type, tag and document.

``python -m eval.metrics.goldset [path]`` prints the counts table used in eval/README.md.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eval.metrics.retrieval import GoldRef

GOLD_PATH = Path(__file__).resolve().parent.parent / "gold.jsonl"
TYPES = (
    "who",
    "when",
    "target",
    "list",
    "compare",
    "meta",
    "guidance",
    "unanswerable",
    "ambiguous",
    "follow-up",
)

Question = dict[str, Any]


def load_gold(path: Path = GOLD_PATH) -> list[Question]:
    """Parse one JSON object per non-empty line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def gold_refs(question: Question) -> list[GoldRef]:
    """The question's gold evidence as ``GoldRef`` items."""
    return [GoldRef.from_dict(g) for g in question.get("gold", [])]


ABSTAIN_TAG = "abstain"


def should_abstain(question: Question) -> bool:
    """Whether the correct behaviour is to abstain: type ``unanswerable``, or a follow-up
    tagged ``abstain`` whose answer the plans do not contain."""
    return question["type"] == "unanswerable" or ABSTAIN_TAG in question.get("tags", [])


def gold_counts(questions: Sequence[Question]) -> dict[str, Counter[str]]:
    """Counters by type, by tag, by targeted document and by documents cited in gold."""
    cited: Counter[str] = Counter()
    for q in questions:
        cited.update({g["document"] for g in q.get("gold", [])})
    return {
        "type": Counter(q["type"] for q in questions),
        "tag": Counter(t for q in questions for t in q.get("tags", [])),
        "document": Counter(q.get("document") or "(none)" for q in questions),
        "cited document": cited,
    }


def format_counts(questions: Sequence[Question]) -> str:
    """A plain-text table of ``gold_counts`` (most common first) with the total."""
    out = [f"total questions: {len(questions)}"]
    for name, counter in gold_counts(questions).items():
        out.append(f"\nby {name}:")
        out.extend(f"  {key:<48} {n:>4}" for key, n in counter.most_common())
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover
    print(format_counts(load_gold(Path(sys.argv[1]) if len(sys.argv) > 1 else GOLD_PATH)))
