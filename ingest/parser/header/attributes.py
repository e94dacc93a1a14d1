"""The attribute table web copies put on top ("Số hiệu | 19/KH-UBND |", "Người ký: X Loại …")."""

from __future__ import annotations

import re

from ingest.normalize_vi import folded
from ingest.parser.header.cells import Cell

_KEYS = {
    "so hieu": "number",
    "so/ky hieu": "number",
    "ngay ban hanh": "issued_date",
    "loai van ban": "kind",
    "phan loai": "kind",
    "co quan ban hanh": "issuer",
    "noi ban hanh": "issuer",
    "nguoi ky": "signer",
    "nguoi ki": "signer",
    "linh vuc": "field",
}
_INLINE = re.compile(
    r"(Số hiệu|Ngày ban hành|Loại văn bản|Cơ quan ban hành|Nơi ban hành|Người ký|Lĩnh vực"
    r"|Ngày hiệu lực|Ngày công báo|Số công báo|Tình trạng|Ngày hết hiệu lực|Ngày có hiệu lực"
    r"|Hết hiệu lực|Áp dụng|Tình trạng hiệu lực|Ngày đăng công báo)\s*:\s*"
)
_EMPTY = {"dang cap nhat", "dang cap nhap", ""}


def attributes(cells: list[Cell]) -> dict[str, str]:
    """Known keys of the attribute table and their values (first value wins)."""
    found: dict[str, str] = {}
    texts = [cell.text for cell in cells[:60]]
    for k, text in enumerate(texts):
        parts = _INLINE.split(text)
        if len(parts) > 2:  # "Số hiệu: 930/QĐ-TTg Loại văn bản: Quyết định"
            pairs = list(zip(parts[1::2], parts[2::2], strict=False))
            pairs = [
                (key, value or (texts[k + 1] if k + 1 < len(texts) else "")) for key, value in pairs
            ]
        elif k + 1 < len(texts):
            pairs = [(text.rstrip(": "), texts[k + 1])]
        else:
            continue
        for key, value in pairs:
            name = _KEYS.get(folded(key).strip(" :"))
            value = value.strip(" |")
            if name and name not in found and folded(value) not in _EMPTY and len(value) < 120:
                found[name] = value
    return found
