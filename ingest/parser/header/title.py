"""Tên loại và trích yếu: "KẾ HOẠCH" over a subject in capitals, wrapped over several lines.

The kind word stands in capitals on its own line (or starts the line: "KẾ HOẠCH Chuyển đổi số
…", "QUYẾT ĐỊNHVề việc …"); the subject follows until the document's own text starts:
"Căn cứ …", "Thực hiện …", the issuing authority in capitals ("ỦY BAN NHÂN DÂN TỈNH X",
"CHỦ TỊCH …"), a numbered heading, "(Ban hành kèm theo …)". A subject in capitals ends at
the first line in ordinary case; a subject in ordinary case continues only on lines that
start in lower case (hard wraps).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.normalize_vi import folded
from ingest.parser.header.casing import sentence_case
from ingest.parser.header.cells import Cell
from ingest.parser.header.references import join_wrapped_numbers

KINDS = (
    "CHƯƠNG TRÌNH HÀNH ĐỘNG",
    "KẾ HOẠCH",
    "QUYẾT ĐỊNH",
    "NGHỊ QUYẾT",
    "CHƯƠNG TRÌNH",
    "ĐỀ ÁN",
    "ĐỀ CƯƠNG",
    "CHỈ THỊ",
    "CÔNG VĂN",
    "THÔNG BÁO",
    "BÁO CÁO",
    "THÔNG TƯ",
    "NGHỊ ĐỊNH",
    "QUY CHẾ",
    "QUY ĐỊNH",
    "KẾT LUẬN",
    "HƯỚNG DẪN",
    "TỜ TRÌNH",
    "PHƯƠNG ÁN",
)
_KIND_LINE = re.compile(r"^(" + "|".join(KINDS) + r")(?=$|\s|[A-ZĐ][a-zà-ỹđ])(?!\s*:)\s*(.*)$")
BODY_START = re.compile(
    r"^(?:[-–+•]\s*)?(?:Căn cứ|Thực hiện|Theo đề nghị|Xét đề nghị|Xét|Trên cơ sở"
    r"|Hội nghị\s|Kính gửi|Ngày \d{1,2}(?: tháng \d{1,2} năm |/)\S*\d{4},"
    r"|QUYẾT NGHỊ|QUYẾT ĐỊNH\s*:|CHỈ THỊ\s*:|Điều\s+\d|Chương\s+[IVX\d]"
    r"|Phần\s+(?:[IVX]+|thứ|\d|mở đầu)"
    r"|(?:[IVXLC]+|\d+(?:\.\d+)*)[.)]\s|[a-zđ]\)\s|- Luật|Luật\s"
    # a part marker of a Party document, HĐ 36 style ("I- MỤC ĐÍCH, YÊU CẦU", "1- …")
    r"|(?:[IVXLC]+|\d{1,2})-\s+[A-ZĐÀ-Ỹ]{2})"
)
# the issuing authority's line between the trích yếu and the text (NĐ 30/2020, mẫu 1.x)
_AUTHORITY = re.compile(
    r"^(?:CHỦ TỊCH|BỘ TRƯỞNG|THỦ TƯỚNG|CHÍNH PHỦ|GIÁM ĐỐC|Ủ?Y BAN NHÂN DÂN|UBND|HỘI ĐỒNG NHÂN DÂN"
    r"|ỦY BAN THƯỜNG VỤ|BAN BÍ THƯ|BỘ CHÍNH TRỊ|BAN THƯỜNG VỤ|TRƯỞNG BAN|CHÁNH VĂN PHÒNG|KHÓA|KHOÁ"
    r"|KỲ HỌP|QUỐC HỘI)"
)
# a wrapped line of a subject in capitals that cannot end there ("… NĂM 2024 CỦA" / "THỦ TƯỚNG
# CHÍNH PHỦ VỀ …"): the next line continues it even when it starts with an authority's name
_DANGLING = re.compile(
    r"(?:\b(?:CỦA|VỀ|VÀ|VỚI|CHO|TẠI|TRÊN|THEO|ĐẾN|TỪ|NGÀY|ĐỐI|CÁC|NHỮNG|TRONG|VIỆC)|[,\-–])$",
    re.IGNORECASE,
)
_ATTACHED = re.compile(r"^\(?\s*(?:Ban hành\s+)?(?:kèm|Kèm)\s+theo", re.IGNORECASE)
_WRAPPED_LINE_CHARS = 90
# a công văn's trích yếu; HD 36 writes a Party body's in lower case ("về việc triển khai …")
_TRICH_YEU = re.compile(r"^(?:V/v|Về việc|VỀ VIỆC|về việc)\b")
# words a trích yếu may open with that BODY_START also knows ("Thực hiện công tác …")
_SUBJECT_LEAD = re.compile(r"^(?:Thực hiện|THỰC HIỆN)\s")
_SUBJECT_CHARS = 250


@dataclass(frozen=True)
class Title:
    """The kind and the title built from it and the trích yếu; where the title ends."""

    kind: str | None
    text: str | None
    last: int  # index of the last cell the title used


def _letters(text: str) -> bool:
    return any(c.isalpha() for c in text)


def is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def kind_line(text: str) -> re.Match[str] | None:
    """`text` as a kind line ("KẾ HOẠCH", "QUYẾT ĐỊNHVề việc …"), when it is one; a line in
    capitals whose first words are a kind with its tone marks slipped (an OCR copy's "KÉT
    LUẬN") is read as that kind."""
    match = _KIND_LINE.match(text)
    if match is not None or not is_caps(text):
        return match
    words = text.split()
    for kind in KINDS:
        kind_words = kind.split()
        if len(words) >= len(kind_words) and all(
            folded(word) == folded(kind_word)
            for word, kind_word in zip(words, kind_words, strict=False)
        ):
            return _KIND_LINE.match(" ".join([kind, *words[len(kind_words) :]]))
    return None


def subject(texts: list[str], start: int, breaks: Sequence[bool] = ()) -> tuple[list[str], int]:
    """The trích yếu lines from `texts[start]` on, and the index of the last one taken;
    `breaks[k]` says a blank line or a rule stands before `texts[k]`."""
    taken: list[str] = []
    last = start - 1
    for k in range(start, min(len(texts), start + 10)):
        text = texts[k]
        bare_kind = kind_line(text)
        if (
            (BODY_START.match(text) and not (not taken and _lead_in_subject(text)))
            or _ATTACHED.match(text)
            or (bare_kind and not bare_kind.group(2))
        ):
            break
        if taken and sum(len(t) for t in taken) > 600:
            break
        if taken and _AUTHORITY.match(text) and not _DANGLING.search(taken[-1].rstrip()):
            break
        if not any(c.isalnum() for c in text):  # markup left by a web copy ("![]()")
            break
        if taken:
            caps_so_far = is_caps(" ".join(taken))
            if caps_so_far and not is_caps(text) and not text[:1].islower() and _letters(text):
                break
            if not caps_so_far and not text[:1].islower():
                # a capitalised line after a blank line opens the text: an author's wrap
                # of the trích yếu keeps its lines together — unless the copy parts every
                # line (a Markdown copy's blank line under the kind line too)
                every_line = start < len(breaks) and breaks[start]
                separated = k < len(breaks) and breaks[k] and not every_line
                if separated or not _wrapped_title_line(taken, text):
                    break
        elif _AUTHORITY.match(text):
            break
        taken.append(text)
        last = k
    return taken, last


def _lead_in_subject(text: str) -> bool:
    """A trích yếu that opens with a word that usually starts the text ("Thực hiện công tác
    bầu cử …" right under "KẾ HOẠCH"): NĐ 30/2020 puts the trích yếu directly below the tên
    loại, so the first line there is the subject unless it reads as a sentence of the text —
    closing punctuation ("…, cụ thể như sau:", "…;"), or longer than a title runs."""
    stripped = text.rstrip()
    return (
        _SUBJECT_LEAD.match(text) is not None
        and len(stripped) <= _SUBJECT_CHARS
        and not stripped.endswith((".", ";", ":", "!", "?", ","))
        and "như sau" not in stripped.lower()
    )


def _wrapped_title_line(taken: list[str], text: str) -> bool:
    """A capitalised line that still belongs to a subject in ordinary case.

    Web copies keep the author's line breaks, and authors break a long trích yếu before a
    capitalised word ("… ngày 06/9/2023" / "Của Ban Thường vụ …" / "Đến năm 2025, …"):
    a short line after a line with no closing punctuation, itself without any, continues.
    """
    return (
        not taken[-1].rstrip().endswith((".", ";", ":", "!", "?"))
        and len(text) <= _WRAPPED_LINE_CHARS
        and not text.rstrip().endswith((".", ";", ":", "!", "?"))
        and not (_AUTHORITY.match(text) and not _DANGLING.search(taken[-1].rstrip()))
    )


def compose(kind: str, lines: list[str]) -> str:
    """ "Kế hoạch" + "CHUYỂN ĐỔI SỐ TỈNH X" → "Kế hoạch Chuyển đổi số tỉnh X"."""
    parts = [sentence_case(" ".join(line.split())) for line in lines if line.strip()]
    if not parts:
        return kind
    # a wrapped line of figures alone ("2017-2021") has no case of its own
    if all(is_caps(line) for line in lines if _letters(line)):
        text = sentence_case(join_wrapped_numbers(" ".join(" ".join(lines).upper().split())))
        return f"{kind} {text[:1].upper()}{text[1:]}"
    # a subject in ordinary case is kept as written; capitals lines in it are lowered
    return join_wrapped_numbers(f"{kind} {' '.join(parts)}")


# the text starting on the kind line of a copy that flattened the header onto one line
_INLINE_BODY_START = re.compile(r"\s(?:Căn cứ|Thực hiện|Theo đề nghị|Xét đề nghị|Trên cơ sở)\s")
# the issuing authority at the end of such a line: the head's title first, else the body
_INLINE_HEAD_TITLE = re.compile(
    r"\s(?:CHỦ TỊCH|BỘ TRƯỞNG|THỦ TƯỚNG|GIÁM ĐỐC|CHÁNH VĂN PHÒNG|TRƯỞNG BAN|TỔNG CỤC TRƯỞNG"
    r"|CỤC TRƯỞNG)\s"
)
_INLINE_BODY = re.compile(
    r"\s(?:Ủ?Y BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|CHÍNH PHỦ|ỦY BAN THƯỜNG VỤ QUỐC HỘI"
    r"|BAN THƯỜNG VỤ|BAN BÍ THƯ|BỘ CHÍNH TRỊ)\b"
)
# words after which an authority's name is part of the subject ("… CỦA THỦ TƯỚNG CHÍNH PHỦ")
_NAMED_AFTER = re.compile(r"(?:\b(?:DO|BỞI|GIAO|THỦ TƯỚNG)|[,\-–])$")


def flattened_subject(rest: str) -> str | None:
    """The trích yếu on a kind line that a copy flattened together with the authority line
    and the text ("VỀ VIỆC PHÊ DUYỆT … BỘ TRƯỞNG BỘ Y TẾ Căn cứ Nghị định …"), else None.

    NĐ 30/2020 sets the trích yếu, the issuing authority (for a Quyết định, Nghị quyết) and
    the căn cứ apart; on one line the subject in capitals ends where the text in ordinary
    case starts, and before the authority's capitals at its end."""
    start = _INLINE_BODY_START.search(rest)
    if start is None or not is_caps(rest[: start.start()]):
        return None
    head = rest[: start.start()].rstrip()
    for pattern in (_INLINE_HEAD_TITLE, _INLINE_BODY):
        cuts = [
            m.start()
            for m in pattern.finditer(head)
            if not (_DANGLING.search(head[: m.start()]) or _NAMED_AFTER.search(head[: m.start()]))
        ]
        if cuts:
            return head[: cuts[-1]].rstrip()
    return head


# HD 36 names the organ that issues a Party body's document under its tên loại ("NGHỊ QUYẾT" /
# "CỦA BAN THƯỜNG VỤ TỈNH ỦY" / "về …"); the header box names only the body it belongs to
_ISSUING_ORGAN = re.compile(r"^CỦA\s+(.+)$")


def issuing_organ(line: str) -> str | None:
    """The organ a "CỦA BAN THƯỜNG VỤ TỈNH ỦY" line under the kind line names, in capitals."""
    match = _ISSUING_ORGAN.match(" ".join(line.split()))
    if match is None or not is_caps(match.group(1)):
        return None
    return match.group(1)


def kind_name(caps: str) -> str:
    return caps.capitalize() if caps != "CHƯƠNG TRÌNH HÀNH ĐỘNG" else "Chương trình"


def trich_yeu_line(text: str) -> bool:
    """A Công văn's "V/v …" line."""
    return bool(_TRICH_YEU.match(text))


# the left column under the số ký hiệu is narrow: a trích yếu naming a decree with its date and
# subject wraps over six lines ("V/v tổ chức triển khai thực hiện" / "Nghị định số …" / …)
_TRICH_YEU_LINES = 8


def trich_yeu(cells: list[Cell], start: int) -> str:
    """A Công văn's trích yếu from its "V/v …" cell on: the lines it wraps onto under the
    số ký hiệu (no separator, no text opening, at most a few), joined."""
    taken = [cells[start].text]
    for cell in cells[start + 1 : start + _TRICH_YEU_LINES]:
        if cell.after_separator or BODY_START.match(cell.text) or is_caps(cell.text):
            break
        taken.append(cell.text)
    return " ".join(taken)


def authority_line(text: str) -> bool:
    """The issuing authority's line between the trích yếu and the text ("CHỦ TỊCH ỦY BAN
    NHÂN DÂN TỈNH X", "GIÁM ĐỐC SỞ Y TẾ")."""
    return bool(_AUTHORITY.match(text))
