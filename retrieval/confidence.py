"""How sure an answer is: a score from how much of the question its cited clauses cover.

The score weighs the topic concepts the cited clause states (the same coverage retrieval
ranks by), then lowers it for each asked part the clause does not state: a figure asked
for ("bao nhiêu", "tỷ lệ") with no number in the clause, a unit named in the question that
the clause does not name, a period whose year the clause does not give, a time asked for
("khi nào", "trước ngày nào") that the clause does not state. Answers settled by structure —
a clause number, a responsibility table, the document's own facts — start from the
certainty of that match. Two softer signs lower a search answer too: another clause the
search ranked covers the question better than every cited one (a rival), and the cited
clauses state under `TOPIC_SHARE` of the question's topic words. The score chooses between
answering, answering with "Có thể" (hedged) and abstaining with the cited clauses as the
closest candidates.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import replace
from functools import lru_cache

from ingest.abbreviations import expand_abbreviations
from ingest.dates import states_time, without_citations
from ingest.normalize_vi import folded
from retrieval.amounts import counted_in_words
from retrieval.answers import Answer
from retrieval.asked_measure import asked_measure, states_measure
from retrieval.constraints import Reading
from retrieval.doers import ROLE_ASKED, WHO_INTENTS, asks_who, names_doer
from retrieval.figures import heading_states_figure, states_figure
from retrieval.ordinal_words import UNITS
from retrieval.query import Intent
from retrieval.standing_body import names_itself
from retrieval.stored import StoredClause

STRUCTURED = 0.95  # settled by a clause number, a table or the document's facts
HEDGE_PREFIX = "Có thể: "
_MISSING_FIGURE = 0.7
_MISSING_UNIT = 0.8
_MISSING_UNIT_IN_ROLE = 0.45  # "Phòng X phối hợp những nhiệm vụ nào?" cited a row without X
_MISSING_PERIOD = 0.8
_MISSING_TIME = 0.55
_MISSING_NUMBERED = 0.5  # "con thứ 3", "số 1": the thing numbered is another one
_MISSING_DOER = 0.45  # "ai chủ trì …?" cited a task that names no unit
_RIVAL = 0.6  # a clause not cited covers the question better
_THIN_TOPIC = 0.75  # the cited clauses state few of the question's topic words
_FACTORS = {
    "figure": _MISSING_FIGURE,
    "unit": _MISSING_UNIT,
    "unit_in_role": _MISSING_UNIT_IN_ROLE,
    "period": _MISSING_PERIOD,
    "time": _MISSING_TIME,
    "numbered": _MISSING_NUMBERED,
    "doer": _MISSING_DOER,
    "rival": _RIVAL,
    "topic": _THIN_TOPIC,
}
# a rival covers the question by more than this over the best cited clause
RIVAL_MARGIN = 0.05
# the share of the question's topic words the cited clauses must state to cover it
TOPIC_SHARE = 0.7

_ABSTAINED_CAP = 0.3


def score(
    reading: Reading,
    cited: Sequence[StoredClause],
    coverage: float,
    structured: bool,
    abstained: bool,
    rival: float | None = None,
    issuers: Sequence[str] = (),
    addressees: Sequence[str] = (),
) -> float:
    """The answer's confidence in [0, 1]. `rival`: the best coverage among the clauses the
    search ranked but the answer does not cite (None: not measured); `issuers`: the cited
    plans' issuers and `addressees` (`unmet_checks`)."""
    if abstained:
        return round(min(_ABSTAINED_CAP, coverage * _ABSTAINED_CAP), 2) if cited else 0.0
    value = STRUCTURED if structured else coverage
    for check in unmet_checks(reading, cited, structured, coverage, rival, issuers, addressees):
        value *= _FACTORS[check]
    return round(max(0.0, min(1.0, value)), 2)


