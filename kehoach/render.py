"""Printing an answer in a terminal: the view every surface shares, styled for rich."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from retrieval.answers import Answer
from retrieval.display import MAX_ROWS, answer_view, more_rows_note

# how to see the rows a shortened list left out, in `kehoach ask` and in `kehoach chat`
ASK_MORE_HINT = "thêm --all để xem tất cả {total} dòng"
CHAT_MORE_HINT = "gõ “xem tất cả” để xem cả {total} dòng"


def print_answer(
    console: Console, answer: Answer, all_rows: bool = False, more_hint: str = ASK_MORE_HINT
) -> None:
    """The direct answer, the lines not yet said (a long list's first rows, unless
    `all_rows`, then `more_hint`), then each citation: plan, số hiệu, clause and its cells
    or quote."""
    view = answer_view(answer, None if all_rows else MAX_ROWS)
    style = "yellow" if view.abstained else "bold"
    console.print(f"[{style}]{escape(view.headline)}[/{style}]", highlight=False)
    for line in view.lines:
        if line.kind == "group":
            console.print(f"[bold]{escape(line.text)}[/bold]", highlight=False)
        elif line.kind == "item":
            console.print(f"  • {escape(line.text)}", highlight=False)
        else:
            console.print(escape(line.text), highlight=False)
    if view.hidden_rows:
        console.print(
            f"[dim]{escape(more_rows_note(view))} — "
            f"{escape(more_hint.format(total=view.total_rows))}[/dim]",
            highlight=False,
        )
    if view.cards:
        console.print()
        console.print("[dim]Trích dẫn:[/dim]")
    for card in view.cards:
        if view.compact_cards:
            console.print(f"[cyan][{card.n}][/cyan] {escape(card.line[len(str(card.n)) + 3 :])}")
            continue
        console.print(
            f"[cyan][{card.n}][/cyan] {escape(card.heading)} — {escape(card.path)}",
            highlight=False,
        )
        if card.columns:
            for header, text in card.columns:
                console.print(f"    [dim]{escape(header)}:[/dim] {escape(text)}", highlight=False)
        else:
            console.print(f"    [dim]“{escape(card.quote)}”[/dim]", highlight=False)
