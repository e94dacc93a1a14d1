"""Header fields on a fifth set of real document beginnings (tests/headers/found5).

Two beginnings of real documents (addresses in expected.json, with the shape each adds): a
ward UBND thông báo copied with `pdftotext -layout`, and a Tỉnh ủy action programme whose number
and day were left blank in the text layer. Scored by found3's rules; the blind score is in
tests/headers/found5/README.md.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.test_headers_found2 import folder_score
from tests.test_headers_found3 import fields_right

FOUND5 = Path(__file__).resolve().parent / "headers" / "found5"
EXPECTED: dict[str, dict[str, Any]] = json.loads(
    (FOUND5 / "expected.json").read_text(encoding="utf-8")
)


def score() -> tuple[int, int, list[str]]:
    """Fields right, fields scored, and one line per miss."""
    return folder_score(FOUND5, EXPECTED, fields_right)


def test_found5_headers_are_read_to_the_rules() -> None:
    right, total, misses = score()
    assert right == total, misses


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_found5_document_has_its_address(name: str) -> None:
    assert EXPECTED[name]["url"].startswith("http")
    assert (FOUND5 / name).exists()


if __name__ == "__main__":  # python -m tests.test_headers_found5: the score and every miss
    got, of, missed = score()
    print(f"{got}/{of} fields right")
    print("\n".join(missed), file=sys.stderr)
