"""Rules that the second set of real documents (tests/real_plans2, batch-2026-12-real2) showed
missing, each tested on invented texts of the same shape (issue 12).

- a date whose two-digit month a copy split with a space ("ngày 26 tháng 0 6 năm 2018");
- a Party header and signature copied by Pandoc as simple tables (hard breaks `\\`, column
  gaps, escaped `\\-`), signed "T/M BAN CHẤP HÀNH TRUNG ƯƠNG / TỔNG BÍ THƯ";
- Markdown-escaped markers in a text copy (`1\\.`, `\\-`);
- a numbered sentence hard-wrapped at a capital ("… lấy tên là tỉnh Đồng" / "Tháp, …");
- roles written in labelled blocks beside a group of tasks ("2. Cơ quan chủ trì, phối hợp" /
  "a) Cơ quan chủ trì" / "- …" / "3. Thời gian thực hiện: …");
- a deadline closing a sentence that completes or submits something ("… trình Thủ tướng
  Chính phủ trong quý 1/2019", "Hoàn thành việc … đến hết năm 2019");
- a Party số hiệu ("60-NQ/TW") named as "Nghị quyết 60";
- "thay thế" inside a task's words is no question about what the document replaces.
"""

from __future__ import annotations

from ingest.domain import ClauseKind
from ingest.normalize_vi import folded
from ingest.parser.duty_roles import read_roles
from ingest.parser.header.dateline import find_date
from ingest.parser.markers import read_marker
from ingest.parser.plan import parse_plan
from retrieval.documents import DocumentInfo, _naming_score, number_figures, number_symbol
from retrieval.query import _META

PANDOC_PARTY = """  -------------------------------- --------------------------------------
    **TỈNH ỦY QUẢNG THỬ\\          **ĐẢNG CỘNG SẢN VIỆT NAM\\
                \\***                  \\-\\-\\-\\-\\-\\-\\-\\-\\--**

            Số 12-NQ/TU              *Quảng Thử, ngày 03 tháng 5 năm 2026*
  -------------------------------- --------------------------------------

**NGHỊ QUYẾT**

HỘI NGHỊ LẦN THỨ 5 BAN CHẤP HÀNH ĐẢNG BỘ TỈNH

**1. **Thông qua Đề án chuyển đổi số của tỉnh.

\\- Báo cáo tổng kết công tác chuyển đổi số năm 2025.

\\- Báo cáo phương hướng nhiệm vụ năm 2026.

1\\. Hợp nhất thôn Đông và thôn Tây, lấy tên là thôn Đông Tây, trụ sở đặt tại thôn
Tây hiện nay.

2\\. Hợp nhất thôn Nam và thôn Bắc.

  ----------------------------------- -----------------------------------
  ***Nơi nhận:\\***                     **T/M TỈNH ỦY\\**
  - Các huyện ủy,\\                              BÍ THƯ\\
  - Lưu Văn phòng Tỉnh ủy.                 Trần Văn Bình**
  ----------------------------------- -----------------------------------
"""

