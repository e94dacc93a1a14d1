"""Which units a plan gives duties to: "Kế hoạch … phân công nhiệm vụ cho những cơ quan
nào?" answered with every unit that leads a duty in the plan's rows (tables and the duties
the body assigns under unit headings), in the plan's order, each cited by its first duty."""

from __future__ import annotations

import re

from ingest.normalize_vi import folded
from ingest.parser.units import unit_key
from retrieval.answers import Answer
from retrieval.citations import CitationBuilder
from retrieval.query import Intent
from retrieval.stored import StoredClause
from retrieval.strategies.context import Context

# "phân công (nhiệm vụ) cho những cơ quan nào", "giao cho các đơn vị nào", "những sở,
# ngành nào được phân công"
_ASKS = re.compile(
    r"\b(?:phan cong|giao)\b(?:\s+\S+){0,4}?\s+(?:nhung|cac)\s+"
    r"(?:co quan|don vi|so|so nganh|so, nganh|nganh|bo nganh|bo|to chuc)\b(?:\s+\S+){0,3}?"
    r"\s+nao\b"
    r"|\b(?:nhung|cac)\s+(?:co quan|don vi|so|so nganh|nganh|bo|to chuc)\s+nao\s+"
    r"(?:duoc\s+)?(?:phan cong|giao)\b"
)
# a collective the plan names besides its units ("Các đơn vị", "Các cơ quan có liên quan")
_COLLECTIVE = re.compile(
    r"^cac (?:co quan|don vi|dia phuong|so|nganh|to chuc|bo)\b(?:\W+(?:co quan|don vi|dia "
    r"phuong|so|ban|nganh|to chuc|bo|co lien quan|lien quan))*\W*$"
)
# the number and dots of a heading ("III.", "2.1.")
_NUMBERING = re.compile(r"^\s*[\divxlc]+(?:\.\d+)*[.)]?\s+")
_MAX_UNITS = 30


def answer(ctx: Context) -> Answer | None:
    """The units leading a duty in the settled plan; None when the question does not ask
    which units a plan assigns, names a unit itself, or the plan has no rows."""
    if not _ASKS.search(ctx.query.folded) or ctx.reading.units:
        return None
    if not ctx.scope.named or len(ctx.scope.doc_ids) != 1:
        return None
    doc_id = ctx.scope.doc_ids[0]
    cite = CitationBuilder(ctx.documents)
    rows = in_named_part(ctx.query.folded, ctx.search.rows([doc_id]))
    seen: set[str] = set()
    lines: list[str] = []
    for role, label in (("lead_units", ""), ("cooperating_units", " (phối hợp)")):
        for row in rows:
            assert row.target is not None
            for unit in getattr(row.target, role):
                key = unit_key(unit)
                # "các cơ quan có liên quan", "các thôn ấp": no unit of its own
                if not key or key in seen or not unit[:1].isupper() or _COLLECTIVE.match(key):
                    continue
                seen.add(key)
                quote = row.text.strip().split("\n")[0]
                lines.append(f"- {unit}{label} [{cite.cite(row, quote)}]")
    lines = lines[:_MAX_UNITS]
    if not lines:
        return None
    heading = (
        f"{ctx.label(doc_id)} giao nhiệm vụ cho {len(lines)} cơ quan, đơn vị "
        "(chủ trì, hoặc phối hợp khi ghi rõ; mỗi đơn vị kèm nhiệm vụ đầu tiên của nó):"
    )
    return Answer("\n".join([heading, *lines]), False, Intent.LIST_BY_UNIT.value, cite.citations)


def in_named_part(question_folded: str, rows: list[StoredClause]) -> list[StoredClause]:
    """The rows under the part of the plan the question names by its heading ("… ở mục Tổ
    chức thực hiện", "phần tổ chức thực hiện"); all of them when it names none."""
    named: set[str] = set()
    for row in rows:
        part = _part_heading(row)
        if len(part.split()) >= 2 and f" {part} " in f" {question_folded} ":
            named.add(part)
    if not named:
        return rows
    return [row for row in rows if _part_heading(row) in named]


def _part_heading(row: StoredClause) -> str:
    """The folded words of the outermost heading on the row's path ("to chuc thuc hien")."""
    first = row.path.split(" › ")[0]
    return " ".join(re.sub(r"[^\w\s]", " ", _NUMBERING.sub("", folded(first))).split())
