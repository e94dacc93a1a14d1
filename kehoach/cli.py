"""The `kehoach` command: ingest plans, list them, ask questions, chat, evaluate, serve.

Settings are read once here and passed down; heavy libraries are imported inside the
commands that need them so that `kehoach ask` starts fast.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from ingest.errors import InputError, KehoachError
from ingest.settings import Settings, load_settings
from kehoach.backup_cli import register as register_backup_commands
from kehoach.cli_words import VietnameseCommand, VietnameseGroup, use_vietnamese

use_vietnamese()  # click's and typer's own words ("Usage:", "Error") before any help prints

app = typer.Typer(
    cls=VietnameseGroup,
    add_completion=False,
    no_args_is_help=True,
    help="Hỏi đáp có trích dẫn trên các kế hoạch của cơ quan nhà nước (kehoach).",
)
stderr = Console(stderr=True)
stdout = Console()

HomeOption = Annotated[
    Path | None,
    typer.Option(
        "--home", help="thư mục làm việc của kehoach (chỉ mục, danh mục văn bản); hoặc KEHOACH_HOME"
    ),
]


def _settings(home: Path | None) -> Settings:
    """The settings (`--home` over KEHOACH_HOME); a bad KEHOACH_* variable ends the command
    with its Vietnamese message."""
    try:
        return load_settings(home=home) if home else load_settings()
    except KehoachError as error:
        raise _fail(str(error)) from error


def _status(message: str) -> None:
    stderr.print(f"[dim]{message}[/dim]")


def _runtime(home: Path | None) -> Any:
    from retrieval.runtime import Runtime

    return Runtime(_settings(home), status=_status)


def _fail(message: str, code: int = 1) -> typer.Exit:
    stderr.print(f"[bold red]Lỗi:[/bold red] {message}", highlight=False)
    return typer.Exit(code)


def _progress_bar() -> tuple[Any, Any]:
    """A rich progress bar on stderr and the callback the pipeline reports to."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=stderr,
        transient=True,
    )
    tasks: dict[str, Any] = {}

    def report(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = progress.add_task(f"nhúng {stage}", total=total)
        progress.update(tasks[stage], completed=done)

    return progress, report


@app.command(cls=VietnameseCommand)
def ingest(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="TỆP_HOẶC_THƯ_MỤC",
            help="tệp hoặc thư mục kế hoạch (.txt .md .docx .pdf .html)",
        ),
    ],
    home: HomeOption = None,
    encoding: Annotated[
        str | None,
        typer.Option(help="bảng mã của tệp .txt/.md/.html không phải UTF-8, ví dụ cp1258"),
    ] = None,
) -> None:
    """Nạp (ingest) kế hoạch vào chỉ mục; nạp lại văn bản không đổi không làm gì.

    Ví dụ: kehoach ingest ke-hoach-19.docx thu-muc-ke-hoach/
    """
    from ingest.reader import collect_sources, document_id_for, refuse_taken_id

    runtime = _runtime(home)
    failures = 0
    try:
        files = collect_sources(paths)
        if not files:
            raise _fail("không có tệp .txt/.md/.docx/.pdf/.html nào trong các đường dẫn đã cho")
        progress, report = _progress_bar()
        with progress:
            for path in files:
                try:
                    document_id = document_id_for(path)
                    current = runtime.catalog.entries.get(document_id)
                    source = current.document.get("source_path") if current else None
                    refuse_taken_id(document_id, path.name, source)
                    outcome = runtime.ingestor.ingest_file(path, encoding, report)
                except InputError as error:
                    failures += 1
                    stderr.print(f"[red]✗[/red] {error}", highlight=False)
                    continue
                stderr.print(
                    f"[green]✓[/green] {outcome.document_id}: {outcome.status} — "
                    f"{outcome.clauses} điều khoản, {outcome.targets} dòng chỉ tiêu/nhiệm vụ",
                    highlight=False,
                )
                for warning in outcome.warnings:
                    stderr.print(f"  [yellow]![/yellow] {warning}", highlight=False)
    except KehoachError as error:
        raise _fail(str(error)) from error
    finally:
        runtime.close()
    if failures:
        raise typer.Exit(1)


# metadata fields `documents --json` lists beside id, title, number and date
_DOCUMENT_FIELDS = (
    *("kind", "issuer", "place", "signer", "signer_title", "based_on", "replaces"),
    *("decision_number", "decision_date", "issues"),
)


