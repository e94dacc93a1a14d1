"""`kehoach backup PATH` and `kehoach restore PATH`: the two commands, registered on the app."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from ingest.errors import KehoachError
from kehoach.cli_words import VietnameseCommand

T = TypeVar("T")

HomeOption = Annotated[
    Path | None,
    typer.Option(
        "--home", help="thư mục làm việc của kehoach (chỉ mục, danh mục văn bản); hoặc KEHOACH_HOME"
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="ghi đè thư mục/dữ liệu đã có")]


def register(
    app: typer.Typer,
    make_runtime: Callable[[Path | None], Any],
    fail: Callable[[str], typer.Exit],
    console: Console,
) -> None:
    """Add the backup and restore commands to the `kehoach` app."""

    def run(home: Path | None, action: Callable[[Any], T]) -> T:
        runtime = make_runtime(home)
        try:
            return action(runtime)
        except KehoachError as error:
            raise fail(str(error)) from error
        finally:
            runtime.close()

    @app.command(cls=VietnameseCommand)
    def backup(
        path: Annotated[
            Path, typer.Argument(metavar="THƯ_MỤC", help="thư mục sao lưu (mới hoặc trống)")
        ],
        home: HomeOption = None,
        force: ForceOption = False,
    ) -> None:
        """Sao lưu chỉ mục, danh mục và văn bản gốc vào một thư mục (nhất quán, dưới khoá).

        Ví dụ: kehoach backup /srv/sao-luu/2025-11-30
        """
        from ingest.backup import backup as take_backup

        manifest = run(home, lambda runtime: take_backup(runtime, path, force))
        console.print(
            f"đã sao lưu {manifest.documents} văn bản ({manifest.points} điểm) vào {path}",
            highlight=False,
        )

    @app.command(cls=VietnameseCommand)
    def restore(
        path: Annotated[
            Path, typer.Argument(metavar="THƯ_MỤC", help="thư mục sao lưu do `kehoach backup` tạo")
        ],
        home: HomeOption = None,
        force: ForceOption = False,
    ) -> None:
        """Khôi phục từ bản sao lưu (từ chối ghi đè văn bản đã có nếu thiếu --force).

        Ví dụ: kehoach restore /srv/sao-luu/2025-11-30
        """
        from ingest.backup import restore as restore_backup

        manifest = run(home, lambda runtime: restore_backup(runtime, path, force))
        console.print(f"đã khôi phục {manifest.documents} văn bản từ {path}", highlight=False)
