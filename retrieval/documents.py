"""The ingested documents as the answering layer sees them, and resolving references to them.

Resolving is a handful of indexed look-ups in the facts store (`ingest.facts`): the
documents whose id, số hiệu figures, place, level, distinctive title words or year occur in
the question; only those candidates are scored. No question compares every plan.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import pairwise
from typing import Any, TypeVar

from ingest.abbreviations import expand_abbreviations
from ingest.facts import FactStore, document_year, number_digits, title_bigrams
from ingest.gazetteer import places_in_text
from ingest.normalize_vi import folded
from retrieval.periods import plan_years
from retrieval.session_parts import sessions_named

# What a question writes before a document's number: its kind, as NĐ 30/2020 and HĐ 36 name
# them, or its short form ("kế hoạch 19", "nghị quyết 60", "NQ 60", "QĐ 773", "văn bản 12").
_KIND_WORDS = (
    "ke hoach",
    "kh",
    "nghi quyet",
    "nq",
    "quyet dinh",
    "qd",
    "chi thi",
    "ct",
    "chuong trinh",
    "ctr",
    "de an",
    "ket luan",
    "kl",
    "cong van",
    "cv",
    "van ban",
)
_KIND_NAMES = "|".join(re.escape(kind) for kind in _KIND_WORDS)
# the same, as a regex alternation for other readers of a question's references
KIND_NAMES = _KIND_NAMES
_FIGURES = re.compile(r"\s*(\d+)")


def number_figures(number: str) -> str:
    """The figures a số hiệu starts with, as written: "19/KH-UBND" → "19", "60-NQ/TW" → "60"
    (Party numbers join the figures to the symbol with a hyphen, HĐ 36)."""
    match = _FIGURES.match(number)
    return match.group(1) if match else number.split("/")[0].strip()


def number_symbol(number: str) -> str:
    """The folded symbol after the figures: "19/KH-UBND" → "kh-ubnd", "60-NQ/TW" → "nq/tw"."""
    match = _FIGURES.match(number)
    rest = number[match.end() :].strip().lstrip("/-").strip() if match else ""
    return folded(rest) if rest else ""


# Words too common in questions to identify a plan by its title.
_COMMON = frozenset(
    [
        "ke",
        "hoach",
        "chuyen",
        "doi",
        "so",
        "tinh",
        "xa",
        "thanh",
        "pho",
        "nam",
        "cac",
        "chi",
        "tieu",
        "thuc",
        "hien",
        "theo",
        "doi",
        "kiem",
        "tra",
        "don",
        "doc",
        "phan",
        "cong",
        "ve",
        "va",
        "cua",
        "trien",
        "khai",
        "phat",
        "trien",
        # "tổ chức", "lãnh đạo", "chỉ đạo": what every plan asks of someone, no plan's name
        "to",
        "chuc",
        "lanh",
        "dao",
    ]
)


# Words a title uses to cite the document it implements ("Triển khai Quyết định số 1237/QĐ-TTg
# … của Thủ tướng Chính phủ về việc phê duyệt Đề án …"): kinds of document and the Government's
# offices. A pair of them ("thủ tướng", "đề án") is how any question names such a document,
# not this plan, so it never singles a plan out.
_CITING = frozenset(
    ["quyet", "dinh", "chi", "thi", "de", "an", "thu", "tuong", "chinh", "phu", "qd", "ttg"]
)


@dataclass(frozen=True)
class DocumentInfo:
    """What answers say about a document."""

    id: str
    title: str
    number: str | None
    issued_date: str | None
    issuer: str | None
    signer: str | None
    signer_title: str | None
    field: str | None
    kind: str | None
    place_level: str | None
    place_name: str | None
    replaces: tuple[str, ...]
    based_on: tuple[str, ...]
    # the decision it is issued with ("Kèm theo Quyết định số 1422/QĐ-TTg"): a question may
    # name the plan by that number ("KH 1422", "QĐ 1422")
    decision_number: str | None = None
    decision_date: str | None = None
    decision_issuer: str | None = None
    issues: str | None = None  # what a decision issues ("Kế hoạch …"): the plan is in it
    draft: str | None = None  # the draft marking as written ("DỰ THẢO"): not yet issued
    # the ký hiệu of a số hiệu whose figures could not be read (an OCR copy's "BTC-QLCS")
    number_symbol: str | None = None

    @classmethod
    def from_plain(cls, data: Mapping[str, Any]) -> DocumentInfo:
        place = data.get("place") or {}
        return cls(
            id=data["id"],
            title=data.get("title") or data["id"],
            number=data.get("number"),
            issued_date=data.get("issued_date"),
            issuer=data.get("issuer"),
            signer=data.get("signer"),
            signer_title=data.get("signer_title"),
            field=data.get("field"),
            kind=data.get("kind"),
            place_level=place.get("level"),
            place_name=place.get("name"),
            replaces=tuple(data.get("replaces") or ()),
            based_on=tuple(data.get("based_on") or ()),
            decision_number=data.get("decision_number"),
            decision_date=data.get("decision_date"),
            decision_issuer=data.get("decision_issuer"),
            issues=data.get("issues"),
            draft=data.get("draft"),
            number_symbol=data.get("number_symbol"),
        )

    @cached_property
    def year(self) -> str | None:
        """The year the plan is known by (`ingest.facts.document_year`): read once per
        plan (answers about many plans order them by it)."""
        year = document_year(self.title, self.issued_date)
        return str(year) if year else None

    @cached_property
    def place(self) -> str | None:
        """ "xã Văn Bàn": its place in words (level and name), or None when it names none;
        read once per plan (answers over many plans group them by it)."""
        if not self.place_name:
            return None
        return " ".join(p for p in (self.place_level, self.place_name) if p)

    @cached_property
    def year_number(self) -> int:
        """`year` as a number, 0 when unknown (answers over many plans order by it)."""
        year = self.year
        return int(year) if year and year.isdigit() else 0

    @cached_property
    def signed_year(self) -> str | None:
        """The year the plan was signed: its own date's, else the date of the decision it is
        attached to, else (no date at all) the year it is known by. A plan "giai đoạn
        2021 - 2030" attached to a decision of 19/11/2024 was signed in 2024."""
        for date in (self.issued_date, self.decision_date):
            match = re.match(r"(\d{4})", date or "")  # "2026-04-23", "2026" (day left blank)
            if match:
                return match.group(1)
        return self.year

    @property
    def label(self) -> str:
        """A short name for answers: "Kế hoạch 19/KH-UBND (tỉnh Ninh Bình, 2025)", the year
        it was signed."""
        kind = self.kind or "Văn bản"
        where = " ".join(p for p in (self.place_level, self.place_name) if p)
        details = ", ".join(p for p in (where, self.signed_year) if p)
        if self.number:
            base = f"{kind} {self.number}"
        elif self.decision_number:  # "Kế hoạch kèm theo 1422/QĐ-TTg"
            base = f"{kind} kèm theo {self.decision_number}"
        else:
            base = self.title.split(":")[0].strip()
        return f"{base} ({details})" if details and details not in base else base

    @property
    def numbers(self) -> tuple[str, ...]:
        """The số hiệu a question may name it by: its own, then the decision's it is issued
        with (the plan "kèm theo Quyết định số 1422/QĐ-TTg" is "KH 1422", "QĐ 1422")."""
        return tuple(n for n in (self.number, self.decision_number) if n)

    @property
    def naming_words(self) -> frozenset[str]:
        """Accent-free words that name this document in a question (place, number, year)."""
        words: set[str] = set()
        for text in (self.place_name or "", self.place_level or "", *self.numbers, self.year or ""):
            words.update(re.findall(r"[a-z0-9/.-]+", folded(text)))
        for number in self.numbers:
            words.add(number_figures(number))
            # its symbols one by one: "60-NQ/TW" is also asked as "NQ 60 … TW"
            words.update(w for w in re.split(r"[-/\s]+", folded(number)) if w)
        return frozenset(words)


