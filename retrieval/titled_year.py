"""A document of another year asked by the words of a loaded one's title: "Chương trình giám
sát năm 2019 … có những nội dung gì?" when only the "Chương trình giám sát năm 2018" is
loaded. The 2018 programme's clauses are not the 2019 one's; the question is declined."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.normalize_vi import folded_with_offsets
from retrieval.documents import DocumentDirectory
from retrieval.stored import StoredClause

# a document named by its kind, a few subject words and its year ("chương trình giám sát năm
# 2019", "kế hoạch phát triển kinh tế - xã hội năm 2026")
_KINDS = r"chuong trinh|ke hoach|nghi quyet|de an|bao cao|quy hoach"
_TITLED = re.compile(rf"\b(?:{_KINDS})(?: [a-z-]+){{1,6}}? nam ((?:19|20)\d{{2}})\b")
_YEAR = re.compile(r"\bnam (?:19|20)\d{2}$")


def other_year(
    question: str, cited: Sequence[StoredClause], documents: DocumentDirectory
) -> str | None:
    """The reason to decline when the question names a document by a cited plan's title
    words with a year that title does not have (the title giving another year); None when
    the title has the year, or its words are not the question's."""
    plain, offsets = folded_with_offsets(question)
    for match in _TITLED.finditer(plain):
        year = match.group(1)
        subject = _YEAR.sub("", match.group()).strip()
        for doc_id in dict.fromkeys(c.document_id for c in cited):
            info = documents.get(doc_id)
            if info is None or not info.title:
                continue
            title, at = folded_with_offsets(info.title)
            own = re.search(rf"\b{re.escape(subject)} nam ((?:19|20)\d{{2}})\b", title)
            if own is None or year in title:
                continue
            asked = question[offsets[match.start()] : offsets[match.end() - 1] + 1]
            loaded = info.title[at[own.start()] : at[own.end() - 1] + 1]
            return (
                f"Văn bản đã nạp là “{loaded}”, không phải “{asked}”; văn bản này chưa "
                "được nạp, nên không thể trả lời."
            )
    return None
