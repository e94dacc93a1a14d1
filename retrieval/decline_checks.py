"""The hard checks an answer must pass before its confidence is scored.

Each check reads one `Checked` answer and returns None (met) or a `Decline`: the kind of
miss and the reason said to the user. `first_decline` runs `CHECKS` in order; the first
decline wins, and the answer becomes a decline citing its clauses as the closest.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ingest.gazetteer import places_in_text
from ingest.normalize_vi import folded
from retrieval.answers import Answer
from retrieval.asked_columns import missing_column_reason
from retrieval.asked_measure import money_asked_of
from retrieval.asked_partner import unstated_partner
from retrieval.asked_person import unnamed_person
from retrieval.asked_span import unmet_span
from retrieval.constraint_check import unmet_place, unmet_year
from retrieval.constraints import Reading
from retrieval.counted_rows import row_among_counted
from retrieval.dated_reference import other_dated
from retrieval.dotted_path import listed_among_siblings, unreached_path
from retrieval.happened_when import deadline_for_event
from retrieval.indicator_words import (
    as_written,
    names_indicator,
    unstated_indicator_words,
    unstated_words,
)
from retrieval.named_facility import unnamed_facility
from retrieval.named_kind import other_kind
from retrieval.opposite_bound import opposite_bound
from retrieval.other_meeting import other_meeting
from retrieval.other_session import other_session
from retrieval.query import Intent, Query
from retrieval.role_restated import restated_role
from retrieval.sent_to import own_duty_of, units_sent_to
from retrieval.stored import StoredClause
from retrieval.strategies.context import Library
from retrieval.titled_year import other_year
from retrieval.unloaded_issuer import unloaded_issuer
from retrieval.unstated_terms import asked_words, unstated_terms

_COMPARE = Intent.COMPARE.value
_FACTS = Intent.DOCUMENT_FACTS.value
# answers whose clauses are chosen by rules of their own, not held to one asked indicator
OWN_RULES = frozenset(["list_by_unit", "list_by_period", "document_facts", "ambiguous", _COMPARE])


@dataclass(frozen=True)
class Checked:
    """An answer as the checks read it: the question, its reading (the plan owner's words
    left out), the clauses cited, and whether structure settled it."""

    library: Library
    query: Query
    reading: Reading
    answer: Answer
    cited: Sequence[StoredClause]
    structured: bool

    @property
    def labels(self) -> str:
        """The cited plans' labels, in citation order."""
        library = self.library
        return ", ".join(dict.fromkeys(library.label(c.document_id) for c in self.cited))


@dataclass(frozen=True)
class Decline:
    """Why an answer is declined: the check that missed (`kind`) and the user's reason."""

    kind: str
    reason: str


Check = Callable[[Checked], Decline | None]

# an answer opening with a unit in its role ("Chủ trì: Sở Xây dựng …"): the unit is named
_ROLE_LABEL = re.compile(r"^(?:Có thể: )?(?:Chủ trì|Phối hợp|Theo dõi|Chỉ đạo|Thực hiện):")


def year(checked: Checked) -> Decline | None:
    """A year the question names that no cited clause or plan states."""
    if checked.structured:
        return None
    found = unmet_year(checked.reading, checked.cited, checked.library.documents)
    if found is None:
        return None
    return Decline("year", f"{checked.labels} không nêu nội dung này cho năm {found}.")


def place(checked: Checked) -> Decline | None:
    """A place the question names whose plans no cited clause comes from: another place's
    plan is offered as the closest, never as the answer (a comparison names several)."""
    if checked.answer.intent == _COMPARE:
        return None
    found = unmet_place(checked.query.folded, checked.cited, checked.library.documents)
    if found is None:
        return None
    return Decline("place", f"Không tìm thấy nội dung này trong kế hoạch của {found} đã nạp.")


def issuer_place(checked: Checked) -> Decline | None:
    """ "Tỉnh ủy Yên Bái ban hành chương trình … ngày nào?" answered from a plan of no place
    or another: no document of that place is loaded."""
    if checked.answer.intent == _COMPARE:
        return None
    found = unloaded_issuer(checked.query.folded, checked.cited, checked.library.documents)
    if found is None:
        return None
    reason = (
        f"Các văn bản đã nạp không có văn bản nào của {found}; {checked.labels} không phải "
        "văn bản được hỏi."
    )
    return Decline("issuer_place", reason)


def dated(checked: Checked) -> Decline | None:
    """ "KH 16/KH-MTTQ-BTT ngày 23/12/2025" read from another plan 16."""
    reason = other_dated(checked.reading, checked.cited, checked.library.documents)
    return None if reason is None else Decline("dated", reason)


