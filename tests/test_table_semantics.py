"""Table semantics from header and content: roles, units of measure, per-stage values.

The property test generates tables the way officials write them (any column order, header
synonyms, units of measure under a bare "Đơn vị") in the three layouts the parser reads, and
asserts the parse gives back what was generated.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.domain import Target
from ingest.parser.columns import ColumnRole, classify_columns, classify_header
from ingest.parser.plan import parse_plan
from retrieval.citations import CitationBuilder
from retrieval.compose import describe_row
from retrieval.documents import DocumentDirectory
from retrieval.query import Intent
from tests.stored_clauses import stored_from_parsed

_NQ_CP_APPENDIX = """\
CHÍNH PHỦ
Số: 01/NQ-CP
NGHỊ QUYẾT
I. NHIỆM VỤ
1. Thực hiện tốt các chỉ tiêu tại Phụ lục.
PHỤ LỤC I
CHỈ TIÊU CHỦ YẾU

| TT | Chỉ tiêu | Đơn vị | Kết quả | Cơ quan chủ trì theo dõi, đánh giá |
|---|---|---|---|---|
| 1 | Tốc độ tăng GDP | % | 6,5-7 | Bộ Kế hoạch và Đầu tư |
| 2 | Số doanh nghiệp thành lập mới | Doanh nghiệp | 160.000 | Bộ Kế hoạch và Đầu tư |
| 3 | Tỷ lệ lao động qua đào tạo | % | ≥ 70 | Bộ Lao động - Thương binh và Xã hội |
"""

_TASK_TABLE = """\
PHỤ LỤC II
NHIỆM VỤ

