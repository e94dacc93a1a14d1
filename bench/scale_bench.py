"""Scale benchmark: per-question cost and ingest cost as the number of plans grows.

    python bench/scale_bench.py --plans 5 100 1000 [--home DIR] [--rounds N] [--bulk]
    python bench/scale_bench.py --facts --plans 10 100 1000 2000 [--database-url URL] [--store DIR]
    python bench/scale_bench.py --probe-ingest 20 --home SMALL --home LARGE
    python bench/scale_bench.py --probe-facts 12 --home SMALL --home LARGE
    python bench/scale_bench.py --facts-curve --plans 5 100 1000 [--store DIR] [--window 20]

Generates plans from the bundled ones (each copy gets its own place name, số hiệu and
years), ingests them one by one with the model-free hashing embedder (so only kehoach's
own work is timed), and at each size in `--plans` times every question kind. Prints one
JSON object per size and a summary: p50/p95 per kind in ms (wall and this process's CPU
time), the count each list answer states beside the exact count, ingest seconds per plan
for the first and last 100 plans of the run, RSS and the home's size on disk.

A kept `--home` resumes: plans already in it are not ingested again, so one large home
serves several runs (and several versions of the code). `--bulk` fills it from renamed
copies of the bundled plans' points (parsed and embedded once) instead of ingesting each
plan, to reach 1,000+ plans in minutes; ingest is then not timed.

`--probe-ingest K` measures whether ingest stays linear on a shared machine: it ingests K
plans into each of two or more kept homes of different sizes, taking turns plan by plan (the
same bundled plan copied into each, the order alternating), so that every home sees the same
load; it prints seconds per plan (wall and CPU) at each home's size. A run that ingests
1,000 plans one after the other compares its first and last 100 under whatever load came
and went meanwhile; the turns compare the sizes under one load.

`--facts` times the question path's structured look-ups alone, on the facts store
(`ingest.facts`: SQLite, and PostgreSQL with `--database-url`): resolving the plans a
question names, listing a unit's rows and a month's rows (one page, exact total; the month
as `list_by_period` asks it, by the deadline as written), a clause by number, the appendix
check and `is_loaded`, a unit's rows narrowed by a topic (one page, exact total, from the
topic's entries under the unit), and clause 6.6 of every plan grouped by level and place
(in the store, and plan by plan as before, for the comparison); it prints the medians per
size and their ratio largest/smallest. The store is filled straight from the bundled
plans' payloads, renamed per copy (no embedding, no index), so 1,000 plans take seconds.

`--facts-curve` measures how writing one plan's facts grows with the store: it writes the
facts of ingested plans (the bundled plans' payloads with their search text, so each writes
the ~11,000 topic entries an ingested plan writes, renamed per copy) one after the other into
one SQLite store, and at each size in `--plans` prints the CPU and wall seconds a plan over
the `--window` plans ending there (median and mean), each statement's median CPU, and the
ratio to the smallest size's median.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.embedding.hashing import HashingEmbedder
from ingest.parser.plan import parse_plan
from ingest.settings import Settings
from retrieval.runtime import BUNDLED_CORPUS, Runtime

_BUNDLED = tuple(sorted(BUNDLED_CORPUS.glob("*.txt")))  # the plans copies are made from
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


def bundled_templates() -> list[Template]:
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


def generate_plans(
    count: int,
    folder: Path,
    start: int = 0,
    templates: Sequence[Template] | None = None,
    name_for: Callable[[int, Template], str] | None = None,
) -> Iterator[GeneratedPlan]:
    """Plans `start` … `count - 1`, cycling over `templates` (the bundled plans); each
    copy's place is `name_for(index, template)` (a synthetic name by default)."""
    templates = list(templates or bundled_templates())
    for index in range(start, count):
        template = templates[index % len(templates)]
        text = template.text
        place = name_for(index, template) if name_for else _place_name(index)
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


def _middle_plan(count: int, templates: int = len(_BUNDLED)) -> int:
    """The plan the per-plan questions name: the one nearest the middle that copies the
    first bundled plan, so that every size asks about the same plan's text (plan `i`
    copies bundled plan `i % templates`; the plain middle copies a different one at 5
    plans than at 100 or 1,000, and its answers take different paths)."""
    middle = count // 2
    return middle - middle % templates


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _time_kinds(ask: Callable[[str], object], kinds: dict[str, str], rounds: int) -> dict:
    figures = {}
    for kind, question in kinds.items():
        ask(question)  # warm-up
        times, cpu = [], []
        for _ in range(rounds):
            started, started_cpu = time.perf_counter(), time.process_time()
            ask(question)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        figures[kind] = {
            "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(_percentile(times, 0.95), 2),
            # this process's CPU time (all its threads): steadier than wall time on a
            # machine shared with other jobs
            "cpu_p50_ms": round(statistics.median(cpu), 2),
            "cpu_p95_ms": round(_percentile(cpu, 0.95), 2),
        }
    return figures


