"""A question asking a person's name ("Đồng chí Bí thư nào (họ tên) ký …?", "Bộ trưởng Bộ
Tài chính đề nghị ban hành QĐ 232 là ai?") that no cited clause answers with a name.

Plans name people only in a few places: the signature, "Đồng chí Giàng Quốc Hưng, Phó Chủ
tịch UBND tỉnh" in a table of who directs, a preamble's proposer when it writes the name.
A clause that states an office, a duty or a sentence about the topic is no person's name;
answering such a question with it states something the question did not ask.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.normalize_vi import folded

# the words that ask for a name as such
# ("lấy tên gì", "tên là gì" name a place or an app as often as a person)
_NAME_WORDS = re.compile(r"\b(?:ho (?:va )?ten|dong chi nao)\b")
# an office held by one person, then (in the same sentence) "là ai" / "là đồng chí nào":
# "Bộ trưởng Bộ Tài chính đề nghị … là ai?" (not "ai làm Trưởng Ban …", which asks the
# office's holder by office)
_OFFICE = (
    r"(?:pho )?(?:thu tuong|chu tich|bi thu|giam doc|bo truong|thu truong|truong ban"
    r"|chanh van phong|cuc truong|vu truong|vien truong|tong bi thu|chu nhiem)"
)
_OFFICE_IS_WHO = re.compile(rf"\b{_OFFICE}\b[^?.;]*\bla (?:ai|dong chi nao|ong nao|ba nao)\b")

# Vietnamese family names, the common Kinh ones and those of the northern uplands' peoples
_SURNAME_TEXT = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đoàn "
    "Đào Trương Lương Lưu Mai Cao Tạ Tô Hà Chu Lâm Trịnh Quách Kiều Thái Vương Tăng "
    "La Lã Âu Châu Khổng Triệu Nông Lục Hứa Mạc Doãn Văn Viên Từ Thân Tống Quan Nghiêm "
    "Giàng Lò Sùng Vàng Thào Lầu Mùa Hầu Sầm Cầm Vì Hà Điêu Quàng Lù Tẩn Chảo Bàn Lan "
    "Ma Nhữ Khuất Phùng Ninh Bạch Ông Kim Diệp Trình Giáp Mẫn Lại Đàm Kha"
)
_SURNAMES = frozenset(_SURNAME_TEXT.split())
_WORD = r"[A-ZĐÀ-Ỹ][a-zđà-ỹ]+"
_NAME_RUN = re.compile(rf"\b({_WORD})(?:\s+{_WORD}){{1,3}}\b")


def asks_person(question: str) -> bool:
    """Whether the question asks for a person's name, not a unit or an office."""
    text = folded(question)
    return bool(_NAME_WORDS.search(text) or _OFFICE_IS_WHO.search(text))


def names_person(text: str) -> bool:
    """Whether the text writes a person's name: two to four capitalised words opening with
    a family name ("Giàng Quốc Hưng", "Lê Công Thành")."""
    return any(m.group(1) in _SURNAMES for m in _NAME_RUN.finditer(text))


def unnamed_person(question: str, texts: Sequence[str]) -> bool:
    """Whether the question asks a person's name and none of the texts (the answer, the
    cited clauses) writes one."""
    return asks_person(question) and not any(names_person(t) for t in texts)