| Nhiệm vụ | Cơ quan thực hiện | Cơ quan chịu trách nhiệm cao nhất | Cơ quan phối hợp, tham vấn |
|---|---|---|---|
| Xây dựng Luật Dữ liệu | Bộ Công an | Bộ trưởng Bộ Công an | Bộ Tư pháp<br>Bộ Khoa học và Công nghệ |
| Đề án nhân lực số | Bộ Giáo dục và Đào tạo | Bộ trưởng Bộ Giáo dục và Đào tạo | Bộ Nội vụ |
"""


def test_indicator_appendix_unit_of_measure_is_not_an_agency() -> None:
    plan = parse_plan(_NQ_CP_APPENDIX, "nq")
    gdp, firms, labour = plan.targets
    assert gdp.lead_units == () and gdp.monitoring_units == ("Bộ Kế hoạch và Đầu tư",)
    assert gdp.measure_unit == "%"
    assert firms.measure_unit == "Doanh nghiệp"
    assert [v.text for v in gdp.values] == ["6,5-7"]
    assert [v.text for v in labour.values] == ["≥ 70"]
    assert [c.role for c in firms.cells] == [
        "number",
        "content",
        "measure_unit",
        "value",
        "monitoring",
    ]


def test_task_table_without_a_number_column_gives_rows_with_every_role() -> None:
    plan = parse_plan(_TASK_TABLE, "tasks")
    assert len(plan.targets) == 2
    law = plan.targets[0]
    assert law.content == "Xây dựng Luật Dữ liệu"
    assert law.lead_units == ("Bộ Công an",)
    assert law.highest_units == ("Bộ trưởng Bộ Công an",)
    assert law.cooperating_units == ("Bộ Tư pháp", "Bộ Khoa học và Công nghệ")


def test_who_answer_on_a_row_with_new_roles_reads_right() -> None:
    plan = parse_plan(_TASK_TABLE, "tasks")
    target = plan.targets[0]
    clause = plan.clause(target.clause_id)
    stored = stored_from_parsed(clause, target)
    documents = DocumentDirectory([])
    cite = CitationBuilder(documents)
    lines = describe_row(stored, documents, cite, Intent.WHO)
    assert "Chủ trì: Bộ Công an" in lines[0]  # every role, by its short label, on line one
    assert "chịu trách nhiệm chính: Bộ trưởng Bộ Công an" in lines[0]
    # the exact column header stays in the citation
    assert ("Cơ quan chịu trách nhiệm cao nhất", "Bộ trưởng Bộ Công an") in cite.citations[
        0
    ].columns


def test_ambiguous_headers_are_settled_by_the_cells() -> None:
    header = ["TT", "Nội dung", "Đơn vị", "Kết quả"]
    agencies = [["1"], ["Số hóa hồ sơ"], ["Sở Tư pháp"], ["Báo cáo"]]
    measures = [["1"], ["Tỷ lệ hồ sơ"], ["%"], ["80"]]
    assert classify_columns(header, agencies)[2:] == (ColumnRole.LEAD, ColumnRole.PRODUCT)
    assert classify_columns(header, measures)[2:] == (ColumnRole.MEASURE_UNIT, ColumnRole.VALUE)
    # a lone "Mục tiêu" column of sentences is what the rows are about
    sentences = [["1"], ["Nâng cao chất lượng dịch vụ công trực tuyến toàn trình"]]
    assert classify_columns(["TT", "Mục tiêu"], sentences)[1] is ColumnRole.CONTENT


def test_header_vocabulary() -> None:
    labels = [
        "Cơ quan chủ trì theo dõi, đánh giá",
        "Trực tiếp chỉ đạo",
        "Cơ quan chịu trách nhiệm cao nhất",
        "Cơ quan phối hợp, tham vấn",
        "Đơn vị thực hiện",
        "Đơn vị chịu trách nhiệm",
        "Lộ trình",
        "Sản phẩm đầu ra",
        "ĐVT",
        "Chỉ tiêu đến năm 2030",
        "Chỉ tiêu",
        "Kinh phí",
    ]
    assert classify_header(labels) == (
        ColumnRole.MONITORING,
        ColumnRole.MONITORING,
        ColumnRole.HIGHEST_RESPONSIBILITY,
        ColumnRole.COOPERATING,
        ColumnRole.LEAD,
        ColumnRole.LEAD,
        ColumnRole.DEADLINE,
        ColumnRole.PRODUCT,
        ColumnRole.MEASURE_UNIT,
        ColumnRole.VALUE,
        ColumnRole.CONTENT,
        ColumnRole.UNKNOWN,
    )


# ---- property: generated tables in every layout ----------------------------------------

_HEADERS: dict[str, list[str]] = {
    "content": ["Nội dung", "Chỉ tiêu", "Nhiệm vụ", "Tên nhiệm vụ", "Nội dung công việc"],
    "lead": [
        "Cơ quan chủ trì",
        "Đơn vị chủ trì",
        "Cơ quan thực hiện",
        "Đơn vị thực hiện",
        "Đơn vị phụ trách",
    ],
    "cooperating": ["Cơ quan phối hợp", "Đơn vị phối hợp", "Cơ quan phối hợp, tham vấn"],
    "monitoring": [
        "Cơ quan chủ trì theo dõi, đánh giá",
        "Trực tiếp chỉ đạo",
        "Đơn vị theo dõi, đôn đốc",
    ],
    "highest_responsibility": ["Cơ quan chịu trách nhiệm cao nhất"],
    "deadline": ["Thời gian hoàn thành", "Thời hạn", "Tiến độ", "Thời gian thực hiện"],
    "measure_unit": ["Đơn vị tính", "ĐVT", "Đơn vị"],
    "value": ["Kết quả", "Mục tiêu"],
    "product": ["Sản phẩm", "Kết quả đầu ra", "Sản phẩm đầu ra"],
    "note": ["Ghi chú"],
}
_CELLS: dict[str, list[str]] = {
    "content": [
        "Số hóa hồ sơ hộ tịch",
        "Tỷ lệ dịch vụ công trực tuyến toàn trình",
        "Xây dựng kho dữ liệu dùng chung",
    ],
    "lead": ["Sở Tài chính", "Công an tỉnh", "Sở Khoa học và Công nghệ"],
    "cooperating": ["Sở Y tế", "UBND các xã, phường", "Văn phòng UBND tỉnh"],
    "monitoring": ["Sở Nội vụ", "Ban Chỉ đạo tỉnh", "Sở Tư pháp"],
    "highest_responsibility": ["Giám đốc Sở Tài chính", "Chủ tịch UBND tỉnh"],
    "deadline": ["Quý IV/2025", "Tháng 6/2026", "31/12/2025", "Năm 2027", "Thường xuyên"],
    "measure_unit": ["%", "Doanh nghiệp", "người", "km", "hộ"],
    "value": ["80", "≥ 70", "1.500", "6,5-7", "100"],
    "product": ["Báo cáo tổng kết", "Quyết định phê duyệt", "Nền tảng dùng chung"],
    "note": ["Nhiệm vụ chuyển tiếp", "Ưu tiên"],
}


@dataclass(frozen=True)
class _Column:
    role: str
    header: str
    cells: tuple[str, ...]


@st.composite
def _tables(draw: st.DrawFn) -> tuple[list[_Column], str]:
    roles = draw(
        st.lists(
            st.sampled_from(sorted(set(_HEADERS) - {"content"})),
            min_size=1,
            max_size=6,
            unique=True,
        )
    )
    stages = draw(st.lists(st.sampled_from(sorted(_STAGE_HEADERS)), max_size=3, unique=True))
    stages = [
        header
        for header in stages
        if _STAGE_HEADERS[header] not in {_STAGE_HEADERS[h] for h in stages[: stages.index(header)]}
    ]
    roles = ["content", *roles, *(f"stage:{header}" for header in stages)]
    order = draw(st.permutations(roles))
    layout = draw(st.sampled_from(["pipe", "tab", "markdown"]))
    if layout == "pipe" and "note" in order:
        # in pipe-cell copies "Ghi chú" closes the header row: it is always the last column
        order = [role for role in order if role != "note"] + ["note"]
    rows = draw(st.integers(min_value=1, max_value=3))
    columns = [
        _Column(
            "value" if role.startswith("stage:") else role,
            role.removeprefix("stage:")
            if role.startswith("stage:")
            else draw(st.sampled_from(_HEADERS[role])),
            tuple(
                draw(st.sampled_from(_CELLS["value" if role.startswith("stage:") else role]))
                for _ in range(rows)
            ),
        )
        for role in order
    ]
    return columns, layout


def _render(columns: list[_Column], layout: str) -> str:
    header = ["STT", *(c.header for c in columns)]
    count = len(columns[0].cells)
    body = [[str(k + 1), *(c.cells[k] for c in columns)] for k in range(count)]
    if layout == "tab":
        lines = ["\t".join(header), *("\t".join(row) for row in body)]
    elif layout == "markdown":
        rule = "|" + "|".join("---" for _ in header) + "|"
        lines = ["| " + " | ".join(header) + " |", rule]
        lines += ["| " + " | ".join(row) + " |" for row in body]
    else:
        lines = [f"{cell} |" for row in [header, *body] for cell in row]
    return "PHỤ LỤC\nBẢNG PHÂN CÔNG\n" + "\n".join(lines) + "\n"


_STAGE_HEADERS = {
    "Năm 2025": "2025",
    "Chỉ tiêu đến 2030": "2030",
    "Chỉ tiêu đến năm 2025": "2025",
    "Giai đoạn 2026-2030": "2026-2030",
    "Tầm nhìn 2045": "2045",
    "Kế hoạch năm 2026": "2026",
}


@settings(max_examples=150, deadline=None)
@given(_tables())
def test_generated_tables_parse_back_to_what_was_generated(
    generated: tuple[list[_Column], str],
) -> None:
    columns, layout = generated
    plan = parse_plan(_render(columns, layout), "gen")
    assert len(plan.targets) == len(columns[0].cells), layout
    for k, target in enumerate(plan.targets):
        _check_row(target, columns, k, layout)


def _check_row(target: Target, columns: list[_Column], k: int, layout: str) -> None:
    by_role = {c.role: c for c in columns if c.role != "value"}
    assert target.number == str(k + 1)
    got_roles = [cell.role for cell in target.cells if cell.role != "number"]
    assert got_roles == [c.role for c in columns], (layout, [c.header for c in columns])
    assert target.content == by_role["content"].cells[k]

    def cell(role: str) -> str | None:
        return by_role[role].cells[k] if role in by_role else None

    assert target.lead_units == ((cell("lead"),) if "lead" in by_role else ())
    assert target.monitoring_units == ((cell("monitoring"),) if "monitoring" in by_role else ())
    assert target.highest_units == (
        (cell("highest_responsibility"),) if "highest_responsibility" in by_role else ()
    )
    assert target.measure_unit == cell("measure_unit")
    assert target.note == cell("note")
    if "cooperating" in by_role:
        assert ", ".join(target.cooperating_units) == cell("cooperating")
    deadline = cell("deadline")
    assert (target.deadline.raw if target.deadline else None) == deadline
    assert [(v.period, v.text) for v in target.values] == [
        (_STAGE_HEADERS.get(c.header), c.cells[k]) for c in columns if c.role == "value"
    ]


def test_how_much_questions_on_an_indicator_appendix_are_answered(tmp_path: Path) -> None:
    """The figure sits in the "Kết quả" column: "bao nhiêu" reads it, with its unit."""
    from tests.conftest import ingested_runtime

    plan = tmp_path / "nq-01-NQ-CP.txt"
    plan.write_text(_NQ_CP_APPENDIX, encoding="utf-8")
    with ingested_runtime(tmp_path / "home", [plan]) as runtime:
        assistant = runtime.assistant()
        firms = assistant.ask("so doanh nghiep thanh lap moi bao nhieu")
        labour = assistant.ask("ty le lao dong qua dao tao dat bao nhieu")
        who = assistant.ask("co quan nao theo doi ty le lao dong qua dao tao")
    assert not firms.abstained and "160.000 Doanh nghiệp" in firms.answer
    assert not labour.abstained and "≥ 70 %" in labour.answer
    assert "Bộ Lao động - Thương binh và Xã hội" in who.answer.splitlines()[0]
    assert "là %" not in who.answer  # the unit of measure is not an agency
