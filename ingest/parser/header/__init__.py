"""Reading a document's header to the published rules (NĐ 30/2020/NĐ-CP, HD 36-HD/VPTW).

`read_header` returns the facts of the header and signature block: số ký hiệu, place and date,
issuing body (and its parent), kind and title (trích yếu), signer, the decision a document is
issued with, what a decision issues, and what the document implements or replaces. Each rule
lives in its own module; this one only orders them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from ingest.dates import written_dates
from ingest.domain import Place
from ingest.parser.header import title as titles
from ingest.parser.header.attachment import Attachment, attachment_in, attachment_of_appendices
from ingest.parser.header.attributes import attributes
from ingest.parser.header.casing import LEVELS, title_case_name
from ingest.parser.header.cells import Cell, header_cells
from ingest.parser.header.dateline import DateLine, adoption, find_date, slash_date
from ingest.parser.header.draft import draft_marking
from ingest.parser.header.issuer import (
    Body,
    bodies,
    is_body,
    joint,
    level_repaired,
    names_organ,
    opens_body,
    organ_issuer,
    standing_organ,
    with_place,
)
from ingest.parser.header.motto import is_motto, motto_free, strip_mottos
from ingest.parser.header.number import Number, misread_number, parse_number
from ingest.parser.header.references import LEADS, references_after, replaced
from ingest.parser.header.signature import closing_name, find_signer, signed_title, signing_body
from ingest.parser.lines import SourceLine

# the Central Committee's header line, also as an OCR copy reads it ("BAN CHẮÁP HÀNH")
_CENTRAL_COMMITTEE = re.compile(r"^BAN CH\S{1,4}P HÀNH TRUNG ƯƠNG")
_CENTRAL_ORGANS = {"BỘ CHÍNH TRỊ": "Bộ Chính trị", "BAN BÍ THƯ": "Ban Bí thư"}

__all__ = ["HeaderFacts", "read_header"]

_LEVEL = "|".join(sorted(LEVELS, key=len, reverse=True))
_SELF_REFERENCE = re.compile(
    rf"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|HĐND|Hội đồng nhân dân)\s+({_LEVEL})\b"
)
_ISSUES = re.compile(
    r"Ban hành kèm theo\s*(?:Quyết định|Nghị quyết|Chỉ thị)\s*này\s*(?:là\s+)?"
    r"(Kế hoạch|Quy chế|Quy định|Chương trình|Đề án|Danh mục|Phương án|Điều lệ|Hướng dẫn)"
    r"\s+([^.;]*)"
)
_APPENDIX = re.compile(r"^Phụ lục\s*[\dIVX]+", re.IGNORECASE)
# what an appendix is attached to: "(Kèm theo Kế hoạch số 88/KH-UBND ngày 15/3/2025 …)"
_ATTACHED_TO = re.compile(r"Kèm theo([^)]*)")


@dataclass
class HeaderFacts:
    """What the header and signature block say; every field optional."""

    title: str | None = None
    number: str | None = None
    # the ký hiệu of a số hiệu whose figures could not be read ("Z32Ø/BTC-QLCS": "BTC-QLCS")
    number_symbol: str | None = None
    issued_date: str | None = None
    issuer: str | None = None
    issuer_parent: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    field: str | None = None
    kind: str | None = None
    place: Place | None = None
    date_place: str | None = None
    decision_number: str | None = None
    decision_date: str | None = None
    decision_issuer: str | None = None
    issues_kind: str | None = None
    issues_title: str | None = None
    replaces: list[str] = dataclass_field(default_factory=list)
    based_on: list[str] = dataclass_field(default_factory=list)
    draft: str | None = None  # the draft marking as written ("DỰ THẢO"); None when issued


def _first(cells: list[Cell], test: object) -> int | None:
    for k, cell in enumerate(cells):
        if test(cell.text):  # type: ignore[operator]
            return k
    return None


def _boxes(cells: list[Cell]) -> list[tuple[str, list[int]]]:
    """Each header box as one text, with the offset where each of its cells starts."""
    boxes: list[tuple[str, list[int]]] = []
    for cell in cells:
        if cell.after_separator or not boxes:
            boxes.append(("", []))
        text, starts = boxes[-1]
        starts.append(len(text) + (1 if text else 0))
        boxes[-1] = (f"{text} {cell.text}" if text else cell.text, starts)
    return boxes


def _cell_at(boxes: list[tuple[str, list[int]]], box: int, offset: int) -> int:
    before = sum(len(starts) for _, starts in boxes[:box])
    starts = boxes[box][1]
    return before + max(i for i, start in enumerate(starts) if start <= offset)


def _number(cells: list[Cell]) -> tuple[Number | None, int | None]:
    boxes = _boxes(cells[:80])
    for kind_lead in (False, True):
        for b, (text, _) in enumerate(boxes):
            number = parse_number(text, kind_lead=kind_lead)
            if number:
                return number, _cell_at(boxes, b, number.start)
    for b, (text, _) in enumerate(boxes):
        number = misread_number(text)
        if number:
            return number, _cell_at(boxes, b, number.start)
    return None, None


def _date(cells: list[Cell], begin: int, stop: int) -> tuple[DateLine | None, int | None]:
    stop = next((k for k in range(begin, stop) if titles.BODY_START.match(cells[k].text)), stop)
    boxes = _boxes(cells[:stop])
    # the date line ("Hà Nội, ngày …") first: a web copy's heading above the header may cite
    # another document with its date
    for placed in (True, False):
        for b, (text, _) in enumerate(boxes):
            date = find_date(text, placed=placed)
            if date:
                return date, _cell_at(boxes, b, date.start)
    return None, None


_NEAR_NUMBER = 6
# no clause stands above the số ký hiệu: a number there is the copy's own ("1. UBND TỈNH X"
# on a PDF preview's first page)
_PAGE_NUMBER = re.compile(r"^\d{1,3}\.\s+")


def _placed_date_near(cells: list[Cell], number_at: int) -> tuple[DateLine | None, int | None]:
    """A "Place, ngày … tháng … năm …" line within a few cells after the số ký hiệu."""
    for k in range(number_at, min(len(cells), number_at + _NEAR_NUMBER)):
        date = find_date(cells[k].text, placed=True)
        if date:
            return date, k
    return None, None


def _signing_stamp_date(cells: list[Cell]) -> str | None:
    """The day a digitally signed copy's stamp gives ("Thời gian ký: 19/06/2026 14:18:57
    +07:00"), above the header box, if any."""
    for cell in cells:
        stamp = _SIGNING_STAMP.match(cell.text)
        if stamp:
            return slash_date(stamp["date"])
    return None


