"""Periods from structure: stage headings, lead-in lines, group rows and stage-first clauses."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.domain import ClauseKind, ParsedPlan
from ingest.parser.periods import column_stage, heading_stage, leading_stage, stages_in
from ingest.parser.plan import parse_plan
from ingest.points import clause_payload, search_text

PLANS = Path(__file__).resolve().parent / "real_texts"


@pytest.mark.parametrize(
    ("heading", "stage"),
    [
        ("Trong năm 2025", "2025"),
        ("Mục tiêu đến năm 2030", "2030"),
        ("Đến năm 2030:", "2030"),
        ("Giai đoạn 2026-2030", "2026-2030"),
        ("GIAI ĐOẠN 2026 – 2030", "2026-2030"),
        ("Tầm nhìn đến năm 2045", "2045"),
        ("Mục tiêu cụ thể đến năm 2025", "2025"),
        ("2. Các chỉ tiêu chủ yếu đến năm 2030", "2030"),
        ("a) Đến hết năm 2025:", "2025"),
        ("Năm 2025", "2025"),
        ("Mục tiêu, định hướng phát triển kinh tế xã hội giai đoạn 2025- 2030", "2025-2030"),
        ("CÁC CHỈ TIÊU CHỦ YẾU TRONG NHIỆM KỲ 2020-2025", "2020-2025"),
        # a phase bounded by months or by two years ("từ … đến hết năm …") is one span
        ("a) Giai đoạn đến trước tháng 6 năm 2025:", "2025"),
        ("b) Giai đoạn từ tháng 6 năm 2025 đến hết năm 2028:", "2025-2028"),
        ("a) Giai đoạn thực hiện thí điểm từ năm 2025 đến hết năm 2028", "2025-2028"),
        ("Giai đoạn từ tháng 6/2025 đến tháng 12/2026", "2025-2026"),
        ("b) Giai đoạn vận hành chính thức từ năm 2029", "2029"),
        ("Kế hoạch tháng 10 năm 2025", None),
        # a whole plan's scope names two stages: not one stage
        ("MỤC TIÊU ĐẾN NĂM 2030, TẦM NHÌN ĐẾN NĂM 2045", None),
        ("II. MỤC TIÊU THEO GIAI ĐOẠN", None),
        ("Đẩy mạnh chuyển đổi số trong các cơ quan nhà nước năm 2025", None),
        ("Năm 2025 tỉnh phấn đấu đạt 100% hồ sơ trực tuyến", None),
        ("Mục đích, yêu cầu", None),
    ],
)
def test_heading_stage(heading: str, stage: str | None) -> None:
    assert heading_stage(heading) == stage


def test_leading_stage_and_column_stage() -> None:
    assert leading_stage("Đến năm 2030, 100% xã có điểm truy cập công cộng.") == "2030"
    assert leading_stage("- Năm 2025: đạt 80%") == "2025"
    assert leading_stage("Giai đoạn 2026-2030: hoàn thành") == "2026-2030"
    assert leading_stage("Đến năm 2030 đạt 100%") is None  # no comma or colon: not a lead
    assert leading_stage("Phủ sóng 5G đến năm 2030, …") is None
    assert column_stage("Năm 2025") == "2025"
    assert column_stage("Chỉ tiêu đến 2030") == "2030"
    assert column_stage("Kế hoạch năm 2025") == "2025"
    assert column_stage("Giai đoạn 2026-2030") == "2026-2030"
    assert column_stage("Kết quả") is None
    assert column_stage("Thời gian thực hiện") is None
    assert stages_in("đến năm 2030, tầm nhìn đến năm 2045") == ("2030", "2045")
    assert stages_in("từ tháng 6 năm 2025 đến hết năm 2028") == ("2025-2028",)


def test_phases_of_a_decision_give_their_items_a_span() -> None:
    """QĐ 232/QĐ-TTg writes its phases "a) Giai đoạn đến trước tháng 6 năm 2025:", "b) Giai
    đoạn từ tháng 6 năm 2025 đến hết năm 2028:", "c) Giai đoạn từ năm 2029:" (and again as
    "Giai đoạn thực hiện thí điểm từ năm 2025 đến hết năm 2028"): each item under a phase
    carries that phase's period."""
    path = Path(__file__).resolve().parent / "real_plans_12l"
    path = path / "thu-tuong-232-QD-TTg-2025-de-an-thi-truong-cac-bon.txt"
    plan = parse_plan(path.read_text(encoding="utf-8"), document_id="qd232", source_path=str(path))
    items = ("- Vận hành thí điểm sàn", "- Chính thức vận hành", "- Toàn bộ hạn ngạch")
    periods = [c.period for c in plan.clauses if c.body.strip().startswith(items)]
    assert sorted(p or "" for p in periods) == ["2025-2028", "2025-2028", "2029"]


