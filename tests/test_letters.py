"""Short letters (công văn) of any issuer: their trích yếu over several lines, whom they are
addressed to ("Kính gửi:"; "Như trên" in the Nơi nhận), in whose name they are signed
("T/M BAN THƯỜNG VỤ", "KT. CHỦ TỊCH") — read from the letter itself (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.domain import ClauseKind
from ingest.parser.plan import parse_plan
from retrieval.documents import DocumentDirectory, DocumentInfo
from retrieval.query import Intent, MetaField, understand
from retrieval.recipients import addressees_in, recipients
from retrieval.scope import settle_scope
from retrieval.signing_authority import signing_authorities
from retrieval.stored import StoredClause

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests/real_plans_12i"
CV_2449 = REAL / "dang-uy-ubnd-lao-cai-2449-CV-DU-2026-trien-khai-ctr-104.txt"
CV_9387 = REAL / "lao-cai-9387-UBND-KT-2026-trien-khai-ctr-104.txt"

# an invented letter of a Sở, its addressee on the "Kính gửi" line, signed "TL. GIÁM ĐỐC"
_SO_LETTER = """SỞ Y TẾ TỈNH HÒA BÌNH
Số: 512/SYT-NVY
V/v tăng cường phòng, chống
dịch sốt xuất huyết năm 2026