def _place_words_unsaid(question_folded: str, info: DocumentInfo) -> set[str]:
    """The words of the plan's place name when the question does not say the whole name:
    "hồ sơ", "hộ" of a question about a plan of "Hồ Chí Minh" are no part of the place."""
    name = " ".join(re.findall(r"[a-z0-9]+", folded(info.place_name or "")))
    said = " ".join(re.findall(r"[a-z0-9]+", question_folded))
    if not name or f" {name} " in f" {said} ":
        return set()
    return set(name.split()) - set(folded(info.place_level or "").split())


def title_named(question_folded: str, info: DocumentInfo) -> set[str]:
    """The words with which the question names the plan by its kind and title ("theo Nghị
    quyết bổ sung kế hoạch phát triển KT-XH" of the "Nghị quyết về bổ sung Kế hoạch phát
    triển kinh tế - xã hội năm 2025 …"): from the plan's kind word on, each following word
    found a little further on in the title (a skipped "về", an abbreviation and its
    expansion allowed). Words the question also uses outside that run stay topic words."""
    kind = _WORD.findall(folded(info.kind or ""))
    name = _WORD.findall(folded(expand_abbreviations(info.title)))
    if name[: len(kind)] != kind:  # a title written without its kind
        name = [*kind, *name]
    words = _WORD.findall(folded(expand_abbreviations(question_folded)))
    if not kind:
        return set()
    named: set[int] = set()
    for start in range(len(words) - len(kind) + 1):
        if words[start : start + len(kind)] != kind:
            continue
        at, k, run = len(kind), start + len(kind), list(range(start, start + len(kind)))
        while k < len(words):
            found = next(
                (j for j in range(at, min(at + _TITLE_SKIP + 1, len(name))) if name[j] == words[k]),
                None,
            )
            if found is not None:
                run.append(k)
                at, k = found + 1, k + 1
                continue
            ahead = next(
                (
                    n
                    for n in range(k + 1, min(k + _TITLE_SKIP + 1, len(words)))
                    if words[n] in name[at : at + _TITLE_SKIP + 1]
                ),
                None,
            )
            if ahead is None:
                break
            run.extend(range(k, ahead))  # "kt xh" before its "(kinh te - xa hoi)"
            k = ahead
        if len(run) > len(kind):
            named.update(run)
    inside = {words[i] for i in named}
    outside = {w for i, w in enumerate(words) if i not in named}
    return inside - outside


_WORD = re.compile(r"[a-z0-9]+")
_TITLE_SKIP = 2
# the longest issuer name looked up after a cue, in words ("ủy ban nhân dân phường cam đường")
_MAX_ISSUER_WORDS = 12
# the most documents an issuer named in a question may have for its name to name them
_FEW_ISSUED = 2
# kinds of document in words, and the short forms a question writes for them
_KIND_SHORT = {
    "ke hoach": "ke hoach",
    "kh": "ke hoach",
    "nghi quyet": "nghi quyet",
    "nq": "nghi quyet",
    "quyet dinh": "quyet dinh",
    "qd": "quyet dinh",
    "chi thi": "chi thi",
    "chuong trinh": "chuong trinh",
    "ctr": "chuong trinh",
    "de an": "de an",
    "ket luan": "ket luan",
    "cong van": "cong van",
    "cv": "cong van",
    "thong bao": "thong bao",
    "tb": "thong bao",
    "van ban": "",
}


def issuer_key(issuer: str) -> str:
    """An issuer's name as a question's words give it: folded, short forms written out
    ("UBND tỉnh Lào Cai" → "uy ban nhan dan tinh lao cai")."""
    return " ".join(_WORD.findall(folded(expand_abbreviations(issuer, keep_short=False))))


def _kind_at(words: Sequence[str], at: int) -> tuple[str | None, int]:
    """The kind of document (its words; "van ban" for any kind) the words at `at` name,
    and how many words name it; (None, 0) when they name none."""
    for size in (2, 1):
        kind = _KIND_SHORT.get(" ".join(words[at : at + size]))
        if kind is not None and len(words[at : at + size]) == size:
            return kind or "van ban", size
    return None, 0


def _kind_is(doc: DocumentInfo, kind: str) -> bool:
    return kind != "van ban" and folded(doc.kind or "") == kind


# the fewest words of the issuer's name that name it ("mặt trận tổ quốc việt nam", not "ban")
_ISSUER_RUN = 3
T = TypeVar("T")


# words before the issuer that make it the plan's owner ("… ở MTTQ xã Lương Minh", "KH của
# UBND tỉnh"); after another word ("báo cáo UBND thành phố") the issuer is part of the asked
_OWNER_CUES = frozenset(["o", "cua", "do", "tai", "thuoc"])

# title word pairs a question must share with a plan's title to name it by a phrase
_PHRASE_PAIRS = 3


