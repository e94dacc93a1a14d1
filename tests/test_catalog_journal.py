"""The catalog commits one document without rewriting the others, and survives torn writes."""

from __future__ import annotations

from pathlib import Path

from ingest.catalog import Catalog, CatalogEntry


def _entry(n: int) -> CatalogEntry:
    return CatalogEntry(
        document={"id": f"doc-{n}", "content_hash": f"{n:064x}", "title": f"Kế hoạch {n}"},
        clause_count=n,
        target_count=0,
        point_count=n,
        embed_model="hashing",
        version=f"v{n}",
    )


def _put(catalog: Catalog, n: int) -> None:
    catalog.entries[f"doc-{n}"] = _entry(n)
    catalog.commit(f"doc-{n}")


def test_a_commit_appends_one_line_and_leaves_the_snapshot_alone(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "catalog.json")
    for n in range(10):
        _put(catalog, n)
    snapshot = (tmp_path / "catalog.json").read_bytes()
    journal = catalog.journal_path.read_bytes()
    _put(catalog, 10)
    assert (tmp_path / "catalog.json").read_bytes() == snapshot
    grown = catalog.journal_path.read_bytes()
    assert grown.startswith(journal) and grown.count(b"\n") == journal.count(b"\n") + 1
    again = Catalog(tmp_path / "catalog.json")
    assert again.entries == catalog.entries and len(again.entries) == 11


def test_removal_and_replacement_replay_in_order(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "catalog.json")
    for n in range(3):
        _put(catalog, n)
    del catalog.entries["doc-1"]
    catalog.commit("doc-1")
    catalog.entries["doc-2"] = _entry(20)
    catalog.commit("doc-2")
    again = Catalog(tmp_path / "catalog.json")
    assert sorted(again.entries) == ["doc-0", "doc-2"]
    assert again.entries["doc-2"].clause_count == 20


def test_the_journal_is_folded_into_the_snapshot_amortised(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "catalog.json")
    snapshots = 0
    for n in range(300):
        before = (tmp_path / "catalog.json").stat().st_ino if n else None
        _put(catalog, n)
        snapshots += (tmp_path / "catalog.json").stat().st_ino != before
    # geometric folding: a handful of whole rewrites for 300 documents, not 300
    assert snapshots <= 6
    assert Catalog(tmp_path / "catalog.json").entries == catalog.entries


def test_a_torn_last_line_is_not_committed_and_later_commits_still_count(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "catalog.json")
    for n in range(3):
        _put(catalog, n)
    _put(catalog, 3)
    data = catalog.journal_path.read_bytes()
    catalog.journal_path.write_bytes(data[: len(data) - 40])  # killed mid-write
    torn = Catalog(tmp_path / "catalog.json")
    assert sorted(torn.entries) == ["doc-0", "doc-1", "doc-2"]
    _put(torn, 4)
    assert sorted(Catalog(tmp_path / "catalog.json").entries) == [
        "doc-0",
        "doc-1",
        "doc-2",
        "doc-4",
    ]


def test_a_crash_between_snapshot_and_emptied_journal_replays_nothing_stale(
    tmp_path: Path,
) -> None:
    catalog = Catalog(tmp_path / "catalog.json")
    for n in range(3):
        _put(catalog, n)
    del catalog.entries["doc-0"]
    catalog.commit("doc-0")
    stale_journal = catalog.journal_path.read_bytes()
    # a restore replaces every entry with a new snapshot...
    catalog.entries = {"doc-0": _entry(7)}
    catalog.save()
    # ...and the process dies before the old journal is emptied
    catalog.journal_path.write_bytes(stale_journal)
    assert Catalog(tmp_path / "catalog.json").entries == {"doc-0": _entry(7)}


def test_two_processes_sharing_a_home_keep_each_others_commits(tmp_path: Path) -> None:
    first = Catalog(tmp_path / "catalog.json")
    second = Catalog(tmp_path / "catalog.json")
    _put(first, 0)
    second.reload()
    for n in range(1, 200):  # enough for `first` to fold the journal more than once
        _put(first, n)
    _put(second, 500)  # `second` never reloaded: its line must still be replayed
    assert sorted(Catalog(tmp_path / "catalog.json").entries) == sorted(
        [f"doc-{n}" for n in range(200)] + ["doc-500"]
    )


