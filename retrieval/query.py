"""Question understanding: intent and references (clauses, documents, units, periods).

Everything is matched on the accent-free, lower-case form of the question, with
abbreviations expanded, so "so nao chu tri chi tieu 6.6" reads like "Sở nào chủ trì chỉ
tiêu 6.6?". `Query.plain` is the same form without the spellings-out: the words the asker
typed, for every check of what the question itself says ("và" joining two plans, a word
before a unit); `Query.expansions` holds each spelling-out with the abbreviation's span.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from enum import StrEnum

from ingest.abbreviations import abbreviations_in, expand_abbreviations, expanded_matches
from ingest.normalize_vi import folded
from ingest.parser.markers import ARTICLE_WORD, roman_to_int


class Intent(StrEnum):
    """What the question asks for."""

    WHO = "who"  # every responsible role of a clause
    WHO_LEAD = "who_lead"
    WHO_COOPERATE = "who_cooperate"
    WHO_MONITOR = "who_monitor"
    DEADLINE = "deadline"
    TARGET = "target"  # the target value / content
    LIST_BY_UNIT = "list_by_unit"
    LIST_BY_PERIOD = "list_by_period"
    COMPARE = "compare"
    DOCUMENT_FACTS = "document_facts"
    GUIDANCE = "guidance"
    SEARCH = "search"


class MetaField(StrEnum):
    """Which document fact a DOCUMENT_FACTS question asks for."""

    NUMBER = "number"
    DATE = "date"
    SIGNER = "signer"
    ISSUER = "issuer"
    REPLACES = "replaces"
    BASED_ON = "based_on"
    TITLE = "title"
    FIELD = "field"  # lĩnh vực
    SIGNER_TITLE = "signer_title"  # chức vụ người ký
    RECIPIENTS = "recipients"  # nơi nhận: where the plan was sent
    SESSION = "session"  # the kỳ họp a resolution was adopted at
    PROPOSER = "proposer"  # "Xét đề nghị của …": who proposed a decision
    KIND = "kind"  # tên loại: Chỉ thị, Kế hoạch, Quyết định …
    DECISION = "decision"  # the decision a plan is issued with ("kèm theo Quyết định số …")
    AUTHORITY = "authority"  # in whose name it is signed ("T/M Ban Thường vụ", "KT. Chủ tịch")
    DRAFT = "draft"  # whether it is a draft ("bản dự thảo hay văn bản chính thức?")


@dataclass(frozen=True)
class ClauseRef:
    """A clause number named in the question, with a hint of where it lives."""

    number: str  # "6.6", "2", "II"
    scope: str | None = None  # "table" (chỉ tiêu, nhiệm vụ), "body" (mục, khoản, phần), None
    point: str | None = None  # "a" in "điểm a khoản 2"


@dataclass(frozen=True)
class Period:
    """A time window named in the question ("tháng 10/2025", "quý IV/2025", "năm 2025")."""

    year: int | None
    month: int | None = None
    quarter: int | None = None

    def contains(self, year: int | None, month: int | None, quarter: int | None) -> bool:
        """Whether a deadline (year, month, quarter) falls in this window."""
        if self.year is not None and year != self.year:
            return False
        if self.month is not None:
            return month == self.month
        if self.quarter is not None:
            if quarter is not None:
                return quarter == self.quarter
            return month is not None and (month - 1) // 3 + 1 == self.quarter
        return True


@dataclass(frozen=True)
class Span:
    """Where a constraint stands in the question (`Query.folded` or `Query.plain`, as the
    constraint says)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Expansion:
    """An abbreviation the question writes, spelled out ("sở tttt" → "sở thông tin và truyền
    thông"): its span in `Query.plain`, and where its spelling stands in `Query.folded` (-1
    everywhere when the two texts do not line up, which no question of the eval sets does)."""

    start: int
    end: int
    short: str  # the abbreviation as `Query.plain` has it ("so tttt")
    long: str  # its long form, folded ("so thong tin va truyen thong")
    at: int  # offset of `long` in `Query.folded`; -1 when the two texts do not line up


@dataclass(frozen=True)
class Query:
    """A parsed question."""

    text: str
    folded: str  # accent-free, lower case, abbreviations expanded
    intent: Intent
    clause_refs: tuple[ClauseRef, ...] = ()
    period: Period | None = None
    meta_field: MetaField | None = None
    # every document fact asked for, in question order ("số hiệu …, ban hành ngày nào?")
    meta_fields: tuple[MetaField, ...] = ()
    wants_list: bool = False
    wants_items: bool = False  # asks for several things: "gồm những nguồn nào", "những sở nào"
    is_follow_up: bool = False
    keywords: tuple[str, ...] = field(default=())
    # The keywords as they stand next to each other in the question, in runs broken by
    # other words; an abbreviation's long form is one item, its words joined by spaces.
    phrases: tuple[tuple[str, ...], ...] = field(default=())
    # `folded` without the abbreviations' spellings-out: only what the asker typed
    plain: str = ""
    expansions: tuple[Expansion, ...] = ()

    def plain_span(self, start: int, end: int) -> tuple[int, int] | None:
        """The span in `plain` of the span `start:end` of `folded`: a part inside an
        abbreviation's spelling-out stands for the abbreviation. None when the two texts do
        not line up."""
        if any(e.at < 0 for e in self.expansions):
            return None
        return (
            _to_plain(self.plain, self.expansions, start, True),
            _to_plain(self.plain, self.expansions, end, False),
        )


def _to_plain(plain: str, expansions: tuple[Expansion, ...], offset: int, is_start: bool) -> int:
    shift = 0
    for e in expansions:
        # " " + the long form, and a space before a word glued to the abbreviation ("TP.HCM")
        inserted_from = e.at - 1
        inserted_to = e.at + len(e.long) + _glued(plain, e.end)
        if offset <= inserted_from:
            break
        if offset < inserted_to or (offset == inserted_to and not is_start):
            return e.start if is_start else e.end
        shift += inserted_to - inserted_from
    return offset - shift


def _compile(pattern: str) -> re.Pattern[str]:
    """Compile a pattern written in plain accent-free words, spelled as `folded` spells them
    (its i/y rule turns "ky" into "ki")."""
    spelled = re.sub(r"[a-z]+", lambda m: folded(m.group()), pattern)
    return re.compile(rf"(?<![a-z0-9])(?:{spelled})(?![a-z0-9])")


