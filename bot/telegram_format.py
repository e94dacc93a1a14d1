"""Telegram HTML messages and inline keyboards for answers, clauses and plans."""

from __future__ import annotations

import html
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.chunking import to_messages, utf16_length
from bot.render import Block, Line
from bot.telegram_callbacks import CallbackData
from retrieval.answers import Answer
from retrieval.display import MAX_ROWS, answer_view, vi_count

MESSAGE_LIMIT = 4096  # Telegram's limit for one message's text
MAX_CLAUSE_BUTTONS = 16  # list answers can cite dozens of rows; the first ones get buttons
_BUTTONS_PER_ROW = 4
_TAGS = {"plain": ("", ""), "bold": ("<b>", "</b>"), "italic": ("<i>", "</i>")}


def html_line(line: Line) -> str:
    """One line as Telegram HTML: escaped text in its style's tag."""
    opening, closing = _TAGS[line.style]
    return f"{opening}{html.escape(line.text, quote=False)}{closing}"


def html_messages(blocks: Sequence[Block], limit: int = MESSAGE_LIMIT) -> list[str]:
    """Blocks as HTML messages of at most `limit` characters, split between blocks/lines."""
    return to_messages(blocks, html_line, limit, utf16_length)


def answer_keyboard(
    answer: Answer,
    token: str,
    all_rows: bool = False,
    first_row: int = 0,
    list_token: str | None = None,
) -> InlineKeyboardMarkup | None:
    """One button per way to narrow an answer that matched many plans, "Xem tiếp" and "Xem
    tất cả" (every row as a file) under a page of a long list (for the list `list_token`:
    `bot.list_pages`, kept where every replica finds it), "Nguyên văn [n]" per citation
    shown and "Văn bản" per cited plan, for the answer `token`."""
    view = answer_view(answer, None if all_rows else MAX_ROWS, first_row)
    if not view.cards:
        return None
    narrow = [
        InlineKeyboardButton(choice.label, callback_data=CallbackData("narrow", token, i).encode())
        for i, choice in enumerate(view.choices)
    ]
    narrow_rows = [
        narrow[start : start + _BUTTONS_PER_ROW]
        for start in range(0, len(narrow), _BUTTONS_PER_ROW)
    ]
    more = []
    if view.hidden_rows and list_token:
        least = "" if view.total_exact else "ít nhất "  # a count past the store's bound
        more = [
            InlineKeyboardButton(
                f"Xem tiếp (còn {least}{vi_count(view.hidden_rows)} dòng)",
                callback_data=CallbackData("more", list_token, min(view.next_row, 9999)).encode(),
            ),
            InlineKeyboardButton(
                f"Xem tất cả ({least}{vi_count(view.total_rows)} dòng, tệp)",
                callback_data=CallbackData("all", list_token, 0).encode(),
            ),
        ]
    buttons = [
        InlineKeyboardButton(
            f"Nguyên văn [{c.n}]", callback_data=CallbackData("clause", token, c.n).encode()
        )
        for c in view.cards[:MAX_CLAUSE_BUTTONS]
    ]
    first_of_plan: dict[str, int] = {}
    for card in view.cards:
        first_of_plan.setdefault(card.document_id, card.n)
    for n in first_of_plan.values():
        label = "Văn bản" if len(first_of_plan) == 1 else f"Văn bản [{n}]"
        buttons.append(
            InlineKeyboardButton(label, callback_data=CallbackData("document", token, n).encode())
        )
    rows = [
        buttons[start : start + _BUTTONS_PER_ROW]
        for start in range(0, len(buttons), _BUTTONS_PER_ROW)
    ]
    return InlineKeyboardMarkup([*narrow_rows, *([more] if more else []), *rows])