class DocumentDirectory:
    """Looks documents up by id and finds the ones a question refers to.

    `facts` is the home's facts store holding these documents; without one (tests, tools)
    an in-memory store is filled from `documents`.
    """

    def __init__(
        self, documents: Mapping[str, DocumentInfo], facts: FactStore | None = None
    ) -> None:
        self.documents = dict(documents)
        self._order = {doc_id: i for i, doc_id in enumerate(self.documents)}
        if facts is None:
            facts = FactStore(":memory:")
            for doc in self.documents.values():
                facts.put_payloads(_plain(doc), doc.id, ())
        self.facts = facts
        # documents known by a number a loaded document cites them by, their own unreadable
        # (`recognise_numbers`), by the number's figures
        self._recognised: dict[str, list[str]] = {}
        # each issuer's documents, by the issuer's name in words: built once with the
        # directory, so a question naming an issuer is a dictionary look-up
        self._issued_by: dict[str, list[str]] = {}
        for doc in self.documents.values():
            key = issuer_key(doc.issuer or "")
            if key and not doc.place_name:  # a place's bodies: the place names their plans
                self._issued_by.setdefault(key, []).append(doc.id)
        # what the question's words name, worked out once while one question is answered
        # (`one_question`), per thread
        self._asked = threading.local()

    @contextmanager
    def one_question(self) -> Iterator[None]:
        """While one question is answered, the plans and places its words name (and its
        topic words, `remembered`) are worked out once: scope, strategies and the
        confidence check each ask again. Only within the question; nested calls share the
        outer one's."""
        outer = getattr(self._asked, "found", None) is not None
        if not outer:
            self._asked.found = {}
        try:
            yield
        finally:
            if not outer:
                self._asked.found = None

    def remembered(self, key: Hashable, work: Callable[[], T]) -> T:
        """`work()`, done once per `key` while one question is answered (every time
        outside `one_question`). The result is shared: callers must not change it."""
        found: dict[Hashable, Any] | None = getattr(self._asked, "found", None)
        if found is None:
            return work()
        if key not in found:
            found[key] = work()
        result: T = found[key]
        return result

    def get(self, document_id: str) -> DocumentInfo | None:
        return self.documents.get(document_id)

    def unread_numbers(self) -> list[DocumentInfo]:
        """The documents whose số hiệu figures could not be read, their ký hiệu known (an
        OCR copy's "Z32Ø/BTC-QLCS"); few, read once when the directory is set up."""
        return [d for d in self.documents.values() if d.number_symbol and not d.number]

    def recognise_numbers(self, numbers: Mapping[str, str]) -> None:
        """Gives documents whose own số hiệu could not be read the number loaded documents
        cite them by (`retrieval.unread_numbers`): a question then names them by it."""
        for doc_id, number in numbers.items():
            info = self.documents.get(doc_id)
            digits = number_digits(number)
            if info is None or info.number or not digits:
                continue
            self.documents[doc_id] = replace(info, number=number)
            self._recognised.setdefault(digits, []).append(doc_id)

    def _numbered(self, numbers: Sequence[str]) -> list[str]:
        """`FactStore.documents_numbered`, with the documents known by a cited number."""
        found = self.facts.documents_numbered(numbers)
        for number in numbers:
            found.extend(
                d for d in self._recognised.get(number_digits(number) or "", ()) if d not in found
            )
        return found

    def _loaded_bare(self, bare: str) -> bool:
        """Whether a loaded document bears this kind and bare number ("34-nq" of
        "34-NQ/TU", "178-nd" of "178/2026/NĐ-CP"): an indexed look-up of its figures."""
        figures, *symbol = re.findall(r"[a-z0-9]+", bare)
        for info in self.loaded_numbered(figures):
            for own in info.numbers:
                words = re.findall(r"[a-z0-9]+", folded(own))
                if words and all(w in words[1:] for w in symbol):
                    return True
        return False

    def is_loaded(self, number: str, symbol: str | None = None) -> bool:
        """Whether some loaded document has this number (its symbol too, when both are
        known): `constraint_check.is_loaded` by an indexed look-up."""
        return bool(self.loaded_numbered(number, symbol))

    def loaded_numbered(self, number: str, symbol: str | None = None) -> list[DocumentInfo]:
        """The loaded documents of this number (and symbol, when both are known)."""
        found = []
        for doc_id in self._numbered([number]):
            info = self.documents.get(doc_id)
            for own in info.numbers if info else ():
                digits = number_figures(own).lstrip("0")
                if not digits or digits != (number.lstrip("0") or "0"):
                    continue
                own_symbol = number_symbol(own)
                if info and (symbol is None or not own_symbol or own_symbol == symbol):
                    found.append(info)
                    break
        return found

    def in_catalog_order(self, doc_ids: Iterable[str]) -> list[str]:
        """These loaded plans (unknown ids left out) in catalog order."""
        return self._ordered(set(doc_ids))

    def _ordered(self, doc_ids: set[str]) -> list[str]:
        """Known documents among `doc_ids`, in the directory's order."""
        return sorted((d for d in doc_ids if d in self._order), key=self._order.__getitem__)

    def _candidates(self, text: str) -> tuple[list[str], list[str]]:
        """(documents the question may name, those among them it names by place or level),
        found by indexed look-ups of its words; every document scoring above 0 is here."""
        tokens = text.split(" ")
        words = [t for t in tokens if t]
        facts = self.facts
        found = set(facts.documents_with_ids(words))
        runs = re.findall(r"\d+", text)
        found.update(self._numbered([r[i:] for r in runs for i in range(len(r))]))
        found.update(facts.documents_numbered_without_digits())
        pairs = [f"{a} {b}" for a, b in pairwise(tokens) if a and b]
        for number in implemented_numbers(text, self._loaded_bare):  # "thực hiện CT 14-CT/TW"
            pairs.extend(title_bigrams(number))
        found.update(facts.unique_bigram_documents(pairs).values())  # pairs no other title has
        grams = _word_runs(tokens)
        placed = set(facts.documents_in_place(sorted(grams)))
        placed.update(facts.documents_of_level_only([g for g in grams if len(g.split()) <= 3]))
        return self._ordered(found | placed), self._ordered(placed)

    def named_places(self, question_folded: str) -> list[str]:
        """Documents whose place name the question mentions, in the directory's order."""
        return list(
            self.remembered(("places", question_folded), lambda: self._places(question_folded))
        )

    def _places(self, question_folded: str) -> tuple[str, ...]:
        grams = _word_runs(f" {question_folded} ".split(" "))
        return tuple(self._ordered(set(self.facts.documents_in_place(sorted(grams)))))

    def naming_words(self, question_folded: str, doc_ids: Sequence[str]) -> set[str]:
        """Words naming these documents, or a plan whose place the question mentions (with
        `doc_ids` settled, only the plans of their places: "Theo NQ 60, tỉnh Tiền Giang hợp
        nhất với tỉnh nào?" is about Tiền Giang, a topic the clause must cover)."""
        naming: set[str] = set()
        placed = self.named_places(question_folded)
        if doc_ids:
            places = {info.place_name for d in doc_ids if (info := self.documents.get(d))}
            placed = [d for d in placed if self.documents[d].place_name in places]
        for doc_id in {*doc_ids, *placed}:
            info = self.documents.get(doc_id)
            if info is not None:
                naming |= info.naming_words - _place_words_unsaid(question_folded, info)
        for doc_id in doc_ids:
            info = self.documents.get(doc_id)
            if info is not None:
                naming |= title_named(question_folded, info)
                naming |= implemented_words(question_folded, info.title, self._loaded_bare)
        return naming

    def issuer_named(self, question_folded: str, doc_ids: Sequence[str]) -> set[str]:
        """Words with which the question names these plans' issuer ("… ở MTTQ xã Lương
        Minh" of plans the Ủy ban MTTQ xã issues; without `doc_ids`, the plans of the place
        it names): each run of at least `_ISSUER_RUN` words, abbreviations written out,
        that the issuer's name also says, written after an owner cue ("ở", "của", "do" …).
        Whatever a plan says, its issuer says it: those words name the plan, not what is
        asked of it."""
        ids = list(doc_ids) or self.named_places(question_folded)
        issuers = {info.issuer for d in ids if (info := self.documents.get(d)) and info.issuer}
        if not issuers:
            return set()
        words = _WORD.findall(folded(expand_abbreviations(question_folded, keep_short=False)))
        found: set[str] = set()
        for issuer in issuers:
            name = " " + " ".join(_WORD.findall(folded(expand_abbreviations(issuer)))) + " "
            start = 0
            while start < len(words):
                end = start
                while end < len(words) and f" {' '.join(words[start : end + 1])} " in name:
                    end += 1
                # (the cue may stand before the short form kept beside its expansion: "ở
                # MTTQ mặt trận tổ quốc …")
                owner_cue = bool(_OWNER_CUES & set(words[max(start - 2, 0) : start]))
                if end - start >= _ISSUER_RUN and owner_cue:
                    found.update(words[start:end])
                start = max(end, start + 1)
        return found

    def words_beside_places(self, question_folded: str) -> set[str]:
        """Words of a place name that the question also uses elsewhere: "Trưởng" in "Trưởng
        Ban Chỉ đạo … xã Xuân Trường" is a topic word, the place's "Trường" is not."""
        text = f" {question_folded} "
        places = set()
        for doc_id in self.named_places(question_folded):
            name = folded(self.documents[doc_id].place_name or "")
            if name and f" {name} " in text:
                places.add(name)
                text = text.replace(f" {name} ", " | ")
        left = set(text.split())
        return {w for place in places for w in place.split() if w in left}

    def _scores(self, text: str) -> tuple[dict[str, int], list[str]]:
        """How surely the question names each candidate plan (`_naming_score`), and the
        candidates it names by place or level: once per question (`one_question`)."""
        scores, placed = self.remembered(("scores", text), lambda: self._scored(text))
        return dict(scores), list(placed)

    def _scored(self, text: str) -> tuple[dict[str, int], list[str]]:
        candidates, placed = self._candidates(text)
        by_issuer = self.named_by_issuer(text)
        candidates = self._ordered({*candidates, *by_issuer})
        distinctive = self._distinctive_of(candidates)
        # "NQ 34 của Ban Thường vụ Tỉnh ủy …": the issuer of a plan named by its number is
        # that plan's, not title words naming another plan ("… Chỉ thị 11 của Ban Thường vụ
        # Tỉnh ủy")
        numbered = [d for d in candidates if _number_named(text, self.documents[d])]
        others = _without_issuers(text, [self.documents[d] for d in numbered])
        scores = {
            doc_id: _naming_score(
                text if doc_id in numbered else others,
                self.documents[doc_id],
                distinctive[doc_id],
                self._loaded_bare,
            )
            for doc_id in candidates
        }
        for doc_id in by_issuer:
            # named by its issuer, few documents being issued by it, as surely as by number
            scores[doc_id] = 3
        return scores, placed

    def named_by_issuer(self, question_folded: str) -> list[str]:
        """The documents the question names by their issuer: "công văn (của) Bộ Tài chính",
        "theo Bộ Tài chính, …", the issuer's whole name right after a kind of document or
        "theo" (a body asked about elsewhere in the question is a unit, not a source). Only
        documents of no place (a ministry's, the Government's: a place's bodies' plans are
        named by the place, scored as one) and only an issuer of at most `_FEW_ISSUED`
        loaded documents; of those, the ones of the kind named, when some are. A dictionary
        look-up per cue, no pass over the plans."""
        words = _WORD.findall(folded(expand_abbreviations(question_folded, keep_short=False)))
        found: list[str] = []
        for cue in range(len(words)):
            kind, size = _kind_at(words, cue)
            if kind is None and words[cue] != "theo":
                continue
            start = cue + (size or 1)
            if kind and start < len(words) and words[start] == "cua":
                start += 1
            for end in range(min(len(words), start + _MAX_ISSUER_WORDS), start, -1):
                issued = self._issued_by.get(" ".join(words[start:end]))
                if issued:
                    if len(issued) <= _FEW_ISSUED:
                        kinded = [d for d in issued if kind and _kind_is(self.documents[d], kind)]
                        found.extend(d for d in kinded or issued if d not in found)
                    break
        return found

    def resolve(self, question_folded: str) -> list[str]:
        """Ids of the documents the question names (empty when it names none).

        A number or several distinctive title words name a plan more surely than a place
        ("kế hoạch thí điểm … Ninh Bình" is the pilot plan, not every Ninh Bình plan); a
        year narrows a place down ("Ninh Bình 2025").
        """
        text = f" {question_folded} "
        scores, placed = self._scores(text)
        found = self._best_per_named_place(text, scores, placed)
        if not found:
            best = max(scores.values(), default=0)
            found = [doc_id for doc_id, score in scores.items() if score and score == best]
        found = self._of_the_session_asked(text, found, scores)
        years = plan_years(text)  # "đến 2030" names a stage, not the plan of 2030
        if years:
            if found:
                # the year it is known by ("… đến năm 2020") or the year it was issued; a
                # plan named by its number keeps its place beside another plan's year ("KH
                # 19 Ninh Bình và KH CĐS xã Xuân Trường 2026"), unless a plan of its number
                # is of that year
                matched = [d for d in found if years & self._years_of(d)]
                numbers = {self.documents[d].number for d in matched if scores.get(d, 0) >= 3}
                by_year = [
                    d
                    for d in found
                    if d in matched
                    or (
                        matched
                        and scores.get(d, 0) >= 3
                        and self.documents[d].number not in numbers
                    )
                ]
            elif re.search(r"thang|quy", text):  # a month or quarter: a deadline, no plan
                by_year = []
            else:  # one plan of that year in the whole directory
                numeric = [int(y) for y in years if y.isdigit()]
                by_year = [
                    d for d in self.facts.documents_of_year(numeric, limit=2) if d in self._order
                ]
            if (found and by_year) or (not found and len(by_year) == 1):
                found = by_year
        return found

    def _of_the_session_asked(
        self, text: str, found: list[str], scores: Mapping[str, int]
    ) -> list[str]:
        """Without the documents whose title names another session than the one asked
        ("… tại kỳ họp thứ Năm" is not named by "tại kỳ họp thứ Bảy, … những gì?"), nor
        those named less surely beside one of them (its words were what named them)."""
        asked = sessions_named(text)
        if not asked:
            return found
        dropped = [
            d
            for d in found
            if (titled := sessions_named(folded(self.documents[d].title or "")))
            and not titled & asked
        ]
        if not dropped:
            return found
        surest = max(scores.get(d, 0) for d in dropped)
        return [d for d in found if d not in dropped and scores.get(d, 0) >= surest]

    def _years_of(self, doc_id: str) -> set[str]:
        doc = self.documents[doc_id]
        issued = (doc.issued_date or "")[:4]
        return {y for y in (doc.year, issued) if y}

    def _best_per_named_place(
        self, text: str, scores: dict[str, int], placed: Sequence[str]
    ) -> list[str]:
        """For each place the question names, its best-named plans ("Ninh Bình … và Xuân
        Trường …" keeps a plan of each place), plus plans named by number or title."""
        by_place: dict[str, list[str]] = {}
        # the text without the places it names in full: the "thành phố" of "thành phố Cần
        # Thơ" names Cần Thơ, not a plan known only as "thành phố"
        unnamed = text
        for doc_id in placed:
            doc = self.documents[doc_id]
            if doc.place_name and f" {folded(doc.place_name)} " in text:
                unnamed = _without_place(unnamed, doc.place_level, doc.place_name)
        for doc_id in placed:
            doc = self.documents[doc_id]
            if doc.place_name and f" {folded(doc.place_name)} " in text:
                by_place.setdefault(folded(doc.place_name), []).append(doc_id)
            elif (
                doc.place_level and not doc.place_name and f" {folded(doc.place_level)} " in unnamed
            ):
                # a plan known only by its level ("thành phố") is named by that word
                by_place.setdefault(f"level:{folded(doc.place_level)}", []).append(doc_id)
        found: list[str] = []
        for doc_ids in by_place.values():
            best = max(scores[d] for d in doc_ids)
            # "KH kiểm tra giám sát … và KH tiếp công dân … của MTTQ Lương Minh": the plans
            # of the place named by kind and title words none of the others has, not every
            # plan of the place (a plan named more surely is kept beside them)
            titled = _titled_among(text, doc_ids, self.documents)
            floor = 1 if titled else 0
            tied = [d for d in doc_ids if scores[d] == best and best > floor]
            if best == 1 and not titled:
                # "khiếu nại về danh sách cử tri ở xã Lương Minh …" among the commune's plans:
                # the one plan whose title alone carries the question's words
                tied = _carrying_title_words(text, tied, self.documents) or tied
            kinded = _of_kind_named(text, doc_ids, self.documents)
            if best == 1 and kinded and len(kinded) < len(tied) and set(kinded) <= set(tied):
                # "theo đề án Tỉnh ủy Lào Cai": the place's plans of the kind named
                tied = kinded
            elif best > 1:
                # "đề án tài nguyên (dự thảo) và CTr 104 của Tỉnh ủy …": the one plan of the
                # place of another kind named without a number, beside the one named by it
                named_kinds = {self.documents[d].kind for d in tied}
                other = [d for d in kinded if self.documents[d].kind not in named_kinds]
                tied = [*tied, *other] if len(other) == 1 else tied
            found.extend(tied)
            found.extend(d for d in titled if d not in found)
        if found:
            more = [d for d, s in scores.items() if s >= 2 and d not in found]
            if any(scores[d] >= 3 for d in found) and not _JOINED_PLANS.search(text):
                # "NQ 34 của Tỉnh ủy Lào Cai đặt mục tiêu tăng trưởng kinh tế …": one plan
                # named by its number, the title words another plan shares are the topic
                # asked of it, not a second plan (two plans are joined: "… và NQ …")
                more = [d for d in more if scores[d] >= 3]
            found.extend(more)
        return found

    def titled_alike(self, question_folded: str, most: int) -> list[str]:
        """The plans whose titles share the question's longest title phrase ("bầu cử đại biểu
        Quốc hội khóa XVI"): at least `_PHRASE_PAIRS` word pairs that at most `most` titles
        have, found by one indexed look-up; empty when none, or when more than `most` share
        it."""
        tokens = re.findall(r"[a-z0-9]+", question_folded)
        pairs = [f"{a} {b}" for a, b in pairwise(tokens) if not _generic_pair(f"{a} {b}")]
        counts = self.facts.shared_bigram_counts(pairs, most)
        best = max(counts.values(), default=0)
        found = [d for d, n in counts.items() if n == best]
        if best < _PHRASE_PAIRS or len(found) > most:
            return []
        return self._ordered(set(found))

    def named_by_number(self, question_folded: str) -> list[str]:
        """Ids of the documents the question names by id or số hiệu ("NQ 60", "KH 19")."""
        scores, _placed = self._scores(f" {question_folded} ")
        return [doc_id for doc_id, score in scores.items() if score >= 3]

    def named_by_own_number(self, question_folded: str) -> list[str]:
        """Ids of the documents the question names by their own số hiệu ("KH 252"), not by
        title words and place together."""
        text = f" {question_folded} "
        return [
            d
            for d in self.named_by_number(question_folded)
            if (info := self.documents.get(d)) is not None and _number_named(text, info)
        ]

    def named_by_title_words_only(self, question_folded: str) -> bool:
        """Whether the plans the question names are named only by distinctive title words
        (no number, id or place): in a follow-up turn those words are more likely its topic
        ("còn hồ sơ trực tuyến toàn trình … thì sao?") than a plan switched to."""
        scores, _placed = self._scores(f" {question_folded} ")
        return max(scores.values(), default=0) == 2

    def names_any(self, question_folded: str) -> bool:
        """Whether the question names some document by id, number, title words or place."""
        scores, _placed = self._scores(f" {question_folded} ")
        return any(scores.values())

    def unknown_places(self, question: str) -> list[str]:
        """Places the question names ("tỉnh Hà Nam") that no ingested plan governs."""
        unknown = []
        for match in _PLACE_MENTION.finditer(question):
            name = _capitalised_run(match.group(2))
            if name and not self.facts.place_keys_like(folded(name)):
                unknown.append(f"{match.group(1)} {name}")
        # places of the register, by look-up: typed in lower case or without diacritics too
        said = {folded(name) for name in unknown}
        for place in places_in_text(question):
            label = f"{place.level} {place.name}"
            if folded(label) not in said and not self.facts.place_keys_like(folded(place.name)):
                unknown.append(label)
                said.add(folded(label))
        return unknown

    def theme_words(
        self, question_folded: str, document_ids: Sequence[str], whole_title: bool = False
    ) -> set[str]:
        """The question's words that repeat these documents' distinctive title word pairs
        ("… hỗ trợ nhà ở người có công" of the plan "… hỗ trợ người có công với cách mạng về
        nhà ở"): once the plan is settled they name its theme, which its clauses seldom
        repeat, not the thing asked about it. A word the question also uses elsewhere is
        not one of them. `whole_title`: any pair of the titles counts, also one that other
        plans' titles share (two plans on "phát triển các khu, cụm công nghiệp")."""
        distinctive = self._distinctive_of([d for d in document_ids if d in self.documents])
        pairs = {tuple(b.split()) for found in distinctive.values() for b in found}
        if whole_title:
            for doc_id in document_ids:
                info = self.get(doc_id)
                words = re.findall(r"[a-z0-9]+", folded(info.title)) if info else []
                pairs |= set(pairwise(words))
        words = question_folded.split()
        inside: set[int] = set()
        for i, pair in enumerate(pairwise(words)):
            if pair in pairs:
                inside.update((i, i + 1))
        # a word also used outside the theme ("hồ sơ", "hộ" beside "hỗ trợ") stays a topic word
        outside = {w for i, w in enumerate(words) if i not in inside}
        return {words[i] for i in inside} - outside

    def without_naming(self, text: str, document_ids: Sequence[str]) -> str:
        """`text` without the words that name these documents (place, number, year, their
        distinctive title words): once the plan is settled, those words only pull in the
        clauses that repeat the plan's name, such as its "căn cứ" paragraphs."""
        phrases: set[tuple[str, ...]] = set()
        distinctive = self._distinctive_of([d for d in document_ids if d in self.documents])
        for doc_id in document_ids:
            doc = self.documents.get(doc_id)
            if doc is None:
                continue
            phrases |= {tuple(b.split()) for b in distinctive[doc_id]}
            if doc.place_name:
                place = tuple(folded(doc.place_name).split())
                phrases.add(place)
                if doc.place_level:
                    phrases.add((*folded(doc.place_level).split(), *place))
            for number in doc.numbers:
                phrases.add((folded(number),))  # a bare "19" may be a clause number
                for name in (number_figures(number), folded(number)):
                    phrases |= {("ke", "hoach", name), ("ke", "hoach", "so", name), ("kh", name)}
                    phrases |= {(*kind.split(), name) for kind in _KIND_WORDS}
            if doc.year:
                phrases |= {(doc.year,), ("nam", doc.year)}
            phrases |= {  # "thực hiện Chỉ thị 14-CT/TW" of a plan that carries it out
                tuple(re.findall(r"[a-z0-9]+", number))
                for number in implemented_numbers(folded(text), self._loaded_bare)
                if _implements_named(f" {folded(text)} ", doc.title, self._loaded_bare)
            }
        words = list(_NAME_WORD.finditer(text))
        keys = [folded(w.group()) for w in words]
        dropped: set[int] = set()
        for i in range(len(words)):
            for phrase in phrases:
                if tuple(keys[i : i + len(phrase)]) == phrase:
                    dropped.update(range(i, i + len(phrase)))
        kept = [w.group() for i, w in enumerate(words) if i not in dropped]
        return " ".join(kept)

    def _distinctive_of(self, doc_ids: Sequence[str]) -> dict[str, set[str]]:
        """Each document's title word pairs no other title has, common words aside."""
        found = self.facts.distinctive_bigrams(doc_ids)
        return {
            doc_id: {b for b in found.get(doc_id, set()) if not set(b.split()) <= _COMMON | _CITING}
            for doc_id in doc_ids
        }


