"""A "who" question answered by a task that names no unit is declined, not stated: the
cited clause must say who does it (a unit cell of its row, a unit in its words or in the
heading it sits under)."""

from __future__ import annotations

from collections.abc import Sequence

from ingest.domain import Target, TargetCell
from retrieval import calibration, confidence
from retrieval.calibration import Evidence
from retrieval.constraint_check import absent_role_answer_reason
from retrieval.constraints import read_question
from retrieval.doers import names_doer, names_other_unit, partners_named_first
from retrieval.query import understand
from retrieval.roles import Role
from retrieval.stored import StoredClause
from tests.stored_clauses import stored_clause

TASK = "Xây dựng Thông tư quy định về phương pháp xác định mức chi trả dịch vụ hấp thụ các-bon."


def _unmet(question: str, *cited: StoredClause) -> tuple[str, ...]:
    reading = read_question(understand(question))
    return confidence.unmet_checks(reading, list(cited), False, 0.9, None)


def test_a_task_naming_no_unit_does_not_answer_who_leads_it() -> None:
    clause = stored_clause(TASK, path="Phụ lục 1 › điểm a › đoạn 1")
    unmet = _unmet("Ai chủ trì xây dựng Thông tư về mức chi trả dịch vụ hấp thụ các-bon?", clause)
    assert "doer" in unmet
    evidence = Evidence(0.9 * 0.45, False, unmet)
    assert calibration.fitted().decide(evidence) is calibration.Decision.ABSTAIN


def test_the_reason_names_the_role_asked() -> None:
    reading = read_question(understand("Đơn vị nào phối hợp xây dựng Thông tư?"))
    reason = confidence.unsure_reason(reading, ("doer",))
    assert "không nêu đơn vị phối hợp" in reason


def test_a_unit_in_the_heading_above_the_duty_says_who() -> None:
    clause = stored_clause(
        "Chủ trì, phối hợp với các cơ quan tổ chức các khóa đào tạo, tập huấn.",
        path="III. TỔ CHỨC THỰC HIỆN › 1. Cục Biến đổi khí hậu có trách nhiệm › điểm đ",
    )
    assert "doer" not in _unmet("Ai tổ chức các khóa đào tạo, tập huấn?", clause)


def test_a_unit_in_the_duty_s_own_words_says_who() -> None:
    clause = stored_clause("Giao Công an tỉnh chủ trì đôn đốc các cơ quan thực hiện Luật.")
    assert "doer" not in _unmet("Ai chủ trì đôn đốc các cơ quan thực hiện Luật?", clause)


def test_a_row_with_a_unit_cell_says_who() -> None:
    cells = (TargetCell("Cơ quan chủ trì", "lead", "Cục Lâm nghiệp và Kiểm lâm", 0, 1),)
    row = stored_clause(TASK, target=Target("c", "d", "1", TASK, cells=cells, source="table"))
    assert names_doer(row, "ai chu tri", ())
    assert "doer" not in _unmet("Ai chủ trì xây dựng Thông tư?", row)


def test_the_question_s_own_unit_is_no_answer_to_who() -> None:
    text = "Trung tâm Điều dưỡng người có công tổ chức điều dưỡng tập trung."
    assert not names_other_unit(text, "ai quan ly trung tam dieu duong nguoi co cong")
    assert names_other_unit(text, "ai to chuc nghi duong cho nguoi co cong")
    assert not names_other_unit(text, "ai quan ly", ["trung tam dieu duong nguoi co cong"])
    # a word the question happens to share ("làm") does not make a name its own
    duty = "các cơ quan, đơn vị báo cáo Bộ (qua Cục Lâm nghiệp và Kiểm lâm)"
    asked = "khi lam ke hoach cac co quan don vi bao cao qua co quan nao"
    assert names_other_unit(duty, asked, ["cac don vi"])
    # a collective the question itself names ("cơ quan lâm nghiệp") is no answer
    meeting = "Tổ chức Hội nghị phổ biến Nghị định đến các cơ quan, tổ chức về lâm nghiệp."
    assert not names_other_unit(meeting, "hoi nghi den co quan lam nghiep do ai to chuc", [])


def test_meetings_are_no_unit() -> None:
    text = "Tổ chức các hội nghị, hội thảo chuyên đề phổ biến, hướng dẫn thực hiện Nghị định."
    assert not names_other_unit(text, "ai chu tri hoi thao chuyen de")


