"""Scale benchmark: per-question cost and ingest cost as the number of plans grows.

    python bench/scale_bench.py --plans 5 100 1000 [--home DIR] [--rounds N]

Generates plans from the bundled ones (each copy gets its own place name, số hiệu and
years), ingests them one by one with the model-free hashing embedder (so only kehoach's
own work is timed), and at each size in `--plans` times every question kind. Prints one
JSON object per size and a summary: p50/p95 per kind in ms, ingest seconds per plan for
the first and last tenth of the run, peak RSS and the home's size on disk.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.embedding.hashing import HashingEmbedder
from ingest.parser.plan import parse_plan
from ingest.settings import Settings
from retrieval.runtime import BUNDLED_CORPUS, Runtime

# syllables for synthetic place names: two-syllable names in the style of real ones
_FIRST = ("Văn", "Trung", "Tân", "Phú", "Hòa", "An", "Bình", "Long", "Thạnh", "Xuân", "Đông")
_SECOND = ("Bàn", "Sơn", "Lộc", "Phong", "Hưng", "Thịnh", "Mỹ", "Hải", "Lâm", "Điền", "Khê")


@dataclass(frozen=True)
class Template:
    """A bundled plan and the strings a copy replaces."""

    text: str
    place: str | None
    number: str | None


@dataclass(frozen=True)
class GeneratedPlan:
    """One synthetic plan written to disk, with what questions may name."""

    path: Path
    place: str
    number: str


def _templates() -> list[Template]:
    templates = []
    for path in sorted(BUNDLED_CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        document = parse_plan(text, path.stem, str(path)).document
        place = document.place.name if document.place else None
        templates.append(Template(text, place, document.number))
    return templates


def _place_name(index: int) -> str:
    first = _FIRST[index % len(_FIRST)]
    second = _SECOND[(index // len(_FIRST)) % len(_SECOND)]
    return f"{first} {second} {index // (len(_FIRST) * len(_SECOND)) + 1}"


def _shift_years(text: str, shift: int) -> str:
    def later(match: re.Match[str]) -> str:
        return str(int(match.group(1)) + shift)

    return re.sub(r"\b(202[4-9])\b", later, text)


def generate_plans(count: int, folder: Path, start: int = 0) -> Iterator[GeneratedPlan]:
    """Plans `start` … `count - 1`, cycling over the bundled ones."""
    templates = _templates()
    for index in range(start, count):
        template = templates[index % len(templates)]
        text = template.text
        place = _place_name(index)
        if template.place:
            text = text.replace(template.place, place).replace(
                template.place.upper(), place.upper()
            )
        number = f"{1000 + index}/KH-UBND"
        if template.number:
            text = text.replace(template.number, number)
        text = _shift_years(text, index % 3)
        path = folder / f"plan-{index:05d}.txt"
        path.write_text(text, encoding="utf-8")
        yield GeneratedPlan(path, place, number)


def _question_kinds(plan: GeneratedPlan) -> dict[str, str]:
    number = plan.number.split("/")[0]
    return {
        "clause, plan named": f"Sở nào chủ trì chỉ tiêu 6.6 kế hoạch {number}?",
        "clause, no plan": "Sở nào chủ trì chỉ tiêu 6.6?",
        "free text, no plan": "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến đạt bao nhiêu?",
        "free text, place named": f"Chỉ tiêu phủ sóng 5G của {plan.place}?",
        "list by unit": "Công an tỉnh chủ trì những chỉ tiêu nào?",
        "list by period": "Những nhiệm vụ nào hạn tháng 10/2025?",
        "document facts": f"Kế hoạch {number} do ai ký?",
    }


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _time_kinds(ask: Callable[[str], object], kinds: dict[str, str], rounds: int) -> dict:
    figures = {}
    for kind, question in kinds.items():
        ask(question)  # warm-up
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            ask(question)
            times.append((time.perf_counter() - started) * 1000)
        figures[kind] = {
            "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(_percentile(times, 0.95), 2),
        }
    return figures


def _disk_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plans", type=int, nargs="+", default=[5, 100])
    parser.add_argument("--home", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="kehoach-scale-"))
    home = args.home or workdir / "home"
    plans_dir = workdir / "plans"
    plans_dir.mkdir()
    runtime = Runtime(Settings(home=home), embedder=HashingEmbedder(64))
    ingest_seconds: list[float] = []
    generated: list[GeneratedPlan] = []
    results = []
    try:
        for size in sorted(args.plans):
            for plan in generate_plans(size, plans_dir, start=len(generated)):
                started = time.perf_counter()
                runtime.ingest_paths([plan.path])
                ingest_seconds.append(time.perf_counter() - started)
                generated.append(plan)
            runtime.invalidate()
            assistant = runtime.assistant()
            kinds = _question_kinds(generated[len(generated) // 2])
            tenth = max(1, len(ingest_seconds) // 10)
            result = {
                "plans": size,
                "questions": _time_kinds(assistant.ask, kinds, args.rounds),
                "ingest_s_per_plan_first_tenth": round(statistics.mean(ingest_seconds[:tenth]), 3),
                "ingest_s_per_plan_last_tenth": round(statistics.mean(ingest_seconds[-tenth:]), 3),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                "home_disk_mb": round(_disk_bytes(home) / 1e6, 1),
            }
            results.append(result)
            print(json.dumps(result, ensure_ascii=False), flush=True)
    finally:
        runtime.close()
        shutil.rmtree(workdir, ignore_errors=True)
    base = results[0]["questions"]
    summary = {kind: [r["questions"][kind]["p95_ms"] for r in results] for kind in base}
    print(
        json.dumps(
            {"p95_ms_by_size": summary, "sizes": [r["plans"] for r in results]}, ensure_ascii=False
        )
    )


if __name__ == "__main__":
    main()