def unmet_checks(
    reading: Reading,
    cited: Sequence[StoredClause],
    structured: bool,
    coverage: float | None = None,
    rival: float | None = None,
    issuers: Sequence[str] = (),
    addressees: Sequence[str] = (),
) -> tuple[str, ...]:
    """The asked parts that the cited clauses do not state: "figure", "unit_in_role",
    "unit", "period", "time"; for a search answer "doer" (a "who" question's cited task
    names no unit), and the softer signs "rival" (a clause
    not cited covers the question better than `coverage`, the cited ones' best) and "topic"
    (the cited clauses state under `TOPIC_SHARE` of the topic words). A unit named that
    is one of `issuers`, the cited plans' own ("… của MTTQ xã Lương Minh"), names the plan,
    not a unit its clause must name; one of `addressees`, a cited letter's addressees
    where its cited duty names no doer (`retrieval.addressees`), is that duty's doer."""
    if not cited:
        return ()
    text = " ".join(_folded_written_out(f"{c.path} {c.text}") for c in cited)
    # a row's deadline counts as stated where the row (a body duty) carries it from the
    # line under the task ("Thời gian hoàn tất: trước ngày 30 tháng 9 năm 2014.")
    deadlines = " ".join(
        c.target.deadline.raw for c in cited if c.target is not None and c.target.deadline
    )
    unmet: list[str] = []
    if (
        reading.figure
        and not structured
        and not any(
            _figure_in(c) or counted_in_words(reading.query, folded(c.text))
            for c in _answering(cited)
        )
        # a heading cited over its points that states the figure itself ("2. Vốn doanh
        # nghiệp: 5.800 tỷ đồng"), read as the answering strategy reads it; a heading cited
        # alone, or with no figure of its own, is no answer for it
        and not any(heading_states_figure(c, reading.query.text) for c in _over_points(cited))
    ):
        unmet.append("figure")
    elif reading.figure and not structured and not _states_asked_measure(reading, cited):
        unmet.append("figure")  # "trong bao nhiêu ngày?" of a clause giving no number of days
    units = reading.units if reading.roles else not_issuers(reading.units, cited, issuers)
    if addressees:
        named = folded(expand_abbreviations(" ; ".join(addressees)))
        units = tuple(key for key in units if not _names_unit(named, key))
    if units and not any(_names_unit(_unit_text(cited, key), key) for key in units):
        unmet.append("unit_in_role" if reading.roles else "unit")
    period = reading.period
    if period is not None and period.year is not None and str(period.year) not in text:
        unmet.append("period")
    numbers = {c.number for c in _answering(cited) if c.number}
    if any(not _states_numbered(text, name, numbers) for name in reading.numbered):
        unmet.append("numbered")  # "sinh con thứ 3" of a clause on births in general
    if (
        not structured
        and reading.query.intent in WHO_INTENTS
        and asks_who(reading.query.folded)
        and not any(names_doer(c, reading.query.folded, reading.units) for c in _answering(cited))
    ):
        unmet.append("doer")  # "ai chủ trì …?" of a task quoted with no unit anywhere
    # "… được phê duyệt tại quyết định nào, ngày nào?": the cited document's date is asked
    cited_dates = _ASKS_DOCUMENT.search(reading.query.folded) is not None
    stated = (text if cited_dates else without_citations(text)) + " " + folded(deadlines)
    if (
        reading.query.intent is Intent.DEADLINE
        and not states_time(stated)
        and not _STATUS.search(folded(deadlines))
    ):
        unmet.append("time")
    elif (
        not structured
        and not deadlines
        and asks_day(reading.query.folded)
        and not _DAY.search(stated)
    ):
        unmet.append("time")  # "trước ngày nào?" of a clause giving a term of years
    if structured:
        return tuple(unmet)
    if coverage is not None and rival is not None and rival > coverage + RIVAL_MARGIN:
        unmet.append("rival")
    if topic_share(reading, cited) < TOPIC_SHARE:
        unmet.append("topic")
    return tuple(unmet)