_SIGNING_STAMP = re.compile(r"^\s*Thời gian ký\s*:\s*(?P<date>\d{1,2}/\d{1,2}/\d{4})\b")


def _issuer_cells(cells: list[Cell], stop: int) -> list[str]:
    """Capitals before the number / date / kind: the issuer's box, mottos left out."""
    kept: list[str] = []
    box: list[Cell] = []
    for cell in [*cells[:stop], None]:
        if cell is not None and (not cell.after_separator or not box):
            box.append(cell)
            continue
        kept.extend(motto_free([c.text for c in box]))
        box = [cell] if cell is not None else []
    group: list[str] = []
    for text in map(level_repaired, kept):
        numbered = _PAGE_NUMBER.match(text)
        if numbered and opens_body(text[numbered.end() :]):
            text = text[numbered.end() :]  # a preview's page number ("1. UBND TỈNH X")
        if not any(ch.isalpha() for ch in text):
            continue  # a scan's speck or a rule read as marks ("*+") parts no box
        if titles.is_caps(text) and (group or opens_body(text) or len(text.split()) <= 2):
            group.append(text)
        elif not titles.is_caps(text) and not find_date(text, placed=True):
            # the date line of the box beside, read between the issuer's lines of a copy
            # that interleaves the two columns, does not end the issuer's box
            group = []
    return group


def _local_place(
    cells: list[Cell], stop: int, attrs: dict[str, str], date_place: str | None, body_text: str
) -> Place | None:
    """Where a UBND / HĐND whose header omits its area sits: authority line, attribute table,
    "UBND tỉnh" in the text, with the name from the date line."""
    for cell in cells[:stop]:
        body = bodies([cell.text])
        if body and body[0].local and body[0].place():
            return body[0].place()
    stated = attrs.get("issuer", "")
    level = re.match(rf"({_LEVEL})\s+(.+)$", stated, re.IGNORECASE)
    if level:
        return Place(level.group(1).lower(), title_case_name(level.group(2)))
    authority = next(
        (c.text for c in cells[:stop] if re.match(r"^CHỦ TỊCH .*NHÂN DÂN (\S+)", c.text)), ""
    )
    named = re.search(rf"NHÂN DÂN ({'|'.join(lv.upper() for lv in LEVELS)})$", authority)
    self_ref = _SELF_REFERENCE.search(body_text[:3000])
    chosen = named.group(1).lower() if named else self_ref.group(1) if self_ref else None
    if chosen and date_place:
        return Place(chosen, date_place)
    return None


