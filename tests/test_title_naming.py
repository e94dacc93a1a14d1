"""A question naming its plan by kind and title ("theo Nghị quyết bổ sung kế hoạch …"): those
words name the plan, they are not the topic asked about."""

from __future__ import annotations

from ingest.normalize_vi import folded
from retrieval.documents import DocumentInfo, title_named


def _info(kind: str, title: str) -> DocumentInfo:
    return DocumentInfo.from_plain({"id": "d", "kind": kind, "title": title})


RESOLUTION = _info(
    "Nghị quyết",
    "Nghị quyết Về bổ sung Kế hoạch phát triển kinh tế - xã hội năm 2025 với mục tiêu "
    "tăng trưởng đạt 8% trở lên",
)


def test_the_run_from_the_kind_word_names_the_plan() -> None:
    question = folded(
        "Chỉ số giá tiêu dùng CPI bình quân tăng khoảng bao nhiêu theo Nghị quyết bổ sung kế hoạch 2025?"
    )
    assert title_named(question, RESOLUTION) == {"nghi", "quyet", "bo", "sung", "ke", "hoach"}


def test_an_abbreviation_in_the_run_is_followed() -> None:
    question = folded(
        "Mục tiêu tăng trưởng GDP theo Nghị quyết bổ sung Kế hoạch phát triển KT-XH là bao nhiêu?"
    )
    named = title_named(question, RESOLUTION)
    assert {"phat", "trien", "kinh", "te", "xa", "hoi"} <= named
    # the topic before the plan's name stays, though the title has the words too
    assert not {"muc", "tieu", "tang", "truong", "gdp"} & named


def test_a_title_word_used_as_a_topic_elsewhere_stays() -> None:
    plan = _info("Kế hoạch", "Kế hoạch chuyển đổi số năm 2025")
    question = folded("Chuyển đổi số cấp xã theo kế hoạch chuyển đổi số 2025 gồm gì?")
    assert title_named(question, plan) == {"ke", "hoach", "2025"}
    assert title_named(folded("Chỉ tiêu chuyển đổi số là gì?"), plan) == set()
