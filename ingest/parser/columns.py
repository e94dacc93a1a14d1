"""What each table column means, read from its header text whatever the column order."""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum

from ingest.normalize_vi import folded


class ColumnRole(StrEnum):
    """The meaning of a table column."""

    NUMBER = "number"
    CONTENT = "content"
    MONITORING = "monitoring"  # theo dõi / trực tiếp chỉ đạo / đôn đốc
    LEAD = "lead"  # chủ trì (tổ chức triển khai)
    COOPERATING = "cooperating"  # phối hợp
    DEADLINE = "deadline"
    NOTE = "note"
    UNKNOWN = "unknown"


# Checked in order: the first rule whose pattern matches names the column. Monitoring is
# tested before lead because "Đơn vị chủ trì theo dõi, …" is a monitoring column.
_RULES: tuple[tuple[ColumnRole, re.Pattern[str]], ...] = (
    (ColumnRole.NUMBER, re.compile(r"^(stt|tt|so tt|so thu tu)$")),
    (ColumnRole.DEADLINE, re.compile(r"thoi gian|thoi han|tien do|han hoan thanh|moc")),
    (ColumnRole.NOTE, re.compile(r"ghi chu")),
    (ColumnRole.COOPERATING, re.compile(r"phoi hop")),
    (ColumnRole.MONITORING, re.compile(r"theo doi|chi dao|don doc|giam sat|kiem tra")),
    (ColumnRole.LEAD, re.compile(r"chu tri|thuc hien|trien khai|don vi|co quan")),
    (ColumnRole.CONTENT, re.compile(r"noi dung|chi tieu|nhiem vu|ten |du an|hoat dong")),
)


def classify_header(labels: Sequence[str]) -> tuple[ColumnRole, ...]:
    """The role of each column from its header label."""
    roles: list[ColumnRole] = []
    for label in labels:
        plain = folded(label)
        role = ColumnRole.UNKNOWN
        for candidate, pattern in _RULES:
            if plain and pattern.search(plain):
                role = candidate
                break
        roles.append(role)
    return tuple(roles)
