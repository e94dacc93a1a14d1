"""`kehoach inspect`: what kehoach understood of one document, for a person to check.

The report shows the metadata fields, the clause tree (number, kind, heading, period, first
words), the target and responsibility rows (number, roles → units, deadline, period,
source) and the warnings, as text or JSON. A document is named by its id in the home
(its kept source text is parsed again, with the blocks its reader gave at ingest) or by a
file path (read as `kehoach ingest` would).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape

from ingest.catalog_db import open_catalog
from ingest.domain import Clause, ClauseKind, ParsedPlan, Target, to_plain
from ingest.errors import UnknownDocumentError
from ingest.formats.block_json import load_blocks
from ingest.formats.blocks import Block
from ingest.parser.lines import clean_markup
from ingest.parser.plan import PARSER_VERSION, parse_plan
from ingest.reader import read_source
from ingest.settings import Settings
from ingest.sources import SourceFiles

_FIRST_WORDS = 12
_KIND_LABELS = {
    ClauseKind.PREAMBLE: "mở đầu",
    ClauseKind.PART: "phần",
    ClauseKind.SECTION: "mục",
    ClauseKind.ITEM: "tiểu mục",
    ClauseKind.POINT: "điểm",
    ClauseKind.BULLET: "ý",
    ClauseKind.PARAGRAPH: "đoạn",
    ClauseKind.APPENDIX: "phụ lục",
    ClauseKind.TABLE_GROUP: "nhóm trong bảng",
    ClauseKind.TABLE_ROW: "dòng bảng",
    ClauseKind.SIGNATURE: "phần ký",
}
_ROLE_LABELS = {
    "lead": "chủ trì",
    "cooperating": "phối hợp",
    "monitoring": "theo dõi, chỉ đạo",
}
_NOT_ROLES = {"number", "content", "deadline", "note", "unknown"}
_METADATA_LABELS = (
    ("title", "Tên"),
    ("kind", "Loại văn bản"),
    ("number", "Số hiệu"),
    ("issued_date", "Ngày ban hành"),
    ("issuer", "Cơ quan ban hành"),
    ("place", "Địa bàn"),
    ("signer", "Người ký"),
    ("signer_title", "Chức vụ người ký"),
    ("field", "Lĩnh vực"),
    ("based_on", "Căn cứ, thực hiện"),
    ("replaces", "Thay thế"),
)


@dataclass(frozen=True)
class InspectedDocument:
    """A parsed plan with where it was read from and every warning about it."""

    plan: ParsedPlan
    origin: str  # "home" (the kept source of an ingested document) or "file"
    warnings: tuple[str, ...]


def load_document(
    reference: str, settings: Settings, encoding: str | None = None
) -> InspectedDocument:
    """The document named by an ingested id, else by a file path, parsed as ingest parses."""
    catalog = open_catalog(settings)
    entry = catalog.entries.get(reference)
    if entry is not None:
        kept = settings.catalog_path.parent / "sources" / f"{reference}.txt"
        if not kept.is_file():
            raise UnknownDocumentError(
                f"văn bản {reference!r} đã nạp nhưng thiếu bản nguồn lưu trong thư mục home; "
                "hãy nạp lại: kehoach ingest <tệp>"
            )
        source_path = str(entry.document.get("source_path") or "")
        text = kept.read_text(encoding="utf-8")
        blocks, note = _kept_blocks(kept.parent, reference, entry.content_hash, text)
        plan = parse_plan(text, reference, source_path, blocks)
        warnings = list(dict.fromkeys([*entry.warnings, *plan.warnings]))
        if note:
            warnings.append(note)
        if entry.parser_version != PARSER_VERSION:
            warnings.append(
                f"văn bản được nạp bằng bộ phân tích phiên bản {entry.parser_version}, hiện là "
                f"{PARSER_VERSION}: nạp lại để chỉ mục khớp với báo cáo này"
            )
        return InspectedDocument(plan, "home", tuple(warnings))
    path = Path(reference)
    if not path.exists():
        known = ", ".join(sorted(catalog.entries)) or "chưa có văn bản nào"
        raise UnknownDocumentError(
            f"không có văn bản mã {reference!r} trong chỉ mục và không có tệp nào ở đường dẫn "
            f"này (các mã đã nạp: {known})"
        )
    source = read_source(path, settings.max_source_bytes, encoding)
    plan = parse_plan(source.text, source.document_id, str(path), source.blocks)
    return InspectedDocument(plan, "file", (*source.warnings, *plan.warnings))


def _kept_blocks(
    folder: Path, reference: str, content_hash: str, text: str
) -> tuple[tuple[Block, ...], str | None]:
    """The blocks kept at ingest for this text, and a note when they are missing or stale."""
    kept = SourceFiles(folder).blocks_path(reference)
    if not kept.is_file():
        return (), None  # plain text: its blocks are its lines
    blocks = load_blocks(kept.read_text(encoding="utf-8"), content_hash, text)
    if blocks is None:
        note = "cấu trúc (tiêu đề, bảng) lưu lúc nạp không khớp bản nguồn: đọc như văn bản thường"
        return (), note
    return blocks, None


# ---- the report as data -------------------------------------------------------------------


def first_words(text: str, count: int = _FIRST_WORDS) -> str:
    """The first `count` words of a text on one line, "…" when cut."""
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def _opening(clause: Clause) -> str:
    """The first words of a clause's own text after its marker and heading."""
    text = " ".join(clean_markup(line) for line in clause.body.splitlines())
    for label in (clause.heading, clause.number):
        if label and label in text[: len(label) + 20]:
            text = text[text.index(label) + len(label) :]
            break
    return first_words(text.strip(" .:)-–"))


