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
_LONGEST_NAME_WORDS = 5


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


def known_name_after(level: str, words: list[str]) -> str | None:
    """The longest run of `words` (as written) that names a known place of `level`.

    `words` are the words that follow the level word in the text: "xã Văn Bàn, tỉnh Lào
    Cai" gives ["Văn", "Bàn,", …] after "xã"; trailing punctuation ends a name.
    """
    level = next(
        (known for known in (*PROVINCE_LEVELS, *LOCAL_LEVELS) if folded(known) == folded(level)),
        level.lower(),
    )
    levels = {level} | (set(PROVINCE_LEVELS) if level in PROVINCE_LEVELS else set())
    cleaned: list[str] = []
    for word in words[:_LONGEST_NAME_WORDS]:
        stripped = word.strip(",.;:()“”\"'")
        if not stripped:
            break
        cleaned.append(stripped)
        if word[-1:] in ",.;:)":
            break
    for size in range(len(cleaned), 0, -1):
        candidate = " ".join(cleaned[:size])
        if any(place.level in levels for place in places_named(candidate)):
            return candidate
    return None
