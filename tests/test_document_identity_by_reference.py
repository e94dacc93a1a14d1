"""A document known by what other documents and the question say of it: an OCR copy whose
number could not be read, known by the one number a loaded document cites with its ký hiệu,
issuer and date; a document named by its issuer ("công văn Bộ Tài chính"); the issuer then
no unit asked about; a cited document dated before the sentence that issues it; a record's
"field: value" line named by its field."""

from __future__ import annotations

from ingest.normalize_vi import folded
from ingest.parser.plan import parse_plan
from retrieval.cited_documents import CitedRef, dates_before
from retrieval.documents import DocumentDirectory, DocumentInfo
from retrieval.record_fields import asked_field_first, field_label
from retrieval.search import Candidate
from retrieval.stored import StoredClause
from retrieval.units import UnitMatcher
from retrieval.unread_numbers import cited_number
from tests.stored_clauses import stored_clause

_OCR_HEADER = """Ký bởi: BỘ TÀI CHÍNH
Thời gian ký: 19/06/2026 14:18:57 +07:00

BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: Z32Ø/BTC-QLCS Hà Nội, ngày / tháng 6 năm 2026

V/v Triển khai thực hiện Nghị định
số 178/2026/NĐ-CP của Chính phủ.

Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương.

1. Tổ chức tuyên truyền, phổ biến nội dung của Nghị định.
"""

_CITING = (
    "Thực hiện Nghị định số 178/2026/NĐ-CP ngày 20 tháng 5 năm 2026 của Chính phủ; Công văn "
    "số 8388/BTC-QLCS ngày 19 tháng 6 năm\n2026 của Bộ Tài chính về việc triển khai thực hiện"
)


def _letter(**changes: object) -> DocumentInfo:
    data: dict[str, object] = {
        "id": "btc",
        "title": "Công văn V/v Triển khai thực hiện Nghị định số 178/2026/NĐ-CP",
        "number": None,
        "number_symbol": "BTC-QLCS",
        "issued_date": "2026-06-19",
        "issuer": "Bộ Tài chính",
        "kind": "Công văn",
    }
    data.update(changes)
    return DocumentInfo.from_plain(data)


def _province_letter() -> DocumentInfo:
    return DocumentInfo.from_plain(
        {
            "id": "lc",
            "title": "Công văn V/v triển khai thực hiện Nghị định số 178/2026/NĐ-CP",
            "number": "7103/UBND-TH",
            "issued_date": "2026-07-10",
            "issuer": "Ủy ban nhân dân tỉnh Lào Cai",
            "kind": "Công văn",
            "place": {"level": "tỉnh", "name": "Lào Cai"},
        }
    )


def test_an_ocr_copy_keeps_the_symbol_of_its_unreadable_number() -> None:
    document = parse_plan(_OCR_HEADER, document_id="btc").document
    assert document.number is None
    assert document.number_symbol == "BTC-QLCS"
    # a number read whole keeps no separate symbol
    read = parse_plan(_OCR_HEADER.replace("Z32Ø", "8388"), document_id="btc").document
    assert read.number == "8388/BTC-QLCS" and read.number_symbol is None


def test_the_number_cited_with_the_same_symbol_issuer_and_date_is_the_documents() -> None:
    citing = stored_clause(_CITING, document_id="lc")
    assert cited_number(_letter(), [citing]) == "8388/BTC-QLCS"


def test_a_citation_disagreeing_on_date_issuer_or_symbol_gives_no_number() -> None:
    citing = stored_clause(_CITING, document_id="lc")
    assert cited_number(_letter(issued_date="2026-06-20"), [citing]) is None
    assert cited_number(_letter(issuer="Bộ Xây dựng"), [citing]) is None
    assert cited_number(_letter(number_symbol="BXD-QLCS"), [citing]) is None
    assert cited_number(_letter(issued_date="2026-06"), [citing]) is None  # day unknown


def test_two_numbers_cited_for_one_document_give_none() -> None:
    other = _CITING.replace("8388", "8390")
    clauses = [stored_clause(_CITING, document_id="lc"), stored_clause(other, document_id="x")]
    assert cited_number(_letter(), clauses) is None


