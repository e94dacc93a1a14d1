"""The documents a plan cites in its opening lines, and which of them a question names.

A decision or resolution opens with the lines it rests on (NĐ 30/2020/NĐ-CP, Phụ lục I,
mục 4: "Căn cứ Luật … ngày …;", "Xét đề nghị của … tại Công văn số … ngày …", "Trên cơ
sở xem xét Tờ trình số …, Báo cáo số … của Chính phủ;"). "QĐ 254 căn cứ Luật Bảo vệ bí
mật nhà nước ban hành ngày nào?" asks the date of that law, not of the plan: the answer is
the line's mention of the law as written (its number and date are the facts asked).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ingest.normalize_vi import folded, folded_with_offsets
from retrieval.stored import StoredClause

# the kinds of document a basis line cites, folded, longest first ("bo luat" before "luat")
_KINDS = (
    "hien phap",
    "bo luat",
    "luat",
    "phap lenh",
    "nghi dinh",
    "thong tu",
    "quyet dinh",
    "nghi quyet",
    "chi thi",
    "ket luan",
    "cong van",
    "bao cao",
    "to trinh",
    "huong dan",
    "thong bao",
    "chuong trinh",
    "de an",
    "ke hoach",
)
_KIND = re.compile(r"\b(?:" + "|".join(_KINDS) + r")\b")
# how a basis line opens (folded)
_LEAD = re.compile(r"^(?:can cu|xet|tren co so|theo de nghi|theo to trinh)\b")
# markup around a line: list marks, emphasis, table pipes
_MARKUP = re.compile(r"^[\s\-+*•–|_#>]+|[\s*_|;,.]+$")
# where one cited document ends and the next begins on a folded line: "…; Luật …",
# "…, Báo cáo số …"
_SEGMENT_END = re.compile(r"\s*;\s*|,\s+(?=(?:" + "|".join(_KINDS) + r")\b)")
# "… và Pháp lệnh sửa đổi …": a second document inside one mention (folded)
_AND_KIND = re.compile(r"\s+va\s+(?=(?:" + "|".join(_KINDS) + r")\b)")

# what a question asks of a cited document (folded)
_ASKS_DATE = re.compile(
    r"\b(?:ngay (?:nao|may|thang nao)|ban hanh (?:ngay|khi nao|nam nao)|khi nao|nam nao)\b"
)
_ASKS_NUMBER = re.compile(r"\b(?:so (?:may|nao|bao nhieu|hieu)|ky hieu)\b")
_ASKS_AMENDED = re.compile(r"\bsua doi\b.*\b(?:nao|gi)\b")
# the question ties the document to the plan: rests on it, implements it, was proposed by it
_RELATION = re.compile(
    r"\b(?:can cu|tren co so|dua tren|xet|de nghi|trien khai|thuc hien|sua doi)\b"
)
# words that set a document as the plan's basis, just before its kind in a question
_BASIS_WORDS = re.compile(r"\b(?:can cu(?: vao)?|tren co so(?: xem xet)?|xet(?: de nghi)?)$")
# the question's asking words, never part of a document's name
_ASKING = re.compile(
    r"\b(?:ban hanh|ngay (?:nao|may|thang nao)|so (?:may|nao|bao nhieu|hieu)|ky hieu|khi nao"
    r"|nam nao|can cu|tren co so|xem xet|duoc|boi|nhung|cac|nao|gi|la|co|ma|lam|cua|va|vao"
    r"|theo|do|den|toi)\b"
)


@dataclass(frozen=True)
class CitedDocument:
    """One document a basis line names: the clause holding the line and the mention as
    written (a verbatim part of the clause's text)."""

    clause: StoredClause
    mention: str
    kind: str  # folded: "luat"


@dataclass(frozen=True)
class NamedDocument:
    """A document a question names by its kind and the words after it."""

    kind: str
    words: frozenset[str]
    numbers: frozenset[str]
    # named as what the plan rests on ("căn cứ Luật …", "trên cơ sở … Báo cáo …")
    as_basis: bool = False


@dataclass(frozen=True)
class CitedAsked:
    """The documents a question may be asking a date, number or amendment of."""

    named: tuple[NamedDocument, ...]  # in question order
    amended: bool


@dataclass(frozen=True)
class OwnPlan:
    """How a question may name the plan itself: its number, kind and title."""

    number: str | None
    kind: str | None
    title: str

    def is_named_by(self, kind: str, words: Sequence[str]) -> bool:
        """Whether a kind and the words after it in a question name this plan: its own
        number ("Quyết định 254"), or its kind with words mostly from its title ("Nghị
        quyết bổ sung kế hoạch kinh tế - xã hội")."""
        if words and self.number and words[0].split("/")[0] == self.number.split("/")[0]:
            return True
        if kind not in (folded(self.kind or ""), "ke hoach"):
            return False
        title = set(re.findall(r"[a-z0-9]+", folded(self.title)))
        name = [w for w in words if w.isalpha()]
        return bool(name) and sum(w in title for w in name) >= 0.6 * len(name)


def cited_asked(question_folded: str, own: Sequence[OwnPlan] = ()) -> CitedAsked | None:
    """The documents a question names (kind and the name words after it: "luật bảo vệ bí
    mật nhà nước") when it asks a date, number or amendment of a document the plan rests
    on; None otherwise. A kind naming the plan itself ("Quyết định 254") is not one."""
    amended = bool(_ASKS_AMENDED.search(question_folded))
    asks = amended or _ASKS_DATE.search(question_folded) or _ASKS_NUMBER.search(question_folded)
    if not asks or not _RELATION.search(question_folded):
        return None
    question = _without_short_forms(question_folded)
    # a kind right after "sửa đổi, bổ sung", "của", "hướng dẫn" is inside the name before
    # it ("Pháp lệnh sửa đổi, bổ sung Pháp lệnh Ưu đãi …" is one document)
    kinds = [
        m
        for m in _KIND.finditer(question)
        if not re.search(r"\b(?:sung|doi|cua|dan|tiet)\s+$", question[: m.start()])
    ]
    named: list[NamedDocument] = []
    for i, match in enumerate(kinds):
        end = kinds[i + 1].start() if i + 1 < len(kinds) else len(question)
        after = question[match.end() : end].split()
        words = _ASKING.sub(" ", " ".join(after)).split()
        if any(plan.is_named_by(match.group(), words) for plan in own):
            continue
        numbers = frozenset(w for w in words if "/" in w)
        name = frozenset(w for w in words if w not in numbers and not w.isdigit() and len(w) > 1)
        if name or numbers:
            before = question[: match.start()].split()[-4:]
            as_basis = bool(_BASIS_WORDS.search(" ".join(before)))
            named.append(NamedDocument(match.group(), name, numbers, as_basis))
    return CitedAsked(tuple(named), amended) if named else None


def _without_short_forms(text: str) -> str:
    """The folded question without the short forms written beside their long forms
    ("qd quyet dinh", "ubnd uy ban nhan dan"): a short form is not a name word."""
    words = text.split()
    kept = []
    for i, word in enumerate(words):
        letters = word.replace("-", "")
        following = words[i + 1 : i + 1 + len(letters)]
        initials = "".join(w[0] for w in following if w != "-")
        if letters.isalpha() and 1 < len(letters) == len(following) and initials == letters:
            continue
        kept.append(word)
    return " ".join(kept)


def cited_documents(clauses: Sequence[StoredClause]) -> list[CitedDocument]:
    """Every document named in the plan's opening basis lines, in order."""
    found: list[CitedDocument] = []
    for clause in clauses:
        if clause.kind not in ("preamble", "paragraph") or clause.number or "›" in clause.path:
            continue
        for line in clause.text.split("\n"):
            plain = _MARKUP.sub("", line)
            flat, offsets = folded_with_offsets(plain)
            if not plain or not _LEAD.match(flat):
                continue
            for start, end in _segments(flat):
                kind = _KIND.search(flat, start, end)
                if kind is None:
                    continue
                mention = plain[offsets[start] : offsets[end - 1] + 1].strip(" ,;.")
                found.append(CitedDocument(clause, mention, kind.group()))
    return found


def best_cited(documents: Sequence[CitedDocument], asked: CitedAsked) -> CitedDocument | None:
    """The mention the question names: of a kind it names, holding the numbers it gives
    and most of the name words (at least two, or the one); the document named last wins a
    tie (the one the asking words follow); None when no mention fits or two fit equally."""
    best: tuple[float, int, CitedDocument] | None = None
    tied = False
    for order, named in enumerate(asked.named):
        for document in documents:
            piece = _piece(document, named, asked.amended)
            if piece is None:
                continue
            score, fits = _fit(piece.mention, named)
            if not fits:
                continue
            if best is None or (score, order) > best[:2]:
                tied = best is not None and score == best[0] and order == best[1]
                best = (score, order, piece)
            elif (score, order) == best[:2] and piece.mention != best[2].mention:
                tied = True
    return None if best is None or tied else best[2]


def _fit(mention: str, named: NamedDocument) -> tuple[float, bool]:
    words = _words(mention)
    if not named.numbers <= words:
        return 0.0, False
    shared = len(named.words & words)
    need = min(2, len(named.words))
    fits = shared >= need and shared >= len(named.words) / 2
    return shared + 3 * len(named.numbers), fits


def _words(text: str) -> set[str]:
    return {w.strip("/-") for w in re.findall(r"[a-z0-9/&-]+", folded(text))}


def _piece(document: CitedDocument, named: NamedDocument, amended: bool) -> CitedDocument | None:
    """The part of a mention about a document of the kind named: "Pháp lệnh … số 26/2005
    … và Pháp lệnh sửa đổi … số 04/2012 …" cites two; an amendment asked keeps the rest."""
    flat, offsets = folded_with_offsets(document.mention)
    cuts = [0, *(m.start() for m in _AND_KIND.finditer(flat)), len(flat)]
    best: tuple[int, int] | None = None
    best_score = -1.0
    for start, end in itertools.pairwise(cuts):
        kind = _KIND.search(flat, start, end)
        if kind is None or kind.group() != named.kind:
            continue
        score, _ = _fit(document.mention[offsets[start] : offsets[end - 1] + 1], named)
        if score > best_score:
            best_score = score
            best = (start, len(flat) if amended else end)
    if best is None:
        return None
    start, end = best
    mention = document.mention[offsets[start] : offsets[end - 1] + 1]
    mention = re.sub(r"^\s*và\s+", "", mention).strip(" ,;.")
    return CitedDocument(document.clause, mention, named.kind)


def _segments(flat: str) -> Iterable[tuple[int, int]]:
    """Spans of the folded line, cut where one cited document ends and the next begins."""
    pos = 0
    for match in _SEGMENT_END.finditer(flat):
        if match.start() > pos:
            yield pos, match.start()
        pos = match.end()
    if pos < len(flat):
        yield pos, len(flat)