# a row's time column giving the task's status instead of a time ("Đã hoàn thành", "Đang
# thực hiện"): what the plan says of when, stated
_STATUS = re.compile(r"\b(?:da hoan thanh|dang (?:thuc hien|trien khai))\b")
# which document is asked, its date with it: "phê duyệt tại Quyết định nào, ngày nào?"
_ASKS_DOCUMENT = re.compile(
    r"\b(?:quyet dinh|van ban|nghi quyet|to trinh|cong van|thong bao)(?: so)? (?:nao|may)\b"
)
# a day asked: "trước ngày nào", "ngày mấy"
_ASKS_DAY = re.compile(r"\bngay (?:nao|may)\b|\bhom nao\b")
# a day stated: a date, "ngày 20", "05 ngày", a recurrence within the month, a day named by
# an event ("trước ngày bầu cử"), or at once ("ngay khi", "kể từ ngày ký")
_DAY = re.compile(
    r"\b\d{1,2}/\d{1,2}\b|\bngay\s+\d{1,2}\b|\b\d+\s*ngay\b|\bhang (?:ngay|tuan|thang)\b"
    r"|\b(?:truoc|sau|den|tu|vao) ngay [a-z]+|\bngay (?:khi|sau khi|lap tuc)\b"
)


def asks_day(question_folded: str) -> bool:
    """Whether the question asks for a day ("trước ngày nào", "ngày mấy")."""
    return _ASKS_DAY.search(question_folded) is not None


def _states_asked_measure(reading: Reading, cited: Sequence[StoredClause]) -> bool:
    """Whether a cited clause states a number in the unit the question asks it in ("05
    ngày", "2.000 triệu đồng"), or is a table's row with a figure (its unit in the column's
    heading); true when the question asks no unit."""
    measure = asked_measure(reading.query.text)
    if measure is None:
        return True
    # every cited clause: a lead-in cited with its items may be what states the figure ("35
    # tuần thực học (học kỳ I có 18 tuần, học kỳ II có 17 tuần), cụ thể:")
    # a clause's own words: the heading above it states the figure of the whole part ("1.
    # Vốn ngân sách nhà nước: 1.280 tỷ đồng" over a project's line giving only its length)
    return any(
        states_measure(f"{c.heading or ''} {c.text}", measure)
        or (c.kind in _TABLE_KINDS and states_figure(c.text))
        for c in cited
    )


# a table's cells write the bare figure, the unit in the column's heading ("(triệu đồng)")
_TABLE_KINDS = frozenset(["table_row", "table_group"])


def _states_numbered(text: str, name: str, numbers: Collection[str] = ()) -> bool:
    """Whether folded clause text states a numbered name in either written form ("thu 3",
    "thu ba"), or a cited item is that number ("khẩu hiệu số 24" of the item "24.")."""
    if any(form.split()[-1] in numbers for form in name.split("|") if form.startswith("so ")):
        return True
    # "ưu tiên thứ hai" of the point "b)" of a list: the point at that place
    places = {_POINT_LETTERS.index(n) + 1 for n in numbers if n in _POINT_LETTERS}
    if places and any(_place(form) in places for form in name.split("|")):
        return True
    return any(re.search(rf"\b{re.escape(form)}\b", text) for form in name.split("|"))


# the letters that number a list's points, in order (NĐ 30/2020: a, b, c, d, đ, e …)
_POINT_LETTERS = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n"]


def _place(form: str) -> int | None:
    """The place a numbered form names ("thu 2", "thu hai"), None for another form."""
    words = form.split()
    if len(words) != 2 or words[0] != "thu":
        return None
    return int(words[1]) if words[1].isdigit() else UNITS.get(words[1])


def _over_points(cited: Sequence[StoredClause]) -> list[StoredClause]:
    """The cited clauses that hold another cited clause of their plan in their span: the
    headings cited over their points (`_answering` leaves them out)."""
    answering = _answering(cited)
    return [c for c in cited if c not in answering]


