"""Qdrant Edge and a Qdrant server (qdrant-client local mode) rank alike.

The same points and the same queries go to `EdgeIndex` and `ServerIndex`; the top 5 ids
must be equal, in order, for dense, sparse and hybrid search, with and without filters.
Both adapters break exact score ties in their results by id, so tied points need no
leeway there. What neither adapter controls is the order of tied points *inside* a
prefetch: Edge and qdrant-client order them differently, which shifts their reciprocal
ranks and so their fused scores. Passages with identical text tie on both vectors, so
the test data keeps one passage per text (the corpus repeats a few sentences). Scores
are compared with a float32 tolerance.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from ingest.embedding.hashing import HashingEmbedder
from ingest.index import (
    IndexPoint,
    PayloadFilter,
    ScoredPoint,
    SparseVector,
    VectorIndex,
    point_id_for,
)
from ingest.index.edge import EdgeIndex

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
DIMENSION = 64
TOP = 5
PREFETCH = 20
EMBEDDER = HashingEmbedder(dimension=DIMENSION)
UNITS = ("Sở Khoa học và Công nghệ", "Sở Nội vụ", "Văn phòng UBND tỉnh", "UBND các xã, phường")
KINDS = ("goal", "task", "task", "indicator")


# -- the same deterministic data as tests/test_index_adapters.py, more passages ---------


def corpus_sentences(per_document: int) -> list[tuple[str, str]]:
    """(document id, sentence) pairs spread over each document, each text only once."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for path in sorted(CORPUS.glob("*.txt")):
        text = re.sub(r"\s+", " ", path.read_text(encoding="utf-8"))
        parts = [p.strip(" -|") for p in re.split(r"(?<=[.;])\s+", text)]
        parts = [p for p in parts if 60 <= len(p) <= 260]
        step = max(1, len(parts) // per_document)
        for part in parts[::step][:per_document]:
            if part not in seen:
                seen.add(part)
                out.append((path.stem, part))
    return out


def word_ids(text: str) -> list[int]:
    return [
        int.from_bytes(hashlib.blake2b(w.encode(), digest_size=4).digest(), "big") >> 1
        for w in re.findall(r"\w+", text.lower())
    ]


def sparse_document(text: str) -> SparseVector:
    """Term frequencies over sqrt(characters), times a tiny per-text factor.

    The factor keeps two passages that share the same query words at the same rate from
    tying exactly (see the module docstring); it is too small to reorder anything else.
    """
    tokens = word_ids(text)
    counts = Counter(tokens)
    digest = hashlib.blake2b(text.encode(), digest_size=4).digest()
    scale = (1.0 + int.from_bytes(digest, "big") % 1000 * 1e-6) / (math.sqrt(len(text)) or 1.0)
    ids = sorted(counts)
    return SparseVector(tuple(ids), tuple(counts[i] * scale for i in ids))


def sparse_query(text: str) -> SparseVector:
    ids = sorted(set(word_ids(text)))
    return SparseVector(tuple(ids), tuple(1.0 for _ in ids))


def make_points() -> list[IndexPoint]:
    sentences = corpus_sentences(per_document=12)
    dense = EMBEDDER.embed_passages([text for _, text in sentences])
    points = []
    for i, ((document_id, text), vector) in enumerate(zip(sentences, dense, strict=True)):
        clause_id = f"{document_id}:{i}"
        due = date(2025, 1, 1) + timedelta(days=7 * i)
        payload = {
            "document_id": document_id,
            "clause_id": clause_id,
            "number": str(i + 1),
            "kind": KINDS[i % len(KINDS)],
            "units": [UNITS[i % len(UNITS)], UNITS[(i * 3 + 1) % len(UNITS)]],
            "due": int(due.strftime("%Y%m%d")),
            "text": text,
        }
        points.append(IndexPoint(point_id_for(clause_id), vector, sparse_document(text), payload))
    return points


POINTS = make_points()

QUESTIONS = (
    "chuyển đổi số cấp xã năm 2026",
    "tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến",
    "hạ tầng công nghệ thông tin bảo đảm an toàn",
    "xây dựng cơ sở dữ liệu chuyên ngành",
    "phổ cập kỹ năng số cho người dân",
    "dịch vụ công trực tuyến toàn trình",
    "tài khoản định danh điện tử VNeID mức 2",
    "Internet cáp quang băng rộng cho hộ gia đình",
    "mô hình chính quyền số cấp sở, ngành",
    "doanh nghiệp công nghệ số chuyển giao giải pháp",
    "tập huấn nâng cao kiến thức nhân lực số",
    "báo cáo kết quả triển khai thực hiện nhiệm vụ",
)

FILTERS: dict[str, PayloadFilter | None] = {
    "none": None,
    "document": PayloadFilter(equals={"document_id": "ninh-binh-19-KH-UBND-2025"}),
    "units any, not goals": PayloadFilter(
        equals={"units": ["Sở Nội vụ", "Văn phòng UBND tỉnh"]}, excludes={"kind": "goal"}
    ),
    "due in 2025 H2": PayloadFilter(ranges={"due": (20250701, 20251231)}),
}

# Every question once with one of the filters, a few again without a filter.
CASES = [(q, list(FILTERS)[i % len(FILTERS)]) for i, q in enumerate(QUESTIONS)]
CASES += [(q, "none") for q in QUESTIONS[1::4]]


@pytest.fixture(scope="module")
def engines(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[VectorIndex, VectorIndex]]:
    from qdrant_client import QdrantClient

    from ingest.index.server import ServerIndex

    edge: VectorIndex = EdgeIndex(tmp_path_factory.mktemp("edge"), "congruence")
    server: VectorIndex = ServerIndex(QdrantClient(":memory:"), "congruence", owns_client=True)
    for index in (edge, server):
        index.ensure_collection(DIMENSION)
        index.upsert(POINTS)
    yield edge, server
    edge.close()
    server.close()


def run(
    index: VectorIndex, mode: str, question: str, where: PayloadFilter | None, limit: int = TOP
) -> list[ScoredPoint]:
    dense = EMBEDDER.embed_queries([question])[0]
    sparse = sparse_query(question)
    if mode == "dense":
        return index.search_dense(dense, where, limit)
    if mode == "sparse":
        return index.search_sparse(sparse, where, limit)
    return index.search_hybrid(dense, sparse, where, limit, prefetch_limit=PREFETCH)


def test_enough_queries_and_points() -> None:
    assert len(POINTS) >= 50
    assert len(CASES) >= 12


@pytest.mark.parametrize("mode", ["dense", "sparse", "hybrid"])
@pytest.mark.parametrize(("question", "filter_name"), CASES)
def test_same_top_ids(
    engines: tuple[VectorIndex, VectorIndex], mode: str, question: str, filter_name: str
) -> None:
    edge, server = engines
    where = FILTERS[filter_name]
    from_edge = run(edge, mode, question, where)
    from_server = run(server, mode, question, where)
    assert from_edge, "a query that finds nothing compares nothing"
    assert [h.id for h in from_edge] == [h.id for h in from_server]
    assert [h.score for h in from_edge] == pytest.approx(
        [h.score for h in from_server], rel=1e-4, abs=1e-6
    )
    assert [h.payload for h in from_edge] == [h.payload for h in from_server]


@pytest.mark.parametrize("filter_name", list(FILTERS))
def test_same_scroll_and_count(engines: tuple[VectorIndex, VectorIndex], filter_name: str) -> None:
    edge, server = engines
    where = FILTERS[filter_name]
    assert [p.id for p in edge.scroll(where)] == [p.id for p in server.scroll(where)]
    assert edge.count(where) == server.count(where)


def test_prefetch_lists_have_no_exact_ties(engines: tuple[VectorIndex, VectorIndex]) -> None:
    """Guard for the comparison above: tied prefetch ranks may legitimately differ."""
    edge, _ = engines
    for question, filter_name in CASES:
        where = FILTERS[filter_name]
        for mode in ("dense", "sparse"):
            hits = run(edge, mode, question, where, limit=PREFETCH)
            scores = [h.score for h in hits]
            assert len(set(scores)) == len(scores), (question, filter_name, mode, scores)
