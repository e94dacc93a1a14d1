"""Whether a clause says who does a task: the part a "who" question asks for.

A responsibility row says it in its unit cells; a clause of the plan's text says it in its
own words or in the heading it sits under ("1. Cục Biến đổi khí hậu có trách nhiệm › điểm
đ"). A task quoted with no unit anywhere ("Xây dựng Thông tư quy định về …" read from a
table whose unit columns were lost) cannot answer "ai chủ trì?": the answer says the plan
does not name the unit instead of stating the task as if it did.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ingest.normalize_vi import folded
from ingest.parser.unit_names import OFFICE_HOLDER, UNIT_START
from retrieval.query import Intent
from retrieval.stored import StoredClause

WHO_INTENTS = frozenset([Intent.WHO, Intent.WHO_LEAD, Intent.WHO_COOPERATE, Intent.WHO_MONITOR])

# the unit columns of a row that say who does it
_PEOPLE_ROLES = ("lead", "cooperating", "monitoring", "highest_responsibility")

# how answers name the unit a "who" question asks for, by its intent
ROLE_ASKED = {
    Intent.WHO: "thực hiện",
    Intent.WHO_LEAD: "chủ trì",
    Intent.WHO_COOPERATE: "phối hợp",
    Intent.WHO_MONITOR: "theo dõi, chỉ đạo",
}

# the words that ask for a unit ("ai", "đơn vị nào", "do những cơ quan nào"): a question
# read as "who" that asks what a unit must do ("các cơ quan chủ trì … phải làm gì?") has none
_ASKS_WHO = re.compile(r"\b(?:ai|nao)\b")


def asks_who(question_folded: str) -> bool:
    """Whether the question asks which unit ("ai …", "… đơn vị nào")."""
    return bool(_ASKS_WHO.search(question_folded))


_CAPITALS_WORD = re.compile(r"\b[^\W\d_]{2,}\b")
# the words of a unit's name compared with the question ("so giao duc va dao")
_NAME_WORDS = 4
# a name most of whose words the question says is the question's own unit
_SAME_NAME = 0.75
# "các hội nghị, hội thảo" are meetings, not associations
_NOT_A_UNIT_AFTER = re.compile(r"hoi\s+(?:nghi|thao)\b")


def names_other_unit(
    text: str, question_folded: str, unit_keys: Iterable[str] | None = None
) -> bool:
    """Whether the text names a unit other than those asked about ("Trung tâm Điều dưỡng …"
    asked about is no answer to who runs it); a name in capitals is read as the same name
    ("SỞ TÀI CHÍNH" as "Sở Tài Chính"). A name is the question's own when most of its words
    are the question's; with `unit_keys` (the units the question names), a proper name is
    compared with those only (a word the question happens to share, "làm", is no part of
    "Cục Lâm nghiệp"), a collective ("các cơ quan, tổ chức …") still with the question."""
    question = set(re.findall(r"\w+", question_folded))
    named = question if unit_keys is None else {w for key in unit_keys for w in key.split()}
    titled = _CAPITALS_WORD.sub(
        lambda m: m.group().capitalize() if m.group().isupper() else m.group(), text
    )
    for match in UNIT_START.finditer(titled):
        name = re.findall(r"\w+", folded(titled[match.start() : match.end() + 40]))
        name = name[:_NAME_WORDS]
        if not name or _NOT_A_UNIT_AFTER.match(" ".join(name[1:])):
            continue
        asked = question if name[0] == "cac" else named
        # the question's own name, however it is shortened ("các sở, ngành" for "các sở,
        # ban, ngành"): most of its words are the question's
        if sum(word in asked for word in name) < _SAME_NAME * len(name):
            return True
    return False


def names_doer(clause: StoredClause, question_folded: str, unit_keys: Iterable[str]) -> bool:
    """Whether the clause says who does its task: a unit cell of its row, else a unit (not
    the question's own: `unit_keys` are those it names) in its words or in the headings
    above it."""
    target = clause.target
    if target is not None and any(target.cells_for(role) for role in _PEOPLE_ROLES):
        return True
    text = f"{clause.path}\n{clause.text}"
    if names_office_holder(text, question_folded):
        return True
    return names_other_unit(text, question_folded, unit_keys)


def names_office_holder(text: str, question_folded: str) -> bool:
    """Whether the text gives a duty to a person by office the question does not name ("3. Cán
    bộ phụ trách lĩnh vực giám sát …", "Giám đốc Công an tỉnh", "người đại diện theo pháp
    luật"): duties are given to office holders as well as to units (the offices are the shared
    unit vocabulary's, `OFFICE_HOLDER`)."""
    asked = set(OFFICE_HOLDER.findall(question_folded))
    return any(m not in asked for m in OFFICE_HOLDER.findall(folded(text)))


# a close rival's share of the best clause's coverage
_CLOSE = 0.8


def names_partner(clause: StoredClause) -> bool:
    """Whether the clause's row names a co-operating unit by its name ("Vụ Pháp chế",
    "Trường Đại học …"), not only a collective ("các cơ quan, tổ chức có liên quan")."""
    target = clause.target
    if target is None:
        return False
    return any(
        not match.group().lower().startswith("các")
        for cell in target.cells_for("cooperating")
        for match in UNIT_START.finditer(cell.text)
    )


def partners_named_first(clauses: Sequence[StoredClause], coverages: Sequence[float]) -> list[int]:
    """The order to answer "đơn vị phối hợp là ai?" in: when the first clause names no
    co-operating unit by name (a duty "chủ trì, phối hợp với các cơ quan có liên quan …"),
    the first row covering the question nearly as well that does (the same task in the
    plan's table, "Tổ chức quốc tế; Trường Đại học …") goes first. Indexes into `clauses`."""
    order = list(range(len(clauses)))
    if not clauses or names_partner(clauses[0]):
        return order
    best = coverages[0]
    for i in order[1:]:
        same_plan = clauses[i].document_id == clauses[0].document_id
        if same_plan and names_partner(clauses[i]) and coverages[i] >= _CLOSE * best:
            return [i, *(j for j in order if j != i)]
    return order
