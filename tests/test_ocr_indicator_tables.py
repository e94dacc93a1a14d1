"""An OCR'd indicator appendix (a scanned "TT | Chỉ tiêu | Mục tiêu" table read as runs of
words) gives one row per indicator with its figure; a running head read with a letter more or
less is still page furniture; an appendix heading behind OCR specks opens the appendix."""

from __future__ import annotations

from pathlib import Path

from ingest.domain import ClauseKind
from ingest.parser.lines import find_page_furniture, split_lines
from ingest.parser.plan import parse_plan

KL75 = (
    Path(__file__).parent / "real_plans_12n" / "trung-uong-75-KL-TW-2026-bao-ve-moi-truong-ocr.txt"
)

# a Party document's closing and its scanned appendix: figures on the line a wrapped name is
# centred on, rule specks ("`]", "'_ |"), row numbers misread ("1ó.", "1N", a letter for 5)
SCANNED = """\
I- MỤC TIÊU

1. Ban Thường vụ Tỉnh uỷ chỉ đạo thực hiện Nghị quyết.

Nơi nhận: T/M BAN THƯỜNG VỤ
- Các đồng chí Tỉnh uỷ viên;
- Lưu Văn phòng Tỉnh uỷ.

„ Ss „ Phụ lục
CHỈ TIÊU CHỦ YẾU GIAI ĐOẠN 2026 - 2030

TT Chỉ tiêu Mục tiêu
1 Tỉ lệ hộ dân được dùng nước sạch theo quy chuẩn | Tối thiểu
'_ | tại khu vực nông thôn hằng năm 85%
Tỉ lệ trường học đạt chuẩn quốc gia ở các xã vùng đặc biệt khó
2. R - 70%
khăn và vùng biên giới
3. | Tỉ lệ che phủ rừng 58%
Ề Tỉ lệ chất thải rắn sinh hoạt được thu gom, xử lý đạt quy 92%
`] chuẩn môi trường °
1ó. | Giảm tiêu hao năng lượng tính trên GDP/năm 1-1,5%
6 Số công trình xây dựng xanh được chứng nhận 120

. 0

"""


def _rows(text: str) -> dict[str, tuple[str, tuple[str, ...], str | None]]:
    plan = parse_plan(text, "scan")
    clauses = {c.id: c for c in plan.clauses}
    return {
        clauses[t.clause_id].number or "": (
            t.content,
            tuple(v.text for v in t.values),
            t.period,
        )
        for t in plan.targets
        if clauses[t.clause_id].kind is ClauseKind.TABLE_ROW
    }


def test_a_scanned_indicator_table_gives_a_row_per_indicator_with_its_figure() -> None:
    rows = _rows(SCANNED)
    assert sorted(rows, key=int) == ["1", "2", "3", "4", "5", "6"]
    assert rows["1"][1] == ("85%",)
    assert rows["2"][0].startswith("Tỉ lệ trường học")  # the name above its number line
    assert rows["2"][0].endswith("vùng biên giới") and " R " not in rows["2"][0]
    assert rows["2"][1] == ("70%",)
    assert rows["3"][1] == ("58%",)
    assert rows["4"][0].startswith("Tỉ lệ chất thải rắn")  # "Ề" stood for row 4
    assert rows["4"][1] == ("92%",)
    assert rows["5"][1] == ("1-1,5%",)  # "1ó." is row 5 by the sequence
    assert rows["6"][1] == ("120",)
    assert {period for _, _, period in rows.values()} == {"2026-2030"}  # the appendix title's


def test_quotes_of_a_scanned_row_are_the_source_text() -> None:
    plan = parse_plan(SCANNED, "scan")
    for target in plan.targets:
        for value in target.values:
            assert SCANNED[value.start : value.end] == value.text


def test_numbered_paragraphs_are_no_scanned_table() -> None:
    text = "TT Chỉ tiêu Mục tiêu\nMột đoạn văn bình thường nói về mục tiêu.\nVà đoạn khác.\n"
    plan = parse_plan(text, "plain")
    assert not any(c.kind is ClauseKind.TABLE_ROW for c in plan.clauses)


def test_a_running_head_read_with_a_letter_more_or_less_is_furniture() -> None:
    pages = []
    for page, head in enumerate(
        [
            "18.KLTW7S.DOC 2",
            "18.KLTW75.DOC 3",
            "18.KLTW7S.DOC. K)",
            "18.KLTW75.DOC §",
            "18.KLTW7S.DOC 6",
            "18.KLTW75.DOC. 7",
        ],
        start=2,
    ):
        pages.append(f"===== Trang {page} =====\n{head}\n\nNội dung trang {page}.\n")
    lines = split_lines("".join(pages))
    furniture = find_page_furniture(lines)
    heads = [line.index for line in lines if "KLTW" in line.text]
    assert set(heads) <= furniture


def test_the_real_kl75_appendix() -> None:
    text = KL75.read_text(encoding="utf-8")
    plan = parse_plan(text, "kl75")
    clauses = {c.id: c for c in plan.clauses}
    assert not any("KLTW" in (c.heading or "") for c in plan.clauses)  # no running head
    figures = {
        t.content.split(" ", 3)[-1][:40]: t.values[0].text
        for t in plan.targets
        if clauses[t.clause_id].kind is ClauseKind.TABLE_ROW and t.values
    }
    assert len(figures) >= 16
    values = {t.values[0].text for t in plan.targets if t.values}
    assert {"42%", "26,1%", "1.200", "1-1,5%", "95%", "9%", "6%", "<30%"} <= values
    forest = next(t for t in plan.targets if "che phủ rừng" in t.content and t.values)
    assert forest.values[0].text == "42%" and forest.period == "2026-2030"
    leads = {unit for t in plan.targets for unit in t.lead_units}
    assert "Bộ Chính trị" in leads  # "Bộ Chính trị ban hành Chương trình hành động …"


def test_a_body_issuing_opens_a_numbered_task_but_not_a_paragraph_on_the_plan() -> None:
    text = (
        "I. MỤC ĐÍCH\n"
        "Ủy ban nhân dân thành phố xây dựng Kế hoạch thực hiện như sau:\n"
        "II. TỔ CHỨC THỰC HIỆN\n"
        "1. Bộ Chính trị ban hành Chương trình hành động thực hiện Kết luận; lãnh đạo "
        "triển khai đồng bộ, kịp thời.\n"
        "2. Các tỉnh uỷ, thành uỷ xây dựng chương trình, kế hoạch và tổ chức thực hiện Kết "
        "luận phù hợp với tình hình thực tiễn.\n"
    )
    plan = parse_plan(text, "kl")
    leads = {unit for t in plan.targets for unit in t.lead_units}
    assert "Bộ Chính trị" in leads and any(u.startswith("Các tỉnh uỷ") for u in leads)
    assert not any("Ủy ban nhân dân thành phố" in unit for unit in leads)