# the longest place name, in words, looked up among a question's word runs
_MAX_PLACE_WORDS = 6


def _word_runs(tokens: Sequence[str]) -> set[str]:
    """Every run of up to `_MAX_PLACE_WORDS` consecutive words (a place name may be one)."""
    return {
        " ".join(tokens[i : i + n])
        for n in range(1, _MAX_PLACE_WORDS + 1)
        for i in range(len(tokens) - n + 1)
        if all(tokens[i : i + n])
    }


def _plain(doc: DocumentInfo) -> dict[str, Any]:
    """The catalog form of a document's metadata, for a store filled from infos."""
    return {
        "id": doc.id,
        "title": doc.title,
        "number": doc.number,
        "issued_date": doc.issued_date,
        "issuer": doc.issuer,
        "kind": doc.kind,
        "place": {"level": doc.place_level, "name": doc.place_name},
        "decision_number": doc.decision_number,
    }


_NAME_WORD = re.compile(r"[^\W_]+(?:[/&-][^\W_]+)*")
_PLACE_MENTION = re.compile(
    r"(?<!\w)(tỉnh|thành phố|huyện|xã|phường|quận|thị xã|Tỉnh|Thành phố|Huyện|Xã|Phường)\s+"
    r"((?:[A-ZĐÀ-Ỹ][^\s,.;:?!()]*)(?:\s+[A-ZĐÀ-Ỹ][^\s,.;:?!()]*){0,3})"
)


