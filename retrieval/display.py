"""How an answer reads, for every surface (CLI, API, Telegram, Zalo, chat page).

The composer writes one answer text in a fixed shape: the direct answer on the first line,
then detail lines (``- …``), list rows grouped under heading lines that end with ``:``.
`answer_view` reads that shape once and returns an `AnswerView`: the headline, the lines
to show (the first rows of a long list, with the count of the rest) and one card per
citation still referred to. Each transport only styles the view; none re-reads the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from retrieval.answers import Answer, Choice, Citation, RowFilter

LineKind = Literal["text", "group", "item"]
MAX_ROWS = 10  # list rows shown before "xem tất cả"
QUOTE_CHARS = 300

_CELL_BREAK = re.compile(r"\s*\|\s*")
_REF = re.compile(r"\[(\d+)\]")


@dataclass(frozen=True)
class ViewLine:
    """One line of the answer: plain text, a group heading, or a list item (no "- ")."""

    kind: LineKind
    text: str


@dataclass(frozen=True)
class CitationCard:
    """What a reader sees of a citation: plan, số hiệu, where, and the clause quoted."""

    n: int
    plan: str
    number: str | None  # the số hiệu, only when the plan's title does not already hold it
    path: str
    clause: str | None
    quote: str  # table cells kept apart with " · ", cut on a word with "…"
    columns: tuple[tuple[str, str], ...]  # (exact column header, cell text) of a table row
    document_id: str

    @property
    def heading(self) -> str:
        """ "Kế hoạch … (19/KH-UBND)": the plan named once, its số hiệu once."""
        return f"{self.plan} ({self.number})" if self.number else self.plan

    @property
    def line(self) -> str:
        """One line for a list's card, "[3] 19/KH-UBND · Phụ lục 2 › 9": the row line above
        already quotes the content; the whole clause is one click or button away."""
        return f"[{self.n}] {self.number or self.plan} · {self.path}"

    def to_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "heading": self.heading,
            "path": self.path,
            "clause": self.clause,
            "quote": self.quote,
            "columns": [{"header": h, "text": t} for h, t in self.columns],
        }


@dataclass(frozen=True)
class AnswerView:
    """An answer as shown: headline, the lines kept, how many list rows were left out."""

    headline: str
    lines: tuple[ViewLine, ...]
    hidden_rows: int
    total_rows: int
    cards: tuple[CitationCard, ...]
    abstained: bool
    rows_filter: RowFilter | None = None  # a list's rows as matrix filters ("xem tất cả")
    # ways to narrow an answer that matched many plans: one button each
    choices: tuple[Choice, ...] = ()
    first_row: int = 0  # list rows before this one are on earlier pages
    total_exact: bool = True  # False: `total_rows` (and `hidden_rows`) are lower bounds

    @property
    def next_row(self) -> int:
        """The first row of the next page (`total_rows` when this is the last)."""
        return self.total_rows - self.hidden_rows

    @property
    def compact_cards(self) -> bool:
        """A list's citations show one line each (its rows already carry the content)."""
        return self.total_rows > 3

    def to_json(self) -> dict[str, Any]:
        return {
            "headline": self.headline,
            "lines": [{"kind": line.kind, "text": line.text} for line in self.lines],
            "hidden_rows": self.hidden_rows,
            "total_rows": self.total_rows,
            "cards": [card.to_json() for card in self.cards],
            "matrix": self.rows_filter.to_json() if self.rows_filter else None,
            **({"choices": [c.to_json() for c in self.choices]} if self.choices else {}),
            **({} if self.total_exact else {"total_rows_at_least": True}),
        }


