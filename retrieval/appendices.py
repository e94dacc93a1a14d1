"""Appendices a question or a clause refers to ("Phụ lục 1", "… theo Phụ lục đính kèm")."""

from __future__ import annotations

import re

from ingest.normalize_vi import folded
from ingest.parser.markers import roman_to_int
from retrieval.stored import StoredClause

_APPENDIX_NUMBER = re.compile(r"\bphu luc (?:so )?(\d{1,2}|[ivx]{1,4})\b")
# A clause ending by sending the reader to an appendix ("… theo Phụ lục đính kèm."), not one
# that mentions an appendix on the way ("(theo mẫu tại Phụ lục 2) về Sở …").
_POINTS_TO_APPENDIX = re.compile(
    r"\b(?:theo|tai) (?:cac )?phu luc(?: (?:so )?(?:\d{1,2}|[ivx]{1,4}))?"
    r"(?: (?:dinh kem|kem theo)(?: ke hoach nay)?)?\W*$"
)
_POINTER_CHARS = 300


def _number(label: str) -> int:
    return int(label) if label.isdigit() else roman_to_int(label.upper())


def appendix_asked(folded_question: str) -> int | None:
    """The number of the appendix a question names ("phụ lục 01" → 1), if any."""
    match = _APPENDIX_NUMBER.search(folded_question)
    return _number(match.group(1)) if match else None


def appendix_number(clause: StoredClause) -> int | None:
    """An appendix clause's number ("Phụ lục 2" → 2); None when it has none."""
    return appendix_label_number(clause.number)


def appendix_label_number(label: str | None) -> int | None:
    """The number an appendix's label ends with ("Phụ lục II" → 2); None when none."""
    found = re.search(r"(\d+|[IVX]+)\s*$", label or "")
    return _number(found.group(1).lower()) if found else None


def is_pointer(clause: StoredClause) -> bool:
    """A short clause that only sends the reader to an appendix."""
    return len(clause.text) < _POINTER_CHARS and bool(
        _POINTS_TO_APPENDIX.search(folded(clause.text))
    )


def in_appendix_asked(folded_question: str, clauses: list[StoredClause]) -> list[StoredClause]:
    """The clauses under the appendix a question names ("Theo Phụ lục 02, huyện … bao
    nhiêu?"), when some candidate is: two appendices may list the same district with
    different figures. Unchanged when the question names none or no candidate is in it."""
    number = appendix_asked(folded_question)
    if number is None:
        return clauses
    inside = [c for c in clauses if _path_appendix(c.path) == number]
    return inside or clauses


def _path_appendix(path: str) -> int | None:
    found = re.match(r"Phụ lục\s+(\d{1,2}|[IVX]{1,4})\b", path)
    return _number(found.group(1).lower()) if found else None