def _capitalised_run(name: str) -> str:
    """The words of a place name up to the first one not capitalised: the pattern's range of
    accented capitals also holds small letters ("xã ở địa phương" names no place)."""
    words = []
    for word in name.split():
        if not word[:1].isupper():
            break
        words.append(word)
    return " ".join(words)


def _titled_among(
    text: str, doc_ids: Sequence[str], documents: Mapping[str, DocumentInfo]
) -> list[str]:
    """The plans of one named place that the question names by their kind and then title
    words no other of these plans has ("kế hoạch kiểm tra giám sát …", "KH tiếp công dân"):
    two such word pairs, the first right after the kind word. Three words after no kind
    word ("chính quyền số") are a topic, not a title."""
    if len(doc_ids) < 2:
        return []
    pairs = {d: title_bigrams(documents[d].title) for d in doc_ids}
    found = []
    for doc_id, own in pairs.items():
        others = set().union(*(b for d, b in pairs.items() if d != doc_id))
        matched = [b for b in own - others if f" {b} " in text and not _generic_pair(b)]
        if len(matched) < 2:
            continue
        if any(re.search(rf" (?:ke hoach|kh) (?:\S+ )?{b} ", text) for b in matched):
            found.append(doc_id)
    return found


def _of_kind_named(
    text: str, doc_ids: Sequence[str], documents: Mapping[str, DocumentInfo]
) -> list[str]:
    """The plans among `doc_ids` whose kind the (folded, space-padded) question names
    without a number after it ("đề án Tỉnh ủy …", not "Đề án 06" nor "CTr 104", which
    name a document by number); empty when it names no kind, or every plan's."""
    kinds = {d: folded(documents[d].kind or "") for d in doc_ids}
    found = []
    for doc_id, kind in kinds.items():
        if not kind or kind == "van ban":
            continue
        # (the kind in words: a short form may be another abbreviation, "CTR" chất thải rắn)
        if re.search(rf" {re.escape(kind)} (?!(?:so )?\d)", text):
            found.append(doc_id)
    return [] if len(found) == len(doc_ids) else found


