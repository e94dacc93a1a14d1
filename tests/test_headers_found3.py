"""Header fields on a third set of real document beginnings (tests/headers/found3).

Five beginnings of real documents, copied as the stored copies of public pages had them
(addresses in expected.json, with the shape each adds): a UBND công văn with "Kính gửi" and its
signer block, an HĐND resolution of 2025 under an attribute table, two Đoàn TNCS plans (runs
of spaces; pipe cells with hard-wrapped names), a plan behind a subscription notice with the
area line lost. A field left out of a document's entry is not scored for it (the page dropped
the trích yếu of two). The expected values were written by reading the texts and scored on the
code as it was before the changes that came with them: see tests/headers/found3/README.md.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from ingest.domain import Document
from tests.test_headers_found2 import fields_right as _header_fields
from tests.test_headers_found2 import folder_score
from tests.test_headers_heldout import _norm

FOUND3 = Path(__file__).resolve().parent / "headers" / "found3"
EXPECTED: dict[str, dict[str, Any]] = json.loads(
    (FOUND3 / "expected.json").read_text(encoding="utf-8")
)


def fields_right(document: Document, want: dict[str, Any]) -> dict[str, bool]:
    """Each expected field: read right or not; title, signer and signer_title only where given."""
    right = _header_fields(document, {"title": [""], **want})
    if "title" not in want:
        del right["title"]
    for name in ("signer", "signer_title"):
        if name in want:
            right[name] = _norm(getattr(document, name)) == _norm(want[name])
    return right


def score() -> tuple[int, int, list[str]]:
    """Fields right, fields scored, and one line per miss."""
    return folder_score(FOUND3, EXPECTED, fields_right)


def test_found3_headers_are_read_to_the_rules() -> None:
    right, total, misses = score()
    assert right == total, misses


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_found3_document_has_its_address(name: str) -> None:
    assert EXPECTED[name]["url"].startswith("http")
    assert (FOUND3 / name).exists()


if __name__ == "__main__":  # python -m tests.test_headers_found3: the score and every miss
    got, of, missed = score()
    print(f"{got}/{of} fields right")
    print("\n".join(missed), file=sys.stderr)
