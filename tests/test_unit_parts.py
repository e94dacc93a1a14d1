"""The question as typed (`Query.plain`, `Query.expansions`) and the part each unit it names
plays in it (`retrieval.question_units`): doer, partner, receiver, monitor."""

from __future__ import annotations

import pytest

from ingest.abbreviations import units_in
from ingest.parser.units import unit_key
from retrieval.constraints import read_question
from retrieval.query import Intent, understand
from retrieval.question_units import UnitPart, unit_mentions


def _parts(question: str, *written: str) -> dict[str, UnitPart | None]:
    """Each unit's part, by the unit's span as typed; `written` names units the
    abbreviation table does not know (the plans' own unit names)."""
    query = understand(question)
    keys = [unit_key(name) for name in units_in(question)] + [unit_key(w) for w in written]
    return {m.span.text if m.span else m.key: m.part for m in unit_mentions(query, keys)}


def test_plain_holds_only_the_words_typed() -> None:
    query = understand("Sở TN&MT và Sở TTTT phối hợp thực hiện những chỉ tiêu nào?")
    assert query.plain == "so tn&mt va so tttt phoi hop thuc hien nhung chi tieu nao"
    assert "tai nguyen va moi truong" in query.folded  # the spelling-out stays for matching
    assert [(e.short, e.long) for e in query.expansions] == [
        ("so tn&mt", "so tai nguyen va moi truong"),
        ("so tttt", "so thong tin va truyen thong"),
    ]
    for e in query.expansions:
        assert query.plain[e.start : e.end] == e.short
        assert query.folded[e.at : e.at + len(e.long)] == e.long


def test_expansions_skip_document_symbols_and_glued_words() -> None:
    query = understand("KH 19/KH-UBND: các đơn vị báo cáo UBND tỉnh qua cơ quan nào?")
    (ubnd,) = query.expansions
    assert query.plain[ubnd.start : ubnd.end] == "ubnd"
    assert ubnd.start > query.plain.index("19/kh-ubnd") + len("19/kh-ubnd")
    glued = understand("Sở Xây dựng TP.HCM lập Đề án trước ngày nào?")
    assert glued.plain.startswith("so xay dung tp.hcm")
    assert all(e.at >= 0 for e in glued.expansions)


def test_a_span_in_a_spelling_out_stands_for_the_abbreviation() -> None:
    query = understand("VP UBND tỉnh chủ trì chỉ tiêu nào?")
    key = "van phong uy ban nhan dan tinh"
    at = query.folded.index(key)
    span = query.plain_span(at, at + len(key))
    assert span is not None and query.plain[span[0] : span[1]] == "vp ubnd tinh"


def test_the_question_s_own_va_not_an_abbreviation_s() -> None:
    # "Sở TN&MT" spells out as "… tài nguyên và môi trường": no "và" was typed
    assert " va " not in f" {understand('Sở TN&MT chủ trì chỉ tiêu nào?').plain} "
    assert " va " in f" {understand('so sanh KH 19 va KH 88').plain} "