# the words of a document's kind ("chương trình hành động", "công văn"): titles sharing them
# share a kind, not a subject
_KIND_TITLE_WORDS = frozenset(
    ["chuong", "trinh", "hanh", "dong", "cong", "van", "nghi", "quyet", "bao", "cao"]
)


# words joining two plans named in one question ("KH 19 Ninh Bình và KH CĐS xã Xuân Trường")
_JOINED_PLANS = re.compile(r" (?:va|voi|con) ")


def _carrying_title_words(
    text: str, doc_ids: Sequence[str], documents: Mapping[str, DocumentInfo]
) -> list[str]:
    """The one plan, among plans of one place on one subject (their titles share at least
    `_PHRASE_PAIRS` word pairs, the place's and the years' aside) named by that place only,
    whose title has a word pair no other of these titles has, the common and generic ones
    aside, that the question uses ("tiếp công dân", "khiếu nại" of the plan "Tiếp công
    dân, xử lý đơn thư khiếu nại …" beside the commune's other election plans); empty when
    none or several do, or when the plans are on different subjects ("mô hình" of one of a
    province's plans may be the topic of another)."""
    if len(doc_ids) < 2:
        return []
    pairs = {d: title_bigrams(documents[d].title) for d in doc_ids}
    place = {w for d in doc_ids for w in folded(documents[d].place_name or "").split()}
    shared = {
        b
        for b in set.intersection(*pairs.values())
        if not _generic_pair(b)
        and not set(b.split()) <= _COMMON | _CITING | _KIND_TITLE_WORDS
        and not set(b.split()) & place
        and not any(w.isdigit() for w in b.split())
    }
    if len(shared) < _PHRASE_PAIRS:
        return []  # plans of one place on different subjects: one title pair is a topic
    carrying = []
    for doc_id, own in pairs.items():
        others = set().union(*(b for d, b in pairs.items() if d != doc_id))
        if any(
            f" {b} " in text and not _generic_pair(b) and not set(b.split()) <= _COMMON | _CITING
            for b in own - others
        ):
            carrying.append(doc_id)
    return carrying if len(carrying) == 1 else []


