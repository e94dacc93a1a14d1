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
    """The reason to decline when the question names a document by the cited plans' title
    words with a year their titles do not have (each title giving another year); None when
    a cited plan's title has the year, or is not named by those words."""
    plain, offsets = folded_with_offsets(question)
    doc_ids = list(dict.fromkeys(c.document_id for c in cited))
    for match in _TITLED.finditer(plain):
        year = match.group(1)
        subject = _YEAR.sub("", match.group()).strip()
        loaded = [_other_year_title(documents, d, subject, year) for d in doc_ids]
        if not loaded or any(title is None for title in loaded):
            continue
        asked = question[offsets[match.start()] : offsets[match.end() - 1] + 1]
        shown = ", ".join(f"“{t}”" for t in dict.fromkeys(loaded))
        return (
            f"Văn bản đã nạp là {shown}, không phải “{asked}”; văn bản này chưa được nạp, "
            "nên không thể trả lời."
        )
    return None


def _other_year_title(
    documents: DocumentDirectory, doc_id: str, subject: str, year: str
) -> str | None:
    """The words of the plan's title naming it by `subject` and another year ("chương trình
    giám sát năm 2018"); None when its title has `year`, or does not name it so."""
    info = documents.get(doc_id)
    if info is None or not info.title:
        return None
    title, at = folded_with_offsets(info.title)
    own = re.search(rf"\b{re.escape(subject)} nam ((?:19|20)\d{{2}})\b", title)
    if own is None or year in title:
        return None
    return info.title[at[own.start()] : at[own.end() - 1] + 1]
