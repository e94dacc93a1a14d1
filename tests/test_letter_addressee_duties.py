"""A ministry's letter to every province and a province's five-year capital decision, as
layout copies write them: the addressee on the "Kính gửi:" line with the text right under
it, duties "a) Chỉ đạo …", "b) Phối hợp với Bộ …" whose doer is that addressee, a closing
thanks that is no co-operation, an amount wrapped onto a line of its own, a list whose items
each name the kind asked, and a priority order counted by its classifier ("bao nhiêu mức")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ingest.normalize_vi import folded
from ingest.parser.plan import parse_plan
from retrieval import confidence
from retrieval.addressees import unsaid_doers
from retrieval.assistant import Assistant
from retrieval.constraints import read_question
from retrieval.list_headings import heading_said, items_name_list
from retrieval.nth_item import asked_position, names_list_of
from retrieval.query import Intent, understand
from retrieval.recipients import addressees_in
from retrieval.runtime import Runtime
from retrieval.stored import StoredClause
from retrieval.twin_points import same_line_elsewhere, scope_picks
from tests.conftest import ingested_runtime
from tests.stored_clauses import stored_clause

# an invented letter in a pdftotext layout: no blank line between "Kính gửi" and the text
LETTER = """BỘ CÔNG THƯƠNG                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                                         Độc lập - Tự do - Hạnh phúc
       Số: 1234 /BCT-TKNL
                                         Hà Nội, ngày 05 tháng 3 năm 2025
    V/v triển khai các quy định về sử dụng năng lượng tiết kiệm
                 Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương
               Ngày 10 tháng 01 năm 2025, Chính phủ ban hành Nghị định số 30/2025/NĐ-CP
        về sử dụng năng lượng tiết kiệm và hiệu quả. Bộ Công Thương đề nghị Ủy ban
        nhân dân các tỉnh lưu ý một số nhiệm vụ sau:
               1. Về kiểm toán năng lượng
               a) Chỉ đạo cơ quan chuyên môn rà soát danh sách cơ sở sử dụng năng lượng
        trọng điểm trước ngày 31 tháng 3 hằng năm.
               b) Phối hợp với Bộ Xây dựng kiểm tra việc thực hiện kiểm toán năng lượng
        của các tòa nhà công sở.
               2. Về dán nhãn năng lượng
               a) Tổ chức tuyên truyền về dán nhãn năng lượng cho người tiêu dùng.
               b) Chỉ đạo Sở Công Thương kiểm tra việc dán nhãn năng lượng tại các cửa hàng.
     Bộ Công Thương trân trọng cảm ơn sự phối hợp chặt chẽ của Quý Ủy ban./.
Nơi nhận:                                              KT. BỘ TRƯỞNG
- Như trên;                                             THỨ TRƯỞNG
- Lưu: VT, TKNL.

                                                        Nguyễn Văn An
"""

# an invented decision that is itself a five-year capital plan
DECISION = """ỦY BAN NHÂN DÂN                 CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
   TỈNH HÀ GIANG                        Độc lập - Tự do - Hạnh phúc

   Số: 150 /QĐ-UBND                 Hà Giang, ngày 09 tháng 7 năm 2026

                             QUYẾT ĐỊNH
          Về kế hoạch đầu tư công trung hạn giai đoạn 2026-2030
                   ỦY BAN NHÂN DÂN TỈNH HÀ GIANG

      Căn cứ Luật Đầu tư công số 58/2024/QH15;
                              QUYẾT ĐỊNH:

      Điều 1. Quyết định kế hoạch đầu tư công trung hạn giai đoạn 2026-2030 như sau:
      1. Tổng kế hoạch đầu tư công trung hạn: 12.000.000 triệu đồng.
      a) Nguồn vốn ngân sách tập trung: 3.000.000 triệu đồng.
      b) Nguồn thu tiền sử dụng đất: 8.000.000 triệu đồng.
      c) Nguồn thu đóng góp từ các tổ chức, cá nhân khai thác khoáng sản:
