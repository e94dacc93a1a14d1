"""Where a unit's name is written in running text: its start, its end, and the units in a list.

Vietnamese capitalises only the first syllable of each word of a name ("Sở Khoa học và
Công nghệ"), so a name cannot be read by its capitals alone. A name starts at a unit word
("Sở", "Ban", "UBND", "Tổ đảng", "các cơ quan" …) and ends where the sentence goes on: at a
punctuation mark or a verb that opens what the unit does ("chủ trì", "rà soát" …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.abbreviations import abbreviations_in
from ingest.normalize_vi import folded

# Offices a plan gives duties to, one list for reading plans and for answering. A head named
# before the unit it heads ("Giám đốc Sở Y tế", "Chủ tịch UBND tỉnh", "Trưởng ban Ban Chỉ đạo
# …") stands for that unit: the unit is read after it, where one starts there.
UNIT_HEADS = ("Giám đốc", "Chủ tịch", "Thủ trưởng", "Vụ trưởng", "Cục trưởng", "Trưởng ban")
# Heads whose title holds the unit's own word ("Chánh Văn phòng UBND tỉnh" heads the Văn
# phòng, not the UBND): what follows is no unit of theirs.
_TITLED_HEADS = ("Trưởng phòng", "Chánh Văn phòng")
# Offices that name a unit on their own wherever they stand ("Chủ tịch UBND tỉnh", "Thủ
# trưởng các cơ quan", "Trưởng thôn"): unit words of `UNIT_START`.
_OFFICES_NAMING_UNITS = (
    r"Trưởng (?:các )?(?:thôn|ấp|bản|khu phố|tổ dân phố)",
    "Thủ trưởng",
    "Chủ tịch",
)
# Every office a duty is given to by its name ("Bí thư chi bộ", "Cán bộ phụ trách lĩnh vực …",
# "người đứng đầu", "người đại diện theo pháp luật"), the heads and the offices above included.
OFFICE_HOLDERS = (
    *UNIT_HEADS,
    *_TITLED_HEADS,
    *_OFFICES_NAMING_UNITS,
    "Bí thư",
    "Tổ trưởng",
    "Người đứng đầu",
    "Người đại diện",
    "Cán bộ",
    "Công chức",
    "Đồng chí",
)


def _folded_words(offices: tuple[str, ...]) -> str:
    return "|".join(sorted({folded(o) for o in offices}, key=lambda w: (-len(w), w)))


# an office holder in folded text ("giam doc cong an tinh", "can bo phu trach …")
OFFICE_HOLDER = re.compile(rf"\b(?:{_folded_words(OFFICE_HOLDERS)})\b")
# the head of a unit in folded text, a deputy too ("pho giam doc so y te")
UNIT_HEAD = re.compile(rf"\b(?:pho )?(?:{_folded_words((*UNIT_HEADS, *_TITLED_HEADS))})\b")

# Unit words that name a unit on their own ("UBND tỉnh", "Công an xã", "Tổ đảng ở …").
_STANDALONE = (
    r"UBND|HĐND|VP\s?UBND|VPUBND|BCĐ|MTTQ|UBMTTQ(?:VN)?|Ủy ban nhân dân|Uỷ ban nhân dân|"
    r"Hội đồng nhân dân|Công an|Tổ đảng|Tổ công tác|Tổ giúp việc|Đảng ủy|Đảng uỷ|Đảng đoàn|"
    r"Đảng bộ|Chi bộ|Ban cán sự(?: đảng)?|Ban [Cc]hỉ đạo|[Bb]an [Tt]hường vụ|Thường trực|"
    r"Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ|Huyện ủy|Huyện uỷ|Quận ủy|Quận uỷ|Thị ủy|Thị uỷ|"
    r"Tỉnh [đĐ]oàn|Thành [đĐ]oàn|Chính phủ|Thủ tướng(?: Chính phủ)?|Thanh tra|Kho bạc|"
    r"Bảo hiểm xã hội|Mặt trận|"
    + "|".join(_OFFICES_NAMING_UNITS)
    + r"|Bộ phận|Bộ Chỉ huy|Viễn thông|Bưu điện|Cảnh sát|"
    r"Báo và Phát thanh|Sở, ban, ngành|Quân ủy|Quân uỷ|"
    # the tax office of a province or area since 2025 ("Thuế tỉnh", "Thuế cơ sở 3"), never
    # a tax itself ("thuế tài nguyên")
    r"Thuế(?=\s+(?:tỉnh|thành\s+phố|cơ\s+sở)\b)|"
    # HĐ 36: "các cấp ủy, tổ chức đảng" – a Party organisation, never the verb "tổ chức"
    r"tổ chức đảng|tỉnh ủy|tỉnh uỷ|thành ủy|thành uỷ|huyện ủy|huyện uỷ|thị ủy|thị uỷ"
).replace(" ", r"\s+")  # hard wraps split names anywhere ("Ủy ban" / "nhân dân")
# Unit words that need a capitalised name after them ("Sở Tài chính", not "Ban hành").
_NAMED = (
    r"Sở|Ban|Bộ|Văn phòng|Ủy ban|Uỷ ban|Hội đồng|Hội|Liên đoàn|Liên hiệp|Trung tâm|Phòng|"
    r"Cục|Chi cục|Tổng cục|Vụ|Đài|Báo|Tạp chí|Viện|Học viện|Trường|Đại học|Tòa án|Toà án|"
    r"Cổng|Công ty|Tổng công ty|Ngân hàng|Đoàn|Hiệp hội|Quỹ|Cơ quan|Đơn vị"
).replace(" ", r"\s+")
# Plural heads ("các sở, ban, ngành", "các cơ quan, đơn vị liên quan").
_PLURAL = (
    r"sở|ban|bộ|ngành|cơ quan|đơn vị|địa phương|phòng|doanh nghiệp|tổ chức|hội|đoàn thể|"
    r"cấp ủy|cấp uỷ|chi bộ|đảng bộ|đảng đoàn|ban cán sự|tổ đảng|xã|phường|huyện|thôn|"
    r"tỉnh ủy|tỉnh uỷ|thành ủy|thành uỷ|huyện ủy|huyện uỷ|đảng ủy|đảng uỷ|"
    r"trường|hiệp hội|thành viên|đồng chí|nhà mạng|đội|Đội|Sở|Ban|Bộ|Phòng|UBND|Ủy ban|Uỷ ban"
)
# Capital letters of Vietnamese (a name's first letter), and digits ("Đoàn 1").
UPPER = "".join(re.escape(chr(c)) for c in range(0x41, 0x1EFA) if chr(c).isupper()) + "0-9"
# a hard-wrapped line may break inside the unit word ("Công" / "an xã"): spaces match any run
UNIT_START = re.compile(
    rf"(?:(?:{_STANDALONE})(?![^\W\d_])|(?:{_NAMED})\s+(?=[{UPPER}])|"
    rf"[Cc]ác\s+(?:{_PLURAL})(?![^\W\d_]))".replace(" ", r"\s+")
)
# "… và cơ quan liên quan": a unit without "các" or a name, only after "và".
_BARE = re.compile(r"(?:cơ quan|đơn vị|địa phương)\s+(?:có\s+)?(?:liên quan|chức năng)(?![^\W\d_])")
# Where a name stops: punctuation, or a word that starts what the unit does ("giao" assigns,
# but "ngoại giao" is a noun: "Bộ Ngoại giao", "Học viện Ngoại giao").
_STOP_PUNCT = re.compile(r"[.:;()\[\]“”\"!?]")
_STOP_WORDS = re.compile(
    (
        r"\s+(?:chủ trì|phối hợp|có trách nhiệm|chịu trách nhiệm|thực hiện|triển khai|tham mưu|"
        r"tổ chức(?! đảng)|xây dựng|rà soát|hướng dẫn|theo dõi|đôn đốc|kiểm tra|giám sát|tổng hợp|"
        r"báo cáo|đề xuất|bố trí|nâng cao|nâng cấp|tiến hành|thẩm định|thẩm tra|nghiên cứu|"
        r"ban hành|hoàn thiện|hoàn thành|cập nhật|chỉ đạo|đảm bảo|bảo đảm|tiếp tục|đẩy mạnh|"
        r"tăng cường|tập trung|phát động|vận động|lãnh đạo|"
        r"quản lý|vận hành|duy trì|phát triển|tuyên truyền|trình|cung cấp|hỗ trợ|tham gia|"
        r"chủ động|yêu cầu|(?<!Ngoại\s)(?<!ngoại\s)giao|đề nghị|là cơ quan|làm|được|trong|"
        r"để|nhằm|về việc|tại|theo|"
        r"khi|đối với|căn cứ|thường xuyên|định kỳ|kịp thời|sớm|khẩn trương|nghiêm túc|cùng|lập|"
        r"trên cơ sở|thông qua|liên quan(?=\s)|"
        # what a council says of a body in a resolution ("Hội đồng nhân dân tỉnh cơ bản thống
        # nhất với …", "… đánh giá cao …"), and the relative "mà": never part of a name
        r"cơ bản|thống nhất|nhất trí|tán thành|đánh giá|ghi nhận|biểu dương|mà|xem xét|"
        # a letter's closing thanks ("Bộ … trân trọng cảm ơn sự phối hợp của Quý Ủy ban")
        r"trân trọng|cảm ơn"
        r")(?![^\W\d_])"
    ).replace(" ", r"\s+")
)
# An office that serves two bodies ("Văn phòng HĐND và UBND xã", "Văn phòng Đoàn ĐBQH và
# HĐND tỉnh"): the "và" inside its name joins the bodies, not two units.
_JOINT_OFFICE_NAME = "Văn phòng (?:HĐND|Hội đồng nhân dân|Đoàn ĐBQH|Đoàn đại biểu Quốc hội)"
_JOINT_OFFICE = re.compile(r"(?:^|(?<=[\s,;]))" + _JOINT_OFFICE_NAME.replace(" ", r"\s+") + r"\s*$")
# The longest a unit name runs, in words.
_MAX_WORDS = 40


@dataclass(frozen=True)
class UnitSpan:
    """A unit's name as written: its cleaned text and its offsets in the text searched."""

    text: str
    start: int
    end: int


