"""What a document implements ("Thực hiện / Căn cứ Kế hoạch số …") and replaces ("thay thế …")."""

from __future__ import annotations

import re

_KINDS = (
    r"Kế hoạch|Quyết định|Nghị quyết|Chỉ thị|Nghị định|Thông tư|Công văn|Văn bản|Thông báo"
    r"|Kết luận|Chương trình(?: hành động)?|Hướng dẫn|Đề án|Thông tư liên tịch"
)
_NUMBER = (
    # 12/KH-UBND, /KH-BCĐ, 01/1999/QĐ.UB
    r"\d*\s*/\s*(?:(?:19|20)\d\d\s*/\s*)?[A-ZĐƯ][\wĐđƯư&.\-/]*"
    r"|\d+\s*[-–]\s*[A-ZĐ][A-Za-zĐđ]{0,5}\s*/\s*[A-ZĐƯ][\wĐđƯư\-]*"  # 57-NQ/TW, 3260-KH/ĐĐQH15
)
_DOC_REF = re.compile(
    rf"(?:{_KINDS})\s+(?:số\s*:?\s*)?(?:{_NUMBER})"
    r"(?:,?\s*ngày\s+[\d/]+(?:\s+tháng\s+\d+\s+năm\s+\d{4})?)?(?:\s+của\s+[^,;()]+?)?"
    r"(?=\s+(?:về|phê duyệt|ban hành|quy định|hướng dẫn|ngày|của)\s|[,;()]|\.\s|\.?$)"
)
_ADJACENT = re.compile(rf"\s*(?:cho\s+)?(?:các\s+|những\s+)?(?:{_KINDS})\b", re.IGNORECASE)
LEADS = r"(?:Thực hiện|Căn cứ|Kèm theo|Trên cơ sở|Triển khai)"
# a số ký hiệu or date cut by a hard wrap right after its separator ("66/NQ-" / "CP",
# "ngày 12/" / "11/2025", "Số 12-" / "KH/TU"): no space follows a separator inside one
_WRAPPED_SEPARATOR = re.compile(r"(?<=[\dA-ZĐƯ][/\-–])\s+(?=[\dA-ZĐƯ])")


def join_wrapped_numbers(text: str) -> str:
    """`text` with the numbers and dates a hard wrap cut after "/" or "-" joined again
    ("Nghị quyết số 66/NQ- CP" → "66/NQ-CP"); "Lao động - Thương binh" keeps its spaces."""
    return _WRAPPED_SEPARATOR.sub("", text)


def references_after(
    text: str, lead: str, *, limit: int = 600, adjacent: bool = False
) -> list[str]:
    """Document references ("Kế hoạch số …") in the sentence that follows each `lead`;
    with `adjacent`, only where a reference follows the lead at once ("thay thế Quyết định
    số …", never "mức sinh thay thế, … Thông tư số …")."""
    text = join_wrapped_numbers(" ".join(re.sub(r"(?:\\r)?\\n|\\r", " ", text).split()))
    found: list[str] = []
    for match in re.finditer(lead, text):
        if adjacent and not _ADJACENT.match(text, match.end()):
            continue
        sentence = re.split(r"(?<=[.])\s(?=[A-ZĐÀ-Ỹ])", text[match.end() : match.end() + limit])[0]
        for ref in _DOC_REF.finditer(sentence):
            value = " ".join(ref.group(0).split()).rstrip(" ,.")
            number = re.search(rf"(?:{_NUMBER})", value)
            key = re.sub(r"\s+", "", number.group(0)) if number else value
            if not any(key in re.sub(r"\s+", "", seen) for seen in found):
                found.append(value)
    return found


def replaced(body_text: str) -> list[str]:
    """Documents the text says it replaces ("thay thế …"; never "được thay thế bởi")."""
    return references_after(body_text, r"(?<!được )thay thế(?! bởi)", adjacent=True)