_CLAUSE_WORDS = {
    "chi tieu": "table",
    "nhiem vu": "table",
    "stt": "table",
    "dong": "table",
    "hang": "table",
    "muc tieu": "body",
    "muc": "body",
    "khoan": "body",
    "tieu muc": "body",
    "phan": "body",
    "dieu": "body",
    "noi dung": None,
}
_NUMBER = r"(\d{1,2}(?:\.\d{1,2})*|[ivx]{1,4})\b\.?"
_CLAUSE_REF = re.compile(
    r"\b(" + "|".join(sorted(_CLAUSE_WORDS, key=len, reverse=True)) + r")\s+(?:so\s+)?" + _NUMBER
)
_POINT_REF = re.compile(
    r"\bdiem\s+([a-zđ])(?![a-z0-9])(?:\s*\)?\s*(?:khoan|muc)\s+(\d{1,2}(?:\.\d{1,2})*))?"
)
# "hành động", "hoạt động", "lao động", "cộng đồng" …: a word ending in "động"/"đồng" folds
# onto "dòng" (a table row)
_COMPOUND_DONG = re.compile(r"\b(?:hanh|hoat|lao|cong|chu|tac|van|bien|luu|kich|khoi|hoi) $")
_BARE_DOTTED = re.compile(r"(?<![\d/.])(\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)(?![\d/])")
_MONTH = re.compile(r"\bthang\s+(\d{1,2})(?:\s*(?:/|nam)\s*(\d{4}))?")
_QUARTER = re.compile(r"\bquy\s+([ivx]{1,3}|[1-4])\b(?:\s*(?:/|nam)\s*(\d{4}))?")
_YEAR = re.compile(r"\bnam\s+(20\d{2})\b")

_FOLLOW_UP_CUES = tuple(
    folded(cue) + (" " if cue.endswith(" ") else "")
    for cue in (
        "con ",
        "the con",
        "thi sao",
        "vay thi",
        "cai do",
        "chi tieu do",
        "nhiem vu do",
        "muc do",
        "no ",
        "do la",
        "don vi phoi hop la ai",
        "ai phoi hop",
        "thoi han",
        "han chot",
    )
)

