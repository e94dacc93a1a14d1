"""Checking clauses against the hard constraints of a question, and saying which part failed.

A hard constraint is one a cited clause must satisfy: the document named by number, the
location path ("phụ lục 01 › mục IV › chỉ tiêu 3"), the unit in the role asked. When no
clause satisfies one, the answer names the part that could not be matched ("Kế hoạch
92/KH-UBND chưa được nạp …", "Phụ lục 01 không có mục IV chỉ tiêu 3").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from ingest.normalize_vi import folded
from retrieval.candidates import is_substantive
from retrieval.constraints import DocumentRef, PathStep, Reading, step_matches
from retrieval.documents import DocumentDirectory, DocumentInfo
from retrieval.query import Query
from retrieval.roles import ROLE_NAMES, Role
from retrieval.row_labels import appendix_of
from retrieval.search import Candidate
from retrieval.stored import StoredClause


class ClauseSource(Protocol):
    """What the checks read clauses from (`ClauseSearch`)."""

    def by_ids(self, clause_ids: Sequence[str]) -> list[StoredClause]: ...

    def document_clauses(self, document_id: str) -> list[StoredClause]: ...

    def hybrid(
        self, text: str, documents: Sequence[str] = (), limit: int = 20
    ) -> list[Candidate]: ...


@dataclass(frozen=True)
class Unloaded:
    """A document the question names that is not loaded, and where loaded plans mention it."""

    ref: DocumentRef
    mentions: tuple[StoredClause, ...]

    @property
    def reason(self) -> str:
        if self.mentions:
            return (
                f"{self.ref.label} chưa được nạp — các kế hoạch đã nạp chỉ nhắc đến nó, "
                "nên không thể trả lời từ nội dung của nó."
            )
        return f"{self.ref.label} chưa được nạp, nên không thể trả lời."


def is_loaded(ref: DocumentRef, documents: DocumentDirectory) -> bool:
    """Whether some loaded document has this number (its symbol too, when both are known):
    an indexed look-up, not a pass over the catalog."""
    return documents.is_loaded(ref.number, ref.symbol)


def unloaded_document(
    reading: Reading, documents: DocumentDirectory, source: ClauseSource
) -> Unloaded | None:
    """The document the question is about when it is not loaded: it names documents by
    number and none of them is loaded (a question naming a loaded plan and another one,
    "kế hoạch 19 thay thế kế hoạch 68 nào?", is about the loaded one)."""
    if not reading.documents or any(is_loaded(r, documents) for r in reading.documents):
        return None
    if _RELATION.search(reading.query.folded):
        return None  # "kế hoạch nào thay thế Kế hoạch 68?": about the plan that mentions it
    if _LOADED_SOURCE.search(reading.query.folded):
        return None  # "NĐ 180 có hiệu lực từ ngày nào theo KH của Bộ NN&MT?": what a plan says
    if documents.named_by_issuer(reading.query.folded):
        return None  # "… của công văn Bộ Tài chính về NĐ 178": a loaded letter, NĐ 178 its topic
    facts = reading.query.intent == "document_facts"
    # a plan, a document whose facts are asked, or one the question opens with ("Quyết định
    # 06/QĐ-TTg đặt chỉ tiêu … bao nhiêu?"); "theo Chỉ thị 14/CT-TTg" in mid-question is a topic
    about = [
        r
        for r in reading.documents
        if (_is_plan(r) or facts or _opens(reading.query.folded, r))
        and not _implemented(text_before(reading.query, r))
    ]
    if not about:
        return None  # "Chỉ thị 14/CT-TTg … mấy lớp?": a topic the plans take up
    ref = about[0]
    return Unloaded(ref, tuple(mentions_of(ref, source)))


def _opens(question_folded: str, ref: DocumentRef) -> bool:
    """Whether the question opens with this document: nothing before it but one word (the
    short form an abbreviation leaves before its expansion, "qd quyet dinh 06/qd …"), after
    a "Theo" that makes it the source asked ("Theo NQ 66/NQ-CP, chương trình … gồm bao
    nhiêu nhiệm vụ?": what that document says)."""
    before = question_folded[: ref.span.start].split()
    if before[:1] == ["theo"]:
        before = before[1:]
    return len(before) <= 1


def text_before(query: Query, ref: DocumentRef) -> str:
    """The question's folded text before the document it names, without the short form an
    abbreviation leaves before its spelling-out ("triển khai NĐ 180" folds to "trien khai
    nd nghi dinh 180": "trien khai ")."""
    text = query.folded[: ref.span.start]
    for expansion in query.expansions:
        if expansion.at == ref.span.start and text.endswith(f"{expansion.short} "):
            return text[: -len(expansion.short) - 1]
    return text


def _implemented(before: str) -> bool:
    """Whether the question names a document, whose text before it is `before`, as what a
    plan carries out ("số hiệu kế hoạch … triển khai Chỉ thị 13/CT-TTg", "kế hoạch thực
    hiện Nghị quyết 57", "Công văn triển khai NĐ 180 … gửi đến đâu?"): the plan asked
    about is the loaded one that implements it."""
    return bool(_IMPLEMENTS.search(before))


_IMPLEMENTS = re.compile(
    r"\b(?:trien khai|thuc hien|cu the hoa|quan triet)(?: thuc hien)?(?: (?:cac|noi dung))?\s*$"
)
# a plan the question names as its source without a number ("theo KH của Bộ NN&MT", "theo kế
# hoạch"): the question asks what a loaded plan says about the document it names
_LOADED_SOURCE = re.compile(
    r"\btheo (?:ke hoach|kh|quyet dinh|qd|chuong trinh|ctr)(?! (?:so )?\d)"
    r"(?: (?:cua|nay)\b|\s*[?.,]?\s*$)"
)


_RELATION = re.compile(
    r"\b(?:thay the|can cu|de thuc hien|trien khai thuc hien|(?:ke hoach|van ban) nao)\b"
)


def _is_plan(ref: DocumentRef) -> bool:
    return ref.kind == "ke hoach" or bool(ref.symbol and ref.symbol.startswith("kh"))


def mentions_of(ref: DocumentRef, source: ClauseSource, limit: int = 3) -> list[StoredClause]:
    """Loaded clauses that cite this document by its number ("Kế hoạch số 92/KH-UBND …")."""
    digits = ref.number.lstrip("0") or "0"
    kind = re.escape(ref.kind or "ke hoach")
    pattern = (
        re.compile(rf"(?<![\d/])0*{digits}/{re.escape(ref.symbol)}(?![a-z0-9])")
        if ref.symbol
        else re.compile(rf"\b{kind}\s+(?:so\s+)?0*{digits}(?:/|\b)(?!\.\d)")
    )
    # The engine finds the clauses that name it (a số hiệu is one lexical word); the pattern
    # keeps those that really cite it. No loop over every plan's clauses on the question path.
    candidates = [hit.clause for hit in source.hybrid(ref.label, limit=_MENTION_CANDIDATES)]
    citing: dict[str, list[StoredClause]] = {}
    for clause in candidates:
        if (
            clause.kind != "signature"
            and is_substantive(clause)
            and pattern.search(folded(clause.text))
        ):
            citing.setdefault(clause.document_id, []).append(clause)
    # one mention per plan: the smallest clause that says it
    found = [min(cs, key=lambda c: (c.end - c.start, c.start)) for cs in citing.values()]
    return found[:limit]


_MENTION_CANDIDATES = 40


_TABLE_KINDS = ("table_row", "table_group")


def ancestors(clause: StoredClause, source: ClauseSource) -> list[StoredClause]:
    """The clause's enclosing clauses, innermost first."""
    chain: list[StoredClause] = []
    parent_id = clause.parent_id
    while parent_id and len(chain) < 12:
        parents = source.by_ids([parent_id])
        if not parents:
            break
        chain.append(parents[0])
        parent_id = parents[0].parent_id
    return chain


def satisfies_path(clause: StoredClause, outer: Sequence[PathStep], source: ClauseSource) -> bool:
    """Whether every outer step of a path ("phụ lục 01", "mục IV") is an ancestor of the
    clause. An appendix step holds when the clause sits in that appendix (a heading, or the
    appendix label the parser gave its rows, "Phụ lục 2 › 5"), or is a table row or group
    in no numbered appendix at all (a plan whose table carries no appendix heading); the
    body of a plan is in no appendix."""
    chain = ancestors(clause, source)
    for step in outer:
        if step.level == "appendix":
            labels = [c.number for c in chain if c.kind == "appendix" and c.number]
            labelled = appendix_of(clause.path)  # "PL2"
            if labelled:
                labels.append(f"Phụ lục {labelled.removeprefix('PL')}")
            if labels:
                if not any(step_matches(step, label) for label in labels):
                    return False
            elif clause.kind not in _TABLE_KINDS and not any(
                c.kind in _TABLE_KINDS or c.kind == "appendix" for c in chain
            ):
                return False
            continue
        if not any(step_matches(step, c.number) for c in chain if c.kind != "appendix"):
            return False
    return True


def path_phrase(steps: Sequence[PathStep]) -> str:
    """The steps as the question wrote them, in its order: "mục IV chỉ tiêu 3"."""
    return " ".join(_VI_STEP.get(s.level, s.level) + f" {s.label}" for s in steps)


_VI_STEP = {
    "appendix": "phụ lục",
    "part": "phần",
    "section": "mục",
    "clause": "khoản",
    "point": "điểm",
    "row": "chỉ tiêu",
}


def missing_path_reason(where: str, steps: Sequence[PathStep]) -> str:
    """ "Phụ lục 01 (thành phố, 2023) không có mục IV chỉ tiêu 3." """
    inner = [s for s in steps if s.level != "appendix"]
    appendix = next((s for s in steps if s.level == "appendix"), None)
    if appendix is None or re.search(r"ph[uụ] l[uụ]c", where, re.IGNORECASE):
        lead = where
    else:
        lead = f"{where}, phụ lục {appendix.label}," if appendix.label else f"Phụ lục của {where}"
    return f"{lead} không có {path_phrase(inner)}."


def unmet_year(
    reading: Reading, cited: Sequence[StoredClause], documents: DocumentDirectory
) -> int | None:
    """A year the question names that neither the cited clauses nor their plans state
    ("tỷ trọng kinh tế số năm 2030" of a 2025 plan whose clause gives no 2030 figure)."""
    if not cited or len(reading.years) > 1 or reading.query.intent == "compare":
        return None  # "thành phố năm 2023 và Ninh Bình năm 2025": each plan its own year
    text = " ".join(f"{c.path} {c.text}" for c in cited)
    stages = [stage for c in cited for stage in _stages_of(c)]
    for year in reading.years:
        infos = [documents.get(c.document_id) for c in cited]
        named = any(i is not None and str(year) in _naming_text(i) for i in infos)
        staged = any(_stage_covers(stage, year) for stage in stages)
        if not named and not staged and str(year) not in text:
            return year
    return None


def _stages_of(clause: StoredClause) -> list[str]:
    """The stages a clause is set for: its own, its row's and its per-stage values'."""
    stages = [clause.period] if clause.period else []
    target = clause.target
    if target is not None:
        stages += [target.period] if target.period else []
        stages += [value.period for value in target.values if value.period]
    return stages


def _stage_covers(stage: str, year: int) -> bool:
    """ "2030" covers 2030; "2026-2030" covers 2026 … 2030."""
    first, _, last = stage.partition("-")
    try:
        return int(first) <= year <= int(last or first)
    except ValueError:
        return False


def _naming_text(info: DocumentInfo) -> str:
    """What names a plan's year: its year, title, issue date and id."""
    return " ".join(p or "" for p in (info.year, info.title, info.issued_date, info.id))


# What a clause's own words say of each role: "… trực tiếp chỉ đạo …", "phối hợp với …"
_ROLE_SAID = {
    Role.DIRECT: re.compile(r"\bchi dao\b"),
    Role.COOPERATING: re.compile(r"\bphoi hop\b"),
    Role.MONITORING: re.compile(r"\b(?:theo doi|don doc|giam sat|kiem tra)\b"),
}


class RowsOfPlans(Protocol):
    def roles_by_document(
        self, documents: Sequence[str], tables_only: bool = False
    ) -> dict[str, set[Role]]: ...


def absent_role_answer_reason(
    reading: Reading,
    cited: Sequence[StoredClause],
    search: RowsOfPlans,
    label: Callable[[str], str],
) -> str | None:
    """A role asked ("ai trực tiếp chỉ đạo …", "đơn vị phối hợp của chỉ tiêu 7.4") that the
    cited clauses do not state, of plans whose tables have no column for it: the reason to
    say so (the clauses are the closest), else None. A role the plan does not have is never
    widened to a row's other roles, nor answered with a clause that names no one.

    The directing role is checked on any cited clause; co-operating and monitoring only
    when every cited clause is a table row (a body paragraph names its partners in words,
    and a plan without tables has no column to lack); the directing role only in a plan
    that has an assignment table."""
    if not cited:
        return None
    for role in reading.roles:
        said = _ROLE_SAID.get(role)
        if said is None:
            continue  # every table has a lead column
        if role is not Role.DIRECT and not all(_table_row(c) for c in cited):
            continue
        if any(said.search(folded(c.body)) for c in cited):
            continue  # the clause itself says who holds the role
        plans = list(dict.fromkeys(c.document_id for c in cited))
        if role is Role.DIRECT and not any(
            search.roles_by_document(plans, tables_only=True).values()
        ):
            # a plan with no assignment table gives each unit its duties under its heading
            # ("3. Đảng uỷ Mặt trận … › b) Xây dựng …"): it has no column to lack, and the
            # unit a duty sits under is the one who leads and directs it
            continue
        # co-operating and monitoring: the appendix tables' columns only
        held = search.roles_by_document(plans, tables_only=role is not Role.DIRECT)
        if any(role in roles for roles in held.values()):
            continue
        return "\n".join(absent_role_reason(label(d), role) for d in plans)
    return None


def _table_row(clause: StoredClause) -> bool:
    return clause.target is not None and clause.target.source != "body"


def absent_role_reason(label: str, role: Role) -> str:
    """ "Kế hoạch 19/KH-UBND (…) không có cột đơn vị phối hợp." """
    return f"{label} không có cột đơn vị {ROLE_NAMES[role]} trong bảng phân công."


def unmet_place(
    question_folded: str, cited: Sequence[StoredClause], documents: DocumentDirectory
) -> str | None:
    """A place the question names ("… ở Hồng Lĩnh") whose plans none of the cited clauses
    comes from: the answer was taken from another place's plan. None when every named
    place is met, or the question names no place of a loaded plan."""
    if not cited:
        return None
    cited_docs = {c.document_id for c in cited}
    said = folded(" ".join(f"{c.path} {c.text}" for c in cited))
    plans_by_place: dict[str, set[str]] = {}
    for doc_id in documents.named_places(question_folded):  # indexed: the places named
        info = documents.get(doc_id)
        if info is not None and info.place_name:
            plans_by_place.setdefault(info.place_name, set()).add(doc_id)
    for place, plans in plans_by_place.items():
        if folded(place) in said:
            continue  # the cited clause itself is about that place
        if not plans & cited_docs:
            return place
    return None


def plans_of_named_places(question_folded: str, documents: DocumentDirectory) -> list[str]:
    """The loaded plans of every place the question names, in load order ("… Ninh Bình
    với … xã Xuân Trường 2026": the plans of both places), so that a comparison covers every
    place named even when a year or a title narrowed the plans named."""
    return documents.named_places(question_folded)