def answer_view(answer: Answer, max_rows: int | None = MAX_ROWS, first_row: int = 0) -> AnswerView:
    """The view of `answer`, with at most `max_rows` list rows (None: every row) from row
    `first_row` on (a later page: "xem tiếp")."""
    headline, *rest = answer.answer.split("\n")
    parsed = [_parse(line) for line in rest if line.strip()]
    held = sum(1 for line in parsed if line.kind == "item")
    # a page of a long list: the whole list's count, its rows from `rows_from` held
    total = held if answer.rows_total is None else answer.rows_total
    first_row = max(0, min(first_row, total))
    limit = total if max_rows is None else max_rows
    kept: list[ViewLine] = []
    shown = 0
    seen = 0 if answer.rows_total is None else answer.rows_from
    for line in parsed:
        if line.kind == "item":
            seen += 1
            if seen <= first_row or shown >= limit:
                continue
            shown += 1
        kept.append(line)
    # a group heading whose rows were all left out goes too; a heading over headings
    # ("Ngoài ra, … tại 25 dòng:" over "Kế hoạch … — Phụ lục 1:") stays while a row follows
    kept = [line for i, line in enumerate(kept) if line.kind != "group" or _heads_rows(kept, i)]
    referred = {int(m) for text in (headline, *(x.text for x in kept)) for m in _REF.findall(text)}
    cards = tuple(citation_card(c) for c in answer.citations if c.n in referred)
    hidden = total - first_row - shown
    return AnswerView(
        headline,
        tuple(kept),
        hidden,
        total,
        cards,
        answer.abstained,
        answer.rows_filter,
        answer.choices,
        first_row,
        answer.rows_exact,
    )


def _heads_rows(lines: list[ViewLine], at: int) -> bool:
    """Whether a list row follows the group heading at `at`, under it or under the
    headings right after it."""
    for line in lines[at + 1 :]:
        if line.kind != "group":
            return line.kind == "item"
    return False


def _parse(line: str) -> ViewLine:
    if line.startswith("- "):
        return ViewLine("item", line[2:])
    if line.rstrip().endswith(":") and not _REF.search(line):
        return ViewLine("group", line.rstrip())
    return ViewLine("text", line)


def citation_card(citation: Citation) -> CitationCard:
    """The card of one citation: its plan named once, its quote readable."""
    number = citation.document_number
    if number and number in citation.document_title:
        number = None
    return CitationCard(
        n=citation.n,
        plan=citation.document_title,
        number=number,
        path=citation.path,
        clause=citation.clause,
        quote=readable_quote(citation.quote),
        columns=citation.columns,
        document_id=citation.document_id,
    )


def readable_quote(text: str, limit: int = QUOTE_CHARS) -> str:
    """A verbatim quote for reading: table cells joined by " · ", one line, at most `limit`
    characters, cut at a word boundary with "…"."""
    text = _CELL_BREAK.sub(" · ", text)
    text = " ".join(text.split()).strip(" ·")
    return shorten(text, limit)


def shorten(text: str, limit: int) -> str:
    """`text` on one line; when longer than `limit`, cut at the last word that fits, "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    head = text[: cut if cut > limit // 2 else limit - 1]
    return head.rstrip(" ,;:·—-") + "…"


def vi_count(number: int) -> str:
    """A count written the Vietnamese way: 1380 → "1.380"."""
    return f"{number:,}".replace(",", ".")


def more_rows_note(view: AnswerView) -> str:
    """ "… còn 1.380 dòng — xem tiếp" under a page of a long list; empty after the last."""
    if not view.hidden_rows:
        return ""
    least = "" if view.total_exact else "ít nhất "
    return f"… còn {least}{vi_count(view.hidden_rows)} dòng — xem tiếp"


def view_as_text(view: AnswerView, more_hint: str = "") -> str:
    """The view as plain text: headline, lines, the rows left out, the citation cards."""
    out = [view.headline]
    for line in view.lines:
        out.append(f"• {line.text}" if line.kind == "item" else line.text)
    if view.hidden_rows:
        out.append(more_rows_note(view) + (f" ({more_hint})" if more_hint else ""))
    if view.cards:
        out.append("")
        out.append("Trích dẫn:")
        for card in view.cards:
            if view.compact_cards:
                out.append(card.line)
            else:
                out.append(f"[{card.n}] {card.heading} — {card.path}")
                out.append(f"“{card.quote}”")
    return "\n".join(out)