def test_questions_that_do_not_ask_who_are_not_checked() -> None:
    clause = stored_clause(TASK)
    assert "doer" not in _unmet("Thông tư về mức chi trả dịch vụ hấp thụ các-bon gồm gì?", clause)


class _Plans:
    """Roles by plan: its body duties' (lead) and its tables' (none: no table)."""

    def __init__(self, tables: set[Role]) -> None:
        self._tables = tables

    def roles_by_document(
        self, documents: Sequence[str], tables_only: bool = False
    ) -> dict[str, set[Role]]:
        return {
            d: set(self._tables) if tables_only else {Role.LEAD, *self._tables} for d in documents
        }


def test_who_directs_a_duty_of_a_plan_without_tables_is_not_declined_for_a_column() -> None:
    # a Party programme gives each unit its duties under its heading: no column to lack
    reading = read_question(
        understand("Ai lãnh đạo, chỉ đạo xây dựng các phong trào chung tay bảo vệ môi trường?")
    )
    duty = stored_clause(
        "b) Xây dựng và triển khai các phong trào chung tay bảo vệ môi trường.",
        path="III › 3. Đảng uỷ Mặt trận Tổ quốc, các đoàn thể Trung ương › điểm b",
    )
    assert absent_role_answer_reason(reading, [duty], _Plans(set()), str) is None
    # a plan whose table has no directing column still says so
    reason = absent_role_answer_reason(reading, [duty], _Plans({Role.LEAD}), str)
    assert reason is not None and "trực tiếp chỉ đạo" in reason


def _row_with_partners(text: str, partners: str, document: str = "d") -> StoredClause:
    cells = (
        TargetCell("Cơ quan chủ trì", "lead", "Cục Biến đổi khí hậu", 0, 1),
        TargetCell("Cơ quan phối hợp", "cooperating", partners, 0, 1),
    )
    target = Target("c", document, "6", text, cells=cells, source="table")
    return stored_clause(text, target=target, document_id=document)


def test_partners_asked_are_answered_by_the_row_naming_them_before_a_generic_duty() -> None:
    duty = stored_clause(
        "Chủ trì, phối hợp với các cơ quan, tổ chức có liên quan tổ chức các khóa đào tạo.",
        path="III › 1. Cục Biến đổi khí hậu có trách nhiệm › điểm đ",
    )
    row = _row_with_partners(
        "Tổ chức các khóa đào tạo, tập huấn.", "Các tổ chức quốc tế; Trường Đại học Tài nguyên"
    )
    generic = _row_with_partners("Tổ chức các khóa đào tạo.", "Các cơ quan, đơn vị có liên quan")
    assert partners_named_first([duty, row], [1.0, 0.9]) == [1, 0]
    assert partners_named_first([duty, generic], [1.0, 0.9]) == [0, 1]  # no name: kept
    assert partners_named_first([duty, row], [1.0, 0.5]) == [0, 1]  # another task
    other_plan = _row_with_partners("Tổ chức đào tạo.", "Trường Đại học Luật", document="e")
    assert partners_named_first([duty, other_plan], [1.0, 1.0]) == [0, 1]


def test_a_question_asking_what_units_must_do_is_not_checked_for_a_doer() -> None:
    clause = stored_clause("Hằng năm, các cơ quan được phân công chủ trì đề xuất kinh phí.")
    assert "doer" not in _unmet("Hằng năm các cơ quan chủ trì phải làm gì về kinh phí?", clause)


def test_a_duty_given_to_an_office_holder_names_its_doer() -> None:
    """Duties go to people by office as well as to units: "3. Cán bộ phụ trách lĩnh vực giám
    sát … › Chủ trì xây dựng các báo cáo tổng hợp …" (a commune Front plan) says who leads."""
    clause = stored_clause(
        "Chủ trì xây dựng các báo cáo tổng hợp chung việc thực hiện công tác bầu cử.",
        path="III. TỔ CHỨC THỰC HIỆN › 3. Cán bộ phụ trách lĩnh vực giám sát và phản biện xã hội",
    )
    question = "ai chu tri xay dung bao cao tong hop chung ve cong tac bau cu"
    assert names_doer(clause, question, [])
    assert "doer" not in _unmet("Ai chủ trì xây dựng báo cáo tổng hợp về bầu cử?", clause)
    # the office the question itself names is no answer to it
    own = stored_clause("Giám đốc Sở chủ trì xây dựng báo cáo.", path="II › 1")
    assert not names_doer(own, "giam doc so giao ai xay dung bao cao", [])
