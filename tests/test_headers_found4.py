"""Header fields on a fourth set of real document beginnings (tests/headers/found4).

Three beginnings of real documents (addresses in expected.json, with the shape each adds): a
Sở's công văn copied with `pdftotext -layout` (signer beside the nơi nhận, a recipient
hard-wrapped), the same Sở's report whose number and day were left blank in the text, a
commune HĐND resolution with a blank number. Scored by found3's rules; the blind score is in
tests/headers/found4/README.md.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.test_headers_found2 import folder_score
from tests.test_headers_found3 import fields_right

FOUND4 = Path(__file__).resolve().parent / "headers" / "found4"
EXPECTED: dict[str, dict[str, Any]] = json.loads(
    (FOUND4 / "expected.json").read_text(encoding="utf-8")
)


def score() -> tuple[int, int, list[str]]:
    """Fields right, fields scored, and one line per miss."""
    return folder_score(FOUND4, EXPECTED, fields_right)


def test_found4_headers_are_read_to_the_rules() -> None:
    right, total, misses = score()
    assert right == total, misses


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_found4_document_has_its_address(name: str) -> None:
    assert EXPECTED[name]["url"].startswith("http")
    assert (FOUND4 / name).exists()


if __name__ == "__main__":  # python -m tests.test_headers_found4: the score and every miss
    got, of, missed = score()
    print(f"{got}/{of} fields right")
    print("\n".join(missed), file=sys.stderr)