# words any plan's title opens with ("Kế hoạch triển khai …", "… thực hiện …"): a pair of
# them, or one with the kind word's "hoạch", names no plan
_GENERIC_TITLE_TEXT = "ke hoach trien khai thuc hien to chuc xay dung ban hanh cong tac ve viec"
_GENERIC_TITLE_WORDS = frozenset(f"{_GENERIC_TITLE_TEXT} nam giai doan".split())


def _generic_pair(pair: str) -> bool:
    """Whether a title word pair is made of generic title words (or a year) only."""
    words = pair.split()
    return "hoach" in words or all(w in _GENERIC_TITLE_WORDS or w.isdigit() for w in words)


def _number_named(text: str, doc: DocumentInfo) -> bool:
    """Whether the (folded, space-padded) question names the document by its số hiệu
    ("16/kh-mttq-btt", "KH 16", "số 16")."""
    for number in doc.numbers:
        digits = number_figures(number)
        if folded(number) in text or re.search(
            # "chương trình hành động (số) 104": the kind's full name before the number
            rf"\b(?:{_KIND_NAMES}|so)(?:\s+hanh dong)?\s+(?:so\s+)?{re.escape(digits)}\b(?!\.\d)",
            text,
        ):
            return True
    return False


def _naming_score(
    text: str, doc: DocumentInfo, distinctive: set[str], loaded: LoadedBare | None = None
) -> int:
    """How surely the question names this document: 3 by id or number, 2 by title words,
    1 by place; 0 when it does not name it."""
    if f" {doc.id.lower()} " in text or _number_named(text, doc):
        return 3
    if _implements_named(text, doc.title, loaded):
        return 3
    score = 0
    # the question's words as the title's pairs are cut ("các-bon" is "các bon", "nước,"
    # is "nước")
    words = f" {' '.join(_WORD.findall(text))} "
    # the place's own words in the title ("… trên địa bàn tỉnh Lào Cai") name the place,
    # scored once below, not the title
    place = set(folded(f"{doc.place_level or ''} {doc.place_name or ''}").split())
    matched = [
        bigram
        for bigram in distinctive
        if f" {bigram} " in words and not set(bigram.split()) <= place
    ]
    # two bigrams of one three-word phrase ("chính quyền số") are a topic, not a title,
    # unless the kind of document the title approves is named right before them
    titled = len(matched) >= 2 and len({w for bigram in matched for w in bigram.split()}) >= 4
    if titled or (matched and _named_as_approved_kind(words, doc, matched)):
        score = 2
    if (doc.place_name and f" {folded(doc.place_name)} " in text) or (
        doc.place_level and not doc.place_name and f" {folded(doc.place_level)} " in text
    ):
        score += 1
    return score


