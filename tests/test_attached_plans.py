"""A plan attached to a decision is known by the decision's number too (issue 12): the header
reads every real form of the attachment line, the facts store keeps the decision's number
under an index, and a question naming "KH 1422" or "QĐ 1422" finds the plan by one look-up."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.domain import Document, to_plain
from ingest.parser.header.attachment import Attachment, attachment_in, attachment_of_appendices
from ingest.parser.plan import parse_plan
from retrieval.documents import DocumentDirectory, DocumentInfo
from tests.conftest import fact_store

ROOT = Path(__file__).resolve().parents[1]
PLAN_1422 = ROOT / "tests/real_plans_12i/thu-tuong-1422-QD-TTg-2024-ke-hoach-thich-ung-bdkh.txt"

_HEADER = (
    "ỦY BAN NHÂN DÂN\nTỈNH HÒA BÌNH\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\n|\n"
)


def doc(text: str) -> Document:
    return parse_plan(text, "t").document


# --- reading the line ----------------------------------------------------------------------


def test_real_plan_attached_to_a_prime_ministers_decision() -> None:
    """The pdftotext copy: "(Kèm theo Quyết định số 1422/QĐ-TTg" / "Ngày 19 tháng 11 năm
    2024 của Thủ tướng Chính phủ)" under the title, over two lines."""
    document = doc(PLAN_1422.read_text(encoding="utf-8"))
    assert (document.kind, document.number) == ("Kế hoạch", None)
    assert document.decision_number == "1422/QĐ-TTg"
    assert document.decision_date == "2024-11-19"
    assert document.decision_issuer == "Thủ tướng Chính phủ"


@pytest.mark.parametrize(
    "folder",
    ["tests/real_plans2", "tests/real_plans3", "tests/real_plans4"],
)
def test_decisions_issuing_their_plan_are_not_attached_to_themselves(folder: str) -> None:
    """QĐ 773/QĐ-TTg and the other decisions that carry their plan in the same file keep
    their own number; the plan's "(Ban hành kèm theo Quyết định số 773 …)" inside the body
    names the same document."""
    for path in sorted((ROOT / folder).glob("*.txt")):
        document = doc(path.read_text(encoding="utf-8"))
        assert document.decision_number is None, path.name


def test_line_without_brackets_under_the_title() -> None:
    document = doc(
        _HEADER + "KẾ HOẠCH\nPhòng, chống thiên tai năm 2025\n"
        "Ban hành kèm theo Quyết định số 312/QĐ-UBND ngày 05/3/2025 của Ủy ban nhân dân tỉnh\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n"
    )
    assert (document.decision_number, document.decision_date) == ("312/QĐ-UBND", "2025-03-05")
    assert document.decision_issuer == "Ủy ban nhân dân tỉnh"
    assert document.title == "Kế hoạch Phòng, chống thiên tai năm 2025"


def test_line_on_the_title_line_with_a_resolution() -> None:
    document = doc(
        "HỘI ĐỒNG NHÂN DÂN\nTỈNH HÒA BÌNH\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\n"
        "CHƯƠNG TRÌNH GIÁM SÁT NĂM 2026 (Kèm theo Nghị quyết số 25/2025/NQ-HĐND ngày 10 tháng "
        "12 năm 2025 của Hội đồng nhân dân tỉnh)\nI. MỤC ĐÍCH\n"
    )
    assert document.decision_number == "25/2025/NQ-HĐND"
    assert document.decision_date == "2025-12-10"


def test_line_in_a_header_box_above_the_title_with_a_blank_day() -> None:
    """A template's box at the top right, its day left for the pen: month and year kept."""
    document = doc(
        "UBND XÃ TÂN LẠC\n|\n(Ban hành kèm theo Quyết định số 45 /QĐ-UBND ngày     tháng 4 "
        "năm 2026)\n|\nKẾ HOẠCH\nChuyển đổi số xã Tân Lạc năm 2026\nI. MỤC TIÊU\n"
    )
    assert (document.decision_number, document.decision_date) == ("45/QĐ-UBND", "2026-04")


