"""`kehoach … --help` as a new user reads it: Vietnamese, with an example for every command."""

from __future__ import annotations

from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from kehoach.cli import app

# what click and typer print in English when a word is not translated
ENGLISH = ("Usage:", "Options", "Arguments", "Commands", "Show this message", "[default:",
           "[required]", " TEXT", " PATH", " INTEGER", "<list[", "<path>", "<str>")  # fmt: skip


def _commands(group: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every leaf command's words (typer's groups are its own vendored click's)."""
    found = []
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            found += _commands(command, (*path, name))
        else:
            found.append((*path, name))
    return found


COMMANDS = _commands(typer.main.get_command(app))


def test_every_command_is_listed() -> None:
    assert {("ask",), ("chat",), ("documents",), ("ingest",), ("bot", "telegram")} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_help_is_vietnamese_with_an_example(command: tuple[str, ...]) -> None:
    result = CliRunner().invoke(app, [*command, "--help"], terminal_width=100)
    assert result.exit_code == 0, result.output
    assert "Cách dùng:" in result.output and "Ví dụ:" in result.output
    assert not [word for word in ENGLISH if word in result.output], result.output
