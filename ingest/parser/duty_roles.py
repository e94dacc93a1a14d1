"""Roles a task's own sentence gives: "Sở X chủ trì, phối hợp với Sở Y …", "giao UBND các
huyện thực hiện", "… do Sở X chủ trì", and its deadline ("Thời hạn: Quý IV/2025")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.parser.lead_in import subject_after_lead_in
from ingest.parser.unit_names import UPPER, UnitSpan, name_end, split_unit_list, starts_unit

# What a unit does when it is the subject of a task ("Sở X chủ trì …", "Sở X có trách nhiệm").


def _words(pattern: str) -> re.Pattern[str]:
    """A pattern whose spaces match any run of whitespace (hard-wrapped lines)."""
    return re.compile(pattern.replace(" ", r"\s+"), re.IGNORECASE)


_SUBJECT_ROLE = _words(
    r"\s*,?\s*(?:chủ trì|có trách nhiệm|chịu trách nhiệm|là cơ quan (?:chủ trì|đầu mối|thường trực)"
    r"|làm đầu mối|là đầu mối|phụ trách|thực hiện|triển khai|tham mưu"
    # a Party committee's duty (HĐ 36): "Đảng đoàn HĐND tỉnh lãnh đạo thể chế hóa …"
    r"|lãnh đạo|chỉ đạo)(?![^\W\d_])"
)
# a body's own act as its duty, where the body opens a numbered task: "1. Bộ Chính trị ban
# hành Chương trình hành động …", "4. Các tỉnh uỷ … xây dựng chương trình, kế hoạch …" (in a
# paragraph, "…, UBND thành phố xây dựng Kế hoạch này" tells of the plan itself)
_OWN_ACT = _words(r"\s*,?\s*(?:ban hành|xây dựng)(?![^\W\d_])")
_COOPERATES = _words(r"\s*,?\s*phối hợp(?![^\W\d_])")
# "Ủy ban Thường vụ Quốc hội …, trong phạm vi chức năng, nhiệm vụ của mình, giám sát việc thực
# hiện …": the subject monitors the plan (theo dõi, giám sát), it does not carry out a task
# "Ủy ban Kiểm tra Tỉnh ủy thường xuyên kiểm tra, giám sát các cấp uỷ …" likewise
_MONITORS = _words(
    r"\s*,?\s*(?:trong phạm vi [^.;]{0,80}?(?:,|của mình|được giao)\s*)?"
    r"(?:(?:thường xuyên )?(?:giám sát|theo dõi|kiểm tra, giám sát)(?![^\W\d_])"
    # a council's closing article: its own bodies "có trách nhiệm giám sát việc thực hiện
    # Nghị quyết" (supervision is all they do with it)
    r"|(?:có|chịu) trách nhiệm giám sát việc thực hiện Nghị quyết)"
)
# "… trong phạm vi nhiệm vụ, quyền hạn của mình có trách nhiệm thực hiện Nghị quyết": the
# scope between the subject and its role
_SCOPE = _words(r"\s*,?\s*trong phạm vi [^.;]{0,80}?(?:của mình|được giao)\s*,?")
# Words before a subject that assign the task to it.
_ASSIGN = re.compile(r"(?:(?:Giao|Đề nghị)\s+(?:cho\s+)?)", re.IGNORECASE)
# "Chỉ đạo Ban Dân tộc tỉnh phối hợp …" under a council's "đề nghị Ủy ban nhân dân tỉnh chỉ
# đạo thực hiện …", and "Đề nghị UBND tỉnh chỉ đạo Bộ Chỉ huy Quân sự tỉnh …": the unit
# directed carries the task out, the one asked to direct it oversees it
_DIRECTS = _words(r"\s*(?:quan tâm )?chỉ đạo\s+")
# "giao Sở X …" assigns; "(nhiệm vụ) được giao cho …" only recalls an assignment
_GIVEN = re.compile(r"(?<![^\W\d_])giao\s+(?:cho\s+)?", re.IGNORECASE)
_RECALLED = re.compile(r"(?:được|đã)\s+$", re.IGNORECASE)
_DONE_BY = re.compile(r"(?<![^\W\d_])do\s+", re.IGNORECASE)
# "… do Bộ Quốc phòng hướng dẫn thực hiện": the unit that guides (directs, organises) the
# doing of it; "mẫu do Bộ Tài chính hướng dẫn" alone only points at guidance
_DONE_BY_ROLE = _words(
    r"\s*(?:(?:hướng dẫn|chỉ đạo|tổ chức) thực hiện|chủ trì|làm đầu mối|phụ trách|thực hiện)"
    r"(?![^\W\d_])"
)
# "phối hợp Văn phòng UBND tỉnh đánh giá …" as often as "phối hợp với …": the unit follows
_PARTNERS = _words(r"(?<![^\W\d_])phối hợp(?: chặt chẽ)?(?: (?:với|cùng))? ")
_POINTS_AHEAD = re.compile(r"(?:sau đây|dưới đây|sau)$")
_NAMES_FOLLOW = _words(r"các (?:sở|bộ|ban|cơ quan|đơn vị)")
_OPENS_COOPERATING = _words(r"(?:tham gia )?phối hợp(?![^\W\d_])")
_SENTENCE_END = re.compile(rf"[.;]\s+(?=[{UPPER}])")
# A deadline the task states: "thời gian hoàn thành: Quý IV/2025", "Thời hạn: 30/6/2026",
# "hoàn thành trước ngày 31/8/2022", "Hoàn thành trong tháng 3/2023", "trước ngày 15/12/2026".
_WHEN_CORE = (
    r"(?:\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|"
    r"tháng\s+\d{1,2}\s*/\s*\d{4}|tháng\s+\d{1,2}\s+năm\s+\d{4}|quý\s+(?:[IV]+|[1-4])\s*/\s*\d{4}|"
    r"quý\s+(?:[IV]+|[1-4])\s+năm\s+\d{4}|năm\s+\d{4})"
)
_WHEN = rf"(?:(?:trước|trong|chậm nhất|vào|cuối|đến(?:\s+hết)?)\s+(?:ngày\s+)?)?{_WHEN_CORE}"
# the limit closing a sentence that completes or submits something: "Hoàn thành việc … đến
# hết năm 2019", "… trình Thủ tướng Chính phủ trong quý 1/2019"
_COMPLETES = r"hoàn thành|trình|đưa vào (?:sử dụng|vận hành|khai thác)"  # "… đưa vào sử dụng"
_LIMIT = rf"(?:đến\s+hết|trước|chậm nhất(?:\s+là)?|trong)\s+(?:ngày\s+)?{_WHEN_CORE}"
# "trước ngày 15/12/2026": a dated limit (a recurring "trước ngày 25 hằng tháng" has no year)
_DAY = r"\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2} tháng \d{1,2} năm \d{4}"
# a report due at a council's session: "báo cáo kết quả thực hiện tại Kỳ họp thứ Sáu, HĐND
# tỉnh (dự kiến tổ chức tháng 12/2017)", "trình Quốc hội tại kỳ họp thứ 10"
_SESSION = (
    r"(?:tại|vào) kỳ họp (?:bất thường )?(?:lần )?thứ (?:\d{1,2}|[^\W\d_]+)"
    r"(?:,? (?:HĐND|Hội đồng nhân dân|Quốc hội)"
    r"(?: (?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường))?)?"
    r"(?:,? khóa [IVXL]+)?(?: \([^()]{0,60}\))?"
)
_DEADLINE = _words(
    rf"(?:thời gian hoàn (?:thành|tất)|thời gian thực hiện|thời hạn(?: hoàn thành)?|tiến độ)\s*:\s*"
    rf"({_WHEN}|thường xuyên|hằng năm|hàng năm|hằng quý|hàng quý)"
    rf"|(?:hoàn thành|xong)\s*,?\s*({_WHEN})"
    rf"|(?<![^\W\d_])((?:trước|chậm nhất(?: là)?) ngày (?:{_DAY}))"
    rf"|(?:{_COMPLETES})(?![^\W\d_])[^.;:]{{0,240}}?\s({_LIMIT})(?=\s*[.;]|\s*$)"
    rf"|(?:báo cáo|trình)(?![^\W\d_])[^.;:]{{0,160}}?\s({_SESSION})"
)


@dataclass
class SentenceRoles:
    """Units and deadline found in one task's text, each with its span in the source."""

    lead: list[UnitSpan] = field(default_factory=list)
    cooperating: list[UnitSpan] = field(default_factory=list)
    monitoring: list[UnitSpan] = field(default_factory=list)
    partners: list[UnitSpan] = field(default_factory=list)  # after "phối hợp với"
    subject_cooperates: bool = False  # "Sở A phối hợp với Sở B …": A co-operates
    opens_with_cooperation: bool = False  # "Phối hợp với Sở B …" (the unit is in a heading)
    directed: bool = False  # "Chỉ đạo Sở X …": the lead is a unit someone is asked to direct
    deadline: UnitSpan | None = None