def session(checked: Checked) -> Decline | None:
    """ "chất vấn tại kỳ họp thứ Sáu" read from the resolution of session Năm."""
    found = other_session(checked.query.folded, checked.cited, checked.library.documents)
    if found is None:
        return None
    reason = f"{checked.labels} là văn bản của một kỳ họp khác, không nêu kết quả kỳ họp được hỏi."
    return Decline("session", reason)


def meeting(checked: Checked) -> Decline | None:
    """ "Hội nghị lần thứ 12 … họp ngày nào?" read from clauses on the 11th plenum only."""
    found = other_meeting(checked.query.text, checked.cited, checked.library.documents)
    if found is None:
        return None
    said = ", ".join(str(n) for n in found.said)
    reason = (
        f"{checked.labels} không nêu {found.asked}; các điều khoản gần nhất nói về "
        f"{found.asked.rsplit(' ', 1)[0]} {said}."
    )
    return Decline("meeting", reason)


def counted(checked: Checked) -> Decline | None:
    """ "Có bao nhiêu nhà máy …?" answered by one factory's row of the table."""
    if checked.structured or checked.answer.intent in OWN_RULES:
        return None
    noun = row_among_counted(checked.query.folded, checked.cited)
    if noun is None:
        return None
    words = as_written(checked.query.text, tuple(noun.split())).lower()
    reason = (
        f"{checked.labels} không nêu tổng số {words}; dòng gần nhất chỉ là một {words} "
        "trong bảng, không phải số lượng được hỏi."
    )
    return Decline("counted", reason)


def span(checked: Checked) -> Decline | None:
    """ "năm học 2025-2026" read from the plan for 2024-2025."""
    if checked.answer.intent == _COMPARE:
        return None
    found = unmet_span(checked.query.text, checked.cited, checked.library.documents)
    if found is None:
        return None
    asked, stated = found
    reason = f"{checked.labels} là văn bản cho {stated}, không nêu nội dung này cho {asked}."
    return Decline("span", reason)


def titled(checked: Checked) -> Decline | None:
    """ "Chương trình giám sát năm 2019" read from the 2018 one."""
    if checked.answer.intent == _COMPARE:
        return None
    reason = other_year(checked.query.text, checked.cited, checked.library.documents)
    return None if reason is None else Decline("titled_year", reason)


def bound(checked: Checked) -> Decline | None:
    """ "trẻ dưới 14 tuổi" answered by the row for those over 14."""
    found = opposite_bound(checked.query.text, checked.cited)
    if found is None:
        return None
    reason = (
        f"{checked.labels} không nêu nội dung này cho “{found}”; điều khoản gần nhất nói về "
        "nhóm ngược lại."
    )
    return Decline("bound", reason)


def path(checked: Checked) -> Decline | None:
    """ "Mục II.1.b" answered with part II's heading."""
    found = unreached_path(checked.query.text, checked.cited)
    if found is None:
        return None
    reason = (
        f"Không tìm thấy mục {found[0]} trong {checked.labels}; các điều khoản gần nhất chỉ "
        f"thuộc mục {found[1]}."
    )
    return Decline("path", reason)


def outline(checked: Checked) -> Decline | None:
    """ "Mục II.3 … gồm những gì?" answered with part II's sections listed: section 3 is
    one line of the list, its content not given."""
    if checked.answer.intent == _COMPARE:
        return None
    found = listed_among_siblings(checked.query.text, checked.cited)
    if found is None:
        return None
    reason = (
        f"Các điều khoản gần nhất chỉ liệt kê các mục ngang hàng với mục {found} trong "
        f"{checked.labels}, không nêu nội dung được hỏi của mục {found}."
    )
    return Decline("outline", reason)


def facility(checked: Checked) -> Decline | None:
    """ "Công ty Nhiệt điện Phả Lại" answered from another row (a plan's own facts say per
    part what they do not state)."""
    if checked.answer.intent in (_COMPARE, _FACTS):
        return None
    found = unnamed_facility(checked.query.text, checked.cited)
    if found is None:
        return None
    reason = (
        f"{checked.labels} không có dòng/điều khoản nào nêu “{found}”; điều khoản gần nhất "
        "nói về đơn vị khác."
    )
    return Decline("facility", reason)


def indicator(checked: Checked) -> Decline | None:
    """ "tỷ lệ nước thải …" answered by the "chất thải rắn …" row: not its figure."""
    unstated = unstated_indicator(checked)
    if not unstated:
        return None
    words = as_written(checked.query.text, unstated)
    reason = (
        f"{checked.labels} không nêu chỉ tiêu được hỏi (không có “{words}”); điều khoản gần "
        "nhất nói về chỉ tiêu khác."
    )
    return Decline("indicator", reason)


