"""A typed reading of a question: every constraint it states, with where it stands in it.

Built on `retrieval.query.Query` (intent, clause numbers, period, keywords): this adds the
documents named by number, kind or year, the location path ("mục IV … chỉ tiêu 3", "phụ
lục 01"), the units and the roles asked about, whether a figure is asked for, and the
question's words that no loaded plan uses (reported, never dropped silently). Documents and
path steps are spans of `Query.folded`; units and the words asking for one are spans of
`Query.plain` (what the asker typed, without abbreviations spelled out).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ingest.parser.markers import roman_to_int
from retrieval.query import Period, Query, Span
from retrieval.question_units import UnitMention, doers, unit_mentions
from retrieval.roles import Role, roles_asked


@dataclass(frozen=True)
class DocumentRef:
    """A document the question names by its number ("Kế hoạch 92/KH-UBND", "kế hoạch số 19")."""

    number: str  # the digits as written, "92", "06"
    symbol: str | None  # the symbol after the slash, folded ("kh-ubnd"), when written
    kind: str | None  # "ke hoach", "quyet dinh" …, folded, when written
    year: int | None  # a year written right after it ("… năm 2026", "… 2026")
    span: Span

    @property
    def label(self) -> str:
        """How answers name it: "Kế hoạch 92/KH-UBND"."""
        kind = (self.kind or "văn bản").replace("ke hoach", "kế hoạch")
        kind = {
            "quyet dinh": "quyết định",
            "nghi quyet": "nghị quyết",
            "van ban": "văn bản",
            "cong van": "công văn",
            "chi thi": "chỉ thị",
            "de an": "đề án",
            "thong tu": "thông tư",
            "nghi dinh": "nghị định",
        }.get(kind, kind)
        symbol = (self.symbol or "").upper().replace("QD", "QĐ").replace("HDND", "HĐND")
        symbol = re.sub(r"\bND-", "NĐ-", symbol)
        number = f"{self.number}/{symbol}" if symbol else self.number
        return f"{kind[:1].upper()}{kind[1:]} {number}"


@dataclass(frozen=True)
class PathStep:
    """One level of a location in a document: "phụ lục 01", "mục IV", "chỉ tiêu 3"."""

    level: str  # "appendix", "part", "section", "clause", "point", "row"
    label: str  # "1", "IV", "3", "a" (Roman numerals upper case, leading zeros dropped)
    span: Span

    @property
    def text(self) -> str:
        return self.span.text


@dataclass(frozen=True)
class Reading:
    """Every constraint a question states."""

    query: Query
    documents: tuple[DocumentRef, ...] = ()
    path: tuple[PathStep, ...] = ()  # outermost first ("phụ lục 01", "mục IV", "chỉ tiêu 3")
    units: tuple[str, ...] = ()  # unit keys
    # each place a unit is named, with its part in the question (doer, partner, receiver …)
    # and its span in `Query.plain`
    unit_mentions: tuple[UnitMention, ...] = ()
    roles: tuple[Role, ...] = ()
    # the words asking for a unit or a role ("cơ quan nào", "ai", "chủ trì"), in `Query.plain`
    units_asked: Span | None = None
    period: Period | None = None
    years: tuple[int, ...] = ()  # every year named ("năm 2030", "đến 2030")
    figure: bool = False  # asks for a number ("bao nhiêu", "tỷ lệ", "mấy")
    topic: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()  # topic words no loaded plan uses
    # things named by their ordinal or number ("sinh con thứ 3", "Ban bầu cử số 1"), folded
    # as a clause would state them ("thu 3", "so 1")
    numbered: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        """The reading for the JSON contract's debug view (`kehoach ask --reading`): each
        constraint with the text it was read from, and the words no loaded plan uses."""

        def span(at: Span | None) -> dict[str, object] | None:
            return None if at is None else {"start": at.start, "end": at.end, "text": at.text}

        query = self.query
        period = self.period
        return {
            "intent": query.intent.value,
            "typed": query.plain,
            "expansions": [
                {"short": e.short, "long": e.long, "start": e.start, "end": e.end}
                for e in query.expansions
            ],
            "documents": [
                {"label": d.label, "year": d.year, "span": span(d.span)} for d in self.documents
            ],
            "path": [{"level": s.level, "label": s.label, "span": span(s.span)} for s in self.path],
            "clause_numbers": [ref.number for ref in query.clause_refs],
            "units": [
                {
                    "key": m.key,
                    "part": m.part.value if m.part else None,
                    "span": span(m.span),
                    "cue": span(m.cue),
                }
                for m in self.unit_mentions
            ],
            "units_asked": span(self.units_asked),
            "roles": [role.value for role in self.roles],
            "period": None
            if period is None
            else {"year": period.year, "quarter": period.quarter, "month": period.month},
            "years": list(self.years),
            "figure": self.figure,
            "numbered": [name.split("|")[0] for name in self.numbered],
            "topic": list(self.topic),
            "unknown": list(self.unknown),
        }

    @property
    def doers(self) -> list[str]:
        """The keys of the named units the question makes doers ("Sở TTTT chủ trì …"), not
        those it sends to, reports to or works with, nor a collective ("các đơn vị")."""
        return doers(self.unit_mentions)

    @property
    def located(self) -> bool:
        """Whether the question gives a path of two or more levels to one clause."""
        return len([s for s in self.path if s.level != "appendix"]) >= 2

    @property
    def appendix(self) -> str | None:
        return next((s.label for s in self.path if s.level == "appendix"), None)


_KINDS = (
    r"ke hoach|kh|quyet dinh|qd|nghi quyet|van ban|cong van|cv|chi thi|de an|thong tu|nghi dinh"
)
# a số hiệu, with the year legal documents carry after the figures ("34/2023/TT-BYT",
# "30/2020/NĐ-CP"); the year stays part of the symbol, as the catalog keeps it
_DOCUMENT = re.compile(
    rf"\b(?:(?P<kind>{_KINDS})\s+)?(?:so\s+)?(?P<number>\d{{1,5}})/"
    r"(?P<symbol>(?:(?:19|20)\d\d/)?[a-z][a-z0-9&-]*[a-z0-9])"
    rf"|\b(?P<kind2>{_KINDS})\s+(?:so\s+)?(?P<number2>\d{{1,5}})\b(?![./]\d)"
)
# a year close after the number ("… 92/KH-UBND ngày 26/3/2026", "… năm 2026")
_SYMBOL_KINDS = (
    ("kh", "ke hoach"),
    ("qd", "quyet dinh"),
    ("nq", "nghi quyet"),
    ("ct", "chi thi"),
    ("tt", "thong tu"),
    ("nd", "nghi dinh"),
)
_YEAR_AFTER = re.compile(r"(?:\s+[a-z/-]+|\s+\d{1,2}/\d{1,2}/?){0,8}?\s+(?:nam\s+)?(20\d{2})\b")

_DONG_WORDS = ("hanh", "hoat", "lao", "cong", "chu", "tac", "van", "bien", "luu", "kich", "khoi")
_LEVELS = (
    ("appendix", r"phu luc(?: so)?"),
    ("part", r"phan"),
    ("section", r"muc|tieu muc|dieu"),
    ("clause", r"khoan"),
    ("point", r"diem"),
    # "dòng 3" is a row; "hành động 31", "hoạt động 2", "lao động 5" fold onto it, and are not
    ("row", r"chi tieu|nhiem vu|stt|" + "".join(f"(?<!{w} )" for w in _DONG_WORDS) + "dong"),
)
_STEP = re.compile(
    r"\b(?P<word>"
    + "|".join(pattern for _, pattern in _LEVELS)
    + r")\s+(?:so\s+)?(?P<label>\d{1,2}(?:\.\d{1,2})*|[ivx]{1,4}|[a-dđ](?=\s|$))(?![\w/])"
)
# "phụ lục" with no number after it (the plan's appendix, whichever it is)
_BARE_APPENDIX = re.compile(r"\bphu luc\b(?!\s+(?:so\s+)?(?:\d|[ivx]{1,4}\b))")
_YEAR = re.compile(r"\b(?:nam|den|trong|cuoi)\s+(20\d{2})\b")
# a figure asked for; a "%" the question writes names a value ("Nghị quyết tăng trưởng 8%"),
# "quý mấy", "tháng mấy" ask a time, and "máy" folds to "may" ("máy tính tiền"); "đạt mục
# tiêu" (reach the goal) folds onto "đạt mức" (reach the level), "bộ máy" onto "bộ mấy"
_FIGURE = re.compile(
    r"\b(?:bao nhieu|ty le|ti le|ty trong|ti trong|phan tram|muc nao|dat muc(?! tieu))\b"
    r"|(?<!quy )(?<!thang )(?<!ngay )(?<!tuan )(?<!nam )(?<!gio )(?<!\bbo )"
    r"\bmay\b(?!\s+(?:tinh|chu|moc|in|quet|bay|lanh))"
)


def read_question(
    query: Query,
    units: Sequence[str] = (),
    topic: Sequence[str] = (),
    known: Callable[[str], bool] | None = None,
) -> Reading:
    """The constraints of a parsed question. `units` are the unit keys found in it, `topic`
    its content words; `known` tells whether some loaded plan uses a word."""
    text = query.folded
    documents = tuple(_documents(text))
    taken = [(d.span.start, d.span.end) for d in documents]
    path = tuple(_path(text, taken))
    unknown = tuple(w for w in topic if known is not None and not known(w) and w.isalpha())
    return Reading(
        query=query,
        documents=documents,
        path=path,
        units=tuple(units),
        unit_mentions=unit_mentions(query, units),
        roles=roles_asked(text),
        units_asked=_units_asked(query.plain),
        period=query.period,
        years=tuple(int(y) for y in dict.fromkeys(_YEAR.findall(text))),
        figure=_asks_figure(query),
        topic=tuple(topic),
        unknown=unknown,
        numbered=tuple(numbered_names(text, query.text)),
    )


# the units or roles of an item asked for ("những cơ quan nào phối hợp", "cơ quan chủ trì")
_UNITS_ASKED = re.compile(r"\b(?:co quan|don vi|chu tri|phoi hop|theo doi|ai)\b")


def _units_asked(plain: str) -> Span | None:
    match = _UNITS_ASKED.search(plain)
    return Span(match.start(), match.end(), match.group()) if match else None


# "con thứ 3", "Ban bầu cử số 1", "Trường THPT số 3": a thing named by an ordinal or a
# number, which a clause answering must state. The numbers of clauses, rows, steps,
# documents, sessions and times are read as a path, a document or a period instead.
_NUMBERED = re.compile(
    r"\b(?P<noun>[a-z]+) (?:(?P<mark>thu) (?P<n>\d{1,2}|nhat|hai|ba|tu|nam|sau|bay|tam|chin)"
    r"|(?P<mark_no>so) (?P<n_no>\d{1,2}))\b(?![/.,]\d|/|-| \d{4}\b)"
)
# a number word is an ordinal only after "thứ": "số năm" folds from "sở năm 2022" and "chỉ
# số năm 2025", and "năm 2025" is a year
_NOT_A_NAME = frozenset(
    [
        # clause, row and document words ("chỉ tiêu số 3", "gói thầu số 6", "Quyết định số 12")
        *("tieu", "vu", "muc", "dong", "ban", "thau", "buoc", "luc", "dieu", "khoan", "diem"),
        *("stt", "hoach", "dinh", "quyet", "thi", "trinh", "tu", "van", "luat", "luan", "an"),
        *("phan", "chuong", "nghi", "tong", "ma"),
        # times and sessions ("ngày thứ 2", "tuần thứ 3", "kỳ họp thứ 9")
        *("ngay", "thang", "tuan", "nam", "quy", "ky", "hop", "khoa", "dot", "lan", "giai"),
        "doan",
        # a second ordinal joined to the first ("kỳ họp thứ Bảy và thứ Tám") is of its kind
        *("va", "hoac"),
    ]
)
_ACCENTED = re.compile(r"[À-ỹĐđ]")
_THU = re.compile(r"(?<!\w)thứ(?!\w)", re.IGNORECASE)
_ORDINAL_WORDS = {
    "1": "nhat",
    "2": "hai",
    "3": "ba",
    "4": "tu",
    "5": "nam",
    "6": "sau",
    "7": "bay",
    "8": "tam",
    "9": "chin",
}


def numbered_names(text: str, written: str = "") -> list[str]:
    """The ordinals and numbers naming a thing in a folded question ("thu 3"), each with
    its other written form ("thu ba") after a "|". `written`, the question as typed: when it
    carries accents but no "thứ", a folded "thu" is the word "thu" ("thu từ tài nguyên
    nước": revenue from), never an ordinal ("thứ tư")."""
    found = []
    no_ordinal = bool(written) and _ACCENTED.search(written) and not _THU.search(written)
    for match in _NUMBERED.finditer(text):
        if match.group("noun") in _NOT_A_NAME:
            continue
        if no_ordinal and match.group("mark"):
            continue
        mark = match.group("mark") or match.group("mark_no")
        n = match.group("n") or match.group("n_no")
        other = _ORDINAL_WORDS.get(n) or next((d for d, w in _ORDINAL_WORDS.items() if w == n), n)
        found.append(f"{mark} {n}|{mark} {other}")
    return found


# words that name a quantity without asking for one ("xác định tỷ lệ tổn thương")
_QUANTITY_NOUNS = frozenset(["ty le", "ti le", "ty trong", "ti trong", "phan tram"])


def _asks_figure(query: Query) -> bool:
    """Whether the question asks for a figure: a who-question asks for a unit, so a
    quantity it names ("Bộ nào chủ trì … xác định tỷ lệ tổn thương …?") is its topic; it
    asks a figure too only with "bao nhiêu" / "mấy"."""
    found = [m.group() for m in _FIGURE.finditer(query.folded)]
    if query.intent.value.startswith("who"):
        return any(f not in _QUANTITY_NOUNS for f in found)
    return bool(found)


def documents_named(text: str) -> list[DocumentRef]:
    """The documents a folded question names by number ("kh 88", "92/kh-ubnd")."""
    return _documents(text)


# a number followed by a unit of time: how long a plan runs ("kế hoạch 5 năm"), not its number;
# "KH 19 năm 2025" is plan 19 of a year, and "quy" is also "quy chế", "quy định"
_DURATION = re.compile(r"\s+(?:nam|thang)\b(?!\s+(?:19|20)\d\d)")


def _documents(text: str) -> list[DocumentRef]:
    found: list[DocumentRef] = []
    for match in _DOCUMENT.finditer(text):
        number = match.group("number") or match.group("number2")
        written = match.group("kind") or match.group("kind2")
        kind = {"kh": "ke hoach", "qd": "quyet dinh", "cv": "cong van"}.get(written or "", written)
        symbol = match.group("symbol")
        if kind is None and symbol:  # "92/KH-UBND": the symbol tells the kind
            bare = re.sub(r"^(?:19|20)\d\d/", "", symbol)
            kind = next((k for p, k in _SYMBOL_KINDS if bare.startswith(p)), None)
        if not match.group("symbol") and re.fullmatch(r"20\d\d", number):
            continue  # "kế hoạch 2025" names a year
        if not match.group("symbol") and _DURATION.match(text, match.end()):
            continue  # "kế hoạch 5 năm và hằng năm": a five-year plan, not plan number 5
        year_match = _YEAR_AFTER.match(text, match.end())
        found.append(
            DocumentRef(
                number=number,
                symbol=symbol,
                kind=kind,
                year=int(year_match.group(1)) if year_match else None,
                span=Span(match.start(), match.end(), match.group()),
            )
        )
    return found


def _path(text: str, taken: Sequence[tuple[int, int]]) -> list[PathStep]:
    """The location steps, outermost first (an appendix, then parts, sections … rows)."""
    steps: list[PathStep] = []
    for match in _STEP.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        word = match.group("word")
        level = next(name for name, pattern in _LEVELS if re.fullmatch(pattern, word))
        label = match.group("label")
        if re.fullmatch(r"[ivx]+", label):
            if roman_to_int(label.upper()) == 0:
                continue
            label = label.upper()
        elif label.isdigit():
            label = label.lstrip("0") or "0"
        elif level != "point" and not label[0].isdigit():
            continue  # "mục a" is not a path step
        steps.append(PathStep(level, label, Span(match.start(), match.end(), match.group())))
    bare = _BARE_APPENDIX.search(text)
    if steps and bare and not any(s.level == "appendix" for s in steps):
        # "mục III phụ lục KH 88": in an appendix, whichever it is
        steps.append(PathStep("appendix", "", Span(bare.start(), bare.end(), bare.group())))
    order = [name for name, _ in _LEVELS]
    return sorted(steps, key=lambda s: (order.index(s.level), s.span.start))


def step_matches(step: PathStep, number: str | None) -> bool:
    """Whether a clause number label ("IV", "3", "Phụ lục 1", "a") is this step's label."""
    if not number:
        return False
    label = re.sub(r"^(?:phụ lục|phu luc)\s*(?:số\s*)?", "", number.strip(), flags=re.IGNORECASE)
    label = label.strip().rstrip(".)")
    if step.level == "appendix":  # "Phụ lục I" is "phụ lục 01"; a bare "phụ lục" is any
        if not step.label:
            return True
        return _ordinal(label) is not None and _ordinal(label) == _ordinal(step.label)
    if label.isdigit():
        label = label.lstrip("0") or "0"
    return label.lower() == step.label.lower()


def _ordinal(label: str) -> int | None:
    if label.isdigit():
        return int(label)
    if re.fullmatch(r"[ivxIVX]+", label):
        return roman_to_int(label.upper()) or None
    return None