def _disk_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def _payload_templates() -> list[tuple[dict, list[dict]]]:
    """Each bundled plan's document metadata and its clauses' index payloads."""
    from ingest.domain import to_plain
    from ingest.points import clause_payload, indexable

    found = []
    for path in sorted(BUNDLED_CORPUS.glob("*.txt")):
        plan = parse_plan(path.read_text(encoding="utf-8"), path.stem, str(path))
        targets = {target.clause_id: target for target in plan.targets}
        payloads = [
            clause_payload(plan, clause, targets.get(clause.id), "")
            for clause in plan.clauses
            if indexable(clause)
        ]
        found.append((to_plain(plan.document), payloads))
    return found


def _synthetic_facts(index: int, templates: list[tuple[dict, list[dict]]]) -> tuple[dict, list]:
    """Plan `index`: a bundled plan under its own id, place, số hiệu and years."""
    document, payloads = templates[index % len(templates)]
    doc_id = f"plan-{index:05d}"
    place = _place_name(index)
    shift = index % 3
    renamed = dict(document)
    renamed["id"] = doc_id
    renamed["title"] = _shift_years(
        document["title"].replace((document.get("place") or {}).get("name") or "\0", place),
        shift,
    )
    renamed["number"] = f"{1000 + index}/KH-UBND"
    renamed["place"] = {**(document.get("place") or {"level": "xã"}), "name": place}
    if document.get("issued_date"):
        renamed["issued_date"] = _shift_years(document["issued_date"], shift)
    old = document["id"]
    copies = []
    for payload in payloads:
        copy = dict(payload)
        copy["document_id"] = doc_id
        copy["clause_id"] = payload["clause_id"].replace(old, doc_id, 1)
        if payload.get("parent_id"):
            copy["parent_id"] = payload["parent_id"].replace(old, doc_id, 1)
        if "due" in payload and shift:
            copy["due"] = payload["due"] + shift * 10000
        copies.append(copy)
    return renamed, copies


