"""Splitting rendered answers into messages: limits, boundaries, markup never cut."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from bot.chunking import to_messages, utf16_length
from bot.render import Line
from bot.telegram_format import html_line, html_messages
from bot.zalo_bot import plain_messages


def test_short_blocks_share_one_message_separated_by_a_blank_line() -> None:
    blocks = [(Line("Câu trả lời", "bold"), Line("- chi tiết")), (Line("[1] Kế hoạch"),)]
    assert html_messages(blocks) == ["<b>Câu trả lời</b>\n- chi tiết\n\n[1] Kế hoạch"]


def test_breaks_fall_between_blocks_before_lines() -> None:
    blocks = [(Line("a" * 40), Line("b" * 40)), (Line("c" * 40), Line("d" * 40))]
    assert to_messages(blocks, lambda line: line.text, 100) == [
        "a" * 40 + "\n" + "b" * 40,
        "c" * 40 + "\n" + "d" * 40,
    ]


def test_a_block_longer_than_a_message_breaks_between_its_lines() -> None:
    block = tuple(Line(f"dòng {i} " + "x" * 30) for i in range(10))
    parts = to_messages([block], lambda line: line.text, 100)
    assert all(len(p) <= 100 for p in parts)
    assert "\n".join(parts).split("\n") == [line.text for line in block]


def test_a_long_line_is_cut_at_spaces_and_each_piece_keeps_its_style() -> None:
    words = " ".join(f"từ{i}" for i in range(400))
    parts = html_messages([(Line(words, "bold"),)], limit=200)
    assert all(utf16_length(p) <= 200 for p in parts)
    assert all(p.startswith("<b>") and p.endswith("</b>") for p in parts)
    pieces = [p.removeprefix("<b>").removesuffix("</b>") for p in parts]
    assert " ".join(pieces) == words


def test_entities_are_never_cut() -> None:
    line = Line("&" * 500)  # every character becomes "&amp;"
    parts = html_messages([(line,)], limit=64)
    assert all(len(p) <= 64 for p in parts)
    assert "".join(html.unescape(p) for p in parts) == "&" * 500
    assert all(p.replace("&amp;", "") == "" for p in parts)


def test_telegram_counts_utf16_units() -> None:
    assert utf16_length("😀") == 2 and utf16_length("ệ") == 1
    parts = html_messages([(Line("😀" * 100),)], limit=50)
    assert all(utf16_length(p) <= 50 for p in parts)


def test_zalo_messages_are_plain() -> None:
    assert plain_messages([(Line("<b>A & B</b>", "bold"),)]) == ["<b>A & B</b>"]


@given(
    st.lists(
        st.lists(
            st.tuples(
                st.text(min_size=1, max_size=300), st.sampled_from(["plain", "bold", "italic"])
            ),
            min_size=1,
            max_size=6,
        ),
        min_size=1,
        max_size=8,
    ),
    st.integers(min_value=40, max_value=400),
)
def test_any_text_fits_and_survives(raw: list[list[tuple[str, str]]], limit: int) -> None:
    blocks = [tuple(Line(text, style) for text, style in block) for block in raw]  # type: ignore
    parts = html_messages(blocks, limit=limit)
    assert all(utf16_length(p) <= limit for p in parts)
    for part in parts:
        assert part.strip()
        assert part.count("<b>") == part.count("</b>") and part.count("<i>") == part.count("</i>")
    sent = "".join(parts)
    for tag in ("<b>", "</b>", "<i>", "</i>"):
        sent = sent.replace(tag, "")
    written = "".join(line.text for block in blocks for line in block)
    assert "".join(html.unescape(sent).split()) == "".join(written.split())


def test_html_line_escapes_markup() -> None:
    assert html_line(Line("<i>x</i> & y", "italic")) == "<i>&lt;i&gt;x&lt;/i&gt; &amp; y</i>"
