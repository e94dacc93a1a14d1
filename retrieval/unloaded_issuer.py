"""A document asked by its issuing body in a place no loaded plan comes from: "Tỉnh ủy Yên
Bái ban hành chương trình hành động thực hiện Kết luận 75 ngày nào?" when only the Kết luận
and other provinces' programmes are loaded. The Kết luận's own date is not the programme's;
the question is declined, naming the body whose documents are not loaded."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.gazetteer import places_in_text
from ingest.normalize_vi import folded
from retrieval.documents import DocumentDirectory
from retrieval.stored import StoredClause

# a committee or council named with its place ("tỉnh ủy Yên Bái", "UBND tỉnh Yên Bái",
# "huyện ủy X"), folded: the level word of the place follows the body's or is its first
_BODY = re.compile(
    r"\b(?:(tinh|thanh|huyen|quan|thi) uy"
    r"|(?:ubnd|hdnd|uy ban nhan dan|hoi dong nhan dan)"
    r" (tinh|thanh pho|huyen|quan|thi xa|xa|phuong))"
    r" ((?:[a-z]+ ){0,3}[a-z]+)"
)
_LEVEL = {"tinh": "tỉnh", "thanh": "thành phố", "huyen": "huyện", "quan": "quận", "thi": "thị xã"}


def unloaded_issuer(
    question_folded: str, cited: Sequence[StoredClause], documents: DocumentDirectory
) -> str | None:
    """The place ("tỉnh Yên Bái") of a body the question names ("tinh uy yen bai") when no
    loaded plan is of that place and no cited clause names it; None otherwise."""
    if not cited:
        return None
    said = folded(" ".join(f"{c.path} {c.text}" for c in cited))
    for match in _BODY.finditer(question_folded):
        level = _LEVEL.get(match.group(1) or "", match.group(2) or "")
        places = places_in_text(f"{level} {match.group(3)}")
        if not places:
            continue
        name = folded(places[0].name)
        if name in said:
            continue  # the cited text itself is about that place
        named = documents.named_places(f" {level and folded(level)} {name} ")
        if any(
            (info := documents.get(doc_id)) is not None and folded(info.place_name or "") == name
            for doc_id in named
        ):
            continue
        return f"{places[0].level} {places[0].name}"
    return None
