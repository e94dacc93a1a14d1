"""Plans named by a phrase their titles share ("kế hoạch về bầu cử đại biểu Quốc hội khóa
XVI … do ai ký?"): the few plans holding it, found by one indexed look-up of title word
pairs, on SQLite and PostgreSQL; a question naming a day and asking who issued the plan is
read as asking the issuer, not the date."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest

from ingest.abbreviations import expand_abbreviations
from ingest.facts import FactStore, title_bigrams
from ingest.normalize_vi import folded
from retrieval.documents import DocumentDirectory, DocumentInfo
from retrieval.narrowing import MANY
from retrieval.query import Intent, MetaField, understand
from tests.conftest import fact_store

_ELECTION = "bầu cử đại biểu Quốc hội khóa XVI và đại biểu Hội đồng nhân dân các cấp"
_TITLES = [
    *(f"Kế hoạch chuyển đổi số năm {2020 + i}" for i in range(8)),
    f"Kế hoạch tuyên truyền {_ELECTION}",
    f"Kế hoạch kiểm tra, giám sát công tác {_ELECTION}",
    f"Kế hoạch tiếp công dân phục vụ {_ELECTION}",
    "Kế hoạch bảo vệ môi trường năm 2026",
]


@pytest.fixture
def directory(fact_backend: str, tmp_path: Path) -> Iterator[DocumentDirectory]:
    with fact_store(fact_backend, tmp_path) as facts:
        infos = {}
        for i, title in enumerate(_TITLES):
            document = {"id": f"kh-{i:02d}", "title": title, "number": f"{i + 1}/KH-UBND"}
            facts.put_payloads(document, "v1", [])
            infos[str(document["id"])] = DocumentInfo.from_plain(document)
        yield DocumentDirectory(infos, facts)


def _scanned(facts: FactStore, pairs: list[str], most: int) -> dict[str, int]:
    """The same counts as `shared_bigram_counts`, by reading every title."""
    held = {f"kh-{i:02d}": title_bigrams(t) for i, t in enumerate(_TITLES)}
    rare = {p for p in pairs if sum(p in b for b in held.values()) <= most}
    counts = {d: len(rare & b) for d, b in held.items()}
    return {d: n for d, n in counts.items() if n}


def test_pair_counts_agree_with_a_scan_of_every_title(directory: DocumentDirectory) -> None:
    words = folded("kế hoạch về bầu cử đại biểu quốc hội khóa xvi chuyển đổi số").split()
    pairs = [f"{a} {b}" for a, b in pairwise(words)]
    for most in (1, 3, MANY, 20):
        assert directory.facts.shared_bigram_counts(pairs, most) == _scanned(
            directory.facts, pairs, most
        )


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # the phrase three titles share: those three, not every plan
        ("Kế hoạch về bầu cử đại biểu Quốc hội khóa XVI do ai ký?", ["kh-08", "kh-09", "kh-10"]),
        # written short and without accents
        ("Ke hoach bau cu DBQH khoa XVI do ai ky?", ["kh-08", "kh-09", "kh-10"]),
        # a phrase eight titles share names no plan (more than MANY)
        ("Kế hoạch chuyển đổi số do ai ký?", []),
        # a single shared pair is not a phrase
        ("Kế hoạch về bầu cử do ai ký?", []),
        # a phrase of one title: that plan
        ("Kế hoạch bảo vệ môi trường do ai ký?", ["kh-11"]),
    ],
)
def test_titled_alike(directory: DocumentDirectory, question: str, expected: list[str]) -> None:
    typed = folded(expand_abbreviations(question))
    assert directory.titled_alike(typed, MANY) == expected


def test_a_day_named_with_the_issuer_asked_is_not_the_date_asked() -> None:
    query = understand(
        "Kế hoạch về bầu cử đại biểu Quốc hội khóa XVI ban hành ngày 10/12/2025 là của cơ quan nào?"
    )
    assert query.intent is Intent.DOCUMENT_FACTS
    assert query.meta_fields == (MetaField.ISSUER,)
    # the day itself asked stays the date
    for asked in ("Kế hoạch 19 ban hành ngày nào?", "Kế hoạch 19 ban hành vào ngày nào?"):
        assert understand(asked).meta_fields == (MetaField.DATE,), asked
    # a task's unit asked "của cơ quan nào" is not the plan's issuer
    assert understand("Nhiệm vụ số hóa hồ sơ là của cơ quan nào?").intent is not (
        Intent.DOCUMENT_FACTS
    )


def test_dbqh_is_spelled_out() -> None:
    assert "dai bieu quoc hoi" in understand("Ke hoach bau cu DBQH khoa XVI do ai ky?").folded