def read_roles(source: str, start: int, end: int, own_acts: bool = False) -> SentenceRoles:
    """The roles a task's text [start, end) of `source` states."""
    roles = SentenceRoles()
    _read_subject(source, start, end, roles, own_acts)
    if not roles.lead and not roles.cooperating:
        _read_given(source, start, end, roles)
    for match in _PARTNERS.finditer(source, start, end):
        first = match.end()
        if starts_unit(source, first):
            stop = name_end(source, first, end)
            listed = re.match(r":\s*", source[stop:end])
            if listed and _NAMES_FOLLOW.fullmatch(source, first, stop):
                # "phối hợp với các sở: Thông tin và Truyền thông, Nội vụ, …" is one unit list
                after = stop + listed.end()
                stop = name_end(source, after, end) if after < end else stop
                roles.partners.append(UnitSpan(" ".join(source[first:stop].split()), first, stop))
                continue
            roles.partners.extend(split_unit_list(source, first, stop))
    roles.opens_with_cooperation = bool(_OPENS_COOPERATING.match(source, start, end))
    times = deadlines_in(source, start, end, first=True)
    roles.deadline = times[0] if times else None
    return roles


def deadlines_in(source: str, start: int, end: int, first: bool = False) -> list[UnitSpan]:
    """Every time a task's text [start, end) states as its deadline, in order (the first
    only with `first`)."""
    found: list[UnitSpan] = []
    for when in _DEADLINE.finditer(source, start, end):
        group = next(k for k in (1, 2, 3, 4, 5) if when.group(k))
        found.append(
            UnitSpan(" ".join(when.group(group).split()), when.start(group), when.end(group))
        )
        if first:
            break
    return found


