"""A record written as "field: value" lines, the field the question names answering.

A notice sets out an applicant, a decision a project, as one line per field ("- Tên đơn vị:
Công ty Cổ phần …", "- Địa chỉ trụ sở chính: Số 5 …", "- Điện thoại: …"). A question about
one field names the record by its subject and the field it asks ("Trụ sở chính của Công ty
… ở đâu?"): the line naming the subject is found first, but the line whose field the question
names is the answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from ingest.normalize_vi import folded
from retrieval.search import Candidate
from retrieval.stored import StoredClause

_LINE_KINDS = ("bullet", "paragraph")
# "- Địa chỉ trụ sở chính: Số 5 …": a short label, a colon, a value on the same line
_FIELD = re.compile(r"^\s*[-+•*]?\s*(?P<label>[^\W\d][^:\n]{1,48}?)\s*:\s*\S")
# the fewest label words the question must say for it to name that field
_LEAST_SAID = 2


class SiblingSource(Protocol):
    """What the record's other lines are read from (`ClauseSearch`)."""

    def children(self, clause_id: str) -> list[StoredClause]: ...


def field_label(clause: StoredClause) -> str | None:
    """The field a "field: value" line names ("Địa chỉ trụ sở chính"), else None."""
    if clause.kind not in _LINE_KINDS or clause.target is not None:
        return None
    match = _FIELD.match(clause.text)
    return match["label"] if match else None


def asked_field_first(
    source: SiblingSource, question_folded: str, found: Sequence[Candidate]
) -> list[Candidate]:
    """`found` with its first clause, a field line of a record, replaced by the line of the
    same record whose field the question names (at least `_LEAST_SAID` words of the label,
    and half of them, and more of them than of the first line's own label); unchanged
    otherwise. One read of the record's lines."""
    if not found:
        return list(found)
    first = found[0].clause
    own = field_label(first)
    if own is None or not first.parent_id:
        return list(found)
    asked = set(re.findall(r"[a-z0-9]+", question_folded))
    lines = source.children(first.parent_id)
    best, best_said = None, _said(own, asked)
    for line in lines:
        label = field_label(line)
        if label is None or line.clause_id == first.clause_id:
            continue
        said = _said(label, asked)
        words = len(re.findall(r"[a-z0-9]+", folded(label)))
        if said >= _LEAST_SAID and 2 * said >= words and said > best_said:
            best, best_said = line, said
    if best is None:
        return list(found)
    # the record's lead-in ("… hồ sơ của Công ty X …, cụ thể như sau:") answers with every
    # line of it, the subject named with the field asked; without one, the field's line
    answer = _lead_in(lines, first) or best
    rest = [c for c in found if c.clause.clause_id != answer.clause_id]
    return [Candidate(answer, found[0].score, found[0].source), *rest]


def _lead_in(lines: Sequence[StoredClause], field: StoredClause) -> StoredClause | None:
    """The line ending in a colon right before the run of field lines holding `field`."""
    at = next((i for i, line in enumerate(lines) if line.clause_id == field.clause_id), None)
    if at is None:
        return None
    while at > 0 and field_label(lines[at - 1]) is not None:
        at -= 1
    before = lines[at - 1] if at > 0 else None
    if before is None or not before.text.rstrip().endswith(":"):
        return None
    return before


def _said(label: str, asked: set[str]) -> int:
    """How many of the label's words the question says."""
    return sum(1 for w in re.findall(r"[a-z0-9]+", folded(label)) if w in asked)
