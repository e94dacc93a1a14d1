"""Printing an answer in a terminal: the answer, then its numbered citations."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from retrieval.answers import Answer


def print_answer(console: Console, answer: Answer) -> None:
    """The answer text, then each citation with its plan, clause path and quote."""
    style = "yellow" if answer.abstained else "bold"
    lines = answer.answer.split("\n")
    console.print(f"[{style}]{escape(lines[0])}[/{style}]", highlight=False)
    for line in lines[1:]:
        console.print(escape(line), highlight=False)
    if answer.citations:
        console.print()
        console.print("[dim]Trích dẫn:[/dim]")
    for citation in answer.citations:
        number = f", {citation.document_number}" if citation.document_number else ""
        console.print(
            f"[cyan][{citation.n}][/cyan] {escape(citation.document_title)}{escape(number)} — "
            f"{escape(citation.path)}",
            highlight=False,
        )
        quote = " ".join(citation.quote.replace("|", " ").split())
        console.print(f"    [dim]“{escape(quote[:300])}”[/dim]", highlight=False)