_TEXT_PLAN = """\
ỦY BAN NHÂN DÂN TỈNH A
Số: 12/KH-UBND
KẾ HOẠCH
Chuyển đổi số tỉnh A đến năm 2030, tầm nhìn đến năm 2045
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Bảo đảm triển khai đồng bộ.
II. MỤC TIÊU THEO GIAI ĐOẠN
1. Mục tiêu cụ thể đến năm 2025
- 80% hồ sơ được xử lý trực tuyến.
- 50% doanh nghiệp sử dụng hợp đồng điện tử.
2. Mục tiêu đến năm 2030
- 100% hồ sơ được xử lý trực tuyến.
3. Tầm nhìn đến năm 2045
Tỉnh A trở thành tỉnh số.
III. NHIỆM VỤ
1. Hạ tầng số
Đến năm 2030:
- Phủ sóng 5G toàn tỉnh.
Trong năm 2025:
- Hoàn thành trung tâm dữ liệu.
2. Đến năm 2030, 100% xã có điểm truy cập công cộng.
3. Phát triển nhân lực số.
"""


def _by_text(plan: ParsedPlan) -> dict[str, str | None]:
    return {" ".join(c.body.split()): c.period for c in plan.clauses}


def test_stage_headings_scope_the_clauses_under_them() -> None:
    periods = _by_text(parse_plan(_TEXT_PLAN, "a"))
    assert periods["- 80% hồ sơ được xử lý trực tuyến."] == "2025"
    assert periods["- 50% doanh nghiệp sử dụng hợp đồng điện tử."] == "2025"
    assert periods["- 100% hồ sơ được xử lý trực tuyến."] == "2030"
    assert periods["Tỉnh A trở thành tỉnh số."] == "2045"
    # the part heading names no single stage, nor does "Mục đích"
    assert periods["II. MỤC TIÊU THEO GIAI ĐOẠN"] is None
    assert periods["Bảo đảm triển khai đồng bộ."] is None


def test_lead_in_lines_scope_the_siblings_after_them_until_the_next_stage() -> None:
    periods = _by_text(parse_plan(_TEXT_PLAN, "a"))
    assert periods["- Phủ sóng 5G toàn tỉnh."] == "2030"
    assert periods["- Hoàn thành trung tâm dữ liệu."] == "2025"
    # a numbered item opening with its stage has it; the next item does not inherit it
    assert periods["2. Đến năm 2030, 100% xã có điểm truy cập công cộng."] == "2030"
    assert periods["3. Phát triển nhân lực số."] is None


# A Markdown outline after the Markdown reader: `## **II. MỤC TIÊU THEO GIAI ĐOẠN**` is the line
# "II. MỤC TIÊU THEO GIAI ĐOẠN"; pipe tables stay pipe tables (with `<br>` inside cells).
_MARKDOWN_PLAN = """\
II. MỤC TIÊU THEO GIAI ĐOẠN

1. Giai đoạn 2026-2030

| STT | Chỉ tiêu | Đơn vị tính | Kết quả | Cơ quan chủ trì |
|---|---|---|---|---|
| 1 | Tỷ lệ hồ sơ trực tuyến | % | 90 | Sở Nội vụ |
| 2 | Doanh nghiệp số | Doanh nghiệp | 1.000 | Sở Tài chính<br>Sở Công Thương |

PHỤ LỤC 2

| STT | Chỉ tiêu | ĐVT | Năm 2025 | Năm 2030 | Tầm nhìn 2045 |
|---|---|---|---|---|---|
| | Năm 2025 | | | | |
| 1 | Kinh tế số trong GRDP | % | 20 | 30 | 50 |
"""


