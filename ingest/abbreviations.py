"""Abbreviations of plan documents, recognised both ways, and canonical unit names.

The table lives in `abbreviations.toml` next to this module (see its header for the
fields). Matching is on whole words of the folded text, so "so khcn", "Sở KH&CN",
"sở KH và CN" and "Sở Khoa học và Công nghệ" are all the same entry; accented input must
agree with the accents of the form ("Sở" matches, "số" does not), accent-free input
matches either.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingest.normalize_vi import canonical, folded

__all__ = [
    "Abbreviation",
    "AbbreviationMatch",
    "abbreviations_in",
    "canonical_unit_name",
    "entries",
    "expand_abbreviations",
    "short_forms",
    "units_in",
]

TABLE_PATH = Path(__file__).with_name("abbreviations.toml")

# Word runs, combining marks included so decomposed (NFD) input keeps its words whole.
_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
# Level words that may follow a unit ("UBND tỉnh", "Công an xã"), longest first.
_LEVELS: tuple[tuple[str, str], ...] = (
    ("thành phố", "thành phố"),
    ("thị xã", "thị xã"),
    ("thị trấn", "thị trấn"),
    ("tp", "thành phố"),
    ("tỉnh", "tỉnh"),
    ("huyện", "huyện"),
    ("quận", "quận"),
    ("xã", "xã"),
    ("phường", "phường"),
)
_LEVEL_FILLERS = ("các", "cấp")  # "UBND các xã", "UBND cấp xã"


@dataclass(frozen=True)
class Abbreviation:
    """One table entry: a long form and the short forms that stand for it."""

    id: str  # folded primary short form, e.g. "so_kh_cn", "tthc"
    long: str
    short: tuple[str, ...]
    variants: tuple[str, ...] = ()
    unit: bool = False
    with_level: bool = False
    case_sensitive: bool = False

    @property
    def primary_short(self) -> str:
        return self.short[0]


@dataclass(frozen=True)
class AbbreviationMatch:
    """An occurrence of an entry in a text, with source character offsets."""

    entry: Abbreviation
    start: int
    end: int
    is_short: bool  # matched a short form (else the long form or a variant)
    text: str  # the source text of the match
    level: str | None = None  # canonical level word right after a unit ("tỉnh"), if any

    @property
    def unit_name(self) -> str | None:
        """Canonical display name when the entry is a unit ("Ủy ban nhân dân tỉnh")."""
        if not self.entry.unit:
            return None
        if self.entry.with_level and self.level:
            return f"{self.entry.long} {self.level}"
        return self.entry.long


@dataclass(frozen=True, slots=True)
class _Token:
    canon: str  # accented matching form
    fold: str  # accent-free matching form
    start: int
    end: int
    plain: bool  # written without any diacritic
    upper: bool  # written in capitals


@dataclass(frozen=True)
class _Pattern:
    canons: tuple[str, ...]
    entry: Abbreviation
    is_short: bool


@lru_cache(maxsize=1 << 15)
def _token_forms(word: str) -> tuple[str, str]:
    return canonical(word), folded(word)


def _tokens(text: str) -> list[_Token]:
    """Words of `text` with their matching forms; "và" is dropped ("KH và CN" = "KH&CN")."""
    out = []
    for m in _WORD.finditer(text):
        canon, fold = _token_forms(m.group())
        plain = canon == fold
        if fold == "va" and (plain or canon == "và"):
            continue
        out.append(_Token(canon, fold, m.start(), m.end(), plain, m.group().isupper()))
    return out


def _agrees(token: _Token, canon: str) -> bool:
    return token.plain or token.canon == canon


def _entry_id(short: str) -> str:
    return "_".join(t.fold for t in _tokens(short))


def _load(path: Path) -> tuple[Abbreviation, ...]:
    with path.open("rb") as fh:
        raw = tomllib.load(fh)
    out = []
    for item in raw["entry"]:
        short = tuple(dict.fromkeys(item["short"]))
        out.append(
            Abbreviation(
                id=_entry_id(short[0]),
                long=item["long"],
                short=short,
                variants=tuple(item.get("variants", ())),
                unit=bool(item.get("unit", False)),
                with_level=bool(item.get("with_level", False)),
                case_sensitive=bool(item.get("case_sensitive", False)),
            )
        )
    return tuple(out)


class _Table:
    """Entries indexed by the folded words of every form, for longest-match scanning."""

    def __init__(self, items: Sequence[Abbreviation]) -> None:
        self.entries = tuple(items)
        self._by_key: dict[tuple[str, ...], list[_Pattern]] = {}
        self._lengths: dict[str, list[int]] = {}
        ids: set[str] = set()
        for entry in self.entries:
            if entry.id in ids:
                raise ValueError(f"duplicate abbreviation id {entry.id!r}")
            ids.add(entry.id)
            forms = [(f, False) for f in (entry.long, *entry.variants)]
            forms += [(f, True) for f in entry.short]
            seen: set[tuple[str, ...]] = set()
            for form, is_short in forms:
                toks = _tokens(form)
                canons = tuple(t.canon for t in toks)
                if not canons or canons in seen:
                    continue
                seen.add(canons)
                key = tuple(t.fold for t in toks)
                clash = [p for p in self._by_key.get(key, ()) if p.canons == canons]
                if clash:
                    raise ValueError(
                        f"{form!r} is a form of both {clash[0].entry.id!r} and {entry.id!r}"
                    )
                self._by_key.setdefault(key, []).append(_Pattern(canons, entry, is_short))
                self._lengths.setdefault(key[0], []).append(len(key))
        for lengths in self._lengths.values():
            lengths[:] = sorted(set(lengths), reverse=True)

    def match_at(self, toks: Sequence[_Token], i: int) -> tuple[_Pattern, int, str | None, int]:
        """Longest pattern starting at token `i`: (pattern, end token, level, end after level).

        Raises LookupError when nothing matches.
        """
        for length in self._lengths.get(toks[i].fold, ()):
            j = i + length
            if j > len(toks):
                continue
            window = toks[i:j]
            for pat in self._by_key.get(tuple(t.fold for t in window), ()):
                if not all(_agrees(t, c) for t, c in zip(window, pat.canons, strict=True)):
                    continue
                level, after = _level_after(toks, j) if pat.entry.unit else (None, j)
                if (
                    pat.is_short
                    and pat.entry.case_sensitive
                    and length == 1
                    and not window[0].upper
                    and not (pat.entry.with_level and level)
                ):
                    continue
                return pat, j, level, after
        raise LookupError

    def scan(self, toks: Sequence[_Token]) -> Iterable[tuple[_Pattern, int, int, str | None, int]]:
        """Non-overlapping longest matches, left to right: (pattern, i, j, level, after)."""
        i = 0
        while i < len(toks):
            try:
                pat, j, level, after = self.match_at(toks, i)
            except LookupError:
                i += 1
                continue
            yield pat, i, j, level, after
            i = j


@lru_cache(maxsize=1)
def _level_patterns() -> tuple[tuple[tuple[str, ...], str], ...]:
    return tuple((tuple(t.canon for t in _tokens(form)), name) for form, name in _LEVELS)


def _is_word(token: _Token, canon: str) -> bool:
    return token.fold == _token_forms(canon)[1] and _agrees(token, canon)


def _level_after(toks: Sequence[_Token], j: int) -> tuple[str | None, int]:
    """The level word starting at token `j` (after an optional "các"/"cấp"), and its end."""
    k = j + 1 if j < len(toks) and any(_is_word(toks[j], f) for f in _LEVEL_FILLERS) else j
    for canons, name in _level_patterns():
        end = k + len(canons)
        if end <= len(toks) and all(
            _is_word(t, c) for t, c in zip(toks[k:end], canons, strict=True)
        ):
            return name, end
    return None, j


@lru_cache(maxsize=1)
def _table() -> _Table:
    return _Table(_load(TABLE_PATH))


def entries() -> tuple[Abbreviation, ...]:
    """Every entry of the table, in file order."""
    return _table().entries


def short_forms(name: str) -> list[str]:
    """`name` with the long form it opens with written short, one per short form of the
    table (the reverse of `expand_abbreviations`): "Ủy ban nhân dân xã Xuân Trường" →
    ["UBND xã Xuân Trường"], "Sở Giáo dục và Đào tạo" → ["Sở GD&ĐT", …]; [] when it opens
    with no long form of the table."""
    key = canonical(name).lower()
    best: Abbreviation | None = None
    for entry in _table().entries:
        long = canonical(entry.long).lower()
        opens = key == long or key.startswith(f"{long} ")
        if opens and (best is None or len(entry.long) > len(best.long)):
            best = entry
    if best is None:
        return []
    rest = name[len(best.long) :]
    return [f"{short}{rest}" for short in best.short]


def abbreviations_in(text: str) -> list[AbbreviationMatch]:
    """Short and long forms of table entries found in `text`, left to right, non-overlapping.

    Longer forms win ("Văn phòng UBND tỉnh" is one Văn phòng UBND match, not a UBND match).
    """
    toks = _tokens(text)
    out = []
    for pat, i, j, level, _after in _table().scan(toks):
        start, end = toks[i].start, toks[j - 1].end
        out.append(AbbreviationMatch(pat.entry, start, end, pat.is_short, text[start:end], level))
    return out


def expand_abbreviations(text: str, *, keep_short: bool = True) -> str:
    """`text` with the long form of every short form: "Sở KHCN (Sở Khoa học và Công nghệ)".

    `keep_short=False` replaces the short form instead. Entries whose long form is already
    in the text are left alone.
    """
    pieces: list[str] = []
    pos = 0
    for m in expanded_matches(text):
        if keep_short:
            pieces += [text[pos : m.end], f" ({m.entry.long})"]
        else:
            pieces += [text[pos : m.start], m.entry.long]
        pos = m.end
    pieces.append(text[pos:])
    return "".join(pieces)


def expanded_matches(text: str) -> list[AbbreviationMatch]:
    """The short forms `expand_abbreviations` spells out: outside số ký hiệu, and only for
    entries whose long form the text does not already write."""
    matches = [m for m in abbreviations_in(text) if not _in_symbol(text, m.start)]
    spelled_out = {m.entry.id for m in matches if not m.is_short}
    return [m for m in matches if m.is_short and m.entry.id not in spelled_out]


def _in_symbol(text: str, start: int) -> bool:
    """Whether a short form at `start` is part of a số ký hiệu ("1544/QĐ-BLĐTBXH",
    "986/QĐ-UBND"): written right after "/" or "-" that follows a letter or figure."""
    return start >= 2 and text[start - 1] in "/-" and text[start - 2].isalnum()


def units_in(text: str) -> list[str]:
    """Canonical names of the known units mentioned in `text`, in order, without repeats."""
    names = (m.unit_name for m in abbreviations_in(text))
    return list(dict.fromkeys(n for n in names if n))


def canonical_unit_name(text: str) -> str | None:
    """The canonical name when `text` is a mention of a known unit, else None.

    "VP UBND tỉnh", "văn phòng ubnd tinh" → "Văn phòng Ủy ban nhân dân tỉnh";
    "Sở KHCN", "so khoa hoc va cong nghe" → "Sở Khoa học và Công nghệ". After the unit
    the mention may only go on with level words and a capitalised place name ("Sở KH&CN
    tỉnh Ninh Bình", "Công an xã Xuân Trường", "UBND các xã, phường"); anything else
    ("Sở KHCN chủ trì") means the text is more than a unit mention.
    """
    toks = _tokens(text)
    if not toks:
        return None
    try:
        pat, _j, level, after = _table().match_at(toks, 0)
    except LookupError:
        return None
    if not pat.entry.unit:
        return None
    for tok in toks[after:]:
        if not text[tok.start : tok.end][:1].isupper() and not _is_level_word(tok):
            return None
    if pat.entry.with_level and level:
        return f"{pat.entry.long} {level}"
    return pat.entry.long


def _is_level_word(token: _Token) -> bool:
    return any(_is_word(token, c) for canons, _name in _level_patterns() for c in canons) or any(
        _is_word(token, f) for f in _LEVEL_FILLERS
    )