def _read_subject(
    source: str, start: int, end: int, roles: SentenceRoles, own_acts: bool = False
) -> None:
    """ "Sở X chủ trì …", "Giao Sở X …" at the start of a sentence of the task; with
    `own_acts`, "Bộ Chính trị ban hành …" opening the task too."""
    starts = [start, *(m.end() for m in _SENTENCE_END.finditer(source, start, end))]
    for position in starts:
        assigned = _ASSIGN.match(source, position, end)
        if assigned:
            position = assigned.end()
        directing = _DIRECTS.match(source, position, end)
        if directing and starts_unit(source, directing.end()):
            _read_directed(source, directing.end(), end, roles, [])
            return
        if not starts_unit(source, position):
            acting = subject_after_lead_in(source, position, end)
            if acting:  # "Trên cơ sở đề nghị của …, Sở X chủ trì …"
                roles.lead.extend(acting)
                return
            continue
        stop = name_end(source, position, end)
        units = split_unit_list(source, position, stop)
        if not units or _POINTS_AHEAD.search(units[-1].text):
            continue  # "Các cơ quan, đơn vị sau đây chịu trách nhiệm …": the list follows
        if _COOPERATES.match(source, stop, end) and not assigned:
            roles.cooperating.extend(units)
            roles.subject_cooperates = True
            return
        # ("Giao Bộ Chính trị chỉ đạo …": the body given the task directs; only a request
        # "Đề nghị UBND tỉnh chỉ đạo Sở X …" hands the task to the unit directed)
        requested = assigned and assigned.group().lower().startswith("đề nghị")
        directing = _DIRECTS.match(source, stop, end) if requested else None
        if directing and starts_unit(source, directing.end()):
            _read_directed(source, directing.end(), end, roles, units)
            return
        if not assigned and _MONITORS.match(source, stop, end):
            roles.monitoring.extend(units)
            return
        scope = _SCOPE.match(source, stop, end)
        acts = own_acts and position == start and _OWN_ACT.match(source, stop, end)
        if assigned or acts or _SUBJECT_ROLE.match(source, scope.end() if scope else stop, end):
            roles.lead.extend(units)
            return


def _read_given(source: str, start: int, end: int, roles: SentenceRoles) -> None:
    """ "… giao UBND các huyện thực hiện", "… do Sở X chủ trì" anywhere in the task."""
    for match in _GIVEN.finditer(source, start, end):
        if _RECALLED.search(source, max(start, match.start() - 8), match.start()):
            continue
        if starts_unit(source, match.end()):
            stop = name_end(source, match.end(), end)
            if stop < end and source[stop:end].strip()[:1] not in (".", ";", ""):
                roles.lead.extend(split_unit_list(source, match.end(), stop))
                return
    for match in _DONE_BY.finditer(source, start, end):
        if starts_unit(source, match.end()):
            stop = name_end(source, match.end(), end)
            if _DONE_BY_ROLE.match(source, stop, end):
                roles.lead.extend(split_unit_list(source, match.end(), stop))
                return


def _read_directed(
    source: str, start: int, end: int, roles: SentenceRoles, directing: list[UnitSpan]
) -> None:
    """The units directed at `start` lead the task; those asked to direct them oversee it."""
    units = split_unit_list(source, start, name_end(source, start, end))
    roles.lead.extend(units)
    roles.monitoring.extend(directing)
    roles.directed = bool(units)
