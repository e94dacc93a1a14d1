"""Chức vụ và người ký: "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" / "Tên Người"."""

from __future__ import annotations

import re
from itertools import pairwise

_TITLES = (
    "PHÓ CHỦ TỊCH THƯỜNG TRỰC",
    "PHÓ CHỦ TỊCH",
    "CHỦ TỊCH",
    "TỔNG BÍ THƯ",
    "PHÓ BÍ THƯ THƯỜNG TRỰC",
    "BÍ THƯ THƯỜNG TRỰC",
    "PHÓ BÍ THƯ",
    "BÍ THƯ",
    "PHÓ GIÁM ĐỐC",
    "GIÁM ĐỐC",
    "PHÓ TRƯỞNG TIỂU BAN THƯỜNG TRỰC",  # a committee's sub-committee (Tiểu ban of a Ủy ban bầu cử)
    "PHÓ TRƯỞNG TIỂU BAN",
    "TRƯỞNG TIỂU BAN",
    "PHÓ TRƯỞNG BAN THƯỜNG TRỰC",
    "PHÓ TRƯỞNG BAN",
    "TRƯỞNG BAN",
    "THỨ TRƯỞNG",
    "BỘ TRƯỞNG",
    "PHÓ THỦ TƯỚNG",
    "THỦ TƯỚNG",
    "PHÓ CHÁNH VĂN PHÒNG",
    "CHÁNH VĂN PHÒNG",
    "PHÓ TRƯỞNG PHÒNG",
    "TRƯỞNG PHÒNG",
    "PHÓ CỤC TRƯỞNG",
    "CỤC TRƯỞNG",
    "PHÓ VỤ TRƯỞNG",
    "VỤ TRƯỞNG",
    "THỦ TRƯỞNG",
    "TRƯỞNG ĐOÀN",
    "BỘ TRƯỞNG, CHỦ NHIỆM",  # Văn phòng Chính phủ
    "PHÓ CHỦ NHIỆM",
    "CHỦ NHIỆM",
)


def _spaced(title: str) -> str:
    """A title's pattern: a hard wrap between its words, and letters a PDF copy spaced apart
    inside a word ("CHỦ TỊ CH P HÓ CHỦ T Ị CH")."""
    words = (r" ?".join(re.escape(letter) for letter in word) for word in title.split())
    return r"\s+".join(words)


# longest first; a title hard-wrapped in a narrow column ("BỘ TRƯỞNG, CHỦ" / "NHIỆM") still reads
_TITLE = re.compile(
    "(" + "|".join(_spaced(t) for t in sorted(_TITLES, key=len, reverse=True)) + r")(?![A-ZĐÀ-Ỹ])"
)
_CANONICAL = {re.sub(r"[\s,]", "", t): t for t in _TITLES}
_NAME_WORD = r"[A-ZĐÀ-Ỹ][a-zđà-ỹ]+"
_NAME_END = r"(?=$|\s*[|,.;()\]>]|\s+[A-ZĐÀ-Ỹ]{2,})"
_NAME = re.compile(rf"^({_NAME_WORD}(?:\s+{_NAME_WORD}){{1,4}}){_NAME_END}")
# In a letter-spaced block a syllable of the name is split too ("Ngu y ễn Hữu Tín"): every
# syllable of a Vietnamese name is capitalised, so a lowercase piece continues the one before.
_PIECES = r"[A-ZĐÀ-Ỹ][a-zđà-ỹ]*(?: [a-zđà-ỹ]{1,3})*"
_SPACED_NAME = re.compile(rf"^({_PIECES}(?:\s+{_PIECES}){{1,4}}){_NAME_END}")
_SYLLABLE_MAX = 7  # "nghiêng": no Vietnamese syllable is longer
_SIGNED = re.compile(
    r"^[\s(\[<]*(?:đã ký|Đã ký|ĐÃ KÝ|ký|Ký)(?:\s+(?:và|VÀ)\s+(?:đóng|ĐÓNG)\s+(?:dấu|DẤU))?[\s)\]>]*"
)
# a web copy that puts the name in brackets ("[Trương Công Thái]", "(Nguyễn Văn An)")
_BRACKET = re.compile(r"^[\[(<]\s*")
# a layout copy (Pandoc simple table, PDF text) sets "Nơi nhận" and the signature side by side
# on one line; the signature is the right-hand column (NĐ 30/2020, HĐ 36)
_COLUMN_GAP = re.compile(r"\S\s{8,}(?=\S)")
_MARKS = re.compile(r"\*+|\\")
# a recipient of "Nơi nhận" on a line of its own ("- Bộ Nông nghiệp và Môi trường;"): in a
# layout copy the name under the title comes several such lines below it (HĐ 36, NĐ 30/2020);
# a line with a cell separator ("- Lưu: VT. | KT. BỘ TRƯỞNG") carries the signature column too
_RECIPIENT = re.compile(r"^\s{0,3}[-–+•]\s")


def _signature_side(line: str) -> str:
    """The right-hand column of a two-column line, without emphasis marks and hard breaks."""
    gaps = list(_COLUMN_GAP.finditer(line))
    if gaps:
        line = line[gaps[-1].end() :]
    return _MARKS.sub(" ", line)


