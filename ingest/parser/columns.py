"""What each table column means, from its header text and, where the header is ambiguous, its cells.

Headers follow the words officials write ("Cơ quan chủ trì", "Đơn vị phối hợp, tham vấn",
"Thời gian hoàn thành", "Đơn vị tính", "Kết quả", "Chỉ tiêu đến năm 2030"), in any order. Some
words name different things in different tables: "Đơn vị" over "%" or "Doanh nghiệp" is a unit
of measure, over "Sở Y tế" an agency; "Kết quả" over "≥ 80%" is a target value, over "Báo cáo"
a product. For those the cells decide.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum

from ingest.normalize_vi import folded
from ingest.parser.periods import LABEL_JOIN, column_stage


class ColumnRole(StrEnum):
    """The meaning of a table column (the string values are stored in the index)."""

    NUMBER = "number"
    CONTENT = "content"
    MONITORING = "monitoring"  # theo dõi, đánh giá / trực tiếp chỉ đạo / đôn đốc
    LEAD = "lead"  # chủ trì / cơ quan thực hiện
    COOPERATING = "cooperating"  # phối hợp / tham vấn
    HIGHEST_RESPONSIBILITY = "highest_responsibility"  # cơ quan chịu trách nhiệm cao nhất
    DEADLINE = "deadline"  # thời gian, thời hạn, tiến độ, lộ trình
    PRODUCT = "product"  # sản phẩm, kết quả đầu ra
    VALUE = "value"  # kết quả, mục tiêu, chỉ tiêu đến năm …
    MEASURE_UNIT = "measure_unit"  # đơn vị tính: "%", "người", "Doanh nghiệp"
    GROUP = "group"  # lĩnh vực, nhóm
    NOTE = "note"
    UNKNOWN = "unknown"


# Roles whose cells name agencies (the who-columns).
AGENCY_ROLES = (
    ColumnRole.MONITORING,
    ColumnRole.LEAD,
    ColumnRole.COOPERATING,
    ColumnRole.HIGHEST_RESPONSIBILITY,
)

_VALUE_HEADER = re.compile(
    r"^(?:ket qua|muc tieu|gia tri|muc dat|chi tieu can dat)"
    r"(?: (?:can dat|phan dau|dat duoc|du kien|thuc hien|dat|nam|giao))?(?: %| \\(%\\))?$"
)

# Checked in order: the first rule whose pattern matches names the column. Monitoring is
# tested before lead because "Cơ quan chủ trì theo dõi, đánh giá" is a monitoring column, and
# a stage-year value column ("Chỉ tiêu đến 2030") before content ("Chỉ tiêu").
_RULES: tuple[tuple[ColumnRole, re.Pattern[str]], ...] = (
    # "ST/T", "T/T" and "ST T": the label wrapped in a narrow column
    (ColumnRole.NUMBER, re.compile(r"^(s ?t ?t|t ?t|s ?t ?/ ?t|t ?/ ?t|so tt|so thu tu)$")),
    (ColumnRole.MEASURE_UNIT, re.compile(r"^(dvt|don vi tinh|don vi do|don vi do luong)\b")),
    (ColumnRole.DEADLINE, re.compile(r"thoi gian|thoi han|tien do|han hoan thanh|moc|lo trinh")),
    (ColumnRole.NOTE, re.compile(r"ghi chu")),
    (ColumnRole.PRODUCT, re.compile(r"san pham|ket qua dau ra|dau ra")),
    (ColumnRole.HIGHEST_RESPONSIBILITY, re.compile(r"trach nhiem cao nhat")),
    (ColumnRole.COOPERATING, re.compile(r"phoi hop|tham van")),
    (ColumnRole.MONITORING, re.compile(r"theo doi|chi dao|don doc|giam sat|kiem tra")),
    (ColumnRole.VALUE, _VALUE_HEADER),
    (ColumnRole.LEAD, re.compile(r"chu tri|thuc hien|trien khai|phu trach|don vi|co quan")),
    (ColumnRole.CONTENT, re.compile(r"noi dung|chi tieu|nhiem vu|ten |du an|hoat dong|giai phap")),
    (ColumnRole.GROUP, re.compile(r"^(linh vuc|nhom|tru cot)\b")),
)
# Headers whose meaning the cells settle: a bare "Đơn vị", a bare "Kết quả" / "Mục tiêu".
_AMBIGUOUS_UNIT = re.compile(r"^don vi$")
_AMBIGUOUS_VALUE = re.compile(r"^(ket qua|muc tieu)$")

# Units of measure written in indicator tables (folded).
_MEASURES = re.compile(
    r"^(?:%|phan tram|ti le %|nguoi|luot(?: nguoi)?|doanh nghiep|dn|ho|ho gia dinh|xa|phuong|"
    r"huyen|tinh|thon|km|km2|m|m2|m3|ha|tan|kg|tri[eê]u dong|ti dong|trieu|ti|dong|usd|"
    r"trieu usd|ti usd|co so|truong|benh vien|giuong|bac si|diem|chi so|so|he thong|"
    r"dich vu|thu tuc|ho so|van ban|cuoc|lan|nam|thang|ngay|gio|kw|kwh|mw|mbps|gb|tb|"
    r"san pham|mo hinh|cum|nen tang|ung dung|co quan|don vi|chuong trinh|de an|du an|"
    r"hop tac xa|htx|thiet bi|tram|trang|tai khoan|giao dich|buoc|cap|bac|hang|vi tri|"
    r"thue bao|gia dinh|hoc sinh|sinh vien|lao dong|can bo|bai|lop|khoa|chuyen de|tiet)"
    r"(?:\s*/\s*[a-z0-9 ]{1,20})?$"
)
# Words that open an agency's name (folded).
_AGENCY = re.compile(
    r"^(?:cac |tat ca cac )?(?:so|ban|bo|uy ban|ubnd|hdnd|cong an|bo chi huy|phong|trung tam|"
    r"van phong|cuc|chi cuc|tong cuc|hoi|dai|bao|vien|kho bac|ngan hang|bao hiem|thanh tra|"
    r"mat tran|tinh uy|thanh uy|huyen uy|dang uy|dang doan|ban can su|chinh phu|thu tuong|"
    r"quoc hoi|toa an|vien kiem sat|lien doan|tinh doan|thanh doan|doan|cong ty|tap doan|"
    r"tong cong ty|buu dien|vien thong|ca |co quan|don vi|dia phuong|nganh)\b"
)
# a header naming the items before the bodies ("Danh mục dự án/ Cơ quan, đơn vị thực hiện")
_ITEMS_FIRST = re.compile(r"^(?:danh muc|ten|noi dung|nhiem vu)\b[^/]*/")
_DATE_LIKE = re.compile(
    r"\d{1,2}/\d{4}|\b(?:19|20)\d{2}\b|thuong xuyen|hang nam|quy [ivx1-4]|thang \d|truoc ngay|"
    r"lien tuc|giai doan"
)
_FIGURE = re.compile(r"\d")
_SHORT_CELL_WORDS = 4
_SAMPLE = 30


def _rule_role(plain: str) -> ColumnRole:
    """The role a (folded) label names; a full label (spanning header › own sub-label) is
    a value column when either part names a stage, else what its own part names, else what
    the spanning header names ("Thời gian thực hiện › Bắt đầu" is a deadline)."""
    if not plain:
        return ColumnRole.UNKNOWN
    joint = LABEL_JOIN.strip()
    if joint in plain:
        parent, _, own = (part.strip(" :.") for part in plain.rpartition(joint))
        if column_stage(plain) is not None and not re.search(r"co quan|don vi|chu tri", own):
            return ColumnRole.VALUE
        role = _rule_role(own)
        return role if role is not ColumnRole.UNKNOWN else _rule_role(parent)
    if column_stage(plain) is not None and not re.search(r"co quan|don vi|chu tri", plain):
        return ColumnRole.VALUE  # "Năm 2025", "Chỉ tiêu đến 2030", "Giai đoạn 2026-2030"
    for candidate, pattern in _RULES:
        if pattern.search(plain):
            return candidate
    return ColumnRole.UNKNOWN


def classify_header(labels: Sequence[str]) -> tuple[ColumnRole, ...]:
    """The role of each column from its header label alone."""
    return tuple(_rule_role(folded(label).strip(" :.")) for label in labels)


def _share(cells: Sequence[str], test: re.Pattern[str]) -> float:
    filled = [c for c in cells if c]
    if not filled:
        return 0.0
    return sum(1 for c in filled if test.search(c)) / len(filled)


def cells_kind(cells: Sequence[str]) -> ColumnRole | None:
    """What a column's cells look like: units of measure, agencies, dates or figures (or None).

    `cells` are folded texts. A kind wins when most filled cells show it.
    """
    filled = [" ".join(c.split()) for c in cells[:_SAMPLE] if c.strip()]
    if not filled:
        return None
    short = [c for c in filled if len(c.split()) <= _SHORT_CELL_WORDS]
    if len(short) * 2 > len(filled) and _share(short, _MEASURES) > 0.5:
        return ColumnRole.MEASURE_UNIT
    if _share(filled, _AGENCY) > 0.5:
        return ColumnRole.LEAD
    if _share(filled, _FIGURE) > 0.5 and len(short) * 2 > len(filled):
        return ColumnRole.VALUE
    if _share(filled, _DATE_LIKE) > 0.5 and len(short) * 2 > len(filled):
        return ColumnRole.DEADLINE
    return None


def classify_columns(
    labels: Sequence[str], columns: Sequence[Sequence[str]] = ()
) -> tuple[ColumnRole, ...]:
    """The role of each column from its header and, where the header is ambiguous, its cells.

    `columns[k]` holds the texts of column k's data cells (may be empty or shorter).
    """
    roles = list(classify_header(labels))
    samples = [
        [folded(text) for text in columns[k][:_SAMPLE]] if k < len(columns) else []
        for k in range(len(labels))
    ]
    for k, label in enumerate(labels):
        plain = folded(label).strip(" :.")
        cells = samples[k]
        kind = cells_kind(cells)
        if _AMBIGUOUS_UNIT.match(plain):
            roles[k] = ColumnRole.MEASURE_UNIT if kind is ColumnRole.MEASURE_UNIT else roles[k]
        elif _AMBIGUOUS_VALUE.match(plain) and kind is not ColumnRole.VALUE and any(cells):
            roles[k] = ColumnRole.PRODUCT  # "Kết quả" over "Báo cáo", not over "≥ 80%"
        elif not plain and roles[k] is ColumnRole.UNKNOWN and kind is not None:
            roles[k] = kind
    for k, label in enumerate(labels):
        # "Danh mục dự án/ Cơ quan, đơn vị, địa phương thực hiện": the items first, the bodies
        # carrying them out in its group rows; cells that are mostly not agencies are items
        if (
            roles[k] is ColumnRole.LEAD
            and _ITEMS_FIRST.match(folded(label).strip(" :."))
            and samples[k]
            and _share(samples[k], _AGENCY) < 0.5
        ):
            roles[k] = ColumnRole.CONTENT
    if ColumnRole.CONTENT not in roles:
        # with no content column, a "Mục tiêu" column of sentences is what the rows are about
        for k, label in enumerate(labels):
            plain = folded(label).strip(" :.")
            long_cells = _long_text(samples[k])
            if roles[k] is ColumnRole.PRODUCT and _AMBIGUOUS_VALUE.match(plain) and long_cells:
                roles[k] = ColumnRole.CONTENT
                break
    return tuple(roles)


def _long_text(cells: Sequence[str]) -> bool:
    filled = [c for c in cells if c.strip()]
    return bool(filled) and sum(len(c.split()) > _SHORT_CELL_WORDS for c in filled) * 2 > len(
        filled
    )


# a line above a figure table naming its unit of measure, as written ("ĐVT: triệu đồng",
# "Đơn vị tính: %", "*Đơn vị: tấn CO2 tương đương*"); group 1 the label, 2 the unit
_MEASURE_LINE = re.compile(
    r"^[ \t*_(]*(ĐVT|Đơn vị tính|Đơn vị)[ \t]*[:：][ \t]*([^\n]*?[^\s*_)])[ \t*_)]*$", re.I
)


def measure_line(line: str) -> tuple[str, str] | None:
    """(the line as written without its emphasis, the unit) when the line names the unit of
    measure of the table under it; a bare "Đơn vị:" only over a unit of measure ("Đơn vị:
    tấn CO2 tương đương"), never over an agency ("Đơn vị: Sở Y tế")."""
    match = _MEASURE_LINE.match(line)
    if match is None:
        return None
    unit = match.group(2).strip()
    if folded(match.group(1)) == "don vi":
        words = folded(unit).split()
        if _AGENCY.match(folded(unit)) or not any(
            _MEASURES.match(" ".join(words[:n])) for n in (1, 2, 3)
        ):
            return None
    written = match.group(0).strip(" \t*_(")
    written = written[:-1] if written.endswith(")") and "(" not in written else written
    return written.rstrip(" *_"), unit