def test_only_the_appendix_headings_name_the_decision() -> None:
    document = doc(
        "KẾ HOẠCH\nPhát triển du lịch cộng đồng giai đoạn 2026 - 2030\nI. MỤC TIÊU\n"
        "1. Thu hút 50.000 lượt khách mỗi năm.\nII. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Văn hóa chủ trì.\nPHỤ LỤC I\nDANH MỤC NHIỆM VỤ\n"
        "(Kèm theo Quyết định số 77/QĐ-UBND ngày 12/01/2026 của UBND tỉnh)\n"
        "1. Khảo sát điểm du lịch.\nPHỤ LỤC II\nKINH PHÍ\n"
        "(Kèm theo Quyết định số 77/QĐ-UBND ngày 12/01/2026 của UBND tỉnh)\n"
    )
    assert (document.decision_number, document.decision_date) == ("77/QĐ-UBND", "2026-01-12")


def test_a_resolution_without_header_is_numbered_by_its_appendix() -> None:
    """A Nghị quyết copied without its header box names its own number only in its
    appendix's heading, written without the slash ("89NQ-HĐND"): the appendix of a
    document of the same kind is attached to the document itself."""
    document = doc(
        "NGHỊ QUYẾT\nTHÔNG QUA ĐỀ ÁN PHÁT TRIỂN CHĂN NUÔI TỈNH A ĐẾN NĂM 2025\n"
        "HỘI ĐỒNG NHÂN DÂN TỈNH A\nCăn cứ Luật Tổ chức chính quyền địa phương;\n"
        "QUYẾT NGHỊ:\nĐiều 1. Thông qua Đề án.\nĐiều 2. Nghị quyết này có hiệu lực thi "
        "hành kể từ ngày 12 tháng 7 năm 2019.\n\nPHỤ LỤC\nDANH MỤC CÁC DỰ ÁN\n"
        "(Ban hành kèm theo Nghị quyết số 41NQ-HĐND ngày 12 tháng 7 năm 2019 của Hội\n"
        "đồng nhân dân tỉnh A)\n"
    )
    assert (document.kind, document.number) == ("Nghị quyết", "41NQ-HĐND")
    assert document.issued_date == "2019-07-12"
    assert document.decision_number is None


def test_a_figure_before_a_word_is_no_glued_symbol() -> None:
    assert attachment_in(["(Kèm theo Quyết định số 52 ngày 3/2/2026)"]) == Attachment(
        "Quyết định", "52", "2026-02-03"
    )


def test_a_cited_regulation_is_no_attachment() -> None:
    """ "Căn cứ Quy chế … ban hành kèm theo Quyết định số …" and a bracket inside a
    sentence cite another document; the plan has its own number."""
    document = doc(
        _HEADER + "Số: 88/KH-UBND\n|\nHòa Bình, ngày 15 tháng 3 năm 2025\n|\nKẾ HOẠCH\n"
        "Cải cách hành chính năm 2025\n"
        "Căn cứ Quy chế làm việc của Ủy ban nhân dân tỉnh\n"
        "ban hành kèm theo Quyết định số 28/2021/QĐ-UBND ngày 02/6/2021;\n"
        "Thực hiện Quy chế quản lý (ban hành kèm theo Quyết định số 41/2016/QĐ-TTg ngày "
        "10/10/2016 của Thủ tướng Chính phủ), Ủy ban nhân dân tỉnh ban hành Kế hoạch:\n"
        "I. MỤC ĐÍCH\n"
    )
    assert document.number == "88/KH-UBND"
    assert document.decision_number is None


def test_attachment_reader_keeps_party_numbers_and_years() -> None:
    assert attachment_in(["(Kèm theo Quyết định số 118/2021/QĐ-DDB)"]) == Attachment(
        "Quyết định", "118/2021/QĐ-DDB"
    )
    assert attachment_in(["Kèm theo Quyết định số 12-QĐ/TU, ngày 3/2/2026"]) == Attachment(
        "Quyết định", "12-QĐ/TU", "2026-02-03"
    )
    assert attachment_in(["Thực hiện Kế hoạch này", "ban hành kèm theo QĐ số 5/QĐ-UBND"]) is None
    assert attachment_of_appendices(["PHỤ LỤC 1", "(Kèm theo Quyết định số 5/QĐ-UBND)"]) == (
        Attachment("Quyết định", "5/QĐ-UBND")
    )
    # two appendices naming different decisions: none is the plan's
    assert (
        attachment_of_appendices(
            ["Phụ lục 1", "(Kèm theo Quyết định số 5/QĐ-UBND)", "Phụ lục 2", "(Kèm theo QĐ số 6)"]
        )
        is None
    )


