"""A figure asked of a plan whose theme other plans' titles share: the theme words of the
settled plan's whole title are set aside, and the heading repeating the question's word pairs
answers before a line that only shares single words (`search_answer._by_phrases_said`)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ingested_runtime

RESOLUTION = """TỈNH ỦY TỈNH X
Số 5-NQ/TU
NGHỊ QUYẾT
về phát triển các khu, cụm công nghiệp trên địa bàn tỉnh X năm 2026
I. MỤC TIÊU
1. Phát triển các khu, cụm công nghiệp gắn với bảo vệ môi trường.
"""

PLAN = """ỦY BAN NHÂN DÂN TỈNH X
Số: 7/KH-UBND
KẾ HOẠCH
Thực hiện Nghị quyết số 5-NQ/TU về phát triển các khu, cụm công nghiệp trên địa bàn tỉnh X năm 2026
I. NỘI DUNG
1. Hoàn thiện hạ tầng kỹ thuật các cụm công nghiệp trong năm 2026.
II. VỐN ĐẦU TƯ
1. Vốn ngân sách nhà nước: 1.280 tỷ đồng, bao gồm:
+ Hoàn thiện hạ tầng kỹ thuật các CCN đã đầu tư bằng vốn ngân sách, với tổng số vốn đầu tư 447 tỷ đồng.
+ Dự án đường trục chính cụm công nghiệp phía Nam với tổng mức đầu tư 208 tỷ đồng.
2. Vốn doanh nghiệp: 5.800 tỷ đồng
- Ứng kinh phí thực hiện công tác đền bù giải phóng mặt bằng theo quy định.
- Đầu tư xây dựng hệ thống hạ tầng kỹ thuật, khuyến khích doanh nghiệp đầu tư vào các khu, CCN.
- Đầu tư xây dựng hạ tầng kỹ thuật khu tái định cư.
"""


def _ask(tmp_path: Path, question: str) -> str:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "tinh-x-5-NQ-TU-2025-khu-cum-cong-nghiep.txt").write_text(RESOLUTION, "utf-8")
    (folder / "tinh-x-7-KH-UBND-2026-khu-cum-cong-nghiep.txt").write_text(PLAN, "utf-8")
    with ingested_runtime(tmp_path / "home", [folder]) as runtime:
        return runtime.assistant().ask(question).answer


def test_the_heading_saying_the_funds_asked_answers(tmp_path: Path) -> None:
    answer = _ask(tmp_path, "Theo KH 7, vốn doanh nghiệp cho phát triển các khu, CCN là bao nhiêu?")
    assert "5.800 tỷ" in answer.split("\n")[0] + answer.split("\n")[1]
    assert "447" not in answer


def test_a_part_of_the_funds_no_line_states_is_declined(tmp_path: Path) -> None:
    answer = _ask(tmp_path, "KH 7 dành bao nhiêu vốn cho khu tái định cư?")
    assert "5.800" not in answer.split("\n")[0]