700.000 triệu đồng.
      d) Nguồn thu xổ số kiến thiết: 300.000 triệu đồng.
      2. Thứ tự ưu tiên trong phân bổ vốn đầu tư công trung hạn:
      a) Bố trí vốn cho các dự án đầu tư công khẩn cấp;
      b) Bố trí vốn đối ứng các dự án sử dụng vốn ODA;
      c) Phân bổ vốn cho các dự án chuyển tiếp;
      d) Phân bổ vốn cho các dự án khởi công mới.
      Điều 2. Quyết định này có hiệu lực kể từ ngày ký.

Nơi nhận:                                      TM. ỦY BAN NHÂN DÂN
- Như Điều 2;                                        CHỦ TỊCH
- Lưu: VT.

                                                    Trần Văn Bình
"""


def test_the_addressee_line_stops_where_the_letters_text_begins() -> None:
    assert addressees_in(LETTER) == ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]
    # an addressee wrapped onto a second line is still one name
    wrapped = (
        "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc\n"
        "          Trung ương\n\nThực hiện Nghị định số 30/2025/NĐ-CP, …"
    )
    assert addressees_in(wrapped) == ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]


def test_a_letters_closing_thanks_is_no_cooperation() -> None:
    plan = parse_plan(LETTER, "cv1234")
    assert not any("cảm ơn" in " ".join(t.cooperating_units) for t in plan.targets)


def test_an_amount_wrapped_onto_its_own_line_stays_with_its_source() -> None:
    plan = parse_plan(DECISION, "qd150")
    mining = next(c for c in plan.clauses if c.text.strip().startswith("c) Nguồn thu đóng"))
    assert "700.000 triệu đồng" in mining.text
    assert not [c for c in plan.clauses if c.parent_id == mining.id]


def test_the_addressee_is_the_doer_of_a_duty_naming_none() -> None:
    opening = stored_clause(LETTER[:400], clause_id="cv:pre", document_id="cv", kind="preamble")
    duty = stored_clause(
        "b) Phối hợp với Bộ Xây dựng kiểm tra việc thực hiện kiểm toán năng lượng.",
        clause_id="cv:1/b",
        document_id="cv",
        kind="point",
    )
    reads: list[list[str]] = []

    def by_ids(ids: list[str]) -> list[StoredClause]:
        reads.append(ids)
        return [opening] if ids == ["cv:pre"] else []

    names = unsaid_doers([duty], by_ids)
    assert names == ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]
    asked = read_question(
        understand("UBND tỉnh phải làm gì về kiểm toán năng lượng?"), ["uy ban nhan dan tinh"]
    )
    assert "unit" in confidence.unmet_checks(asked, [duty], False)
    assert "unit" not in confidence.unmet_checks(asked, [duty], False, addressees=names)
    # a duty naming its own doer is not the addressee's
    assert unsaid_doers([opening], by_ids) == []


def test_a_plans_term_is_no_deadline_asked() -> None:
    asked = understand("Tổng kế hoạch đầu tư công trung hạn giai đoạn 2026-2030 là bao nhiêu?")
    assert asked.intent is not Intent.DEADLINE
    assert understand("Hạn nộp báo cáo là ngày nào?").intent is Intent.DEADLINE


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    folder = tmp_path_factory.mktemp("letter-and-decision")
    letter = folder / "bo-cong-thuong-1234-BCT-TKNL-2025.txt"
    letter.write_text(LETTER, encoding="utf-8")
    decision = folder / "ha-giang-150-QD-UBND-2026-dau-tu-cong.txt"
    decision.write_text(DECISION, encoding="utf-8")
    with ingested_runtime(folder / "home", [letter, decision]) as made:
        runtime: Runtime = made
        yield runtime.assistant()


def test_the_letter_is_addressed_to_the_provinces(assistant: Assistant) -> None:
    answer = assistant.ask("Công văn 1234/BCT-TKNL gửi cho ai?")
    assert not answer.abstained
    assert "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương" in answer.answer


def test_the_priorities_are_counted_by_their_classifier(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Thứ tự ưu tiên trong phân bổ vốn đầu tư công trung hạn của QĐ 150 có bao nhiêu mức?"
    )
    assert answer.answer.startswith("Có 4 mục")
    assert "khởi công mới" in answer.answer


def test_the_sources_asked_are_the_items_naming_them(assistant: Assistant) -> None:
    answer = assistant.ask("Kế hoạch đầu tư công trung hạn của QĐ 150 gồm những nguồn vốn nào?")
    assert not answer.abstained
    for source in ("ngân sách tập trung", "tiền sử dụng đất", "khai thác khoáng sản", "xổ số"):
        assert source in answer.answer
    assert "khẩn cấp" not in answer.answer  # the priority order is another list


def test_one_source_under_two_headings_is_picked_by_the_scope_asked() -> None:
    whole = stored_clause(
        "d) Nguồn thu xổ số kiến thiết: 300.000 triệu đồng.", clause_id="w", parent_id="d1/1"
    )
    share = stored_clause(
        "d) Nguồn thu xổ số kiến thiết: 120.000 triệu đồng.", clause_id="s", parent_id="d2"
    )
    other = stored_clause("a) Nguồn vốn ngân sách tập trung: 10 triệu đồng.", clause_id="o")
    assert same_line_elsewhere(whole, [share, other]) == [share]
    headings = {
        "w": [stored_clause("1. Tổng kế hoạch đầu tư công trung hạn: 12.000.000 triệu đồng.")],
        "s": [stored_clause("Điều 2. Phân bổ chi tiết vốn ngân sách cấp tỉnh như sau:")],
    }

    def above(clause: StoredClause) -> list[StoredClause]:
        return headings[clause.clause_id]

    title = "Quyết định về kế hoạch đầu tư công trung hạn tỉnh Hà Giang"
    asked = "Nguồn thu xổ số kiến thiết trong tổng kế hoạch là bao nhiêu?"
    assert scope_picks(asked, [whole, share], above, title) == [whole]
    asked = "Nguồn thu xổ số kiến thiết phân bổ chi tiết cho ngân sách cấp tỉnh là bao nhiêu?"
    assert scope_picks(asked, [whole, share], above, title) == [share]
    # the question naming neither part: both, to be offered side by side
    asked = "Nguồn thu xổ số kiến thiết là bao nhiêu?"
    assert scope_picks(asked, [whole, share], above, title) == [whole, share]


def test_a_heading_repeated_by_the_question_and_items_naming_the_list() -> None:
    heading = stored_clause("2. Về thị trường các-bon", child_count=4)
    assert heading_said(heading, folded("Về thị trường các-bon, UBND tỉnh phải làm gì?"))
    assert not heading_said(heading, folded("Thị trường các-bon vận hành từ năm nào?"))
    items = [
        stored_clause("a) Nguồn vốn ngân sách tập trung: 3.000 triệu đồng."),
        stored_clause("b) Nguồn thu tiền sử dụng đất: 8.000 triệu đồng."),
        stored_clause("c) Nguồn thu xổ số kiến thiết: 300 triệu đồng."),
    ]
    assert items_name_list(items, ["nguon", "von"])
    assert not items_name_list(items[:2], ["nguon", "von"])  # too few to be the kinds asked
    tasks = [stored_clause("a) Bố trí vốn cho dự án khẩn cấp;"), *items[1:]]
    assert not items_name_list(tasks, ["nguon", "von"])


def test_the_place_counted_along_a_list_is_read() -> None:
    assert asked_position("Ưu tiên đầu tiên trong phân bổ vốn là gì?") == (["uu", "tien"], 1)
    assert asked_position("Uu tien thu hai la gi?") == (["uu", "tien"], 2)
    assert asked_position("Thứ tự ưu tiên trong phân bổ vốn gồm những gì?") is None
    # a heading that is one of the things counted names no list of them
    assert not names_list_of(stored_clause("Kỳ họp thứ Bảy (tháng 7)"), ["ky", "hop"])
    assert names_list_of(stored_clause("2. Thứ tự ưu tiên trong phân bổ vốn:"), ["uu", "tien"])


def test_the_first_and_second_priority_are_the_items_at_that_place(assistant: Assistant) -> None:
    first = assistant.ask(
        "Ưu tiên đầu tiên trong phân bổ vốn đầu tư công trung hạn của QĐ 150 là gì?"
    )
    assert "khẩn cấp" in first.answer.split("\n")[0]
    second = assistant.ask(
        "Ưu tiên thứ hai trong phân bổ vốn đầu tư công trung hạn của QĐ 150 là gì?"
    )
    assert "ODA" in second.answer.split("\n")[0]
