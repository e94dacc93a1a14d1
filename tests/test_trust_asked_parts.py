"""What a cited clause must cover besides the topic (issue 13, batches 12i/12j): the unit a
figure is asked in ("trong bao nhiêu ngày", "kinh phí … bao nhiêu"), the item numbered
("khẩu hiệu số 24"), the span of years ("năm học 2025-2026") and the date a document is
named with ("16/KH-MTTQ-BTT ngày 23/12/2025"). A clause missing one is no answer."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import cast

from retrieval import confidence
from retrieval.asked_measure import asked_measure, states_measure
from retrieval.asked_span import spans_in, unmet_span
from retrieval.constraints import read_question
from retrieval.dated_reference import named_date, other_dated
from retrieval.documents import DocumentDirectory
from retrieval.dotted_path import dotted_steps, unreached_path
from retrieval.named_facility import named_facilities, unnamed_facility
from retrieval.query import understand
from retrieval.stored import StoredClause
from tests.stored_clauses import stored_clause


def _clause(text: str, number: str | None = None, title: str = "d") -> StoredClause:
    return stored_clause(text, kind="bullet", number=number, path="I › 1", document_title=title)


@dataclass(frozen=True)
class _Info:
    title: str
    issued_date: str | None
    numbers: tuple[str, ...]


class _Directory:
    def __init__(self, info: _Info) -> None:
        self.info = info

    def get(self, document_id: str) -> _Info:
        return self.info


def _directory(info: _Info) -> DocumentDirectory:
    return cast(DocumentDirectory, _Directory(info))


def test_the_unit_a_figure_is_asked_in() -> None:
    days = asked_measure("Khiếu nại phải giải quyết trong bao nhiêu ngày?")
    assert days is not None and days.name == "ngay"
    money = asked_measure("Kinh phí tuyên truyền bầu cử của Tiểu ban là bao nhiêu?")
    assert money is not None and money.name == "tiền"
    assert asked_measure("Đề án có tổng vốn bao nhiêu?") == money
    # a share, a count of listed things, a growth: no unit a clause must write
    assert asked_measure("Tỷ lệ vốn giải ngân đạt bao nhiêu?") is None
    assert asked_measure("Kinh phí an toàn thông tin chiếm bao nhiêu trong tổng ngân sách?") is None
    assert asked_measure("Kế hoạch có bao nhiêu nhiệm vụ?") is None
    assert asked_measure("Bao nhiêu dự án được bố trí vốn?") is None


def test_a_number_stated_in_the_unit() -> None:
    days = asked_measure("trong bao nhiêu ngày?")
    money = asked_measure("kinh phí là bao nhiêu?")
    assert days is not None and money is not None
    assert states_measure("giải quyết trong thời hạn 05 ngày làm việc", days)
    assert states_measure("trong mười ngày kể từ ngày nhận đơn", days)
    assert not states_measure("giải quyết đúng thời hạn luật định (ngày 15/3/2026)", days)
    assert states_measure("Kế hoạch vốn năm 2023: 2.000 triệu đồng", money)
    # a thing counted after "bao nhiêu" is no amount of money, whatever the money words
    assert asked_measure("kế hoạch đầu tư công vốn NSTW được bao nhiêu dự án?") is None
    assert asked_measure("vốn NSTW bao nhiêu tiền?") is not None
    # "tỷ" and "tỉ" fold alike: an amount in tỷ đồng is money stated
    assert states_measure("Tổng vốn đầu tư dự kiến: 12,5 tỷ đồng", money)
    assert states_measure("khoảng 3 tỉ đồng", money)
    assert not states_measure("Nhiệm kỳ 2026 - 2031; hội nghị hiệp thương lần thứ 2", money)


def test_a_clause_without_the_asked_unit_leaves_the_figure_unmet() -> None:
    reading = read_question(understand("Kinh phí tuyên truyền bầu cử là bao nhiêu?"))
    thin = _clause("Tuyên truyền cuộc bầu cử nhiệm kỳ 2026 - 2031; hội nghị hiệp thương lần thứ 2")
    assert "figure" in confidence.unmet_checks(reading, [thin], structured=False)
    paid = _clause("Kinh phí tuyên truyền bầu cử: 50 triệu đồng từ ngân sách xã")
    assert "figure" not in confidence.unmet_checks(reading, [paid], structured=False)


def test_a_lead_in_cited_with_its_items_states_the_figure() -> None:
    """ "Học kỳ II có bao nhiêu tuần?": the lead-in "35 tuần thực học (học kỳ I có 18 tuần,
    học kỳ II có 17 tuần), cụ thể:" is cited with its items, and it states the weeks."""
    reading = read_question(understand("Học kỳ II có bao nhiêu tuần?"))
    lead = "3. Dạy học 35 tuần thực học (học kỳ I có 18 tuần, học kỳ II có 17 tuần), cụ thể:"
    item = "- Học kỳ II: Bắt đầu sau học kỳ I; kết thúc trước ngày 31/5/2025."
    text = f"{lead}\n{item}"
    parent = stored_clause(text, clause_id="p", kind="numbered", child_count=1)
    child = stored_clause(item, clause_id="k", kind="bullet", start=len(lead) + 1, end=len(text))
    child = replace(child, body_end=len(text), parent_id="p")
    assert "figure" not in confidence.unmet_checks(reading, [parent, child], structured=False)


