"""The heading that names the list a question asks for: "Kế hoạch … có những hình thức tuyên
truyền nào?" of a plan with the heading "1. Hình thức tuyên truyền" and its items under it.

The heading's own line must be the thing asked, word for word, with at most a couple of words
more; a two-word list exactly ("những nhiệm vụ nào" is no "Nhiệm vụ cụ thể"), and "III. HÌNH
THỨC, THỜI GIAN TUYÊN TRUYỀN" does not name "hình thức tuyên truyền". Its items are the list,
whatever clause shares the question's words more."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.normalize_vi import folded
from retrieval.stored import StoredClause

# "có những <what> nào", "gồm các <what> gì"
_ASKED = re.compile(r"\b(?:nhung|cac) (?P<what>[a-z0-9 ]+?) (?:nao|gi)\b")
_NUMBERING = re.compile(r"^\s*(?:[ivx]+|\d+(?:\.\d+)*|[a-z])[.)]\s*")
_MIN_WORDS = 2
_EXTRA_WORDS = 2


def asked_list(question_folded: str) -> list[str]:
    """The words of the list asked ("hinh thuc tuyen truyen"); empty when none of
    `_MIN_WORDS` words is asked."""
    match = _ASKED.search(question_folded)
    words = match.group("what").split() if match else []
    if len(words) > _MIN_WORDS and words[0] in _GROUPS:
        words = words[1:]  # "những nhóm giải pháp cơ bản nào": the groups are its items
    return words if len(words) >= _MIN_WORDS else []


# a word naming the list's items as groups or kinds of the thing asked
_GROUPS = frozenset(["nhom", "loai"])


def names_list(clause: StoredClause, words: Sequence[str]) -> bool:
    """Whether the clause is a heading whose own line names the list asked."""
    if not clause.child_count or not words:
        return False
    first = folded(clause.text.strip().split("\n", 1)[0])
    line = re.findall(r"[a-z0-9]+", _NUMBERING.sub("", first))
    if len(words) == _MIN_WORDS:  # "những nhiệm vụ nào": "2. Nhiệm vụ", not "Nhiệm vụ cụ thể"
        return line == list(words)
    if len(line) > len(words) + _EXTRA_WORDS:
        return False
    return f" {' '.join(words)} " in f" {' '.join(line)} "


# the fewest items a heading must hold for its items to be read as the kinds asked
_MIN_ITEMS = 3


def items_name_list(items: Sequence[StoredClause], words: Sequence[str]) -> bool:
    """Whether the items under a heading are each one of the things asked, by their own
    first word ("những nguồn vốn nào" of "a) Nguồn vốn ngân sách tập trung: …", "b) Nguồn
    thu tiền sử dụng đất: …"), one of them naming it whole: the heading's line need not
    ("1. Tổng kế hoạch đầu tư công trung hạn: 57.157.900 triệu đồng.")."""
    if len(items) < _MIN_ITEMS or len(words) < _MIN_WORDS:
        return False
    openings = [
        re.findall(r"[a-z0-9]+", _NUMBERING.sub("", folded(c.text.strip().split("\n", 1)[0])))
        for c in items
    ]
    if not all(line[:1] == [words[0]] for line in openings):
        return False
    return any(line[: len(words)] == list(words) for line in openings)


# the fewest words a heading's line must have for the question repeating it to name it
_NAMED_WORDS = 3


def heading_said(clause: StoredClause, question_folded: str) -> bool:
    """Whether the question repeats the heading's whole own line, its numbering aside ("Về
    thị trường các-bon, … đề nghị UBND tỉnh làm những việc gì?" of "2. Về thị trường
    các-bon"): the question asks what is under it."""
    if not clause.child_count:
        return False
    first = folded(clause.text.strip().split("\n", 1)[0])
    line = re.findall(r"[a-z0-9]+", _NUMBERING.sub("", first))
    asked = re.findall(r"[a-z0-9]+", question_folded)
    return len(line) >= _NAMED_WORDS and f" {' '.join(line)} " in f" {' '.join(asked)} "
