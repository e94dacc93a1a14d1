"""Extractive answers in Vietnamese: a direct first line, then details, every fact cited.

Each function takes the clauses retrieval settled on and writes the answer from their
text alone; a fact enters the answer only together with a citation whose quote is a
verbatim part of the clause it comes from.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from ingest.abbreviations import short_forms
from ingest.dates import asks_year, states_own_time, years_stated
from ingest.domain import Target, TargetCell, TimedWork
from ingest.normalize_vi import folded, folded_with_offsets
from retrieval.absent_parts import all_lack_asked_part
from retrieval.answers import Answer
from retrieval.asked_columns import column_asked
from retrieval.asked_time import asked_work
from retrieval.candidates import substantive
from retrieval.carried_out import carried_out
from retrieval.citations import CitationBuilder, body_quote, enumeration_rest
from retrieval.clause_content import BARE_HEADING_CHARS
from retrieval.display import shorten, vi_count
from retrieval.documents import DocumentDirectory, DocumentInfo
from retrieval.mutual_cooperation import doers_cooperate
from retrieval.periods import asked_stage, stage_cells, stage_note
from retrieval.proposers import proposers
from retrieval.query import Intent, MetaField, Query
from retrieval.recipients import asked_recipients, recipients
from retrieval.row_labels import appendix_of
from retrieval.row_labels import row_label as label_of_row
from retrieval.row_lists import EVERY_ROW, RowWindow
from retrieval.sessions import sessions
from retrieval.signing_authority import signing_authorities
from retrieval.stored import StoredClause

# "unknown" last: columns the parser has no role for ("Sản phẩm", "Kinh phí") are still
# what the plan says about the row, and a question may be about them
_ROLE_ORDER = (
    "content",
    "value",
    "measure_unit",
    "highest_responsibility",
    "monitoring",
    "lead",
    "cooperating",
    "deadline",
    "product",
    "group",
    "note",
    "unknown",
)


def _doc_label(documents: DocumentDirectory, document_id: str) -> str:
    info = documents.get(document_id)
    return info.label if info else document_id


def _row_name(clause: StoredClause, with_appendix: bool = False) -> str:
    if _in_body(clause):
        return "Nhiệm vụ"
    if not clause.number:
        return "Dòng"
    number = row_label(clause) if with_appendix else clause.number
    return f"Chỉ tiêu/nhiệm vụ {number}"


def _in_body(clause: StoredClause) -> bool:
    """A duty written in the plan's text (not a row of an appendix table)."""
    return clause.target is not None and clause.target.source == "body"


def _row_where(clause: StoredClause, documents: DocumentDirectory) -> str:
    """ "Chỉ tiêu/nhiệm vụ 6.6 — Kế hoạch 19/KH-UBND (…), Phụ lục 1 › 6. Về Chính quyền số"."""
    parent_path = clause.path.rsplit(" › ", 1)[0] if " › " in clause.path else clause.path
    if _in_body(clause):
        parent_path = clause.path  # a body task is found by its own place in the text
    where = f"{_row_name(clause)} — {_doc_label(documents, clause.document_id)}, {parent_path}"
    return where + stage_note(clause)


def _inside(clause: StoredClause, cell: TargetCell | TimedWork) -> bool:
    return clause.start <= cell.start and cell.end <= clause.end


def _cell_quote(clause: StoredClause, cells: Sequence[TargetCell]) -> str:
    """The verbatim span of the clause from the first to the last of these cells."""
    cells = [cell for cell in cells if _inside(clause, cell)]
    if not cells:
        return clause.text.strip()
    start = min(cell.start for cell in cells) - clause.start
    end = max(cell.end for cell in cells) - clause.start
    return clause.text[start:end]


def _row_quote(clause: StoredClause) -> str:
    """The verbatim span of a table row's filled cells (the row number left out)."""
    assert clause.target is not None
    cells = [cell for cell in clause.target.cells if cell.role != "number"]
    return _cell_quote(clause, cells) if cells else clause.text.strip()


def _cite_cell(clause: StoredClause, cell: TargetCell, cite: CitationBuilder, n: int) -> int:
    """The citation of one cell: the row's own, or, for a unit named in the heading a body
    duty sits under, a citation of that heading quoting the unit's name."""
    if _inside(clause, cell):
        return n
    for holder in clause.context:
        if holder.start <= cell.start and cell.end <= holder.end:
            return cite.cite(
                holder, holder.text[cell.start - holder.start : cell.end - holder.start]
            )
    return n


def _heading_note(clause: StoredClause, cell: TargetCell) -> str:
    """ " (theo mục a) Tổ đảng ở …)" for a unit taken from the heading above the task."""
    target = clause.target
    if target is None or _inside(clause, cell) or not target.group:
        return ""
    return f" (theo mục {target.group})"


def _cited_units(clause: StoredClause, role: str, cite: CitationBuilder, n: int) -> str:
    """A role's units, each taken from a heading cited on its own."""
    assert clause.target is not None
    parts = []
    for cell in clause.target.cells_for(role):
        if _inside(clause, cell):
            parts.append(cell.text)
        else:
            m = _cite_cell(clause, cell, cite, n)
            parts.append(f"{cell.text}{_heading_note(clause, cell)} [{m}]")
    return "; ".join(parts)


def _heading_refs(clause: StoredClause, cite: CitationBuilder, n: int) -> str:
    """ " — theo mục a) Tổ đảng ở … [2]" when a body duty's units come from its heading."""
    target = clause.target
    if target is None or not target.group:
        return ""
    numbers = sorted(
        {
            _cite_cell(clause, cell, cite, n)
            for cell in target.cells
            if cell.role in ("lead", "cooperating", "monitoring") and not _inside(clause, cell)
        }
        - {n}
    )
    if not numbers:
        return ""
    return f" — theo mục {target.group} " + " ".join(f"[{m}]" for m in numbers)


