"""Plain-text layouts: a Word document saved as text, and a legal portal's web copy (attribute
table on top, header boxes between `|` lines, hard-wrapped lines, one table cell per line)."""

from __future__ import annotations

import random
import textwrap

from ingest.parser.markers import read_marker
from tests.plan_space.layout import Block, Grid, Header, Para, Signature, layout
from tests.plan_space.spec import PlanSpec

_WRAP = 88


def _header_plain(header: Header) -> list[str]:
    rule = "*" if header.party else "-------"
    lines = [*header.issuer, rule, header.number, "", *header.motto]
    if not header.party:
        lines.append("---------------")
    return [*lines, header.date, ""]


def _signature_plain(signature: Signature) -> list[str]:
    lines = ["", "Nơi nhận:", *(f"- {r}" for r in signature.recipients), *signature.lines]
    return [*lines, "(Đã ký)", signature.name, ""]


def _tab_table(grid: Grid) -> list[str]:
    header = ["\t".join(row) for row in grid.header_rows]  # a spanning row, then sub-labels
    return [*header, *("\t".join(row) for row in grid.rows), ""]


def render_plain(spec: PlanSpec) -> str:
    """The text a Word document saved as .txt gives: one paragraph a line, tab-separated
    table rows, the header's boxes one after the other."""
    out: list[str] = []
    for block in layout(spec):
        if isinstance(block, Header):
            out += _header_plain(block)
        elif isinstance(block, Signature):
            out += _signature_plain(block)
        elif isinstance(block, Grid):
            out += _tab_table(block)
        else:
            out.append(block.line)
    return "\n".join(out) + "\n"


def _wrapped(line: str, rng: random.Random) -> list[str]:
    """Hard wraps of a web copy (never before a word a reader could take for a marker)."""
    if len(line) <= _WRAP or rng.random() < 0.3:
        return [line]
    pieces = textwrap.wrap(line, _WRAP, break_long_words=False, break_on_hyphens=False)
    joined: list[str] = []
    for piece in pieces:
        # a wrapped line that opens like a numbering marker is ambiguous for any reader: the
        # generator never wraps there ("IV/2026" is tested on its own)
        if joined and (piece[:1].isdigit() or read_marker(piece) is not None):
            joined[-1] += " " + piece
        else:
            joined.append(piece)
    return joined


def _attributes(spec: PlanSpec) -> list[str]:
    issuer = spec.issuer
    place = issuer.place
    where = f"{place.level.capitalize()} {place.name}" if place else issuer.name
    return [
        # the page's title: kind, number, subject ("Kế hoạch 19/KH-UBND chuyển đổi số …")
        " ".join(filter(None, (spec.kind, spec.number.value, " ".join(spec.title.lines)))),
        f"Số hiệu | {spec.number.value or 'Đang cập nhật'} |",
        f"Ngày ban hành | {spec.date.slashed} |",
        f"Loại văn bản | {spec.kind} |",
        f"Cơ quan ban hành | {where} |",
        f"Người ký | {spec.signer.name} |",
        "Lĩnh vực | Công nghệ thông tin |",
    ]


def _hard_wrapped(lines: tuple[str, ...], rng: random.Random) -> list[str]:
    """A header box as a narrow web column wraps it ("ỦY BAN NHÂN" / "DÂN TỈNH X")."""
    out: list[str] = []
    for line in lines:
        words = line.split()
        if len(words) > 3 and rng.random() < 0.4:
            cut = rng.randint(2, len(words) - 1)
            out += [" ".join(words[:cut]), " ".join(words[cut:])]
        else:
            out.append(line)
    return out


def _header_web(header: Header, rng: random.Random) -> list[str]:
    rule = "*" if header.party else "-------"
    right_rule = [] if header.party else ["---------------"]
    return [
        *_hard_wrapped(header.issuer, rng), rule, "|", *header.motto, *right_rule, "|",
        header.number, "|", header.date, "|",
    ]  # fmt: skip


def _pipe_table(grid: Grid) -> list[str]:
    out = [f"{label} |" for label in grid.header]
    for row in grid.rows:
        empties = 0
        for text in row:
            if not text:
                empties += 1
                continue
            if empties:
                out.append("|" * empties)
                empties = 0
            out.append(f"{text} |")
        if empties:
            out.append("|" * empties)
    return out


def render_web(spec: PlanSpec, seed: int = 0) -> str:
    """A legal portal's page copied as text."""
    rng = random.Random(seed)
    out = _attributes(spec)
    for block in layout(spec):
        if isinstance(block, Header):
            out += _header_web(block, rng)
        elif isinstance(block, Signature):
            out += [
                "Nơi nhận:", *(f"- {r}" for r in block.recipients[:-1]),
                f"- {block.recipients[-1]} |", *_hard_wrapped(block.lines, rng), "", "",
                f"{block.name} |",
            ]  # fmt: skip
        elif isinstance(block, Grid):
            out += _pipe_table(block)
        elif isinstance(block, Para):
            out += _wrapped(block.line, rng)
    return "\n".join(out) + "\n"


def blocks_of(spec: PlanSpec) -> list[Block]:
    return layout(spec)
