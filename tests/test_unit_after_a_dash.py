"""A letter that maps each domain to the ministry in charge, one bullet each, the ministry
after a closing dash ("- Tài sản kết cấu hạ tầng đô thị - Bộ Xây dựng."): the ministry leads
that bullet's row. A bullet that is itself a unit and its parent joined by a dash is no duty."""

from __future__ import annotations

from ingest.parser.plan import parse_plan

_LETTER = """BỘ TÀI CHÍNH
Số: 100/BTC-QLCS
V/v triển khai Nghị định.

Kính gửi: Các Bộ, cơ quan ngang bộ.

1. Đối với các Bộ quản lý chuyên ngành

a) Trong thời hạn 06 tháng, các bộ quản lý chuyên ngành công bố danh mục tài sản
kết cấu hạ tầng; cụ thể như sau:

- Tài sản kết cấu hạ tầng cụm công nghiệp; tài sản kết cấu hạ tầng thương
mại - Bộ Công Thương.

- Tài sản kết cấu hạ tầng khu công nghiệp, khu kinh tế — Bộ
Tài chính.

- Tài sản kết cấu hạ tầng đô thị - Bộ Xây dựng.

b) Bộ quản lý chuyên ngành hướng dẫn danh mục tài sản.

Nơi nhận:
- Như trên;
- Ban Công tác đặc biệt - Ủy ban Chuyên trách Chính phủ.
"""


def _lead(text: str, opening: str) -> tuple[str, ...]:
    rows = [row for row in parse_plan(text, "btc").targets if row.content.startswith(opening)]
    return rows[0].lead_units if rows else ()


def test_the_unit_after_a_bullets_closing_dash_leads_it() -> None:
    assert _lead(_LETTER, "Tài sản kết cấu hạ tầng cụm") == ("Bộ Công Thương",)
    assert _lead(_LETTER, "Tài sản kết cấu hạ tầng khu công nghiệp") == ("Bộ Tài chính",)
    assert _lead(_LETTER, "Tài sản kết cấu hạ tầng đô thị") == ("Bộ Xây dựng",)


def test_a_unit_and_its_parent_joined_by_a_dash_is_no_duty() -> None:
    listed = (
        "1. Thành phần tham dự hội nghị gồm có các đại biểu sau đây:\n\n"
        "- Ban Công tác đặc biệt - Ủy ban Chuyên trách Chính phủ.\n\n- Bộ Ngoại giao.\n"
    )
    assert "Ủy ban Chuyên trách Chính phủ" not in _lead(listed, "Ban Công tác")


def test_words_after_the_dash_that_are_no_unit_name_no_one() -> None:
    text = "1. Nhiệm vụ\n\n- Rà soát danh mục tài sản - Bộ Xây dựng chủ trì thực hiện việc này.\n"
    rows = parse_plan(text, "x").targets
    assert all(row.lead_units != ("Bộ Xây dựng chủ trì thực hiện việc này",) for row in rows)