_WHO_COOPERATE = _compile(r"phoi hop")
_WHO_MONITOR = _compile(r"theo doi|chi dao|don doc|giam sat|truc tiep chi dao")
_WHO_LEAD = _compile(
    r"chu tri|don vi nao|so nao|co quan nao|phong nao|"
    r"ai (?:la )?(?:nguoi )?(?:chiu trach nhiem|thuc hien|lam)|ai chiu|do ai|ai phu trach|"
    r"phu trach|chiu trach nhiem|trach nhiem chinh|giao cho ai|don vi thuc hien"
)
# a unit asked for: "ai", "do ai", "cơ quan nào", "những sở nào", "đơn vị theo dõi"
_ASKS_A_UNIT = _compile(
    r"\bai\b|(?:co quan|don vi|so|bo|phong|ban|nganh|dia phuong|to chuc|cap|luc luong)"
    r"(?: [a-z]+)? nao\b|(?:don vi|co quan) (?:chu tri|phoi hop|theo doi|giam sat|thuc hien)"
)
# a question that opens with "ai" asks who ("Ai tổ chức triển khai …?"), whatever the verb;
# also after a lead-in clause ("Trường hợp đặc biệt, ai quyết định …?", read before the
# commas are dropped)
_ASKS_WHO = re.compile(r"\s*ai\s+(?!la gi\b)")
_WHO_AFTER_LEAD_IN = re.compile(r"\s*[^,?]{1,40},\s*ai\s+(?!la gi\b)")
# the words that ask a time ("khi nào", "ngày nào", "thời hạn"), not those that only name one
# in the task ("thời gian kéo dài năm học")
_ASKS_TIME = _compile(
    r"thoi han|khi nao|bao gio|han chot|luc nao|bao lau|thoi diem nao|(?:khoang )?thoi gian nao|"
    r"(?:den|tu|truoc) ngay nao|"
    r"(?:vao )?(?:thang|(?<!loai )(?<!cac )(?<!nhung )(?<!nguon )quy|nam) nao|\bngay nao\b"
)
# "hạn chế" (a shortcoming), "hạn mức" (a ceiling), "hạn ngạch" (a quota) fold onto "hạn"
# (a deadline), and a plan's term ("kế hoạch đầu tư công trung hạn", "dài hạn") is none;
# "loại quỹ nào", "những quỹ nào" (funds) onto "quý nào" (a quarter)
_DEADLINE = _compile(
    r"thoi han|khi nao|bao gio|han chot|han hoan thanh|thoi gian hoan thanh|den khi nao|"
    # "… đã hoàn thành chưa?": the status a table's time column gives ("Đã hoàn thành")
    r"hoan thanh chua|xong chua|"
    r"luc nao|hoan thanh vao|(?<!trung )(?<!dai )(?<!ngan )\bhan\b(?! (?:che|muc|ngach)\b)|"
    r"deadline|moc thoi gian|"
    # ("… yêu cầu gì để không kéo dài, đội vốn": a delay to avoid, no time asked)
    r"thoi diem|bao lau|(?<!khong )keo dai|(?:khoang )?thoi gian nao|(?:den|tu|truoc) ngay nao|"
    r"(?:vao )?(?:thang|(?<!loai )(?<!cac )(?<!nhung )(?<!nguon )quy|nam) nao|"
    r"\bngay nao\b|(?<!nhung )(?<!cac )\bgiai doan nao\b|"
    # "<task>: thời gian thực hiện?" — a table's column label asked as the question
    r"thoi gian (?:thuc hien|trien khai)(?: (?:la gi|la bao lau|la|nhu the nao|ra sao|the nao))?$"
)
_TARGET = _compile(
    r"bao nhieu|ty le|ti le|muc tieu|chi tieu .* la gi|dat (?:muc )?(?:bao nhieu|toi thieu)|"
    r"ty trong|ti trong|phan tram|%|la gi|noi dung"
)
# a list of rows: "những chỉ tiêu …", "các nhiệm vụ …", and the documents or tasks a table
# lists as its rows ("Công an tỉnh chủ trì ban hành những văn bản nào?")
_LIST = _compile(
    r"nhung (?:chi tieu|nhiem vu|viec|muc|noi dung)|cac (?:chi tieu|nhiem vu)|"
    r"(?:nhung|cac) (?:van ban|cong viec|hoat dong) nao|"
    r"(?:chi tieu|nhiem vu|viec) nao|liet ke|bao nhieu (?:chi tieu|nhiem vu)|"
    # "theo danh sách kèm Nghị quyết 60": where to look, not a list asked for
    r"danh sach(?! (?:di )?kem| ban hanh kem)"
)
_ITEMS = _compile(
    r"nhung(?: [a-z]+){1,6} nao|cac(?: [a-z]+){1,2} nao|gom(?: nhung| cac)? (?:gi|nao)|"
    r"gom nhung|nhung gi|nhung [a-z]+ gi|liet ke"
)
_COMPARE = _compile(r"so sanh|khac nhau|khac gi|giong|chenh lech|so voi|\bva\b.*\bkhac\b|ca hai")
_GUIDANCE = _compile(
    r"can lam gi|phai lam gi|lam gi|nhiem vu cua|trach nhiem cua|vai tro|nhiem vu gi|"
    r"trach nhiem gi|"
    r"huong dan|giai phap|lam the nao|the nao de"
)
# the kinds of document a plan implements or rests on ("thực hiện Chỉ thị nào?")
_CITED_KINDS = (
    # (a short form as asked: "thực hiện KH nào của UBND tỉnh?")
    r"(?:van ban(?: quy pham)? phap luat|van ban|ke hoach|kh|quyet dinh|qd|nghi quyet|nq"
    r"|chi thi|chuong trinh|ket luan|luat|nghi dinh|thong tu|de an|cong van)"
)
# "CTr 31 và CTr 104, văn bản nào ban hành trước?": which of the documents named was issued
# (signed) first or last, not a deadline ("phải ban hành trước ngày …")
_ISSUED_FIRST = (
    r"(?:van ban|ke hoach|quyet dinh|nghi quyet|chi thi|chuong trinh) nao"
    r" (?:duoc )?(?:ban hanh|ky) (?:truoc|sau|som hon|muon hon)"
)
ISSUED_FIRST = _compile(_ISSUED_FIRST)
# the kinds a question names a sent document by ("CT 012 … gửi …", "Kế hoạch 88 được gửi …")
_SENT_KINDS = (
    r"(?:ke hoach|kh|van ban|nghi quyet|nq|quyet dinh|qd|chi thi|ct|chuong trinh|ctr"
    r"|cong van|cv|thong bao)\b"
)
_META = (
    # whether the document is a draft or issued ("là văn bản chính thức hay bản dự thảo?",
    # "có phải bản dự thảo không?"), not a draft a duty asks for ("xây dựng dự thảo KH …")
    (
        MetaField.DRAFT,
        _compile(
            r"chinh thuc hay (?:la )?(?:ban |van ban )?du thao"
            r"|du thao hay (?:la )?(?:ban |van ban )?(?:chinh thuc|da ban hanh)"
            r"|(?:co phai|con la|van la) (?:la )?(?:ban |van ban )?du thao"
            r"|(?:la |con |van )(?:ban |van ban )?du thao (?:khong|chua|a)\b"
            r"|(?:da )?(?:duoc )?ban hanh chinh thuc (?:chua|khong)\b"
        ),
    ),
    # the signer's title ("giữ chức vụ gì", "ký với chức danh gì", "chức vụ của người ký"),
    # not a title the text is about ("cách chức tất cả các chức vụ trong Đảng đối với ai")
    (
        MetaField.SIGNER_TITLE,
        _compile(
            r"chuc (?:vu|danh)(?: [a-z]+){0,3} (?:gi|nao)\b|chuc (?:vu|danh) (?:cua )?nguoi ki"
            r"|nguoi ki(?: [a-z0-9/-]+){0,12} chuc (?:vu|danh)"
            # the authority signed under ("ký theo thẩm quyền gì": "KT. BỘ TRƯỞNG")
            r"|\bki (?:theo|voi|bang) (?:tham quyen|tu cach)\b|\btham quyen ki\b"
        ),
    ),
    # ("công việc ở những lĩnh vực nào": the fields a text's parts cover, not its own field)
    (MetaField.FIELD, _compile(r"(?<!nhung )(?<!cac )linh vuc (?:nao|gi)|thuoc linh vuc")),
    (
        MetaField.SESSION,
        _compile(
            # a session asked ("tại kỳ họp nào", "kỳ họp thứ mấy"): the adoption's only when
            # `_ADOPTION_SESSION` holds too
            r"(?:(?:tai|o|trong|vao) )?ky hop (?:nao|thu may|lan thu may)"
            r"|hoi nghi(?: trung uong| ban chap hanh trung uong)? (?:nao|thu may|lan thu may)"
        ),
    ),
    # "Kế hoạch 88 … được gửi tới cơ quan nào?", "QĐ 986 được gửi báo cáo những cơ quan
    # nào?", "nơi nhận": the "Nơi nhận" list; not a report the plan asks units to send
    # ("gửi báo cáo về Sở …": no "được" before it)
    (
        MetaField.RECIPIENTS,
        _compile(
            # "Kính gửi": whom a letter is addressed to
            rf"noi nhan|\bkinh gui\b|{_SENT_KINDS}"
            # (a deadline asked before it, "đặt hạn trước ngày nào, gửi cho ai", is a report's)
            r"(?: (?!bao cao|ket qua|ho so|du toan|de xuat|san pham|han\b|truoc ngay)"
            r"[a-z0-9/-]+){0,14} "
            r"(?:(?:duoc |da )gui (?:de )?(?:bao cao|b/c) (?:(?:toi|den|cho|ve) )?"
            # "gửi báo cáo (để b/c) những cơ quan nào": the purpose the list marks
            r"|(?:duoc |da )?gui(?:(?: bao cao)?(?: de (?:bao cao|b/c|biet|thuc hien|chi dao)"
            r"(?: b/c)?)+ (?:(?:toi|den|cho|ve) )?| (?:toi|den|cho|ve) | (?=(?:nhung|cac) )))"
            r"(?:nhung |cac )?"
            r"(?:co quan|don vi|noi|ai|bo|so|ban|nganh|cuc|doi tuong)"
            # "CT 012 có gửi UBND các xã, phường không?": one recipient asked yes or no
            rf"|{_SENT_KINDS}(?: [a-z0-9/-]+){{0,8}} (?:co )?(?:duoc )?gui(?: cho| toi| den)?"
            r" (?!bao cao|ket qua|ho so)(?:[a-z0-9/-]+ ){1,10}khong\b"
        ),
    ),
    (
        MetaField.PROPOSER,
        # the document itself proposed ("… được ban hành theo đề nghị của ai?", "QĐ 773 theo
        # đề nghị của bộ nào?"), not a duty done on request ("Sở X thẩm định theo đề nghị
        # của ai?")
        _compile(
            r"\bban hanh\b.*\b(?:theo|xet) (?:de nghi|de xuat|to trinh) cua\b"
            r"|\b(?:ai|co quan nao|don vi nao|bo nao|so nao) (?:de nghi|de xuat|trinh) ban hanh\b"
            r"|\b(?:quyet dinh|qd|ke hoach|kh|nghi quyet|nq|van ban)(?: [a-z0-9/-]+){0,8} "
            r"(?:duoc )?(?:theo|xet) de nghi cua (?:ai|co quan nao|bo nao|so nao|don vi nao)"
        ),
    ),
    (MetaField.SIGNER, _compile(r"nguoi ky|ai ky|ky boi|ky ban hanh|ai da ky|duoc ky")),
    # "… thay thế văn bản nào?", "có thay thế …", "bị thay thế": not a task's words ("trình
    # Pháp lệnh thay thế Pháp lệnh … khi nào?")
    (
        MetaField.REPLACES,
        # ("… lập hồ sơ Pháp lệnh thay thế được làm vào năm nào?" asks a time)
        _compile(
            r"thay the(?: (?!(?:nam|ngay|thang|quy|khi|luc|thoi|duoc)\b)[a-z0-9/-]+){0,6}"
            r" (?:nao|gi|khong)\b|co thay the|bi thay the"
        ),
    ),
    # "ký thay mặt cơ quan nào?", "thay mặt ai?": the T/M, KT. line of the signature
    (
        MetaField.AUTHORITY,
        _compile(r"\bthay mat (?:[a-z]+ ){0,2}(?:nao|gi|ai)\b|\bk[iy] thay (?:mat )?(?:cho )?ai\b"),
    ),
    # "… kèm theo quyết định số mấy?", "quyết định nào ban hành kế hoạch …?"
    (
        MetaField.DECISION,
        _compile(
            # ("ban hành kèm QĐ số mấy": "theo" left out, the short form spelled out after it)
            r"kem(?: theo)? (?:(?:qd|nq|ct) )?(?:quyet dinh|qd|nghi quyet|nq|chi thi)(?: so)?"
            r" (?:may|nao|gi|bao nhieu)"
            r"|(?:quyet dinh|qd|nghi quyet|nq) (?:so may|so bao nhieu|nao) (?:da )?ban hanh"
            r" (?:kem theo )?(?:ke hoach|kh|chuong trinh|ctr|quy che|de an)\b"
        ),
    ),
    (
        MetaField.BASED_ON,
        _compile(
            # ("căn cứ những luật nào": a plural before the kind)
            rf"(?:thuc hien|trien khai|can cu(?: vao)?|dua tren|cu the hoa)(?: nhung| cac)?"
            rf" {_CITED_KINDS}"
            # "… thực hiện chương trình hành động nào của Bộ Chính trị?" (not "kế hoạch năm nào")
            r"(?: (?!nam|thang|quy|ngay|giai)[a-z]+){0,2} (?:nao|so may|so bao nhieu)"
        ),
    ),
    (
        MetaField.NUMBER,
        _compile(
            r"so hieu|so van ban|ky hieu|so ke hoach(?! va dau tu)|"
            r"(?:ke hoach|van ban) (?:co )?so (?:bao nhieu|may|gi)"
            # "Nghị quyết về … tại kỳ họp thứ Năm số mấy, ký ngày nào?": the title between
            # (not "Tờ trình số mấy", "thực hiện Kết luận số mấy": a document it cites)
            r"|(?:nghi quyet|quyet dinh|ke hoach|van ban|chi thi|chuong trinh)"
            r"(?: (?!to trinh|ket luan|phap lenh|luat|nghi dinh|thong tu|cong van)[a-z0-9/-]+)"
            r"{0,16} so (?:may|gi)(?= ki| ngay)"
        ),
    ),
    (
        MetaField.DATE,
        _compile(
            # ("ban hành ngày 10/12/2025 …" names the day, asks something else)
            r"ngay ban hanh|ban hanh (?:ngay(?! \d)|khi nao|vao(?! ngay \d)|nam nao|luc nao)"
            r"|ngay nao|"
            r"ngay ky|ban hanh thang|(?:ky|ban hanh) (?:vao )?ngay nao|" + _ISSUED_FIRST
        ),
    ),
    (
        MetaField.ISSUER,
        _compile(
            r"co quan (?:nao )?ban hanh|ai ban hanh|don vi ban hanh|cap nao ban hanh"
            # "Kế hoạch về … ban hành ngày 10/12/2025 là của cơ quan nào?"
            rf"|^{_SENT_KINDS}.* la cua (?:co quan|don vi|cap) nao$"
        ),
    ),
    # "tiêu đề" (a title), not the "tiêu Đề" of "chỉ tiêu Đề án 06" / "chỉ tiêu đề ra"
    # "… là loại văn bản gì?": the kind (Chỉ thị, Kế hoạch, Quyết định …) its header names
    (
        MetaField.KIND,
        _compile(r"loai van ban (?:gi|nao)|(?:la|thuoc) (?:loai|hinh thuc) (?:gi|nao)"),
    ),
    # "… về việc gì?": the trích yếu NĐ 30/2020 writes after the kind ("VỀ VIỆC …")
    (
        MetaField.TITLE,
        _compile(
            r"ten (?:day du )?(?:cua )?(?:ke hoach|van ban)|trich yeu|(?<!chi )tieu de(?! an| ra)"
            # (a document named before it: "giám sát về việc gì" asks what is supervised)
            # (the field is named where "về việc gì" stands, not where the document is)
            rf"|{_SENT_KINDS}.*(?P<at>\bve viec gi\b)|\b(?:thong bao|tb)\b.*(?P<at2>\bve viec gi\b)"
            # "QĐ 232 phê duyệt đề án gì?": what a decision approves or issues, its trích yếu
            r"|^(?:quyet dinh|qd|nghi quyet|nq)\b.*\b(?:phe duyet|ban hanh)"
            r" (?:de an|ke hoach|chuong trinh|quy hoach|chien luoc|quy che|quy dinh) (?:gi|nao)\b"
            # "… thuộc khóa, nhiệm kỳ nào?": a council's term, which its resolution's title
            # names ("… HĐND tỉnh khóa XVII, nhiệm kỳ 2016 - 2021")
            r"|thuoc khoa"
        ),
    ),
)


