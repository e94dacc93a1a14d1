"""Header fields of the real plans read from Word-exported HTML (tests/real_plans5, batch
-real5: two plans of the Ban Thường trực Ủy ban MTTQ Việt Nam xã Lương Minh, 2025).

The expected values (tests/real_plans5/expected_headers.json) were written by reading the
documents before any change for them. Blind, at ddf2dc6, 9 of the 10 fields were right: the
16/KH-MTTQ-BTT plan's title, whose trích yếu opens with "Thực hiện …" under "KẾ HOẠCH", was
cut to "Kế hoạch" (a line opening with "Thực hiện" was taken for the start of the text).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ingest.domain import Document
from ingest.parser.plan import parse_plan
from ingest.reader import read_document
from tests.test_headers_heldout import _norm, fields_right

FOLDER = Path(__file__).resolve().parent / "real_plans5"
EXPECTED: dict[str, dict[str, Any]] = json.loads(
    (FOLDER / "expected_headers.json").read_text(encoding="utf-8")
)


def _parsed(name: str) -> Document:
    path = FOLDER / name
    text = read_document(path.read_bytes(), str(path)).text
    return parse_plan(text, path.stem, name).document


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_header_fields_of_the_html_plans(name: str) -> None:
    fields = fields_right(_parsed(name), EXPECTED[name])
    assert all(fields.values()), {f: ok for f, ok in fields.items() if not ok}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_place_and_signer_of_the_html_plans(name: str) -> None:
    document, want = _parsed(name), EXPECTED[name]
    assert document.place is not None and _norm(document.place.name) == _norm(want["place"])
    assert _norm(document.signer) == _norm(want["signer"])
    assert not document.replaces


# ---- the rule the first plan showed (invented texts, same shape) ---------------------------

HEAD = """ỦY BAN NHÂN DÂN
XÃ HƯNG THỬ
Số: 41/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hưng Thử, ngày 03 tháng 3 năm 2026
KẾ HOẠCH
"""


def _title(after_kind: str) -> str | None:
    return parse_plan(HEAD + after_kind, "x", "x.txt").document.title


def test_a_trich_yeu_opening_with_thuc_hien_is_the_title() -> None:
    title = _title(
        "Thực hiện Chương trình chuyển đổi số năm 2026\n\n"
        "trên địa bàn xã Hưng Thử\n\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;\n\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n"
    )
    assert title == (
        "Kế hoạch Thực hiện Chương trình chuyển đổi số năm 2026 trên địa bàn xã Hưng Thử"
    )


def test_a_lead_in_sentence_under_the_kind_line_is_not_the_title() -> None:
    title = _title(
        "Thực hiện Quyết định số 12/QĐ-UBND ngày 01/3/2026 của UBND tỉnh, UBND xã ban hành "
        "Kế hoạch như sau:\n\nI. MỤC ĐÍCH, YÊU CẦU\n"
    )
    assert title is None or "Quyết định số 12" not in title
