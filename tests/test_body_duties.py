"""Duties written in a plan's body become responsibility rows (`Target`, source "body").

Unit headings in state and Party plans (numbered, lettered, bulleted, unnumbered lines),
role sentences ("Sở X chủ trì, phối hợp với …", "Giao …", "… do Sở X chủ trì"), deadlines,
clauses that are no duty, no row doubled with a table row, offsets that quote verbatim; and
a who-question answered with the unit from the heading, cited.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.domain import DeadlineKind, ParsedPlan, Target
from ingest.parser.plan import parse_plan
from retrieval.answers import Answer
from retrieval.assistant import Assistant
from retrieval.runtime import Runtime
from tests.conftest import ingested_runtime

PARTY_PLAN = """ĐẢNG CỘNG SẢN VIỆT NAM
ĐẢNG ĐOÀN QUỐC HỘI
Số 3260-KH/ĐĐQH15
Hà Nội, ngày 10 tháng 3 năm 2025
KẾ HOẠCH
thẩm tra các dự án luật năm 2025
I. MỤC ĐÍCH, YÊU CẦU
1. Bảo đảm tiến độ thẩm tra các dự án luật trình Quốc hội.
II. NHIỆM VỤ CỤ THỂ
1. Các tổ đảng
a) Tổ đảng ở Thường trực Ủy ban Pháp luật
- Chủ trì thẩm tra dự án Luật Tổ chức chính quyền địa phương (sửa đổi); thời gian hoàn thành: Quý II/2025.
- Phối hợp với Tổ đảng ở Thường trực Ủy ban Kinh tế thẩm tra dự án Luật Doanh nghiệp (sửa đổi).
b) Tổ đảng ở Thường trực Ủy ban Kinh tế:
- Chủ trì thẩm tra dự án Luật Đầu tư công (sửa đổi), hoàn thành trước ngày 30/6/2025.
2. Đảng ủy Cơ quan Văn phòng Quốc hội chủ trì, phối hợp với Ban Tổ chức Trung ương tổ chức quán triệt Kế hoạch này.
3. Giao Văn phòng Quốc hội bảo đảm điều kiện phục vụ các phiên thẩm tra; thời hạn: Quý III/2025.
4. Các cơ quan báo chí tăng cường tuyên truyền về công tác lập pháp, do Báo Đại biểu Nhân dân chủ trì.
5. Tổ chức hội nghị sơ kết vào tháng 7/2025 với sự tham dự của Ban Tổ chức Trung ương.
T/M ĐẢNG ĐOÀN
BÍ THƯ
"""

STATE_PLAN = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG THỬ
Số: 77/KH-UBND
Quảng Thử, ngày 05 tháng 01 năm 2026
KẾ HOẠCH
Chuyển đổi số tỉnh Quảng Thử năm 2026
I. MỤC TIÊU
1. 100% hồ sơ thủ tục hành chính được số hóa.
II. TỔ CHỨC THỰC HIỆN
1. Sở Khoa học và Công nghệ:
- Chủ trì, phối hợp với Sở Tài chính, Văn phòng UBND tỉnh và các cơ quan liên quan triển khai nền tảng dữ liệu dùng chung; thời gian hoàn thành: Quý IV/2026.
- Phối hợp với Công an tỉnh kết nối, chia sẻ dữ liệu dân cư.
2. Sở Tài chính: Tham mưu bố trí kinh phí thực hiện Kế hoạch, hoàn thành trong tháng 3/2026.
3. Các sở, ban, ngành; UBND các xã, phường
a) Xây dựng kế hoạch chuyển đổi số của cơ quan, đơn vị mình.
b) Báo cáo kết quả thực hiện về Sở Khoa học và Công nghệ trước ngày 15/12/2026.
Công an tỉnh:
- Bảo đảm an ninh mạng cho các hệ thống thông tin của tỉnh.
- Chủ trì xác thực điện tử cho người dân.
4. Kinh phí thực hiện Kế hoạch được bố trí từ ngân sách tỉnh.
Trong quá trình triển khai, các cơ quan báo cáo UBND tỉnh (qua Sở Khoa học và Công nghệ).
Sở Nội vụ có trách nhiệm đưa kết quả chuyển đổi số vào tiêu chí thi đua hằng năm.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
"""