# "chỉ tiêu II.4": row 4 of group II, read as the path "chỉ tiêu 4 mục II"
_ROMAN_DOTTED = re.compile(r"\b(chi tieu|nhiem vu|noi dung|dong)\s+([ivx]{1,4})\.(\d{1,2})\b")
# "mục II.3": section 3 of part II, read as the path "mục II mục 3" (outer step first)
_SECTION_DOTTED = re.compile(r"\b(muc)\s+([ivx]{1,4})\.(\d{1,2})\b(?!\.\w)")


# "điểm đ": the point after "d" (NĐ 30/2020 letters points a, b, c, d, đ, e …); folding
# would make it "điểm d", so the folded question keeps its "đ"
_POINT_WRITTEN = re.compile(r"(?<!\w)điểm\s+([a-zđ])(?!\w)", re.IGNORECASE)
_POINT_FOLDED = re.compile(r"\bdiem\s+([a-z])(?![a-z0-9])")


def _with_stroked_points(question: str, text: str) -> str:
    """The folded `text` with each point the question writes "điểm đ" labelled "đ"."""
    written = [
        m.group(1).lower() for m in _POINT_WRITTEN.finditer(unicodedata.normalize("NFC", question))
    ]
    if "đ" not in written:
        return text
    matches = list(_POINT_FOLDED.finditer(text))
    if len(matches) != len(written):
        return text
    for match, letter in reversed(list(zip(matches, written, strict=True))):
        if letter == "đ":
            text = text[: match.start(1)] + "đ" + text[match.end(1) :]
    return text