def read_header(lines: list[SourceLine], body_text: str) -> HeaderFacts:
    """The header facts of a document from its lines (page furniture already removed)."""
    cells = header_cells(lines)
    facts = HeaderFacts()
    attrs = attributes(cells)
    number, number_at = _number(cells)
    reach = (number_at if number_at is not None else 18) + 14
    kind_at = next((k for k, c in enumerate(cells[:reach]) if titles.kind_line(c.text)), None)
    first_anchor = min(k for k in (number_at, kind_at, len(cells)) if k is not None)
    date, date_at = _date(cells, number_at or 0, min(len(cells), (kind_at or first_anchor) + 8))
    if date_at is not None and kind_at is not None and date_at > kind_at + 8:
        date, date_at = None, None
    if date is None and number_at is not None and kind_at is not None and number_at > kind_at:
        # a copy that put the header box below the kind line (inside an appendix, after the
        # body): the date line sits beside the số ký hiệu, as the rules place it
        date, date_at = _placed_date_near(cells, number_at)
    # the title: the kind line, else the first capitals after the number and date
    texts = [c.text for c in cells]
    title_kind: str | None = None
    title_last: int | None = None
    organ: str | None = None  # the issuing organ named under the kind line
    if kind_at is not None:
        match = titles.kind_line(texts[kind_at])
        assert match is not None
        rest = [match.group(2)] if match.group(2) else []
        subject: list[str]
        flattened = titles.flattened_subject(match.group(2)) if match.group(2) else None
        if flattened is not None:  # the whole header on one line: the subject ends on it
            rest, subject, title_last = [flattened], [], kind_at
        else:
            breaks = [c.after_separator for c in cells]
            subject, title_last = titles.subject(texts, kind_at + 1, breaks)
        organ, rest, subject = _issuing_organ(rest, subject)
        title_kind = titles.kind_name(match.group(1))
        facts.title = titles.compose(match.group(1).capitalize(), rest + subject)
        facts.kind = title_kind
    elif (
        date is not None
        and date_at is not None
        and titles.kind_line(texts[date_at][date.end :].strip())
    ):
        match = titles.kind_line(texts[date_at][date.end :].strip())
        assert match is not None
        title_kind = titles.kind_name(match.group(1))
        subject_text = titles.flattened_subject(match.group(2)) or match.group(2)
        facts.title = titles.compose(match.group(1).capitalize(), [subject_text])
    else:
        after = max(k for k in (number_at, date_at, -1) if k is not None) + 1
        while after < len(texts) and (is_motto(texts[after]) or not strip_mottos(texts[after])):
            after += 1
        if 0 < after < len(texts) and titles.is_caps(texts[after]) and not is_body(texts[after]):
            subject, _ = titles.subject(texts, after)
            kind = number.kind if number else None
            kind = kind or (
                attrs.get("kind") if attrs.get("kind", "").lower() != "văn bản khác" else None
            )
            if subject and kind:
                facts.title = titles.compose(kind, subject)
                title_kind = kind
        else:
            near = (
                range(number_at + 1, min(len(texts), number_at + 3))
                if number_at is not None
                else ()
            )
            at = next((k for k in near if titles.trich_yeu_line(texts[k])), None)
            if at is not None:
                title_kind = "Công văn"
                facts.title = f"Công văn {titles.trich_yeu(cells, at)}"
    facts.kind = title_kind or (number.kind if number else None) or attrs.get("kind")
    if facts.kind and facts.kind.lower() == "văn bản khác":
        facts.kind = None
    facts.number = (number.value if number else None) or (
        attrs.get("number") if number is None else None
    )
    if number is not None and number.misread:
        facts.number_symbol = number.symbol  # figures misread: the ký hiệu alone is known
    if date:
        facts.issued_date, facts.date_place = date.iso, date.place
    elif attrs.get("issued_date"):
        facts.issued_date = slash_date(attrs["issued_date"])
    signed = _signing_stamp_date(cells[: first_anchor + 1])
    if signed and (facts.issued_date is None or signed.startswith(facts.issued_date)):
        # a blank or unreadable day: the digital signature's stamp dates the issue
        facts.issued_date = signed
    # the issuing body and its parent
    stop = first_anchor if first_anchor < len(cells) else min(len(cells), 12)
    found = bodies(_issuer_cells(cells, stop))
    zone_end = next(
        (
            k
            for k in range((kind_at or first_anchor) + 1, len(cells))
            if titles.BODY_START.match(texts[k])
        ),
        min(len(cells), 40),
    )
    issuer: str | None = None
    if found:
        body = found[-1]
        parent = found[-2] if len(found) > 1 else None
        place = body.place() or (parent.place() if parent else None)
        if body.local and place is None:
            place = _local_place(cells, zone_end, attrs, facts.date_place, body_text)
        # a truncated box ("BỘ THÔNG TIN VÀ"): the authority line under the title completes it
        for cell in cells[stop:zone_end]:
            authority = re.sub(r"^(?:BỘ TRƯỞNG|CHỦ TỊCH|GIÁM ĐỐC|THỦ TRƯỞNG)\s+", "", cell.text)
            longer = Body(authority)
            if (
                authority != body.caps
                and authority.startswith(body.caps)
                and is_body(authority)
                and (longer.place() is not None or not longer.local)
            ):
                body = Body(authority)
                break
        issuer = with_place(body, place)
        if parent is not None and joint(parent, body):
            issuer = f"{parent.name()} - {issuer}"
            parent = None
        elif parent is not None and standing_organ(body):
            # "ỦY BAN MTTQ VIỆT NAM XÃ X" / "BAN THƯỜNG TRỰC": the organ of the body above
            issuer = f"{body.name()} {with_place(parent, place)}"
        facts.issuer_parent = parent.name() if parent else None
        facts.place = body.place() or place if not body.central else None
        if organ is not None and not _CENTRAL_COMMITTEE.match(body.caps):
            # the header's body is the one the organ belongs to: the organ issues it
            facts.issuer_parent = issuer
            issuer = organ_issuer(Body(organ), issuer, facts.place)
    elif organ is not None:
        issuer = organ_issuer(Body(organ), None, None)
    if found and _CENTRAL_COMMITTEE.match(found[-1].caps):
        # HĐ 36: "BAN CHẤP HÀNH TRUNG ƯƠNG" heads the documents of the Bộ Chính trị and the
        # Ban Bí thư too; the body signed for ("T/M BỘ CHÍNH TRỊ") is the one that issues it
        signed_for = signing_body([line.text for line in lines[-60:]])
        if signed_for in _CENTRAL_ORGANS:
            issuer = _CENTRAL_ORGANS[signed_for]
    if issuer is None and attrs.get("issuer"):
        issuer = attrs["issuer"]
    if issuer is None and title_last is not None:
        issuer = _authority_line(texts, title_last + 1, zone_end)
    # a resolution of an elected body, copied without its header, closes with its adoption
    adopted = adoption(" ".join(line.text for line in lines[-15:]))
    if adopted:
        issuer = issuer or adopted[0]
        facts.issued_date = facts.issued_date or adopted[1]
    facts.issuer = issuer
    facts.field = attrs.get("field")
    # signature block: the end of the document, else anywhere
    all_texts = [line.text for line in lines]
    signer, signer_title = find_signer(all_texts[-60:])
    if signer is None:
        signer, signer_title = find_signer(all_texts)
    if signer is None:
        signer = closing_name(all_texts[-60:])
    facts.signer = signer or attrs.get("signer")
    facts.signer_title = signer_title if signer and facts.signer == signer else None
    if facts.signer is None:
        # a draft (or a copy without the name) still states the office it is to be signed in
        facts.signer_title = signed_title(all_texts[-60:])
    facts.draft = draft_marking(cells[:zone_end])
    # the decision a document is issued with; what a decision issues
    head_text = " ".join(texts[: zone_end + 2])
    attached = attachment_in(texts[: zone_end + 2])
    if attached is not None and facts.kind == attached.kind and facts.number:
        attached = None  # the document's own kind and number: a decision citing another
    if attached is None and not facts.number:
        # a plan copied without the line under its title: its appendices' headings say it
        attached = attachment_of_appendices([line.text.strip() for line in lines])
        if attached is not None and attached.kind == facts.kind:
            # "PHỤ LỤC (Ban hành kèm theo Nghị quyết số 89NQ-HĐND ngày 14/7/2017 …)" of a
            # Nghị quyết copied without its header box: its own number and date
            facts.number = attached.number
            facts.issued_date = facts.issued_date or attached.date
            attached = None
    _attach(facts, attached)
    issues = _ISSUES.search(" ".join(body_text.split())[:6000])
    if issues and facts.kind in ("Quyết định", "Nghị quyết", "Chỉ thị"):
        facts.issues_kind = issues.group(1)
        facts.issues_title = f"{issues.group(1)} {issues.group(2).strip()}".strip()
    _appendix(facts, texts, head_text)
    if facts.title is None and facts.kind and facts.number:
        facts.title = f"{facts.kind} số {facts.number}"
    _references(facts, lines, body_text)
    return facts


