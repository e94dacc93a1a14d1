"""Stages of a plan ("đến năm 2030", "giai đoạn 2026-2030") read from headings, texts and headers.

Plans set targets by stage: a heading "Mục tiêu đến năm 2025", a lead-in "Đến năm 2030:", a
table group row "Năm 2025", a column "Chỉ tiêu đến 2030". These pure functions say which stage
such a text names, as a period label: one year ("2030") or a span ("2026-2030").
"""

from __future__ import annotations

import re

from ingest.normalize_vi import folded

# A stage expression: the words that introduce a year or a span of years, then the years.
_STAGE = re.compile(
    r"(?<![a-z0-9])(?:(?:tu nay |tam nhin |dinh huong )?den (?:het |cuoi )?(?:nam )?"
    r"|trong (?:nam |giai doan |thoi ki )?|cuoi nam |nam |giai doan |thoi ki |ki |nhiem ki )"
    r"((?:19|20)\d{2})(?:\s*-\s*((?:19|20)\d{2}))?(?![0-9])"
)
# Words a stage heading may open with before the stage itself ("Mục tiêu cụ thể đến năm 2025").
_LEAD_WORDS = re.compile(
    r"^(?:cac |nhung )?(?:muc tieu|chi tieu|nhiem vu|dinh huong|tam nhin|ket qua|phan dau|"
    r"ke hoach|giai doan|lo trinh|buoc)(?:,? [a-z]+|,? -){0,8}? $"
)
# A clause whose own text opens with its stage: "Đến năm 2030, …", "Năm 2025: …".
_LEADING = re.compile(
    r"^(?:(?:muc tieu|phan dau) )?(?:(?:tu nay )?den (?:het |cuoi )?nam|trong nam|nam|"
    r"giai doan|trong giai doan)\s+((?:19|20)\d{2})(?:\s*-\s*((?:19|20)\d{2}))?\s*[,:]"
)
# A plan's own title opens with its kind and a subject before the year: the whole document's
# scope. "Kế hoạch năm 2026", "Kế hoạch thực hiện năm 2026" stay stage headings.
_DOCUMENT_TITLE = re.compile(r"^ke hoach(?: [a-z]+){3,}")
_MAX_TAIL_WORDS = 3
_MAX_COLUMN_WORDS = 6
# Column headers that hold values set for a stage ("Chỉ tiêu đến 2025", "Kế hoạch năm 2025").
_VALUE_COLUMN = re.compile(
    r"^(?:(?:chi tieu|muc tieu|ket qua|gia tri|ke hoach|uoc (?:thuc hien|dat)|thuc hien|"
    r"dat|phan dau|tam nhin|dinh huong)(?: [a-z]+){0,2}? )?"
    r"(?:(?:den|dat|toi) (?:het |cuoi )?(?:nam )?|nam |giai doan |trong nam |)"
    r"((?:19|20)\d{2})(?:\s*-\s*((?:19|20)\d{2}))?$"
)


# A phase bounded by months or by two years ("Giai đoạn từ tháng 6 năm 2025 đến hết năm
# 2028", "đến trước tháng 6 năm 2025"): the months dropped, two years joined as one span.
_MONTH = re.compile(
    r"\b(tu|den|toi) (?:truoc |het |cuoi )?thang \d{1,2}(?: nam|/)\s*(?=(?:19|20)\d{2}\b)"
)
_BOUNDED = re.compile(
    r"\btu (?:nam )?((?:19|20)\d{2}) (?:den|toi) (?:het |cuoi )?(?:nam )?((?:19|20)\d{2})\b"
)


def _phases_joined(plain: str) -> str:
    """`plain` (folded) with a phase's months left out and its two bounding years written as
    one span: "tu thang 6 nam 2025 den het nam 2028" → "tu nam 2025-2028"."""
    if "thang" in plain:
        plain = _MONTH.sub(lambda m: f"{m.group(1)} nam ", plain)
    return _BOUNDED.sub(lambda m: f"tu nam {m.group(1)}-{m.group(2)}", plain)


# Every stage names a year: text without one is skipped before the (costly) folding.
_ANY_YEAR = re.compile(r"(?:19|20)\d{2}")


def _label(first: str, last: str | None) -> str:
    return f"{first}-{last}" if last and last != first else first


def stages_in(text: str) -> tuple[str, ...]:
    """Every stage named in a text, in order, without repeats ("đến 2030, tầm nhìn 2045")."""
    if not _ANY_YEAR.search(text):
        return ()
    found: list[str] = []
    for match in _STAGE.finditer(_phases_joined(folded(text))):
        label = _label(match.group(1), match.group(2))
        if label not in found:
            found.append(label)
    return tuple(found)


def heading_stage(heading: str) -> str | None:
    """The stage a heading is about ("Mục tiêu đến năm 2030" → "2030"), or None.

    The heading must be the stage, perhaps after a few lead words ("Mục tiêu cụ thể", "Các chỉ
    tiêu chủ yếu") and with little after it; a heading naming two stages ("đến năm 2030, tầm
    nhìn đến năm 2045") is a whole plan's scope, not one stage, and gives None.
    """
    if not _ANY_YEAR.search(heading):
        return None
    plain = folded(heading).strip().rstrip(":.;").strip()
    plain = re.sub(r"^\(?([ivx]+|\d+(?:\.\d+)*|[a-z])[.)]\s*", "", plain)
    plain = re.sub(r"[*()]", " ", plain)
    plain = _phases_joined(" ".join(plain.split()))
    matches = list(_STAGE.finditer(plain))
    if not matches:
        return None
    labels = {_label(m.group(1), m.group(2)) for m in matches}
    if len(labels) != 1:
        return None
    first = matches[0]
    before = plain[: first.start()]
    if before and not _LEAD_WORDS.match(before):
        return None
    if _DOCUMENT_TITLE.match(before):
        return None  # "Kế hoạch chuyển đổi số tỉnh X năm 2026": a document's title, not a stage
    tail = plain[matches[-1].end() :].strip(" ,:;.-")
    if len(tail.split()) > _MAX_TAIL_WORDS:
        return None
    return labels.pop()


def leading_stage(text: str) -> str | None:
    """The stage a clause's own text opens with ("Đến năm 2030, 100% …" → "2030"), or None."""
    if not _ANY_YEAR.search(text):
        return None
    plain = folded(text).strip()
    plain = re.sub(r"^(?:[-+*•–]|\(?(?:[ivx]+|\d+(?:\.\d+)*|[a-z])[.)])\s*", "", plain)
    match = _LEADING.match(plain)
    if not match:
        return None
    return _label(match.group(1), match.group(2))


# between a spanning header cell's label and a column's own sub-label in a full column label
# ("Hạn ngạch phát thải khí nhà kính › Năm 2026"; `ingest.parser.tables.column_label`)
LABEL_JOIN = " › "


def column_stage(header: str) -> str | None:
    """The stage of a value column ("Năm 2025", "Chỉ tiêu đến 2030", "Giai đoạn 2026-2030");
    of a full label, its own sub-label's stage, else its spanning header's."""
    if LABEL_JOIN.strip() in header:
        parent, _, own = header.rpartition(LABEL_JOIN.strip())
        return column_stage(own.strip()) or column_stage(parent.strip())
    if not _ANY_YEAR.search(header):
        return None
    plain = " ".join(re.sub(r"[():,*]", " ", folded(header)).split())
    if len(plain.split()) > _MAX_COLUMN_WORDS:
        return None
    match = _VALUE_COLUMN.match(plain)
    if not match:
        return None
    return _label(match.group(1), match.group(2))