def _cleaned(question: str, text: str) -> str:
    """A folded text as the question readers match it: no punctuation that ends or groups
    words, single spaces, "chỉ tiêu II.4" as a path, "điểm đ" kept."""
    text = re.sub(r"[?!,;:()\"“”]", " ", text)
    text = " ".join(text.split())
    text = _ROMAN_DOTTED.sub(r"\1 \3 muc \2", text)
    text = _SECTION_DOTTED.sub(r"muc \2 muc \3", text)
    return _with_stroked_points(question, text)


def _expansions(question: str, plain: str, text: str) -> tuple[Expansion, ...]:
    """Each abbreviation spelled out in `text` (the folded question with spellings), placed
    in `plain` (the one without)."""
    held = [(m.start(), m.end()) for m in _PARTY_NUMBER.finditer(question)]
    found: list[Expansion] = []
    pos = 0
    for match in expanded_matches(question):
        if any(start <= match.start < end for start, end in held):
            continue
        short = _cleaned(match.text, folded(match.text))
        long = _cleaned(match.entry.long, folded(match.entry.long))
        at = re.compile(rf"(?<![\w&/-]){re.escape(short)}(?![\w&])").search(plain, pos)
        if at is None or not long:
            unplaced = Expansion(-1, -1, short, long, -1)  # not found where the asker wrote it
            return (*(replace(e, at=-1) for e in found), unplaced)
        found.append(Expansion(at.start(), at.end(), short, long, -1))
        pos = at.end()
    # the spellings inserted after their abbreviations, as `text` has them
    pieces: list[str] = []
    placed: list[Expansion] = []
    pos = length = 0
    for e in found:
        pieces += [plain[pos : e.end], " "]
        length += e.end - pos + 1
        placed.append(replace(e, at=length))
        pieces.append(e.long + " " * _glued(plain, e.end))
        length += len(e.long) + _glued(plain, e.end)
        pos = e.end
    pieces.append(plain[pos:])
    if "".join(pieces) != text:
        return tuple(replace(e, at=-1) for e in found)
    return tuple(placed)


def _glued(plain: str, end: int) -> int:
    """1 when a word follows the abbreviation ending at `end` without a space ("tp.hcm")."""
    return int(end < len(plain) and plain[end] != " ")


def understand(question: str) -> Query:
    """Parse a question into intent and references."""
    expanded = _expanded_outside_numbers(question)
    text = folded(expanded)
    opens_who = bool(_ASKS_WHO.match(text) or _WHO_AFTER_LEAD_IN.match(text))
    text = _cleaned(question, text)
    plain = _cleaned(question, folded(question))
    clause_refs = _clause_refs(text, _levels_not_sections(question, text))
    period = _period(text)
    meta = _meta_field(text)
    wants_list = bool(_LIST.search(text))
    intent = _intent(text, clause_refs, period, meta, wants_list, opens_who, plain)
    follow_up = not clause_refs and (
        any(cue in f" {text} " for cue in _FOLLOW_UP_CUES) or len(text.split()) <= 5
    )
    return Query(
        text=question,
        folded=text,
        intent=intent,
        clause_refs=clause_refs,
        period=period,
        meta_field=meta if intent is Intent.DOCUMENT_FACTS else None,
        meta_fields=_meta_fields(text, meta) if intent is Intent.DOCUMENT_FACTS else (),
        wants_list=wants_list,
        wants_items=wants_list or bool(_ITEMS.search(text)),
        is_follow_up=follow_up,
        keywords=tuple(content_words(_plain_words(question))),
        phrases=_phrases(question),
        plain=plain,
        expansions=_expansions(question, plain, text),
    )