def test_an_item_numbered_in_the_question_is_the_one_cited() -> None:
    reading = read_question(understand("Khẩu hiệu số 24 trong kế hoạch tuyên truyền là gì?"))
    assert reading.numbered and reading.numbered[0].startswith("so 24")
    fourth = _clause("Ngày bầu cử là Ngày hội đại đoàn kết toàn dân tộc!", number="4")
    assert "numbered" in confidence.unmet_checks(reading, [fourth], structured=False)
    assert "số 24" in confidence.unsure_reason(reading, ("numbered",))
    own = replace(fourth, number="24")
    assert "numbered" not in confidence.unmet_checks(reading, [own], structured=False)


def test_a_span_of_years_the_cited_plan_is_not_for() -> None:
    assert spans_in("nam hoc 2024-2025 va giai doan 2026 - 2030") == [(2024, 2025), (2026, 2030)]
    plan = _directory(_Info("Kế hoạch thời gian năm học 2024-2025", "2024-08-13", ("986",)))
    cited = [_clause("Ngày tựu trường 30/8/2024", title="Kế hoạch thời gian năm học 2024-2025")]
    assert unmet_span("Năm học 2025-2026 khai giảng ngày nào?", cited, plan) == (
        "2025-2026",
        "2024-2025",
    )
    assert unmet_span("Năm học 2024-2025 khai giảng ngày nào?", cited, plan) is None
    # a stage inside the plan's own span is its own
    long = _directory(_Info("Chương trình giai đoạn 2021-2030", None, ("1",)))
    assert unmet_span("giai đoạn 2021-2025 đạt gì?", [_clause("x")], long) is None


def test_a_document_named_with_another_date_is_another_document() -> None:
    reading = read_question(
        understand("Kế hoạch 16/KH-MTTQ-BTT ngày 23/12/2025 của tỉnh quy định gì ở mục II?")
    )
    named = named_date(reading)
    assert named is not None and named[0] == "16" and named[1].isoformat() == "2025-12-23"
    commune = _directory(_Info("Kế hoạch công tác bầu cử", "2025-11-18", ("16/KH-MTTQ-BTT",)))
    reason = other_dated(reading, [_clause("Nội dung")], commune)
    assert reason is not None and "23/12/2025" in reason and "18/11/2025" in reason
    same = _directory(_Info("Kế hoạch", "2025-12-23", ("16/KH-MTTQ-BTT",)))
    assert other_dated(reading, [_clause("Nội dung")], same) is None
    undated = read_question(understand("Kế hoạch 16/KH-MTTQ-BTT quy định gì ở mục II?"))
    assert other_dated(undated, [_clause("Nội dung")], commune) is None


