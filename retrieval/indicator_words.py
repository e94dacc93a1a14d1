"""The indicator a figure question names, and whether a cited clause states that indicator.

"Tỷ lệ nước thải sinh hoạt đô thị được thu gom, xử lý là bao nhiêu?" names the indicator
"nước thải sinh hoạt đô thị được thu gom, xử lý": a row "Tỷ lệ chất thải rắn sinh hoạt đô
thị được thu gom, xử lý | 95%" shares most of its words but measures another thing, and
its figure is no answer. The indicator is the phrase after the word that asks for the
quantity ("tỷ lệ", "bao nhiêu %", "số lượng") up to the words that ask, place or date it;
every content word of it must be stated by the cited clause (its text, path or heading),
else the answer names the words the plans do not state for it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from ingest.abbreviations import expand_abbreviations
from ingest.normalize_vi import folded
from retrieval.stored import StoredClause

# the words that ask for a quantity, the indicator following them
_MEASURE = re.compile(r"\b(?:ty le|ti le|ty trong|ti trong|so luong|bao nhieu (?:%|phan tram))\s+")
# what ends the indicator: the asking words, a place or plan named, a date or year, a clause
_ENDS = re.compile(
    r"\s(?:la|dat|bao nhieu|muc|cua|theo|tai|o|trong|nam|den|tu nay|giai doan|vao|khi|tren|"
    r"se|phai|can|duoc giao|tinh|thanh pho|xa|huyen|kh|ke hoach|qd|quyet dinh|nq|nghi quyet|"
    # a relative clause placing the indicator ("… mà Quảng Trị đặt ra")
    r"ma)\b"
    r"|[?,;:()]|\d"
)
# "chỉ tiêu tỷ lệ che phủ rừng": an indicator named as what is asked about, whatever is asked
_NAMED = re.compile(r"\bchi tieu (?:ve )?(?:ty le|ti le|ty trong|ti trong|so luong)\b")
# words of an indicator that name nothing measured
_FILLER = frozenset(
    ["duoc", "cac", "nhung", "va", "cho", "voi", "toan", "moi", "mot", "da", "dang", "bi"]
)
# an indicator phrase of fewer content words than this says too little to hold a clause to
_MIN_WORDS = 2


def asked_indicator(question_folded: str) -> tuple[str, ...]:
    """The content words of the indicator a figure question names, in order (empty when
    the question names none after a quantity word)."""
    found = _MEASURE.search(question_folded)
    if found is None:
        return ()
    rest = question_folded[found.end() :]
    end = _ENDS.search(" " + rest)
    phrase = rest[: max(0, end.start() - 1)] if end is not None else rest
    words = [w for w in re.findall(r"[a-z]+", phrase) if len(w) >= 2 and w not in _FILLER]
    return tuple(words) if len(words) >= _MIN_WORDS else ()


def names_indicator(question_folded: str) -> bool:
    """Whether the question names an indicator as what it asks about ("ai phụ trách chỉ
    tiêu tỷ lệ che phủ rừng?"): its answer must state that indicator, whether a figure, a
    unit or a time is asked."""
    return _NAMED.search(question_folded) is not None


def unstated_indicator_words(
    question_folded: str,
    cited: Sequence[StoredClause],
    headings: Sequence[StoredClause] = (),
    ignore: Collection[str] = (),
) -> tuple[str, ...]:
    """The words of the asked indicator that no cited clause states (in its text, its path,
    its plan's title or the own text of the `headings` above it); `ignore`: words naming
    plans or places."""
    words = [w for w in asked_indicator(question_folded) if w not in ignore]
    return unstated_words(words, cited, headings)


def unstated_words(
    words: Sequence[str], cited: Sequence[StoredClause], headings: Sequence[StoredClause] = ()
) -> tuple[str, ...]:
    """The `words` (folded) that no cited clause states in its text, its path or its plan's
    title, nor the `headings` above them in their own text."""
    if not words or not cited:
        return ()
    # a heading states its own words, not those of the rows under it (the table it opens)
    stated = " ".join(
        [f"{c.path} {c.text} {c.document_title}" for c in cited]
        + [f"{h.path} {h.body}" for h in headings]
    )
    said = set(re.findall(r"[a-z]+", folded(expand_abbreviations(stated))))
    return tuple(dict.fromkeys(w for w in words if w not in said))


def as_written(question: str, words: Sequence[str]) -> str:
    """The folded `words` as the question writes them ("nuoc" → "nước")."""
    written = {folded(w): w for w in re.findall(r"\w+", question)}
    return " ".join(written.get(w, w) for w in words)