_ACCENTED_STOPWORDS = re.compile(r"(?<!\w)(?:mà|Mà)(?!\w)")
# A document number ("19/KH-UBND", "1049/QĐ-UBND"): one word, its symbols not expanded.
# Party numbers join the figures to the symbol with a hyphen ("60-NQ/TW", HD 36).
_DOCUMENT_NUMBER = re.compile(r"\b\d{1,5}(?:/[A-ZĐa-zđ][\wĐđ&-]*|-[A-ZĐ][A-ZĐa-zđ]*/[\wĐđ&-]+)")


def _plain_words(question: str, groups: list[str] | None = None) -> str:
    """The question folded with abbreviations replaced by their long forms (for keywords:
    "TTHC" and "thủ tục hành chính" must not count as two different words). With `groups`,
    each long form becomes a placeholder "abbrN" and its folded words go to `groups[N]`."""
    if groups is not None:
        question = _hold_abbreviations(question, groups)
    numbers: list[str] = []

    def hold(match: re.Match[str]) -> str:
        numbers.append(folded(match.group()).rstrip("-"))
        return f" docnum{len(numbers) - 1} "

    held = _DOCUMENT_NUMBER.sub(hold, question)
    # Function words that fold onto content words ("mà" onto "mã độc"): dropped while
    # their accents still tell them apart.
    held = _ACCENTED_STOPWORDS.sub(" ", held)
    text = folded(expand_abbreviations(held, keep_short=False))
    text = re.sub(r"docnum(\d+)", lambda m: numbers[int(m.group(1))], text)
    text = re.sub(r"(?<=[a-z])/(?=[a-z])", " ", text)  # "Xã/Phường" is two words
    text = re.sub(r"(?<=[a-z])\.(?=[a-z])", " ", text)  # "TP.HCM" too
    text = re.sub(r"\bphan tram\b", "%", text)
    text = re.sub(r"^(?:cho (?:toi|minh|em) hoi|xin hoi|toi muon hoi)\b", "", text)
    return " ".join(re.sub(r"[?!,;:()\"“”]", " ", text).split())


_PARTY_NUMBER = re.compile(r"\b\d{1,5}-[A-ZĐ][A-ZĐa-zđ]*/[\wĐđ&-]+")


def _expanded_outside_numbers(question: str) -> str:
    """The question with abbreviations expanded, except inside Party numbers: the "NQ"
    and "TW" of "60-NQ/TW" are its symbol, not words ("nghị quyết", "trung ương")."""
    pieces: list[str] = []
    pos = 0
    for match in _PARTY_NUMBER.finditer(question):
        pieces += [expand_abbreviations(question[pos : match.start()]), match.group()]
        pos = match.end()
    pieces.append(expand_abbreviations(question[pos:]))
    return "".join(pieces)


def _hold_abbreviations(question: str, groups: list[str]) -> str:
    pieces: list[str] = []
    pos = 0
    for match in abbreviations_in(question):
        long_words = content_words(folded(match.entry.long))
        if not match.is_short or len(long_words) < 2:
            continue  # words the asker wrote out count as words
        pieces += [question[pos : match.start], f" abbr{len(groups)} "]
        groups.append(" ".join(long_words))
        pos = match.end
    pieces.append(question[pos:])
    return "".join(pieces)


def _phrases(question: str) -> tuple[tuple[str, ...], ...]:
    """Runs of keywords adjacent in the question; an abbreviation's long form is one item,
    so that "GRDP" weighs as one concept, not as the five words it stands for."""
    groups: list[str] = []
    text = _plain_words(question, groups)
    runs: list[tuple[str, ...]] = []
    run: list[str] = []
    for token in re.findall(r"\d+/[a-z][a-z0-9&-]*[a-z0-9]|[a-z0-9%./]+", text):
        word = token.strip("./")
        held = re.fullmatch(r"abbr(\d+)", word)
        if held:
            if run:
                runs.append(tuple(run))
            runs.append((groups[int(held.group(1))],))
            run = []
        elif word in _STOPWORDS or len(word) <= 1:
            if run:
                runs.append(tuple(run))
            run = []
        else:
            run.append(word)
    if run:
        runs.append(tuple(run))
    return tuple(runs)


_DIGITAL_SIGNATURE = _compile(r"ky so|chu ky so|ky dien tu")
_SIGNER = _compile(r"nguoi ky|ai ky|ai da ky|ky boi")
_WHO_SIGNED = _compile(r"ai ky|ai da ky|ky boi|ten nguoi ky|nguoi ky la ai")
_VALID_UNTIL = _compile(r"hieu luc den|het hieu luc|hieu luc toi")


# A fact about the plan itself, not about something the plan asks to issue or report.
_NOT_ABOUT_THE_PLAN = _compile(
    r"bao cao|nop|gui|hoan thanh|truoc ngay|han chot|quy che|de an|phai ban hanh|"
    r"duoc ban hanh theo|phe duyet|theo quyet dinh|nghi quyet nao|quyet dinh nao|giai doan"
)


# "… đi vào hoạt động từ ngày nào?" asks about an event the plan tells of, not its date.
# "kỳ thi", "học kỳ", "kỹ thuật" fold onto "ký" (signed) and are no document's signing
_ABOUT_A_DOCUMENT = _compile(
    # (a "\b" glued to "ky" would keep it from being spelled "ki": look-arounds instead)
    r"ke hoach|van ban|ban hanh|(?<!hoc )(?<!dinh )(?<!nhiem )(?<!thoi )(?<![a-z])ky"
    r"(?![a-z])(?! (?:thi|hop|hoc|nghi|niem|thuat|nang|luat))"
    r"|quyet dinh|duoc thong qua|thong qua ngay|\bde ngay"
)


def _meta_field(text: str) -> MetaField | None:
    """The first document fact the question asks for (a field refused for this question,
    such as a date that is not the plan's, leaves the next one its chance)."""
    return next(
        (
            name
            for name, pattern in _META
            if pattern.search(text) and _accepted_meta_field(text, name) is not None
        ),
        None,
    )


def _named_at(match: re.Match[str]) -> int:
    """Where a field is named: its own words' group when the pattern marks one."""
    for group in ("at", "at2"):
        if group in match.re.groupindex and match.start(group) >= 0:
            return match.start(group)
    return match.start()


