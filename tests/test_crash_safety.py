"""Crash safety: a write killed at any step leaves the old state or the new one, never a mix.

Qdrant Edge (the embedded default): a real `kehoach ingest` / `kehoach remove` subprocess
is stopped at each named step of the write path (`KEHOACH_FAULT_STEP`) and killed with
SIGKILL there; the home is then opened as the next process would open it.

The Qdrant server path is tested on qdrant-client's in-memory mode, which cannot outlive a
process: there the fault is an exception raised at each step (`KEHOACH_FAULT_MODE=raise`),
and the same invariants are checked on the live process and after a "restart" (a new
runtime over the same in-memory collection and the same home).

After each fault: `documents` (the catalog), the points any query can see, the kept source
text, the structured facts (`ingest.facts`) and an answer all name the same committed
version, the store holds nothing else once opened, and a re-ingest (or a second `remove`)
agrees with that state.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from ingest.catalog import Catalog
from ingest.errors import UnknownDocumentError
from ingest.facts import RowQuery
from ingest.faults import (
    FAULT_MODE_ENV,
    FAULT_STEP_ENV,
    INGEST_STEPS,
    REACHED,
    REMOVE_STEPS,
    InjectedFault,
)
from ingest.index.protocol import PayloadFilter
from ingest.settings import HASHING_EMBED_MODEL, Settings
from retrieval.runtime import Runtime
from tests.conftest import postgres_schema_url, postgres_url

DOC = "ke-hoach-thu"
QUESTION = "ty le ho so truc tuyen toan trinh dat bao nhieu"

_HEAD = """ỦY BAN NHÂN DÂN
TỈNH THỬ NGHIỆM
Số: 12/KH-UBND

KẾ HOẠCH
Chuyển đổi số năm 2025