@app.command(cls=VietnameseCommand)
def documents(
    home: HomeOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="xuất dạng JSON cho chương trình khác đọc")
    ] = False,
) -> None:
    """Liệt kê các văn bản đã nạp, với mã đầy đủ dùng cho --doc và remove.

    Ví dụ: kehoach documents --json
    """
    from ingest.catalog_db import open_catalog

    catalog = open_catalog(_settings(home))
    rows = [
        {
            "id": key,
            "title": entry.document.get("title"),
            "number": entry.document.get("number"),
            "issued_date": entry.document.get("issued_date"),
            **{key: entry.document.get(key) for key in _DOCUMENT_FIELDS},
            "clauses": entry.clause_count,
            "targets": entry.target_count,
        }
        for key, entry in sorted(catalog.entries.items())
    ]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    # the id is what `remove` and `--doc` take: shown whole (folded, never cut with "…")
    widest = max((len(str(row["id"])) for row in rows), default=2)
    if stdout.width < widest + 70:  # no room for a readable table: one block per plan
        _print_document_blocks(rows)
        return
    from rich.table import Table

    table = Table(show_lines=False)
    table.add_column("mã (id)", no_wrap=True, overflow="fold", min_width=min(widest, 60))
    table.add_column("số hiệu", no_wrap=True, min_width=11)
    table.add_column("ngày", no_wrap=True, min_width=10)
    table.add_column("điều\nkhoản", justify="right", no_wrap=True)
    table.add_column("chỉ\ntiêu", justify="right", no_wrap=True)
    table.add_column("tên", ratio=1, min_width=12)
    for row in rows:
        table.add_row(
            str(row["id"]),
            str(row["number"] or "—"),
            _shown_date(row["issued_date"]),
            str(row["clauses"]),
            str(row["targets"]),
            str(row["title"] or "—"),
        )
    stdout.print(table)


def _print_document_blocks(rows: list[dict[str, Any]]) -> None:
    """Each plan as three lines for a narrow terminal: its whole id, its số hiệu, date and
    counts, its title."""
    from rich.markup import escape

    for row in rows:
        facts = [
            str(row["number"] or "không ghi số hiệu"),
            _shown_date(row["issued_date"]),
            f"{row['clauses']} điều khoản",
            f"{row['targets']} chỉ tiêu",
        ]
        stdout.print(f"[bold]{escape(str(row['id']))}[/bold]", overflow="fold", highlight=False)
        stdout.print("  " + " · ".join(f for f in facts if f != "—"), highlight=False)
        stdout.print("  " + escape(str(row["title"] or "—")), highlight=False)


def _shown_date(value: object) -> str:
    """ISO "2025-07-31" → "31/07/2025", "2023-05" → "05/2023"; "—" when none."""
    if not value:
        return "—"
    parts = str(value).split("-")
    return "/".join(reversed(parts)) if all(p.isdigit() for p in parts) else str(value)


@app.command(cls=VietnameseCommand, name="inspect")
def inspect_document(
    document: Annotated[
        str,
        typer.Argument(
            metavar="MÃ_HOẶC_TỆP", help="mã văn bản (xem `kehoach documents`) hoặc đường dẫn tệp"
        ),
    ],
    home: HomeOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="xuất dạng JSON")] = False,
    encoding: Annotated[
        str | None, typer.Option(help="bảng mã của tệp .txt/.md/.html không phải UTF-8")
    ] = None,
) -> None:
    """Xem kehoach hiểu văn bản thế nào: thông tin, cây điều khoản, chỉ tiêu, cảnh báo.

    Ví dụ: kehoach inspect ke-hoach-19.docx
    """
    from kehoach.inspect import load_document, print_report, report_data

    try:
        inspected = load_document(document, _settings(home), encoding)
    except KehoachError as error:
        raise _fail(str(error)) from error
    if as_json:
        typer.echo(json.dumps(report_data(inspected), ensure_ascii=False, indent=2))
    else:
        print_report(stdout, inspected)