def test_a_facility_named_is_the_row_cited() -> None:
    assert named_facilities("Cong ty Nhiet dien Pha Lai duoc phan bo han ngach bao nhieu?") == [
        ("cong", "ti", "nhiet", "dien", "pha", "lai")
    ]
    # "cổ phần" is part of the name; a short form ("CP", "TNHH") is left to the clause
    assert named_facilities("Người đại diện Công ty Cổ phần Xi măng Thăng Long?") == [
        ("cong", "ti", "co", "phan", "xi", "mang", "thang", "long")
    ]
    assert named_facilities("Trường hợp đặc biệt, ai quyết định kéo dài năm học?") == []
    # "người có công tỉnh Bạc Liêu" holds no "công ty"
    assert named_facilities("Chủ đầu tư dự án cho người có công tỉnh Bạc Liêu là ai?") == []
    other = _clause("Công ty cổ phần nhiệt điện An Khánh — Hạn ngạch năm 2026: 1,012,292 tấn")
    asked = "Công ty Nhiệt điện Phả Lại được phân bổ hạn ngạch năm 2026 bao nhiêu?"
    assert unnamed_facility(asked, [other]) == "Công ty Nhiệt điện Phả Lại"
    own = _clause("Công ty cổ phần Nhiệt điện Phả Lại — Hạn ngạch năm 2026: 5,000 tấn")
    assert unnamed_facility(asked, [other, own]) is None
    station = "Trạm y tế xã Canh Vinh được bố trí bao nhiêu vốn?"
    school = _clause("Trường TH số 1 Canh Vinh; Hạng mục: 06 phòng học — 2.000 triệu đồng")
    assert unnamed_facility(station, [school]) == "Trạm y tế xã Canh Vinh"


def test_a_day_asked_needs_a_day_stated() -> None:
    reading = read_question(understand("Tiểu ban phải báo cáo kết quả trước ngày nào?"))
    assert confidence.asks_day(reading.query.folded)
    term = _clause("Công tác tuyên truyền bầu cử nhiệm kỳ 2026 - 2031 phải bám sát hướng dẫn")
    assert "time" in confidence.unmet_checks(reading, [term], structured=False)
    dated = _clause("Tiểu ban báo cáo kết quả về Ủy ban bầu cử trước ngày 10/3/2026")
    assert "time" not in confidence.unmet_checks(reading, [dated], structured=False)
    monthly = _clause("Các đơn vị báo cáo kết quả định kỳ trước ngày 20 hằng tháng")
    assert "time" not in confidence.unmet_checks(reading, [monthly], structured=False)


def test_a_table_row_states_its_figure_in_the_column_unit() -> None:
    reading = read_question(understand("Sở Y tế được bố trí kế hoạch vốn bao nhiêu triệu đồng?"))
    row = replace(_clause("SỞ Y TẾ | 14.000"), kind="table_group")
    assert "figure" not in confidence.unmet_checks(reading, [row], structured=False)


def test_a_dotted_location_reached_only_part_of_the_way() -> None:
    asked = "Mục II.1.b KH 1422: chuyển đổi một phần diện tích trồng lúa sang gì?"
    assert dotted_steps(asked) == ("II", "1", "b")
    part = replace(_clause("1. Nâng cao khả năng chống chịu"), path="II. NHIỆM VỤ › 1. Nâng cao")
    assert unreached_path(asked, [part]) == ("II.1.b", "II.1")
    point = replace(part, path="II. NHIỆM VỤ › 1. Nâng cao › b) Chuyển đổi cơ cấu")
    assert unreached_path(asked, [part, point]) is None
    # a table row numbered on its own ("9") under its group "II"
    row = replace(_clause("Tập huấn kỹ năng số"), path="Phụ lục 01 › II. Chính quyền số › 9")
    assert unreached_path("Chỉ tiêu II.9 phụ lục 01 do ai chỉ đạo?", [row]) is None
    # another numbering altogether is left to the other checks
    assert unreached_path(asked, [_clause("x")]) is None


def test_no_cited_clause_is_read_when_the_question_names_no_facility() -> None:
    """A list's rows are not expanded word by word when no facility is asked about."""

    class Unread:
        def __getattr__(self, name: str) -> object:
            raise AssertionError(f"read {name}")

    assert unnamed_facility("Những nhiệm vụ nào hạn tháng 10/2025?", [Unread()]) is None  # type: ignore[list-item]