def name_end(text: str, start: int, limit: int | None = None) -> int:
    """Where the unit name starting at `start` ends (before a stop or `limit`)."""
    limit = len(text) if limit is None else limit
    end = limit
    punct = _STOP_PUNCT.search(text, start, limit)
    if punct:
        end = punct.start()
    verb = _STOP_WORDS.search(text, start, end)
    # "Ban Chỉ đạo về phát triển …"; "… và các tổ chức thành viên": after "các" the word is
    # a noun ("tổ chức" = organisations), not what the unit does
    while verb and re.search(r"(?<![^\W\d_])(?:về|và|các|những)$", text[start : verb.start()]):
        verb = _STOP_WORDS.search(text, verb.end(), end)
    if verb:
        end = verb.start()
        tail = re.match(r"\s+liên\s+quan", text[verb.start() : limit])
        if tail:  # "các đơn vị liên quan": the words belong to the name
            end = verb.start() + tail.end()
    words = list(re.finditer(r"\S+", text[start:end]))
    if len(words) > _MAX_WORDS:
        end = start + words[_MAX_WORDS - 1].end()
    return start + len(text[start:end].rstrip(" ,-–"))


# a unit word that needs a name, closing a line: "**2. Sở" / "Khoa học và Công nghệ**"
_NAME_PENDING = re.compile(rf"(?<![^\W\d_])(?:{_NAMED})$")