def _meta_fields(text: str, first: MetaField | None) -> tuple[MetaField, ...]:
    """All the document facts the question asks for, ordered as it names them."""
    found: list[tuple[int, MetaField]] = []
    for name, pattern in _META:
        match = pattern.search(text)
        if match and _accepted_meta_field(text, name) is not None:
            found.append((_named_at(match), name))
    fields = [name for _, name in sorted(found, key=lambda item: item[0])]
    if (
        MetaField.SIGNER_TITLE in fields
        and MetaField.SIGNER in fields
        and not _WHO_SIGNED.search(text)
    ):
        fields.remove(
            MetaField.SIGNER
        )  # "chức vụ người ký" asks one thing; "ai ký, chức vụ gì" two
    dropped = None
    if MetaField.DATE in fields and MetaField.SIGNER in fields and not _SIGNER.search(text):
        fields.remove(MetaField.SIGNER)  # "được ký ban hành vào ngày nào" asks when, not who
        dropped = MetaField.SIGNER
    if first is not None and first not in fields and first is not dropped:
        fields.insert(0, first)
    return tuple(fields)


# "ai ban hành Kết luận về …", "cơ quan nào ban hành Thông tư hướng dẫn …": the object of
# "ban hành" is another document, named by its kind without a number, not the plan
_ISSUES_ANOTHER_KIND = _compile(
    r"ban hanh (?:cac |mot |nhung )?(?:thong tu|ket luan|chi thi|nghi dinh|quy dinh|huong dan"
    r"|cong van|to trinh|luat|phap lenh|quy che|bo tieu chi)\b(?! so\b| \d)"
    # "Theo Kết luận 75, cơ quan nào ban hành Chương trình hành động thực hiện Kết luận?": what
    # the document says of a programme or plan to be issued, not who issued the document
    r"|^theo\b[^?]*\bban hanh (?:cac |mot |nhung )?(?:chuong trinh|ke hoach|de an)\b"
    r"(?! nay\b| so\b| \d)"
)
# "ký hiệu" asked by "ai …" ("ai chỉ đạo giải mã ký hiệu, phiên hiệu đơn vị"): a thing the
# text tells of, not the plan's số ký hiệu
_WHO_WORD = _compile(r"\bai\b")
_NUMBER_NAMED = _compile(r"so hieu|so van ban|so ky hieu|\bso ke hoach")


# the session a document was adopted at: "NQ … được thông qua tại kỳ họp nào", a question
# opening with the document ("Nghị quyết … thuộc kỳ họp thứ mấy?"), a plenum; not a session
# an item is scheduled for ("Kỳ họp nào … tổ chức lấy phiếu tín nhiệm", "báo cáo … trình HĐND
# vào kỳ họp nào")
_ADOPTION_SESSION = _compile(
    r"thong qua (?:[a-z0-9/-]+,? ){0,6}(?:tai|o|trong|vao) ky hop"
    r"|^(?:nghi quyet|nq|van ban|chuong trinh|ctr|quyet dinh|qd|ke hoach|kh)\b"
    r"(?:(?! ky hop )(?! trinh | bao cao | to chuc )[^?])* ky hop (?:nao|thu may|lan thu may)"
    r"|hoi nghi"
)


def _accepted_meta_field(text: str, field: MetaField | None) -> MetaField | None:
    if field is MetaField.SESSION and not _ADOPTION_SESSION.search(text):
        return None
    if field is MetaField.ISSUER and _ISSUES_ANOTHER_KIND.search(text):
        return None
    if field is MetaField.NUMBER and _WHO_WORD.search(text) and not _NUMBER_NAMED.search(text):
        return None
    if field is MetaField.SIGNER and _DIGITAL_SIGNATURE.search(text) and not _SIGNER.search(text):
        return None  # "văn bản được ký số": digital signatures, not who signed the plan
    if field is MetaField.DATE and _VALID_UNTIL.search(text):
        return None  # "có hiệu lực đến ngày nào": not the date it was issued
    if field is MetaField.DATE and len(text.split()) > 4 and not _ABOUT_A_DOCUMENT.search(text):
        return None
    if field is MetaField.DATE and ISSUED_FIRST.search(text):
        return field  # "văn bản nào ban hành trước? Ngày nào?": the documents' own dates
    if field in (MetaField.DATE, MetaField.NUMBER, MetaField.ISSUER) and _NOT_ABOUT_THE_PLAN.search(
        _without_own_title(text) if field in (MetaField.ISSUER, MetaField.DATE) else text
    ):
        return None
    return field


# a question that opens by naming the document by kind and number, then its trích yếu
# ("Quyết định 1544 phê duyệt kế hoạch lựa chọn nhà thầu do cơ quan nào ban hành?"): the
# words before the fact asked are that document's title, not another document's approval
_NAMED_WITH_TITLE = re.compile(
    r"^(?:(?:quyet dinh|qd|ke hoach|kh|nghi quyet|nq|chi thi|ct)\s+){1,2}(?:so\s+)?\d[\w/-]*\s+.*?"
    r"(?=\b(?:do |duoc )?(?:co quan|don vi|cap) (?:nao )?ban hanh\b|\bai ban hanh\b"
    # "QĐ 232 phê duyệt đề án gì và ký ngày nào?": the day it was itself signed
    r"|\b(?:duoc )?(?:ky|ki|ban hanh)(?: vao)? ngay nao\b)"
)


def _without_own_title(text: str) -> str:
    return _NAMED_WITH_TITLE.sub("", text)


