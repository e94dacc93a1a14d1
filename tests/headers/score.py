"""Score the header reader on the real document beginnings in tests/headers/real.

`python -m tests.headers.score` prints, per field, how many documents the parser reads right,
and lists every miss. The expected values were written by reading each text (expected.json);
a field absent from a document's entry is not scored for it, a null means "not stated".
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.domain import Document
from ingest.parser.plan import parse_plan

REAL = Path(__file__).resolve().parent / "real"
HEADER_FIELDS = ("number", "issued_date", "issuer", "kind", "title")
OTHER_FIELDS = (
    "place",
    "signer",
    "signer_title",
    "based_on",
    "replaces",
    "decision_number",
    "decision_date",
    "issues_kind",
)
_SOURCE_LINE = re.compile(r"\A# nguồn: [^\n]*\n")
_TONE_PLACEMENT = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "uỷ": "ủy",
    "uý": "úy",
}


def load_text(slug: str) -> str:
    """A stored document beginning without its first line, which names its address."""
    return _SOURCE_LINE.sub("", (REAL / f"{slug}.txt").read_text(encoding="utf-8"), count=1)


def expected_documents() -> dict[str, dict[str, Any]]:
    return json.loads((REAL / "expected.json").read_text(encoding="utf-8"))


def norm(value: str | None, *, number: bool = False) -> str | None:
    """Case, tone placement, quotes and spacing do not count; for số hiệu, hyphens neither."""
    if value is None:
        return None
    text = unicodedata.normalize("NFC", value).casefold()
    for old, new in _TONE_PLACEMENT.items():
        text = text.replace(old, new)
    text = re.sub(r"[“”\"'‘’]", "", text)
    if number:
        return re.sub(r"[\s\-–]", "", text)
    return " ".join(text.split()).strip(" .,;:")


def actual(document: Document, name: str) -> Any:
    if name == "place":
        place = document.place
        return f"{place.level} {place.name}" if place and place.name else None
    if name == "issues_kind":
        issues = getattr(document, "issues", None)
        return " ".join(issues.split()[:2]) if issues else None
    return getattr(document, name, None)


def matches(name: str, want: Any, got: Any) -> bool:
    if name in ("based_on", "replaces"):
        got_text = norm(" | ".join(got or ()), number=True) or ""
        wanted = [norm(ref, number=True) or "" for ref in want]
        return all(ref in got_text for ref in wanted) and (bool(want) or not got)
    return norm(want, number=name in ("number", "decision_number")) == norm(
        got, number=name in ("number", "decision_number")
    )


@dataclass
class Score:
    right: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def add(self, name: str, ok: bool, note: str) -> None:
        self.total[name] = self.total.get(name, 0) + 1
        self.right[name] = self.right.get(name, 0) + int(ok)
        if not ok:
            self.misses.append(note)

    def rate(self, names: tuple[str, ...]) -> float:
        total = sum(self.total.get(n, 0) for n in names)
        return sum(self.right.get(n, 0) for n in names) / total if total else 1.0


def score() -> Score:
    result = Score()
    for slug, want in expected_documents().items():
        document = parse_plan(load_text(slug), slug).document
        for name in HEADER_FIELDS + OTHER_FIELDS:
            if name not in want:
                continue
            got = actual(document, name)
            result.add(
                name, matches(name, want[name], got), f"{slug} {name}: {got!r} ≠ {want[name]!r}"
            )
    return result


def main() -> int:
    result = score()
    for name in HEADER_FIELDS + OTHER_FIELDS:
        if result.total.get(name):
            print(f"{name:16} {result.right[name]:3}/{result.total[name]:<3}")
    print(f"{'header (5 fields)':16} {result.rate(HEADER_FIELDS):.1%}")
    print("\n".join(result.misses), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
