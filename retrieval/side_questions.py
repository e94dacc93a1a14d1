"""One side of a comparison as a question of its own: "Sở NN&MT được giao gì trong KH 134 và
trong CV 9387?" asked of KH 134 alone is the question without "CV 9387" (the references
and place names that pick the other plans), its asking words kept, so the plan is asked as
a single-plan question would ask it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.normalize_vi import folded, folded_with_offsets
from retrieval.documents import KIND_NAMES, DocumentDirectory, number_figures

__all__ = ["side_question"]


def side_question(
    text: str, documents: DocumentDirectory, doc_id: str, others: Sequence[str]
) -> str | None:
    """`text` with the references naming `others` but not `doc_id` taken out (their số
    hiệu, "CV 9387", and the names of places only they are of); None when nothing names
    the others (the question cannot be split by plan)."""
    plain, offsets = folded_with_offsets(text)
    spans: list[tuple[int, int]] = []
    own_info = documents.get(doc_id)
    own_figures = number_figures(own_info.number) if own_info and own_info.number else None
    for other in others:
        info = documents.get(other)
        if info is None or not info.number:
            continue
        figures = number_figures(info.number)
        if figures == own_figures:
            continue  # "KH 12" and "NQ 12": the number alone does not tell them apart
        spans += [
            (m.start(), _described(plain, m.end())) for m in _reference(figures).finditer(plain)
        ]
    own = _place(documents, doc_id)
    for other in others:
        place = _place(documents, other)
        if not place or place == own:
            continue
        for match in re.finditer(rf"\b{re.escape(place)}\b", plain):
            spans.append((match.start(), match.end()))
    if not spans:
        return None
    out = text
    for start, end in sorted(spans, reverse=True):
        a = offsets[start]
        b = offsets[end - 1] + 1 if end - 1 < len(offsets) else len(text)
        out = out[:a] + " " + out[b:]
    return _DANGLING.sub("", " ".join(out.split()))


def _reference(figures: str) -> re.Pattern[str]:
    """A folded reference to a document by its figures: "cv 9387", "ctr 104-ctr/tu",
    "chương trình hành động 104", "số 88/ubnd-kt"."""
    kind = rf"\b(?:{KIND_NAMES})(?: hanh dong)?\s+(?:so\s+)?"
    symbol = r"[/-][a-z][a-z0-9&/-]*[a-z0-9]"
    # a bare figure ("10%", "năm 2030") is no reference: a kind before it or a symbol after
    return re.compile(
        rf"{kind}\b{figures}(?:{symbol})?(?![\d/])|(?:so\s+)?\b{figures}{symbol}(?![\d/])"
    )


# the words left joining nothing once a reference is out ("… và trong ?", "trong và trong")
_DANGLING = re.compile(
    r"(?:\s+(?:và|còn|va|con))?(?:\s+(?:trong|theo|của|tại|cua|tai))?\s*(?=\s[:;,?]|\s*$|\s[vV]à\s)"
    r"|\s+(?:trong|theo)(?=\s+(?:và|va)\s)",
)


def _described(text: str, end: int) -> int:
    """Where the words describing a reference end: a bracket right after it ("CV 9387
    (triển khai CTr 104)") or a "về …" run up to the next break ("NQ 34 về khu, cụm công
    nghiệp và …" ends at "và"); `end` when neither follows."""
    match = _DESCRIPTION.match(text, end)
    return match.end() if match else end


# a bracket, or "về …" up to a break: a comma before a joining word, a colon, "và", "còn"
_DESCRIPTION = re.compile(r"\s*\([^()]*\)|\s+ve\s(?:(?!\s(?:va|con|voi|dat|co|la)\s)[^:;?])*")


def _place(documents: DocumentDirectory, doc_id: str) -> str | None:
    info = documents.get(doc_id)
    return folded(info.place_name) if info is not None and info.place_name else None
