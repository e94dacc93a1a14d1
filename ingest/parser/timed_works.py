"""The works of one duty that each carry their own time.

A council resolution or a steering plan often gives one unit several works in one point,
each with its own time: "… bàn giao cho xã quản lý hoàn thành trong Quý 4 năm 2017; công
trình thủy lợi Ngọc Linh hoàn thành và đưa vào sử dụng trong tháng 3 năm 2018; khắc phục
rò rỉ hồ thủy lợi thôn Mã Tẻn xong trước ngày 30/8/2017." The row keeps its first time as
its deadline; the works are kept beside it, so that a question naming one work is answered
with that work's time. A part is a sentence or a clause after ";"; a part holds a work's
time when the duty's deadline patterns (`duty_roles.deadlines_in`) find one in it.
"""

from __future__ import annotations

import re
from itertools import pairwise

from ingest.domain import TimedWork
from ingest.parser.duty_roles import deadlines_in

# where one work of a duty ends and the next begins: a ";" or a sentence's full stop
_PART_END = re.compile(r"[;.](?=\s)")


def timed_works(source: str, start: int, end: int) -> tuple[TimedWork, ...]:
    """The works of the duty source[start:end], one per part stating its own time, when at
    least two parts state different times; else none (one time is the row's deadline)."""
    times = deadlines_in(source, start, end)
    if len(times) < 2:
        return ()
    bounds = [start, *(m.end() for m in _PART_END.finditer(source, start, end)), end]
    works: list[TimedWork] = []
    for low, high in pairwise(bounds):
        inside = [t for t in times if low <= t.start and t.end <= high]
        if len(inside) != 1:
            continue  # a part with no time, or two times of its own: no one work's time
        when = inside[0]
        offset = len(source[low:high]) - len(source[low:high].lstrip())
        part_start, part_end = low + offset, low + len(source[low:high].rstrip())
        if part_end <= part_start:
            continue
        text = " ".join(source[part_start:part_end].split())
        works.append(TimedWork(text, part_start, part_end, when.text, when.start, when.end))
    if len(works) < 2 or len({w.deadline for w in works}) < 2:
        return ()
    return tuple(works)
