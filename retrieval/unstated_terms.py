"""The terms of a question that the cited clauses do not state.

Vietnamese writes a thing asked about as a compound of two syllables side by side
("đường sắt", "kinh phí", "thủy điện", "dữ liệu"). A clause that writes neither syllable of
such a pair speaks of something else: "Tài sản kết cấu hạ tầng đường sắt do bộ nào công bố
danh mục?" answered by the row "khu công nghiệp, khu kinh tế … — Bộ Tài chính" shares the
words "tài sản kết cấu hạ tầng" and names no railway. One missing syllable alone is often
a paraphrase; a pair the plans never write side by side is two words that only meet in the
question ("thêm loại"); a pair of common words ("địa phương", "ban hành", "báo cáo") says
too little of what is asked to hold a clause to.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from itertools import pairwise

from retrieval.indicator_words import unstated_words
from retrieval.relevance import TermWeights
from retrieval.stored import StoredClause

# the mean inverse document frequency of a pair's syllables from which it names a specific
# thing: "đường sắt", "kinh phí", "thủy điện" are over it, "địa phương", "báo cáo" under
SPECIFIC = 2.25


# the noun a question asks for ("giữ vai trò gì", "theo hình thức nào"): what the answer
# is, not a thing its clause must write
_ASKED_NOUN = re.compile(r"\b(\w+) (\w+) (?:gi|nao)\b")
# and the whole noun phrase after a plural word ("có những công trình kênh mương nào")
_ASKED_PHRASE = re.compile(r"\b(?:nhung|cac|may)((?: \w+){1,4}) (?:gi|nao)\b")


# the verbs by which a plan acts on what it is about — requires, proposes, directs, weighs,
# lays down ("Kết luận 75 yêu cầu nguyên tắc gì …", "HĐND xem xét báo cáo …") — and the
# oversight a unit is asked for in ("ai chỉ đạo, kiểm tra chỉ tiêu …", a row's column): a
# clause states the content, seldom the verb
ACT_VERBS = frozenset(
    [
        *("yeu cau", "de nghi", "xem xet", "chi dao", "quy dinh", "de ra", "dat ra", "ban hanh"),
        *("kiem tra", "giam sat", "don doc"),
        # the conformity asked for ("phải đáp ứng yêu cầu gì"): the clause states the rule
        *("dap ung", "dam bao", "bao dam", "tuan thu"),
    ]
)


def asked_words(question_folded: str) -> set[str]:
    """The words of the (folded) question that name no thing a clause must write: the two
    words before each "gì"/"nào" (the noun asked for; after "những/các/mấy", its whole
    phrase) and each of `ACT_VERBS` it uses."""
    asked = {w for m in _ASKED_NOUN.finditer(question_folded) for w in m.groups()}
    asked |= {w for m in _ASKED_PHRASE.finditer(question_folded) for w in m.group(1).split()}
    acts = {w for v in ACT_VERBS if re.search(rf"\b{v}\b", question_folded) for w in v.split()}
    return asked | acts


def unstated_terms(
    phrases: Sequence[Sequence[str]],
    topic: Collection[str],
    cited: Sequence[StoredClause],
    weights: TermWeights,
    headings: Sequence[StoredClause] = (),
) -> tuple[tuple[str, str], ...]:
    """The specific terms of the question — pairs of topic words side by side in it
    (`phrases`, its keyword runs; `topic`, its topic words, the noun it asks for left out
    by the caller) that the plans write side by
    side and whose syllables are rare enough (`SPECIFIC`) — of which neither word is
    stated by a cited clause, its path, its plan's title or the `headings` above it."""
    if not cited:
        return ()
    pairs = [
        (first, second)
        for run in phrases
        for first, second in pairwise(run)
        if first in topic
        and second in topic
        and first != second
        and (first + second).isalpha()
        and weights.knows_pair(first, second)
        and (weights.weight(first) + weights.weight(second)) / 2 >= SPECIFIC
    ]
    if not pairs:
        return ()
    words = list(dict.fromkeys(w for pair in pairs for w in pair))
    unstated = set(unstated_words(words, cited, headings))
    return tuple(dict.fromkeys(p for p in pairs if p[0] in unstated and p[1] in unstated))