def _answering(cited: Sequence[StoredClause]) -> list[StoredClause]:
    """The cited clauses that answer, not those cited for the heading a duty sits under
    ("1. Bộ Lao động - Thương binh và Xã hội", quoted for its unit): a clause of the same
    plan holding another cited clause inside its span is such a heading."""
    return [
        c
        for c in cited
        if not any(
            o is not c
            and o.document_id == c.document_id
            and c.start <= o.start
            and o.end <= c.end
            and (o.start, o.end) != (c.start, c.end)
            for o in cited
        )
    ]


def topic_share(reading: Reading, cited: Sequence[StoredClause]) -> float:
    """The share of the question's distinct topic words that the cited clauses state, in
    their text, their path or their plan's title and name (1.0 when the question has none)."""
    topic = set(reading.topic)
    if not topic or not cited:
        return 1.0
    words: set[str] = set()
    for c in cited:
        name = c.document_id.replace("-", " ")
        text = _folded_written_out(f"{c.path} {c.text} {c.document_title} {name}")
        words.update(re.sub(r"[^\w\s]", " ", text).split())
    return len(topic & words) / len(topic)


def _figure_in(clause: StoredClause) -> bool:
    """Whether the clause, or the title of its plan ("… (phiên bản 1.0)"), states a figure;
    a title's number or appendix number is none."""
    title = _TITLE_NUMBERING.sub(" ", folded(clause.document_title))
    if _NAMED_LEVEL.search(clause.text):  # "mức nào?" of a level named in words
        return True
    return states_figure(clause.text) or states_figure(title)


# a level the text names in words rather than figures: "đang ở mức “một phần”", "lên mức
# 'toàn trình'"
_NAMED_LEVEL = re.compile(r"\bmức(?: độ)?\s*[“\"'«]")


# how a title names its document or appendix by number: "Kế hoạch số 19", "Phụ lục 01"
_TITLE_NUMBERING = re.compile(
    r"\b(?:so|phu luc|ke hoach|nghi quyet|quyet dinh|chuong trinh|de an|kh|nq|qd)"
    r"\s+[\w./-]*\d[\w./-]*"
)


def unsure_reason(reading: Reading, unmet: Sequence[str]) -> str:
    """What an answer abstained for low confidence says: the part of the question that the
    closest clauses do not state."""
    if "time" in unmet:
        return "Các kế hoạch đã nạp không nêu thời hạn cho nội dung được hỏi."
    if "unit_in_role" in unmet:
        return "Không có chỉ tiêu/nhiệm vụ nào ghi đơn vị được hỏi ở vai trò được hỏi."
    if "doer" in unmet:
        role = ROLE_ASKED.get(reading.query.intent, "thực hiện")
        return f"Các điều khoản gần nhất không nêu đơn vị {role} cho nội dung được hỏi."
    if "figure" in unmet:
        return "Các kế hoạch đã nạp không nêu con số được hỏi cho nội dung này."
    if "period" in unmet and reading.period is not None and reading.period.year is not None:
        return f"Các kế hoạch đã nạp không nêu nội dung này cho năm {reading.period.year}."
    if "numbered" in unmet and reading.numbered:
        name = reading.numbered[0].split("|")[0].replace("so ", "số ").replace("thu ", "thứ ")
        return f"Các kế hoạch đã nạp không có mục/nội dung {name} được hỏi."
    if "rival" in unmet:
        return "Nhiều điều khoản gần với câu hỏi; chưa xác định chắc điều khoản nào trả lời đúng."
    if "topic" in unmet:
        return "Các điều khoản gần nhất chỉ nêu một phần nội dung được hỏi."
    return "Các kế hoạch đã nạp không nêu rõ nội dung được hỏi."


