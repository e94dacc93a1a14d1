"""`POST /v1/ask`: a question in, the answer with verified citations out."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request

from api import responses
from api.deps import ReadAccess, StateDep, owner_of
from api.errors import InvalidRequest, NotFound
from api.json_body import DepthLimitedRoute
from api.schemas import AskRequest, AskResponse, ErrorResponse
from retrieval.plan_scope import ScopeError, parse_scope
from retrieval.questions import validate_question
from retrieval.row_lists import PAGE_ROWS, RowWindow

logger = logging.getLogger(__name__)

router = APIRouter(
    prefix="/v1", tags=["ask"], route_class=DepthLimitedRoute, responses=responses.READ
)


@router.post(
    "/ask",
    response_model=AskResponse,
    responses={
        404: {"model": ErrorResponse, "description": "unknown document or conversation"},
        400: {"model": ErrorResponse, "description": "malformed JSON, or nested too deep"},
        422: {"model": ErrorResponse, "description": "empty or too long question"},
    },
)
def ask(body: AskRequest, principal: ReadAccess, state: StateDep, request: Request) -> AskResponse:
    """Answer one question; pass the returned `conversation_id` with follow-ups."""
    # A plain `def`: answering is CPU work, so FastAPI runs it in its thread pool.
    question = validate_question(body.question, state.settings.max_question_chars)
    try:
        requested = parse_scope(body.scope)
    except ScopeError as error:
        raise InvalidRequest(str(error), code="bad_scope") from None
    held = state.api_settings.scope_of(principal.key_id)
    owner = owner_of(principal, request)
    if body.conversation_id is None:
        conversation_id, slot = state.conversations.start(owner)
    else:
        conversation_id = body.conversation_id
        found = state.conversations.get(conversation_id, owner)
        if found is None:
            raise NotFound(
                "không có cuộc hội thoại này (có thể đã hết hạn); hãy hỏi không kèm "
                "conversation_id để bắt đầu cuộc mới",
                code="unknown_conversation",
            )
        slot = found
    # One turn at a time per conversation; the read lock keeps the index whole meanwhile.
    with slot.turn_lock, state.engine.reading() as view:
        if body.document is not None and view.assistant.documents.get(body.document) is None:
            raise NotFound(f"chưa nạp văn bản nào có mã {body.document!r}", code="unknown_document")
        # a later page of a list: no new turn, asked in the context the list was asked in
        paging = body.first_row > 0
        answer = view.assistant.ask(
            question,
            conversation=slot.conversation.for_page(question) if paging else slot.conversation,
            document=body.document,
            scope=None if requested.empty else requested,
            within=(held,) if held else (),
            rows=RowWindow(body.first_row, None if body.all_rows else PAGE_ROWS),
        )
        state.conversations.save(conversation_id, slot)  # shared store: for other replicas
    return AskResponse.from_answer(answer, conversation_id)
