"""Ingesting .docx, .pdf and .html plans: files, folders and uploads, the source text kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.formats import DocumentFormatError, ScannedPdfError
from tests.conftest import make_runtime
from tests.formats_fixtures import corpus_blocks, render_docx, render_html
from tests.golden_plans import CORPUS

PLAN = CORPUS / "ninh-binh-19-KH-UBND-2025.txt"


def test_folder_of_docx_and_html_plans_is_ingested_and_the_source_text_kept(
    tmp_path: Path,
) -> None:
    blocks = corpus_blocks(PLAN.read_text("utf-8"))
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "ke-hoach-19.docx").write_bytes(render_docx(blocks))
    (folder / "ke-hoach-19-web.html").write_bytes(render_html(blocks))
    (folder / "ghi-chu.xlsx").write_bytes(b"PK")  # not a plan format: left out of folders
    runtime = make_runtime(tmp_path / "home")
    try:
        outcomes = runtime.ingest_paths([folder])
        assert [(o.document_id, o.status, o.targets) for o in outcomes] == [
            ("ke-hoach-19-web", "added", 56 + 4),  # sorted by file name; + 4 body duties
            ("ke-hoach-19", "added", 56 + 4),
        ]
        kept = (tmp_path / "home" / "sources" / "ke-hoach-19.txt").read_text("utf-8")
        for point in runtime.index.scroll(None):
            if point.payload["document_id"] == "ke-hoach-19":
                assert kept[point.payload["start"] : point.payload["end"]] == point.payload["text"]
        again = runtime.ingest_paths([folder / "ke-hoach-19.docx"])
        assert again[0].status == "unchanged"  # extraction is deterministic
        runtime.ingestor.remove("ke-hoach-19")
        assert not (tmp_path / "home" / "sources" / "ke-hoach-19.txt").exists()
    finally:
        runtime.close()


def test_uploaded_docx_bytes_are_extracted_by_their_name(tmp_path: Path) -> None:
    data = render_docx(corpus_blocks(PLAN.read_text("utf-8")))
    runtime = make_runtime(tmp_path / "home")
    try:
        outcome = runtime.ingestor.ingest_bytes(data, "tai-len", "Kế hoạch 19.docx")
        assert (outcome.status, outcome.targets) == ("added", 56 + 4)  # + 4 body duties
        with pytest.raises(DocumentFormatError, match=r"hong\.docx: không đọc được tệp \.docx"):
            runtime.ingestor.ingest_bytes(b"not a zip", "hong", "hong.docx")
        assert "hong" not in runtime.catalog.entries
    finally:
        runtime.close()


def test_scanned_pdf_file_ingests_nothing(tmp_path: Path) -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    scan = tmp_path / "scan.pdf"
    page = canvas.Canvas(str(scan), invariant=1)
    page.drawImage(ImageReader(Image.new("L", (200, 100), 200)), 50, 500, 200, 100)
    page.showPage()
    page.save()
    runtime = make_runtime(tmp_path / "home")
    try:
        with pytest.raises(ScannedPdfError, match="OCR"):
            runtime.ingest_paths([scan])
        assert not runtime.catalog.entries
    finally:
        runtime.close()


def test_two_different_tables_one_after_the_other_stay_two_tables() -> None:
    from ingest.formats.assembly import TextAssembler
    from ingest.formats.tables_to_text import TableCell
    from ingest.parser.plan import parse_plan

    def cells(*texts: str) -> list[TableCell]:
        return [TableCell((text,)) for text in texts]

    out = TextAssembler(paragraph_gap=True)
    out.add_paragraph("PHỤ LỤC")
    out.add_table([cells("STT", "Nội dung", "Đơn vị chủ trì"), cells("1.", "Việc A", "Sở A")])
    out.add_paragraph("")  # Word keeps an empty paragraph between two tables
    out.add_table(
        [
            cells("STT", "Tên văn bản", "Thời gian hoàn thành"),
            cells("1.", "Quyết định B", "Tháng 9/2025"),
        ]
    )
    targets = parse_plan(out.text(), "t").targets
    assert [(t.content, t.lead_units) for t in targets] == [
        ("Việc A", ("Sở A",)),
        ("Quyết định B", ()),
    ]
    assert targets[1].deadline is not None and targets[1].deadline.raw == "Tháng 9/2025"
