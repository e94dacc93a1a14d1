"""PDFs with a text layer: corpus plans printed to PDF read back to the same targets; scans,
passwords and damaged files are refused with what to do."""

from __future__ import annotations

import io
import re

import pypdfium2
import pytest
from PIL import Image, ImageDraw
from reportlab.lib import pdfencrypt
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from ingest.formats import (
    DocumentFormatError,
    EncryptedDocumentError,
    ScannedPdfError,
    extract_text,
)
from ingest.formats.pdf_furniture import find_furniture
from ingest.parser.plan import parse_plan
from tests.formats_fixtures import (
    RUNNING_HEADER,
    comparable_targets,
    corpus_blocks,
    numbered_clauses,
    render_pdf,
    vietnamese_font,
)
from tests.golden_plans import CORPUS, parse_corpus_file

needs_font = pytest.mark.skipif(
    vietnamese_font() is None, reason="needs a Vietnamese TTF: apt-get install fonts-dejavu-core"
)

NINH_BINH = "ninh-binh-19-KH-UBND-2025"
THANH_PHO = "thanh-pho-phu-luc-01-chuyen-doi-so-2023"


@pytest.fixture(scope="module")
def ninh_binh_pdf() -> bytes:
    return render_pdf(corpus_blocks((CORPUS / f"{NINH_BINH}.txt").read_text("utf-8")))


@pytest.fixture(scope="module")
def ninh_binh_text(ninh_binh_pdf: bytes) -> str:
    return extract_text(ninh_binh_pdf, ".pdf").text


@needs_font
@pytest.mark.parametrize("name", [NINH_BINH, THANH_PHO])
def test_corpus_plan_as_pdf_gives_the_same_targets_and_clause_numbers(
    name: str, ninh_binh_text: str
) -> None:
    reference = parse_corpus_file(CORPUS / f"{name}.txt")
    if name == NINH_BINH:
        text = ninh_binh_text
    else:
        text = extract_text(render_pdf(corpus_blocks(reference.source_text)), ".pdf").text
    plan = parse_plan(text, name)
    assert comparable_targets(plan) == comparable_targets(reference)
    assert numbered_clauses(plan) == numbered_clauses(reference)
    assert plan.document.number == reference.document.number


@needs_font
def test_target_6_6_read_from_the_pdf_table(ninh_binh_text: str) -> None:
    plan = parse_plan(ninh_binh_text, NINH_BINH)
    assert len([t for t in plan.targets if t.source == "table"]) == 56
    row = next(t for t in plan.targets if t.number == "6.6")
    assert row.monitoring_units == ("Văn phòng UBND tỉnh",)
    assert row.lead_units == (
        "Sở Khoa học và Công nghệ",
        "các sở, ban, ngành",
        "UBND các xã, phường",
    )
    assert row.deadline is not None and row.deadline.raw == "Tháng 11/2025"
    assert row.note is not None and row.note.startswith("Sở KHCN chủ trì, chủ động")


@needs_font
def test_running_header_and_page_numbers_are_dropped(
    ninh_binh_pdf: bytes, ninh_binh_text: str
) -> None:
    document = pypdfium2.PdfDocument(ninh_binh_pdf)
    pages = [document[k].get_textpage().get_text_range() for k in range(len(document))]
    document.close()
    # the appendix table runs over several pages, its header repeated on each
    assert sum(1 for page in pages if "Chỉ tiêu/nhiệm vụ" in page) > 2
    assert RUNNING_HEADER not in ninh_binh_text
    assert not [line for line in ninh_binh_text.splitlines() if re.fullmatch(r"\d{1,3}", line)]
    # the header repeated on every page is read once: one table, not one per page
    assert ninh_binh_text.count("Chỉ tiêu/nhiệm vụ\t") == 1


@needs_font
def test_table_continuing_on_the_next_page_without_its_header() -> None:
    reference = parse_corpus_file(CORPUS / f"{THANH_PHO}.txt")
    data = render_pdf(corpus_blocks(reference.source_text), repeat_table_header=False)
    plan = parse_plan(extract_text(data, ".pdf").text, THANH_PHO)
    assert comparable_targets(plan) == comparable_targets(reference)


def _image() -> ImageReader:
    picture = Image.new("L", (400, 120), 255)
    ImageDraw.Draw(picture).text((10, 10), "KE HOACH 19/KH-UBND", fill=0)
    return ImageReader(picture)


def _pdf(pages: list[str | None], encrypt: object = None) -> bytes:
    """One page per item: a line of text, or None for a scanned (image-only) page."""
    out = io.BytesIO()
    page = canvas.Canvas(out, invariant=1, encrypt=encrypt)
    for text in pages:
        if text is None:
            page.drawImage(_image(), 50, 500, 400, 120)
        else:
            page.drawString(72, 720, text)
        page.showPage()
    page.save()
    return out.getvalue()


def test_scanned_pdf_is_refused_with_the_ocr_explanation() -> None:
    with pytest.raises(ScannedPdfError, match=r"scan\.pdf: .*không có lớp chữ.*OCR"):
        extract_text(_pdf([None, None]), ".pdf", "scan.pdf")


def test_partly_scanned_pdf_is_read_with_a_warning_naming_the_pages() -> None:
    extracted = extract_text(_pdf(["1. Muc tieu chung", None]), ".pdf")
    assert extracted.text == "1. Muc tieu chung\n"
    assert extracted.warnings and extracted.warnings[0].startswith("trang 2:")


def test_password_protected_pdf_is_refused_but_a_restricted_one_is_read() -> None:
    with pytest.raises(EncryptedDocumentError, match="có mật khẩu"):
        extract_text(_pdf(["1. Muc tieu"], encrypt="secret"), ".pdf", "plan.pdf")
    restricted = pdfencrypt.StandardEncryption("", ownerPassword="owner", canCopy=0)
    assert extract_text(_pdf(["1. Muc tieu"], encrypt=restricted), ".pdf").text == "1. Muc tieu\n"


def test_truncated_corrupt_and_mislabelled_pdfs_are_refused() -> None:
    whole = _pdf(["1. Muc tieu", "2. Nhiem vu"])
    with pytest.raises(DocumentFormatError, match="cắt cụt"):
        extract_text(whole[: len(whole) // 2], ".pdf", "plan.pdf")
    with pytest.raises(DocumentFormatError, match="không mở được"):
        extract_text(b"%PDF-1.4\n" + b"garbage " * 200 + b"\n%%EOF\n", ".pdf", "plan.pdf")
    with pytest.raises(DocumentFormatError, match="không phải tệp PDF"):
        extract_text(b"<html>Ke hoach</html>", ".pdf", "plan.pdf")


def test_furniture_is_what_repeats_at_page_edges_with_digits_ignored() -> None:
    pages = [
        ["ỦY BAN NHÂN DÂN TỈNH", "1. Mục tiêu", "Nội dung", "Trang 1/3"],
        ["Kế hoạch 19/KH-UBND – trang 2", "- Việc một", None, "Trang 2/3"],
        ["Kế hoạch 19/KH-UBND – trang 3", "- Việc hai", "Nơi nhận:", "3"],
    ]
    assert find_furniture(pages) == {(0, 3), (1, 0), (1, 3), (2, 0), (2, 3)}
