"""The CLI's ask paths: one question, or a JSONL batch answered in order."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ingest.errors import InputError
from ingest.json_depth import JsonTooDeepError, loads_limited
from retrieval.answers import Answer
from retrieval.conversation import Conversation
from retrieval.questions import validate_question
from retrieval.row_lists import FIRST_PAGE, RowWindow

if TYPE_CHECKING:
    from retrieval.assistant import Assistant


class AskError(InputError):
    """The ask call itself cannot proceed (bad question, unknown --doc, unreadable batch)."""


def _prepare(runtime: Any) -> Any:
    runtime.ensure_corpus(progress=_print_progress)
    return runtime.assistant()


def _print_progress(stage: str, done: int, total: int) -> None:
    """First-use ingestion progress on stderr (stdout stays clean for --json)."""
    if done == total:
        print(f"  {stage}: {total} điều khoản đã nhúng", file=sys.stderr, flush=True)


def answer_one(
    runtime: Any,
    question: str,
    document: str | None,
    conversation: Conversation | None = None,
    rows: RowWindow = FIRST_PAGE,
) -> Answer:
    """Validate and answer one question (`rows`: the page of a long list to answer with)."""
    assistant, text = _validated(runtime, question, document)
    return assistant.ask(text, conversation=conversation, document=document, rows=rows)


def read_one(runtime: Any, question: str, document: str | None) -> dict[str, object]:
    """The typed reading of one question (`Reading.to_json`), validated like `answer_one`."""
    assistant, text = _validated(runtime, question, document)
    return assistant.read(text, document).to_json()


def _validated(runtime: Any, question: str, document: str | None) -> tuple[Assistant, str]:
    """The runtime's assistant and the question's text, once both question and `document`
    are valid (else `AskError`)."""
    try:
        text = validate_question(question, runtime.settings.max_question_chars)
    except InputError as error:
        raise AskError(str(error)) from error
    assistant = _prepare(runtime)
    _check_document(assistant, document)
    return assistant, text


def _check_document(assistant: Assistant, document: object) -> None:
    """Refuse a `document` that is not the id of an ingested plan."""
    if document is None:
        return
    if not isinstance(document, str) or assistant.documents.get(document) is None:
        known = ", ".join(sorted(assistant.documents.documents)) or "chưa có"
        raise AskError(
            f"chưa nạp văn bản nào có mã {document!r} (các mã đã nạp: {known}); "
            "xem `kehoach documents`"
        )


def answer_batch(runtime: Any, path: Path, out: TextIO) -> int:
    """Answer every `{"id", "question", "document"?}` line in order, one JSON line each.

    A line that cannot be answered (not a JSON object, nested too deep, a bad question, an
    unknown `document`) is reported with its line number on stderr and as an `error` object
    in its place; the other lines are still answered. The model is loaded once. Returns the
    number of failed lines (the CLI exits 1 when there is any).
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise AskError(f"không đọc được tệp câu hỏi {path}: {error}") from error
    assistant = _prepare(runtime)
    failures = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        question_id: Any = None
        try:
            item = _batch_item(line)
            question_id = item.get("id")
            text = validate_question(item.get("question"), runtime.settings.max_question_chars)
            document = item.get("document")
            _check_document(assistant, document)
            answer = assistant.ask(text, document=document)
            out.write(json.dumps(answer.to_json(question_id), ensure_ascii=False) + "\n")
        except InputError as error:
            failures += 1
            message = f"dòng {number}: {error}"
            out.write(json.dumps({"id": question_id, "error": message}, ensure_ascii=False) + "\n")
            print(message, file=sys.stderr)
        out.flush()
    return failures


def _batch_item(line: str) -> dict[str, Any]:
    """One batch line as a JSON object, or `AskError` in Vietnamese."""
    try:
        item = loads_limited(line)
    except JsonTooDeepError:
        raise
    except ValueError as error:
        raise AskError(f"không phải JSON hợp lệ ({error})") from error
    if not isinstance(item, dict):
        raise AskError('mỗi dòng phải là một đối tượng JSON {"id", "question"}')
    return item