def _title_case(title: str) -> str:
    title = _CANONICAL.get(re.sub(r"[\s,]", "", title), title)
    text = " ".join(title.split()).lower().capitalize()
    for proper in ("Chủ tịch", "Thủ tướng", "Chủ nhiệm"):
        text = text.replace(proper.lower(), proper)
    return text


def find_signer(lines: list[str]) -> tuple[str | None, str | None]:
    """The last signer name in `lines` and the title written above it, if any."""
    sides = (" ".join(_signature_side(line).split()) for line in _signature_lines(lines))
    text = "\n".join(side for side in sides if side)
    found: tuple[str | None, str | None] = (None, None)
    for match in _TITLE.finditer(text):
        rest = _SIGNED.sub("", text[match.end() :].lstrip(" \n|"))
        rest = _BRACKET.sub("", rest.lstrip(" \n|"))
        line = rest.split("\n", 1)[0] if "\n" in rest[:60] else rest
        name = _NAME.match(line)
        if name and len(name.group(1).split()) >= 2:
            found = (name.group(1), _title_case(match.group(1)))
        elif _letter_spaced(match.group(1)) and (joined := _joined_name(line)):
            found = (joined, _title_case(match.group(1)))
    return found


def _signature_lines(lines: list[str]) -> list[str]:
    """The lines that may carry the signature column: not a recipient of "Nơi nhận" on a
    line of its own, nor the hard-wrapped rest of one ("- Cổng thông tin điện tử tỉnh (đăng
    tải trên Website của" / "tỉnh);", "(đăng tải trên cổng …);"), unless a column gap or cell
    separator sets the signature beside it."""
    kept: list[str] = []
    recipient = False
    for line in lines:
        beside = bool(_COLUMN_GAP.search(line)) or "|" in line
        if _RECIPIENT.match(line):
            recipient = True
        elif recipient and _wrapped_rest(line):
            pass
        else:
            recipient = False
        if beside or not recipient:
            kept.append(line)
    return kept


def _wrapped_rest(line: str) -> bool:
    """The hard-wrapped rest of a recipient: it opens in lower case, or is a note in brackets
    opened in lower case ("(đăng tải trên cổng thông tin điện tử phường);"); "(Đã ký)" is not."""
    return line.strip().lstrip("( ")[:1].islower()


def _letter_spaced(title: str) -> bool:
    """Whether a title was matched with letters spaced apart inside its words."""
    return " ".join(title.split()) not in _TITLES and re.sub(r"[\s,]", "", title) in _CANONICAL


def _joined_name(line: str) -> str | None:
    """The name of a letter-spaced signature block with its syllables joined again."""
    match = _SPACED_NAME.match(line)
    if not match:
        return None
    syllables: list[str] = []
    for piece in match.group(1).split():
        if piece[0].isupper() or not syllables:
            syllables.append(piece)
        else:
            syllables[-1] += piece
    if len(syllables) < 2 or any(len(s) > _SYLLABLE_MAX for s in syllables):
        return None
    return " ".join(syllables)


# "T/M BỘ CHÍNH TRỊ", "TM. BAN BÍ THƯ": the collective body a signer signs for (HĐ 36, NĐ 30)
_ON_BEHALF = re.compile(r"(?<![A-ZĐÀ-Ỹ])(?:T/M|TM\.?)\s+([A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ]*[A-ZĐÀ-Ỹ])")


def signing_body(lines: list[str]) -> str | None:
    """The body named in the last "T/M …" / "TM. …" line of `lines`, in capitals."""
    found = None
    for line in lines:
        for match in _ON_BEHALF.finditer(_signature_side(line)):
            found = " ".join(match.group(1).split())
    return found


# the line a signer's office stands under: "T/M BAN CHẤP HÀNH", "TM. ỦY BAN NHÂN DÂN",
# "KT. CHỦ TỊCH", "Q. GIÁM ĐỐC", "TL. BỘ TRƯỞNG" (NĐ 30/2020, HD 36)
_AUTHORITY_LINE = re.compile(r"(?<![A-ZĐÀ-Ỹ])(?:T/M|TM\.?|KT\.|Q\.|TL\.)\s+[A-ZĐÀ-Ỹ]")


def signed_title(lines: list[str]) -> str | None:
    """The office written on the line right under the last authority line ("T/M BAN CHẤP
    HÀNH" / "BÍ THƯ") when the block carries no name (a draft not yet signed)."""
    sides = [" ".join(_signature_side(line).split()) for line in _signature_lines(lines)]
    sides = [side for side in sides if side]
    found = None
    for above, side in pairwise(sides):
        if not _AUTHORITY_LINE.search(above):
            continue
        match = _TITLE.match(side)
        if match and match.end() == len(side.rstrip(" .")):
            found = _title_case(match.group(1))
    return found


def closing_name(lines: list[str]) -> str | None:
    """The name closing a signature block whose office the copy garbled ("T/M BAN THƯỜNG
    VỤ" / "S Í THƯ THƯỜNG TRưÊ" … "Hoàng Giang"): the document's last line, a name of two to
    five capitalised words alone on it, below an authority line."""
    texts = [" ".join(line.split()) for line in lines if line.strip()]
    if len(texts) < 2 or not any(_AUTHORITY_LINE.search(t) for t in texts[:-1]):
        return None
    found = _NAME.fullmatch(texts[-1])
    return found.group(1) if found and len(found.group(1).split()) >= 2 else None
