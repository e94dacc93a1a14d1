"""Golden structure files: the expected parse of every corpus plan, reviewed once, then diffed.

Regenerate after a deliberate parser change with `make golden`, then review the diff.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from ingest.domain import ParsedPlan, to_plain
from ingest.parser.plan import parse_plan
from ingest.reader import read_source

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
GOLDEN = Path(__file__).resolve().parent / "golden"


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


def parse_corpus_file(path: Path) -> ParsedPlan:
    source = read_source(path, max_bytes=20 * 1024 * 1024)
    return parse_plan(source.text, source.document_id, f"corpus/{path.name}")


def summary(plan: ParsedPlan) -> dict[str, Any]:
    """What the golden file pins: metadata, the clause tree (offsets pin the text) and rows."""
    return {
        "document": to_plain(plan.document),
        "warnings": list(plan.warnings),
        "clauses": [
            {
                "id": c.id,
                "kind": c.kind.value,
                "number": c.number,
                "heading": c.heading,
                "path": c.path,
                "start": c.start,
                "end": c.end,
                "body_end": c.body_end,
                "parent_id": c.parent_id,
                "period": c.period,
                "begins": " ".join(c.body.split())[:80],
            }
            for c in plan.clauses
        ],
        "targets": [to_plain(t) for t in plan.targets],
    }


def golden_path(path: Path) -> Path:
    return GOLDEN / f"{path.stem}.json"


def write_all() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for path in corpus_files():
        data = summary(parse_corpus_file(path))
        golden_path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")
        print(f"wrote {golden_path(path).relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    write_all()