def parse(text: str, document_id: str = "plan") -> ParsedPlan:
    return parse_plan(text, document_id)


def body_rows(plan: ParsedPlan) -> list[Target]:
    return [t for t in plan.targets if t.source == "body"]


def row_starting(plan: ParsedPlan, words: str) -> Target:
    found = [t for t in body_rows(plan) if t.content.startswith(words)]
    assert len(found) == 1, [t.content for t in body_rows(plan)]
    return found[0]


@pytest.fixture(scope="module")
def party() -> ParsedPlan:
    return parse(PARTY_PLAN, "dang-doan-3260")


@pytest.fixture(scope="module")
def state() -> ParsedPlan:
    return parse(STATE_PLAN, "quang-thu-77")


# ---- unit headings ---------------------------------------------------------------------


def test_a_lettered_party_heading_leads_the_bullets_under_it(party: ParsedPlan) -> None:
    row = row_starting(party, "Chủ trì thẩm tra dự án Luật Tổ chức chính quyền")
    assert row.lead_units == ("Tổ đảng ở Thường trực Ủy ban Pháp luật",)
    assert row.group == "a) Tổ đảng ở Thường trực Ủy ban Pháp luật"
    assert party.clause(row.clause_id).kind.value == "bullet"  # the task's own clause


def test_a_heading_with_a_colon_leads_its_tasks(party: ParsedPlan) -> None:
    row = row_starting(party, "Chủ trì thẩm tra dự án Luật Đầu tư công")
    assert row.lead_units == ("Tổ đảng ở Thường trực Ủy ban Kinh tế",)


def test_a_task_opening_with_phoi_hop_makes_the_heading_unit_a_partner(party: ParsedPlan) -> None:
    # under a unit's heading, "Phối hợp với X …" (beside its "Chủ trì …" tasks) is the unit's
    # part as a co-operating unit, with X; the text makes nobody the lead of it
    row = row_starting(party, "Phối hợp với Tổ đảng ở Thường trực Ủy ban Kinh tế")
    assert row.lead_units == ()
    assert row.cooperating_units == (
        "Tổ đảng ở Thường trực Ủy ban Pháp luật",
        "Tổ đảng ở Thường trực Ủy ban Kinh tế",
    )


def test_a_numbered_state_heading_and_its_role_sentence(state: ParsedPlan) -> None:
    row = row_starting(state, "Chủ trì, phối hợp với Sở Tài chính")
    assert row.lead_units == ("Sở Khoa học và Công nghệ",)
    assert row.cooperating_units == (
        "Sở Tài chính",
        "Văn phòng UBND tỉnh",
        "các cơ quan liên quan",
    )
    assert row.deadline is not None
    assert (row.deadline.kind, row.deadline.quarter, row.deadline.year) == (
        DeadlineKind.QUARTER,
        4,
        2026,
    )


def test_a_known_unit_ends_where_the_task_goes_on(state: ParsedPlan) -> None:
    row = row_starting(state, "Phối hợp với Công an tỉnh kết nối")
    # not "Công an tỉnh kết nối, chia sẻ …"
    assert row.cooperating_units == ("Sở Khoa học và Công nghệ", "Công an tỉnh")


def test_a_heading_with_its_task_on_the_same_line(state: ParsedPlan) -> None:
    row = row_starting(state, "Tham mưu bố trí kinh phí")
    assert row.lead_units == ("Sở Tài chính",)
    assert row.deadline is not None and (row.deadline.month, row.deadline.year) == (3, 2026)


def test_a_heading_naming_several_units_leads_with_all_of_them(state: ParsedPlan) -> None:
    row = row_starting(state, "Xây dựng kế hoạch chuyển đổi số")
    assert row.lead_units == ("Các sở, ban, ngành", "UBND các xã, phường")
    report = row_starting(state, "Báo cáo kết quả thực hiện")
    assert report.deadline is not None and report.deadline.kind is DeadlineKind.DATE


