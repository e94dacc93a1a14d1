"""A per-document budget stops parsing that runs too long or grows too large.

How parse time grows with size is measured, not asserted here (a timed ratio flakes on a busy
machine): `python bench/parse_scaling.py` prints the 4×-size time ratio per adversarial shape,
`python bench/parse_bench.py` time and memory from 1 KB to 20 MB.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.parse_bench import make_input
from ingest.parser.budget import ParseBudget, ParseBudgetError
from ingest.parser.lines import find_repeated_blocks, split_lines
from ingest.parser.plan import parse_plan
from ingest.reader import source_text
from tests.conftest import make_runtime


def test_repeated_block_detection_still_finds_a_doubled_header() -> None:
    header = "".join(
        f"Dòng tiêu đề số {k} của văn bản được trích xuất hai lần.\n" for k in range(6)
    )
    body = "".join(f"{k}. Nội dung riêng số {k}.\n" for k in range(1, 30))
    lines = split_lines(header + body + header + body[:50])
    repeated = find_repeated_blocks(lines)
    second_copy = {line.index for line in lines[6 + 29 : 6 + 29 + 6]}
    assert second_copy <= repeated
    assert not repeated & {line.index for line in lines[: 6 + 29]}


def test_a_document_over_its_time_budget_is_refused_in_vietnamese(tmp_path: Path) -> None:
    runtime = make_runtime(tmp_path / "home")
    data, _ = make_input("bullet-siblings", 2_000_000)
    plan = tmp_path / "lon.txt"
    plan.write_bytes(data)
    runtime.ingestor._budget = ParseBudget(seconds=0.05, megabytes=0)
    with pytest.raises(ParseBudgetError, match=r"lon\.txt: phân tích văn bản vượt quá 0\.05 giây"):
        runtime.ingestor.ingest_file(plan)
    assert runtime.catalog.entries == {}
    runtime.close()


def test_a_docx_that_would_not_fit_its_memory_budget_is_refused_before_opening() -> None:
    data, name = make_input("docx-tiny-paragraphs", 400_000)  # 200 000 paragraphs
    with (
        pytest.raises(ParseBudgetError, match=r"phần tử XML.*vượt giới hạn 10 MB"),
        ParseBudget(seconds=0, megabytes=10).watching(name) as budget,
    ):
        budget.check_archive(data, name)
    with ParseBudget(seconds=0, megabytes=1024).watching(name) as budget:
        budget.check_archive(data, name)  # the default budget lets it through


def test_a_memory_budget_stops_parsing_that_grows_past_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The process's resident memory is read at checkpoints; here it grows 1 MB a read
    (a real parse's growth depends on what the allocator still holds from earlier work)."""
    import ingest.parser.budget as budget_module

    reads = iter(range(1, 1_000_000))
    monkeypatch.setattr(budget_module, "_resident_bytes", lambda: next(reads) * 1024 * 1024)
    data, name = make_input("table-rows", 1_000_000)
    text, _ = source_text(data, name, None)
    with (
        pytest.raises(ParseBudgetError, match="cần hơn 5 MB bộ nhớ"),
        ParseBudget(seconds=0, megabytes=5).watching(name),
    ):
        parse_plan(text, "bang")


def test_budget_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEHOACH_MAX_PARSE_SECONDS", "12.5")
    monkeypatch.setenv("KEHOACH_MAX_PARSE_MB", "0")
    budget = ParseBudget.from_env()
    assert (budget.seconds, budget.megabytes) == (12.5, 0)
    monkeypatch.setenv("KEHOACH_MAX_PARSE_SECONDS", "nhanh")
    with pytest.raises(Exception, match="không phải là số"):
        ParseBudget.from_env()