def tree_order(clauses: tuple[Clause, ...]) -> list[tuple[Clause, int]]:
    """Clauses depth first (a parent before its children, implied ones too) with depths."""
    by_id = {clause.id: clause for clause in clauses}
    ordered: list[tuple[Clause, int]] = []

    def visit(clause: Clause, depth: int) -> None:
        ordered.append((clause, depth))
        for child in clause.children:
            if child in by_id:
                visit(by_id[child], depth + 1)

    for clause in clauses:
        if clause.parent_id is None or clause.parent_id not in by_id:
            visit(clause, 0)
    return ordered


def target_roles(target: Target) -> dict[str, list[str]]:
    """Each responsibility role of a row and the units it names, in column order."""
    roles: dict[str, list[str]] = {
        "monitoring": list(target.monitoring_units),
        "lead": list(target.lead_units),
        "cooperating": list(target.cooperating_units),
    }
    for cell in target.cells:  # roles the typed fields do not carry (yet)
        if cell.role not in _NOT_ROLES and cell.role not in roles:
            roles[cell.role] = [cell.text]
    return {role: units for role, units in roles.items() if units}


def report_data(document: InspectedDocument) -> dict[str, Any]:
    """The structure report as JSON-ready data."""
    plan = document.plan
    return {
        "document": to_plain(plan.document),
        "origin": document.origin,
        "clauses": [
            {
                "id": clause.id,
                "number": clause.number,
                "kind": clause.kind.value,
                "heading": clause.heading,
                "period": clause.period,
                "path": clause.path,
                "depth": depth,
                "parent_id": clause.parent_id,
                "start": clause.start,
                "end": clause.end,
                "first_words": _opening(clause),
            }
            for clause, depth in tree_order(plan.clauses)
        ],
        "targets": [
            {
                "clause_id": target.clause_id,
                "number": target.number,
                "content": target.content,
                "roles": target_roles(target),
                "deadline": target.deadline.raw if target.deadline else None,
                "period": target.period,
                "group": target.group,
                "source": target.source,
            }
            for target in plan.targets
        ],
        "warnings": list(document.warnings),
    }


# ---- the report as text -------------------------------------------------------------------


def print_report(console: Console, document: InspectedDocument) -> None:
    """The structure report for a person: metadata, clause tree, rows, warnings."""
    data = report_data(document)
    meta = data["document"]
    origin = "bản nguồn đã nạp" if document.origin == "home" else "tệp"
    console.print(
        f"[bold]Văn bản {escape(meta['id'])}[/bold] ({origin}: {escape(meta['source_path'])})"
    )
    for key, label in _METADATA_LABELS:
        console.print(f"  {label}: {escape(_metadata_value(meta.get(key)))}", highlight=False)

    clauses = [c for c in data["clauses"] if c["kind"] != ClauseKind.TABLE_ROW.value]
    console.print(
        f"\n[bold]Cây điều khoản[/bold] ({len(data['clauses'])} điều khoản, "
        f"{len(data['clauses']) - len(clauses)} dòng bảng liệt kê ở phần sau)"
    )
    for clause in clauses:
        console.print("  " * (clause["depth"] + 1) + escape(_clause_line(clause)), highlight=False)

    console.print(f"\n[bold]Chỉ tiêu, nhiệm vụ và trách nhiệm[/bold] ({len(data['targets'])} dòng)")
    for target in data["targets"]:
        console.print("  " + escape(_target_line(target)), highlight=False)

    warnings = data["warnings"]
    console.print(f"\n[bold]Cảnh báo[/bold] ({len(warnings)})")
    for warning in warnings or ["không có"]:
        console.print(f"  - {escape(warning)}", highlight=False)


def _metadata_value(value: Any) -> str:
    if value is None or value == [] or value == "":
        return "—"
    if isinstance(value, dict):  # a place
        return " ".join(str(part) for part in (value.get("level"), value.get("name")) if part)
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return str(value)


def _clause_line(clause: dict[str, Any]) -> str:
    kind = _KIND_LABELS.get(ClauseKind(clause["kind"]), clause["kind"])
    parts = [clause["number"] or "", f"[{kind}]"]
    if clause["heading"]:
        parts.append(clause["heading"])
    if clause["period"]:
        parts.append(f"(giai đoạn {clause['period']})")
    words = clause["first_words"]
    if words and words != clause["heading"]:
        parts.append(f"— {words}")
    return " ".join(part for part in parts if part)


def _target_line(target: dict[str, Any]) -> str:
    group = f"[{first_words(target['group'], 6)}] " if target["group"] else ""
    parts = [
        group + (target["number"] or "—"),
        first_words(target["content"] or "", 10) or "(không ghi nội dung)",
    ]
    for role, units in target["roles"].items():
        parts.append(f"{_ROLE_LABELS.get(role, role)}: {'; '.join(units)}")
    if target["deadline"]:
        parts.append(f"thời hạn: {target['deadline']}")
    if target["period"]:
        parts.append(f"giai đoạn: {target['period']}")
    parts.append("nguồn: " + ("bảng" if target["source"] == "table" else "nội dung văn bản"))
    return " | ".join(" ".join(part.split()) for part in parts)