def test_markdown_outline_stage_and_per_stage_columns() -> None:
    plan = parse_plan(_MARKDOWN_PLAN, "md")
    first, second, economy = plan.targets
    # a table met inside the body takes the stage of the clause it sits in
    assert first.period == second.period == "2026-2030"
    assert first.measure_unit == "%"
    assert [(v.period, v.text) for v in first.values] == [("2026-2030", "90")]
    assert second.lead_units == ("Sở Tài chính", "Sở Công Thương")
    assert [(v.period, v.text) for v in economy.values] == [
        ("2025", "20"),
        ("2030", "30"),
        ("2045", "50"),
    ]
    # the group row "Năm 2025" scopes the row under it
    assert economy.period == "2025"
    group = next(c for c in plan.clauses if c.kind is ClauseKind.TABLE_GROUP)
    assert group.period == "2025"


def test_payload_and_search_text_carry_the_period() -> None:
    plan = parse_plan(_TEXT_PLAN, "a")
    clause = next(c for c in plan.clauses if c.body.startswith("- Phủ sóng 5G"))
    text = search_text(clause, None)
    assert "năm 2030" in text
    payload = clause_payload(plan, clause, None, text)
    assert payload["period"] == "2030"
    table = parse_plan(_MARKDOWN_PLAN, "md")
    row = table.targets[-1]
    row_clause = table.clause(row.clause_id)
    row_text = search_text(row_clause, row)
    assert "Giá trị năm 2030: 30 %" in row_text
    row_payload = clause_payload(table, row_clause, row, row_text)
    assert row_payload["period"] == "2025"
    assert row_payload["target"]["values"][1] == {
        "period": "2030",
        "text": "30",
        "start": row.values[1].start,
        "end": row.values[1].end,
    }


def test_real_plans_with_stage_headings() -> None:
    """Two real texts (addresses beside them in tests/real_texts/*.url)."""
    lai_khe = parse_plan(
        (PLANS / "lai-khe-hai-phong-dinh-huong-2025-2030.txt").read_text(), "lai-khe"
    )
    periods = {c.number: c.period for c in lai_khe.clauses if c.number}
    assert periods["II"] == "2025-2030"
    assert periods["2"] == "2030"  # "2. Các chỉ tiêu chủ yếu đến năm 2030" inside it
    assert periods["2.1"] == "2030"
    assert periods["I"] is None
    nhu_xuan = parse_plan(
        (PLANS / "nhu-xuan-chi-tieu-nhiem-ky-2020-2025.txt").read_text(), "nhu-xuan"
    )
    assert {c.period for c in nhu_xuan.clauses} == {"2020-2025"}


# ---- answering by stage ------------------------------------------------------------------

_STAGED_PLAN = """\
ỦY BAN NHÂN DÂN TỈNH B
Số: 30/KH-UBND
KẾ HOẠCH
Phát triển kinh tế số tỉnh B
I. MỤC TIÊU
1. Mục tiêu cụ thể đến năm 2025
- Tỷ trọng kinh tế số trong GRDP của tỉnh đạt 20%.
- Tỷ lệ doanh nghiệp nhỏ và vừa sử dụng nền tảng số đạt 40%.
2. Mục tiêu đến năm 2030
- Tỷ trọng kinh tế số trong GRDP của tỉnh đạt 30%.
- Tỷ lệ doanh nghiệp nhỏ và vừa sử dụng nền tảng số đạt 70%.
3. Tầm nhìn đến năm 2045
- Tỷ trọng kinh tế số trong GRDP của tỉnh đạt 50%.
II. NHIỆM VỤ
1. Phát triển hạ tầng số
Đến năm 2025:
- Tỷ lệ hộ gia đình có đường truyền cáp quang đạt 80%.
- Phủ sóng di động 5G tại các khu công nghiệp.
Đến năm 2030:
- Tỷ lệ hộ gia đình có đường truyền cáp quang đạt 100%.
- Phủ sóng di động 5G toàn tỉnh.
2. Phát triển nhân lực số
Trong năm 2025:
- Đào tạo kỹ năng số cho 5.000 người.
Giai đoạn 2026-2030:
- Đào tạo kỹ năng số cho 20.000 người.
III. TỔ CHỨC THỰC HIỆN
Sở Tài chính chủ trì theo dõi, tổng hợp.
"""