_SHARED_HEADS = """\
THỦ TƯỚNG CHÍNH PHỦ
Số: 15/QĐ-TTg
Hà Nội, ngày 10 tháng 3 năm 2025
QUYẾT ĐỊNH
Phê duyệt Đề án phát triển dịch vụ công
Điều 1. Phê duyệt Đề án với các nội dung như sau:
I. TỔ CHỨC THỰC HIỆN
1. Các Bộ: Công an, Tư pháp, Kế hoạch và Đầu tư, Văn phòng Chính phủ
- Chủ trì thực hiện các nhiệm vụ được giao tại Đề án;
- Bố trí kinh phí thực hiện Đề án.
2. Các Sở: Tài chính, Nội vụ
- Hướng dẫn các địa phương triển khai Đề án.
3. Các Bộ: Tổ chức thực hiện nghiêm túc Đề án này.
"""


def test_a_plural_head_shared_by_the_names_after_its_colon() -> None:
    """ "1. Các Bộ: Công an, Tư pháp, …" (a Quyết định's "Tổ chức thực hiện") leads the
    duties under it with each Bộ named in full; a name that is a unit by its own words stays
    as written; a heading whose colon opens a task is not such a list."""
    plan = parse(_SHARED_HEADS, "qd-15")
    row = row_starting(plan, "Chủ trì thực hiện các nhiệm vụ")
    assert row.lead_units == (
        "Bộ Công an",
        "Bộ Tư pháp",
        "Bộ Kế hoạch và Đầu tư",
        "Văn phòng Chính phủ",
    )
    assert row_starting(plan, "Hướng dẫn các địa phương").lead_units == (
        "Sở Tài chính",
        "Sở Nội vụ",
    )
    assert not [t for t in body_rows(plan) if t.content.startswith("Công an, Tư pháp")]


def test_the_ministries_of_a_real_decision_lead_their_duties() -> None:
    """QĐ 232/QĐ-TTg: "3. Các Bộ: Công Thương, Giao thông vận tải, …" and "4. Các Bộ: Công
    an, Kế hoạch và Đầu tư, Thông tin và truyền thông, Ngân hàng Nhà nước Việt Nam"."""
    path = Path(__file__).resolve().parent / "real_plans_12l"
    path = path / "thu-tuong-232-QD-TTg-2025-de-an-thi-truong-cac-bon.txt"
    plan = parse(path.read_text(encoding="utf-8"), "qd-232")
    assert row_starting(plan, "Chủ động xây dựng và ban hành").lead_units == (
        "Bộ Công Thương",
        "Bộ Giao thông vận tải",
        "Bộ Nông nghiệp và Phát triển nông thôn",
        "Bộ Xây dựng",
    )
    assert (
        "Bộ Công an"
        in row_starting(plan, "Chủ trì, phối hợp với Bộ Tài nguyên và Môi trường và").lead_units
    )


def test_an_unnumbered_unit_line_leads_the_bullets_after_it(state: ParsedPlan) -> None:
    assert row_starting(state, "Bảo đảm an ninh mạng").lead_units == ("Công an tỉnh",)
    assert row_starting(state, "Chủ trì xác thực điện tử").lead_units == ("Công an tỉnh",)


def test_a_heading_is_not_itself_a_task(party: ParsedPlan, state: ParsedPlan) -> None:
    for plan in (party, state):
        headings = {t.clause_id for t in body_rows(plan)}
        for clause in plan.clauses:
            if clause.body.strip() in (
                "1. Các tổ đảng",
                "a) Tổ đảng ở Thường trực Ủy ban Pháp luật",
            ):
                assert clause.id not in headings


# ---- role sentences ------------------------------------------------------------------------


def test_a_subject_that_chairs_and_cooperates(party: ParsedPlan) -> None:
    row = row_starting(party, "Đảng ủy Cơ quan Văn phòng Quốc hội chủ trì")
    assert row.lead_units == ("Đảng ủy Cơ quan Văn phòng Quốc hội",)
    assert row.cooperating_units == ("Ban Tổ chức Trung ương",)


