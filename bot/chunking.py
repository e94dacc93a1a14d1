"""Splitting rendered blocks into messages under a transport's length limit.

Breaks fall between blocks when possible, else between lines, and only a single line longer
than the limit is cut — at a space when there is one — before it is rendered, so a cut never
lands inside markup or an HTML entity.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.render import Block, Line

RenderLine = Callable[[Line], str]
Measure = Callable[[str], int]


def utf16_length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def to_messages(
    blocks: Sequence[Block],
    render: RenderLine,
    limit: int,
    measure: Measure = len,
) -> list[str]:
    """The blocks rendered line by line and packed into messages of at most `limit`."""
    rendered = [
        [
            render(piece)
            for line in block
            if line.text.strip()  # an empty line would render as an empty (refused) message
            for piece in _fitting_lines(line, render, limit, measure)
        ]
        for block in blocks
    ]
    messages: list[str] = []
    current = ""
    for lines in rendered:
        if not lines:
            continue
        text = "\n".join(lines)
        joined = f"{current}\n\n{text}" if current else text
        if measure(joined) <= limit:
            current = joined
            continue
        if current:
            messages.append(current)
            current = ""
        if measure(text) <= limit:
            current = text
            continue
        for line in lines:  # a block longer than a message: break between its lines
            joined = f"{current}\n{line}" if current else line
            if measure(joined) <= limit:
                current = joined
            else:
                messages.append(current)
                current = line
    if current:
        messages.append(current)
    return messages


def _fitting_lines(line: Line, render: RenderLine, limit: int, measure: Measure) -> list[Line]:
    """The line itself, or pieces of it whose rendering each fits in `limit`."""
    if measure(render(line)) <= limit:
        return [line]
    pieces: list[Line] = []
    rest = line.text
    while rest:
        cut = _longest_fitting_prefix(rest, line, render, limit, measure)
        space = rest.rfind(" ", 0, cut + 1)
        if cut < len(rest) and space > cut // 2:  # prefer a word boundary when it is not far
            cut = space
        pieces.append(Line(rest[:cut].rstrip(), line.style))
        rest = rest[cut:].lstrip()
    return pieces


def _longest_fitting_prefix(
    text: str, line: Line, render: RenderLine, limit: int, measure: Measure
) -> int:
    """The largest n such that text[:n], rendered in the line's style, fits (at least 1)."""
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if measure(render(Line(text[:middle], line.style))) <= limit:
            low = middle
        else:
            high = middle - 1
    return low
