"""Vietnamese text normalisation for matching: pure functions, cheap enough for every query.

Two matching forms:

- `canonical(text)`: NFC, one tone placement, one i/y spelling, clean spacing, lower case.
  Accents are kept, so "Sở" and "số" stay different.
- `folded(text)`: `canonical` without any diacritic ("đ" → "d"): what a user typing
  without accents produces.

Tone placement: the corpus mixes the two conventions for the open rhymes oa/oe/uy
("hóa"/"hoá", "khỏe"/"khoẻ", "ủy"/"uỷ"). We use the traditional ("old") placement, which
is the majority spelling in the corpus and in government documents: the tone sits on the
first vowel of a two-vowel rhyme without a final consonant ("hòa", "khỏe", "thủy", "ủy"),
on the vowel that carries a quality mark when there is one ("người", "khuyến", "giữa"),
on the middle vowel of a three-vowel rhyme ("ngoài", "khuỷu") and on the last vowel
before a final consonant ("hoàn", "toán"). The "u" of "qu" and the "i" of "gi" belong
to the onset, so misplaced "qúy"/"gìa" become "quý"/"già".

Matching forms are for comparison only; citations always quote the source text, and
`find_normalized` maps a match back to source offsets.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "canonical",
    "equivalent",
    "find_normalized",
    "fold_diacritics",
    "folded",
    "folded_with_offsets",
    "has_diacritics",
    "nfc",
    "normalize_i_y",
    "normalize_spacing",
    "normalize_tone_placement",
]

# Tone marks as combining characters (NFD). Quality marks (circumflex U+0302, breve U+0306,
# horn U+031B) are part of the vowel letter and never move.
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_PLAIN_VOWELS = "aăâeêioôơuưy"
_QUALITY_VOWELS = frozenset("ăâêôơư")
# "q"/"g" stand for "qu"/"gi": the onset is cut at the first vowel letter.
_ONSETS = frozenset(
    ("", "b", "c", "ch", "d", "đ", "g", "gh", "h", "k", "kh", "l", "m", "n",
     "ng", "ngh", "nh", "p", "ph", "q", "r", "s", "t", "th", "tr", "v", "x")
)  # fmt: skip
_CODAS = frozenset(("", "c", "ch", "m", "n", "ng", "nh", "p", "t"))


def _with_tones(vowels: str) -> str:
    out = []
    for v in vowels:
        for tone in sorted(_TONE_MARKS):
            out.append(unicodedata.normalize("NFC", v + tone))
    return "".join(out)


_TONED = _with_tones(_PLAIN_VOWELS + _PLAIN_VOWELS.upper())
_ALL_VOWELS = frozenset(_PLAIN_VOWELS + _PLAIN_VOWELS.upper() + _TONED)
_VOWEL_CLASS = "".join(sorted(_ALL_VOWELS))
# Only words with a toned vowel next to another vowel can have a misplaced tone; matching
# just those keeps the per-word Python callback off the hot path.
_TONE_CANDIDATE = re.compile(
    rf"[^\W\d_]*(?:[{_TONED}][{_VOWEL_CLASS}]|[{_VOWEL_CLASS}][{_TONED}])[^\W\d_]*"
)
# "tỷ"/"tỉ", "kỹ"/"kĩ", "lý"/"lí", "mỹ"/"mĩ", "sỹ"/"sĩ", "hy"/"hi": both spellings are in use
# (the corpus has "Tỉ lệ" 48 times and "Tỷ lệ" 52 times).
_Y_FORMS = "yỳýỷỹỵ"
_I_FORMS = "iìíỉĩị"
_I_Y_CANDIDATE = re.compile(rf"\b[hklmstHKLMST][{_Y_FORMS}{_Y_FORMS.upper()}]\b")
_Y_TO_I = str.maketrans(_Y_FORMS + _Y_FORMS.upper(), _I_FORMS + _I_FORMS.upper())
_FOLDED_Y = re.compile(r"\b([hklmstHKLMST])([yY])\b")  # the same rule, after folding

_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # zero-width chars and soft hyphen
_PUNCT_TABLE = str.maketrans(
    {
        **dict.fromkeys(_INVISIBLE),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    }
)
_WHITESPACE = re.compile(r"\s+")
# Letters that carry no combining mark but still need folding (đ, and the look-alike eth
# that legacy-encoding converters emit for "Đ").
_FOLD_LETTERS = str.maketrans("đĐðÐɖƉ", "dDdDdD")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def nfc(text: str) -> str:
    """Unicode NFC (composed) form; decomposed input from some keyboards becomes comparable."""
    return unicodedata.normalize("NFC", text)


def _place_tone(word: str) -> str:
    """`word` with its single tone mark on the canonical vowel; unchanged if not a syllable."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = [ch for ch in decomposed if ch in _TONE_MARKS]
    if len(tones) != 1:
        return word
    base = unicodedata.normalize("NFC", decomposed.replace(tones[0], ""))
    lower = base.lower()
    if len(lower) != len(base):
        return word
    start = 0
    while start < len(lower) and lower[start] not in _PLAIN_VOWELS:
        start += 1
    end = start
    while end < len(lower) and lower[end] in _PLAIN_VOWELS:
        end += 1
    onset, coda = lower[:start], lower[end:]
    if start == end or onset not in _ONSETS or coda not in _CODAS:
        return word
    # "qu" and "gi" + vowel: the u/i is part of the onset, not the rhyme.
    if end - start > 1 and (
        (onset == "q" and lower[start] == "u") or (onset == "g" and lower[start] == "i")
    ):
        start += 1
    nucleus = lower[start:end]
    if len(nucleus) > 3:
        return word
    marked = [i for i, ch in enumerate(nucleus) if ch in _QUALITY_VOWELS]
    if marked:
        pos = marked[-1]  # "ươ" → ơ; otherwise the only marked vowel
    elif coda:
        pos = len(nucleus) - 1
    elif len(nucleus) == 3:
        pos = 1
    else:
        pos = 0  # old-style: hòa, khỏe, thủy, của, mía
    k = start + pos
    return base[:k] + unicodedata.normalize("NFC", base[k] + tones[0]) + base[k + 1 :]


