"""Abbreviation table: both directions, accent-free input, unit canonicalisation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.abbreviations import (
    Abbreviation,
    abbreviations_in,
    canonical_unit_name,
    entries,
    expand_abbreviations,
    short_forms,
    units_in,
)
from ingest.normalize_vi import folded

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
ENTRIES = entries()


def _ids(text: str) -> list[tuple[str, bool]]:
    return [(m.entry.id, m.is_short) for m in abbreviations_in(text)]


def test_table_loads_with_unique_ids() -> None:
    assert len(ENTRIES) > 80
    assert len({e.id for e in ENTRIES}) == len(ENTRIES)
    assert all(e.short and e.long for e in ENTRIES)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.id)
def test_every_form_round_trips(entry: Abbreviation) -> None:
    for form in entry.short:
        written = form if not entry.case_sensitive else form.upper()
        assert _ids(written) == [(entry.id, True)], form
    for form in (entry.long, *entry.variants):
        assert _ids(form) == [(entry.id, False)], form
        assert _ids(folded(form)) == [(entry.id, False)], form  # typed without accents
        assert _ids(form.upper()) == [(entry.id, False)], form


@pytest.mark.parametrize(
    "text",
    ["so khcn", "Sở KH&CN", "sở KH và CN", "SỞ KH-CN", "Sở KHCN", "so kh & cn",
     "Sở Khoa học và Công nghệ", "so khoa hoc va cong nghe", "Sở Khoa học Công nghệ",
     "SỞ KHOA HỌC VÀ CÔNG NGHỆ"],
)  # fmt: skip
def test_science_department_variants(text: str) -> None:
    assert [m.entry.long for m in abbreviations_in(text)] == ["Sở Khoa học và Công nghệ"]


def test_accented_text_must_agree_with_the_accents() -> None:
    assert _ids("số KHCN") == [("kh_cn", True)]  # "số" is not "Sở"
    assert _ids("so KHCN") == [("so_kh_cn", True)]  # accent-free "so" may be "Sở"


def test_case_sensitive_short_forms() -> None:
    assert _ids("Ai chủ trì?") == []
    assert _ids("ứng dụng AI") == [("ai", True)]
    assert _ids("chăm sóc, cham soc") == []
    assert _ids("hệ thống SOC của tỉnh") == [("soc", True)]
    assert _ids("ca sĩ") == []
    assert canonical_unit_name("CA tỉnh") == "Công an tỉnh"
    assert canonical_unit_name("ca tinh") == "Công an tỉnh"  # a level word disambiguates
    assert canonical_unit_name("cá tính") is None


def test_longest_match_wins_and_matches_do_not_overlap() -> None:
    text = "Văn phòng UBND tỉnh phối hợp với UBND các xã về DVCTT và DVC"
    assert _ids(text) == [("vp_ubnd", True), ("ubnd", True), ("dvctt", True), ("dvc", True)]
    [first, *_] = abbreviations_in(text)
    assert text[first.start : first.end] == first.text == "Văn phòng UBND"
    assert first.level == "tỉnh"


def test_short_forms_inside_longer_codes_do_not_match() -> None:
    assert _ids("Quyết định số 292/QĐ-BKHCN") == [("qd", False), ("qd", True)]


def test_corpus_abbreviations_and_long_forms_are_recognised() -> None:
    text = (CORPUS / "ninh-binh-19-KH-UBND-2025.txt").read_text(encoding="utf-8")
    found = {m.entry.id: m.is_short for m in abbreviations_in(text)}
    for short_id in ["ubnd", "hdnd", "tthc", "csdl", "cntt", "dvctt", "attt", "httt", "dti",
                     "lgsp", "soc", "nosc", "sso", "vneid", "grdp", "so_kh_cn"]:  # fmt: skip
        assert short_id in found, short_id
    long_forms = {m.entry.id for m in abbreviations_in(text) if not m.is_short}
    assert {"tthc", "dvctt", "csdl", "so_kh_cn", "ca", "cds", "to_cnscd"} <= long_forms


def test_expand_abbreviations() -> None:
    assert expand_abbreviations("TTHC nào?") == "TTHC (thủ tục hành chính) nào?"
    assert (
        expand_abbreviations("so khcn chu tri chi tieu 6.6")
        == "so khcn (Sở Khoa học và Công nghệ) chu tri chi tieu 6.6"
    )
    assert (
        expand_abbreviations("Sở KH&CN và VP UBND tỉnh", keep_short=False)
        == "Sở Khoa học và Công nghệ và Văn phòng Ủy ban nhân dân tỉnh"
    )
    # Already spelled out: nothing to add.
    text = "Chỉ số chuyển đổi số (DTI) của tỉnh"
    assert expand_abbreviations(text) == text
    assert expand_abbreviations("không có gì") == "không có gì"
    # a party committee's standing board written short, accents dropped
    assert (
        expand_abbreviations("NQ 34 cua BTV Tinh uy", keep_short=False)
        == "nghị quyết 34 cua Ban Thường vụ Tinh uy"
    )


@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ("VP UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
        ("VPUBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
        ("văn phòng ubnd tinh", "Văn phòng Ủy ban nhân dân tỉnh"),
        ("Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
        ("Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
        ("Sở KHCN", "Sở Khoa học và Công nghệ"),
        ("so khoa hoc va cong nghe", "Sở Khoa học và Công nghệ"),
        ("Sở KH&CN tỉnh Ninh Bình", "Sở Khoa học và Công nghệ"),
        ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
        ("so tttt", "Sở Thông tin và Truyền thông"),
        ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
        ("so gddt", "Sở Giáo dục và Đào tạo"),
        ("Sở TC", "Sở Tài chính"),
        ("Sở NV", "Sở Nội vụ"),
        ("Sở CT", "Sở Công Thương"),
        ("Sở VHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
        ("Sở Văn hoá và Thể thao", "Sở Văn hóa và Thể thao"),
        ("Sở TN&MT", "Sở Tài nguyên và Môi trường"),
        ("Sở NN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
        ("Sở YT", "Sở Y tế"),
        ("Công an tỉnh", "Công an tỉnh"),
        ("Công an thành phố", "Công an thành phố"),
        ("Công an xã Xuân Trường", "Công an xã"),
        ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
        ("Uỷ ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh"),
        ("UBND các xã, phường", "Ủy ban nhân dân xã"),
        ("UBND cấp xã", "Ủy ban nhân dân xã"),
        ("HĐND tỉnh", "Hội đồng nhân dân tỉnh"),
        ("Văn phòng HĐND và UBND tp", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân thành phố"),
        (
            "Văn phòng HĐND&UBND thành phố",
            "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân thành phố",
        ),
        ("Phòng Văn hoá - Xã hội", "Phòng Văn hóa - Xã hội"),
        ("phòng Tài chính - KH", "Phòng Tài chính - Kế hoạch"),
        ("Tổ CNSCĐ", "Tổ công nghệ số cộng đồng"),
        ("TCNSCĐ", "Tổ công nghệ số cộng đồng"),
        ("Trung tâm PVHCC", "Trung tâm Phục vụ hành chính công"),
        ("BCĐ CĐS tỉnh", "Ban Chỉ đạo chuyển đổi số tỉnh"),
        ("Báo và PTTH Ninh Bình", "Báo và Phát thanh, Truyền hình"),
    ],
)
def test_canonical_unit_name(mention: str, name: str) -> None:
    assert canonical_unit_name(mention) == name


@pytest.mark.parametrize(
    "text",
    ["", "Sở", "Sở nào", "Sở KHCN chủ trì", "Các sở, ban, ngành", "thủ tục hành chính",
     "UBND cấp xã đăng ký thực hiện CDS năm 2023", "số KHCN"],
)  # fmt: skip
def test_canonical_unit_name_rejects_non_units(text: str) -> None:
    assert canonical_unit_name(text) is None


def test_every_lead_unit_of_the_ninh_binh_target_table_is_known() -> None:
    lines = (CORPUS / "ninh-binh-19-KH-UBND-2025.txt").read_text(encoding="utf-8").splitlines()
    leads = {
        lines[i + 2].rstrip(" |")
        for i, line in enumerate(lines)
        if re.fullmatch(r"\d+\.\d+\. \|", line)
    }
    assert len(leads) >= 6
    assert all(canonical_unit_name(lead) for lead in leads), leads


def test_units_in_free_text() -> None:
    text = "Sở KHCN chủ trì, phối hợp Công an tỉnh, Sở Khoa học và Công nghệ và UBND các xã"
    assert units_in(text) == ["Sở Khoa học và Công nghệ", "Công an tỉnh", "Ủy ban nhân dân xã"]
    assert units_in("Sở nào chủ trì chỉ tiêu 6.6?") == []


def test_one_word_short_forms_that_are_vietnamese_words_are_case_sensitive() -> None:
    """A folded one-word short form that is also a lower-case corpus syllable would fire on
    ordinary text ("ai", "sóc"): such entries must be case_sensitive. Forms without a
    vowel ("tp") cannot be Vietnamese syllables."""
    words = set()
    for path in CORPUS.glob("*.txt"):
        words |= {folded(w) for w in re.findall(r"[^\W\d_]+", path.read_text()) if w.islower()}
    for entry in ENTRIES:
        for form in entry.short:
            word = folded(form)
            if " " not in form and form.isalpha() and re.search("[aeiouy]", word) and word in words:
                assert entry.case_sensitive, form


@given(st.text(max_size=60))
def test_never_raises_and_spans_are_in_bounds(text: str) -> None:
    for m in abbreviations_in(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
    expand_abbreviations(text)
    canonical_unit_name(text)


def test_short_forms_write_a_names_long_form_short() -> None:
    # the reverse of expansion: how a text may write an issuer's name in its body
    assert short_forms("Ủy ban nhân dân xã Xuân Trường") == ["UBND xã Xuân Trường"]
    assert short_forms("Hội đồng nhân dân tỉnh Ninh Bình") == ["HĐND tỉnh Ninh Bình"]
    assert short_forms("Sở Giáo dục và Đào tạo")[0] == "Sở GD&ĐT"
    assert short_forms("Ban Chấp hành Trung ương") == []


def test_a_department_written_half_short() -> None:
    # "Sở Nông nghiệp và PTNT": the long name's first words, the rest in initials
    assert units_in("Sở Nông nghiệp và PTNT Thái Bình phối hợp những nhiệm vụ nào?") == [
        "Sở Nông nghiệp và Phát triển nông thôn"
    ]
