"""Shapes of the real Chỉ thị 012/CT-UBND Đắk Lắk (tests/real_plans_12g) and of other real
plans, read to the rules (issue 12), each checked on the real text and on an invented one of
the same shape so that the rule, not the document, is what passes:

- a unit heading hard-wrapped right after its unit word ("**2. Sở" / "Khoa học và Công
  nghệ**", "2. Sở" / "Tài chính:") keeps its unit, and the unit leads the items under it;
- "c) Phối hợp Văn phòng UBND tỉnh …" (no "với") under a unit's heading makes both units
  co-operating, with no lead;
- a cited number or date cut by a hard wrap after its separator ("66/NQ-" / "CP",
  "ngày 23/" / "6/2022") is read whole;
- a signer's name written in brackets or after "(Đã ký và đóng dấu)" is read;
- a header flattened onto one line (issuer, quốc hiệu, Sở, tiêu ngữ, số, date, "V/v") is cut
  back into its boxes;
- the real beginnings in tests/headers/found (addresses in its expected.json) are read right.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.domain import Target
from ingest.parser.header.references import LEADS, references_after
from ingest.parser.header.signature import find_signer
from ingest.parser.plan import parse_plan
from ingest.reader import read_document
from tests.test_headers_heldout import fields_right

TESTS = Path(__file__).resolve().parent
DAK_LAK = TESTS / "real_plans_12g" / "dak-lak-012-CT-UBND-2025-cai-cach-tthc.txt"
FOUND = TESTS / "headers" / "found"


def _dak_lak_rows() -> dict[str, Target]:
    extracted = read_document(DAK_LAK.read_bytes(), DAK_LAK.name)
    plan = parse_plan(extracted.text, DAK_LAK.stem, DAK_LAK.name, extracted.blocks)
    return {row.clause_id.split(":", 1)[1]: row for row in plan.targets}


def test_a_bold_unit_heading_wrapped_after_so_keeps_its_unit() -> None:
    rows = _dak_lak_rows()
    for item in ("2/a", "2/b", "2/c", "2/d", "2/e"):
        assert rows[item].lead_units == ("Sở Khoa học và Công nghệ",), item
    assert rows["2/d"].cooperating_units == ("Văn phòng UBND tỉnh",)
    assert rows["3/a"].lead_units == ("Sở Nội vụ",)
    assert rows["4/a"].lead_units == ("Văn phòng UBND tỉnh",)


def test_phoi_hop_without_voi_under_a_unit_names_both_co_operating() -> None:
    row = _dak_lak_rows()["3/c"]
    assert row.lead_units == ()
    assert row.cooperating_units == ("Sở Nội vụ", "Văn phòng UBND tỉnh")


_HEADER = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG THỬ
Số: 15/KH-UBND
Quảng Thử, ngày 02 tháng 3 năm 2026
KẾ HOẠCH
Cải cách hành chính năm 2026
"""


