"""Vietnamese for the words typer prints itself: "Usage:", "--help", "Error", type names.

The `kehoach` commands are built with `VietnameseCommand` and `VietnameseGroup`, which write
the usage line and the help option in Vietnamese; `use_vietnamese()` sets typer's panel titles
(its documented module constants), names types in Vietnamese ("<list[Path]>" → "<đường
dẫn...>", flags none) and turns typer's usage errors ("No such option: --x") into Vietnamese.
A word typer adds later stays English until it is added here; nothing breaks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import typer.core
import typer.rich_utils

HELP_OPTION = "Hiện hướng dẫn này rồi thoát."
USAGE = "Cách dùng: "
OPTIONS_METAVAR = "[TUỲ CHỌN]"

_RICH_CONSTANTS = {
    "ARGUMENTS_PANEL_TITLE": "Đối số",
    "OPTIONS_PANEL_TITLE": "Tuỳ chọn",
    "COMMANDS_PANEL_TITLE": "Lệnh",
    "ERRORS_PANEL_TITLE": "Lỗi",
    "ABORTED_TEXT": "Đã dừng.",
    "RICH_HELP": "Gõ [blue]'{command_path} {help_option}'[/] để xem hướng dẫn.",
    "DEFAULT_STRING": "[mặc định: {}]",
    "ENVVAR_STRING": "[biến môi trường: {}]",
    "REQUIRED_LONG_STRING": "[bắt buộc]",
}
# Type names typer shows in help, by the name it would show
TYPE_NAMES = {
    "str": "chữ",
    "int": "số",
    "float": "số",
    "path": "đường dẫn",
    "list[path]": "đường dẫn...",
    "list[str]": "chữ...",
}
_TYPE = re.compile(r"^<?(?P<name>[^<>]+?)>?(?P<more>\.\.\.)?$")
# typer's usage errors, most specific first: (pattern, Vietnamese)
_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), vietnamese)
    for pattern, vietnamese in (
        (r"No such option: (\S+)", r"Không có tuỳ chọn \1."),
        (r"No such command (\S+)\.", r"Không có lệnh \1."),
        (r"Did you mean (\S+)\?", r"Có phải ý bạn là \1?"),
        (r"\(Possible options: ([^)]*)\)", r"(Các tuỳ chọn gần giống: \1)"),
        (r"Missing argument (\S+)\.", r"Thiếu đối số \1."),
        (r"Missing option (\S+)\.", r"Thiếu tuỳ chọn \1."),
        (r"Missing parameter:? ?(\S*)", r"Thiếu tham số \1"),
        (r"Missing command\.", "Thiếu lệnh."),
        (r"Got unexpected extra arguments? \((.*)\)", r"Thừa đối số (\1)."),
        (r"Option (\S+) requires an argument\.", r"Tuỳ chọn \1 cần một giá trị."),
        (r"Invalid value for (\S+):", r"Giá trị không hợp lệ cho \1:"),
        (r"Invalid value:", "Giá trị không hợp lệ:"),
        (r"(\S+) is not a valid integer\.", r"\1 không phải số nguyên."),
        (r"(\S+) is not a valid float\.", r"\1 không phải số."),
        (r"(\S+) is not a valid boolean\.", r"\1 không phải giá trị đúng/sai."),
        (r"(?:File|Directory|Path) (\S+) does not exist\.", r"\1 không tồn tại."),
        (r"(?:File|Directory|Path) (\S+) is a directory\.", r"\1 là thư mục, không phải tệp."),
        (r"(?:File|Directory|Path) (\S+) is a file\.", r"\1 là tệp, không phải thư mục."),
    )
)


def vietnamese_error(message: str) -> str:
    """A typer usage error in Vietnamese (the parts it knows; the rest unchanged)."""
    for pattern, replacement in _ERRORS:
        message = pattern.sub(replacement, message)
    return message


def type_label(shown: str | None) -> str | None:
    """ "<list[Path]>" → "<đường dẫn...>"; "<bool>" (a flag) → nothing."""
    if shown is None:
        return None
    found = _TYPE.match(shown)
    if found is None:
        return shown
    name = found.group("name").lower()
    if name == "bool":
        return None
    label = TYPE_NAMES.get(name)
    if label is None:
        return shown
    return f"<{label}>" + (found.group("more") or "")


class _Vietnamese:
    """Usage line, options placeholder and help option in Vietnamese."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=USAGE)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_OPTION
        return option


class VietnameseCommand(_Vietnamese, typer.core.TyperCommand):
    """A typer command whose own words are Vietnamese."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["options_metavar"] = OPTIONS_METAVAR
        super().__init__(*args, **kwargs)


class VietnameseGroup(_Vietnamese, typer.core.TyperGroup):
    """A typer group whose own words are Vietnamese."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["options_metavar"] = OPTIONS_METAVAR
        kwargs["subcommand_metavar"] = "LỆNH [ĐỐI SỐ]..."
        super().__init__(*args, **kwargs)


def use_vietnamese() -> None:
    """Panel titles, type names and usage errors of typer in Vietnamese, for this process."""
    rich = typer.rich_utils
    for name, value in _RICH_CONSTANTS.items():
        if hasattr(rich, name):
            setattr(rich, name, value)
    print_error = getattr(rich, "rich_format_error", None)
    if print_error is not None and not hasattr(print_error, "_vietnamese"):
        rich.rich_format_error = _translated_errors(print_error)  # type: ignore[assignment]
    for kind in ("TyperOption", "TyperArgument"):
        cls = getattr(typer.core, kind, None)
        shown = getattr(cls, "display_type_rich", None)
        if cls is not None and shown is not None and not hasattr(shown, "_vietnamese"):
            cls.display_type_rich = _translated_types(shown)


def _translated_errors(print_error: Callable[[Any], None]) -> Callable[[Any], None]:
    def rich_format_error(error: Any) -> None:
        english = error.format_message
        error.format_message = lambda: vietnamese_error(english())
        print_error(error)

    rich_format_error._vietnamese = True  # type: ignore[attr-defined]
    return rich_format_error


def _translated_types(shown: Callable[..., str | None]) -> Callable[..., str | None]:
    def display_type_rich(self: Any, ctx: Any) -> str | None:
        return type_label(shown(self, ctx))

    display_type_rich._vietnamese = True  # type: ignore[attr-defined]
    return display_type_rich