def test_giao_assigns_and_thoi_han_is_the_deadline(party: ParsedPlan) -> None:
    row = row_starting(party, "Giao Văn phòng Quốc hội")
    assert row.lead_units == ("Văn phòng Quốc hội",)
    assert row.deadline is not None and row.deadline.quarter == 3


def test_do_x_chu_tri_names_the_lead(party: ParsedPlan) -> None:
    row = row_starting(party, "Các cơ quan báo chí tăng cường tuyên truyền")
    assert row.lead_units == ("Báo Đại biểu Nhân dân",)


def test_a_subject_with_co_trach_nhiem(state: ParsedPlan) -> None:
    row = row_starting(state, "Sở Nội vụ có trách nhiệm")
    assert row.lead_units == ("Sở Nội vụ",)


def test_a_unit_mentioned_in_passing_is_no_duty(party: ParsedPlan, state: ParsedPlan) -> None:
    contents = [t.content for t in body_rows(party) + body_rows(state)]
    assert not any(c.startswith("Tổ chức hội nghị sơ kết") for c in contents)
    assert not any(c.startswith("Trong quá trình triển khai") for c in contents)
    assert not any(c.startswith("Kinh phí thực hiện") for c in contents)
    assert not any("100% hồ sơ" in c for c in contents)


def test_no_row_without_a_unit_heading_or_role_verb() -> None:
    plan = parse("KẾ HOẠCH\nI. NHIỆM VỤ\n1. Nâng cao chất lượng dịch vụ công trực tuyến.\n")
    assert body_rows(plan) == []


# ---- offsets and tables ----------------------------------------------------------------------


@pytest.mark.parametrize("text", [PARTY_PLAN, STATE_PLAN])
def test_every_cell_quotes_the_source_verbatim(text: str) -> None:
    plan = parse(text)
    assert body_rows(plan)
    for row in body_rows(plan):
        clause = plan.clause(row.clause_id)
        for cell in row.cells:
            assert " ".join(text[cell.start : cell.end].split()) == cell.text
            if clause.start <= cell.start and cell.end <= clause.end:
                continue
            # a unit from the heading the task sits under: it lies in that heading's own text
            assert cell.role in ("lead", "cooperating") and row.group is not None
            assert any(
                c.start <= cell.start and cell.end <= c.body_end and c.id != clause.id
                for c in plan.clauses
            )


def test_a_clause_with_a_table_row_gets_no_body_row() -> None:
    text = (
        "KẾ HOẠCH\nI. NHIỆM VỤ\n1. Sở Tài chính\n- Chủ trì bố trí kinh phí.\n"
        "Phụ lục\n| TT | Nhiệm vụ | Đơn vị chủ trì | Thời gian hoàn thành |\n"
        "| 1 | Sở Tư pháp chủ trì số hóa hộ tịch | Sở Tư pháp | Quý II/2025 |\n"
    )
    plan = parse(text)
    tables = {t.clause_id for t in plan.targets if t.source == "table"}
    assert tables
    assert not tables & {t.clause_id for t in body_rows(plan)}
    assert [t.lead_units for t in body_rows(plan)] == [("Sở Tài chính",)]


# ---- answers -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    folder = tmp_path_factory.mktemp("party-plan")
    path = folder / "dang-doan-3260.txt"
    path.write_text(PARTY_PLAN, encoding="utf-8")
    home = tmp_path_factory.mktemp("party-home")
    with ingested_runtime(home, [path]) as runtime:
        yield runtime.assistant()


def verified(answer: Answer, runtime_text: str = PARTY_PLAN) -> Answer:
    for citation in answer.citations:
        assert citation.quote in citation.text
        assert runtime_text[citation.start : citation.end] == citation.text
    return answer