# --- finding the plan by the decision's number ---------------------------------------------


def _plan_1422() -> Document:
    return parse_plan(PLAN_1422.read_text(encoding="utf-8"), "kh-1422").document


def _other(doc_id: str, number: str, title: str) -> DocumentInfo:
    return DocumentInfo.from_plain(
        {"id": doc_id, "title": title, "number": number, "kind": "Kế hoạch"}
    )


@pytest.fixture
def directory() -> DocumentDirectory:
    plan = DocumentInfo.from_plain(to_plain(_plan_1422()))
    others = [
        _other("kh-09", "09/KH-BTNMT", "Kế hoạch quản lý tín chỉ các-bon"),
        _other("kh-14", "14/KH-UBND", "Kế hoạch phòng chống thiên tai"),
    ]
    return DocumentDirectory({d.id: d for d in [plan, *others]})


@pytest.mark.parametrize(
    "question",
    [
        "kh 1422 thich ung voi bdkh co tam nhin den nam nao",
        "ke hoach kem qd 1422 giao bo nao chu tri",
        "qd 1422 ban hanh ke hoach ngay nao",
        "theo ke hoach ban hanh kem theo quyet dinh so 1422/qd-ttg, ai bao cao",
    ],
)
def test_question_naming_the_decision_finds_the_plan(
    directory: DocumentDirectory, question: str
) -> None:
    assert directory.resolve(question) == ["kh-1422"]
    assert directory.named_by_number(question) == ["kh-1422"]


def test_decision_number_is_loaded_by_symbol_too(directory: DocumentDirectory) -> None:
    assert directory.is_loaded("1422", "qd-ttg")
    assert directory.is_loaded("1422")
    assert not directory.is_loaded("1422", "qd-ubnd")
    assert not directory.is_loaded("1423")


def test_label_names_the_decision(directory: DocumentDirectory) -> None:
    info = directory.get("kh-1422")
    assert info is not None
    assert info.label.startswith("Kế hoạch kèm theo 1422/QĐ-TTg")


def test_label_year_is_the_signing_year_not_the_period() -> None:
    """Issue 12: a plan "giai đoạn 2021 - 2030" attached to a decision signed 19/11/2024 is
    labelled 2024; a plan with a date of its own is labelled with that date's year; with no
    date at all, the year its title names (which the title already shows)."""
    attached = DocumentInfo.from_plain(to_plain(_plan_1422()))
    assert attached.label == "Kế hoạch kèm theo 1422/QĐ-TTg (2024)"
    assert attached.year == "2021"  # still known by its period in questions
    dated = DocumentInfo.from_plain(
        {
            "id": "kh-19",
            "title": "Kế hoạch thực hiện nhiệm vụ năm 2025",
            "number": "19/KH-UBND",
            "kind": "Kế hoạch",
            "issued_date": "2024-12-20",
            "place": {"level": "tỉnh", "name": "Ninh Bình"},
        }
    )
    assert dated.label == "Kế hoạch 19/KH-UBND (tỉnh Ninh Bình, 2024)"
    undated = DocumentInfo.from_plain(
        {"id": "kh-x", "title": "Kế hoạch phòng chống thiên tai năm 2025", "kind": "Kế hoạch"}
    )
    assert undated.label == "Kế hoạch phòng chống thiên tai năm 2025"  # its title says it


def test_facts_store_finds_the_plan_by_an_index(fact_backend: str, tmp_path: Path) -> None:
    """Facts schema 12: the decision's figures under an index of their own, on both backends."""
    with fact_store(fact_backend, tmp_path) as store:
        plan = parse_plan(PLAN_1422.read_text(encoding="utf-8"), "kh-1422")
        store.put_document(plan)
        assert store.documents_numbered("1422") == ["kh-1422"]
        assert store.documents_numbered(["1422/QĐ-TTg", "9"]) == ["kh-1422"]
        assert store.documents_numbered("1421") == []
        explain = "EXPLAIN QUERY PLAN" if store.backend == "sqlite" else "EXPLAIN"
        if store.backend != "sqlite":
            store._db.script("SET enable_seqscan = off")  # a table of one row: ask for the plan
        rows = store._db.query(
            f"{explain} SELECT id FROM documents WHERE decision_digits IN (?)", ["1422"]
        )
        assert any("documents_decision" in str(row) for row in rows)