def _short(text: str, limit: int = 160) -> str:
    """One line of at most `limit` characters, table cells kept apart, cut on a word."""
    return shorten(_CELL_BREAK.sub(" · ", text).strip(" ·"), limit)


_CELL_BREAK = re.compile(r"\s*\|\s*")


def _cited_deadline(clause: StoredClause, cite: CitationBuilder, n: int) -> str:
    """The row's deadline as written; one stated outside the task's clause (a group's
    "3. Thời gian thực hiện: …" block) cites the clause that states it."""
    assert clause.target is not None
    parts = []
    for cell in clause.target.cells_for("deadline"):
        m = _cite_cell(clause, cell, cite, n)
        parts.append(cell.text if m == n else f"{cell.text} [{m}]")
    return "; ".join(parts)


def _role_units(target: Target, role: str) -> str:
    return "; ".join(cell.text for cell in target.cells_for(role))


# Short names of the responsibility roles; the exact column header stays in the citation.
_SHORT_ROLES = {
    "lead": "chủ trì",
    "monitoring": "theo dõi",
    "cooperating": "phối hợp",
    "highest_responsibility": "chịu trách nhiệm chính",
}
_PEOPLE_ROLES = tuple(_SHORT_ROLES)


def role_label(cell: TargetCell) -> str:
    """ "chủ trì", "theo dõi", "chỉ đạo", "phối hợp" … for a cell; its header otherwise."""
    if cell.role == "monitoring":
        header = folded(cell.header)
        if "chi dao" in header and "theo doi" not in header:
            return "chỉ đạo"
    return _SHORT_ROLES.get(cell.role) or _short(cell.header, 40)


def _asked_roles(intent: Intent) -> tuple[str, ...]:
    """The roles in the order the direct answer names them: the one asked about first."""
    first = {
        Intent.WHO_MONITOR: "monitoring",
        Intent.WHO_COOPERATE: "cooperating",
    }.get(intent, "lead")
    return (first, *(r for r in _PEOPLE_ROLES if r != first))


def describe_row(
    clause: StoredClause,
    documents: DocumentDirectory,
    cite: CitationBuilder,
    intent: Intent,
    stated_time: Callable[[str], str | None] | None = None,
    stage: tuple[int, int] | None = None,
    keywords: Sequence[str] = (),
) -> list[str]:
    """Answer lines for one target row: the direct answer, which row it is, then only the
    columns the first two lines have not said. `stated_time`: the part of a duty's text
    that states when (`_time_phrase` unless given); `stage`: the years the question asks,
    whose value columns answer (the row's other stages are left out); `keywords`: the
    question's words, which tell the one of a duty's several works whose time is asked."""
    target = clause.target
    assert target is not None
    n = cite.cite(clause, _row_quote(clause))
    direct, said = _direct_line(
        clause, intent, n, cite, stated_time or _time_phrase, stage, keywords
    )
    where = _row_where(clause, documents)
    content = _role_units(target, "content")
    if "content" in said:
        lines = [direct, f"{where} [{n}]"]
    else:
        lines = [direct, f"{where}: {content} [{n}]" if content else f"{where} [{n}]"]
        said = said | {"content"}
    for role in _ROLE_ORDER:
        if role in said:
            continue
        for cell in target.cells_for(role):
            m = _cite_cell(clause, cell, cite, n)
            label = cell.header if role == "value" else role_label(cell)
            text = target.with_unit(cell.text) if role == "value" else cell.text
            lines.append(f"- {_capital(label)}{_heading_note(clause, cell)}: {text} [{m}]")
    return lines


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _direct_line(
    clause: StoredClause,
    intent: Intent,
    n: int,
    cite: CitationBuilder,
    stated_time: Callable[[str], str | None],
    stage: tuple[int, int] | None = None,
    keywords: Sequence[str] = (),
) -> tuple[str, set[str]]:
    """The first line (one sentence naming every role and the deadline, or the row's
    content and values) and the roles it has said."""
    target = clause.target
    assert target is not None
    deadline = _cited_deadline(clause, cite, n)
    people = [
        (role, role_label(target.cells_for(role)[0]), _cited_units(clause, role, cite, n))
        for role in _asked_roles(intent)
        if target.cells_for(role)
    ]
    said = {role for role, _, _ in people}
    parts = [f"{label}: {units}" for _, label, units in people]
    if intent is Intent.DEADLINE:
        work = asked_work(target.works, keywords)
        if work is not None and _inside(clause, work):
            # one of the duty's works, each with its own time: the one the question names
            m = cite.cite(clause, clause.text[work.start - clause.start : work.end - clause.start])
            head = f"Hạn hoàn thành: {work.deadline} [{m}]"
        elif deadline:
            head = f"Hạn hoàn thành: {deadline}"
        elif target.source == "body" and (said_time := stated_time(clause.text)):
            head = f"Văn bản ghi: “{said_time}”"  # "định kỳ tổng hợp, báo cáo …"
        elif target.source == "body" and (years := _time_phrase(clause.text, years=True)):
            # no deadline, but the years the duty is about: said, the decline kept
            head = f"Văn bản không ghi thời hạn cho nhiệm vụ này; văn bản chỉ nêu: “{years}”"
        elif target.source == "body":
            head = "Văn bản không ghi thời hạn cho nhiệm vụ này"
        else:
            head = "Bảng không ghi thời gian hoàn thành cho dòng này"
        return _sentence([head, *parts], n), said | {"deadline"}
    due = [f"hạn: {deadline}"] if deadline else []
    if intent is Intent.WHO_COOPERATE and "cooperating" not in said:
        if target.source == "body" and "lead" in said and doers_cooperate(clause.body):
            # "Đề nghị Thường trực HĐND, UBND … thường xuyên phối hợp": they co-operate
            units = next(u for role, _, u in people if role == "lead")
            return _sentence([f"Cùng phối hợp: {units}", *due], n), said | {"deadline"}
        missing = (
            "Văn bản không nêu đơn vị phối hợp"
            if target.source == "body"
            else "Bảng không có cột đơn vị phối hợp riêng"
        )
        lead = [] if "lead" in said else [f"{_SHORT_ROLES['lead']}: không ghi"]
        return _sentence([missing, *parts, *lead, *due], n), said | {"deadline"}
    if intent in (Intent.WHO, Intent.WHO_LEAD, Intent.WHO_MONITOR, Intent.WHO_COOPERATE) and (
        parts
    ):
        return _sentence([*parts, *due], n), said | {"deadline"}
    content = _role_units(target, "content")
    asked = stage_cells(stage, target.cells_for("value"))
    values = "; ".join(f"{c.header}: {target.with_unit(c.text)}" for c in asked)
    return f"{content}" + (f" — {values}" if values else "") + f" [{n}].", {"content", "value"}


