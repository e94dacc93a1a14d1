"""Two facts of the real decisions in tests/real_plans4 that were missed: QĐ 518/QĐ-UBND
(Bình Định) says when it takes effect inside its executing article ("… chịu trách nhiệm thi
hành Quyết định này kể từ ngày ký./.", NĐ 30/2020 lets the two articles be one); a question
naming QĐ 1544 by number and then its trích yếu ("… phê duyệt kế hoạch lựa chọn nhà thầu do
cơ quan nào ban hành?") asks the issuer, the approval being that decision's own title. Then
on an invented decision of the same shape."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval.assistant import Assistant
from retrieval.query import Intent, MetaField, understand
from tests.conftest import ingested_runtime

PLANS = Path(__file__).parent / "real_plans4"
BINH_DINH = PLANS / "binh-dinh-518-QD-UBND-2023-ke-hoach-von-nam-2023.txt"
BO_1544 = PLANS / "bo-ldtbxh-1544-QD-BLDTBXH-2024-ke-hoach-lua-chon-nha-thau.txt"

# Invented for these tests: a decision whose last article says when it takes effect.
VARIANT = """\
| ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc --------------- |
|---|---|
| Số: 902/QĐ-UBND | Nam Định, ngày 14 tháng 4 năm 2025 |

QUYẾT ĐỊNH

Về việc giao kế hoạch vốn sửa chữa trường học năm 2025

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH

QUYẾT ĐỊNH:

Điều 1. Giao kế hoạch vốn sửa chữa trường học năm 2025 cho các huyện theo Phụ lục kèm theo.

Điều 2. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Tài chính, Chủ tịch UBND các huyện chịu trách nhiệm thi hành Quyết định này kể từ ngày ký./.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    plans = tmp_path_factory.mktemp("effect-plans")
    variant = plans / "nam-dinh-902-QD-UBND-2025-von-sua-chua-truong-hoc.txt"
    variant.write_text(VARIANT, encoding="utf-8")
    home = tmp_path_factory.mktemp("effect-home")
    with ingested_runtime(home, [BINH_DINH, BO_1544, variant]) as runtime:
        yield runtime.assistant()


@pytest.mark.parametrize(
    ("question", "signed"),
    [
        ("QĐ 518 Bình Định có hiệu lực từ khi nào?", "23/02/2023"),
        ("Quyết định 902 Nam Định có hiệu lực từ khi nào?", "14/04/2025"),
    ],
)
def test_the_executing_article_says_when_it_takes_effect(
    assistant: Assistant, question: str, signed: str
) -> None:
    answer = assistant.ask(question)
    assert not answer.abstained
    assert "kể từ ngày ký" in answer.answer
    assert signed in answer.answer


def test_a_decision_named_with_its_title_asks_its_issuer() -> None:
    asked = understand(
        "Quyet dinh 1544 phe duyet ke hoach lua chon nha thau do co quan nao ban hanh?"
    )
    assert asked.intent is Intent.DOCUMENT_FACTS
    assert asked.meta_field is MetaField.ISSUER
    # another document's approval is still no question about the plan's issuer
    other = understand("De an duoc phe duyet theo quyet dinh nao, co quan nao ban hanh?")
    assert other.intent is not Intent.DOCUMENT_FACTS


def test_the_issuer_is_answered(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Quyet dinh 1544 phe duyet ke hoach lua chon nha thau do co quan nao ban hanh?"
    )
    assert "Bộ Lao động - Thương binh và Xã hội" in answer.answer