def money(checked: Checked) -> Decline | None:
    """ "Vốn NSNN … bao nhiêu tỷ đồng?" answered with "Vốn doanh nghiệp: 5.800 tỷ đồng":
    an amount, but for another thing."""
    unstated = unstated_money_words(checked)
    if not unstated:
        return None
    typed = {folded(w) for w in re.findall(r"\w+", checked.query.text)}
    # words only a short form's spelled-out form gives ("NSNN") are not quoted folded
    words = f" (không có “{as_written(checked.query.text, unstated)}”)"
    said = words if set(unstated) <= typed else ""
    reason = (
        f"{checked.labels} không nêu số tiền cho nội dung được hỏi{said}; điều khoản gần "
        "nhất nói về khoản khác."
    )
    return Decline("money", reason)


def recipient(checked: Checked) -> Decline | None:
    """ "… tổng hợp kết quả về Sở TT&TT trước ngày nào?" answered with the Sở's own duty
    (its own report, on its own date): not what is sent to it."""
    if checked.answer.intent in OWN_RULES:
        return None
    library = checked.library
    sent_to = units_sent_to(checked.query.text, library.units)
    if not sent_to:
        return None
    parents = list(dict.fromkeys(c.parent_id for c in checked.cited if c.parent_id))
    headings = library.search.by_ids(parents) if parents else []
    key = own_duty_of(sent_to, checked.cited, headings)
    if key is None:
        return None
    unit = library.units.display_name(key, checked.query.text)
    reason = (
        f"{checked.labels} không nêu nội dung được hỏi về việc gửi đến {unit}; điều khoản "
        f"gần nhất là nhiệm vụ của chính {unit}."
    )
    return Decline("recipient", reason)


def column(checked: Checked) -> Decline | None:
    """ "sản phẩm của nhiệm vụ 5" of a table without that column."""
    library = checked.library
    reason = missing_column_reason(checked.query.folded, checked.cited, library.label)
    return None if reason is None else Decline("column", reason)


def kind(checked: Checked) -> Decline | None:
    """ "Đề án tài nguyên của Tỉnh ủy …" answered from the province's Chương trình."""
    if checked.answer.intent == _COMPARE or not checked.cited:
        return None
    documents, folded_question = checked.library.documents, checked.query.folded
    candidates = dict.fromkeys(
        [*documents.resolve(folded_question), *documents.named_places(folded_question)]
    )
    cited_docs = list(dict.fromkeys(c.document_id for c in checked.cited))
    named = other_kind(folded_question, candidates, cited_docs, documents.documents)
    if named is None:
        return None
    reason = (
        f"Không tìm thấy nội dung này trong {checked.library.label(named.id)}; điều khoản "
        f"gần nhất thuộc {checked.labels}, không phải văn bản được hỏi."
    )
    return Decline("kind", reason)


def person(checked: Checked) -> Decline | None:
    """ "Bộ trưởng … đề nghị ban hành QĐ 232 là ai?" answered with a task row: no name."""
    if checked.answer.intent == _COMPARE:
        return None
    texts = [checked.answer.answer, *(c.text for c in checked.cited)]
    if not unnamed_person(checked.query.text, texts):
        return None
    reason = f"{checked.labels} không nêu họ tên người được hỏi."
    return Decline("person", reason)


def partner(checked: Checked) -> Decline | None:
    """ "X phối hợp với cơ quan nào?" answered by X's own task, which names no partner."""
    if checked.answer.intent == _COMPARE:
        return None
    texts = [checked.answer.answer, *(f"{c.path}\n{c.text}" for c in checked.cited)]
    if not unstated_partner(checked.query.text, texts):
        return None
    reason = (
        f"{checked.labels} không nêu cơ quan, đơn vị phối hợp cho nội dung được hỏi; điều "
        "khoản gần nhất không nói đến việc phối hợp."
    )
    return Decline("partner", reason)


def restated(checked: Checked) -> Decline | None:
    """ "Cơ quan chủ trì … là cơ quan nào?" answered by "… cơ quan chủ trì có trách nhiệm
    …": the clause names the role, not the body holding it."""
    if checked.answer.intent in OWN_RULES or _ROLE_LABEL.match(checked.answer.answer):
        return None
    role = restated_role(checked.query.text, checked.cited)
    if role is None:
        return None
    words = as_written(checked.query.text, tuple(role.split())).lower()
    reason = f"{checked.labels} chỉ nói “{words}”, không nêu tên cơ quan, đơn vị đó."
    return Decline("restated", reason)