def _timed(run: Callable[[], object], rounds: int) -> dict[str, float]:
    """p50/p95 wall ms, and this process's CPU ms (steadier than wall on a loaded machine;
    a PostgreSQL server's own work is not in it)."""
    run()  # warm-up
    times, cpu = [], []
    for _ in range(rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        run()
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return {
        "p50_ms": round(statistics.median(times), 3),
        "p95_ms": round(_percentile(times, 0.95), 3),
        "cpu_p50_ms": round(statistics.median(cpu), 3),
    }


def _rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as stream:
        pages = int(stream.read().split()[1])
    return round(pages * resource.getpagesize() / 1e6, 1)


def _row_queries() -> tuple[Any, Any]:
    from ingest.facts import RowQuery
    from ingest.parser.units import unit_key

    police = (unit_key("Công an tỉnh"),)
    return (
        RowQuery(unit_keys=police, role="lead", limit=20),
        # as `list_by_period` asks for "hạn tháng 10/2025": the deadline as written
        RowQuery(in_window=(2025, None, 10), limit=20),
    )


_ROW_QUERIES = _row_queries()


def _lookups(store: Any, directory: Any, middle: Any, rounds: int) -> dict[str, dict]:
    """p50/p95 of each question-path look-up, about the plan `middle`."""
    from ingest.normalize_vi import folded

    number = (middle.number or "").split("/")[0]
    place = folded(middle.place_name or "")
    ask = {
        "resolve: plan by number": f"so nao chu tri chi tieu 6.6 ke hoach {number}?",
        "resolve: plan by place": f"chi tieu phu song 5g cua {place}?",
        "resolve: place and year": f"ke hoach chuyen doi so {place} nam 2026",
        "resolve: no plan named": "so nao chu tri chi tieu 6.6?",
    }
    figures = {kind: _timed(partial(directory.resolve, q), rounds) for kind, q in ask.items()}
    page, month = _ROW_QUERIES
    figures["rows: unit, page of 20"] = _timed(partial(store.rows, page), rounds)
    figures["rows: month, page of 20"] = _timed(partial(store.rows, month), rounds)
    # the note on plans naming the unit with no column of a role: counted, the first three
    police, role = page.unit_keys, "monitoring"
    figures["plans lacking a role: count"] = _timed(
        partial(store.count_documents_naming_units, police, (), role), rounds
    )
    figures["plans lacking a role: first 3"] = _timed(
        partial(store.documents_naming_units, police, (), role, 3), rounds
    )
    figures["clause 6.6 in the named plan"] = _timed(
        partial(store.clauses_numbered, "6.6", [middle.id]), rounds
    )
    figures["appendix rows check"] = _timed(partial(store.has_appendix_rows, middle.id), rounds)
    figures["is_loaded(number)"] = _timed(partial(directory.is_loaded, number, "kh-ubnd"), rounds)
    on_topic = replace(page, covering=_topic_cover(store))
    figures["unit rows on a topic, page of 20"] = _timed(partial(store.rows, on_topic), rounds)
    # the same with the count exact however many rows (every entry of the topic read:
    # schema 12), and with other bounds on the entries read per term (`TOPIC_ENTRIES`)
    figures["unit rows on a topic, exact count"] = _timed(
        partial(_exact_topic_rows, store, on_topic), rounds
    )
    for entries in _TOPIC_BOUNDS:
        figures[f"unit rows on a topic, bound {entries}"] = _timed(
            partial(_bounded_topic_rows, store, on_topic, entries), rounds
        )
    figures["clause 6.6 in every plan, grouped (store)"] = _timed(
        partial(_grouped_in_store, store), rounds
    )
    figures["clause 6.6 in every plan, grouped (each plan)"] = _timed(
        partial(_grouped_plan_by_plan, store, directory), rounds
    )
    return figures


_TOPIC_QUESTION = "Công an tỉnh chủ trì những chỉ tiêu nào về an ninh mạng?"
_TOPIC_BOUNDS: list[int] = []  # --topic-entries: other bounds timed beside the default


def _exact_topic_rows(store: Any, query: Any) -> object:
    """A unit's rows on a topic with the exact count, every entry of the topic read."""
    import ingest.facts as facts

    kept = facts.TOPIC_ENTRIES
    facts.TOPIC_ENTRIES = 10**12
    try:
        return store.count_rows(query), store.row_page_located(query)
    finally:
        facts.TOPIC_ENTRIES = kept


def _bounded_topic_rows(store: Any, query: Any, entries: int) -> object:
    """`store.rows` with `entries` read per topic term (`ingest.facts.TOPIC_ENTRIES`)."""
    import ingest.facts as facts

    kept = facts.TOPIC_ENTRIES
    facts.TOPIC_ENTRIES = entries
    try:
        return store.rows(query)
    finally:
        facts.TOPIC_ENTRIES = kept


def _topic_cover(store: Any) -> Any:
    """The topic filter of `_TOPIC_QUESTION` with this corpus's term weights."""
    from retrieval.query import understand
    from retrieval.relevance import TermWeights

    counts = store.corpus_counts()
    total = counts["clauses"].get("", 0)
    weights = TermWeights.from_counts(total, counts["word"], counts["pair"])
    query = understand(_TOPIC_QUESTION)
    topic = ["an", "ninh", "mang"]
    return weights.cover(weights.concepts(query.phrases, topic), 0.5)


def _grouped_in_store(store: Any) -> object:
    """Plans with clause 6.6 counted by level and place, and the latest few: indexed
    grouped queries (`retrieval.narrowing.groups_in_store`)."""
    from retrieval.narrowing import FEW, groups_in_store

    return groups_in_store(store, "6.6"), store.latest_documents(FEW, "6.6")


def _grouped_plan_by_plan(store: Any, directory: Any) -> object:
    """The same from every plan's id, grouped in Python (before session 10)."""
    from retrieval.narrowing import FEW, groups_of, plans_latest_first

    having = store.documents_with_clause("6.6")
    return groups_of(having, directory), plans_latest_first(having, directory, FEW)


def facts_bench(
    sizes: list[int], rounds: int, url: str | None, kept: Path | None = None
) -> list[dict]:
    """Question-path look-ups on the facts store as the number of plans grows. With `kept`
    (SQLite only), the store is `kept/facts.sqlite3` and stays: a later run resumes where
    this one stopped (and `--probe-facts --home kept` writes into it)."""
    from ingest.facts import FactStore
    from retrieval.documents import DocumentDirectory, DocumentInfo

    templates = _payload_templates()
    workdir = Path(tempfile.mkdtemp(prefix="kehoach-facts-"))
    schema = f"bench_{int(time.time())}" if url else None
    path = (kept if kept is not None and not url else workdir) / "facts.sqlite3"
    store = FactStore(path, url=url, schema=schema)
    held = store.documents(store.document_ids())
    infos = {record.id: DocumentInfo.from_plain(record.data) for record in held}
    results = []
    try:
        for size in sorted(sizes):
            started, started_cpu = time.perf_counter(), time.process_time()
            filled = 0
            for index in range(len(infos), size):
                document, payloads = _synthetic_facts(index, templates)
                store.put_payloads(document, f"v{index}", payloads)
                infos[document["id"]] = DocumentInfo.from_plain(document)
                filled += 1
                if filled % 100 == 0:  # progress
                    print(
                        f"facts of {len(infos)} plans: "
                        f"{(time.perf_counter() - started) / filled:.3f} s/plan wall, "
                        f"{(time.process_time() - started_cpu) / filled:.3f} s/plan CPU",
                        file=sys.stderr,
                        flush=True,
                    )
            fill_s = time.perf_counter() - started
            fill_cpu_s = time.process_time() - started_cpu
            directory = DocumentDirectory(infos, store)
            middle = infos[f"plan-{size // 2:05d}"]
            figures = _lookups(store, directory, middle, rounds)
            page, month = _ROW_QUERIES
            on_topic = store.rows(replace(page, covering=_topic_cover(store)))
            result = {
                "backend": store.backend,
                "plans": size,
                "unit rows on a topic": [on_topic.total, on_topic.exact],
                "clauses": int(store._db.query("SELECT COUNT(*) FROM clauses")[0][0]),
                "unit rows total": store.rows(page).total,
                "plans lacking a monitoring column": store.count_documents_naming_units(
                    page.unit_keys, (), "monitoring"
                ),
                "month rows total": store.rows(month).total,
                "fill_s": round(fill_s, 2),
                "filled_now": filled,
                "fill_cpu_s_per_plan": round(fill_cpu_s / filled, 4) if filled else None,
                "rss_mb": _rss_mb(),
                "lookups": figures,
            }
            results.append(result)
            print(json.dumps(result, ensure_ascii=False), flush=True)
    finally:
        store.close()
        if url and schema:
            import psycopg

            with psycopg.connect(url, autocommit=True) as connection:
                connection.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        shutil.rmtree(workdir, ignore_errors=True)
    return results


def probe_ingest(homes: list[Path], plans: int) -> list[dict[str, Any]]:
    """Ingest `plans` plans into each home, taking turns plan by plan (the same bundled plan
    into each, the order alternating); seconds per plan at each home's size."""
    templates = bundled_templates()
    workdir = Path(tempfile.mkdtemp(prefix="kehoach-probe-"))
    runtimes = [Runtime(Settings(home=home), embedder=HashingEmbedder(64)) for home in homes]
    sizes = [len(runtime.catalog.entries) for runtime in runtimes]
    wall: list[list[float]] = [[] for _ in homes]
    cpu: list[list[float]] = [[] for _ in homes]
    try:
        for turn in range(plans):
            template = templates[turn % len(templates)]
            order = list(range(len(homes)))
            for at in order if turn % 2 == 0 else order[::-1]:
                runtime = runtimes[at]
                index = len(runtime.catalog.entries)
                (plan,) = generate_plans(index + 1, workdir, start=index, templates=[template])
                started, started_cpu = time.perf_counter(), time.process_time()
                runtime.ingest_paths([plan.path])
                wall[at].append(time.perf_counter() - started)
                cpu[at].append(time.process_time() - started_cpu)
                plan.path.unlink()
    finally:
        for runtime in runtimes:
            runtime.close()
        shutil.rmtree(workdir, ignore_errors=True)
    results = [
        {
            "home": str(home),
            "plans_before": size,
            "ingested": len(wall[at]),
            "wall_s_per_plan_mean": round(statistics.mean(wall[at]), 3),
            "wall_s_per_plan_median": round(statistics.median(wall[at]), 3),
            "cpu_s_per_plan_mean": round(statistics.mean(cpu[at]), 3),
            "cpu_s_per_plan_median": round(statistics.median(cpu[at]), 3),
        }
        for at, (home, size) in enumerate(zip(homes, sizes, strict=True))
    ]
    smallest = min(range(len(homes)), key=lambda at: sizes[at])
    for result in results:
        for kind in ("wall_s_per_plan_median", "cpu_s_per_plan_median"):
            base = results[smallest][kind]
            result[f"{kind}_over_smallest"] = round(result[kind] / base, 2) if base else None
        print(json.dumps(result, ensure_ascii=False), flush=True)
    return results


def probe_facts(homes: list[Path], plans: int) -> list[dict[str, Any]]:
    """Write one synthetic plan's facts into each home's SQLite facts store, taking turns
    (the order alternating), `plans` times, then remove them: CPU seconds a plan for the
    whole write and for each statement (median), at each store's size. Only the facts
    store is written (no index, no catalog), so it shows what grows there alone."""
    import ingest.facts as facts

    stores = [facts.FactStore.for_home(home) for home in homes]
    sizes = [store.count_documents() for store in stores]
    templates = _ingested_payload_templates(homes[0])
    spent: dict[str, float] = {}
    kept = _time_statements(spent)
    whole: list[list[float]] = [[] for _ in homes]
    parts: list[dict[str, list[float]]] = [{} for _ in homes]
    written: list[str] = []
    try:
        for turn in range(plans):
            document, payloads = _synthetic_facts(900_000 + turn, templates)
            written.append(document["id"])
            order = list(range(len(homes)))
            for at in order if turn % 2 == 0 else order[::-1]:
                spent.clear()
                started = time.process_time()
                stores[at].put_payloads(document, f"probe{turn}", payloads)
                whole[at].append(time.process_time() - started)
                for name, seconds in spent.items():
                    parts[at].setdefault(name, []).append(seconds)
    finally:
        facts._SQLiteWriter.execute, facts._SQLiteWriter.executemany = kept  # type: ignore[method-assign]
        for store in stores:
            for document_id in written:
                store.remove_document(document_id)
            store.close()
    results = []
    for at, home in enumerate(homes):
        medians = {name: statistics.median(v) for name, v in parts[at].items()}
        top = sorted(medians.items(), key=lambda item: -item[1])[:6]
        result = {
            "home": str(home),
            "plans_before": sizes[at],
            "cpu_s_per_plan_median": round(statistics.median(whole[at]), 4),
            # the mean too: moving the latest plans' topic entries happens in some writes only
            "cpu_s_per_plan_mean": round(statistics.mean(whole[at]), 4),
            "cpu_s_by_statement_median": {name: round(v, 4) for name, v in top},
        }
        print(json.dumps(result, ensure_ascii=False), flush=True)
        results.append(result)
    return results


def _ingested_payload_templates(home: Path) -> list[tuple[dict, list[dict]]]:
    """Each bundled plan's document metadata and its points' payloads as ingest writes them
    (search text included, so the topic entries are an ingested plan's)."""
    from ingest.domain import to_plain
    from ingest.points import build_points

    embedder = HashingEmbedder(64)
    runtime = Runtime(Settings(home=home))
    try:
        lexical = runtime.lexical
        templates = []
        for path in sorted(BUNDLED_CORPUS.glob("*.txt")):
            plan = parse_plan(path.read_text(encoding="utf-8"), path.stem, str(path))
            points = build_points(plan, embedder, lexical)
            templates.append((to_plain(plan.document), [dict(p.payload) for p in points]))
    finally:
        runtime.close()
    return templates


def _time_statements(spent: dict[str, float]) -> tuple[Any, Any]:
    """Make the SQLite writer add each statement's CPU seconds to `spent` (by the statement's
    first words); returns the original methods, to be put back."""
    import ingest.facts as facts

    writer = facts._SQLiteWriter

    def timed(method: Callable[..., None]) -> Callable[..., None]:
        def run(self: Any, sql: str, rows: Any = ()) -> None:
            started = time.process_time()
            method(self, sql, rows)
            name = re.sub(r"\s+", " ", sql.split("(")[0].split(" VALUES")[0])[:40]
            spent[name] = spent.get(name, 0.0) + time.process_time() - started

        return run

    kept = writer.execute, writer.executemany
    writer.execute, writer.executemany = timed(kept[0]), timed(kept[1])  # type: ignore[method-assign]
    return kept


def facts_curve(sizes: list[int], window: int, kept: Path | None = None) -> list[dict[str, Any]]:
    """Write ingested plans' facts one after the other into one SQLite store (`kept` resumes)
    and, at each size, the seconds a plan over the `window` plans ending there."""
    import ingest.facts as facts

    workdir = Path(tempfile.mkdtemp(prefix="kehoach-curve-"))
    folder = kept or workdir
    store = facts.FactStore(folder / "facts.sqlite3")
    templates = _ingested_payload_templates(workdir / "home")
    spent: dict[str, float] = {}
    methods = _time_statements(spent)
    results: list[dict[str, Any]] = []
    try:
        held = store.count_documents()
        for size in sorted(sizes):
            cpu: list[float] = []
            wall: list[float] = []
            parts: dict[str, list[float]] = {}
            entries = 0
            first = held
            for index in range(held, size):
                document, payloads = _synthetic_facts(index, templates)
                spent.clear()
                started, started_cpu = time.perf_counter(), time.process_time()
                store.put_payloads(document, f"c{index}", payloads)
                if index >= size - window:
                    wall.append(time.perf_counter() - started)
                    cpu.append(time.process_time() - started_cpu)
                    for name, seconds in spent.items():
                        parts.setdefault(name, []).append(seconds)
                    entries += int(
                        store._db.query(
                            "SELECT COUNT(*) FROM unit_terms WHERE document_id = ?",
                            (document["id"],),
                        )[0][0]
                    )
                held = index + 1
            if not cpu:
                print(f"{size}: the store already held {first} plans", file=sys.stderr)
                continue
            medians = {name: statistics.median(v) for name, v in parts.items()}
            top = sorted(medians.items(), key=lambda item: -item[1])[:6]
            result = {
                "plans": size,
                "timed": f"plans {size - len(cpu) + 1}-{size}",
                "cpu_s_per_plan_median": round(statistics.median(cpu), 4),
                "cpu_s_per_plan_mean": round(statistics.mean(cpu), 4),
                "wall_s_per_plan_median": round(statistics.median(wall), 4),
                "cpu_s_by_statement_median": {name: round(v, 4) for name, v in top},
                "unit_terms_entries_per_plan": round(entries / len(cpu)),
                "store_mb": round(_disk_bytes(folder) / 1e6, 1),
            }
            results.append(result)
            print(json.dumps(result, ensure_ascii=False), flush=True)
    finally:
        facts._SQLiteWriter.execute, facts._SQLiteWriter.executemany = methods  # type: ignore[method-assign]
        store.close()
        shutil.rmtree(workdir, ignore_errors=True)
    if results:
        base = results[0]["cpu_s_per_plan_median"]
        print(
            json.dumps(
                {
                    "sizes": [r["plans"] for r in results],
                    "cpu_s_per_plan_median": [r["cpu_s_per_plan_median"] for r in results],
                    "over_smallest": [
                        round(r["cpu_s_per_plan_median"] / base, 2) if base else None
                        for r in results
                    ],
                },
                ensure_ascii=False,
            )
        )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plans", type=int, nargs="+", default=[5, 100])
    parser.add_argument(
        "--home",
        type=Path,
        action="append",
        default=None,
        help="a kept home (twice or more: --probe-ingest compares them)",
    )
    parser.add_argument(
        "--probe-ingest", type=int, default=0, help="plans ingested into each --home, in turns"
    )
    parser.add_argument(
        "--probe-facts", type=int, default=0, help="plans' facts written into each --home, in turns"
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--facts-curve", action="store_true", help="a plan's facts write cost along one store"
    )
    parser.add_argument("--window", type=int, default=20, help="with --facts-curve")
    parser.add_argument(
        "--bulk", action="store_true", help="fill the home from renamed copies (no ingest timing)"
    )
    parser.add_argument("--facts", action="store_true", help="the facts store's look-ups only")
    parser.add_argument("--database-url", default=None, help="with --facts: PostgreSQL too")
    parser.add_argument(
        "--store",
        type=Path,
        default=None,
        help="with --facts: a kept folder for the SQLite store (resumes; --probe-facts reads it)",
    )
    parser.add_argument(
        "--topic-entries",
        type=int,
        nargs="*",
        default=[],
        help="with --facts: bounds on the topic entries read per term, timed beside the default",
    )
    args = parser.parse_args()
    _TOPIC_BOUNDS.extend(args.topic_entries)
    if args.probe_ingest:
        probe_ingest(args.home or [], args.probe_ingest)
        return
    if args.probe_facts:
        probe_facts(args.home or [], args.probe_facts)
        return
    if args.facts_curve:
        facts_curve(args.plans, args.window, args.store)
        return
    if args.facts:
        runs = [facts_bench(args.plans, args.rounds, None, args.store)]
        if args.database_url:
            runs.append(facts_bench(args.plans, args.rounds, args.database_url))
        for results in runs:
            kinds = results[0]["lookups"]
            summary = {k: [r["lookups"][k]["p95_ms"] for r in results] for k in kinds}
            medians = {k: [r["lookups"][k]["p50_ms"] for r in results] for k in kinds}
            cpu = {k: [r["lookups"][k]["cpu_p50_ms"] for r in results] for k in kinds}
            # how the median grows from the smallest size to the largest
            ratio = {k: round(v[-1] / v[0], 2) if v[0] else None for k, v in medians.items()}
            print(
                json.dumps(
                    {
                        "backend": results[0]["backend"],
                        "sizes": [r["plans"] for r in results],
                        "p50_ms_by_size": medians,
                        "p50_ratio_largest_to_smallest": ratio,
                        "p95_ms_by_size": summary,
                        "cpu_p50_ms_by_size": cpu,
                    },
                    ensure_ascii=False,
                )
            )
        return

    run_bench(args.plans, args.rounds, args.home[-1] if args.home else None, args.bulk)


def _listed_count(answer: Any) -> int | None:
    """The count a list answer states ("Có 264 chỉ tiêu/nhiệm vụ …"), or None."""
    match = re.search(r"Có ([\d.,]+) chỉ tiêu", answer.answer)
    return int(re.sub(r"[.,]", "", match.group(1))) if match else None


def _list_counts(runtime: Runtime, assistant: Any, kinds: dict[str, str]) -> dict[str, dict]:
    """Each list kind's stated count beside the exact count, read from every stored row
    (paged to the end) with the answers' own selection rules (not timed)."""
    from retrieval.query import understand
    from retrieval.roles import Role, rows_for_unit
    from retrieval.row_lists import due_in
    from retrieval.search import ClauseSearch

    search = ClauseSearch(runtime.index, lambda _text: [], runtime.lexical)
    from ingest.parser.units import unit_key

    police = [unit_key("Công an tỉnh")]
    period = understand(kinds["list by period"]).period
    exact = {
        "list by unit": len(rows_for_unit(search, [], police, [Role.LEAD])),
        "list by period": len(due_in(search.rows(), period)) if period else None,
    }
    return {
        kind: {"stated": _listed_count(assistant.ask(kinds[kind])), "exact": exact[kind]}
        for kind in exact
    }


def _ingest_windows(wall: list[float], cpu: list[float], window: int = 100) -> dict[str, Any]:
    """Ingest seconds per plan over the run's first and last `window` plans: the mean wall
    time (what the issue's target names), its median, and the mean CPU time of this process
    (all its threads), steadier than wall time on a machine shared with other jobs."""
    if not wall:
        return {}
    window = min(window, len(wall))
    figures: dict[str, Any] = {}
    for name, part in (("first", slice(None, window)), ("last", slice(-window, None))):
        figures[f"ingest_s_per_plan_{name}_100"] = round(statistics.mean(wall[part]), 3)
        figures[f"ingest_median_s_per_plan_{name}_100"] = round(statistics.median(wall[part]), 3)
        figures[f"ingest_cpu_s_per_plan_{name}_100"] = round(statistics.mean(cpu[part]), 3)
    # the curve along the run: the mean of each block of `window` plans
    for kind, values in (("wall", wall), ("cpu", cpu)):
        figures[f"ingest_{kind}_s_per_plan_by_{window}"] = [
            round(statistics.mean(values[at : at + window]), 3)
            for at in range(0, len(values), window)
        ]
    for kind, values in (("wall", wall), ("cpu", cpu)):
        first = statistics.mean(values[:window])
        figures[f"ingest_{kind}_last_over_first"] = (
            round(statistics.mean(values[-window:]) / first, 2) if first else None
        )
    return figures


def _facts_kb_per_plan(store: Any, plans: int, shown: int = 6) -> dict[str, float]:
    """The facts store's largest tables and indexes on disk, KB per plan (SQLite's `dbstat`;
    empty on PostgreSQL or where SQLite was built without it)."""
    if store.backend != "sqlite" or not plans:
        return {}
    try:
        rows = store._db.query(
            "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT ?", (shown,)
        )
    except sqlite3.Error:  # dbstat is a compile-time option
        return {}
    return {str(name): round(int(size) / 1e3 / plans, 1) for name, size in rows}


def _rss_now_mb() -> float:
    return _rss_mb()


def run_bench(sizes: list[int], rounds: int, home_arg: Path | None, bulk: bool = False) -> None:
    """Ingest up to each size (a kept `--home` resumes where it stopped) and time the
    question kinds there."""
    workdir = Path(tempfile.mkdtemp(prefix="kehoach-scale-"))
    home = home_arg or workdir / "home"
    plans_dir = workdir / "plans"
    plans_dir.mkdir()
    runtime = Runtime(Settings(home=home), embedder=HashingEmbedder(64))
    ingest_seconds: list[float] = []  # wall time per plan ingested by this run
    ingest_cpu: list[float] = []  # this process's CPU time (all threads) per plan
    loaded = len(runtime.catalog.entries)
    generated = list(_generated_names(loaded))
    results: list[dict[str, Any]] = []
    try:
        for size in sorted(sizes):
            if bulk:
                bulk_fill(runtime, size)
                generated = list(_generated_names(size))
            for plan in generate_plans(size, plans_dir, start=len(generated)):
                started, started_cpu = time.perf_counter(), time.process_time()
                runtime.ingest_paths([plan.path])
                ingest_seconds.append(time.perf_counter() - started)
                ingest_cpu.append(time.process_time() - started_cpu)
                if len(ingest_cpu) % 100 == 0:  # progress: the last 100 plans' means
                    print(
                        f"ingested {len(ingest_cpu)}: last 100 "
                        f"{statistics.mean(ingest_seconds[-100:]):.3f} s/plan wall, "
                        f"{statistics.mean(ingest_cpu[-100:]):.3f} s/plan CPU",
                        file=sys.stderr,
                        flush=True,
                    )
                plan.path.unlink()
                generated.append(plan)
            runtime.invalidate()
            started = time.perf_counter()
            assistant = runtime.assistant()
            ready_s = time.perf_counter() - started
            kinds = _question_kinds(generated[_middle_plan(len(generated))])
            result: dict[str, Any] = {
                "plans": size,
                "questions": _time_kinds(assistant.ask, kinds, rounds),
                "list_counts": _list_counts(runtime, assistant, kinds),
                "assistant_ready_s": round(ready_s, 2),
                "ingested_now": len(ingest_seconds),
                **_ingest_windows(ingest_seconds, ingest_cpu),
                "rss_mb_ready": _rss_now_mb(),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                "home_disk_mb": round(_disk_bytes(home) / 1e6, 1),
                "facts_kb_per_plan": _facts_kb_per_plan(runtime.facts, len(generated)),
            }
            results.append(result)
            print(json.dumps(result, ensure_ascii=False), flush=True)
    finally:
        runtime.close()
        shutil.rmtree(workdir, ignore_errors=True)
    base = results[0]["questions"]
    summary = {kind: [r["questions"][kind]["p95_ms"] for r in results] for kind in base}
    cpu = {kind: [r["questions"][kind]["cpu_p95_ms"] for r in results] for kind in base}
    sizes = [r["plans"] for r in results]
    print(
        json.dumps(
            {"p95_ms_by_size": summary, "cpu_p95_ms_by_size": cpu, "sizes": sizes},
            ensure_ascii=False,
        )
    )


def bulk_fill(runtime: Runtime, size: int) -> None:
    """Fill the home up to `size` plans without the ingest pipeline: each bundled plan is
    parsed and embedded once, and every copy (renamed like `--facts` does: own id, place,
    số hiệu, years in its metadata and deadlines) reuses its points' vectors. For timing
    questions on large corpora quickly; ingest itself is not timed this way."""
    from ingest.catalog import CatalogEntry
    from ingest.domain import to_plain
    from ingest.index.ids import point_id_for
    from ingest.index.protocol import IndexPoint
    from ingest.parser.plan import PARSER_VERSION
    from ingest.points import build_points

    embedder = HashingEmbedder(64)
    sources = []
    for path in sorted(BUNDLED_CORPUS.glob("*.txt")):
        plan = parse_plan(path.read_text(encoding="utf-8"), path.stem, str(path))
        points = build_points(plan, embedder, runtime.lexical)
        sources.append((plan, points, to_plain(plan.document)))
    templates = [(document, [dict(p.payload) for p in points]) for _, points, document in sources]
    runtime.index.ensure_collection(embedder.dimension)
    catalog = runtime.catalog
    pending: list[IndexPoint] = []  # written 50 plans at a time (each write flushes)
    block_started = time.perf_counter()
    for index in range(len(catalog.entries), size):
        plan, points, _document = sources[index % len(sources)]
        document, payloads = _synthetic_facts(index, templates)
        version = f"bulk{index:05d}"
        document["content_hash"] = f"bulk-{index:05d}"
        fresh = []
        for point, payload in zip(points, payloads, strict=True):
            payload["version"] = version
            fresh.append(
                IndexPoint(
                    point_id_for(payload["clause_id"], version), point.dense, point.sparse, payload
                )
            )
        pending.extend(fresh)
        runtime.facts.put_payloads(document, version, payloads)
        catalog.entries[document["id"]] = CatalogEntry(
            document=document,
            clause_count=len(plan.clauses),
            target_count=len(plan.targets),
            point_count=len(fresh),
            embed_model=runtime.settings.embed_model,
            parser_version=PARSER_VERSION,
            version=version,
        )
        if index % 50 == 49 or index == size - 1:
            runtime.index.upsert(pending)
            pending = []
            catalog.save()
        if index % 100 == 99:  # progress: the last 100 copies' rate
            now = time.perf_counter()
            print(
                f"filled {index + 1}: last 100 {(now - block_started) / 100:.3f} s/plan wall",
                file=sys.stderr,
                flush=True,
            )
            block_started = now
    runtime.invalidate()


def _generated_names(count: int) -> Iterator[GeneratedPlan]:
    """The plans 0 … count - 1 as `generate_plans` names them, without writing them."""
    for index in range(count):
        path = Path(f"plan-{index:05d}.txt")
        yield GeneratedPlan(path, _place_name(index), f"{1000 + index}/KH-UBND")


if __name__ == "__main__":
    main()