def _issuing_organ(rest: list[str], subject: list[str]) -> tuple[str | None, list[str], list[str]]:
    """The organ named first under (or on) the kind line ("CỦA BAN THƯỜNG VỤ TỈNH ỦY"), and
    the trích yếu without it: the organ is the issuer, not the subject."""
    for lines, other in ((rest, subject), (subject, rest)):
        if lines:
            organ = titles.issuing_organ(lines[0])
            if organ is not None and names_organ(organ):
                kept = lines[1:]
                return (organ, kept, other) if lines is rest else (organ, other, kept)
    return None, rest, subject


def _attach(facts: HeaderFacts, attached: Attachment | None) -> None:
    """The decision the document is issued with, unless it is the document's own number."""
    if attached is None:
        return
    if facts.number and _bare(facts.number) == _bare(attached.number):
        return
    facts.decision_number = attached.number
    facts.decision_date = attached.date or facts.issued_date
    facts.decision_issuer = attached.issuer


def _bare(number: str) -> str:
    return re.sub(r"\s+", "", number).upper()


def _authority_line(texts: list[str], begin: int, end: int) -> str | None:
    """The issuing authority's line between the trích yếu and the text (NĐ 30/2020: "CHÍNH
    PHỦ", "QUỐC HỘI", "ỦY BAN NHÂN DÂN TỈNH X"), for a copy that lost the header above it."""
    for text in texts[begin:end]:
        bare = re.sub(r"^(?:CHỦ TỊCH|BỘ TRƯỞNG|GIÁM ĐỐC)\s+", "", " ".join(text.split()))
        if bare == "QUỐC HỘI":
            return "Quốc hội"
        if titles.is_caps(bare) and is_body(bare) and len(bare.split()) <= 12:
            body = Body(bare)
            return with_place(body, body.place())
    return None


