"""Two more plans kehoach was not built on, ingested as a user would.

- a town plan (thị xã Hồng Lĩnh, 56/KH-UBND) whose appendix is a markdown table with
  group rows, a row led by two units and deadlines such as "2025-2026" and "Trước 30/9/2025";
  its targets open with a figure ("1. 100% văn bản …");
- a province plan (Thái Bình, 88/KH-UBND) whose header and appendix are pipe cells, with
  hard-wrapped title and cells, a running page header and page number inside the table,
  a signature far from the end, mixed tone marks (hoá/hóa, thuỷ/thủy) and abbreviations.

Only the structural paths are pinned (the deterministic test embedder stands in for the
model); the plan files live in `tests/plans/`, not in the bundled corpus.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.domain import ClauseKind, DeadlineKind, ParsedPlan
from ingest.parser.plan import parse_plan
from retrieval.answers import Answer
from retrieval.assistant import Assistant
from retrieval.runtime import Runtime
from tests.conftest import ingested_runtime

PLANS = Path(__file__).parent / "plans"
TOWN = PLANS / "ha-tinh-hong-linh-56-KH-UBND-2025.txt"
PROVINCE = PLANS / "thai-binh-88-KH-UBND-2024.txt"


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runtime]:
    with ingested_runtime(tmp_path_factory.mktemp("unseen-more"), [TOWN, PROVINCE]) as made:
        yield made


@pytest.fixture(scope="module")
def assistant(runtime: Runtime) -> Assistant:
    return runtime.assistant()


def parsed(plan: Path) -> ParsedPlan:
    return parse_plan(plan.read_text(encoding="utf-8"), plan.stem)


def verified(answer: Answer, plan: Path) -> Answer:
    """Every citation quotes the stored plan verbatim, at its offsets."""
    source = plan.read_text(encoding="utf-8")
    assert not answer.abstained
    assert answer.citations
    for citation in answer.citations:
        assert citation.document_id == plan.stem
        assert source[citation.start : citation.end] == citation.text
        assert citation.quote and citation.quote in citation.text
        assert f"[{citation.n}]" in answer.answer
    return answer


# ---- parsing ----------------------------------------------------------------------------


def test_town_metadata_keeps_the_thi_xa_level() -> None:
    document = parsed(TOWN).document
    assert document.number == "56/KH-UBND"
    assert document.issued_date == "2025-02-20"
    assert document.issuer == "Ủy ban nhân dân thị xã Hồng Lĩnh"
    assert document.signer == "Trần Đình Gia"
    assert document.signer_title == "Chủ tịch"
    assert document.place is not None and document.place.level == "thị xã"


def test_markdown_appendix_rows_groups_and_deadlines() -> None:
    plan = parsed(TOWN)
    rows = {target.number: target for target in plan.targets if target.source == "table"}
    assert set(rows) == {"1", "2", "3", "4", "5", "6", "7"}
    assert rows["4"].group == "Phát triển đô thị thông minh"
    assert list(rows["4"].lead_units) == [
        "Phòng Văn hóa, Khoa học và Thông tin",
        "Phòng Quản lý đô thị",
    ]
    assert rows["2"].note == "Theo Đề án 06"
    deadlines = {number: target.deadline for number, target in rows.items()}
    span = deadlines["4"]
    assert span is not None and (span.kind, span.year) == (DeadlineKind.YEAR, 2026)
    before = deadlines["2"]
    assert before is not None and (before.kind, before.month, before.day) == (
        DeadlineKind.DATE,
        9,
        30,
    )
    quarter = deadlines["3"]
    assert quarter is not None and (quarter.quarter, quarter.year) == (3, 2025)


def test_numbered_targets_that_open_with_a_figure_are_sections() -> None:
    sections = [c for c in parsed(TOWN).clauses if c.kind is ClauseKind.SECTION]
    paths = [c.path for c in sections if c.path.startswith("II. MỤC TIÊU")]
    assert [p.split(" › ")[1][:2] for p in paths] == ["1.", "2.", "3."]


def test_pipe_header_signature_and_hard_wrapped_title() -> None:
    document = parsed(PROVINCE).document
    assert document.number == "88/KH-UBND"
    assert document.issued_date == "2024-05-08"
    assert document.issuer == "Ủy ban nhân dân tỉnh Thái Bình"
    assert document.signer == "Lại Văn Hoàn"
    assert document.title.endswith("cơ sở dữ liệu chuyên ngành tỉnh Thái Bình năm 2024")
    # the appendix's "Kèm theo Kế hoạch số 88/KH-UBND" is the plan itself, not its basis
    assert not any("88/KH-UBND" in ref for ref in document.based_on)


def test_page_header_inside_a_pipe_table_is_not_a_cell() -> None:
    plan = parsed(PROVINCE)
    groups = [c for c in plan.clauses if c.kind is ClauseKind.TABLE_GROUP]
    assert [g.heading for g in groups] == ["Cải cách TTHC và DVCTT", "Phát triển CSDL chuyên ngành"]
    rows = {target.number: target for target in plan.targets if target.source == "table"}
    assert set(rows) == {"1", "2", "3", "4", "5", "6"}
    assert rows["4"].group == "Phát triển CSDL chuyên ngành"
    assert rows["1"].content.endswith("thuộc thẩm quyền của các sở, ngành")
    assert list(rows["5"].lead_units) == ["Sở Nông nghiệp và Phát triển nông thôn"]
    assert rows["6"].deadline is not None and rows["6"].deadline.day == 30


# ---- answers ----------------------------------------------------------------------------


def test_row_led_by_two_units(assistant: Assistant) -> None:
    answer = verified(
        assistant.ask("Nhiệm vụ 4 trong phụ lục kế hoạch 56/KH-UBND do đơn vị nào chủ trì?"),
        TOWN,
    )
    assert "Phòng Văn hóa, Khoa học và Thông tin; Phòng Quản lý đô thị" in answer.answer


def test_unknown_columns_are_shown(assistant: Assistant) -> None:
    answer = verified(
        assistant.ask("Nhiệm vụ 6 phụ lục kế hoạch 88/KH-UBND có sản phẩm là gì?"), PROVINCE
    )
    assert "Sản phẩm: Báo cáo đánh giá" in answer.answer


def test_several_document_facts_in_one_question(assistant: Assistant) -> None:
    answer = verified(
        assistant.ask("Kế hoạch 88/KH-UBND của tỉnh Thái Bình ban hành ngày nào, ai ký?"),
        PROVINCE,
    )
    assert "08/5/2024" in answer.answer or "08 tháng 5 năm 2024" in answer.answer
    assert "Lại Văn Hoàn" in answer.answer


def test_list_by_unit_without_diacritics(assistant: Assistant) -> None:
    answer = verified(
        assistant.ask("doan thanh nien thi xa phoi hop nhung nhiem vu nao trong ke hoach 56"),
        TOWN,
    )
    assert "OCOP" in answer.answer and "Tổ công nghệ số cộng đồng" in answer.answer


def test_list_by_period_across_a_page_break(assistant: Assistant) -> None:
    answer = verified(
        assistant.ask("Những nhiệm vụ nào của kế hoạch 88 phải hoàn thành trong năm 2024?"),
        PROVINCE,
    )
    for content in ("CSDL thủy lợi", "CSDL tài nguyên nước", "Tái cấu trúc quy trình"):
        assert content in answer.answer


def test_a_target_that_is_one_numbered_line_is_answered(assistant: Assistant) -> None:
    # "2. Tỷ lệ … đạt tối thiểu 70%." under "II. MỤC TIÊU": a section with nothing under it
    answer = verified(
        assistant.ask(
            "Tỷ lệ hồ sơ TTHC xử lý trực tuyến toàn trình của thị xã Hồng Lĩnh phải đạt bao nhiêu?"
        ),
        TOWN,
    )
    assert not answer.abstained
    assert "đạt tối thiểu 70%" in answer.citations[0].quote