ROLE_BLOCKS = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG THỬ
Số: 45/KH-UBND
Quảng Thử, ngày 10 tháng 3 năm 2026
KẾ HOẠCH
Phòng, chống thiên tai năm 2026
I. TUYÊN TRUYỀN, PHỔ BIẾN KIẾN THỨC
1. Nội dung
a) Tổ chức tuyên truyền kiến thức phòng, chống thiên tai;
b) Xây dựng chuyên mục trên báo, đài địa phương.
2. Cơ quan chủ trì, phối hợp
a) Cơ quan chủ trì
- Sở Nông nghiệp và Môi trường.
b) Cơ quan phối hợp
- Sở Văn hóa, Thể thao và Du lịch; Báo Quảng Thử.
3. Thời gian thực hiện: Quý II/2026.
II. DIỄN TẬP ỨNG PHÓ
1. Nội dung
a) Tổ chức diễn tập cấp tỉnh.
2. Cơ quan chủ trì: Bộ Chỉ huy quân sự tỉnh; Công an tỉnh.
3. Thời gian thực hiện: Tháng 8/2026.
4. Kinh phí do ngân sách tỉnh bảo đảm.
"""


def test_a_date_whose_month_a_copy_split_is_read() -> None:
    date = find_date("Hà Nội, ngày 26 tháng 0 6 năm 2018")
    assert date is not None and date.iso == "2018-06-26"
    # a split that makes no month is not a date; the next date is taken
    later = find_date("ngày 1 5 tháng 1 3 năm 2020; Hà Nội, ngày 03 tháng 02 năm 2021")
    assert later is not None and later.iso == "2021-02-03"


def test_a_pandoc_party_header_and_signature_are_read() -> None:
    document = parse_plan(PANDOC_PARTY, "tu-12", "tu-12.md").document
    assert document.number == "12-NQ/TU"
    assert document.issued_date == "2026-05-03"
    assert document.issuer is not None and folded(document.issuer).startswith("tinh uy")
    assert document.signer == "Trần Văn Bình"


def test_escaped_markers_open_clauses() -> None:
    section = read_marker("1\\. Hợp nhất thôn Đông và thôn Tây")
    bullet = read_marker("\\- Báo cáo tổng kết")
    assert section is not None and section.kind is ClauseKind.SECTION and section.number == "1"
    assert bullet is not None and bullet.kind is ClauseKind.BULLET
    assert bullet.rest == "Báo cáo tổng kết"


def test_a_numbered_sentence_wrapped_at_a_capital_stays_one_clause() -> None:
    parsed = parse_plan(PANDOC_PARTY, "tu-12", "tu-12.md")
    merged = next(c for c in parsed.clauses if "thôn Đông Tây" in c.text)
    assert merged.kind is ClauseKind.SECTION
    assert "Tây hiện nay." in merged.body  # the wrapped line is the section's, not a paragraph
    assert all(not c.body.startswith("Tây hiện nay") for c in parsed.clauses)


def test_role_blocks_give_every_task_of_the_group_its_units_and_deadline() -> None:
    parsed = parse_plan(ROLE_BLOCKS, "qt-45", "qt-45.txt")
    rows = {row.content: row for row in parsed.targets if row.source == "body"}
    task = rows["Tổ chức tuyên truyền kiến thức phòng, chống thiên tai"]
    assert task.lead_units == ("Sở Nông nghiệp và Môi trường",)
    assert task.cooperating_units == ("Sở Văn hóa, Thể thao và Du lịch", "Báo Quảng Thử")
    assert task.deadline is not None and (task.deadline.year, task.deadline.quarter) == (2026, 2)
    group = rows["TUYÊN TRUYỀN, PHỔ BIẾN KIẾN THỨC"]
    assert group.lead_units == task.lead_units
    drill = rows["Tổ chức diễn tập cấp tỉnh"]
    assert drill.lead_units == ("Bộ Chỉ huy quân sự tỉnh", "Công an tỉnh")
    assert drill.deadline is not None and drill.deadline.month == 8
    # what follows the blocks is not one of the group's tasks; the blocks are no tasks either
    assert not any(content.startswith("Kinh phí") for content in rows)
    assert not any(content.startswith("Cơ quan") for content in rows)
    for row in rows.values():  # every cell quotes the source
        assert all(ROLE_BLOCKS[c.start : c.end].split() == c.text.split() for c in row.cells)


def test_a_limit_closing_a_submission_or_completion_is_a_deadline() -> None:
    text = "Chủ trì xây dựng Đề án X, trình Thủ tướng Chính phủ trong quý 1/2019."
    deadline = read_roles(text, 0, len(text)).deadline
    assert deadline is not None and deadline.text == "trong quý 1/2019"
    text = "Hoàn thành việc hỗ trợ nhà ở giai đoạn 2 theo Quyết định số 22/2013/QĐ-TTg đến hết năm 2019."
    deadline = read_roles(text, 0, len(text)).deadline
    assert deadline is not None and deadline.text == "đến hết năm 2019"
    text = "Tổ chức tuyên truyền trong năm 2026 về chuyển đổi số cho người dân."
    assert read_roles(text, 0, len(text)).deadline is None  # no completion, no submission


def test_a_party_number_is_named_by_its_figures() -> None:
    assert number_figures("60-NQ/TW") == "60" and number_symbol("60-NQ/TW") == "nq/tw"
    assert number_figures("19/KH-UBND") == "19" and number_symbol("19/KH-UBND") == "kh-ubnd"
    doc = DocumentInfo(
        id="tw-60",
        title="Hội nghị lần thứ 11",
        number="60-NQ/TW",
        issued_date="2025-04-12",
        issuer="Ban Chấp hành Trung ương",
        signer=None,
        signer_title=None,
        field=None,
        kind="Nghị quyết",
        place_level=None,
        place_name=None,
        replaces=(),
        based_on=(),
    )
    assert _naming_score(" nghi quyet 60 ban hanh ngay nao ", doc, set()) == 3
    assert _naming_score(" nq 60 do ai ky ", doc, set()) == 3
    assert _naming_score(" chi tieu 60 la gi ", doc, set()) == 0


def test_thay_the_in_a_task_is_no_question_about_replacement() -> None:
    replaces = next(p for f, p in _META if f.name == "REPLACES")
    asked = (
        "Kế hoạch 19 thay thế những kế hoạch nào?",
        "Kế hoạch 88 có thay thế văn bản khác không?",
    )
    for question in asked:
        assert replaces.search(folded(question).lower())
    task = "Khi nào trình ban hành Pháp lệnh thay thế Pháp lệnh Ưu đãi người có công với cách mạng?"
    assert not replaces.search(folded(task).lower())