def name_pending(text: str) -> bool:
    """Whether `text` ends with a unit word whose name a hard wrap put on the next line
    ("2. Sở", "Giao Ủy ban"): no heading or sentence stops at a bare "Sở"."""
    return bool(_NAME_PENDING.search(text.rstrip(" *_")))


def starts_unit(text: str, position: int = 0) -> bool:
    """Whether a unit name starts exactly at `position`."""
    return UNIT_START.match(text, position) is not None


# a level word, capitalised too where a copy writes it so ("Hội Cựu chiến binh Thành phố")
_LEVEL = (
    r"(?:\s+(?:các|cấp))?\s+(?:[Tt]ỉnh|[Tt]hành phố|[Tt]hị xã|[Tt]hị trấn|[Hh]uyện|[Qq]uận|xã|"
    r"phường|TP\.?)"
    r"(?:(?:\s*,\s*|\s+và\s+|\s*-\s*|\s+)(?:thành phố|thị xã|thị trấn|huyện|quận|xã|phường))*"
).replace(" ", r"\s+")
_PLACE = rf"(?:\s+[{UPPER}][^\W\d_]*)+"
_AFTER_KNOWN = re.compile(rf"(?:{_LEVEL})?(?:(?<=[^\W\d_])(?:{_PLACE}))?")


