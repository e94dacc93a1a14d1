"""The issuer a question names to say which plan it asks ("… ở MTTQ xã An Hòa", "KH … của
MTTQ An Hòa") names the plan: no topic word a clause must cover, no unit a clause must name
in the role asked; a plan numbered like a loaded one but given another place's issuer is a
cited document, not the loaded namesake."""

from __future__ import annotations

from retrieval.constraints import Reading, Span
from retrieval.documents import DocumentDirectory, DocumentInfo
from retrieval.plan_owner import without_plan_owner
from retrieval.query import understand
from retrieval.question_units import UnitMention, UnitPart
from retrieval.strategies.cited_document import _of_another_place
from retrieval.topic import topic_words

ISSUER = "Ban Thường trực Ủy ban MTTQ Việt Nam xã An Hòa"


def _info(doc_id: str, number: str | None, title: str) -> DocumentInfo:
    return DocumentInfo.from_plain(
        {
            "id": doc_id,
            "title": title,
            "number": number,
            "issued_date": "2025-12-10",
            "issuer": ISSUER,
            "kind": "Kế hoạch",
            "place": {"level": "xã", "name": "An Hòa"},
        }
    )


def _directory() -> DocumentDirectory:
    return DocumentDirectory(
        {
            "an-hoa-tiep-cong-dan": _info(
                "an-hoa-tiep-cong-dan", None, "Kế hoạch Tiếp công dân, xử lý đơn thư phục vụ bầu cử"
            ),
            "an-hoa-16-KH-MTTQ-BTT": _info(
                "an-hoa-16-KH-MTTQ-BTT", "16/KH-MTTQ-BTT", "Kế hoạch Thực hiện công tác bầu cử"
            ),
        }
    )


def test_the_issuer_named_as_doer_is_no_topic_word() -> None:
    directory = _directory()
    query = understand("Ai phụ trách tiếp dân, xử lý đơn thư bầu cử ở MTTQ xã An Hòa?")
    issuer = directory.issuer_named(query.folded, ["an-hoa-tiep-cong-dan"])
    assert {"mat", "tran", "quoc", "viet"} <= issuer
    topic = topic_words(directory, query, ["an-hoa-tiep-cong-dan"])
    assert not {"mat", "tran", "quoc", "viet"} & set(topic)
    assert {"xu", "thu", "bau"} <= set(topic)


def test_the_issuer_asked_about_stays_the_topic() -> None:
    directory = _directory()
    query = understand("MTTQ xã An Hòa là gì?")
    assert {"mat", "tran"} <= set(topic_words(directory, query, ["an-hoa-tiep-cong-dan"]))


def test_a_unit_named_as_the_plans_owner_is_no_unit_in_the_role_asked() -> None:
    question = "KH tiếp công dân của MTTQ An Hòa đề nghị những cơ quan nào phối hợp?"
    query = understand(question)
    start = query.plain.index("mttq")
    cue = query.plain.index("cua")
    mention = UnitMention(
        "mat tran to quoc viet nam",
        Span(start, start + 4, "mttq"),
        UnitPart.DOER,
        Span(cue, cue + 3, "cua"),
    )
    reading = Reading(query, units=("mat tran to quoc viet nam",), unit_mentions=(mention,))
    assert without_plan_owner(reading, [ISSUER]).units == ()
    assert without_plan_owner(reading, ["Ủy ban nhân dân xã An Hòa"]).units == reading.units
    subject = Reading(
        query,
        units=reading.units,
        unit_mentions=(UnitMention(mention.key, mention.span, UnitPart.DOER, None),),
    )
    assert without_plan_owner(subject, [ISSUER]).units == reading.units


def test_a_number_given_another_places_issuer_is_not_the_loaded_namesake() -> None:
    loaded = [_directory().documents["an-hoa-16-KH-MTTQ-BTT"]]
    assert _of_another_place(" cua mttq tinh quang ninh ma xa an hoa can cu", loaded)
    assert not _of_another_place(" cua mttq xa an hoa ban hanh ngay nao", loaded)
    assert not _of_another_place(" ban hanh ngay nao", loaded)


def test_a_plan_named_by_number_keeps_the_issuer_as_topic() -> None:
    """ "… phản ánh về đâu theo KH 16 của MTTQ xã An Hòa?": the number names the plan, and
    the issuer may be the very answer (reports go to its office), so its words stay."""
    directory = _directory()
    query = understand("Vướng mắc phản ánh về đâu theo KH 16 của MTTQ xã An Hòa?")
    assert directory.named_by_own_number(query.folded) == ["an-hoa-16-KH-MTTQ-BTT"]
    topic = topic_words(directory, query, ["an-hoa-16-KH-MTTQ-BTT"])
    assert {"mat", "tran"} <= set(topic)


def test_the_issuer_as_the_one_reported_to_stays_the_topic() -> None:
    """ "… báo cáo MTTQ xã An Hòa …": the issuer written after no owner cue ("ở", "của",
    "do" …) is part of what is asked (the reports go to it), not the plan's name."""
    directory = _directory()
    query = understand("Các chi hội báo cáo MTTQ xã An Hòa kết quả tiếp dân theo tần suất nào?")
    assert not directory.issuer_named(query.folded, ["an-hoa-tiep-cong-dan"])
