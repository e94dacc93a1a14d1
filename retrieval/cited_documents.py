"""The documents a plan cites, read from its own words, and which of them a question names.

A decision or resolution opens with the lines it rests on (NĐ 30/2020/NĐ-CP, Phụ lục I,
mục 4: "Căn cứ Luật … ngày …;", "Xét đề nghị của … tại Công văn số … ngày …", "Trên cơ
sở xem xét Tờ trình số …, Báo cáo số … của Chính phủ;"), and its body cites more
("Thực hiện Nghị quyết số 21-NQ/TW ngày 25 tháng 10 năm 2017 …"). A question names a cited
document in one of two ways:

- by kind and number ("Nghị định 26/2020/NĐ-CP … ban hành ngày nào?"): `cited_refs` reads
  it, `dates_beside` finds the date a plan writes beside that number, `mention_around`
  the whole mention (issuer, trích yếu) holding it;
- by kind and name, as what a named plan rests on ("QĐ 254 căn cứ Luật Bảo vệ bí mật nhà
  nước ban hành ngày nào?", "QĐ 986 ban hành theo Tờ trình số mấy?"): `cited_asked` reads
  it, `cited_documents` lists the plan's basis lines' mentions, `best_cited` picks one.

Either way the answer is the plan's mention as written, never the plan's own date or number.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ingest.dates import asked_date, date_at
from ingest.normalize_vi import folded, folded_with_offsets
from retrieval.candidates import under_basis_heading
from retrieval.stored import StoredClause

# the kinds of document a basis line cites, folded, longest first ("bo luat" before "luat")
_KINDS = (
    "hien phap",
    "bo luat",
    "luat",
    "phap lenh",
    "nghi dinh",
    "thong tu",
    "quyet dinh",
    "nghi quyet",
    "chi thi",
    "ket luan",
    "cong van",
    "cong dien",
    "bao cao",
    "to trinh",
    "huong dan",
    "thong bao",
    "chuong trinh",
    "de an",
    "ke hoach",
)
_KIND = re.compile(r"\b(?:" + "|".join(_KINDS) + r")\b")
_KIND_AT_START = re.compile(r"(?:" + "|".join(_KINDS) + r")\b")
# how a basis line opens (folded)
_LEAD = re.compile(r"^(?:can cu|xet|tren co so|theo de nghi|theo to trinh)\b")
# markup around a line: list marks, emphasis, table pipes
_MARKUP = re.compile(r"^[\s\-+*•–|_#>]+|[\s*_|;,.]+$")
# where one cited document ends and the next begins on a folded line: "…; Luật …",
# "…, Báo cáo số …"
_SEGMENT_END = re.compile(r"\s*;\s*|,\s+(?=(?:" + "|".join(_KINDS) + r")\b)")
# "… và Pháp lệnh sửa đổi …": a second document inside one mention (folded)
_AND_KIND = re.compile(r"\s+va\s+(?=(?:" + "|".join(_KINDS) + r")\b)")

# what a question asks of a cited document (folded)
# (a bare "khi nào" asks a task's deadline: "… phải xong khi nào?" is no document's date)
_ASKS_NUMBER = re.compile(r"\b(?:so (?:may|nao|bao nhieu|hieu)|ky hieu)\b")
_ASKS_AMENDED = re.compile(r"\bsua doi\b.*\b(?:nao|gi)\b")
# "căn cứ quyết định nào …": which document of a kind (its number and date the answer)
_ASKS_WHICH = re.compile(r"\b(?:" + "|".join(_KINDS) + r")\s+nao\b")
# the submission and its review a resolution is adopted on, named by kind alone as the
# question's subject ("Tờ trình … đề ngày nào?", "số hiệu báo cáo thẩm tra …"), not a tờ
# trình a duty asks a unit to write ("Sở X trình tờ trình … khi nào?")
_REVIEWED = re.compile(r"(?:^|\b(?:so hieu|ky hieu|ngay) (?:cua )?)(?:to trinh|bao cao tham tra)\b")
# the question ties the document to the plan: rests on it, implements it, was proposed by it
_RELATION = re.compile(
    r"\b(?:can cu|tren co so|dua tren|xet|de nghi|trien khai|thuc hien|sua doi"
    r"|theo (?:to trinh|cong van|bao cao))\b"
    # the decision that set up the body issuing the plan ("Tiểu ban … được thành lập theo
    # quyết định nào?", "QĐ thành lập Tiểu ban … ngày nào?"): a committee plan's basis
    r"|\bthanh lap theo (?:quyet dinh|qd)\b|\b(?:quyet dinh|qd) (?:ve viec )?thanh lap\b"
    # the submission and the review a resolution is adopted on ("Xét Tờ trình số …; Báo cáo
    # thẩm tra số … của Ban …"): named, they are the resolution's, never a duty's report
    rf"|{_REVIEWED.pattern}"
)
# "… của ban nào?", "do cơ quan nào thực hiện?": who issued the document asked
_ASKS_ISSUER = re.compile(
    r"\b(?:cua|do) (?:ban|co quan|don vi|cap|bo|so|uy ban) nao\b|\b(?:cua|do) ai\b"
)
# words that set a document as the plan's basis, just before its kind in a question
_BASIS_WORDS = re.compile(r"\b(?:can cu(?: vao)?|tren co so(?: xem xet)?|xet(?: de nghi)?)$")
# the question's asking words, never part of a document's name
_ASKING = re.compile(
    r"\b(?:ban hanh|ngay (?:nao|may|thang nao)|so (?:may|nao|bao nhieu|hieu)|ky hieu|khi nao"
    r"|nam nao|can cu|tren co so|xem xet|duoc|boi|nhung|cac|nao|gi|la|co|ma|lam|cua|va|vao"
    r"|theo|do|den|toi)\b"
)


@dataclass(frozen=True)
class CitedDocument:
    """One document a basis line names: the clause holding the line and the mention as
    written (a verbatim part of the clause's text)."""

    clause: StoredClause
    mention: str
    kind: str  # folded: "luat"


@dataclass(frozen=True)
class NamedDocument:
    """A document a question names by its kind and the words after it."""

    kind: str
    words: frozenset[str]
    numbers: frozenset[str]
    # named as what the plan rests on ("căn cứ Luật …", "trên cơ sở … Báo cáo …")
    as_basis: bool = False
    # the words after "của": its issuer or subject, telling documents apart, not required
    issuer: frozenset[str] = frozenset()


@dataclass(frozen=True)
class CitedAsked:
    """The documents a question may be asking a date, number or amendment of."""

    named: tuple[NamedDocument, ...]  # in question order
    amended: bool


@dataclass(frozen=True)
class OwnPlan:
    """How a question may name the plan itself: its number, kind and title."""

    number: str | None
    kind: str | None
    title: str

    def is_named_by(self, kind: str, words: Sequence[str]) -> bool:
        """Whether a kind and the words after it in a question name this plan: its own
        number ("Quyết định 254"), or its kind with words mostly from its title ("Nghị
        quyết bổ sung kế hoạch kinh tế - xã hội")."""
        if words and self.number and words[0].split("/")[0] == self.number.split("/")[0]:
            return True
        title = set(re.findall(r"[a-z0-9]+", folded(self.title)))
        # ("chương trình giám sát năm 2018" names the Nghị quyết "Ban hành chương trình
        # giám sát năm 2018 …": a kind its title issues, not one it carries out)
        flat = " ".join(re.findall(r"[a-z0-9]+", folded(self.title)))
        issued = re.search(rf"\b(?:ban hanh|thong qua|phe duyet) {kind}\b", flat)
        if kind not in (folded(self.kind or ""), "ke hoach") and not issued:
            return False
        name = [w for w in words if w.isalpha()]
        return bool(name) and sum(w in title for w in name) >= 0.6 * len(name)


def cited_asked(question_folded: str, own: Sequence[OwnPlan] = ()) -> CitedAsked | None:
    """The documents a question names (kind and the name words after it: "luật bảo vệ bí
    mật nhà nước") when it asks a date, number or amendment of a document the plan rests
    on; None otherwise. A kind naming the plan itself ("Quyết định 254") is not one."""
    amended = bool(_ASKS_AMENDED.search(question_folded))
    # the question asks which document it is ("Tờ trình số mấy", "căn cứ quyết định nào"):
    # a kind named with no name of its own then fits the plan's one document of that kind
    identity = bool(
        _ASKS_NUMBER.search(question_folded)
        or _ASKS_WHICH.search(question_folded)
        or _ASKS_ISSUER.search(question_folded)
        or _REVIEWED.search(question_folded)  # "Tờ trình … đề ngày nào?": the one it has
    )
    asks = amended or identity or asked_date(question_folded) is not None
    if not asks or not _RELATION.search(question_folded):
        return None
    question = _without_short_forms(question_folded)
    # a kind right after "sửa đổi, bổ sung", "của", "hướng dẫn" is inside the name before
    # it ("Pháp lệnh sửa đổi, bổ sung Pháp lệnh Ưu đãi …" is one document)
    kinds = [
        m
        for m in _KIND.finditer(question)
        if not re.search(r"\b(?:sung|doi|cua|dan|tiet)\s+$", question[: m.start()])
    ]
    named: list[NamedDocument] = []
    for i, match in enumerate(kinds):
        end = kinds[i + 1].start() if i + 1 < len(kinds) else len(question)
        after = question[match.end() : end]
        own_part = after.partition(" cua ")[0]
        words = _ASKING.sub(" ", after).split()
        if any(plan.is_named_by(match.group(), words) for plan in own):
            continue
        numbers = frozenset(w for w in words if "/" in w)
        every = frozenset(w for w in words if w not in numbers and not w.isdigit() and len(w) > 1)
        # the name is what comes before "của"; the words after it tell documents apart
        name = every & set(_ASKING.sub(" ", own_part).split())
        if not name and not identity:
            name = every  # "Nghị định của Chính phủ về …": all of it names the document
        issuer = every - name
        if identity and not name and not numbers:
            # "quyết định nào ban hành Đề án …": what it is asked by is said after it, up to
            # the question's end, another kind's words included
            rest = _ASKING.sub(" ", question[match.end() :]).split()
            issuer = frozenset(w for w in rest if not w.isdigit() and len(w) > 1)
        if name or numbers or identity:
            before = question[: match.start()].split()[-4:]
            as_basis = bool(_BASIS_WORDS.search(" ".join(before)))
            named.append(NamedDocument(match.group(), name, numbers, as_basis, issuer))
    return CitedAsked(tuple(named), amended) if named else None


def _without_short_forms(text: str) -> str:
    """The folded question without the short forms written beside their long forms
    ("qd quyet dinh", "ubnd uy ban nhan dan"): a short form is not a name word."""
    words = text.split()
    kept = []
    for i, word in enumerate(words):
        letters = word.replace("-", "")
        following = words[i + 1 : i + 1 + len(letters)]
        initials = "".join(w[0] for w in following if w != "-")
        if letters.isalpha() and 1 < len(letters) == len(following) and initials == letters:
            continue
        kept.append(word)
    return " ".join(kept)


def cited_documents(clauses: Sequence[StoredClause]) -> list[CitedDocument]:
    """Every document named in the plan's basis lines, in order: the opening lines that
    start "Căn cứ / Xét / Trên cơ sở / Theo đề nghị", and the lines under a heading that
    gathers them ("I. CĂN CỨ LẬP KẾ HOẠCH": "Quyết định số 411/QĐ-TTg ngày …" wrapped over
    several lines)."""
    found: list[CitedDocument] = []
    for clause in clauses:
        opening = clause.kind in ("preamble", "paragraph") and not clause.number
        opening = opening and "›" not in clause.path
        listed = under_basis_heading(clause)
        if not (opening or listed):
            continue
        for start, end in _basis_items(clause.text, listed):
            item = clause.text[start:end]
            flat, offsets = folded_with_offsets(item)
            for seg_start, seg_end in _segments(flat):
                if _ENACTING.search(flat, seg_start, seg_end):
                    seg_end = _before_enacting(flat, seg_start, seg_end)
                kind = _kind_in(flat, seg_start, seg_end)
                if kind is None:
                    continue
                mention = item[offsets[seg_start] : offsets[seg_end - 1] + 1].strip(" ,;.")
                if mention:
                    found.append(CitedDocument(clause, mention, kind.group()))
    return found


# the plan's own enacting line after its basis ("Ủy ban nhân dân thị xã ban hành Kế hoạch
# thực hiện như sau:"): it introduces the body and cites nothing
_ENACTING = re.compile(r"\b(?:nhu sau|sau day)\s*:?\s*$|:\s*$")
_CITED_NUMBER = re.compile(r"\bso\s*:?\s*\d")
# the comma that closes the last citation before the enacting clause (not "…, ngày 31/8/2021")
_CLAUSE_COMMA = re.compile(r",\s+(?!ngay\b)")


def _before_enacting(flat: str, start: int, end: int) -> int:
    """Where the citations end in a span that closes with the plan's enacting clause ("Thực
    hiện Chỉ thị số 19/CT-TTg …, Ủy ban nhân dân tỉnh ban hành Kế hoạch … như sau:"): the
    comma after the last document cited by its number; `start` when it cites none."""
    numbers = list(_CITED_NUMBER.finditer(flat, start, end))
    if not numbers:
        return start
    comma = _CLAUSE_COMMA.search(flat, numbers[-1].end(), end)
    return comma.start() if comma else start


def _basis_items(text: str, listed: bool) -> Iterable[tuple[int, int]]:
    """Spans of `text` each holding one basis line: it opens with a basis lead (or, in a
    list of the basis, with a document's kind) and runs over the lines wrapped after it,
    until a line ends with ";" or "." or the next item opens."""
    start: int | None = None
    end = 0
    closed = True
    pos = 0
    for line in text.split("\n"):
        line_start, pos = pos, pos + len(line) + 1
        lead = _MARKUP.match(line)
        body_start = line_start + (lead.end() if lead else 0)
        plain = _MARKUP.sub("", line)
        flat = folded(plain)
        opens = bool(flat) and (
            bool(_LEAD.match(flat)) or (listed and bool(_KIND_AT_START.match(flat)))
        )
        if opens:
            if start is not None:
                yield start, end
            start, closed = body_start, False
        elif start is not None and (closed or not flat or plain.isupper()):
            yield start, end
            start = None
            continue
        elif start is None:
            continue
        end = line_start + len(line.rstrip())
        closed = plain.rstrip().endswith((";", "."))
    if start is not None:
        yield start, end


def best_cited(documents: Sequence[CitedDocument], asked: CitedAsked) -> CitedDocument | None:
    """The mention the question names: of a kind it names, holding the numbers it gives
    and most of the name words (at least two, or the one); the document named last wins a
    tie (the one the asking words follow); None when no mention fits or two fit equally."""
    best: tuple[float, int, CitedDocument] | None = None
    tied = False
    # "Kế hoạch bầu cử của MTTQ xã … căn cứ kế hoạch nào của Ban Thường vụ …?": the document
    # asked as the basis, not the plan the question describes by its title
    basis = any(named.as_basis for named in asked.named)
    for order, named in enumerate(asked.named):
        if basis and not named.as_basis:
            continue
        for document in documents:
            piece = _piece(document, named, asked.amended)
            if piece is None:
                continue
            score, fits = _fit(piece.mention, named)
            if not fits:
                continue
            if best is None or (score, order) > best[:2]:
                tied = best is not None and score == best[0] and order == best[1]
                best = (score, order, piece)
            elif (score, order) == best[:2] and piece.mention != best[2].mention:
                tied = True
    return None if best is None or tied else best[2]


def fits_any(documents: Sequence[CitedDocument], asked: CitedAsked) -> bool:
    """Whether some mention fits a document the question names (several may: then
    `best_cited` picks none, and the plan does cite what is asked)."""
    return any(
        piece is not None and _fit(piece.mention, named)[1]
        for named in asked.named
        for document in documents
        for piece in [_piece(document, named, asked.amended)]
    )


def _fit(mention: str, named: NamedDocument) -> tuple[float, bool]:
    words = _words(mention)
    if not named.numbers <= words:
        return 0.0, False
    shared = len(named.words & words)
    need = min(2, len(named.words))
    fits = shared >= need and shared >= len(named.words) / 2
    return shared + 0.5 * len(named.issuer & words) + 3 * len(named.numbers), fits


def _words(text: str) -> set[str]:
    return {w.strip("/-") for w in re.findall(r"[a-z0-9/&-]+", folded(text))}


def _piece(document: CitedDocument, named: NamedDocument, amended: bool) -> CitedDocument | None:
    """The part of a mention about a document of the kind named: "Pháp lệnh … số 26/2005
    … và Pháp lệnh sửa đổi … số 04/2012 …" cites two; an amendment asked keeps the rest."""
    flat, offsets = folded_with_offsets(document.mention)
    cuts = [0, *(m.start() for m in _AND_KIND.finditer(flat)), len(flat)]
    best: tuple[int, int] | None = None
    best_score = -1.0
    for start, end in itertools.pairwise(cuts):
        kind = _kind_in(flat, start, end)
        if kind is None or kind.group() != named.kind:
            continue
        score, _ = _fit(document.mention[offsets[start] : offsets[end - 1] + 1], named)
        if score > best_score:
            best_score = score
            best = (start, len(flat) if amended else end)
    if best is None:
        return None
    start, end = best
    mention = document.mention[offsets[start] : offsets[end - 1] + 1]
    mention = re.sub(r"^\s*và\s+", "", mention).strip(" ,;.")
    return CitedDocument(document.clause, mention, named.kind)


def _kind_in(flat: str, start: int, end: int) -> re.Match[str] | None:
    """The kind of the document a span cites: the first kind written with its number
    ("… của Sở Kế hoạch và Đầu tư tại Tờ trình số 18/TTr-SKHĐT": a tờ trình), else the
    first kind."""
    first = None
    for match in _KIND.finditer(flat, start, end):
        if re.match(r"\s+(?:so\s+)?\d", flat[match.end() : end]):
            return match
        first = first or match
    return first


def _segments(flat: str) -> Iterable[tuple[int, int]]:
    """Spans of the folded line, cut where one cited document ends and the next begins."""
    pos = 0
    for match in _SEGMENT_END.finditer(flat):
        if match.start() > pos:
            yield pos, match.start()
        pos = match.end()
    if pos < len(flat):
        yield pos, len(flat)


# ---- a cited document named by its number ------------------------------------------------

# the kinds a question names with a number ("văn bản số 12/UBND-VX" too)
_NUMBERED_KINDS = "|".join((*_KINDS, "quy dinh", "van ban"))
# "nghị định 26/2020/nđ-cp", "nghị quyết số 21-nq/tw", "quy định 232-qđ/tw", "quyết định 2566"
_NAMED = re.compile(
    rf"\b(?P<kind>{_NUMBERED_KINDS})\s+(?:so\s+)?(?P<number>\d{{1,5}})"
    r"(?P<symbol>(?:[/-][a-z0-9&]+)*)"
)
# the body that issued it, written after the date: "… năm 2013 của Ban Chấp hành Trung ương
# khóa XI", up to its subject ("về …"), the next citation or the sentence's end
_ISSUER = re.compile(
    r"\s*,?\s*cua\s+(?P<issuer>[^,;.:()]+?)(?=\s+(?:ve|ve viec|quy dinh|huong dan|ban hanh)\b"
    rf"|\s+(?:va\s+)?(?:{_NUMBERED_KINDS})\s+(?:so\s+)?\d|\s+ngay\s+\d|\s*[,;.:()]|\s*$)"
)


@dataclass(frozen=True)
class CitedRef:
    """A document the question names by kind and number."""

    kind: str  # folded: "nghi dinh"
    number: str  # the figures: "26"
    symbol: str  # folded, without its leading separator: "2020/nd-cp", "nq/tw"; "" if none
    start: int  # where the question names it (folded offsets)
    end: int


def cited_refs(question_folded: str) -> list[CitedRef]:
    """The documents a (folded) question names by kind and number, in order."""
    return [
        CitedRef(
            m.group("kind"),
            m.group("number"),
            m.group("symbol").lstrip("/-"),
            m.start(),
            m.end(),
        )
        for m in _NAMED.finditer(question_folded)
    ]


@dataclass(frozen=True)
class CitedDate:
    """A date a clause writes beside a cited document: the verbatim span and its value."""

    quote: str  # "26/2020/NĐ-CP ngày 28 tháng 02 năm 2020", verbatim
    day: int
    month: int
    year: int
    written: str = ""  # the date as the text writes it: "28 tháng 02 năm 2020", "04/7/2018"
    issuer: str = ""  # the body written after it, verbatim: "Chính phủ"; "" if none
    subject: str = ""  # folded words that follow it ("ve cong tac bao ve bmnn …"), to match

    @property
    def text(self) -> str:
        return f"{self.day:02d}/{self.month:02d}/{self.year}"

    @property
    def said(self) -> str:
        """The date as written, with its figures beside a date written in words:
        "25 tháng 7 năm 2017 (25/07/2017)", "04/7/2018"."""
        if not self.written or "/" in self.written:
            return self.written or self.text
        return f"{self.written} ({self.text})"


def dates_beside(text: str, ref: CitedRef) -> list[CitedDate]:
    """The dates `text` writes right after its citations of `ref` ("… số 21-NQ/TW ngày 25
    tháng 10 năm 2017 …", a comma between them allowed)."""
    flat, offsets = folded_with_offsets(text)
    if ref.symbol:
        # the symbol's start is enough ("Thông tư 98/2013" is "98/2013/TT-BTC")
        name = (
            rf"(?<![\d/-]){ref.number}[/-]\s*{_spaced(ref.symbol)}"
            r"(?:[/-]\s*[a-z0-9&]+)*(?![a-z0-9])"
        )
    else:  # no symbol asked: the kind must be written before it
        name = rf"\b{ref.kind}\s+(?:so\s+)?0*{ref.number}(?:[/-][a-z0-9&]+)*(?![a-z0-9])"
    found = []
    for m in re.finditer(rf"{name}\s*,?\s*", flat):
        # the date written after the number: "ngày 28 tháng 02 năm 2020", "ngày 20/01/2025"
        date = date_at(flat, m.end())
        if date is None:
            continue
        end = date.end
        issuer = ""
        by = _ISSUER.match(flat, end)
        if by:
            issuer = text[offsets[by.start("issuer")] : offsets[by.end("issuer") - 1] + 1]
        found.append(
            CitedDate(
                text[offsets[m.start()] : offsets[end - 1] + 1],
                date.day or 0,
                date.month or 0,
                date.year,
                written=text[offsets[date.figures] : offsets[end - 1] + 1],
                issuer=" ".join(issuer.split()),
                subject=re.split(r"[;.]", flat[end : end + 160], maxsplit=1)[0],
            )
        )
    return found


def dates_before(text: str, ref: CitedRef) -> list[CitedDate]:
    """The dates `text` writes before a sentence saying a body issued `ref` ("Ngày
    20/5/2026, Chính phủ đã ban hành Nghị định số 178/2026/NĐ-CP …"): the date, the body
    and the number in one clause of the sentence."""
    if not ref.symbol:
        return []
    flat, offsets = folded_with_offsets(text)
    name = (
        rf"(?<![\d/-]){ref.number}[/-]\s*{_spaced(ref.symbol)}"
        r"(?:[/-]\s*[a-z0-9&]+)*(?![a-z0-9])"
    )
    found = []
    for start in (m.start() for m in re.finditer(r"\bngay\b", flat)):
        date = date_at(flat, start)
        if date is None:
            continue
        issued = _ISSUED_AFTER_DATE.match(flat, date.end)
        if issued is None:
            continue
        named = re.compile(rf"(?:[a-z]+\s+){{0,3}}(?:so\s+)?({name})").match(flat, issued.end())
        if named is None:
            continue
        found.append(
            CitedDate(
                # the number as written: the mention is read around it
                text[offsets[named.start(1)] : offsets[named.end(1) - 1] + 1],
                date.day or 0,
                date.month or 0,
                date.year,
                written=text[offsets[date.figures] : offsets[date.end - 1] + 1],
                issuer=" ".join(
                    text[
                        offsets[issued.start("issuer")] : offsets[issued.end("issuer") - 1] + 1
                    ].split()
                ),
            )
        )
    return found


# after a date: ", Chính phủ đã ban hành " (folded), the body that issued what follows
_ISSUED_AFTER_DATE = re.compile(r"\s*,\s*(?P<issuer>[a-z][a-z ]{1,60}?)\s+(?:da\s+)?ban hanh\s+")


def _spaced(symbol: str) -> str:
    """The symbol as a pattern that lets a line break or space follow each separator
    ("26/2020/NĐ- CP" as some copies write it)."""
    return r"[/-]\s*".join(re.escape(part) for part in re.split(r"[/-]", symbol))


# where a mention written in running text ends: a ";", a sentence's end, a blank line or
# a new list item (a wrapped line goes on), or the next document cited after a comma
_MENTION_END = re.compile(
    r";|\.(?:\s|$)|\n\s*(?=\n|[-+•*]|\d|[IVX]+\.)|,\s+(?=(?:" + "|".join(_KINDS) + r")\b)"
)
_MENTION_MAX = 320


def mention_around(text: str, quote: str, kind: str) -> str:
    """The whole mention in `text` holding `quote` (a number and its date), as written:
    from the kind before it ("Nghị quyết số 03/NQ-HĐND ngày 01/7/2025 …") to where the
    mention ends, so its issuer and "về việc …" come with it; `quote` itself when the text
    does not write it so (or the mention runs too long to be one)."""
    at = text.find(quote)
    if at < 0:
        return quote
    flat, offsets = folded_with_offsets(text[:at])
    kinds = list(re.finditer(rf"\b{kind}(?:\s+so)?\s*$", flat))
    start = offsets[kinds[-1].start()] if kinds else at
    end_match = _MENTION_END.search(text, at + len(quote))
    end = end_match.start() if end_match else len(text)
    mention = text[start:end].rstrip(" ,;.")
    return mention if len(mention) <= _MENTION_MAX else text[start : at + len(quote)]
