"""Vietnam's administrative places by look-up, not by capitalisation guesses.

The names come from the `vietnam-provinces` package (the 34 provinces and 3,321 wards,
communes and special zones after the 2025 reorganisation), plus the 63 provinces that
plans written before July 2025 name. A name is recognised after its level word ("tỉnh",
"thành phố", "xã", "phường", "đặc khu") whatever its first syllable: "xã Văn Bàn",
"phường Trung Hòa" and "xã Công Hải" stay whole, where a rule on capital letters or on
unit-like words ("Văn phòng", "Trung tâm") would cut them.

Matching is on `canonical` forms (one tone placement, lower case), or `folded` ones for
text typed without diacritics.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ingest.normalize_vi import canonical, folded

# Level words as they precede a place name, longest first ("thành phố" before "phố").
PROVINCE_LEVELS = ("tỉnh", "thành phố")
LOCAL_LEVELS = ("xã", "phường", "đặc khu")
# Pre-2025 provinces and centrally governed cities (plans of 2019–2025 name them).
_PROVINCES_BEFORE_2025 = (
    "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh",
    "Bến Tre", "Bình Dương", "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng",
    "Cần Thơ", "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp",
    "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng",
    "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu",
    "Lạng Sơn", "Lào Cai", "Lâm Đồng", "Long An", "Nam Định", "Nghệ An", "Ninh Bình",
    "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi",
    "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình",
    "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Huế", "Tiền Giang", "Hồ Chí Minh",
    "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
)  # fmt: skip
_LONGEST_NAME_WORDS = 7  # "Văn Miếu - Quốc Tử Giám", the dash a word


@dataclass(frozen=True)
class Place:
    """A known place: its level word and its name as the register spells it."""

    level: str  # "tỉnh", "thành phố", "xã", "phường" or "đặc khu"
    name: str
    province: str | None = None  # for a commune or ward, the province it belongs to


def _split_level(full_name: str) -> tuple[str, str]:
    """'Phường Hoàn Kiếm' → ('phường', 'Hoàn Kiếm'); a bare province name → ('tỉnh', name)."""
    lowered = full_name.lower()
    for level in (*PROVINCE_LEVELS, *LOCAL_LEVELS):
        if lowered.startswith(level + " "):
            return level, full_name[len(level) + 1 :]
    return "tỉnh", full_name


@lru_cache(maxsize=1)
def _register() -> dict[str, tuple[Place, ...]]:
    """canonical(name) and folded(name) → the places of that name."""
    places: list[Place] = []
    data = resources.files("vietnam_provinces") / "data" / "flat-divisions.json"
    provinces: set[str] = set()
    for row in json.loads(data.read_text(encoding="utf-8")):
        level, name = _split_level(row["name"])
        province = _split_level(row["province_name"])[1]
        places.append(Place(level, name, province))
        provinces.add(row["province_name"])
    for full_name in sorted(provinces) + list(_PROVINCES_BEFORE_2025):
        level, name = _split_level(full_name)
        places.append(Place(level, name))
        if level == "tỉnh":  # "thành phố Cần Thơ" and "tỉnh Ninh Bình" alike
            places.append(Place("thành phố", name))
    register: dict[str, list[Place]] = {}
    for place in places:
        for key in {canonical(place.name), folded(place.name)}:
            bucket = register.setdefault(key, [])
            if place not in bucket:
                bucket.append(place)
    return {key: tuple(value) for key, value in register.items()}


def places_named(name: str) -> tuple[Place, ...]:
    """Every known place with this name (accents optional), any level."""
    register = _register()
    return register.get(canonical(name)) or register.get(folded(name)) or ()


def _exactly(name: str) -> tuple[Place, ...]:
    """The places spelled `name` with its diacritics (tone placement and case aside)."""
    return _register().get(canonical(name), ())


def known_name_after(level: str, words: list[str]) -> str | None:
    """The longest run of `words` (as written) that names a known place of `level`.

    `words` are the words that follow the level word in the text: "xã Văn Bàn, tỉnh Lào
    Cai" gives ["Văn", "Bàn,", …] after "xã"; trailing punctuation ends a name.
    """
    found = _known_run(level, words)
    return found[0] if found else None


def known_place_after(level: str, words: list[str]) -> Place | None:
    """The known place of `level` that the longest run of `words` names, spelled as the
    register spells it ("VĂN BÀN" → "Văn Bàn"). Typed without diacritics and shared by
    places spelled differently ("van ban": Văn Bàn, Vân Bán), the name as written, title-
    cased; any case, any tone placement."""
    found = _known_run(level, words)
    if found is None:
        return None
    written, places = found
    spellings = {place.name for place in places}
    name = (
        spellings.pop()
        if len(spellings) == 1
        else " ".join(w.capitalize() for w in written.split())
    )
    return Place(_level_word(level), name, places[0].province if len(places) == 1 else None)


def _level_word(level: str) -> str:
    return next(
        (known for known in (*PROVINCE_LEVELS, *LOCAL_LEVELS) if folded(known) == folded(level)),
        level.lower(),
    )


def _known_run(level: str, words: list[str]) -> tuple[str, tuple[Place, ...]] | None:
    """(the run as written, the places of that level it names), longest run first."""
    level = _level_word(level)
    levels = {level} | (set(PROVINCE_LEVELS) if level in PROVINCE_LEVELS else set())
    cleaned: list[str] = []
    for word in words[:_LONGEST_NAME_WORDS]:
        stripped = "-" if word in ("-", "–") else word.strip(",.;:()“”\"'?!-–")
        if not stripped:
            break
        cleaned.append(stripped)
        if word[-1:] in ",.;:)?!":
            break
    for size in range(len(cleaned), 0, -1):
        candidate = " ".join(cleaned[:size])
        # written with diacritics, the name must match them: "xã chủ trì" is not xã Chũ
        named = places_named(candidate) if candidate.isascii() else _exactly(candidate)
        places = tuple(p for p in named if p.level in levels)
        if places:
            return candidate, places
    return None


_LEVEL_WORDS_FOLDED = sorted(
    {folded(level) for level in (*PROVINCE_LEVELS, *LOCAL_LEVELS)}, key=len, reverse=True
)


def places_in_text(text: str) -> list[Place]:
    """Every known place a text names after its level word ("tỉnh Hà Giang", "xa van ban",
    "phường Văn Miếu - Quốc Tử Giám"), in order; accents and case optional. A level word
    typed with diacritics must be the level word itself ("tính" is not "tỉnh")."""
    words = text.split()
    found: list[Place] = []
    i = 0
    while i < len(words):
        matched = None
        for level in _LEVEL_WORDS_FOLDED:
            size = len(level.split())
            run = words[i : i + size]
            written = " ".join(w.strip(",.;:()?!") for w in run)
            if folded(written) != level or len(run) < size:
                continue
            if not written.isascii() and canonical(written) != canonical(_level_word(level)):
                continue
            place = known_place_after(level, words[i + size :])
            if place is not None:
                matched = (place, size + len(place.name.split()))
                break
        if matched:
            found.append(matched[0])
            i += matched[1]
        else:
            i += 1
    return found
