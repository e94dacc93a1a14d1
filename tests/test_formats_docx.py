"""Word documents: corpus plans rendered to .docx read back to the same targets and clauses."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from ingest.domain import ClauseKind
from ingest.formats import DocumentFormatError, EncryptedDocumentError, extract_text
from ingest.parser.plan import parse_plan
from tests.formats_fixtures import (
    comparable_targets,
    corpus_blocks,
    numbered_clauses,
    parse_extracted,
    render_docx,
)
from tests.golden_plans import CORPUS, parse_corpus_file

NINH_BINH = "ninh-binh-19-KH-UBND-2025"
THANH_PHO = "thanh-pho-phu-luc-01-chuyen-doi-so-2023"


def _docx_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def ninh_binh_docx() -> bytes:
    return render_docx(corpus_blocks((CORPUS / f"{NINH_BINH}.txt").read_text("utf-8")))


@pytest.mark.parametrize("name", [NINH_BINH, THANH_PHO])
def test_corpus_plan_as_docx_gives_the_same_targets_and_clause_numbers(name: str) -> None:
    reference = parse_corpus_file(CORPUS / f"{name}.txt")
    data = render_docx(corpus_blocks(reference.source_text))
    plan = parse_extracted(extract_text(data, ".docx"), name)
    assert comparable_targets(plan) == comparable_targets(reference)
    assert numbered_clauses(plan) == numbered_clauses(reference)
    assert plan.document.number == reference.document.number
    assert plan.document.title == reference.document.title


def test_target_6_6_read_from_the_docx_table(ninh_binh_docx: bytes) -> None:
    plan = parse_extracted(extract_text(ninh_binh_docx, ".docx"), NINH_BINH)
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
    # the extracted text is the source: every clause quotes it exactly
    for clause in plan.clauses:
        assert plan.source_text[clause.start : clause.end] == clause.text


def test_word_list_numbers_are_rebuilt_as_labels(ninh_binh_docx: bytes) -> None:
    text = extract_text(ninh_binh_docx, ".docx").text
    # rendered with Word numbering (the marker is not in the paragraph text)
    assert "\n1. Các văn bản chỉ đạo của Trung ương\n" in text
    assert "\n- Nghị quyết số 57-NQ/TW ngày 22/12/2024" in text


def test_extraction_is_deterministic(ninh_binh_docx: bytes) -> None:
    assert extract_text(ninh_binh_docx, ".docx") == extract_text(ninh_binh_docx, ".docx")


def test_appendix_columns_in_another_order_give_the_same_targets() -> None:
    reference = parse_corpus_file(CORPUS / f"{NINH_BINH}.txt")
    # deadline, note, lead, content, monitoring, STT
    data = render_docx(corpus_blocks(reference.source_text), column_order=(4, 5, 3, 1, 2, 0))
    plan = parse_extracted(extract_text(data, ".docx"), NINH_BINH)
    assert comparable_targets(plan) == comparable_targets(reference)


_LEVELS = [("upperRoman", "%1."), ("decimal", "%2."), ("decimal", "%2.%3."), ("lowerLetter", "%4)")]
_MULTILEVEL = (
    f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
    + "".join(
        f'<w:lvl w:ilvl="{k}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for k, (fmt, text) in enumerate(_LEVELS)
    )
    + '<w:lvl w:ilvl="4"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>'
    + "</w:abstractNum>"
)


def _numbered_document(items: list[tuple[str, int | None, int]]) -> bytes:
    """Paragraphs (text, numId, ilvl) numbered by the multi-level list above.

    numId 91 uses the list; 92 is a second instance restarting level 1 at 1; 93 comes
    through the "Heading 1" style.
    """
    document = Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(_MULTILEVEL))
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="90"/></w:num>')
    )
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="92"><w:abstractNumId w:val="90"/>'
            '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        )
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="93"><w:abstractNumId w:val="90"/></w:num>')
    )
    heading = document.styles["Heading 1"].element
    heading.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="93"/></w:numPr>')
    )
    for text, num_id, ilvl in items:
        if num_id == 93:
            document.add_paragraph(text, style="Heading 1")
            continue
        paragraph = document.add_paragraph(text)
        if num_id is not None:
            paragraph._p.get_or_add_pPr().append(
                parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/>'
                    f'<w:numId w:val="{num_id}"/></w:numPr>'
                )
            )
    return _docx_bytes(document)


def test_multi_level_word_list_rebuilds_part_section_item_point_and_bullet_labels() -> None:
    data = _numbered_document(
        [
            ("MỤC ĐÍCH, YÊU CẦU", 93, 0),
            ("Mục đích", 91, 1),
            ("Về hạ tầng số", 91, 2),
            ("phủ sóng 5G;", 91, 3),
            ("cáp quang.", 91, 3),
            ("Triển khai trên toàn tỉnh.", 91, 4),
            ("Về dữ liệu số", 91, 2),
            ("Yêu cầu", 91, 1),
            ("Về nhân lực số", 91, 2),
            ("NHIỆM VỤ", 93, 0),
            ("Nhiệm vụ chung", 92, 1),
            ("3.5. Số đã gõ sẵn giữ nguyên", 91, 2),
            ("1.5 triệu người có tài khoản", 91, 1),  # shares counters with list 92
        ]
    )
    lines = [line for line in extract_text(data, ".docx").text.splitlines() if line]
    assert lines == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "1.1. Về hạ tầng số",
        "a) phủ sóng 5G;",
        "b) cáp quang.",
        "- Triển khai trên toàn tỉnh.",
        "1.2. Về dữ liệu số",
        "2. Yêu cầu",
        "2.1. Về nhân lực số",
        "II. NHIỆM VỤ",
        "1. Nhiệm vụ chung",
        "3.5. Số đã gõ sẵn giữ nguyên",
        "2. 1.5 triệu người có tài khoản",
    ]
    plan = parse_plan("\n".join(lines), "t")
    item = next(c for c in plan.clauses if c.number == "2.1")
    assert item.path.startswith("I. MỤC ĐÍCH, YÊU CẦU › 2. Yêu cầu › 2.1")
    points = [c.number for c in plan.clauses if c.kind is ClauseKind.POINT]
    assert points == ["a", "b"]


def test_cells_merged_down_give_every_row_the_unit_and_deadline() -> None:
    document = Document()
    document.add_paragraph("PHỤ LỤC")
    table = document.add_table(rows=4, cols=4)
    for r, texts in enumerate(
        [
            ("STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành"),
            ("1.", "Số hóa hồ sơ", "Văn phòng UBND tỉnh", "Quý IV/2025"),
            ("2.", "Kho dữ liệu", "", ""),
            ("3.", "Cổng dịch vụ công", "Sở KHCN", "Tháng 9/2025"),
        ]
    ):
        for c, text in enumerate(texts):
            table.cell(r, c).text = text
    table.cell(1, 2).merge(table.cell(2, 2))
    table.cell(1, 3).merge(table.cell(2, 3))
    plan = parse_extracted(extract_text(_docx_bytes(document), ".docx"), "t")
    rows = {t.number: t for t in plan.targets}
    assert rows["2"].lead_units == ("Văn phòng UBND tỉnh",)
    assert rows["2"].deadline is not None and rows["2"].deadline.raw == "Quý IV/2025"
    assert rows["3"].lead_units == ("Sở KHCN",)


def test_footnotes_page_headers_deleted_text_and_field_codes() -> None:
    document = Document()
    document.sections[0].header.paragraphs[0].text = "Tiêu đề trang lặp lại"
    document.sections[0].footer.paragraphs[0].text = "Trang 1"
    paragraph = document.add_paragraph("Các đơn vị báo cáo định kỳ")
    paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:footnoteReference w:id="7"/></w:r>'))
    paragraph._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="1" w:author="a"><w:r><w:delText> hằng tuần</w:delText>'
            "</w:r></w:del>"
        )
    )
    paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>'))
    paragraph._p.append(parse_xml(f"<w:r {nsdecls('w')}><w:instrText> PAGE </w:instrText></w:r>"))
    paragraph._p.append(parse_xml(f"<w:r {nsdecls('w')}><w:t>.</w:t></w:r>"))
    footnotes = (
        f'<w:footnotes {nsdecls("w")}><w:footnote w:id="7"><w:p><w:r><w:footnoteRef/></w:r>'
        '<w:r><w:t xml:space="preserve"> Trước ngày 25 hằng tháng.</w:t></w:r></w:p>'
        "</w:footnote></w:footnotes>"
    ).encode()
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        footnotes,
        document.part.package,
    )
    document.part.relate_to(part, RT.FOOTNOTES)
    text = extract_text(_docx_bytes(document), ".docx").text
    assert text == "Các đơn vị báo cáo định kỳ[1].\n\n[1] Trước ngày 25 hằng tháng.\n"


# ---- unreadable files: clear errors, nothing extracted ------------------------------------


def test_truncated_docx_is_refused(ninh_binh_docx: bytes) -> None:
    with pytest.raises(DocumentFormatError, match="tệp lỗi hoặc bị cắt cụt"):
        extract_text(ninh_binh_docx[: len(ninh_binh_docx) // 2], ".docx", "plan.docx")


def test_docx_with_a_damaged_part_is_refused(ninh_binh_docx: bytes) -> None:
    archive = zipfile.ZipFile(io.BytesIO(ninh_binh_docx))
    info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 200
    damaged = bytearray(ninh_binh_docx)
    damaged[start : start + 64] = bytes(64)
    with pytest.raises(DocumentFormatError, match=r"plan\.docx: .*(bị hỏng|tệp lỗi)"):
        extract_text(bytes(damaged), ".docx", "plan.docx")


def test_other_files_named_docx_are_refused(tmp_path: Path) -> None:
    with pytest.raises(DocumentFormatError, match=r"không đọc được tệp \.docx"):
        extract_text(b"Ke hoach 19/KH-UBND" * 20, ".docx", "plan.docx")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("content.xml", "<office:document/>")
    with pytest.raises(DocumentFormatError, match="không phải văn bản Word"):
        extract_text(archive.getvalue(), ".docx", "plan.docx")
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    path = tmp_path / "plan.docx"
    path.write_bytes(ole)
    with pytest.raises(EncryptedDocumentError, match=r"tệp Word có mật khẩu hoặc là tệp \.doc cũ"):
        extract_text(path, ".docx")