def test_a_recognised_number_names_the_document() -> None:
    directory = DocumentDirectory({"btc": _letter(), "lc": _province_letter()})
    assert [d.id for d in directory.unread_numbers()] == ["btc"]
    assert directory.resolve(folded("Ai ký công văn 8388/BTC-QLCS?")) == []
    directory.recognise_numbers({"btc": "8388/BTC-QLCS"})
    assert directory.get("btc").number == "8388/BTC-QLCS"  # type: ignore[union-attr]
    assert directory.is_loaded("8388", "btc-qlcs")
    assert directory.resolve(folded("Ai ký công văn 8388/BTC-QLCS?")) == ["btc"]
    assert directory.resolve(folded("Cong van 8388 cua Bo Tai chinh la ve viec gi?")) == ["btc"]
    assert directory.unread_numbers() == []


def test_a_document_is_named_by_its_issuer_after_a_kind_or_theo() -> None:
    directory = DocumentDirectory({"btc": _letter(), "lc": _province_letter()})
    for question in (
        "Thời hạn rà soát tài sản theo công văn Bộ Tài chính là bao lâu?",
        "Theo CV cua Bo Tai chinh, tai san do thi do bo nao quy dinh?",
        "Theo Bộ Tài chính, ai có trách nhiệm chỉ đạo việc rà soát?",
    ):
        assert directory.named_by_issuer(folded(question)) == ["btc"], question
        assert directory.resolve(folded(question)) == ["btc"], question
    # a body asked about, not named as a source, names no document
    assert directory.named_by_issuer(folded("Bộ Tài chính chủ trì những nhiệm vụ nào?")) == []
    assert directory.named_by_issuer(folded("Báo cáo Bộ Tài chính những gì?")) == []


def test_an_issuer_of_many_documents_does_not_name_them() -> None:
    plans = {
        f"lc{i}": DocumentInfo.from_plain(
            {
                "id": f"lc{i}",
                "title": f"Kế hoạch {i}",
                "number": f"{i}/KH-UBND",
                "issuer": "Ủy ban nhân dân tỉnh Lào Cai",
                "kind": "Kế hoạch",
            }
        )
        for i in range(1, 4)
    }
    directory = DocumentDirectory(plans)
    assert directory.named_by_issuer(folded("Theo kế hoạch của UBND tỉnh Lào Cai, ai?")) == []


def test_the_issuer_named_as_the_source_is_no_unit_asked() -> None:
    matcher = UnitMatcher(["Bộ Tài chính", "Bộ Xây dựng"])
    assert matcher.find("Tài sản đô thị do bộ nào quản lý theo công văn Bộ Tài chính?") == []
    assert matcher.find("Theo Bộ Tài chính, ai có trách nhiệm rà soát?") == []
    # named elsewhere too, or as a doer: asked about
    assert matcher.find("Bộ Tài chính làm gì theo công văn Bộ Tài chính?") == ["bo tai chinh"]
    assert sorted(matcher.find("Bộ Xây dựng phối hợp với Bộ Tài chính làm gì?")) == [
        "bo tai chinh",
        "bo xay dung",
    ]


def test_a_date_written_before_the_sentence_issuing_the_document() -> None:
    text = (
        "Ngày 20/5/2026, Chính phủ đã ban hành Nghị định số 178/2026/NĐ-CP quy\n"
        "định việc quản lý, sử dụng và khai thác tài sản kết cấu hạ tầng."
    )
    (date,) = dates_before(text, CitedRef("nghi dinh", "178", "2026/nd-cp", 0, 0))
    assert (date.day, date.month, date.year) == (20, 5, 2026)
    assert date.issuer == "Chính phủ"
    assert date.quote == "178/2026/NĐ-CP"
    assert dates_before(text, CitedRef("nghi dinh", "179", "2026/nd-cp", 0, 0)) == []
    # a date of something else before the number is not its date
    other = "Ngày 20/5/2026, Bộ Tài chính họp về Nghị định số 178/2026/NĐ-CP."
    assert dates_before(other, CitedRef("nghi dinh", "178", "2026/nd-cp", 0, 0)) == []