_place_tone_cached = lru_cache(maxsize=1 << 16)(_place_tone)


def normalize_tone_placement(text: str) -> str:
    """Move every tone mark to its old-style position ("hoá" → "hóa", "uỷ" → "ủy")."""
    text = nfc(text)
    if text.isascii():
        return text
    return _TONE_CANDIDATE.sub(lambda m: _place_tone_cached(m.group()), text)


def normalize_i_y(text: str) -> str:
    """Spell the lone rhyme i/y after h, k, l, m, s, t as "i" ("tỷ lệ" → "tỉ lệ")."""
    if text.isascii() and "y" not in text and "Y" not in text:
        return text
    return _I_Y_CANDIDATE.sub(lambda m: m.group().translate(_Y_TO_I), text)


def normalize_spacing(text: str) -> str:
    """One plain space between words, no invisible chars, ASCII dashes and quotes."""
    return _WHITESPACE.sub(" ", text.translate(_PUNCT_TABLE)).strip()


def fold_diacritics(text: str) -> str:
    """Drop every diacritic ("Đường" → "Duong"); case is kept."""
    if text.isascii():
        return text
    stripped = _COMBINING.sub("", unicodedata.normalize("NFD", text.translate(_FOLD_LETTERS)))
    return unicodedata.normalize("NFC", stripped)


def canonical(text: str) -> str:
    """The accented matching form: NFC, tone placement, i/y, spacing, lower case."""
    text = normalize_spacing(nfc(text))
    text = normalize_i_y(normalize_tone_placement(text)).lower()
    # lower() can emit combining marks ("İ" → "i̇"); keep the result NFC so it is a fixpoint.
    return text if text.isascii() else nfc(text)


@lru_cache(maxsize=16384)
def folded(text: str) -> str:
    """The accent-free matching form: `canonical` with diacritics removed.

    Cached: answering re-folds the same clause texts for every question (reranking,
    coverage), and folding was about half of the warm answering time.
    """
    # Folding can make new i/y candidates ("sÿ" → "sy"), so the rule runs again after it.
    out = normalize_i_y(fold_diacritics(canonical(text)))
    # Dropping stray combining marks can leave doubled spaces behind.
    return out if out.isascii() and "  " not in out else normalize_spacing(out)


def has_diacritics(text: str) -> bool:
    """Whether `text` has any accent or "đ" (i.e. was not typed accent-free)."""
    return fold_diacritics(nfc(text)) != nfc(text)


def equivalent(a: str, b: str, *, ignore_accents: bool = False) -> bool:
    """Whether `a` and `b` are the same text after normalisation (optionally accent-free)."""
    form = folded if ignore_accents else canonical
    return form(a) == form(b)


@lru_cache(maxsize=1 << 14)
def _fold_char(ch: str, lower: bool) -> str:
    ch = ch.translate(_PUNCT_TABLE)
    return fold_diacritics(ch.lower() if lower else ch)


def folded_with_offsets(text: str, *, lower: bool = True) -> tuple[str, list[int]]:
    """The folded form of `text` built char by char, with each output char's source index.

    Equals `folded(text)` for ordinary Vietnamese text (`lower=False` keeps the case);
    `offsets[i]` is the index in `text` of the char that produced output char `i`.
    """
    out: list[str] = []
    offsets: list[int] = []
    pending_space = -1  # source index of a whitespace run not yet emitted
    for i, ch in enumerate(text):
        if ch.isspace():
            if out and pending_space < 0:
                pending_space = i
            continue
        piece = _fold_char(ch, lower)
        if not piece:
            continue
        if pending_space >= 0:
            out.append(" ")
            offsets.append(pending_space)
            pending_space = -1
        out.append(piece)
        offsets.extend([i] * len(piece))
    # Same-length rewrite, so offsets stay valid: "tỷ" folds to "ti" as in `folded`.
    flat = _FOLDED_Y.sub(lambda m: m[1] + ("i" if m[2] == "y" else "I"), "".join(out))
    return flat, offsets


def find_normalized(
    haystack: str, needle: str, *, whole_word: bool = False
) -> list[tuple[int, int]]:
    """Source spans `(start, end)` of `haystack` whose folded form equals folded `needle`.

    Matching ignores case, accents, tone placement, spacing and dash/quote styles, so
    "thu tuc hanh chinh" finds "thủ tục hành chính"; `haystack[start:end]` is the original
    text to quote. Non-overlapping, left to right. `whole_word` rejects hits that start or
    end inside a word.
    """
    target = folded(needle)
    if not target:
        return []
    flat, offsets = folded_with_offsets(haystack)
    spans: list[tuple[int, int]] = []
    pos = flat.find(target)
    while pos >= 0:
        end = pos + len(target)
        if not whole_word or (
            (pos == 0 or not flat[pos - 1].isalnum())
            and (end == len(flat) or not flat[end].isalnum())
        ):
            src_start, src_end = offsets[pos], offsets[end - 1] + 1
            # Keep trailing combining marks of decomposed (NFD) source text in the quote.
            while src_end < len(haystack) and unicodedata.combining(haystack[src_end]):
                src_end += 1
            spans.append((src_start, src_end))
            pos = flat.find(target, end)
        else:
            pos = flat.find(target, pos + 1)
    return spans