def test_who_chairs_a_task_names_the_heading_unit_with_its_citation(
    assistant: Assistant,
) -> None:
    answer = verified(
        assistant.ask("ai chu tri tham tra luat to chuc chinh quyen dia phuong sua doi?")
    )
    assert not answer.abstained
    assert "Tổ đảng ở Thường trực Ủy ban Pháp luật" in answer.answer
    quotes = {c.quote for c in answer.citations}
    assert "Tổ đảng ở Thường trực Ủy ban Pháp luật" in quotes  # the heading, cited
    assert any(q.startswith("Chủ trì thẩm tra dự án Luật Tổ chức") for q in quotes)


def test_a_list_by_unit_sees_body_rows(assistant: Assistant) -> None:
    answer = verified(
        assistant.ask("To dang o Thuong truc Uy ban Kinh te chu tri nhung nhiem vu nao?")
    )
    assert not answer.abstained
    assert "Luật Đầu tư công" in answer.answer


def test_the_ingested_rows_are_marked_as_body(tmp_path: Path) -> None:
    path = tmp_path / "quang-thu-77.txt"
    path.write_text(STATE_PLAN, encoding="utf-8")
    with ingested_runtime(tmp_path / "home", [path]) as runtime:
        assert isinstance(runtime, Runtime)
        rows = runtime.assistant().search.rows(["quang-thu-77"], "units_lead", ["so tai chinh"])
        assert rows and all(r.target is not None and r.target.source == "body" for r in rows)


def test_bold_unit_lines_each_lead_what_follows_them() -> None:
    text = (
        "KẾ HOẠCH\nII. TỔ CHỨC THỰC HIỆN\n**1. Sở Khoa học và Công nghệ:**\n"
        "- Chủ trì triển khai nền tảng số; thời hạn: 30/6/2026.\n"
        "**2\\. Công an tỉnh**\n- Chủ trì xác thực điện tử.\n"
    )
    rows = {t.content: t for t in body_rows(parse(text))}
    first = rows["Chủ trì triển khai nền tảng số; thời hạn: 30/6/2026."]
    assert first.lead_units == ("Sở Khoa học và Công nghệ",)
    assert first.deadline is not None and first.deadline.day == 30
    assert rows["Chủ trì xác thực điện tử."].lead_units == ("Công an tỉnh",)


def test_units_announcing_a_list_are_not_a_duty_themselves() -> None:
    text = (
        "QUYẾT ĐỊNH:\nI. TỔ CHỨC THỰC HIỆN\nĐiều 2. Các cơ quan, đơn vị sau đây chịu trách nhiệm tổ chức thực hiện:\n"
        "Điều 3. Giao Sở Nội vụ hướng dẫn, kiểm tra việc thực hiện Quyết định này.\n"
    )
    rows = body_rows(parse(text))
    assert [t.lead_units for t in rows] == [("Sở Nội vụ",)]


# ---- hard-wrapped web copies (a real plan's shapes: UBND TP Cần Thơ, KH 165/KH-UBND 2025) ----

WRAPPED_PLAN = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG THỬ
Số: 21/KH-UBND
Quảng Thử, ngày 05 tháng 01 năm 2026
KẾ HOẠCH
Công tác dân số năm 2026
**II. NỘI DUNG THỰC HIỆN**

**1. Sở Văn
hóa, Thể thao và Du lịch; Báo và Phát thanh, Truyền hình Quảng Thử**

Chỉ đạo các cơ quan báo chí tăng thời lượng tuyên truyền về công tác dân số.

**2. Sở, ban,
ngành liên quan**

Căn cứ chức năng, nhiệm vụ, chủ động phối hợp với Sở Y tế triển khai Kế hoạch.

**3. Ủy ban
nhân dân xã, phường**

a) Kiện toàn Ban Chỉ đạo Dân số cấp xã;

b) Bố trí kinh phí cho hoạt động dân số.

**4. Đề nghị Ủy
ban Mặt trận Tổ quốc Việt Nam tỉnh**

Phối hợp với các ngành, các cấp tăng cường tuyên truyền về dân số.