I. MỤC TIÊU
1. Tỷ lệ hồ sơ trực tuyến toàn trình đạt {rate}.
2. Kho dữ liệu dùng chung của tỉnh hoạt động ổn định.
II. NHIỆM VỤ
1. Sở Khoa học và Công nghệ chủ trì xây dựng nền tảng tích hợp dữ liệu.
"""
V1 = _HEAD.format(rate="80%") + "2. Văn phòng UBND tỉnh theo dõi, đôn đốc hằng quý.\n"
V2 = _HEAD.format(rate="95%") + (
    "2. Sở Nội vụ chủ trì rà soát thủ tục hành chính.\n"
    "3. Công an tỉnh bảo đảm an toàn thông tin.\n"
    "4. Các huyện báo cáo kết quả trước ngày 15/12/2025.\n"
)
MARK = {V1: "80%", V2: "95%"}

ALL_ROWS = RowQuery(limit=10_000)
COMMIT_STEP = {"ingest": "ingest:committed", "remove": "remove:committed"}


@dataclass(frozen=True)
class Scenario:
    name: str
    before: str | None  # the document's text before the write (None: not ingested)
    after: str | None  # its text if the write commits (None: removed)
    steps: tuple[str, ...]


SCENARIOS = (
    Scenario("add", None, V1, INGEST_STEPS),
    Scenario("replace", V1, V2, INGEST_STEPS),
    Scenario("remove", V1, None, REMOVE_STEPS),
)
CASES = [(s, step) for s in SCENARIOS for step in s.steps]


def _expected(scenario: Scenario, step: str) -> str | None:
    kind = step.split(":")[0]
    order = scenario.steps
    committed = order.index(step) >= order.index(COMMIT_STEP[kind])
    return scenario.after if committed else scenario.before


def _settings(home: Path) -> Settings:
    return Settings(home=home, embed_model=HASHING_EMBED_MODEL)


def check_consistent(runtime: Runtime, source: Path, expected: str | None) -> None:
    """`documents`, visible points, kept source, an answer and a re-ingest agree."""
    runtime.invalidate()
    entries = runtime.catalog.entries
    visible = runtime.index.scroll(None)
    answer = runtime.assistant().ask(QUESTION)
    cited = [c for c in answer.citations if c.document_id == DOC]
    kept = runtime.settings.home / "sources" / f"{DOC}.txt"
    if expected is None:
        assert DOC not in entries
        assert visible == []  # no ghost: nothing of the document is served
        assert cited == []
    else:
        entry = entries[DOC]
        assert entry.content_hash == hashlib.sha256(expected.encode()).hexdigest()
        assert {p.payload["version"] for p in visible} == {entry.version}
        assert len(visible) == entry.point_count
        for point in visible:  # every served clause is the committed text, at its offsets
            payload = point.payload
            assert expected[payload["start"] : payload["end"]] == payload["text"]
        assert kept.read_text(encoding="utf-8") == expected
        assert cited, answer.answer
        assert all(expected[c.start : c.end] == c.text for c in cited)
        stale = MARK[V2 if expected == V1 else V1]
        assert not any(stale in c.text for c in cited)
    check_facts(runtime)
    # A re-ingest of what the file now holds agrees with the committed state.
    if source.exists():
        text = source.read_text(encoding="utf-8")
        status = runtime.ingestor.ingest_file(source).status
        assert status == ("unchanged" if text == expected else "updated" if expected else "added")
        assert len(runtime.index.scroll(None)) == runtime.catalog.entries[DOC].point_count
        check_facts(runtime)
    else:
        if expected is None:
            with pytest.raises(UnknownDocumentError):
                runtime.ingestor.remove(DOC)
        else:
            runtime.ingestor.remove(DOC)
        assert runtime.index.scroll(None) == []
        check_facts(runtime)
    runtime.invalidate()


def check_facts(runtime: Runtime) -> None:
    """The facts store holds exactly the committed versions, as their points describe them."""
    from ingest.facts import FactStore

    facts = runtime.facts
    assert facts.versions() == runtime.catalog.committed_versions()
    rebuilt = FactStore(":memory:")
    for document_id, entry in runtime.catalog.entries.items():
        points = runtime.index.scroll(PayloadFilter(equals={"document_id": document_id}))
        rebuilt.put_payloads(entry.document, entry.committed_version, [p.payload for p in points])
        assert facts.document_clause_ids(document_id) == rebuilt.document_clause_ids(document_id)
    everything = RowQuery(limit=10_000)
    assert facts.rows(everything) == rebuilt.rows(everything)
    rebuilt.close()


def _store_count(runtime: Runtime) -> int:
    """Every point in the store, committed or not."""
    return runtime.index.store.count(None)  # type: ignore[attr-defined]


def _committed_points(runtime: Runtime) -> int:
    return sum(entry.point_count for entry in runtime.catalog.entries.values())


# ---- Qdrant Edge: SIGKILL of a real process at every step ---------------------------------


@pytest.fixture(scope="module")
def base_homes(tmp_path_factory: pytest.TempPathFactory) -> dict[str | None, Path]:
    """Homes holding each starting state, copied for every case."""
    homes: dict[str | None, Path] = {}
    for text in (None, V1):
        home = tmp_path_factory.mktemp("base")
        runtime = Runtime(_settings(home))
        try:
            if text is not None:
                source = home.parent / f"{home.name}-src" / f"{DOC}.txt"
                source.parent.mkdir()
                source.write_text(text, encoding="utf-8")
                runtime.ingestor.ingest_file(source)
        finally:
            runtime.close()
        homes[text] = home
    return homes


def _kill_at(step: str, arguments: list[str], home: Path) -> None:
    """Run `kehoach <arguments>` and SIGKILL it when it reports reaching `step`."""
    env = {
        **os.environ,
        FAULT_STEP_ENV: step,
        "KEHOACH_HOME": str(home),
        "KEHOACH_EMBED_MODEL": HASHING_EMBED_MODEL,
    }
    env.pop(FAULT_MODE_ENV, None)
    process = subprocess.Popen(
        [sys.executable, "-m", "kehoach.cli", *arguments, "--home", str(home)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    seen: list[str] = []
    try:
        for line in process.stderr:
            seen.append(line)
            if line.startswith(REACHED):
                assert line.split()[1] == step
                os.kill(process.pid, signal.SIGKILL)
                break
        else:
            pytest.fail(f"the process ended before reaching {step}: {''.join(seen)[-2000:]}")
    finally:
        if process.poll() is None and not any(line.startswith(REACHED) for line in seen):
            process.kill()
        process.wait(30)
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL


@pytest.mark.parametrize(("scenario", "step"), CASES, ids=[f"{s.name}-{t}" for s, t in CASES])
def test_edge_survives_kill_9_at_every_step(
    scenario: Scenario, step: str, base_homes: dict[str | None, Path], tmp_path: Path
) -> None:
    home = tmp_path / "home"
    shutil.copytree(base_homes[scenario.before], home)
    source = tmp_path / f"{DOC}.txt"
    if scenario.after is not None:
        source.write_text(scenario.after, encoding="utf-8")
        _kill_at(step, ["ingest", str(source)], home)
    else:
        _kill_at(step, ["remove", DOC], home)
    runtime = Runtime(_settings(home))
    try:
        expected = _expected(scenario, step)
        _ = runtime.index  # opening sweeps what the killed write left
        assert _store_count(runtime) == _committed_points(runtime)
        assert not list((home / "sources").glob(".*")), "staged sources left behind"
        check_consistent(runtime, source, expected)
    finally:
        runtime.close()


def test_every_step_is_killed_once() -> None:
    """The harness covers each step of each write: the count of injected kills."""
    assert len(CASES) == 2 * len(INGEST_STEPS) + len(REMOVE_STEPS) == 21


# ---- Qdrant server path (qdrant-client in memory): an exception at every step -------------


@pytest.mark.parametrize(("scenario", "step"), CASES, ids=[f"{s.name}-{t}" for s, t in CASES])
def test_server_path_survives_a_failure_at_every_step(
    scenario: Scenario, step: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from qdrant_client import QdrantClient

    import ingest.index.factory
    from ingest.index.server import ServerIndex

    client = QdrantClient(":memory:")  # the "server": outlives every runtime below
    monkeypatch.setattr(
        ingest.index.factory,
        "open_index",
        lambda settings: ServerIndex(client, settings.collection),
    )
    home = tmp_path / "home"
    source = tmp_path / f"{DOC}.txt"
    if scenario.before is not None:
        source.write_text(scenario.before, encoding="utf-8")
        runtime = Runtime(_settings(home))
        runtime.ingestor.ingest_file(source)
        runtime.close()
    if scenario.after is not None:
        source.write_text(scenario.after, encoding="utf-8")
    else:
        source.unlink()

    monkeypatch.setenv(FAULT_STEP_ENV, step)
    monkeypatch.setenv(FAULT_MODE_ENV, "raise")
    runtime = Runtime(_settings(home))
    with pytest.raises(InjectedFault):
        if scenario.after is not None:
            runtime.ingestor.ingest_file(source)
        else:
            runtime.ingestor.remove(DOC)
    monkeypatch.delenv(FAULT_STEP_ENV)
    expected = _expected(scenario, step)
    try:
        # the live process goes on serving: only the committed version is visible
        check_consistent(runtime, source, expected)
    finally:
        runtime.close()

    # and a restart over the same collection and home agrees, with nothing left over
    if scenario.after is not None:
        source.write_text(scenario.after, encoding="utf-8")
    restarted = Runtime(_settings(home))
    try:
        _ = restarted.index
        assert _store_count(restarted) == _committed_points(restarted)
        final = scenario.after if source.exists() else None
        check_consistent(restarted, source, final)
    finally:
        restarted.close()
    client.close()


def test_a_crashed_write_is_invisible_before_the_sweep(tmp_path: Path) -> None:
    """Points of an uncommitted version are in the store but no query returns them."""
    runtime = Runtime(_settings(tmp_path / "home"))
    try:
        source = tmp_path / f"{DOC}.txt"
        source.write_text(V1, encoding="utf-8")
        runtime.ingestor.ingest_file(source)
        committed = runtime.index.scroll(None)
        ghost = [p for p in runtime.index.store.scroll(None)]  # type: ignore[attr-defined]
        assert len(ghost) == len(committed)
        # a write that stopped after its points: same document, a version nobody committed
        from ingest.embedding.hashing import HashingEmbedder
        from ingest.parser.plan import parse_plan
        from ingest.points import build_points

        plan = parse_plan(V2, DOC)
        stray = build_points(plan, HashingEmbedder(), runtime.lexical, version="uncommitted-1")
        runtime.index.upsert(stray)
        assert runtime.index.store.count(None) == len(committed) + len(stray)  # type: ignore[attr-defined]
        assert runtime.index.scroll(None) == committed
        assert runtime.index.count(PayloadFilter(equals={"document_id": DOC})) == len(committed)
        hits = runtime.index.search_sparse(runtime.lexical.encode_query("95%"), limit=50)
        assert all(h.payload["version"] != "uncommitted-1" for h in hits)
        check_consistent(runtime, source, V1)
    finally:
        runtime.close()


def test_a_home_written_before_version_ids_is_served_then_rewritten_once(tmp_path: Path) -> None:
    """Old catalogs have no version id; their points carry the content hash as version."""

    from ingest.embedding.hashing import HashingEmbedder
    from ingest.parser.plan import parse_plan
    from ingest.points import build_points

    home = tmp_path / "home"
    source = tmp_path / f"{DOC}.txt"
    source.write_text(V1, encoding="utf-8")
    runtime = Runtime(_settings(home))
    runtime.ingestor.ingest_file(source)
    runtime.index.delete(PayloadFilter())
    legacy = build_points(parse_plan(V1, DOC), HashingEmbedder(), runtime.lexical)
    runtime.index.upsert(legacy)  # ids and payload `version` as the old pipeline wrote them
    runtime.close()
    catalog = Catalog(home / "catalog.json")
    catalog.entries[DOC].version = ""  # as catalogs were written before versions had ids
    catalog.save()

    runtime = Runtime(_settings(home))
    try:
        assert len(runtime.index.scroll(None)) == len(legacy)  # still served, not swept
        assert runtime.ingestor.ingest_file(source).status == "updated"  # rewritten once
        assert runtime.ingestor.ingest_file(source).status == "unchanged"
        assert runtime.index.store.count(None) == len(legacy)  # type: ignore[attr-defined]
        check_consistent(runtime, source, V1)
    finally:
        runtime.close()


def test_a_home_without_facts_is_rebuilt_from_the_index_on_open(tmp_path: Path) -> None:
    """A home written before the facts store (or whose facts file was lost) gets its facts
    back from the index's committed points when it is opened; the answers do not change."""
    from ingest.facts import FACTS_FILE

    home = tmp_path / "home"
    source = tmp_path / f"{DOC}.txt"
    source.write_text(V2, encoding="utf-8")
    runtime = Runtime(_settings(home))
    runtime.ingestor.ingest_file(source)
    before = runtime.facts.rows(ALL_ROWS)
    runtime.close()
    for leftover in home.glob(f"{FACTS_FILE}*"):
        leftover.unlink()
    runtime = Runtime(_settings(home))
    try:
        _ = runtime.index  # opening reconciles the facts with the committed versions
        assert runtime.facts.rows(ALL_ROWS) == before
        assert before.total > 0
        check_consistent(runtime, source, V2)
    finally:
        runtime.close()