def _time_phrase(text: str, years: bool = False) -> str | None:
    """The part of a duty's text that states when ("định kỳ tổng hợp, báo cáo …", "trước
    ngày 15/12"), between the separators around it; None when it states no time. With
    `years` (the question asks which years), a year the duty names of its own counts too
    ("… kinh doanh năm 2025 và 2026"), quoted around it."""
    for piece in re.split(r"[;.]\s|\n(?=[-+*•]|\w\))", text):
        piece = " ".join(piece.split())
        if piece and _DUE.search(folded(piece)):
            return shorten(piece, 160)
    if not years:
        return None
    for piece in re.split(r"[;.]\s|\n(?=[-+*•]|\w\))", text):
        piece = " ".join(piece.split())
        flat, offsets = folded_with_offsets(piece)
        found = years_stated(flat)
        if found is not None:
            return _around(piece, offsets[found.start()], offsets[found.end() - 1] + 1)
    return None


def _around(text: str, start: int, end: int, limit: int = 160) -> str:
    """At most `limit` characters of `text` around [start, end), cut on words, "…" where
    cut."""
    if len(text) <= limit:
        return text
    left = max(0, min(start, end - limit // 2) - limit // 4)
    cut = text.rfind(" ", 0, left) + 1 if left else 0
    return ("…" if cut else "") + shorten(text[cut:], limit)


# When a duty is due, as its text says it: a recurrence or a term ("định kỳ", "hằng quý",
# "thường xuyên", "trước ngày 15/12", "trong quý IV", the stage "giai đoạn đến năm 2030") —
# not the date of a document it cites
_DUE = re.compile(
    r"\bdinh k[iy]\b|\bthuong xuyen\b|\bhang (?:ngay|tuan|thang|quy|nam)\b"
    r"|\b(?:truoc|trong|cham nhat) (?:ngay|thang|quy|nam) \S*\d|\btrong quy [ivx]+\b"
    r"|\bgiai doan (?:\S+ )?den (?:het )?nam \d{4}\b"  # "giai đoạn đến năm 2030"
)


def _sentence(parts: list[str], n: int) -> str:
    """ "Chủ trì: … — theo dõi: … — hạn: … [1]." """
    return _capital(" — ".join(parts)) + f" [{n}]."


def describe_clause(
    clause: StoredClause,
    documents: DocumentDirectory,
    cite: CitationBuilder,
    keywords: tuple[str, ...],
    children: Sequence[StoredClause] = (),
    prefer: Callable[[str], bool] | None = None,
    focus: re.Pattern[str] | None = None,
) -> list[str]:
    """Answer lines quoting a body clause; a bare heading is answered by its sub-clauses.
    `prefer`: the sentences to quote first (those stating a time, for "khi nào?"); `focus`:
    the figure asked, kept in a long quote's shortened form."""
    where = f"{_doc_label(documents, clause.document_id)}, {clause.path}{stage_note(clause)}"
    if children:
        quote = body_quote(clause, keywords)
        n = cite.cite(clause, quote)
        lines = [f"{where} [{n}]:"]
        if quote and folded(quote).rstrip(" :") not in folded(where):
            # a heading its path names by number alone ("… › 2.3" of "2.3. Đợt 3: Sau ngày
            # bầu cử 15/3/2026"): its words said, not only cited
            lines = [f"{where}: {_short(quote, 400)} [{n}]"]
        if len(clause.body.strip()) >= BARE_HEADING_CHARS:
            # a lead-in that says something itself ("… 35 tuần thực học (học kỳ I có 18
            # tuần, học kỳ II có 17 tuần), cụ thể:"): its words, then its items
            lines = [f"{_short(quote, 400)} [{n}]", f"Theo {where}:"]
        for child in children[:_MAX_CHILDREN]:
            # an item listed under its heading is quoted by what it opens with ("1. Rà soát
            # nội dung các gói thầu …"), not by the sentence nearest the question's words
            quote = body_quote(child)
            lines.append(f"- {_short(quote, 400)} [{cite.cite(child, quote)}]")
        if len(children) > _MAX_CHILDREN:
            lines.append(f"- … và {len(children) - _MAX_CHILDREN} ý khác trong {clause.path}")
        return lines
    quote = body_quote(clause, keywords, prefer=prefer)
    if focus is not None and not focus.search(folded(quote)):
        # the figure asked lies past the quote's cut ("… đất nước sau 40 năm …" at the end
        # of a long sentence): the longer quote, shown around it
        longer = body_quote(clause, keywords, limit=_FOCUS_QUOTE, prefer=prefer)
        quote = longer if focus.search(folded(longer)) else quote
    n = cite.cite(clause, quote)
    # an enumeration the quote's limit cut ("…; …; …") goes on in quotes of its own, so
    # that no item of it is lost (not for a time asked: the part stating it answers)
    rest = enumeration_rest(clause, quote) if prefer is None and focus is None else []
    more = [f"{_short(part, 400)} [{cite.cite(clause, part)}]" for part in rest]
    # what the plan says first; where it says it after (the citation names it again)
    return [f"{_shown_around(quote, focus)} [{n}]", *more, f"Theo {where}."]


_FOCUS_QUOTE = 1200


def _shown_around(quote: str, focus: re.Pattern[str] | None, limit: int = 400) -> str:
    """A long quote shortened to `limit` characters, around the figure asked when the cut
    would drop it ("… bao nhiêu năm đổi mới?" of a sentence saying "sau 40 năm" late)."""
    if focus is None or len(quote) <= limit:
        return _short(quote, limit)
    flat, offsets = folded_with_offsets(quote)
    found = focus.search(flat)
    if found is None or offsets[found.end() - 1] < limit - 20:
        return _short(quote, limit)
    return _around(quote, offsets[found.start()], offsets[found.end() - 1] + 1, limit)


# "bao nhiêu năm", "mấy tỉnh": the figure asked, with the word it counts
_COUNTED = re.compile(r"\b(?:bao nhieu|may) ([a-z]+)\b")


# "vào năm nào?", "từ năm nào?": the year asked, written as a year
_YEAR_ASKED = re.compile(r"\bnam (?:nao|bao nhieu)\b")
YEAR_FIGURE = re.compile(r"(?<![\d.,/])(?:19|20)\d{2}(?!\d|[.,/]\d)")


def asked_figure(question_folded: str) -> re.Pattern[str] | None:
    """The pattern of the figure a question asks for ("40 nam" of "bao nhiêu năm", a year of
    "vào năm nào?"), or None."""
    if _YEAR_ASKED.search(question_folded):
        return YEAR_FIGURE
    match = _COUNTED.search(question_folded)
    if match is None:
        return None
    return re.compile(rf"(?<![\d.,])\d+(?:[.,]\d+)?\s*{match.group(1)}\b")


_MAX_CHILDREN = 12


# the intents a responsibility row answers by its cells (units, deadline)
_ROW_INTENTS = frozenset(
    [Intent.WHO, Intent.WHO_LEAD, Intent.WHO_COOPERATE, Intent.WHO_MONITOR, Intent.DEADLINE]
)


def answer_clauses(
    query: Query,
    clauses: Sequence[StoredClause],
    documents: DocumentDirectory,
    intent: Intent,
    children: dict[str, list[StoredClause]] | None = None,
) -> Answer:
    """Answer about one or a few settled clauses (a row, or body clauses)."""
    cite = CitationBuilder(documents)
    lines: list[str] = []
    years = asks_year(query.folded)  # "áp dụng cho những năm nào?": a year it names answers
    stage = asked_stage(query.folded)  # "… năm 2026 bao nhiêu?": that year's column answers

    def stated_time(text: str) -> str | None:
        return _time_phrase(text, years)

    for clause in clauses:
        kids = (children or {}).get(clause.clause_id, [])
        # a task that announces its items ("… tổ chức thực hiện các hình thức sau:") is
        # answered by them unless its units or its time are asked
        if clause.target is not None and not (kids and intent not in _ROW_INTENTS):
            lines.extend(
                describe_row(clause, documents, cite, intent, stated_time, stage, query.keywords)
            )
        else:
            prefer = states_own_time if intent is Intent.DEADLINE else None
            focus = asked_figure(query.folded)
            lines.extend(
                describe_clause(clause, documents, cite, query.keywords, kids, prefer, focus)
            )
        if len(clauses) > 1:
            lines.append("")
    return Answer(
        "\n".join(lines).strip(),
        # "không ghi thời hạn": declined
        all_lack_asked_part(clauses, intent, stated_time, query.folded),
        intent.value,
        cite.citations,
        tuple(c.clause_id for c in clauses),
    )


def _list_line(
    clause: StoredClause,
    documents: DocumentDirectory,
    cite: CitationBuilder,
    roles: str = "",
    width: int = 160,
) -> str:
    """One listed row: "PL2 · 9: content — chủ trì; hạn: … [n]"."""
    target = clause.target
    assert target is not None
    n = cite.cite(clause, _row_quote(clause))
    deadline = _role_units(target, "deadline")
    extra = "; ".join(p for p in (roles, f"hạn: {deadline}" if deadline else "") if p)
    return (
        f"- {row_label(clause)}: {_short(target.content, width)}"
        + (f" — {extra}" if extra else "")
        + f" [{n}]"
        + _heading_refs(clause, cite, n)
    )


# a short list shows its rows' tasks whole, up to this many characters each; a long one cuts
_WHOLE_ROWS = 6
_WHOLE_ROW_WIDTH = 400


def _row_width(rows: int) -> int:
    """How much of each row's task a list of `rows` rows shows."""
    return _WHOLE_ROW_WIDTH if rows <= _WHOLE_ROWS else 160


def row_label(clause: StoredClause) -> str:
    """ "PL2 · 9": the row's appendix and number, so equal numbers of two appendices differ."""
    return label_of_row(clause.path, clause.number, _in_body(clause))


def _row_roles(clause: StoredClause, headers: Sequence[str]) -> str:
    """The short names of the roles whose columns (by exact header) name the unit asked."""
    assert clause.target is not None
    labels = []
    for header in headers:
        cell = next((c for c in clause.target.cells if c.header == header), None)
        labels.append(role_label(cell) if cell is not None else _short(header, 40))
    return ", ".join(dict.fromkeys(labels))


def _grouped(
    rows: Sequence[StoredClause], documents: DocumentDirectory, counted: bool = True
) -> list[tuple[str, list[StoredClause]]]:
    """Rows grouped by plan and appendix, in the order first met: (heading, rows), the
    heading with the group's count unless not `counted` (a page of a long list holds only
    part of some groups)."""
    groups: dict[tuple[str, str | None], list[StoredClause]] = {}
    for row in rows:
        groups.setdefault((row.document_id, appendix_of(row.path)), []).append(row)
    out = []
    for (doc_id, appendix), members in groups.items():
        where = _doc_label(documents, doc_id)
        if appendix is not None:
            where += f" — Phụ lục {appendix.removeprefix('PL')}"
        out.append((f"{where} ({len(members)} dòng):" if counted else f"{where}:", members))
    return out


def answer_list(
    query: Query,
    rows: Sequence[StoredClause],
    documents: DocumentDirectory,
    heading: str,
    roles_of: dict[str, list[str]] | None = None,
    page: tuple[int, int] | None = None,
) -> Answer:
    """The count (the heading), then the rows grouped by plan and appendix, each with its
    appendix and number, content, the roles asked about and its deadline. `page`: the
    `rows` are one page of a longer list, (index of its first row, the list's total)."""
    cite = CitationBuilder(documents)
    lines = [heading]
    ordered: list[StoredClause] = []
    width = _row_width(page[1] if page is not None else len(rows))
    for group_heading, members in _grouped(rows, documents, counted=page is None):
        lines.append(group_heading)
        for clause in members:
            roles = _row_roles(clause, roles_of.get(clause.clause_id, [])) if roles_of else ""
            lines.append(_list_line(clause, documents, cite, roles, width))
            ordered.append(clause)
    first, total = page if page is not None else (0, None)
    return Answer(
        "\n".join(lines),
        False,
        query.intent.value,
        cite.citations,
        tuple(c.clause_id for c in ordered),
        rows_total=total,
        rows_from=first,
    )


def answer_unit_duties(
    query: Query,
    headed: Sequence[StoredClause],
    children: dict[str, list[StoredClause]],
    rows: Sequence[StoredClause],
    roles_of: dict[str, list[str]],
    documents: DocumentDirectory,
    unit_name: str,
    window: RowWindow = EVERY_ROW,
) -> Answer:
    """What a unit is tasked with: the clauses headed by its name, then the table rows
    giving it a role. Past `row_lists.WHOLE_LIST` items (the headed clauses' items, then the
    rows) the answer holds one `window` of them, its count exact (`rows_total`/`rows_from`):
    the headed clauses with the page that reaches into them, the rows cut in list order."""
    cite = CitationBuilder(documents)
    lines: list[str] = []
    for clause in headed:
        kids = children.get(clause.clause_id, [])
        lines.extend(describe_clause(clause, documents, cite, query.keywords, kids))
        lines.append("")
    shown = {c.clause_id for c in headed} | {
        kid.clause_id for kids in children.values() for kid in kids
    }
    rows = [row for row in rows if row.clause_id not in shown]
    where = "trong bảng phân công" if all(not _in_body(r) for r in rows) else "khác"
    held_items = sum(1 for line in lines if line.startswith("- "))
    total = held_items + len(rows)
    page: tuple[int, int] | None = None
    if window.pages(total):
        offset, limit = window.bounds(total)
        if offset < held_items:  # the page reaches into the headed clauses: all of them
            page = (0, total)
            rows = rows[: max(0, offset + limit - held_items)]
        else:  # rows only, under a headline saying how many there are in all
            page = (offset, total)
            rows = rows[offset - held_items : offset - held_items + limit]
            headed = []
            cite = CitationBuilder(documents)
            lines = [f"{unit_name} được giao {vi_count(total)} nhiệm vụ/chỉ tiêu:"]
    if rows:
        lines.append(f"Các chỉ tiêu/nhiệm vụ {where} ghi {unit_name}:")
        for clause in rows:
            roles = _row_roles(clause, roles_of.get(clause.clause_id, []))
            lines.append(_list_line(clause, documents, cite, roles))
    first, rows_total = page if page is not None else (0, None)
    return Answer(
        "\n".join(lines).strip(),
        False,
        query.intent.value,
        cite.citations,
        tuple(c.clause_id for c in [*headed, *rows]),
        rows_total=rows_total,
        rows_from=first,
    )


def _per_plan_roles(query: Query) -> tuple[str, ...]:
    """The cells a row's line shows beside its task when each plan is offered: the lead and
    the deadline, and the role or column the question asks ("đơn vị nào phối hợp …",
    "sản phẩm của …")."""
    asked = {
        Intent.WHO_COOPERATE: "cooperating",
        Intent.WHO_MONITOR: "monitoring",
    }.get(query.intent)
    column = column_asked(query.folded)
    extra = [r for r in (asked, column.role if column else None) if r]
    return ("lead", "deadline", *extra)


def answer_per_document(
    query: Query,
    clauses: Sequence[StoredClause],
    documents: DocumentDirectory,
    heading: str,
    limit: int = 240,
) -> Answer:
    """One line per plan with what that plan says (comparisons, and topics several plans
    share), each cut at about `limit` characters; a row with its value, its lead and its
    deadline."""
    cite = CitationBuilder(documents)
    lines = [heading]
    for clause in clauses:
        label = _doc_label(documents, clause.document_id)
        if clause.target is not None:
            n = cite.cite(clause, _row_quote(clause))
            roles = _per_plan_roles(query)
            # the row's value (of the stage asked) first: "Giá trị theo từng kế hoạch"
            values = stage_cells(asked_stage(query.folded), clause.target.cells_for("value"))
            details = [f"{c.header}: {clause.target.with_unit(c.text)}" for c in values] + [
                f"{'hạn' if c.role == 'deadline' else role_label(c)}: {c.text}"
                for c in clause.target.cells
                if c.role in roles
            ]
            extra = f" ({'; '.join(details)})" if details else ""
            lines.append(
                f"- {label} — {_row_name(clause, with_appendix=True)}: "
                f"{_short(clause.target.content, limit)}{extra} [{n}]"
                + _heading_refs(clause, cite, n)
            )
        else:
            quote = body_quote(clause, query.keywords, limit=max(300, limit))
            n = cite.cite(clause, quote)
            lines.append(f"- {label} — {clause.path}: {_short(quote, max(300, limit))} [{n}]")
    return Answer(
        "\n".join(lines),
        False,
        query.intent.value,
        cite.citations,
        tuple(c.clause_id for c in clauses),
    )


def answer_ambiguous(
    query: Query, candidates: Sequence[StoredClause], documents: DocumentDirectory, number: str
) -> Answer:
    """Several plans have this clause number: show each, pick none."""
    cite = CitationBuilder(documents)
    doc_ids = list(dict.fromkeys(c.document_id for c in candidates))
    lines = [
        f"Có {len(doc_ids)} văn bản cùng có mục/chỉ tiêu {number}; bạn hỏi văn bản nào? "
        "Hãy nêu tên hoặc số hiệu kế hoạch."
    ]
    for clause in candidates:
        if clause.target is not None:
            content = clause.target.cells_for("content")
            quote = _cell_quote(clause, content) if content else _row_quote(clause)
        else:
            quote = body_quote(clause, query.keywords, limit=200)
        n = cite.cite(clause, quote)
        lines.append(
            f"- {_doc_label(documents, clause.document_id)} — {clause.path}: {_short(quote)} [{n}]"
        )
    return Answer(
        "\n".join(lines), False, "ambiguous", cite.citations, tuple(c.clause_id for c in candidates)
    )


def abstain(
    query: Query, related: Sequence[StoredClause], documents: DocumentDirectory, reason: str
) -> Answer:
    """Say plainly that the plans do not answer this, and point to the closest clauses."""
    cite = CitationBuilder(documents)
    lines = [reason]
    related = substantive(related)  # never a bare heading or a fragment
    if related:
        lines.append("Các điều khoản gần nhất để tham khảo:")
        for clause in related[:3]:
            quote = body_quote(clause, query.keywords, limit=200)
            if not quote:
                continue
            n = cite.cite(clause, quote)
            lines.append(f"- {_doc_label(documents, clause.document_id)}, {clause.path} [{n}]")
    return Answer(
        "\n".join(lines),
        True,
        query.intent.value,
        cite.citations,
        tuple(c.clause_id for c in related),
    )


def answer_document_facts(
    query: Query,
    infos: Sequence[DocumentInfo],
    clauses_by_doc: Mapping[str, Sequence[StoredClause]],
    documents: DocumentDirectory,
    cite: CitationBuilder | None = None,
) -> Answer:
    """Số hiệu, date, signer, issuer, what a plan replaces or implements — cited from its text
    (numbered after the citations `cite` already holds, when given)."""
    cite = cite or CitationBuilder(documents)
    fields = query.meta_fields or (query.meta_field or MetaField.TITLE,)
    if len(fields) > 1:
        return _answer_several_facts(query, fields, infos, clauses_by_doc, cite)
    field = fields[0]
    if field is MetaField.DRAFT:
        return _answer_draft(query, infos, clauses_by_doc, cite)
    lines: list[str] = []
    missing: list[str] = []
    for info in infos:
        cited = _cited_values(info, field, clauses_by_doc, cite, query.folded)
        if cited:
            title = _signer_title_told(info, field, fields, clauses_by_doc, cite, query.folded)
            lines.append(
                f"{info.label}: {_fact_label(info, field)} " + "; ".join(cited) + title + "."
            )
        else:
            missing.append(info.label)
    if not lines:
        reason = (
            f"Văn bản không ghi {_META_LABELS[field]}: " + ", ".join(missing) + "."
            if missing
            else "Không xác định được văn bản được hỏi."
        )
        return Answer(reason, True, query.intent.value, cite.citations)
    if missing:
        lines.append(f"Không ghi {_META_LABELS[field]}: " + ", ".join(missing) + ".")
    return Answer("\n".join(lines), False, query.intent.value, cite.citations)


def _answer_draft(
    query: Query,
    infos: Sequence[DocumentInfo],
    clauses_by_doc: Mapping[str, Sequence[StoredClause]],
    cite: CitationBuilder,
) -> Answer:
    """ "Văn bản chính thức hay dự thảo?": a draft by the marking its header carries, quoted;
    a document without one is not called issued unless its số hiệu is written."""
    lines: list[str] = []
    for info in infos:
        found = (
            _find_in_clauses(info.draft, clauses_by_doc.get(info.id, ())) if info.draft else None
        )
        if found is not None:
            marking = f"[{cite.cite(found[0], found[1])}]"
            lines.append(f"{info.label}: là bản dự thảo — văn bản ghi “{info.draft}” {marking}.")
            continue
        number = _cited_values(info, MetaField.NUMBER, clauses_by_doc, cite, query.folded)
        told = f"; số hiệu là {number[0]}" if number else ""
        lines.append(f"{info.label}: văn bản không ghi là dự thảo{told}.")
    if not lines:
        return Answer("Không xác định được văn bản được hỏi.", True, query.intent.value)
    return Answer("\n".join(lines), False, query.intent.value, cite.citations)


def _signer_title_told(
    info: DocumentInfo,
    field: MetaField,
    fields: Sequence[MetaField],
    clauses_by_doc: Mapping[str, Sequence[StoredClause]],
    cite: CitationBuilder,
    folded_question: str,
) -> str:
    """ "Ai ký?": the signer's office with the name when the signature block states it
    ("; người ký giữ chức vụ Phó Thủ tướng [2]"), unless the office is asked on its own."""
    if field is not MetaField.SIGNER or MetaField.SIGNER_TITLE in fields:
        return ""
    cited = _cited_values(info, MetaField.SIGNER_TITLE, clauses_by_doc, cite, folded_question)
    return f"; {_META_LABELS[MetaField.SIGNER_TITLE]} " + "; ".join(cited) if cited else ""


def _answer_several_facts(
    query: Query,
    fields: Sequence[MetaField],
    infos: Sequence[DocumentInfo],
    clauses_by_doc: Mapping[str, Sequence[StoredClause]],
    cite: CitationBuilder,
) -> Answer:
    """One line per plan naming each fact asked for, or saying the plan does not give it."""
    lines: list[str] = []
    any_found = False
    for info in infos:
        parts = []
        for field in fields:
            cited = _cited_values(info, field, clauses_by_doc, cite, query.folded)
            any_found = any_found or bool(cited)
            label = _fact_label(info, field) if cited else _META_LABELS[field]
            title = _signer_title_told(info, field, fields, clauses_by_doc, cite, query.folded)
            parts.append(
                f"{label} " + "; ".join(cited) + title
                if cited
                else f"không ghi {label.removesuffix(' là')}"  # "không ghi số hiệu"
            )
        lines.append(f"{info.label}: " + "; ".join(parts) + ".")
    if not any_found:
        return Answer(
            "Văn bản không ghi các thông tin được hỏi: " + " ".join(lines),
            True,
            query.intent.value,
            cite.citations,
        )
    return Answer("\n".join(lines), False, query.intent.value, cite.citations)


def _cited_values(
    info: DocumentInfo,
    field: MetaField,
    clauses_by_doc: Mapping[str, Sequence[StoredClause]],
    cite: CitationBuilder,
    question_folded: str = "",
) -> list[str]:
    """The plan's values of one fact, each with the citation of where its text says it."""
    cited = []
    clauses = clauses_by_doc.get(info.id, ())
    values = _meta_values(info, field)
    if field is MetaField.BASED_ON:  # "triển khai nghị định nào?": what the title carries out
        values = carried_out(values, info.title, question_folded)
    if field is MetaField.RECIPIENTS:  # cited from the "Nơi nhận" list itself
        clauses, values = recipients(clauses, question_folded)
        values = asked_recipients(values, question_folded)
    if field is MetaField.SESSION:  # cited from the line stating the adoption
        clauses, values = sessions(clauses)
    if field is MetaField.PROPOSER:  # cited from the "Xét đề nghị của …" line
        clauses, values = proposers(clauses)
    if field is MetaField.AUTHORITY:  # cited from the "T/M …" / "KT. …" line
        clauses, values = signing_authorities(clauses)
    if field is MetaField.ISSUER and info.issuer:
        # the body's name as the text writes it: in full, else in its usual short form
        # ("UBND xã Xuân Trường xây dựng Kế hoạch …" of a plan without an issuer box)
        for form in _issuer_forms(info.issuer, info.place_name):
            found = _find_in_clauses(form, clauses)
            if found is not None:
                return [f"{info.issuer} [{cite.cite(found[0], found[1])}]"]
        return []
    for value in values:
        found = _find_in_clauses(value, clauses)
        if field is MetaField.SIGNER_TITLE:
            # the office as the signature block writes it, in capitals under the authority
            # line ("BÍ THƯ"), not a mention in the text ("Ban Bí thư")
            found = _in_capitals(value, clauses) or found
        if found is None:
            continue
        clause, quote = found
        cited.append(f"{value} [{cite.cite(clause, quote)}]")
        if field in (MetaField.DATE, MetaField.TITLE, MetaField.DECISION):
            break  # one written form of the date (of the title) is enough
    return cited


def _in_capitals(value: str, clauses: Sequence[StoredClause]) -> tuple[StoredClause, str] | None:
    """The first clause holding `value` written in capitals, with that span (the facts
    store gives the preamble and the signature block first)."""
    capitals = re.compile(
        r"(?<!\w)" + r"\s+".join(map(re.escape, value.upper().split())) + r"(?!\w)"
    )
    for clause in clauses:
        match = capitals.search(clause.text)
        if match:
            return clause, match.group()
    return None


def _issuer_forms(issuer: str, place_name: str | None = None) -> list[str]:
    """The issuer's name in full, then with its body written short ("UBND xã …"; NĐ
    30/2020 allows the short forms in the body), then without the place the header names
    once (HD 36: "CỦA BAN THƯỜNG VỤ TỈNH ỦY" under "TỈNH ỦY LÀO CAI")."""
    forms = [issuer, *short_forms(issuer)]
    suffix = f" {place_name}" if place_name else ""
    placeless = issuer[: -len(suffix)] if suffix and issuer.endswith(suffix) else ""
    if len(placeless.split()) >= 3:  # "Ban Thường vụ Tỉnh ủy", not a bare "Tỉnh ủy"
        forms.append(placeless)
    return forms


_META_LABELS = {
    MetaField.NUMBER: "số hiệu là",
    MetaField.DATE: "ngày ban hành là",
    MetaField.SIGNER: "người ký là",
    MetaField.ISSUER: "cơ quan ban hành là",
    MetaField.REPLACES: "thay thế",
    MetaField.BASED_ON: "được ban hành để thực hiện",
    MetaField.TITLE: "tên văn bản là",
    MetaField.FIELD: "lĩnh vực là",
    MetaField.SIGNER_TITLE: "người ký giữ chức vụ",
    MetaField.RECIPIENTS: "nơi nhận là",
    MetaField.SESSION: "thông qua tại",
    MetaField.PROPOSER: "được ban hành theo đề nghị của",
    MetaField.KIND: "loại văn bản là",
    MetaField.DECISION: "ban hành kèm theo",
    MetaField.AUTHORITY: "ký với thẩm quyền",
    MetaField.DRAFT: "là bản dự thảo",
}


def _fact_label(info: DocumentInfo, field: MetaField) -> str:
    """How a fact is introduced; a date whose day and month the plan left blank ("ngày
    tháng    năm 2026") is said to be so, never passed off as a full date."""
    if field is MetaField.DATE and info.issued_date and "-" not in info.issued_date:
        return "ngày, tháng ban hành để trống; văn bản chỉ ghi"
    return _META_LABELS[field]


def _meta_values(info: DocumentInfo, field: MetaField) -> list[str]:
    if field is MetaField.NUMBER:
        return [info.number] if info.number else []
    if field is MetaField.DATE:
        return _date_forms(info.issued_date) if info.issued_date else []
    if field is MetaField.SIGNER:
        return [info.signer] if info.signer else []
    if field is MetaField.ISSUER:
        return [info.issuer] if info.issuer else []
    if field is MetaField.REPLACES:
        return list(info.replaces)
    if field is MetaField.BASED_ON:
        return list(info.based_on)
    if field is MetaField.FIELD:
        return [info.field] if info.field else []
    if field is MetaField.SIGNER_TITLE:
        return [info.signer_title] if info.signer_title else []
    if field is MetaField.KIND:
        return [info.kind] if info.kind else []
    if field is MetaField.DRAFT:
        return [info.draft] if info.draft else []
    if field is MetaField.DECISION:
        # the decision named under the plan's title; a decision that issues the plan is it
        if info.decision_number:
            return [info.decision_number]
        return [info.number] if info.number and info.issues else []
    kind = info.kind or ""
    if kind and info.title.lower().startswith(kind.lower() + " "):
        # "Chỉ thị Về việc …": the kind is its own line above the trích yếu, which is quoted
        return [info.title, info.title[len(kind) :].strip()]
    return [info.title]


def _date_forms(iso: str) -> list[str]:
    """Ways a date is written, most specific first; the first found in the text is cited."""
    parts = iso.split("-")
    year = parts[0]
    if len(parts) == 1:
        # a plan whose day and month were left blank ("ngày    tháng    năm 2026") has a year only
        return [f"năm {year}"]
    month = int(parts[1])
    if len(parts) == 3:
        day = int(parts[2])
        # NĐ 30/2020 writes a day or month below 10 with its leading 0 ("ngày 09 tháng 02"),
        # many copies do not: every combination is tried
        return [
            f"{day:02d}/{month:02d}/{year}",
            *(
                f"{prefix}{d} tháng {m} năm {year}"
                for prefix in ("ngày ", "")
                # without "ngày", "9 tháng 2" would be found inside "19 tháng 2"
                for d in dict.fromkeys((str(day), f"{day:02d}") if prefix else (f"{day:02d}",))
                for m in dict.fromkeys((str(month), f"{month:02d}"))
            ),
            f"{day}/{month}/{year}",
        ]
    return [
        *(f"tháng {m} năm {year}" for m in dict.fromkeys((str(month), f"{month:02d}"))),
        f"/{month}/{year}",
    ]


def _find_in_clauses(
    value: str, clauses: Sequence[StoredClause]
) -> tuple[StoredClause, str] | None:
    """The first clause whose text holds `value` (accent- and spacing-insensitive), with
    the verbatim span that matched."""
    from ingest.normalize_vi import find_normalized

    for clause in clauses:
        if value in clause.text:
            return clause, value
        spans = find_normalized(clause.text, value)
        if spans:
            start, end = spans[0]
            return clause, clause.text[start:end]
    spaced = _letter_spaced(value)
    for clause in clauses:
        match = spaced.search(clause.text)
        if match:  # a copy that spaced the letters apart ("Ngu y ễn Hữu Tín")
            return clause, match.group()
    return None


def _letter_spaced(value: str) -> re.Pattern[str]:
    """`value` as a PDF or web copy may have spaced its letters apart inside words."""
    words = (r" ?".join(re.escape(char) for char in word) for word in value.split())
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")
