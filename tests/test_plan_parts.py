"""`retrieval.plan_parts`: a question asking each plan named its own part is split into
one question per plan; a question asking the plans one thing is not."""

from __future__ import annotations

import re

from retrieval.plan_parts import parts_per_plan

_PLANS = {"kh09": r"\bkh 09\b", "qd2200": r"\bqd 2200\b", "qd699": r"\bqd 699\b"}


def _names(text: str) -> frozenset[str]:
    return frozenset(doc for doc, pattern in _PLANS.items() if re.search(pattern, text))


def _unnamed(text: str, docs: frozenset[str]) -> str:
    for doc in docs:
        text = re.sub(_PLANS[doc], " ", text)
    return text


def test_a_part_set_against_another_is_asked_of_its_plan_with_the_shared_topic() -> None:
    parts = parts_per_plan(
        "Tiêu chuẩn tín chỉ các-bon rừng: KH 09 giao Cục BĐKH phối hợp với cơ quan nào, "
        "còn QĐ 2200 giao ai chủ trì?",
        _names,
        _unnamed,
    )
    assert parts is not None
    assert [p.doc_ids for p in parts] == [("kh09",), ("qd2200",)]
    assert parts[0].question.startswith("Tiêu chuẩn tín chỉ các-bon rừng")
    assert "phối hợp với cơ quan nào" in parts[0].question
    assert "chủ trì" not in parts[0].question
    assert parts[1].question.endswith("QĐ 2200 giao ai chủ trì?")
    assert "phối hợp" not in parts[1].question


def test_both_halves_of_vua_vua_are_asked_each_of_its_plan() -> None:
    parts = parts_per_plan(
        "Don vi nao vua chu tri thiet lap He thong dang ky (KH 09) vua theo doi tuan thu "
        "han ngach (QD 699)?",
        _names,
        _unnamed,
    )
    assert parts is not None
    assert [p.doc_ids for p in parts] == [("kh09",), ("qd699",)]
    assert "theo doi" not in parts[0].question and "thiet lap" not in parts[1].question


def test_one_question_asked_of_plans_listed_is_not_split() -> None:
    assert parts_per_plan("So sánh mục tiêu của KH 09 và QĐ 2200?", _names, _unnamed) is None
    # pieces naming two plans with nothing set against the other: one question for both
    assert (
        parts_per_plan(
            "Nhiệm vụ đào tạo (KH 09) và xây dựng CSDL (QĐ 2200) thực hiện khi nào?",
            _names,
            _unnamed,
        )
        is None
    )
    assert parts_per_plan("KH 09 do ai ký, còn QĐ 2200?", _names, _unnamed) is None


def test_a_part_joined_by_va_after_a_part_asking_its_own_question_is_split() -> None:
    parts = parts_per_plan(
        "KH 09 yeu cau UBND tinh ban hanh ke hoach thuc hien khi nao, va QD 2200 thuc te "
        "ban hanh ngay nao?",
        _names,
        _unnamed,
    )
    assert parts is not None
    assert [p.doc_ids for p in parts] == [("kh09",), ("qd2200",)]
    assert parts[0].question.endswith("khi nao?") and "ngay nao" not in parts[0].question
    assert parts[1].question == "QD 2200 thuc te ban hanh ngay nao?"


def test_va_after_a_piece_asking_nothing_joins_one_question() -> None:
    # "và" after a plan's name that asks nothing of its own: one question for both plans
    assert (
        parts_per_plan(
            "Hạn để UBND tỉnh có kế hoạch thực hiện KH 09, và hạn hoàn thành dự thảo thực "
            "hiện QĐ 2200 là khi nào?",
            _names,
            _unnamed,
        )
        is None
    )
