"""The CLI's ask paths: one question, or a JSONL batch answered in order."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TextIO

from ingest.errors import InputError
from ingest.json_depth import loads_limited
from retrieval.answers import Answer
from retrieval.conversation import Conversation
from retrieval.questions import validate_question


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
    runtime: Any, question: str, document: str | None, conversation: Conversation | None = None
) -> Answer:
    """Validate and answer one question."""
    try:
        text = validate_question(question, runtime.settings.max_question_chars)
    except InputError as error:
        raise AskError(str(error)) from error
    assistant = _prepare(runtime)
    if document is not None and assistant.documents.get(document) is None:
        known = ", ".join(sorted(assistant.documents.documents)) or "none"
        raise AskError(f"no document {document!r} is ingested (known: {known})")
    return assistant.ask(text, conversation=conversation, document=document)


def answer_batch(runtime: Any, path: Path, out: TextIO) -> int:
    """Answer every `{"id", "question"}` line in order, one JSON line each; returns failures.

    A malformed line is reported with its line number and answered with an error object;
    the other lines are still answered. The model is loaded once.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise AskError(f"cannot read batch file {path}: {error}") from error
    assistant = _prepare(runtime)
    failures = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        question_id: Any = None
        try:
            item = loads_limited(line)
            if not isinstance(item, dict):
                raise ValueError("mỗi dòng phải là một đối tượng JSON")
            question_id = item.get("id")
            text = validate_question(item.get("question"), runtime.settings.max_question_chars)
            answer = assistant.ask(text, document=item.get("document"))
            out.write(json.dumps(answer.to_json(question_id), ensure_ascii=False) + "\n")
        except (ValueError, InputError) as error:
            failures += 1
            message = f"line {number}: {error}"
            out.write(json.dumps({"id": question_id, "error": message}, ensure_ascii=False) + "\n")
            print(message, file=sys.stderr)
        out.flush()
    return failures
