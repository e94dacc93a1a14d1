"""A task sentence that opens with a condition before its subject: "Trên cơ sở đề nghị của
UBND quận, huyện, Sở Xây dựng chủ trì …", "Sau khi UBND Thành phố phê duyệt Đề án …, Sở Tài
chính lập thủ tục …". The unit that acts is the first one after a comma of the lead-in that
a role or a task verb follows; the units inside the lead-in only propose or approve. ("Trong
quá trình thực hiện, các cơ quan báo cáo …" is the plan's closing, not a lead-in.)"""

from __future__ import annotations

import re

from ingest.parser.unit_names import UnitSpan, name_end, split_unit_list, starts_unit

_LEAD_IN = re.compile(
    # ("Trong thời gian giữa hai kỳ họp, Thường trực HĐND tỉnh xem xét …": a time first)
    r"[\s*_]*(?:Trên cơ sở|Căn cứ|Sau khi|Trường hợp|Trong thời gian)\s".replace(" ", r"\s+"),
    re.IGNORECASE,
)
# what the subject does right after its name (what a unit does as the one that acts)
_ACTS = re.compile(
    (
        r"\s*,?\s*(?:chủ trì|có trách nhiệm|chịu trách nhiệm|thực hiện|triển khai|tham mưu|"
        r"thẩm định|lập|xây dựng|tổ chức|tổng hợp|phê duyệt|rà soát|kiểm tra|hướng dẫn|"
        r"báo cáo|trình|bố trí|ban hành|cấp phát|thành lập|xem xét)(?![^\W\d_])"
    ).replace(" ", r"\s+"),
    re.IGNORECASE,
)
_REACH = 400  # how far into the sentence the subject is looked for


def subject_after_lead_in(source: str, start: int, end: int) -> list[UnitSpan]:
    """The acting units of a sentence at `start` that opens with a lead-in, else []."""
    if not _LEAD_IN.match(source, start, end):
        return []
    limit = min(end, start + _REACH)
    stop_at = re.compile(r"[.;]").search(source, start, limit)
    limit = stop_at.start() if stop_at else limit
    for comma in re.finditer(r",\s*", source[start:limit]):
        position = start + comma.end()
        if not starts_unit(source, position):
            continue
        stop = name_end(source, position, end)
        if _ACTS.match(source, stop, end):
            return split_unit_list(source, position, stop)
    return []