_WORD = re.compile(r"[a-z0-9]+")
# the kinds of document a Quyết định approves, named in its title ("Quyết định Phê duyệt Đề
# án thành lập … thị trường các-bon"): the question may name it by that kind
_APPROVED_KINDS = ("de an", "chuong trinh", "ke hoach", "chien luoc", "quy hoach")
# the title words read right after the kind word ("Đề án thị trường các-bon …")
_AFTER_KIND = 4


def _named_as_approved_kind(words: str, doc: DocumentInfo, matched: Sequence[str]) -> bool:
    """Whether the question (its words, space-padded) names the document by the kind of
    document its title approves, not its own kind ("Đề án thị trường các-bon" of a Quyết định
    approving that Đề án), a distinctive pair of its title among the words right after the
    kind word."""
    title = f" {' '.join(_WORD.findall(folded(doc.title or '')))} "
    own = folded(doc.kind or "")
    for kind in _APPROVED_KINDS:
        if kind == own or f" {kind} " not in title:
            continue
        for found in re.finditer(rf"(?<= ){kind}(?= )", words):
            after = words[found.end() :].split()[:_AFTER_KIND]
            pairs = {" ".join(after[i : i + 2]) for i in range(len(after) - 1)}
            if pairs & set(matched):
                return True
    return False


# a document number the question says a plan carries out ("KH thực hiện Chỉ thị 14-CT/TW",
# "kế hoạch triển khai Nghị quyết số 57-NQ/TW"), folded
_IMPLEMENTED = re.compile(
    r"\b(?:thuc hien|trien khai)\s+(?:[a-z]+\s+){0,3}(?:so\s+)?"
    r"(\d+[-/][a-z][\w/-]*?)(?=[\s,.;:?)]|$)"
)


# the same, by kind and bare number ("KH triển khai Chỉ thị 11", "thực hiện NQ 57", "KH thực
# hiện CTr 104"), the kind given as its số hiệu abbreviates it (NĐ 30/2020, Phụ lục III; HD 36:
# "11-CT/TU", "57-NQ/TW", "104-CTr/TU")
_IMPLEMENTED_BARE = re.compile(
    r"\b(?:thuc hien|trien khai)\s+(?:[a-z]+\s+){0,3}?"
    r"(?P<kind>chi thi|ct|nghi quyet|nq|ket luan|kl|nghi dinh|nd|quyet dinh|qd|thong tu|tt|"
    r"chuong trinh(?: hanh dong)?|ctr)"
    r"\s+(?:so\s+)?(?P<number>\d+)(?![\w/.-])"
)
_KIND_SYMBOL = {
    "chi thi": "ct",
    "nghi quyet": "nq",
    "ket luan": "kl",
    "nghi dinh": "nd",
    "quyet dinh": "qd",
    "thong tu": "tt",
    "chuong trinh": "ctr",
    "chuong trinh hanh dong": "ctr",
}


def implemented_numbers(text: str, loaded: LoadedBare | None = None) -> list[str]:
    """The numbers of the documents the (folded) question says a plan carries out: as
    written with their symbol, or a kind and bare number as the symbol opens ("11-ct") —
    unless `loaded` says a loaded document bears it ("báo cáo tiến độ thực hiện Nghị quyết
    34" of a loaded NQ 34 asks that resolution, not the plan carrying it out)."""
    bare = [
        f"{found['number']}-{_KIND_SYMBOL.get(found['kind'], found['kind'])}"
        for found in _IMPLEMENTED_BARE.finditer(text)
    ]
    if loaded is not None:
        bare = [number for number in bare if not loaded(number)]
    return [*_IMPLEMENTED.findall(text), *bare]


# whether a loaded document bears a kind and bare number ("34-nq")
LoadedBare = Callable[[str], bool]


def implemented_words(text: str, title: str, loaded: LoadedBare | None = None) -> set[str]:
    """The words of the numbers by which the question names the plan as carrying them out."""
    if not _implements_named(text, title, loaded):
        return set()
    return {
        w for number in implemented_numbers(text, loaded) for w in re.findall(r"[a-z0-9]+", number)
    }


def _implements_named(text: str, title: str, loaded: LoadedBare | None = None) -> bool:
    """Whether the question names the plan by what it carries out, as its title says ("KH
    thực hiện Chỉ thị 14-CT/TW" of the plan titled "… tổ chức thực hiện Chỉ thị số
    14-CT/TW …")."""
    own = f" {' '.join(re.findall(r'[a-z0-9]+', folded(title)))} "
    return any(_in_title(number, own) for number in implemented_numbers(text, loaded))


def _in_title(number: str, own: str) -> bool:
    """Whether the title's words (space-padded) hold the number's, a year allowed after its
    figures ("178 2026 nd" of "178/2026/NĐ-CP" for "nđ-178")."""
    words = re.findall(r"[a-z0-9]+", number)
    if f" {' '.join(words)} " in own:
        return True
    return (
        len(words) >= 2
        and re.search(rf" {words[0]} (?:19|20)\d\d {' '.join(words[1:])} ", own) is not None
    )


def _without_issuers(text: str, named: Sequence[DocumentInfo]) -> str:
    """The (folded, space-padded) text without the issuers of the plans named, their place
    left ("ban thuong vu tinh uy" of "Ban Thường vụ Tỉnh ủy Lào Cai"): words naming who
    issued a plan already named."""
    for doc in named:
        issuer = folded(doc.issuer or "")
        if doc.place_name:
            issuer = _without_place(f" {issuer} ", doc.place_level, doc.place_name)
        words = " ".join(_WORD.findall(issuer))
        if len(words.split()) >= 2:
            text = text.replace(f" {words} ", " ")
    return text


def _without_place(text: str, level: str | None, name: str) -> str:
    """The text without a place's name, and without its level word before it, a short
    form allowed between ("tp thanh pho .hcm ho chi minh")."""
    name, before = re.escape(folded(name)), re.escape(folded(level or ""))
    if before:
        text = re.sub(rf" {before} (?:\S+ )?{name}(?= )", " ", text)
    return re.sub(rf" {name}(?= )", " ", text)