def test_facts_on_postgresql_follow_writes_failures_and_restarts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server path's facts database: a write failing after its facts were stored (or
    after a removal's commit) is reconciled in the live process and after a restart (the
    SQLite store is covered by the kill -9 cases above)."""
    url = postgres_url()
    if not url:
        pytest.skip("no PostgreSQL test database (KEHOACH_TEST_DATABASE_URL)")
    schema = f"crash_{os.getpid()}_{tmp_path.name[-8:].replace('-', '_')}".lower()
    settings = Settings(
        home=tmp_path / "home",
        embed_model=HASHING_EMBED_MODEL,
        database_url=postgres_schema_url(url, schema),
    )
    source = tmp_path / f"{DOC}.txt"
    source.write_text(V1, encoding="utf-8")
    try:
        runtime = Runtime(settings)
        assert runtime.facts.backend == "postgresql"
        runtime.ingestor.ingest_file(source)
        source.write_text(V2, encoding="utf-8")
        for step, expected in (("ingest:facts-written", V1), ("remove:facts-deleted", None)):
            monkeypatch.setenv(FAULT_STEP_ENV, step)
            monkeypatch.setenv(FAULT_MODE_ENV, "raise")
            with pytest.raises(InjectedFault):
                if expected is None:
                    runtime.ingestor.remove(DOC)
                else:
                    runtime.ingestor.ingest_file(source)
            monkeypatch.delenv(FAULT_STEP_ENV)
            check_facts(runtime)
            runtime.close()
            runtime = Runtime(settings)
            _ = runtime.index
            check_facts(runtime)
            if expected is None:
                assert runtime.facts.versions() == {}
            else:
                assert (
                    runtime.catalog.entries[DOC].content_hash
                    == hashlib.sha256(V1.encode()).hexdigest()
                )
                runtime.ingestor.ingest_file(source)  # V2 for the removal case
                check_facts(runtime)
        runtime.close()
    finally:
        import psycopg

        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