@app.command(cls=VietnameseCommand)
def remove(
    document: Annotated[
        str, typer.Argument(metavar="MÃ", help="mã văn bản (xem `kehoach documents`)")
    ],
    home: HomeOption = None,
) -> None:
    """Xoá một văn bản khỏi chỉ mục (mã lấy từ kehoach documents).

    Ví dụ: kehoach remove ninh-binh-19-KH-UBND-2025
    """
    runtime = _runtime(home)
    try:
        runtime.ingestor.remove(document)
    except KehoachError as error:
        raise _fail(str(error)) from error
    finally:
        runtime.close()
    stderr.print(f"đã xoá {document}")


@app.command(cls=VietnameseCommand)
def ask(
    question: Annotated[str | None, typer.Argument(metavar="CÂU_HỎI", help="câu hỏi")] = None,
    home: HomeOption = None,
    doc: Annotated[
        str | None, typer.Option("--doc", help="chỉ hỏi trong văn bản có mã này")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="trả lời dạng JSON")] = False,
    all_rows: Annotated[
        bool, typer.Option("--all", help="in mọi dòng của danh sách dài (mặc định 10 dòng đầu)")
    ] = False,
    reading: Annotated[
        bool,
        typer.Option(
            "--reading",
            help="kèm cách đọc câu hỏi (JSON): từng ràng buộc, từ không kế hoạch nào dùng",
        ),
    ] = False,
    batch: Annotated[
        Path | None,
        typer.Option(
            "--batch",
            help="tệp JSONL, mỗi dòng {id, question, document?}; mã thoát 1 khi có dòng lỗi",
        ),
    ] = None,
) -> None:
    """Hỏi một câu (hoặc một lô câu hỏi với --batch).

    Ví dụ: kehoach ask "so nao chu tri chi tieu 6.6?" ·
    kehoach ask --all "Công an tỉnh chủ trì những chỉ tiêu nào?"
    """
    from kehoach.asking import AskError, answer_batch, answer_one, read_one

    runtime = _runtime(home)
    try:
        if batch is not None:
            if question:
                raise _fail("hãy đưa một câu hỏi hoặc --batch, không cả hai", 2)
            failed = answer_batch(runtime, batch, sys.stdout)
            if failed:
                stderr.print(f"{failed} dòng không trả lời được (xem lỗi ở trên)")
                raise typer.Exit(1)
            return
        if question is None:
            raise _fail('hãy nhập câu hỏi, ví dụ: kehoach ask "Sở nào chủ trì chỉ tiêu 6.6?"', 2)
        from retrieval.row_lists import EVERY_ROW, FIRST_PAGE

        answer = answer_one(runtime, question, doc, rows=EVERY_ROW if all_rows else FIRST_PAGE)
        read = read_one(runtime, question, doc) if reading else None
    except AskError as error:
        raise _fail(str(error), 2) from error
    except KehoachError as error:
        raise _fail(str(error)) from error
    finally:
        runtime.close()
    if as_json or read is not None:
        data = answer.to_json() | ({} if read is None else {"reading": read})
        typer.echo(json.dumps(data, ensure_ascii=False, indent=None if as_json else 2))
    else:
        from kehoach.render import print_answer

        print_answer(stdout, answer, all_rows)


_CHAT_MORE = "gõ “xem tiếp” hoặc “xem tất cả”"


