"""Printing an answer in a terminal: the view every surface shares, styled for rich."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from retrieval.answers import Answer
from retrieval.display import MAX_ROWS, AnswerView, answer_view, more_rows_note, vi_count


def print_answer(
    console: Console,
    answer: Answer,
    all_rows: bool = False,
    first_row: int = 0,
    more_hint: str | None = None,
) -> AnswerView:
    """The direct answer, the lines not yet said (a page of a long list from `first_row`,
    unless `all_rows`), then each citation: plan, số hiệu, clause and its cells or quote.
    Returns the view printed (its `next_row` starts the next page)."""
    view = answer_view(answer, None if all_rows else MAX_ROWS, first_row)
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
        if more_hint:  # `kehoach chat` pages: "… còn N dòng — xem tiếp (gõ …)"
            note = f"{more_rows_note(view)} ({more_hint})"
        else:  # `kehoach ask` has no next page, only the flag
            note = f"… còn {vi_count(view.hidden_rows)} dòng — thêm --all để xem tất cả "
            note += f"{vi_count(view.total_rows)} dòng"
        console.print(f"[dim]{escape(note)}[/dim]", highlight=False)
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
    return view