def happened(checked: Checked) -> Decline | None:
    """ "… đã chính thức khai trương vào ngày nào?" answered with a task's deadline."""
    if checked.answer.intent in (_COMPARE, _FACTS):
        return None
    if not deadline_for_event(checked.query.text, checked.answer.answer, checked.cited):
        return None
    reason = (
        f"{checked.labels} chỉ nêu thời hạn phải thực hiện, không nêu việc này đã diễn ra "
        "vào ngày nào."
    )
    return Decline("happened", reason)


def term(checked: Checked) -> Decline | None:
    """ "Tài sản kết cấu hạ tầng đường sắt do bộ nào công bố danh mục?" hedged with the row
    on industrial parks: a thing the question names (two topic words side by side) that
    no cited clause, heading or plan title writes a word of."""
    if checked.structured or checked.answer.intent in OWN_RULES:
        return None
    query = checked.query
    topic = set(checked.library.topic_words(query, [])) - _naming_words(checked)
    topic -= asked_words(query.folded)
    pairs = unstated_terms(
        query.phrases, topic, checked.cited, checked.library.weights, _headings(checked)
    )
    if not pairs:
        return None
    words = "”, “".join(as_written(query.text, pair) for pair in pairs)
    reason = (
        f"{checked.labels} không nêu “{words}” cho nội dung được hỏi; điều khoản gần nhất "
        "nói về nội dung khác."
    )
    return Decline("term", reason)


def unstated_indicator(checked: Checked) -> tuple[str, ...]:
    """The words of the indicator a figure question names that the cited clauses, their
    headings and plans do not state (`retrieval.indicator_words`); a comparison or a list
    answers by its own rules."""
    query, cited, library = checked.query, checked.cited, checked.library
    if not cited or checked.answer.intent in OWN_RULES:
        return ()
    if not library.read(query).figure and not names_indicator(query.folded):
        return ()
    ignore = _naming_words(checked)
    # a short form no abbreviation list spells out ("CTRSH"): no word a clause would write
    ignore |= {folded(w) for w in re.findall(r"\b[A-ZĐ]{2,}\b", query.text)}
    # the words typed: an abbreviation's spelled-out form ("LGSP" → "nền tảng chia sẻ …")
    # is not what a clause writing "LGSP" must state
    question = query.plain or query.folded
    return unstated_indicator_words(question, cited, _headings(checked), ignore)


def unstated_money_words(checked: Checked) -> tuple[str, ...]:
    """The words naming what an amount of money is asked for ("vốn ngân sách nhà nước …
    bao nhiêu?") that the cited clauses, their headings and plans do not state
    (`retrieval.asked_measure.money_asked_of`); a comparison or a list answers by its own
    rules."""
    query, cited = checked.query, checked.cited
    if not cited or checked.answer.intent in OWN_RULES:
        return ()
    # the short form is written out beside it in the folded question ("nsnn ngan sach …")
    words = money_asked_of(query.folded, _naming_words(checked))
    return unstated_words(words, cited, _headings(checked))


def _headings(checked: Checked) -> list[StoredClause]:
    """The headings right above the cited clauses."""
    parents = list(dict.fromkeys(c.parent_id for c in checked.cited if c.parent_id))
    return checked.library.search.by_ids(parents) if parents else []


def _naming_words(checked: Checked) -> set[str]:
    """The question's words that name the cited plans or a place, and the short forms of
    its abbreviations (a clause states their long form): no part of what is asked."""
    query = checked.query
    documents = checked.library.documents
    ignore = documents.naming_words(query.folded, [c.document_id for c in checked.cited])
    ignore |= {w for e in query.expansions for w in e.short.split() if w not in e.long.split()}
    ignore |= {w for p in places_in_text(query.text) for w in folded(p.name).split()}
    return ignore


# in order: the first decline wins
CHECKS: tuple[Check, ...] = (
    year,
    place,
    issuer_place,
    dated,
    session,
    meeting,
    counted,
    span,
    titled,
    bound,
    path,
    outline,
    facility,
    indicator,
    money,
    column,
    recipient,
    kind,
    person,
    partner,
    restated,
    happened,
)


# checked only on an answer that would be stated with "Có thể": a hedge is already unsure,
# and a thing asked that its clause does not write makes it a wrong fact, not a likely one
HEDGE_CHECKS: tuple[Check, ...] = (term,)


def first_decline(checked: Checked, checks: Sequence[Check] = CHECKS) -> Decline | None:
    """The first check's decline, or None when the answer meets them all (an answer
    already declined is not checked)."""
    if checked.answer.abstained:
        return None
    for check in checks:
        decline = check(checked)
        if decline is not None:
            return decline
    return None
