"""Answers, clauses and plans as styled lines, grouped; each transport renders the styles.

A `Block` is a group of lines that belongs together (the answer, one citation, one paragraph
of a clause); messages are split between blocks first and between lines only inside a block
that is too long on its own. Every line carries one style, so markup never spans lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from bot import messages
from retrieval.answers import Answer, Citation
from retrieval.display import MAX_ROWS, CitationCard, answer_view, more_rows_note
from retrieval.documents import DocumentInfo

Style = Literal["plain", "bold", "italic"]


@dataclass(frozen=True)
class Line:
    """One line of text in one style."""

    text: str
    style: Style = "plain"


Block = tuple[Line, ...]


def answer_blocks(
    answer: Answer,
    all_rows: bool = False,
    more_hint: str = "",
    choices_as_text: bool = False,
    first_row: int = 0,
) -> list[Block]:
    """The shared answer view as blocks: the direct answer (bold) with its details, each
    group of list rows, what was left out of a long list, then one block per citation.
    With `choices_as_text` (a transport without buttons), the ways to narrow an answer that
    matched many plans are written out as `/phamvi` commands. `first_row`: a later page."""
    view = answer_view(answer, None if all_rows else MAX_ROWS, first_row)
    blocks: list[Block] = []
    current: list[Line] = [Line(view.headline, "bold")]
    for line in view.lines:
        if line.kind == "group":
            blocks.append(tuple(current))
            current = [Line(line.text, "bold")]
        else:
            current.append(Line(f"• {line.text}" if line.kind == "item" else line.text))
    if view.hidden_rows:
        hint = f" ({more_hint})" if more_hint else ""
        current.append(Line(more_rows_note(view) + hint, "italic"))
    blocks.append(tuple(current))
    if choices_as_text and view.choices:
        blocks.append(
            (
                Line(messages.NARROW_HEADING + ":", "bold"),
                *(Line(f"• {c.label} — /phamvi {c.scope}") for c in view.choices),
            )
        )
    if view.cards:
        blocks.append((Line(messages.CITATIONS_HEADING + ":", "bold"),))
        if view.compact_cards:
            blocks.append(tuple(Line(card.line) for card in view.cards))
        else:
            blocks.extend(card_block(card) for card in view.cards)
    return blocks


ROWS_FILE = "danh-sach.txt"


def rows_file(answer: Answer) -> bytes:
    """Every row of a list as one UTF-8 text file ("Xem tất cả" in a chat): the same
    blocks as a message (`answer_blocks` with every row), a blank line between them."""
    blocks = answer_blocks(answer, all_rows=True)
    return ("\n\n".join("\n".join(line.text for line in block) for block in blocks) + "\n").encode()


def card_block(card: CitationCard) -> Block:
    """`[n] plan (số hiệu)`, the clause path and the quote, cells kept apart."""
    return (
        Line(f"[{card.n}] {card.heading}", "bold"),
        Line(card.path, "italic"),
        Line(f"“{card.quote}”"),
    )


def clause_blocks(citation: Citation) -> list[Block]:
    """The whole cited clause, verbatim, after a heading naming plan and clause path."""
    heading: Block = (
        Line(f"Nguyên văn [{citation.n}] — {_document_name(citation)}", "bold"),
        Line(citation.path, "italic"),
    )
    return [heading, *_paragraphs(citation.text)]


def document_blocks(info: DocumentInfo) -> list[Block]:
    """A plan's metadata: title, số hiệu, date, issuer, signer, place, what it replaces."""
    place = " ".join(p for p in (info.place_level, info.place_name) if p)
    fields = (
        ("Số hiệu", info.number),
        ("Ngày ban hành", format_date(info.issued_date)),
        ("Cơ quan ban hành", info.issuer),
        ("Người ký", info.signer),
        ("Loại văn bản", info.kind),
        ("Địa bàn", place or None),
        ("Mã văn bản", info.id),
    )
    blocks: list[Block] = [
        (Line(info.title, "bold"), *(Line(f"{name}: {value}") for name, value in fields if value))
    ]
    for heading, items in (("Thay thế", info.replaces), ("Căn cứ", info.based_on)):
        if items:
            blocks.append((Line(heading + ":", "italic"), *(Line(f"• {item}") for item in items)))
    return blocks


def documents_blocks(infos: Sequence[DocumentInfo]) -> list[Block]:
    """The ingested plans, one block each, with the id to use in `/chitieu 6.6 <id>`."""
    if not infos:
        return [(Line(messages.NO_DOCUMENTS),)]
    blocks: list[Block] = [(Line(f"{messages.DOCUMENTS_HEADING} ({len(infos)}):", "bold"),)]
    for number, info in enumerate(infos, start=1):
        facts = ", ".join(f for f in (info.number, format_date(info.issued_date)) if f)
        blocks.append(
            (
                Line(f"{number}. {info.title}", "bold"),
                *((Line(facts),) if facts else ()),
                Line(f"Mã: {info.id}", "italic"),
            )
        )
    return blocks


def text_blocks(text: str) -> list[Block]:
    """Fixed text (a greeting, an error) as plain paragraphs."""
    return _paragraphs(text)


def format_date(value: str | None) -> str | None:
    """ISO "2025-07-31" → "31/07/2025", "2026-04" → "04/2026"; anything else unchanged."""
    if not value:
        return None
    parts = value.split("-")
    if all(p.isdigit() for p in parts) and len(parts) in (2, 3):
        return "/".join(reversed(parts))
    return value


def _document_name(citation: Citation) -> str:
    title = citation.document_title
    number = citation.document_number
    return f"{title} ({number})" if number and number not in title else title


def _paragraphs(text: str) -> list[Block]:
    """Text split into blocks at blank lines, each line kept as it is (right-trimmed)."""
    blocks: list[Block] = []
    current: list[Line] = []
    for raw in text.split("\n"):
        line = raw.rstrip()
        if line.strip():
            current.append(Line(line))
        elif current:
            blocks.append(tuple(current))
            current = []
    if current:
        blocks.append(tuple(current))
    return blocks