def known_unit_end(text: str, start: int, end: int) -> int | None:
    """Where a unit the abbreviation table knows ends when it opens text[start:end]
    ("Công an tỉnh kết nối …" → after "tỉnh"), with its level words and place name; None
    when the text does not open with a known unit."""
    for match in abbreviations_in(text[start:end]):
        if match.start != 0 or not match.entry.unit:
            return None
        after = _AFTER_KNOWN.match(text, start + match.end, end)
        return after.end() if after else start + match.end
    return None


def split_unit_list(text: str, start: int, end: int, delimited: bool = False) -> list[UnitSpan]:
    """The units of a written list ("Sở A, Sở B và các đơn vị liên quan"), each with its span.

    A list goes on at ",", ";", "và" or "và đề nghị" only where another unit name follows;
    a comma inside a name ("các sở, ban, ngành") stays inside it. In running text a known
    unit followed by lowercase words ends the list ("… với Công an tỉnh kết nối dữ liệu");
    a `delimited` list (a heading's name, up to its colon) is taken whole.
    """
    spans: list[UnitSpan] = []
    piece_start = start
    for sep in re.finditer(r"\s*(?:[,;]\s*(?:và\s+)?|\s+và\s+)(?:đề nghị\s+)?", text[start:end]):
        after = start + sep.end()
        joint = _JOINT_OFFICE.search(text, piece_start, start + sep.start())
        if sep.group().strip() == "và" and joint:
            continue  # "Văn phòng HĐND và UBND xã" is one office
        bare = "và" in sep.group() and _BARE.match(text, after) is not None
        if starts_unit(text, after) or bare or text[start + sep.start()] == ";":
            if not _add(spans, text, piece_start, start + sep.start(), delimited):
                return spans  # the list ended inside that piece
            piece_start = after
    _add(spans, text, piece_start, end, delimited)
    return spans


def _add(spans: list[UnitSpan], text: str, start: int, end: int, delimited: bool) -> bool:
    """Add the unit text[start:end]; False when the name ends before `end` (a known unit
    followed by lowercase words: "Công an tỉnh kết nối …"), which ends the list too."""
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip(" ,;-–*"))
    trimmed = raw.strip(" ,;-–*")
    if not trimmed or not (starts_unit(trimmed) or _BARE.match(trimmed)):
        return True
    first = start + lead
    last = first + len(trimmed)
    known = None if delimited else known_unit_end(text, first, last)
    whole = True
    if known is not None and known < last and text[known:last].strip()[:1].islower():
        last, whole = known, False
    spans.append(UnitSpan(" ".join(text[first:last].split()), first, last))
    return whole
