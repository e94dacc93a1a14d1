"""A plan the question names by its kind and a title word ("đề án tài nguyên của Tỉnh ủy
Lào Cai") that the answer does not come from: the cited clause is another document of the
same place ("Chương trình 104-CTr/TU", "Công văn 9387/UBND-KT"), whose figure or duty is
not the named plan's.

Only the kinds that name one document type and are no verb are read: "đề án", "công văn",
"chương trình", "nghị quyết" ("quyết định", "chỉ thị", "kết luận" are also what someone
does; "kế hoạch" and "văn bản" are what people call every plan). A plan is named when its
kind is that kind, or its title holds the kind word (a Quyết định approving an Đề án), and
its title holds the first word the question writes after the kind word. The plans looked
at are the question's candidates (those it names, those of the places it names), never
every plan.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from ingest.normalize_vi import folded
from retrieval.documents import DocumentInfo

_KINDS = r"de an|cong van|chuong trinh|nghi quyet"
# the kind word, then the words after it (no digit: a number names the plan by itself)
_NAMED = re.compile(rf"\b(?P<kind>{_KINDS})\b(?:\s+(?:hanh dong|cua|ve|so))*\s+(?P<word>[a-z]+)")
# words after the kind word that name no subject ("đề án này", "quyết định phê duyệt")
_NOT_A_SUBJECT = frozenset(
    ["nay", "do", "tren", "nao", "gi", "phe", "duyet", "ban", "hanh", "kem", "theo", "moi"]
)


def kind_words(question_folded: str) -> list[tuple[str, str]]:
    """The (kind, first title word) pairs the question names a document with."""
    found = []
    for match in _NAMED.finditer(question_folded):
        word = match.group("word")
        if word not in _NOT_A_SUBJECT:
            found.append((match.group("kind"), word))
    return found


def _of_kind(info: DocumentInfo, kind: str) -> bool:
    """Whether a plan is of that kind or its title holds the kind word."""
    title = f" {folded(info.title or '')} "
    return folded(info.kind or "") == kind or f" {kind} " in title


def other_kind(
    question_folded: str,
    candidates: Iterable[str],
    cited_docs: Sequence[str],
    documents: Mapping[str, DocumentInfo],
) -> DocumentInfo | None:
    """The candidate plan the question names by kind and title word when no cited clause
    comes from a plan of that kind; None when it names none, or the answer's plan is one."""
    for kind, word in kind_words(question_folded):
        cited = [documents[d] for d in cited_docs if d in documents]
        if any(_of_kind(info, kind) for info in cited):
            continue
        for doc_id in candidates:
            info = documents.get(doc_id)
            if info is None or not _of_kind(info, kind):
                continue
            if word in folded(info.title or "").split():
                return info
    return None