@pytest.mark.parametrize(
    ("question", "unit", "part"),
    [
        # the subject acts
        ("Sở TTTT chủ trì những chỉ tiêu nào?", "so tttt", UnitPart.DOER),
        ("so tttt chu tri nhung chi tieu nao", "so tttt", UnitPart.DOER),
        ("Đến năm 2025, Sở Y tế phải hoàn thành việc gì?", "so y te", UnitPart.DOER),
        ("Về chuyển đổi số, Sở TTTT làm gì?", "so tttt", UnitPart.DOER),
        ("Nhiệm vụ giao cho Sở Tư pháp là gì?", "so tu phap", UnitPart.DOER),
        ("UBND tỉnh giao Sở TN&MT làm gì?", "so tn&mt", UnitPart.DOER),
        ("Chỉ tiêu 6.6 do Sở KHCN chủ trì đạt bao nhiêu?", "so khcn", UnitPart.DOER),
        ("nhiem vu cua so noi vu la gi", "so noi vu", UnitPart.DOER),
        # sent, reported or submitted to
        ("Các đơn vị gửi kết quả về Sở TTTT trước ngày nào?", "so tttt", UnitPart.RECEIVER),
        ("cac don vi gui ket qua ve so tttt truoc ngay nao", "so tttt", UnitPart.RECEIVER),
        ("Sở Y tế báo cáo UBND tỉnh khi nào?", "ubnd tinh", UnitPart.RECEIVER),
        (
            "gui bao cao ket qua thuc hien cho So Noi vu truoc ngay nao",
            "so noi vu",
            UnitPart.RECEIVER,
        ),
        ("Ai tham mưu UBND tỉnh bố trí kinh phí?", "ubnd tinh", UnitPart.RECEIVER),
        ("Báo cáo kết quả lên UBND tỉnh vào tháng mấy?", "ubnd tinh", UnitPart.RECEIVER),
        ("Sở KH&ĐT trình HĐND tỉnh việc gì?", "hdnd tinh", UnitPart.RECEIVER),
        ("Vướng mắc thì báo cáo UBND tỉnh qua Sở TTTT?", "so tttt", UnitPart.RECEIVER),
        # works with the doer
        ("Sở KH&ĐT phối hợp với Sở Y tế làm gì?", "so y te", UnitPart.PARTNER),
        ("sở nào phối hợp Sở Tài chính thẩm định dự toán?", "so tai chinh", UnitPart.PARTNER),
        ("Cùng Sở Y tế xây dựng chuyên mục là đơn vị nào?", "so y te", UnitPart.PARTNER),
        # directs the doer
        ("Sở GD&ĐT làm gì dưới sự chỉ đạo của UBND tỉnh?", "ubnd tinh", UnitPart.MONITOR),
        ("so gd&dt lam gi theo huong dan cua so tttt", "so tttt", UnitPart.MONITOR),
    ],
)
def test_the_part_each_unit_plays(question: str, unit: str, part: UnitPart) -> None:
    assert _parts(question).get(unit) is part, _parts(question)


def test_a_unit_listed_after_another_plays_its_part() -> None:
    parts = _parts("CA tỉnh và VP UBND tỉnh báo cáo UBND tỉnh và Sở Tài chính khi nào?")
    assert parts == {
        "ca tinh": UnitPart.DOER,
        "vp ubnd tinh": UnitPart.DOER,
        "ubnd tinh": UnitPart.RECEIVER,
        "so tai chinh": UnitPart.RECEIVER,
    }
    assert _parts("phối hợp với Sở Y tế, Sở GD&ĐT thực hiện gì?") == {
        "so y te": UnitPart.PARTNER,
        "so gd&dt": UnitPart.PARTNER,
    }


def test_the_reading_names_the_doers_not_receivers_nor_collectives() -> None:
    question = "Các đơn vị và Sở Y tế gửi báo cáo về Sở TTTT trước ngày nào?"
    query = understand(question)
    keys = ["cac don vi", *(unit_key(n) for n in units_in(question))]
    reading = read_question(query, keys)
    assert reading.doers == ["so y te"]
    cue = next(m.cue for m in reading.unit_mentions if m.key.startswith("so thong tin"))
    assert cue is not None and cue.text == "gui bao cao ve"


def test_a_unit_the_texts_cannot_place_has_no_part() -> None:
    (mention,) = unit_mentions(understand("Chỉ tiêu nào về chuyển đổi số?"), ["so y te"])
    assert mention.span is None and mention.part is None


def test_units_asked_are_read_from_the_typed_words() -> None:
    assert read_question(understand("Mục VIII gồm những cơ quan nào phối hợp?")).units_asked
    assert read_question(understand("Mục VIII gồm những nội dung nào?")).units_asked is None


@pytest.mark.parametrize(
    "question",
    ["Sở TN&MT còn chủ trì những nhiệm vụ khác nào?", "Sở KH&ĐT có nhiệm vụ gì khác?"],
)
def test_an_abbreviation_s_va_asks_no_comparison(question: str) -> None:
    assert understand(question).intent is not Intent.COMPARE


def test_a_typed_va_still_asks_one() -> None:
    assert understand("So TN&MT va So Y te co gi khac").intent is Intent.COMPARE