Kính gửi: Trung tâm Kiểm soát bệnh tật tỉnh

Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, Sở Y tế đề nghị Trung tâm triển khai các việc sau:
1. Giám sát ca bệnh tại cộng đồng.
Nơi nhận:
- Như trên;
- UBND tỉnh (để b/c);
- Lưu: VT, NVY.
TL. GIÁM ĐỐC
TRƯỞNG PHÒNG NGHIỆP VỤ Y
Nguyễn Văn Bình
"""


def _clause(text: str, clause_id: str = "c", start: int = 0) -> StoredClause:
    end = start + len(text)
    return StoredClause(
        clause_id, "d", "t", None, "paragraph", None, None, "", text, start, end, end,
        None, 0, text, None,
    )  # fmt: skip


def test_trich_yeu_wrapped_over_lines_is_the_title() -> None:
    """ "V/v …" wrapped over three lines (a two-column pdftotext copy) and a lower-case
    "về việc …" line (HD 36 layout) both give the whole subject."""
    cv9387 = parse_plan(CV_9387.read_text(encoding="utf-8"), "cv9387").document
    assert cv9387.title == (
        "Công văn V/v triển khai thực hiện Chương trình hành độ số 104-CTr/Tu ngày 30/8/2026 "
        "của Tỉnh ủy Lào Cai"
    )
    cv2449 = parse_plan(CV_2449.read_text(encoding="utf-8"), "cv2449").document
    assert cv2449.title == (
        "Công văn về việc triển khai thực hiện Chương trình hành động số 104-CTr/TU ngày "
        "30/8/2026 của Tỉnh ủy Lào Cai"
    )
    letter = parse_plan(_SO_LETTER, "so").document
    assert letter.title == "Công văn V/v tăng cường phòng, chống dịch sốt xuất huyết năm 2026"


@pytest.mark.parametrize(
    ("path", "names"),
    [
        (
            CV_2449,
            [
                "Ủy ban nhân dân tỉnh",
                "Các cơ quan chuyên trách tham mưu, giúp việc Đảng ủy Ủy ban nhân dân tỉnh",
                "Các chi bộ, đảng bộ cơ sở",
            ],
        ),
        (
            CV_9387,
            [
                "Các Sở, ban, ngành thuộc tỉnh",
                "Công an tỉnh",
                "Bộ Chỉ huy Quân sự tỉnh",
                "Ủy ban nhân dân các xã, phường",
            ],
        ),
    ],
)
def test_addressees_of_real_letters(path: Path, names: list[str]) -> None:
    assert addressees_in(path.read_text(encoding="utf-8")) == names


def test_addressee_on_the_kinh_gui_line_and_nhu_tren() -> None:
    """One addressee on the "Kính gửi:" line; "- Như trên;" of the Nơi nhận is that
    addressee; asked "kính gửi ai?", only the addressees."""
    head, tail = _SO_LETTER.split("Nơi nhận:")
    clauses = [_clause(head, "head"), _clause("Nơi nhận:" + tail, "sign")]
    assert addressees_in(head) == ["Trung tâm Kiểm soát bệnh tật tỉnh"]
    cited, names = recipients(clauses)
    assert names == ["Trung tâm Kiểm soát bệnh tật tỉnh", "UBND tỉnh (để b/c)"]
    assert [c.clause_id for c in cited] == ["head", "sign"]
    _, addressed = recipients(clauses, "cong van 512 kinh gui ai")
    assert addressed == ["Trung tâm Kiểm soát bệnh tật tỉnh"]
    # a plan without a "Kính gửi" keeps its Nơi nhận as it is
    assert recipients([_clause("Nơi nhận:\n- Như trên;\n- Lưu: VT.")])[1] == ["Như trên"]


def test_addressees_read_as_clauses_of_their_own() -> None:
    """The parser may keep each "- …" addressee as a bullet clause after the one opening
    with "Kính gửi:"; the list is read across them, up to the blank line before the text."""
    parts = [
        "Số 2449 -CV/ĐU\n  Kính gửi: - Ủy ban nhân dân tỉnh,",
        "  - Các cơ quan chuyên trách tham mưu, giúp việc\n  Đảng ủy Ủy ban nhân dân tỉnh,",
        "  - Các chi bộ, đảng bộ cơ sở,",
        "Thực hiện Chương trình hành động số 104-CTr/TU, đề nghị:",
    ]
    starts = [0, 50, 130, 170]  # a blank line before the last
    clauses = [_clause(t, f"c{k}", at) for k, (t, at) in enumerate(zip(parts, starts, strict=True))]
    cited, names = recipients(list(reversed(clauses)), "kinh gui nhung ai")
    assert names == [
        "Ủy ban nhân dân tỉnh",
        "Các cơ quan chuyên trách tham mưu, giúp việc Đảng ủy Ủy ban nhân dân tỉnh",
        "Các chi bộ, đảng bộ cơ sở",
    ]
    assert [c.clause_id for c in cited][:3] == ["c0", "c1", "c2"]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (CV_2449.read_text(encoding="utf-8"), "T/M BAN THƯỜNG VỤ"),
        (CV_9387.read_text(encoding="utf-8"), "KT. CHỦ TỊCH"),
        (_SO_LETTER, "TL. GIÁM ĐỐC"),
        ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn A", "TM. ỦY BAN NHÂN DÂN"),
    ],
)
def test_signing_authority_line(text: str, line: str) -> None:
    assert signing_authorities([_clause(text)])[1] == [line]


def test_no_authority_line_in_plain_text() -> None:
    assert signing_authorities([_clause("Giao Sở Y tế chủ trì. Tm. các đơn vị")]) == ([], [])


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ("CV 2449-CV/DU kinh gui nhung ai?", MetaField.RECIPIENTS),
        ("CV 9387/UBND-KT gửi tới những cơ quan nào?", MetaField.RECIPIENTS),
        ("Công văn 512 của Sở Y tế kính gửi đơn vị nào?", MetaField.RECIPIENTS),
        # the addressees as a letter calls them: "đối tượng"
        ("Công văn 7103/UBND-TH được gửi tới những đối tượng nào?", MetaField.RECIPIENTS),
        ("Thay mat co quan nao?", MetaField.AUTHORITY),
        ("Phó Bí thư ký công văn thay mặt cơ quan nào?", MetaField.AUTHORITY),
        ("KH thich ung BDKH kem theo quyet dinh so may?", MetaField.DECISION),
        ("Quyết định nào ban hành Kế hoạch quốc gia thích ứng với BĐKH?", MetaField.DECISION),
    ],
)
def test_letter_and_attachment_questions_ask_document_facts(
    question: str, field: MetaField
) -> None:
    query = understand(question)
    assert query.intent is Intent.DOCUMENT_FACTS
    assert field in query.meta_fields


def test_letter_clauses_keep_their_own_duty_and_deadline() -> None:
    """CV 9387's assignment and its deadline stand in the letter's own clause."""
    plan = parse_plan(CV_9387.read_text(encoding="utf-8"), "cv9387")
    duty = next(c for c in plan.clauses if "Giao Sở Nông nghiệp" in c.text and c.kind in (
        ClauseKind.SECTION, ClauseKind.ITEM))  # fmt: skip
    assert "trước ngày 05/10/2026" in duty.text


# --- a letter and the programme it carries out ----------------------------------------------


def _info(doc_id: str, number: str, title: str, kind: str, based_on: list[str]) -> DocumentInfo:
    return DocumentInfo.from_plain(
        {"id": doc_id, "title": title, "number": number, "kind": kind, "based_on": based_on}
    )


@pytest.fixture
def letters() -> DocumentDirectory:
    infos = [
        _info(
            "ctr104", "104-CTr/TU", "Chương trình hành động bảo vệ môi trường", "Chương trình", []
        ),
        _info(
            "cv9387",
            "9387/UBND-KT",
            "Công văn V/v triển khai thực hiện Chương trình hành động số 104-CTr/TU",
            "Công văn",
            ["Chương trình hành động số 104-CTr/Tu ngày 30/8/2026 của Tỉnh ủy"],
        ),
        _info("kh50", "50/KH-UBND", "Kế hoạch chuyển đổi số", "Kế hoạch", []),
    ]
    return DocumentDirectory({i.id: i for i in infos})


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # the programme only as what the letter carries out: the letter is asked
        ("Theo CV 9387, ai chủ trì xây dựng Kế hoạch thực hiện CTr 104?", ["cv9387"]),
        ("CV 9387 yeu cau cac so cu the hoa CTr 104 thanh gi?", ["cv9387"]),
        # the programme as what a review report is of ("báo cáo sơ kết CTr 104")
        ("Han gui bao cao so ket CTr 104 cua cac xa theo CV 9387 la ngay nao?", ["cv9387"]),
        # the programme named as a subject too: both are asked
        ("CTr 104 và CV 9387 giao ai cụ thể hóa CTr 104?", ["ctr104", "cv9387"]),
        # a plan that does not carry the other out keeps it
        ("KH 50 và việc thực hiện CTr 104 giao ai?", ["ctr104", "kh50"]),
        # one plan named after "thực hiện": itself
        ("Kinh phí thực hiện CTr 104 là bao nhiêu?", ["ctr104"]),
    ],
)
def test_a_programme_named_as_what_a_letter_carries_out_is_its_topic(
    letters: DocumentDirectory, question: str, expected: list[str]
) -> None:
    scope = settle_scope(understand(question), None, None, letters, lambda q, d: [])
    assert sorted(scope.doc_ids) == expected
