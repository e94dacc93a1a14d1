"""A question asking each plan its own part: "Tiêu chuẩn các-bon rừng: KH 09 giao Cục BĐKH
phối hợp với cơ quan nào, còn QĐ 2200 giao ai chủ trì?", "Nhiệm vụ A (KH 09) và nhiệm vụ B
(QĐ 2200) thực hiện trong thời gian nào?". Each part is the words the question says beside
one plan's name; the words beside no plan (a topic before, "thực hiện trong thời gian nào"
after) belong to every part. Pure text work: which plans a piece names is asked of a
`names` function (the document directory's, in the strategy)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ingest.normalize_vi import folded
from retrieval.query import content_words

__all__ = ["PlanPart", "parts_per_plan"]


@dataclass(frozen=True)
class PlanPart:
    """One plan's part of the question, as a question of its own."""

    doc_ids: tuple[str, ...]
    question: str


# where a question turns to another part: a comma, a semicolon, a colon, and before a
# joining word ("còn QĐ 2200 …", "và nhiệm vụ …", "vừa theo dõi …"), after a bracket
_BREAK = re.compile(r"[,;:?]|(?<=\))\s|\s(?=(?:còn|vừa|và|con|vua|va)\s)", re.IGNORECASE)
# a part set against the one before: "…, còn QĐ 2200 giao ai chủ trì?", "vừa … vừa …"
_CONTRASTS = re.compile(r"^(?:còn|vừa|con|vua)\s", re.IGNORECASE)
_JOINING = re.compile(r"^(?:còn|vừa|và|con|vua|va)\s+", re.IGNORECASE)
# a part asking something: "… là ai", "… bao nhiêu", "… khi nào", "… thời gian nào"
_ASKS = re.compile(r"\b(?:ai|gi|nao|bao nhieu|bao lau|dau|may)\b")
# the tail of a part that asks (lent to a part that asks nothing of its own: "Mốc phát
# thải ròng bằng 0 trong QĐ 2200 và mức giảm … của Lào Cai là bao nhiêu?")
_ASKING_TAIL = re.compile(r"\s(?:là|la)\s.*$|\s\S+\s+(?:nào|nao|gì|gi|ai)\s*$", re.IGNORECASE)
# a part says something of its own beside the plan's name: this many content words
_OWN_WORDS = 2


Names = Callable[[str], frozenset[str]]
Unnamed = Callable[[str, frozenset[str]], str]


def parts_per_plan(question: str, names: Names, unnamed: Unnamed) -> list[PlanPart] | None:
    """The question's parts, one per plan named (`names`: the plans a folded piece of the
    question names; `unnamed`: a piece without the words naming those plans), with the
    words beside no plan added to each; None unless two or more pieces each name other
    plans and say something of their own besides (an asking word is not enough)."""
    pieces = [p.strip() for p in _BREAK.split(question) if p and p.strip()]
    named = [names(folded(p)) for p in pieces]
    at = [i for i, docs in enumerate(named) if docs]
    if len(at) < 2:
        return None
    if not any(_turns(pieces, i) for i in at[1:]):
        return None  # "KH 19 và KH 125 …": one question asked of the plans listed
    firsts = [named[i] for i in at]
    if any(a & b for k, a in enumerate(firsts) for b in firsts[k + 1 :]):
        return None  # one plan in two parts, or two plans in one piece
    prefix = " ".join(pieces[: at[0]])
    suffix = " ".join(pieces[at[-1] + 1 :])
    bodies = []
    for k, start in enumerate(at):
        end = at[k + 1] if k + 1 < len(at) else at[-1] + 1
        bodies.append(" ".join(_JOINING.sub("", p) for p in pieces[start:end]))
    if suffix and _ASKS.search(folded(bodies[0])):
        # the first part asks its own question: the words after the last plan's name are
        # that part's ("… còn TP.HCM (QĐ 3210) phải phê duyệt … trước ngày nào?")
        bodies[-1], suffix = f"{bodies[-1]} {suffix}", ""
    own = [_own_words(unnamed(folded(b), docs)) for b, docs in zip(bodies, firsts, strict=True)]
    if any(len(words) < _OWN_WORDS for words in own):
        return None  # "KH 19 Ninh Bình và KH 466 Tiền Giang …": plans listed, one question
    if len({" ".join(words) for words in own}) < len(own):
        return None
    tail = _ASKING_TAIL.search(bodies[-1])
    parts = []
    for docs, body in zip(firsts, bodies, strict=True):
        asks = _ASKS.search(folded(f"{body} {suffix}"))
        lent = "" if asks or tail is None else tail.group(0).strip()
        text = " ".join(x for x in (prefix, body, lent, suffix) if x)
        parts.append(PlanPart(tuple(sorted(docs)), f"{text.rstrip(' ?')}?"))
    return parts


def _turns(pieces: list[str], i: int) -> bool:
    """Whether piece `i` sets a part against the one before: "còn …", "vừa …", or "và …"
    after a piece that ends asking its own question ("… ban hành kế hoạch khi nào, và KH
    134 ban hành ngày nào?")."""
    if _CONTRASTS.match(pieces[i]):
        return True
    after_asking = i > 0 and bool(_ENDS_ASKING.search(folded(pieces[i - 1])))
    return bool(_AND.match(pieces[i])) and after_asking


_AND = re.compile(r"^(?:và|va)\s", re.IGNORECASE)
# a piece ending in its asking words: "… khi nào", "… là ai", "… bao nhiêu"
_ENDS_ASKING = re.compile(r"\b(?:ai|gi|nao|bao nhieu|bao lau|dau)\s*$")


def _own_words(text: str) -> list[str]:
    """The content words of a folded piece beyond its asking words."""
    return [w for w in content_words(text) if not _ASKS.fullmatch(w) and w not in _NAMING]


# words that say which document, not what is asked of it
_NAMING = frozenset(["kh", "qd", "ctr", "cv", "ke", "hoach", "quyet", "dinh", "van", "ban"])
