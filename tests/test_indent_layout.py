"""A layout copy that indents paragraphs and wraps at the margin (`pdftotext -layout` of a
typed document): a line at the margin goes on with the paragraph before it, even after ";"."""

from ingest.domain import ClauseKind
from ingest.parser.indent_layout import margin_wraps
from ingest.parser.lines import split_lines
from ingest.parser.plan import parse_plan

_LAYOUT = """\
     ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
       TỈNH HÀ GIANG                          Độc lập - Tự do - Hạnh phúc
      Số: 512 /UBND-TH                   Hà Giang, ngày 3 tháng 8 năm 2026
V/v triển khai thực hiện Nghị định số
 45/2026/NĐ-CP của Chính phủ

      Thực hiện Nghị định số 45/2026/NĐ-CP ngày 20 tháng 5 năm 2026 của Chính phủ về
quản lý tài sản công, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các sở, ngành thực hiện:
       1. Công tác tuyên truyền
      Tổ chức quán triệt nội dung Nghị định đến cán bộ, công chức thuộc phạm vi quản
lý; tổ chức tập huấn nghiệp vụ cho đội ngũ trực tiếp thực hiện.
       2. Công tác rà soát
      a) Rà soát, thống kê toàn bộ tài sản thuộc phạm vi quản lý theo chức năng, nhiệm
vụ được giao.
      b) Đề xuất phương án xử lý tài sản theo quy định.
       3. Chế độ báo cáo
      a) Các cơ quan báo cáo kết quả thực hiện như sau:
      - Báo cáo 6 tháng: Các cơ quan, đơn vị gửi Sở Tài chính trước ngày 05/7;
Sở Tài chính tổng hợp báo cáo Ủy ban nhân dân tỉnh trước ngày 10/7.
      - Báo cáo năm: Các cơ quan, đơn vị gửi Sở Tài chính trước ngày 15/12;
Sở Tài chính tổng hợp báo cáo Ủy ban nhân dân tỉnh trước ngày 20/12.
      b) Trong quá trình thực hiện, nếu phát sinh khó khăn, các cơ quan kịp thời phản
ánh về Sở Tài chính để tổng hợp, báo cáo Ủy ban nhân dân tỉnh xem xét, giải quyết; đồng
thời chủ động đề xuất điều chỉnh cho phù hợp với yêu cầu thực tế, đảm bảo hoàn thành

                                       7
các nhiệm vụ được giao. Sơ kết 3 năm, tổng kết vào cuối nhiệm kỳ.
      c) Các cơ quan gửi báo cáo đột xuất theo yêu cầu.
"""


def _bodies(source: str) -> list[str]:
    parsed = parse_plan(source, "cv-512")
    return [" ".join(c.body.split()) for c in parsed.clauses]


def test_a_copy_indenting_paragraphs_is_told_from_a_flush_one() -> None:
    assert margin_wraps(split_lines(_LAYOUT))
    flush = "\n".join(line.strip() for line in _LAYOUT.splitlines())
    assert not margin_wraps(split_lines(flush))  # numbered lines at the margin too


def test_a_margin_line_after_a_semicolon_goes_on_with_its_bullet() -> None:
    bodies = _bodies(_LAYOUT)
    assert (
        "- Báo cáo năm: Các cơ quan, đơn vị gửi Sở Tài chính trước ngày 15/12; "
        "Sở Tài chính tổng hợp báo cáo Ủy ban nhân dân tỉnh trước ngày 20/12."
    ) in bodies
    assert not any(body.startswith("Sở Tài chính tổng hợp") for body in bodies)


def test_a_margin_line_after_a_page_break_goes_on_with_its_point() -> None:
    bodies = _bodies(_LAYOUT)
    point_b = next(body for body in bodies if body.startswith("b) Trong quá trình"))
    assert point_b.endswith("Sơ kết 3 năm, tổng kết vào cuối nhiệm kỳ.")
    assert any(body.startswith("c) Các cơ quan gửi báo cáo") for body in bodies)


def test_an_indented_line_still_opens_a_paragraph() -> None:
    source = _LAYOUT.replace(
        "      c) Các cơ quan gửi",
        "      Các cơ quan gửi báo cáo kịp thời.\n      c) Các cơ quan gửi",
    )
    parsed = parse_plan(source, "cv-512")
    paragraph = [
        c for c in parsed.clauses if " ".join(c.body.split()).startswith("Các cơ quan gửi")
    ]
    assert [c.kind for c in paragraph] == [ClauseKind.PARAGRAPH]


def test_a_flush_copy_keeps_its_lines_apart_after_a_semicolon() -> None:
    flush = "\n".join(line.strip() for line in _LAYOUT.splitlines())
    bodies = _bodies(flush)
    assert any(body.startswith("Sở Tài chính tổng hợp") for body in bodies)
