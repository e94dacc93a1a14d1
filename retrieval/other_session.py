"""A question about another session's resolution: "Kết quả chất vấn tại Kỳ họp thứ Sáu ra
sao?" when the resolution loaded is the one "về chất vấn … tại kỳ họp thứ Năm". Councils adopt
one such resolution per session; the one of session Năm does not say what session Sáu
decided, though its text may name session Sáu as a date ahead."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.normalize_vi import folded
from retrieval.documents import DocumentDirectory
from retrieval.stored import StoredClause

# "<topic word> tại kỳ họp thứ <ordinal>" ("chat van tai ky hop thu nam"), folded
_AT_SESSION = re.compile(r"\b([a-z]+) (?:tai|o) ki hop (?:bat thuong )?(?:lan )?thu ([a-z0-9]+)\b")


def other_session(
    question_folded: str, cited: Sequence[StoredClause], documents: DocumentDirectory
) -> str | None:
    """The session the question names, when it qualifies the same topic word as the cited
    plans' titles do and every such title names another session; else None."""
    asked = {(m.group(1), m.group(2)) for m in _AT_SESSION.finditer(question_folded)}
    if not asked or not cited:
        return None
    titled: set[tuple[str, str]] = set()
    for document_id in {clause.document_id for clause in cited}:
        info = documents.get(document_id)
        if info is None:
            return None
        titled |= {(m.group(1), m.group(2)) for m in _AT_SESSION.finditer(folded(info.title))}
    for word, session in asked:
        sessions = {s for w, s in titled if w == word}
        if sessions and session not in sessions:
            return session
    return None