def test_asked_stage_reads_years_and_spans_not_deadlines() -> None:
    from ingest.normalize_vi import folded
    from retrieval.periods import asked_stage

    assert asked_stage(folded("đến 2045 bao nhiêu?")) == (2045, 2045)
    assert asked_stage(folded("giai doan 2025-2026")) == (2025, 2026)
    assert asked_stage(folded("mốc nào?")) is None
    assert asked_stage(folded("han thang 6/2025")) is None
    assert asked_stage(folded("quý IV/2025 phải xong gì")) is None
    assert asked_stage(folded("năm 2025 so với năm 2030")) is None  # two stages: both asked


@pytest.mark.parametrize(
    ("question", "expected", "not_expected"),
    [
        ("ty trong kinh te so trong GRDP den 2045 bao nhieu?", "50%", ("30%", "20%")),
        ("ty trong kinh te so trong GRDP nam 2030 dat bao nhieu", "30%", ("50%", "20%")),
        ("giai doan 2021-2025 ty le DN nho va vua dung nen tang so", "40%", ("70%",)),
        ("den 2030 ty le ho gia dinh co cap quang la bao nhieu?", "100%", ("80%",)),
        ("nam 2025 ho gia dinh co duong truyen cap quang dat bao nhieu", "80%", ("100%",)),
        ("giai doan 2026-2030 dao tao ky nang so cho bao nhieu nguoi", "20.000", ("5.000 ",)),
        ("trong nam 2025 dao tao ky nang so bao nhieu nguoi?", "5.000", ("20.000",)),
    ],
)
def test_a_question_naming_a_stage_is_answered_from_that_stage_only(
    tmp_path: Path, question: str, expected: str, not_expected: tuple[str, ...]
) -> None:
    from tests.conftest import ingested_runtime

    plan = tmp_path / "b-30-KH-UBND.txt"
    plan.write_text(_STAGED_PLAN, encoding="utf-8")
    with ingested_runtime(tmp_path / "home", [plan]) as runtime:
        answer = runtime.assistant().ask(question)
    assert not answer.abstained
    assert expected in answer.answer
    for other in not_expected:
        assert other not in answer.answer


def test_stages_sharing_only_a_boundary_year_are_different_stages() -> None:
    from retrieval.periods import _overlaps

    assert _overlaps((2025, 2030), "2025-2030")
    assert _overlaps((2030, 2030), "2026-2030")
    assert _overlaps((2025, 2026), "2025")
    assert not _overlaps((2025, 2030), "2020-2025")
    assert not _overlaps((2045, 2045), "2030")


def test_a_stage_year_does_not_name_a_plan_by_its_year() -> None:
    from retrieval.periods import plan_years

    assert plan_years("ke hoach ninh binh 2025") == {"2025"}
    assert plan_years("den 2030 ty le bao nhieu") == set()
    assert plan_years("giai doan 2021-2025 von dau tu") == set()
    assert plan_years("tam nhin den nam 2045") == set()


def test_an_answer_says_which_stage_it_is_from(tmp_path: Path) -> None:
    """Answering "mốc nào?": a clause scoped by a lead-in line has no year in its path; the answer
    names its stage."""
    from tests.conftest import ingested_runtime

    plan = tmp_path / "b-30-KH-UBND.txt"
    plan.write_text(_STAGED_PLAN, encoding="utf-8")
    with ingested_runtime(tmp_path / "home", [plan]) as runtime:
        answer = runtime.assistant().ask("dao tao ky nang so cho 20.000 nguoi vao moc nao?")
    assert not answer.abstained
    assert "giai đoạn 2026-2030" in answer.answer
