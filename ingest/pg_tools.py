"""PostgreSQL's own copy tools for the server path's backup: `pg_dump` of some tables into
one file (custom format), `pg_restore` of that file in one transaction.

The tools come with Debian's `postgresql-client`; a clear message says so when they are
missing. The file is written beside its final name and renamed, so a dump interrupted
half-way never looks like a finished one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from ingest.errors import InputError

_INSTALL = (
    "cài gói postgresql-client (Debian/Ubuntu: apt-get install postgresql-client), cùng "
    "phiên bản chính với máy chủ PostgreSQL, rồi chạy lại"
)


class DatabaseCopyError(InputError):
    """pg_dump or pg_restore is missing, or failed."""


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise DatabaseCopyError(
            f"không tìm thấy lệnh {name} để sao lưu/khôi phục cơ sở dữ liệu PostgreSQL: {_INSTALL}."
        )
    return found


def _run(arguments: Sequence[str], what: str) -> None:
    try:
        done = subprocess.run(arguments, capture_output=True, text=True, check=False)
    except OSError as error:
        raise DatabaseCopyError(f"{what}: không chạy được {arguments[0]} ({error})") from error
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        raise DatabaseCopyError(f"{what} thất bại: {' '.join(said[-3:]) or done.returncode}")


def dump_tables(url: str, tables: Sequence[str], path: Path) -> None:
    """Write `tables` (schema-qualified names) of the database at `url` to `path`."""
    if not tables:
        raise DatabaseCopyError("không có bảng nào để sao lưu")
    partial = path.with_name(f".{path.name}.partial")
    arguments = [_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={partial}"]
    arguments += [f"--table={table}" for table in tables]
    try:
        _run([*arguments, f"--dbname={url}"], "pg_dump")
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def restore_tables(url: str, path: Path) -> None:
    """Replace the tables the dump at `path` holds in the database at `url`, all or none."""
    arguments = [
        _tool("pg_restore"),
        "--clean",
        "--if-exists",
        "--no-owner",
        "--single-transaction",
        "--exit-on-error",
        f"--dbname={url}",
        str(path),
    ]
    _run(arguments, "pg_restore")
