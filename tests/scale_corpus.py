"""A corpus of many plans for the scope and narrowing tests, made by the scale benchmark's
generator (`bench/scale_bench.py`) from the bundled plans, with real 2025 place names.

`PLACES` copies of the Ninh Bình plan 19/KH-UBND (which has chỉ tiêu 6.6) are written for
provinces and, with their level word switched, for communes — among them names several
provinces share ("Tân Lập") and names that start like a unit ("Văn Bàn", "Trung Hòa") — and
`XA_PLANS` copies of the commune plan of Xuân Trường (no chỉ tiêu 6.6).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bench.scale_bench import Template, bundled_templates, generate_plans

# (level, place) of each copy of 19/KH-UBND; the year of each copy shifts by index % 3
PLACES: tuple[tuple[str, str], ...] = (
    ("tỉnh", "Lào Cai"),
    ("tỉnh", "Tuyên Quang"),
    ("tỉnh", "Quảng Ninh"),
    ("xã", "Văn Bàn"),
    ("xã", "Trung Hòa"),
    ("xã", "Công Hải"),
    ("xã", "Tân Lập"),
)
XA_PLACES: tuple[str, ...] = ("Tân Hiệp", "Chi Lăng")


@dataclass(frozen=True)
class ScalePlan:
    path: Path
    level: str
    place: str
    number: str


def _level_switched(text: str, place: str, level: str) -> str:
    """ "tỉnh Lào Cai" → "xã Lào Cai" wherever the template wrote its own level."""
    if level == "tỉnh":
        return text
    text = text.replace(f"TỈNH {place.upper()}", f"{level.upper()} {place.upper()}")
    return re.sub(rf"[tT]ỉnh(\s+){re.escape(place)}", rf"{level}\1{place}", text)


def write_scale_corpus(folder: Path) -> list[ScalePlan]:
    """Writes the plans under `folder` and returns what each is."""
    folder.mkdir(parents=True, exist_ok=True)
    templates = {t.number: t for t in bundled_templates()}
    provincial = templates["19/KH-UBND"]
    commune = next(t for t in bundled_templates() if t.place == "Xuân Trường")
    plans: list[ScalePlan] = []

    def name(index: int, _template: Template) -> str:
        return PLACES[index][1]

    for plan in generate_plans(len(PLACES), folder, templates=[provincial], name_for=name):
        level, place = PLACES[int(plan.path.stem.split("-")[1])]
        plan.path.write_text(_level_switched(plan.path.read_text("utf-8"), place, level), "utf-8")
        plans.append(ScalePlan(plan.path, level, place, plan.number))

    def xa_name(index: int, _template: Template) -> str:
        return XA_PLACES[index - len(PLACES)]

    end = len(PLACES) + len(XA_PLACES)
    for plan in generate_plans(
        end, folder, start=len(PLACES), templates=[commune], name_for=xa_name
    ):
        plans.append(ScalePlan(plan.path, "xã", plan.place, plan.number))
    return plans
