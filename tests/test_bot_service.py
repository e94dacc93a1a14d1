"""The service the bots share, and the small pieces around it (limits, buttons, rendering)."""

from __future__ import annotations

import pytest

from bot.errors import ChatInputError
from bot.ratelimit import RateLimiter
from bot.render import answer_blocks, document_blocks, format_date
from bot.service import ChatService
from bot.telegram_callbacks import CallbackData, RecentAnswers
from bot.telegram_format import answer_keyboard
from retrieval.answers import Answer, Citation
from retrieval.runtime import Runtime


@pytest.fixture
def service(corpus_runtime: Runtime) -> ChatService:
    return ChatService.for_runtime(corpus_runtime)


def test_each_chat_has_its_own_follow_up_context(service: ChatService) -> None:
    service.ask("a", "Sở nào chủ trì chỉ tiêu 6.6?")
    follow_up = service.ask("a", "còn thời hạn thì sao?")
    assert "Tháng 11/2025" in follow_up.answer.split("\n")[0]
    elsewhere = service.ask("b", "còn thời hạn thì sao?")
    assert "6.6" not in elsewhere.answer.split("\n")[0]
    service.forget("a")
    assert "6.6" not in service.ask("a", "còn thời hạn thì sao?").answer.split("\n")[0]


def test_conversations_are_bounded(corpus_runtime: Runtime) -> None:
    service = ChatService.for_runtime(corpus_runtime, max_chats=2)
    for chat in ("a", "b", "c"):
        service.ask(chat, "Sở nào chủ trì chỉ tiêu 6.6?")
    assert list(service._chats) == ["b", "c"]


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("   ", "hãy gửi một câu hỏi"),
        ("x" * 1001, "vượt giới hạn 1000"),
        ("a\x00b", "ký tự điều khiển"),
    ],
)
def test_bad_questions_get_a_vietnamese_reason(
    service: ChatService, question: str, says: str
) -> None:
    with pytest.raises(ChatInputError, match=says):
        service.ask("a", question)


def test_look_up_by_number_scoped_by_id_number_or_place(service: ChatService) -> None:
    answer = service.look_up("a", "6.6")
    assert answer.citations[0].clause == "6.6"
    assert "Văn phòng UBND tỉnh" in answer.answer
    for hint in ("ninh-binh-19-KH-UBND-2025", "19/KH-UBND", "19"):
        scoped = service.look_up("a", "2.1", hint)
        assert {c.document_id for c in scoped.citations} == {"ninh-binh-19-KH-UBND-2025"}
    assert service.look_up("fresh chat", "2.1").intent == "ambiguous"


def test_look_up_refuses_what_it_cannot_use(service: ChatService) -> None:
    with pytest.raises(ChatInputError, match="không phải số hiệu"):
        service.look_up("a", "sáu")
    with pytest.raises(ChatInputError, match="Không tìm thấy kế hoạch"):
        service.look_up("a", "6.6", "Hà Giang")
    with pytest.raises(ChatInputError, match="nhiều kế hoạch"):
        service.look_up("a", "6.6", "Ninh Bình")


def test_documents_and_metadata(service: ChatService) -> None:
    ids = [d.id for d in service.documents()]
    assert ids == sorted(ids) and len(ids) == 5
    info = service.document("tien-giang-466-KH-UBND-2025")
    assert info is not None and info.signer == "Nguyễn Thành Diệu"
    lines = [line.text for block in document_blocks(info) for line in block]
    assert "Số hiệu: 466/KH-UBND" in lines and "Ngày ban hành: 05/12/2024" in lines
    assert service.document("missing") is None


def test_rate_limiter_slides_with_the_clock() -> None:
    now = [0.0]
    limiter = RateLimiter(2, 60, clock=lambda: now[0])
    assert limiter.check("a") is None and limiter.check("a") is None
    assert limiter.check("a") == 60.0
    assert limiter.check("b") is None
    now[0] = 30.0
    assert limiter.check("a") == 30.0
    now[0] = 60.0
    assert limiter.check("a") is None


def _citation(n: int, document_id: str = "doc") -> Citation:
    return Citation(n, document_id, "Kế hoạch X", "1/KH", "1.1", "I › 1.1", "text", 0, 4, "text")


def test_buttons_fit_telegram_and_point_back_to_the_answer() -> None:
    answer = Answer("a [1] [2]", False, "target", (_citation(1), _citation(2, "other")))
    recent = RecentAnswers(capacity=1)
    token = recent.remember(answer)
    markup = answer_keyboard(answer, token)
    assert markup is not None
    labels = [b.text for row in markup.inline_keyboard for b in row]
    assert labels == ["Nguyên văn [1]", "Nguyên văn [2]", "Văn bản [1]", "Văn bản [2]"]
    for button in (b for row in markup.inline_keyboard for b in row):
        data = str(button.callback_data)
        assert len(data.encode()) <= 64
        decoded = CallbackData.decode(data)
        assert decoded is not None and recent.citation(decoded.token, decoded.n) is not None
    assert CallbackData.decode("x:1:2") is None and CallbackData.decode(None) is None
    recent.remember(answer)  # capacity 1: the first answer is forgotten
    assert recent.citation(token, 1) is None


def test_rendering_helpers() -> None:
    assert format_date("2025-07-31") == "31/07/2025"
    assert format_date("2026-04") == "04/2026"
    assert format_date("khoảng 2025") == "khoảng 2025" and format_date(None) is None
    blocks = answer_blocks(Answer("Đầu [1].\n- chi tiết [1]", False, "target", (_citation(1),)))
    assert blocks[0][0].style == "bold" and blocks[1][0].text == "Trích dẫn:"
    assert [line.text for line in blocks[2]] == ["[1] Kế hoạch X (1/KH)", "I › 1.1", "“text”"]