Trên đây là Kế hoạch công tác dân số năm 2026 của Ủy ban nhân dân tỉnh.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
"""


@pytest.fixture(scope="module")
def wrapped() -> ParsedPlan:
    return parse(WRAPPED_PLAN, "quang-thu-21")


def test_unit_names_wrapped_across_lines_head_their_tasks(wrapped: ParsedPlan) -> None:
    row = row_starting(wrapped, "Kiện toàn Ban Chỉ đạo Dân số cấp xã")
    assert row.lead_units == ("Ủy ban nhân dân xã, phường",)
    assert row.group == "3. Ủy ban nhân dân xã, phường"  # no bold marks in the label
    assert row_starting(wrapped, "Bố trí kinh phí").lead_units == ("Ủy ban nhân dân xã, phường",)


def test_a_press_body_and_the_generic_sở_ban_ngành_are_units(wrapped: ParsedPlan) -> None:
    row = row_starting(wrapped, "Chỉ đạo các cơ quan báo chí")
    assert row.lead_units == (
        "Sở Văn hóa, Thể thao và Du lịch",
        "Báo và Phát thanh, Truyền hình Quảng Thử",
    )
    assert row_starting(wrapped, "Căn cứ chức năng").lead_units == ("Sở, ban, ngành liên quan",)


def test_a_requested_body_co_operates_and_its_partners_stop_at_the_verb(
    wrapped: ParsedPlan,
) -> None:
    row = row_starting(wrapped, "Phối hợp với các ngành, các cấp")
    assert row.lead_units == ()
    assert row.cooperating_units == ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "các ngành, các cấp")


def test_a_bold_unit_heading_wrapped_before_a_capital_keeps_its_whole_name() -> None:
    """A web copy (a real Chỉ thị of UBND tỉnh Đắk Lắk, 012/CT-UBND 2025) hard-wraps a bold
    heading right after "Sở": the line after it opens with a capital, yet the unclosed "**"
    says the heading goes on, so "Sở Khoa học và Công nghệ" leads the points under it."""
    text = (
        "CHỈ THỊ\nVề cải cách thủ tục hành chính\n\n**1. Sở Nội\nvụ**\n\n"
        "a) Theo dõi, kiểm tra việc giải quyết TTHC.\n\n**2. Sở\nKhoa học và Công nghệ**\n\n"
        "a) Tối ưu hóa Hệ thống thông tin giải quyết TTHC tỉnh, bảo đảm hoạt động ổn định.\n\n"
        "b) Rà soát, thống nhất cách tính tỷ lệ các chỉ số theo Bộ chỉ số 766.\n"
    )
    plan = parse(text)
    assert row_starting(plan, "Tối ưu hóa").lead_units == ("Sở Khoa học và Công nghệ",)
    assert row_starting(plan, "Rà soát, thống nhất").lead_units == ("Sở Khoa học và Công nghệ",)
    assert row_starting(plan, "Theo dõi, kiểm tra").lead_units == ("Sở Nội vụ",)


def test_the_closing_formula_is_no_task(wrapped: ParsedPlan) -> None:
    assert not [t for t in body_rows(wrapped) if t.content.startswith("Trên đây là")]


def test_a_body_that_monitors_the_plan_is_a_monitoring_row() -> None:
    """Điều 3 of a Quốc hội resolution (a real text: NQ bổ sung KH KT-XH 2025)."""
    text = (
        "NGHỊ QUYẾT\nVề kế hoạch năm 2026\nIII. TỔ CHỨC THỰC HIỆN\n"
        "Ủy ban Thường vụ Quốc hội, Hội đồng Dân tộc, các Ủy ban của Quốc hội, trong phạm vi "
        "chức năng, nhiệm vụ, quyền hạn của mình, giám sát việc thực hiện Nghị quyết này.\n\n"
        "Mặt trận Tổ quốc Việt Nam và các tổ chức thành viên của Mặt trận giám sát và động viên "
        "mọi tầng lớp Nhân dân thực hiện Nghị quyết này.\n"
    )
    rows = body_rows(parse(text))
    assert [r.monitoring_units for r in rows] == [
        ("Ủy ban Thường vụ Quốc hội", "Hội đồng Dân tộc", "các Ủy ban của Quốc hội"),
        ("Mặt trận Tổ quốc Việt Nam", "các tổ chức thành viên của Mặt trận"),
    ]
    assert all(not r.lead_units for r in rows)


@pytest.mark.parametrize(
    ("first", "rest", "unit"),
    [
        ("1. Thường trực", "Hội đồng nhân dân tỉnh:", "Thường trực Hội đồng nhân dân tỉnh"),
        ("2. Ban Thường vụ", "Tỉnh ủy:", "Ban Thường vụ Tỉnh ủy"),
        ("a) Thường trực", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh:", None),
    ],
)
def test_a_numbered_unit_heading_wrapped_before_its_body_heads_its_tasks(
    first: str, rest: str, unit: str | None
) -> None:
    """A web copy hard-wraps a short heading between a standing organ's role and the body it
    serves ("1. Thường trực" / "Hội đồng nhân dân tỉnh:", as in a real HĐND tỉnh Hà Giang
    resolution): the two lines are one unit heading and the points under it are its tasks."""
    unit = unit or f"{first[3:]} {rest[:-1]}"
    points = "a" if first[0].isdigit() else "-"
    marker = (lambda n: f"{n}) ") if points == "a" else (lambda n: "- ")
    text = (
        "NGHỊ QUYẾT\nVề chương trình giám sát năm 2026\nĐiều 3. Giao:\n"
        f"{first}\n{rest}\n{marker('a')}Xây dựng Kế hoạch tổ chức thực hiện Chương trình.\n"
        f"{marker('b')}Tổ chức Hội nghị chất vấn giữa hai kỳ họp.\n"
    )
    plan = parse(text)
    assert row_starting(plan, "Xây dựng Kế hoạch").lead_units == (unit,)
    assert row_starting(plan, "Tổ chức Hội nghị").lead_units == (unit,)
    assert not [c for c in plan.clauses if c.text.strip() == rest]  # no paragraph of its own


def test_a_short_heading_is_not_joined_to_a_line_that_is_no_name() -> None:
    """Only a name closed by a colon goes on: "1. Sở Tài chính" then "Chủ trì, phối hợp …:"
    stays a heading and a sentence."""
    text = (
        "KẾ HOẠCH\nCông tác năm 2026\nII. TỔ CHỨC THỰC HIỆN\n1. Sở Tài chính\n"
        "Chủ trì, phối hợp với các sở thực hiện các nội dung sau:\n- Bố trí kinh phí.\n"
    )
    plan = parse(text)
    sentence = next(c for c in plan.clauses if c.text.startswith("Chủ trì, phối hợp"))
    assert sentence.path.endswith("1. Sở Tài chính › đoạn 1")  # a paragraph of its own
    assert row_starting(plan, "Bố trí kinh phí").lead_units == ("Sở Tài chính",)


def test_the_real_hdnd_resolution_gives_its_standing_body_its_points() -> None:
    source = (
        Path(__file__).parent
        / "real_plans_12k"
        / "ha-giang-hdnd-nq-2017-chuong-trinh-giam-sat-2018.txt"
    ).read_text(encoding="utf-8")
    plan = parse(source, "hggs")
    for words in ("Căn cứ Chương trình giám sát", "Tổ chức Hội nghị chất vấn"):
        assert row_starting(plan, words).lead_units == ("Thường trực Hội đồng nhân dân tỉnh",)


PARTY_RESOLUTION = """TỈNH ỦY HÀ GIANG
Số 12-NQ/TU
Hà Giang, ngày 05 tháng 3 năm 2026
NGHỊ QUYẾT
về phát triển du lịch
I. MỤC TIÊU
1. Đón 3 triệu lượt khách năm 2026.
II. TỔ CHỨC THỰC HIỆN
1. Đảng ủy Các cơ quan Đảng tỉnh chỉ đạo:
1.1. Đảng ủy Hội đồng nhân dân tỉnh lãnh đạo Hội đồng nhân dân tỉnh ban hành cơ chế, chính sách.
1.2. Đảng ủy Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh đẩy mạnh tuyên truyền, vận động Nhân dân.
2. Ủy ban Kiểm tra Tỉnh ủy phối hợp với các cơ quan, đơn vị có liên quan kiểm tra, giám sát việc thực hiện Nghị quyết.
3. Văn phòng Tỉnh ủy phối hợp theo dõi, đôn đốc thực hiện Nghị quyết; tổng hợp tình hình báo cáo Ban Thường vụ Tỉnh ủy.
"""


def _row_of(plan: ParsedPlan, number: str) -> Target:
    return next(t for t in plan.targets if t.number == number and t.source == "body")


def test_a_unit_that_co_operates_with_no_lead_named_keeps_its_duty() -> None:
    plan = parse_plan(PARTY_RESOLUTION, "nq")
    inspection = _row_of(plan, "2")
    assert inspection.lead_units == ()
    assert "Ủy ban Kiểm tra Tỉnh ủy" in inspection.cooperating_units
    office = _row_of(plan, "3")
    assert office.cooperating_units == ("Văn phòng Tỉnh ủy",)
    for row in (inspection, office):
        for cell in row.cells:
            assert PARTY_RESOLUTION[cell.start : cell.end] == cell.text


def test_the_unit_of_a_directing_heading_directs_the_sub_items() -> None:
    plan = parse_plan(PARTY_RESOLUTION, "nq")
    council = _row_of(plan, "1.1")
    assert council.lead_units == ("Đảng ủy Hội đồng nhân dân tỉnh",)
    assert council.monitoring_units == ("Đảng ủy Các cơ quan Đảng tỉnh",)
    monitoring = council.cells_for("monitoring")
    assert [PARTY_RESOLUTION[c.start : c.end] for c in monitoring] == [
        "Đảng ủy Các cơ quan Đảng tỉnh"
    ]


def test_a_unit_that_co_operates_with_a_named_lead_is_not_led_by_itself() -> None:
    text = "I. NHIỆM VỤ\n1. Sở Tài chính phối hợp với Sở Xây dựng rà soát quy hoạch.\n"
    row = _row_of(parse_plan(text, "k"), "1")
    assert row.lead_units == ("Sở Xây dựng",)
    assert row.cooperating_units == ("Sở Tài chính",)


GROUP_LISTED_LETTER = """ỦY BAN NHÂN DÂN TỈNH BẮC NINH
Số: 812/UBND-TH
V/v triển khai Nghị định về tài sản kết cấu hạ tầng
Bắc Ninh, ngày 02 tháng 7 năm 2026
Kính gửi: Các sở, ban, ngành thuộc UBND tỉnh.
Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các cơ quan thực hiện các nội dung sau:
1. Các sở quản lý chuyên ngành về hạ tầng
Giao các sở quản lý chuyên ngành về hạ tầng theo lĩnh vực gồm:
- Sở Công Thương (đối với hạ tầng cụm công nghiệp);
- Sở Xây dựng (đối với hạ tầng đô thị);
- Ban Quản lý các khu công nghiệp (đối với hạ tầng khu công nghiệp).
Có trách nhiệm:
a) Rà soát, thống kê toàn bộ tài sản kết cấu hạ tầng thuộc phạm vi quản lý.
b) Hướng dẫn các đơn vị lập hồ sơ tài sản.
2. Sở Tài chính
a) Tổng hợp báo cáo Ủy ban nhân dân tỉnh trước ngày 20/12.
"""


def test_a_group_heading_over_its_listed_units_leads_its_duties_with_each_unit() -> None:
    plan = parse(GROUP_LISTED_LETTER)
    row = row_starting(plan, "Rà soát, thống kê")
    assert row.lead_units == ("Sở Công Thương", "Sở Xây dựng", "Ban Quản lý các khu công nghiệp")
    assert row_starting(plan, "Hướng dẫn các đơn vị").lead_units == row.lead_units
    # the lines that only list the units are no duties of their own
    assert not [r for r in body_rows(plan) if r.content.startswith(("Giao các sở", "Sở Xây"))]
    assert row_starting(plan, "Tổng hợp báo cáo").lead_units == ("Sở Tài chính",)
