"""Vietnamese normalisation: tone placement, i/y, spacing, folding, offset-safe search."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.normalize_vi import (
    canonical,
    equivalent,
    find_normalized,
    fold_diacritics,
    folded,
    folded_with_offsets,
    has_diacritics,
    nfc,
    normalize_i_y,
    normalize_spacing,
    normalize_tone_placement,
)

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def corpus_lines() -> list[str]:
    return [
        line
        for path in sorted(CORPUS.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


# (new-style or misplaced, old-style canonical)
TONE_PAIRS = [
    ("số hoá", "số hóa"),  # corpus: ninh-binh-19 line 69 vs "cụ thể hóa"
    ("Phòng Văn hoá - Xã hội", "Phòng Văn hóa - Xã hội"),  # corpus: xa-xuan-truong
    ("thuỷ", "thủy"),
    ("hoà", "hòa"),
    ("khoẻ", "khỏe"),
    ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
    ("UỶ BAN", "ỦY BAN"),
    ("HOÁ", "HÓA"),
    ("qúy", "quý"),
    ("gìa", "già"),
    ("lan toả", "lan tỏa"),
    ("thoả thuận", "thỏa thuận"),
]
UNTOUCHED = [
    "qua", "gia", "quốc", "giữa", "của", "người", "khuyến", "thuyền", "quý", "quả", "hoàn",
    "toán", "hoạch", "ngoài", "khuỷu", "rượu", "thuở", "gửi", "mía", "già", "gì", "gìn",
    "Quốc", "GIỮA", "NGƯỜI", "café", "Zoé", "Hoàng",
]  # fmt: skip


@pytest.mark.parametrize(("variant", "expected"), TONE_PAIRS)
def test_tone_placement_maps_to_old_style(variant: str, expected: str) -> None:
    assert normalize_tone_placement(variant) == expected
    assert normalize_tone_placement(expected) == expected
    assert canonical(variant) == canonical(expected) == expected.lower()


@pytest.mark.parametrize("word", UNTOUCHED)
def test_tone_placement_leaves_correct_words_alone(word: str) -> None:
    assert normalize_tone_placement(word) == word


def test_tone_placement_over_the_corpus_only_changes_new_style_words() -> None:
    words = {w for line in corpus_lines() for w in re.findall(r"[^\W\d_]+", line)}
    changed = {w: normalize_tone_placement(w) for w in words if normalize_tone_placement(w) != w}
    assert changed == {"hoá": "hóa"}


def test_decomposed_input_is_composed() -> None:
    nfd = unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh")
    assert nfd != "Ủy ban nhân dân tỉnh"
    assert nfc(nfd) == "Ủy ban nhân dân tỉnh"
    assert canonical(nfd) == "ủy ban nhân dân tỉnh"
    assert normalize_tone_placement(unicodedata.normalize("NFD", "Văn hoá")) == "Văn hóa"


@pytest.mark.parametrize(
    ("a", "b"),
    [("Tỷ lệ", "Tỉ lệ"), ("kỹ thuật", "kĩ thuật"), ("xử lý", "xử lí"), ("KỸ NĂNG", "kĩ năng")],
)
def test_i_y_spellings_compare_equal(a: str, b: str) -> None:
    assert canonical(a) == canonical(b)
    assert folded(a) == folded(b)


@pytest.mark.parametrize("word", ["y tế", "ý kiến", "quý", "quy định", "tuyến", "huỳnh", "tyt"])
def test_i_y_rule_is_narrow(word: str) -> None:
    assert normalize_i_y(word) == word


def test_spacing() -> None:
    raw = "  “Hành\u00a0động   đột\tphá”\u200b — lan\u2060 tỏa\n‘kết’ ‐ quả\u202f "
    assert normalize_spacing(raw) == "\"Hành động đột phá\" - lan tỏa 'kết' - quả"


def test_fold_diacritics() -> None:
    assert fold_diacritics("Đường Thủ tục hành chính") == "Duong Thu tuc hanh chinh"
    assert fold_diacritics("ĐỔI MỚI SÁNG TẠO") == "DOI MOI SANG TAO"
    assert fold_diacritics("Ðề án") == "De an"  # eth look-alike from legacy converters
    assert fold_diacritics("plain ascii 6.6") == "plain ascii 6.6"


def test_canonical_and_folded_forms() -> None:
    text = "  Sở   Khoa học và Công nghệ – VĂN HOÁ  "
    assert canonical(text) == "sở khoa học và công nghệ - văn hóa"
    assert folded(text) == "so khoa hoc va cong nghe - van hoa"
    assert folded("Tỷ lệ hồ sơ TTHC") == folded("ti le ho so tthc") == "ti le ho so tthc"


def test_equivalent_and_has_diacritics() -> None:
    assert equivalent("Văn hoá", "văn  hóa")
    assert not equivalent("Sở", "số")
    assert equivalent("Sở", "so", ignore_accents=True)
    assert has_diacritics("chỉ tiêu") and has_diacritics("đ")
    assert not has_diacritics("chi tieu 6.6")


def test_find_normalized_on_a_corpus_line() -> None:
    line = next(line for line in corpus_lines() if line.startswith("Tỉ lệ hồ sơ thủ tục hành"))
    spans = find_normalized(line, "thu tuc hanh chinh")
    assert [line[s:e] for s, e in spans] == ["thủ tục hành chính"]
    assert [line[s:e] for s, e in find_normalized(line, "TY LE HO SO")] == ["Tỉ lệ hồ sơ"]


def test_find_normalized_across_line_breaks_quotes_and_tone_styles() -> None:
    text = (CORPUS / "tien-giang-466-KH-UBND-2025.txt").read_text(encoding="utf-8")
    spans = find_normalized(text, "khai thác hiệu quả dữ liệu giữa cơ quan nhà nước")
    assert len(spans) == 1
    start, end = spans[0]
    assert "\n" in text[start:end]
    assert text[start:end].startswith("khai thác") and text[start:end].endswith("nhà nước")

    slogan = (CORPUS / "xa-xuan-truong-chuyen-doi-so-2026.txt").read_text(encoding="utf-8")
    hits = find_normalized(slogan, '"hanh dong dot pha, lan toa ket qua"')
    assert [slogan[s:e] for s, e in hits] == ["“Hành động đột phá, lan tỏa kết quả”"]

    assert find_normalized("Phòng Văn hoá - Xã hội", "văn hóa – xã hội") == [(6, 22)]


def test_find_normalized_keeps_decomposed_marks_in_the_quote() -> None:
    nfd = unicodedata.normalize("NFD", "Công an tỉnh chủ trì")
    spans = find_normalized(nfd, "cong an tinh")
    assert len(spans) == 1
    assert nfc(nfd[spans[0][0] : spans[0][1]]) == "Công an tỉnh"


def test_find_normalized_whole_word() -> None:
    text = "Công an tỉnh; an toàn thông tin"
    assert len(find_normalized(text, "an")) == 3  # "an", "an", and inside "toàn"
    assert [text[s:e] for s, e in find_normalized(text, "an", whole_word=True)] == ["an", "an"]
    assert find_normalized(text, "   ") == []
    assert find_normalized(text, "không có") == []


def test_folded_with_offsets_matches_folded_on_the_corpus() -> None:
    for line in corpus_lines():
        flat, offsets = folded_with_offsets(line)
        assert flat == folded(line)
        assert len(offsets) == len(flat)
        assert offsets == sorted(offsets)


# --- properties ---------------------------------------------------------------------------

VI_LETTERS = (
    "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđbcdghklmnpqrstvx"
)
vi_text = st.text(
    alphabet=st.sampled_from(VI_LETTERS + VI_LETTERS.upper() + "  \t\n.,;-–“”%/0123456789"),
    max_size=80,
)


@given(st.text())
def test_normalisers_never_raise_and_are_idempotent(text: str) -> None:
    once = canonical(text)
    assert canonical(once) == once
    flat = folded(text)
    assert folded(flat) == flat
    assert folded(once) == flat
    assert normalize_tone_placement(normalize_tone_placement(text)) == normalize_tone_placement(
        text
    )
    assert normalize_spacing(normalize_spacing(text)) == normalize_spacing(text)
    assert not re.search("[\u0300-\u036f]", fold_diacritics(text))


@given(vi_text)
def test_vietnamese_text_folds_to_ascii(text: str) -> None:
    assert folded(text).isascii()
    assert folded(text) == folded(unicodedata.normalize("NFD", text))


@given(vi_text, st.data())
def test_find_normalized_finds_every_run_of_words(text: str, data: st.DataObject) -> None:
    # Cut at whitespace only: the i/y rule depends on word boundaries ("tỷ" → "ti").
    cuts = sorted({0, len(text), *(p for m in re.finditer(r"\s+", text) for p in m.span())})
    i = data.draw(st.sampled_from(cuts))
    j = data.draw(st.sampled_from([c for c in cuts if c >= i]))
    needle = text[i:j]
    spans = find_normalized(text, needle)
    if not folded(needle):
        assert spans == []
        return
    assert spans
    for start, end in spans:
        assert folded_with_offsets(text[start:end])[0] == folded(needle)
