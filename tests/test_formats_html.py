"""Saved web pages (legal portals): the document's text and tables, not the site around it."""

from __future__ import annotations

import re
import unicodedata

import pytest

from ingest.errors import EncodingError
from ingest.formats import extract_text
from tests.formats_fixtures import (
    comparable_targets,
    corpus_blocks,
    numbered_clauses,
    parse_extracted,
    render_html,
)
from tests.golden_plans import CORPUS, parse_corpus_file

NINH_BINH = "ninh-binh-19-KH-UBND-2025"
THANH_PHO = "thanh-pho-phu-luc-01-chuyen-doi-so-2023"
CHROME = (
    "Trang chủ",
    "Văn bản liên quan",
    "Bản quyền",
    "Cổng thông tin",
    "tracker",
    "ẩn",
    "JavaScript",
)


@pytest.mark.parametrize("portal", [True, False], ids=["portal-page", "plain-page"])
@pytest.mark.parametrize("name", [NINH_BINH, THANH_PHO])
def test_corpus_plan_as_a_web_page_gives_the_same_targets_and_clauses(
    name: str, portal: bool
) -> None:
    reference = parse_corpus_file(CORPUS / f"{name}.txt")
    extracted = extract_text(render_html(corpus_blocks(reference.source_text), portal), ".html")
    text = extracted.text
    plan = parse_extracted(extracted, name)
    assert comparable_targets(plan) == comparable_targets(reference)
    assert numbered_clauses(plan) == numbered_clauses(reference)
    assert not [word for word in CHROME if re.search(rf"\b{word}\b", text)]


def _page(body: str, head: str = "<meta charset='utf-8'>") -> bytes:
    return f"<html><head>{head}</head><body>{body}</body></html>".encode()


def test_lists_get_the_labels_the_parser_reads() -> None:
    body = (
        "<ol><li>Mục tiêu<ol type='a'><li>phủ sóng 5G;</li><li>cáp quang.</li></ol></li>"
        "<li>Nhiệm vụ<ul><li>Số hóa<ul><li>hồ sơ</li></ul></li></ul></li></ol>"
        "<ol start='3'><li>Kinh phí</li><li>4.1. Đã đánh số sẵn</li><li></li></ol>"
        "<p>Đoạn sau danh sách</p>"
    )
    lines = [line for line in extract_text(_page(body), ".html").text.splitlines() if line]
    assert lines == [
        "1. Mục tiêu",
        "a) phủ sóng 5G;",
        "b) cáp quang.",
        "2. Nhiệm vụ",
        "- Số hóa",
        "+ hồ sơ",
        "3. Kinh phí",
        "4.1. Đã đánh số sẵn",
        "Đoạn sau danh sách",
    ]


def test_line_breaks_blocks_and_whitespace() -> None:
    body = (
        "<div>TM. ỦY BAN NHÂN DÂN<br>KT. CHỦ TỊCH</div>"
        "<p>  Kế   hoạch\n  số&nbsp;19/KH-UBND <b>ngày</b> 31/7/2025</p>"
        "<h3>PHỤ LỤC</h3><pre>dòng 1\ndòng 2</pre>"
    )
    text = extract_text(_page(body), ".html").text
    assert text == (
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\n\nKế hoạch số 19/KH-UBND ngày 31/7/2025\n\n"
        "PHỤ LỤC\n\ndòng 1\ndòng 2\n"
    )


def test_data_table_nested_in_a_layout_table_is_still_a_table() -> None:
    body = (
        "<table><tr><td><p>PHỤ LỤC</p>"
        "<table border=1><tr><th>TT</th><th>Nội dung</th><th>Đơn vị chủ trì</th></tr>"
        "<tr><td>1</td><td>Số hóa hồ sơ</td><td>Sở Nội vụ</td></tr></table>"
        "</td></tr></table>"
    )
    plan = parse_extracted(extract_text(_page(body), ".html"), "t")
    assert [(t.number, t.lead_units) for t in plan.targets] == [("1", ("Sở Nội vụ",))]


def _cp1258(text: str) -> bytes:
    """Windows Vietnamese: base letters precomposed (ê, ơ, ă), tone marks combining."""
    decomposed = unicodedata.normalize("NFD", text)
    composed = re.sub(
        "([AEOUaeou])(\u0323?)([\u0302\u0306\u031b])",
        lambda m: unicodedata.normalize("NFC", m[1] + m[3]) + m[2],
        decomposed,
    )
    return composed.encode("cp1258")


def test_windows_vietnamese_page_is_decoded_from_its_meta_charset() -> None:
    text = "Sở Khoa học và Công nghệ chủ trì, hoàn thành Tháng 11/2025"
    page = _cp1258(
        f"<html><head><meta charset='windows-1258'></head><body><p>{text}</p></body></html>"
    )
    assert extract_text(page, ".htm").text == text + "\n"
    bare = _cp1258(f"<p>{text}</p>")
    with pytest.raises(EncodingError, match="--encoding"):
        extract_text(bare, ".html", "plan.html")
    assert extract_text(bare, ".html", encoding="cp1258").text == text + "\n"