class _Lines:
    def __init__(self, lines: list[StoredClause]) -> None:
        self.lines = lines

    def children(self, clause_id: str) -> list[StoredClause]:
        return [c for c in self.lines if c.parent_id == clause_id]


def _record() -> list[StoredClause]:
    texts = [
        ("paragraph", "UBND phường đã nhận được 01 hồ sơ của Công ty X, cụ thể như sau:"),
        ("bullet", "- Tên đơn vị: Công ty X."),
        ("bullet", "- Địa chỉ trụ sở chính: Số 5 Nghĩa Tân, phường Nghĩa Đô."),
        ("bullet", "- Điện thoại: 0246.285.2289."),
    ]
    return [
        stored_clause(text, clause_id=f"l{i}", kind=kind, parent_id="s", start=i * 100)
        for i, (kind, text) in enumerate(texts)
    ]


def test_the_field_the_question_names_answers_with_its_record() -> None:
    lines = _record()
    assert field_label(lines[2]) == "Địa chỉ trụ sở chính"
    assert field_label(lines[0]) is None
    found = [Candidate(lines[1], 1.0, "hybrid"), Candidate(lines[3], 0.5, "hybrid")]
    asked = asked_field_first(_Lines(lines), folded("Trụ sở chính của Công ty X ở đâu?"), found)
    assert [c.clause.clause_id for c in asked] == ["l0", "l1", "l3"]
    # the field of the line found first, or none named: unchanged
    same = asked_field_first(_Lines(lines), folded("Tên đơn vị nộp hồ sơ là gì?"), found)
    assert same == found
    none = asked_field_first(_Lines(lines), folded("Công ty X là công ty gì?"), found)
    assert none == found


def test_without_a_lead_in_the_fields_own_line_answers() -> None:
    lines = _record()[1:]
    found = [Candidate(lines[0], 1.0, "hybrid")]
    asked = asked_field_first(_Lines(lines), folded("Trụ sở chính của Công ty X ở đâu?"), found)
    assert [c.clause.clause_id for c in asked] == ["l2", "l1"]


def test_an_ocr_copys_specks_after_kinh_gui_are_no_addressee() -> None:
    from retrieval.recipients import addressees_in, in_vietnamese_letters

    text = "Kính gửi: DA ä .\n- Các Bộ, cơ quan ngang bộ;\n- Ủy ban nhân dân các tỉnh.\n\nNgày"
    assert addressees_in(text) == ["Các Bộ, cơ quan ngang bộ", "Ủy ban nhân dân các tỉnh"]
    assert addressees_in("Kính gửi: Bộ Y tế\n\nNgày 20/5/2026") == ["Bộ Y tế"]
    assert in_vietnamese_letters("Ủy ban nhân dân tỉnh Đắk Lắk; Sở Tài chính")
    assert not in_vietnamese_letters("Z32Ø")


def test_a_notice_sent_to_whom_asks_its_recipients() -> None:
    from retrieval.query import MetaField, understand

    query = understand("Thông báo 831 của phường Cam Đường được gửi tới những nơi nào?")
    assert MetaField.RECIPIENTS in query.meta_fields


def test_a_place_bodys_plans_are_named_by_the_place_not_the_issuer() -> None:
    directory = DocumentDirectory({"btc": _letter(), "lc": _province_letter()})
    question = folded("Theo công văn của UBND tỉnh Lào Cai, sở nào rà soát tài sản?")
    assert directory.named_by_issuer(question) == []


def test_a_unit_after_a_documents_number_is_asked_not_its_issuer() -> None:
    matcher = UnitMatcher(["Bộ Tài chính", "Sở Công Thương"])
    found = matcher.find("Theo CV 9387/UBND-KT, Sở Công Thương được giao việc gì?")
    assert found == ["so cong thuong"]
    assert matcher.find("Công văn 8388/BTC-QLCS của Bộ Tài chính giao gì cho địa phương?") == []
