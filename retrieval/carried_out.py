"""What a plan carries out, as its title says: "Kế hoạch triển khai thực hiện Nghị định số
180/2026/NĐ-CP …" carries out NĐ 180, though its preamble's "Căn cứ" lines also name the decree
setting out the issuing ministry's own functions (NĐ 35/2025). A question asking what the plan
"triển khai / thực hiện / cụ thể hóa" is answered with the documents its title names; one asking
what it is "căn cứ" on, or naming a document itself ("Ngoài Chỉ thị 27/CT-TTg, … còn …?"),
keeps every basis line."""

from __future__ import annotations

import re

from ingest.normalize_vi import folded

# the question asks what the plan carries out, not what it rests on ("căn cứ", "dựa trên")
_ASKS_CARRIED_OUT = re.compile(r"\b(?:thuc hien|trien khai|cu the hoa)\b")
_ASKS_BASIS = re.compile(r"\b(?:can cu|dua tren|dua vao)\b")
# the title's verb before the documents it carries out
_TITLE_CARRIES_OUT = re.compile(r"\b(?:thuc hien|trien khai|cu the hoa)\b")
# the kind of document asked ("triển khai thông tư nào?", "căn cứ nghị định số mấy?")
_ASKED_KIND = re.compile(
    r"\b(nghi dinh|nghi quyet|quyet dinh|chi thi|thong tu|cong van|ket luan|luat)"
    r" (?:nao|so may|gi)\b"
)
# a document number ("180/2026/NĐ-CP", "57-NQ/TW", "14/CT-TTg")
_NUMBER = re.compile(r"\b\d+(?:[/-][\w.]+)+")


def carried_out(based_on: list[str], title: str, question_folded: str) -> list[str]:
    """The basis lines the plan's title names after a carrying-out verb, when the question
    asks what the plan carries out, otherwise (or when the title names none) every line;
    of the kind asked ("… thông tư nào?") when some are of it."""
    asked = _ASKED_KIND.search(question_folded)
    of_kind = (
        [line for line in based_on if folded(line).startswith(asked.group(1))] if asked else []
    )
    return _named_by_title(of_kind or based_on, title, question_folded)


def _named_by_title(based_on: list[str], title: str, question_folded: str) -> list[str]:
    if not _ASKS_CARRIED_OUT.search(question_folded) or _ASKS_BASIS.search(question_folded):
        return based_on
    numbers = [n for line in based_on if (n := _number(line))]
    asked = {_compact(m.group()) for m in _NUMBER.finditer(question_folded)}
    if asked & set(numbers):  # "Ngoài Chỉ thị 27/CT-TTg, … còn thực hiện …?"
        return based_on
    title_folded = folded(title)
    verb = _TITLE_CARRIES_OUT.search(title_folded)
    if verb is None:
        return based_on
    after = _compact(title_folded[verb.end() :])
    named = [line for line in based_on if (number := _number(line)) and number in after]
    return named or based_on


def _number(line: str) -> str | None:
    """The basis line's document number, folded and without spaces."""
    found = _NUMBER.search(folded(line))
    return _compact(found.group()) if found else None


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)
