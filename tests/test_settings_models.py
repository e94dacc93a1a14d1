"""Where built models live: one per user, shared by every home, unless told otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.settings import Settings


def test_two_homes_share_the_per_user_model_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("KEHOACH_MODEL_DIR", raising=False)
    first = Settings(home=tmp_path / "a")
    second = Settings(home=tmp_path / "b")
    assert first.models_dir == second.models_dir == tmp_path / "cache" / "kehoach" / "models"


def test_model_dir_setting_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEHOACH_MODEL_DIR", str(tmp_path / "shared"))
    (tmp_path / "home" / "models").mkdir(parents=True)
    assert Settings(home=tmp_path / "home").models_dir == tmp_path / "shared"


def test_a_home_that_already_has_models_keeps_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KEHOACH_MODEL_DIR", raising=False)
    (tmp_path / "home" / "models").mkdir(parents=True)
    assert Settings(home=tmp_path / "home").models_dir == tmp_path / "home" / "models"
