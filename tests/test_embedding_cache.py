"""The passage-vector cache: a passage is embedded once per model, across runs and copies."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from ingest.embedding.cache import (
    CACHE_FILE_NAME,
    CachedEmbedder,
    EmbeddingCache,
    normalised,
    text_key,
)
from ingest.embedding.hashing import HashingEmbedder
from ingest.settings import HASHING_EMBED_MODEL, Settings
from retrieval.runtime import BUNDLED_CORPUS, Runtime

PLAN = BUNDLED_CORPUS / "ninh-binh-19-KH-UBND-2025.txt"


class CountingEmbedder(HashingEmbedder):
    """The hashing embedder, counting the passages it was asked to embed."""

    def __init__(self) -> None:
        super().__init__(64)
        self.embedded: list[str] = []

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        self.embedded.extend(texts)
        return super().embed_passages(texts)


def test_normalisation_ignores_whitespace_and_unicode_form() -> None:
    composed = "Sở Khoa học và Công nghệ"
    decomposed = "So\u031b\u0309 Khoa ho\u0323c va\u0300 Co\u0302ng nghe\u0323\u0302"
    assert normalised(f"  {decomposed}\n\t") == composed
    assert text_key(decomposed + "  chủ trì") == text_key(composed + " chủ trì")
    assert text_key(composed) != text_key(composed.lower())


def test_repeated_passages_are_embedded_once_and_vectors_are_unchanged(tmp_path: Path) -> None:
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, EmbeddingCache(tmp_path / CACHE_FILE_NAME))
    texts = ["Nhiệm vụ một", "Nhiệm vụ hai", "Nhiệm  vụ một", "Nhiệm vụ một"]
    first = cached.embed_passages(texts)
    assert inner.embedded == ["Nhiệm vụ một", "Nhiệm vụ hai"]
    assert first[0] == first[2] == first[3]
    assert first[1] == pytest.approx(HashingEmbedder(64).embed_passages(["Nhiệm vụ hai"])[0])
    again = cached.embed_passages(["Nhiệm vụ hai", "Nhiệm vụ ba"])
    assert inner.embedded[2:] == ["Nhiệm vụ ba"]
    assert again[0] == first[1]
    assert (cached.hits, cached.misses) == (3, 3)


def test_vectors_persist_across_processes_and_are_kept_apart_per_model(tmp_path: Path) -> None:
    path = tmp_path / CACHE_FILE_NAME
    first = CachedEmbedder(CountingEmbedder(), EmbeddingCache(path), model="model-a")
    vectors = first.embed_passages(["Phụ lục I", "Kinh phí thực hiện"])
    first.close()
    reopened = CountingEmbedder()
    assert CachedEmbedder(reopened, EmbeddingCache(path), model="model-a").embed_passages(
        ["Kinh phí thực hiện", "Phụ lục I"]
    ) == [vectors[1], vectors[0]]
    assert reopened.embedded == []
    other = CountingEmbedder()
    CachedEmbedder(other, EmbeddingCache(path), model="model-b").embed_passages(["Phụ lục I"])
    assert other.embedded == ["Phụ lục I"]


def test_a_vector_of_another_length_is_embedded_again(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path / CACHE_FILE_NAME)
    cache.put_many("m", {text_key("Mục tiêu"): [1.0, 0.0]})  # a model with 2 dimensions
    inner = CountingEmbedder()
    vector = CachedEmbedder(inner, cache, model="m").embed_passages(["Mục tiêu"])[0]
    assert inner.embedded == ["Mục tiêu"] and len(vector) == 64


def test_a_process_killed_mid_write_leaves_whole_vectors_or_none(tmp_path: Path) -> None:
    path = tmp_path / CACHE_FILE_NAME
    cache = EmbeddingCache(path)
    cache.put_many("m", {text_key("đã lưu"): [0.5] * 64})
    cache.close()
    code = (
        "import os, signal\n"
        "from pathlib import Path\n"
        "from ingest.embedding.cache import EmbeddingCache, text_key\n"
        f"cache = EmbeddingCache(Path({str(path)!r}))\n"
        "db = cache._db\n"
        "db.execute('BEGIN')\n"
        "for n in range(500):\n"
        "    db.execute('INSERT INTO vectors VALUES (?, ?, ?)', "
        "('m', text_key(f'mới {n}'), bytes(256)))\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    killed = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).parents[1])
    assert killed.returncode == -9
    reopened = EmbeddingCache(path)
    assert reopened.count("m") == 1
    assert reopened.get_many("m", [text_key("đã lưu")], 64) == {text_key("đã lưu"): [0.5] * 64}


def test_an_unreadable_cache_is_moved_aside_and_ingestion_goes_on(tmp_path: Path) -> None:
    path = tmp_path / CACHE_FILE_NAME
    path.write_bytes(b"this is not a database" * 100)
    inner = CountingEmbedder()
    vectors = CachedEmbedder(inner, EmbeddingCache(path)).embed_passages(["Tổ chức thực hiện"])
    assert len(vectors[0]) == 64
    assert (tmp_path / (CACHE_FILE_NAME + ".damaged")).exists()


def test_a_copied_plan_under_another_name_embeds_nothing_new(tmp_path: Path) -> None:
    """Commune plans copy their province's passages: a second copy costs no embedding."""
    inner = CountingEmbedder()
    runtime = Runtime(Settings(home=tmp_path / "home"), embedder=inner)
    try:
        runtime.ingest_paths([PLAN])
        embedded = len(inner.embedded)
        assert embedded > 50
        copy = tmp_path / "xa-copy.txt"
        shutil.copy(PLAN, copy)
        outcome = runtime.ingest_paths([copy])[0]
        assert outcome.status == "added" and outcome.points == embedded
        assert len(inner.embedded) == embedded  # every vector came from the cache
        assert (tmp_path / "home" / CACHE_FILE_NAME).exists()
    finally:
        runtime.close()


def test_the_hashing_model_and_a_disabled_cache_embed_directly(tmp_path: Path) -> None:
    for settings in (
        Settings(home=tmp_path / "a", embed_model=HASHING_EMBED_MODEL),
        Settings(home=tmp_path / "b", embed_cache=False),
    ):
        runtime = Runtime(settings, embedder=HashingEmbedder(64))
        assert not isinstance(runtime.passage_embedder(), CachedEmbedder)
        runtime.close()