def cites_unit(cited: Sequence[StoredClause], key: str) -> bool:
    """Whether the clauses (their paths included) name the unit `key`, a key keeping a
    short form ("dang uy hdnd tinh" of "Đảng ủy HĐND tỉnh") spelled out too."""
    if _names_unit(_unit_text(cited, key), key):
        return True
    spelled = folded(expand_abbreviations(key, keep_short=False))
    return spelled != key and _names_unit(_unit_text(cited, spelled), spelled)


def not_issuers(
    units: Sequence[str], cited: Sequence[StoredClause], issuers: Sequence[str] = ()
) -> tuple[str, ...]:
    """The units named that do not issue a cited clause's plan: "(KH 16 MTTQ)" names the
    plan by its number's issuer ("16/KH-MTTQ-BTT"), "của MTTQ xã Lương Minh" by its issuer
    (`issuers`, as its header names them), not a unit its clause must name."""
    symbols = " ".join(
        re.sub(r"[/-]", " ", c.document_number or "") for c in cited if c.document_number
    )
    if not symbols and not issuers:
        return tuple(units)
    named = folded(expand_abbreviations(" ; ".join([symbols, *issuers])))
    return tuple(
        key
        for key in units
        if not _names_unit(named, key)
        # a key keeping a short form ("dang uy ubnd tinh"), spelled out
        and not _names_unit(named, folded(expand_abbreviations(key, keep_short=False)))
    )


def _names_unit(text: str, key: str) -> bool:
    """Whether the (folded, expanded) text names the unit: its name's words together and in
    order ("Sở Y tế"), not scattered over the clause ("… chuyển đổi số …", "Phòng Y tế"
    names no "Sở Y tế"; "thành phần kinh tế" no "Phòng Kinh tế"; "Thường trực HĐND tỉnh",
    a standing body, no "HĐND tỉnh"). "các" between them is no matter ("UBND các xã" is
    "UBND xã")."""
    words = [w for w in key.split() if w not in _FILLERS]
    if not words:
        return False
    plain = " ".join(w for w in re.sub(r"[^\w\s]", " ", text).split() if w not in _FILLERS)
    if names_itself(plain, " ".join(words)):
        return True
    # a long name is often shortened after its first mention ("cơ quan thường trực Ban Chỉ
    # đạo" of "Ban Chỉ đạo chuyển đổi số"): its first three words together, the rest anywhere
    head, rest = words[:_HEAD_WORDS], words[_HEAD_WORDS:]
    return bool(rest) and names_itself(plain, " ".join(head)) and set(rest) <= set(plain.split())


_HEAD_WORDS = 3


_FILLERS = frozenset(["cac", "nhung"])
# what folding would merge into a unit's name: "cơ sở y tế" (a facility), "chuyển đổi số y tế"
_NOT_A_DEPARTMENT = (
    (re.compile(r"\b(c[ơo])\s+(s[ởo])\b", re.IGNORECASE), r"\1\2"),
    (re.compile(r"\b([sS])ố\b"), r"\1ố_"),
)


def _unit_text(cited: Sequence[StoredClause], key: str) -> str:
    """The cited clauses folded for finding the unit `key` in them: abbreviations written
    out; for a department ("so y te"), "số" (a number) and "cơ sở" (a facility) kept apart
    from its "Sở" ("Tổ công nghệ số" keeps its "số")."""
    text = " ".join(f"{c.path} {c.text}" for c in cited)
    if key.split()[0] == "so":
        for pattern, replacement in _NOT_A_DEPARTMENT:
            text = pattern.sub(replacement, text)
    return folded(expand_abbreviations(text))


@lru_cache(maxsize=4096)
def _folded_written_out(text: str) -> str:
    """A cited clause's path and text folded, abbreviations written out: once per clause,
    not once per answer (a list's page cites the same rows answer after answer)."""
    return folded(expand_abbreviations(text))


def hedged(answer: Answer) -> Answer:
    """The answer marked as uncertain: its first line starts with "Có thể"."""
    if answer.abstained or answer.answer.startswith(HEDGE_PREFIX):
        return answer
    return replace(answer, answer=HEDGE_PREFIX + answer.answer)
