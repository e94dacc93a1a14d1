"""Header fields on a second set of real document beginnings (tests/headers/found2).

Twelve beginnings of real official documents, copied as the stored copies of public pages had
them (addresses in expected.json, with the shape each adds): joint issuers (UBND with the Ủy ban
MTTQ, Thường trực HĐND with the UBND), decisions issuing a Ban Chỉ đạo's quy chế, approving a plan
or headed "V/v", page chrome and attribute blocks, a PDF preview flattened onto one line. The
expected values were written by reading the texts and scored on the code as it was before
the changes that came with them (main at c74e9ab): see tests/headers/found2/README.md.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ingest.domain import Document
from ingest.parser.plan import parse_plan
from tests.test_headers_heldout import _norm

FOUND2 = Path(__file__).resolve().parent / "headers" / "found2"
EXPECTED: dict[str, dict[str, Any]] = json.loads(
    (FOUND2 / "expected.json").read_text(encoding="utf-8")
)
FIELDS = ("number", "issued_date", "issuer", "kind", "title", "issues_kind")


def _title_right(document: Document, wanted: list[str]) -> bool:
    title = _norm(document.title)
    kind = _norm(document.kind)
    if kind and title.startswith(kind + " "):  # "Kế hoạch Triển khai …" and "Triển khai …"
        title = title[len(kind) + 1 :]
    return any(title == _norm(want) for want in wanted)


def fields_right(document: Document, want: dict[str, Any]) -> dict[str, bool]:
    """Each expected field: read right or not (a joint issuer must name every body)."""
    numbers = want["number"] if isinstance(want["number"], list) else [want["number"]]
    bodies, place = want["issuer"]
    issuer = _norm(document.issuer)
    right = {
        "number": _norm(document.number) in [_norm(n) for n in numbers],
        "issued_date": document.issued_date == want["issued_date"],
        "issuer": bool(issuer)
        and all(_norm(body) in issuer for body in bodies)
        and (place is None or _norm(place) in issuer),
        "kind": _norm(document.kind) == _norm(want["kind"]),
        "title": _title_right(document, want["title"]),
    }
    if "issues_kind" in want:
        issues = " ".join((document.issues or "").split()[:2])
        right["issues_kind"] = _norm(issues) == _norm(want["issues_kind"])
    return right


def parsed(name: str, folder: Path = FOUND2) -> Document:
    text = (folder / name).read_text(encoding="utf-8")
    return parse_plan(text, name.removesuffix(".txt"), name).document


FieldsRight = Callable[[Document, dict[str, Any]], dict[str, bool]]


def folder_score(
    folder: Path, expected: dict[str, dict[str, Any]], rules: FieldsRight
) -> tuple[int, int, list[str]]:
    """Fields right, fields scored, and one line per miss, of a folder of real beginnings."""
    right = total = 0
    misses: list[str] = []
    for name, want in expected.items():
        document = parsed(name, folder)
        for field, ok in rules(document, want).items():
            right += ok
            total += 1
            if not ok:
                got = document.issues if field == "issues_kind" else getattr(document, field)
                misses.append(f"{name} {field}: {got!r}")
    return right, total, misses


def score() -> tuple[int, int, list[str]]:
    """Fields right, fields scored, and one line per miss."""
    return folder_score(FOUND2, EXPECTED, fields_right)


def test_found2_headers_are_read_to_the_rules() -> None:
    right, total, misses = score()
    assert right == total, misses


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_found2_document_has_its_address(name: str) -> None:
    assert EXPECTED[name]["url"].startswith("http")
    assert (FOUND2 / name).exists()


if __name__ == "__main__":  # python -m tests.test_headers_found2: the score and every miss
    got, of, missed = score()
    print(f"{got}/{of} fields right")
    print("\n".join(missed), file=sys.stderr)