def test_replicas_committing_in_turn_never_fold_away_each_others_lines(tmp_path: Path) -> None:
    """Jobs run on any replica: one that folds the journal into a snapshot first takes the
    lines another appended since it last read, or their documents would be lost."""
    first = Catalog(tmp_path / "catalog.json")
    second = Catalog(tmp_path / "catalog.json")
    _put(first, 0)
    second.reload()
    for n in range(1, 100):  # both fold the journal more than once, in turn
        _put(first, n)
        _put(second, 500 + n)
    expected = sorted([f"doc-{n}" for n in range(100)] + [f"doc-{500 + n}" for n in range(1, 100)])
    assert sorted(Catalog(tmp_path / "catalog.json").entries) == expected
    assert sorted(second.entries) == expected


def test_a_catalog_written_before_the_journal_is_read_and_extended(tmp_path: Path) -> None:
    import json

    legacy = {"documents": {"doc-0": _entry(0).__dict__}}
    (tmp_path / "catalog.json").write_text(json.dumps(legacy), encoding="utf-8")
    catalog = Catalog(tmp_path / "catalog.json")
    assert list(catalog.entries) == ["doc-0"]
    _put(catalog, 1)
    assert sorted(Catalog(tmp_path / "catalog.json").entries) == ["doc-0", "doc-1"]


def test_a_commit_by_another_process_is_noticed(tmp_path: Path) -> None:
    ours = Catalog(tmp_path / "catalog.json")
    theirs = Catalog(tmp_path / "catalog.json")
    _put(ours, 0)
    assert not ours.changed_on_disk()  # our own commit
    assert theirs.changed_on_disk()
    theirs.reload()
    _put(theirs, 1)
    assert ours.changed_on_disk()
    ours.reload()
    assert sorted(ours.entries) == ["doc-0", "doc-1"] and not ours.changed_on_disk()


def test_an_api_replica_follows_documents_another_replica_committed(tmp_path: Path) -> None:
    """Replicas sharing a home (and a Qdrant server): B's next request sees A's commit."""
    from api.engine import Engine
    from retrieval.runtime import BUNDLED_CORPUS
    from tests.conftest import make_runtime

    runtime = make_runtime(tmp_path)
    try:
        runtime.ingest_paths([BUNDLED_CORPUS / "ninh-binh-19-KH-UBND-2025.txt"])
        engine = Engine(runtime)
        with engine.reading() as view:
            assert list(view.catalog) == ["ninh-binh-19-KH-UBND-2025"]
            before = view.assistant
        other_replica = Catalog(tmp_path / "catalog.json")
        _put(other_replica, 7)
        with engine.reading() as view:
            assert sorted(view.catalog) == ["doc-7", "ninh-binh-19-KH-UBND-2025"]
            assert view.assistant is not before  # rebuilt over the new catalog
    finally:
        runtime.close()


def test_the_committed_set_follows_every_change_of_the_entries(tmp_path: Path) -> None:
    """Kept between reads of the index, rebuilt when an entry changes (however it does)."""
    catalog = Catalog(tmp_path / "catalog.json")
    for n in range(3):
        _put(catalog, n)
    first = catalog.committed_set()
    assert first == frozenset(e.committed_version for e in catalog.entries.values())
    assert catalog.committed_set() is first  # unchanged: the same set, not a rebuild
    del catalog.entries["doc-0"]
    assert catalog.committed_set() == first - {_entry(0).committed_version}
    catalog.entries["doc-9"] = _entry(9)
    assert _entry(9).committed_version in catalog.committed_set()
    catalog.entries = {"doc-5": _entry(5)}  # replaced whole, as a restore does
    assert catalog.committed_set() == {_entry(5).committed_version}
    catalog.commit("doc-5")
    catalog.reload()  # the files' state: the uncommitted changes are gone
    assert catalog.committed_set() == {"v0", "v1", "v2", "v5"}
