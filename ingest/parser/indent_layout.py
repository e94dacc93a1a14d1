"""`margin_wraps`: whether a text copy indents each paragraph's first line and wraps the
rest at the left margin, the way `pdftotext -layout` copies a typed official document
(NĐ 30/2020, Phụ lục I: the first line of a paragraph is indented 1–1.27 cm).

In such a copy a line at the margin right after a line of text goes on with that line's
paragraph, whatever the line before it ended with: "- Báo cáo năm: … trước ngày 15/12;"
then "Sở Tài chính tổng hợp … trước ngày 20/12." at the margin is one bullet. A numbered
line at the margin would say the layout is something else, so the copy counts only when
nearly all numbered lines ("1.", "a)", "II."; not the dashes of the recipient list, which
sits at the margin) are indented and enough lines sit at the margin to be wraps.
"""

from __future__ import annotations

from collections.abc import Sequence

from ingest.domain import ClauseKind
from ingest.parser.lines import SourceLine, clean_markup
from ingest.parser.markers import read_marker

# numbered lines needed to judge the layout, and the share of them indented
_MIN_MARKED = 5
_INDENTED_SHARE = 0.9
# the share of text lines at the margin (wrapped lines) a first-line-indented copy has
_MARGIN_SHARE = 0.2


def indent(line: SourceLine) -> int:
    """The line's leading blanks (a tab counts as one)."""
    return len(line.text) - len(line.text.lstrip())


def margin_wraps(lines: Sequence[SourceLine]) -> bool:
    """Whether the copy indents paragraphs' first lines and wraps at the margin."""
    marked = indented = margin = text_lines = 0
    for line in lines:
        if line.blank:
            continue
        text_lines += 1
        if indent(line) == 0:
            margin += 1
        marker = read_marker(clean_markup(line.text))
        if marker is not None and marker.kind is not ClauseKind.BULLET:
            marked += 1
            indented += indent(line) > 0
    return (
        marked >= _MIN_MARKED
        and indented >= _INDENTED_SHARE * marked
        and margin >= _MARGIN_SHARE * text_lines
    )