@app.command(cls=VietnameseCommand)
def chat(
    home: HomeOption = None,
    all_rows: Annotated[
        bool, typer.Option("--all", help="in mọi dòng của danh sách dài (mặc định 10 dòng đầu)")
    ] = False,
) -> None:
    """Hỏi đáp nhiều lượt (câu hỏi nối tiếp dùng ngữ cảnh câu trước).

    Ví dụ: kehoach chat, rồi gõ "Sở nào chủ trì chỉ tiêu 6.6?" và "còn thời hạn thì sao?";
    sau một danh sách dài, gõ "xem tiếp" để in 10 dòng sau, "xem tất cả" để in mọi dòng.
    """
    from ingest.normalize_vi import folded
    from kehoach.asking import AskError, answer_one
    from kehoach.render import print_answer
    from retrieval.answers import Answer
    from retrieval.conversation import Conversation
    from retrieval.display import MAX_ROWS
    from retrieval.row_lists import (
        EVERY_ROW,
        FIRST_PAGE,
        NEXT_PAGE_WORDS,
        SHOW_ALL_WORDS,
        RowWindow,
    )

    runtime = _runtime(home)
    conversation = Conversation()
    last: Answer | None = None
    next_row = 0  # the first row of the previous list's next page
    stderr.print(
        "Nhập câu hỏi (Enter trống hoặc Ctrl-D để thoát; "
        '"xem tiếp" hoặc "xem tất cả" sau một danh sách).'
    )
    try:
        while True:
            try:
                question = input("› ").strip()
            except EOFError:
                break
            if not question:
                break
            typed = folded(question).strip(" .!?")
            try:
                # a long list's other pages are asked in the context the list was asked in
                # (a list that was a follow-up pages the same rows), as no new turn
                if last is not None and typed in SHOW_ALL_WORDS:
                    if last.partial:  # a page of a long list: the whole list asked for
                        context = conversation.for_page(last.page_of)
                        last = answer_one(runtime, last.page_of, None, context, EVERY_ROW)
                    print_answer(stdout, last, True)  # the previous answer, every row
                    continue
                if last is not None and typed in NEXT_PAGE_WORDS:
                    if not last.holds_rows(next_row, MAX_ROWS):  # the next page, asked
                        context = conversation.for_page(last.page_of)
                        window = RowWindow(next_row)
                        last = answer_one(runtime, last.page_of, None, context, window)
                    next_row = print_answer(stdout, last, False, next_row, _CHAT_MORE).next_row
                    continue
                window = EVERY_ROW if all_rows else FIRST_PAGE
                answer = answer_one(runtime, question, None, conversation, window)
            except AskError as error:
                stderr.print(f"[red]{error}[/red]")
                continue
            next_row = print_answer(stdout, answer, all_rows, 0, _CHAT_MORE).next_row
            last = answer
    except KehoachError as error:
        raise _fail(str(error)) from error
    finally:
        runtime.close()


@app.command(cls=VietnameseCommand)
def serve(
    home: HomeOption = None,
    host: Annotated[
        str, typer.Option(help="địa chỉ lắng nghe; 0.0.0.0 cho mọi địa chỉ")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="cổng lắng nghe")] = 8000,
) -> None:
    """Chạy HTTP API cho cổng thông tin nội bộ (tài liệu OpenAPI tại /docs).

    Chỉ mục nhúng: một tiến trình; nhiều bản sao: KEHOACH_QDRANT_URL + KEHOACH_DATABASE_URL.

    Ví dụ: kehoach serve --host 0.0.0.0 --port 8000
    """
    from api.server import serve as serve_api
    from api.settings import load_api_settings

    try:
        api_settings = load_api_settings()
    except KehoachError as error:
        raise _fail(str(error)) from error
    logging.getLogger("api").setLevel(logging.INFO)  # job and start-up messages
    try:
        serve_api(_settings(home), api_settings, host=host, port=port)
    except KehoachError as error:  # the home served by another process
        raise _fail(str(error)) from error


@app.command(cls=VietnameseCommand, name="eval")
def evaluate(
    questions: Annotated[
        Path | None,
        typer.Option("--questions", help="tệp câu hỏi JSONL (mặc định: eval/gold.jsonl)"),
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="thư mục ghi báo cáo")] = Path("eval-report"),
    home: HomeOption = None,
) -> None:
    """Đánh giá trên bộ câu hỏi chuẩn, so với hai baseline; thoát 1 khi dưới ngưỡng.

    Ví dụ: kehoach eval --out eval-report
    """
    from eval.cli import eval_command

    raise typer.Exit(eval_command(questions, out, home))


register_backup_commands(app, _runtime, _fail, stderr)

bot_app = typer.Typer(
    cls=VietnameseGroup,
    add_completion=False,
    no_args_is_help=True,
    help="Bot trò chuyện (Telegram).",
)
app.add_typer(bot_app, name="bot")


@bot_app.command("telegram", cls=VietnameseCommand)
def bot_telegram(home: HomeOption = None) -> None:
    """Chạy bot Telegram bằng long polling (Ctrl-C để dừng).

    Ví dụ: KEHOACH_TELEGRAM_TOKEN=… kehoach bot telegram
    """
    from bot.settings import load_bot_settings
    from bot.telegram_app import run_polling

    logging.getLogger("bot").setLevel(logging.INFO)
    try:
        run_polling(_settings(home), load_bot_settings(), status=_status)
    except KehoachError as error:
        raise _fail(str(error)) from error


def main() -> None:
    """Console entry point."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "sentence_transformers", "transformers"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    app()


if __name__ == "__main__":
    main()