def _appendix(facts: HeaderFacts, texts: list[str], head_text: str) -> None:
    """An appendix file: "Phụ lục 01: …" is its title; it carries its plan's date."""
    if facts.title or not texts:
        return
    for text in texts[:3]:
        if _APPENDIX.match(text):
            title = re.split(r"\(Kèm theo", text)[0].strip()
            facts.title = re.sub(r":\s*", ": ", title, count=1)
            facts.kind = "Phụ lục"
            attached = _ATTACHED_TO.search(head_text)
            dates = written_dates(attached.group(1)) if attached else []
            if facts.issued_date is None and dates:
                facts.issued_date = dates[0].iso
            return


def _references(facts: HeaderFacts, lines: list[SourceLine], body_text: str) -> None:
    preamble: list[str] = []
    for line in lines[:80]:
        text = line.text.strip()
        if re.match(
            r"^(?:[IVX]+|\d+)\.\s|^Phần\s+(?:I|thứ nhất)\b|^Chương\s+I\b|^Điều\s+1\b", text
        ):
            break
        preamble.append(text)
    own = {re.sub(r"\s+", "", n) for n in (facts.number, facts.decision_number) if n}
    facts.based_on = [
        ref
        for ref in references_after(" ".join(preamble), LEADS)
        if not any(n in re.sub(r"\s+", "", ref) for n in own)
    ][:8]
    facts.replaces = replaced(body_text)