def _intent(
    text: str,
    refs: tuple[ClauseRef, ...],
    period: Period | None,
    meta: MetaField | None,
    wants_list: bool,
    opens_who: bool = False,
    plain: str | None = None,
) -> Intent:
    if meta is not None and not refs:
        return Intent.DOCUMENT_FACTS
    # the words typed: "Sở TN&MT … khác" spells out as "… tài nguyên và môi trường … khác"
    if _COMPARE.search(text if plain is None else plain) and not refs:
        return Intent.COMPARE
    if wants_list and not refs:
        if period is not None and not _WHO_LEAD.search(text.replace("nhiem vu nao", "")):
            return Intent.LIST_BY_PERIOD
        return Intent.LIST_BY_UNIT
    if _DEADLINE.search(text) and not _ASKS_A_UNIT.search(text):
        # "… kiện toàn Ban Chỉ đạo … trước ngày nào?": a time is asked; the role words
        # ("chỉ đạo", "theo dõi", "phối hợp") are the task's, no unit is asked for
        return Intent.DEADLINE
    if _WHO_COOPERATE.search(text):
        return Intent.WHO_COOPERATE
    if (
        _WHO_MONITOR.search(text)
        and not _WHO_LEAD.search(text.replace("chu tri theo doi", ""))
        and _ASKS_A_UNIT.search(text)
    ):
        # "Ai giám sát …?" asks the monitoring unit; "Hoạt động kiểm tra, giám sát chia thành
        # mấy đợt?" is about the monitoring itself: no unit is asked for
        return Intent.WHO_MONITOR
    if _WHO_LEAD.search(text):
        return Intent.WHO_LEAD if "chu tri" in text else Intent.WHO
    if (opens_who or _ASKS_WHO.match(text)) and not _ASKS_TIME.search(text):
        return Intent.WHO  # "Ai khẩn trương xây dựng Đề án …?": who does it
    if _DEADLINE.search(text):
        return Intent.DEADLINE
    if _GUIDANCE.search(text) and not refs:
        return Intent.GUIDANCE
    if _TARGET.search(text) or refs:
        return Intent.TARGET
    return Intent.SEARCH


# "mức 2" (a level: "VNeID mức 2", "mức độ 4") folds onto "mục 2" (a section): told apart by
# its accents when written, else by what it stands after.
_LEVEL_WRITTEN = re.compile(r"(?<!\w)mức\s+(?:độ\s+)?(\d{1,2})(?!\w)", re.IGNORECASE)
_LEVEL_OF = re.compile(
    r"\b(?:vneid|dinh danh(?: dien tu)?|tai khoan|dich vu cong truc tuyen|truc tuyen)"
    r"(?:\s+[a-z]+){0,2}\s+muc\s+(?:do\s+)?(\d{1,2})\b"
)


def _levels_not_sections(question: str, text: str) -> set[str]:
    """Numbers after "mức" that name a level, not a clause."""
    written = {m.group(1) for m in _LEVEL_WRITTEN.finditer(question)}
    return written | {m.group(1) for m in _LEVEL_OF.finditer(text)}


def _clause_refs(text: str, levels: set[str] | None = None) -> tuple[ClauseRef, ...]:
    refs: list[ClauseRef] = []
    seen: set[str] = set()
    levels = levels or set()
    for match in _POINT_REF.finditer(text):
        if match.group(2):
            refs.append(ClauseRef(match.group(2), "body", match.group(1)))
            seen.add(match.group(2))
    for match in _CLAUSE_REF.finditer(text):
        number = match.group(2).rstrip(".")
        if re.fullmatch(r"[ivx]+", number):
            if roman_to_int(number) == 0:
                continue
            number = number.upper()
        if number in seen or (number.isdigit() and len(number) == 4):
            continue
        if match.group(1) == "muc" and number in levels:
            continue  # "VNeID mức 2"
        if match.group(1) == "dong" and _COMPOUND_DONG.search(text, 0, match.start()):
            continue  # "Chương trình hành động 31-CTr/TW": "động", not a row ("dòng 31")
        seen.add(number)
        if match.group(1) == "dieu" and number.isdigit():
            number = f"{ARTICLE_WORD} {number}"  # a decision's article, as the parser numbers it
        refs.append(ClauseRef(number, _CLAUSE_WORDS[match.group(1)]))
    for match in _BARE_DOTTED.finditer(text):
        number = match.group(1)
        version = re.search(rf"(?:phien ban|version|ver|v)\s*{re.escape(number)}", text)
        if version or number.endswith(".0"):
            continue
        if number not in seen and not re.search(rf"{re.escape(number)}\s*%", text):
            seen.add(number)
            refs.append(ClauseRef(number, None))
    return tuple(refs)


def _period(text: str) -> Period | None:
    match = _MONTH.search(text)
    if match:
        month = int(match.group(1))
        year = int(match.group(2)) if match.group(2) else None
        if 1 <= month <= 12:
            return Period(year, month=month)
    match = _QUARTER.search(text)
    if match:
        label = match.group(1)
        quarter = int(label) if label.isdigit() else roman_to_int(label.upper())
        return Period(int(match.group(2)) if match.group(2) else None, quarter=quarter)
    match = _YEAR.search(text)
    if match and re.search(
        r"(?<!trung )(?<!dai )(?<!ngan )\b(?:han|hoan thanh|thoi gian|trong nam|cuoi nam)\b", text
    ):
        return Period(int(match.group(1)))
    return None


_STOPWORDS = frozenset(
    [
        "la",
        "gi",
        "nao",
        "cua",
        "cac",
        "nhung",
        "va",
        "cho",
        "duoc",
        "trong",
        "theo",
        "tai",
        "ve",
        "voi",
        "co",
        "khong",
        "hay",
        "bao",
        "nhieu",
        "the",
        "o",
        "tu",
        "den",
        "mot",
        "ai",
        "do",
        "nay",
        "kia",
        "thi",
        "sao",
        "con",
        "ra",
        "chi",
        "tieu",
        "nhiem",
        "vu",
        "muc",
        "ke",
        "hoach",
        "so",
        "phai",
        "dat",
        "can",
        "lam",
        "biet",
        "xin",
        "cho",
        "toi",
        "minh",
        "nhu",
        "vay",
        "the",
        "nao",
        "khi",
        "gom",
        "nhau",
        "khac",
        "giong",
        "chenh",
        "lech",
        "bang",
        "hon",
        "kem",
        "dang",
        "cu",
        "may",
        "nhat",
        # question form, not topic: "sẽ … vào năm nào", "bao lâu một lần", "lấy từ đâu"
        "se",
        "vao",
        "lau",
        "lan",
        "lay",
        "dau",
        "keo",
        "dai",
        "xong",
    ]
)


def content_words(text: str) -> list[str]:
    """Content words of a folded text (the question's, for coverage checks; a cited
    document's mention, to tell two of one number apart)."""
    found = re.findall(r"\d+/[a-z][a-z0-9&-]*[a-z0-9]|[a-z0-9%./]+", text)
    words = [w.strip("./") for w in found]
    return [w for w in words if w not in _STOPWORDS and len(w) > 1]