@pytest.mark.parametrize(
    ("heading", "unit"),
    [
        ("2. Sở\nTài chính:", "Sở Tài chính"),  # plain text, the name on the next line
        ("**2. Sở\nTài chính**", "Sở Tài chính"),  # a bold span across the wrap
        ("**2. Ban\nQuản lý các khu công nghiệp**", "Ban Quản lý các khu công nghiệp"),
        ("2. Ủy ban\nMặt trận Tổ quốc Việt Nam tỉnh:", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ],
)
def test_a_wrapped_unit_heading_leads_its_items(heading: str, unit: str) -> None:
    text = (
        f"{_HEADER}II. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ:\na) Theo dõi việc thực hiện Kế hoạch.\n"
        f"{heading}\na) Bố trí kinh phí thực hiện Kế hoạch.\n"
        "b) Phối hợp Sở Nội vụ hướng dẫn quyết toán kinh phí.\n"
    )
    plan = parse_plan(text, "quang-thu-15")
    rows = {row.clause_id.split(":", 1)[1]: row for row in plan.targets}
    assert rows["II/2/a"].lead_units == (unit,)
    assert rows["II/2/b"].lead_units == ()
    assert rows["II/2/b"].cooperating_units == (unit, "Sở Nội vụ")


def test_a_short_heading_is_not_joined_to_the_next_line() -> None:
    text = f"{_HEADER}I. MỤC TIÊU\n1. Mục tiêu chung\nNâng cao chất lượng phục vụ.\n"
    plan = parse_plan(text, "quang-thu-15")
    assert [c.heading for c in plan.clauses if c.number == "1"] == ["Mục tiêu chung"]


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        (
            "Căn cứ Nghị quyết số 66/NQ-\nCP ngày 26/3/2025 của Chính phủ về Chương trình;",
            "Nghị quyết số 66/NQ-CP ngày 26/3/2025 của Chính phủ",
        ),
        (
            "Thực hiện Quyết định số 766/QĐ-TTg ngày 23/\n6/2022 của Thủ tướng Chính phủ;",
            "Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ",
        ),
        (
            "Thực hiện Nghị định số 118/2025/\nNĐ-CP ngày 09/6/2025 của Chính phủ;",
            "Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ",
        ),
        (
            "Thực hiện Kế hoạch số 12-\nKH/TU ngày 09/6/2025 của Tỉnh ủy;",
            "Kế hoạch số 12-KH/TU ngày 09/6/2025 của Tỉnh ủy",
        ),
    ],
)
def test_a_cited_number_or_date_cut_by_a_wrap_is_read_whole(text: str, wanted: str) -> None:
    assert references_after(text, LEADS) == [wanted]


def test_a_spaced_dash_between_words_stays() -> None:
    text = (
        "Căn cứ Quyết định số 112/QĐ-TTg ngày 22/01/2021 của Bộ Lao động - Thương binh và Xã hội;"
    )
    assert references_after(text, LEADS) == [
        "Quyết định số 112/QĐ-TTg ngày 22/01/2021 của Bộ Lao động - Thương binh và Xã hội"
    ]


@pytest.mark.parametrize(
    "lines",
    [
        ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "[Trương Công Thái]"],
        ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Trương Công Thái)"],
        ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Đã ký và đóng dấu)", "Trương Công Thái"],
        ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "<Đã ký>", "Trương Công Thái"],
        ["|", "**KT. CHỦ TỊCH**", "PHÓ CHỦ TỊCH", "**Trương Công Thái**", "|"],
    ],
)
def test_signer_names_in_brackets(lines: list[str]) -> None:
    assert find_signer(lines) == ("Trương Công Thái", "Phó Chủ tịch")


@pytest.mark.parametrize(
    "subject",
    [
        "THỰC HIỆN NGHỊ QUYẾT SỐ 66/NQ-\nCP NGÀY 26/\n3/2025 CỦA CHÍNH PHỦ",
        "Thực hiện Nghị quyết số 66/NQ-\nCP ngày 26/\n3/2025 của Chính phủ",
    ],
)
def test_a_title_citing_a_wrapped_number_reads_it_whole(subject: str) -> None:
    text = _HEADER.replace("Cải cách hành chính năm 2026\n", subject + "\n") + "I. MỤC TIÊU\n"
    title = parse_plan(text, "quang-thu-15").document.title
    assert title == "Kế hoạch Thực hiện Nghị quyết số 66/NQ-CP ngày 26/3/2025 của Chính phủ"


EXPECTED_FOUND = json.loads((FOUND / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED_FOUND))
def test_found_real_headers(name: str) -> None:
    want = EXPECTED_FOUND[name]
    assert want["url"].startswith("http")
    document = parse_plan((FOUND / name).read_text(encoding="utf-8"), name[:-4], name).document
    wrong = [field for field, ok in fields_right(document, want).items() if not ok]
    assert not wrong, wrong
