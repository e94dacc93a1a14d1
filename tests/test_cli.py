"""The `kehoach` command end to end (hashing embedder, so no model is needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kehoach.cli import app
from retrieval.runtime import BUNDLED_CORPUS

runner = CliRunner()


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cli-home")


@pytest.fixture(autouse=True)
def _hashing_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEHOACH_EMBED_MODEL", "hashing")


def _run(*args: str):
    return runner.invoke(app, list(args))


def test_ask_ingests_the_bundled_corpus_on_first_use_and_answers_json(home: Path) -> None:
    result = _run("ask", "Sở nào chủ trì chỉ tiêu 6.6?", "--home", str(home), "--json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(answer) == {"answer", "abstained", "intent", "citations", "confidence"}
    citation = answer["citations"][0]
    assert set(citation) == {
        "n",
        "document_id",
        "document_title",
        "document_number",
        "clause",
        "path",
        "text",
        "start",
        "end",
        "quote",
    }
    source = (BUNDLED_CORPUS / f"{citation['document_id']}.txt").read_text(encoding="utf-8")
    assert source[citation["start"] : citation["end"]] == citation["text"]
    assert citation["quote"] in citation["text"]


def test_ask_reading_shows_each_constraint_and_the_unknown_words(home: Path) -> None:
    question = "Các đơn vị gửi kết quả về Sở TTTT trước ngày nào, kèm xyzquux?"
    result = _run("ask", question, "--home", str(home), "--json", "--reading")
    assert result.exit_code == 0, result.output
    reading = json.loads(result.stdout.strip().splitlines()[-1])["reading"]
    assert reading["typed"].startswith("cac don vi gui ket qua ve so tttt")
    assert [e["short"] for e in reading["expansions"]] == ["so tttt"]
    tttt = next(u for u in reading["units"] if u["span"] and u["span"]["text"] == "so tttt")
    assert tttt["part"] == "receiver" and tttt["cue"]["text"] == "gui ket qua ve"
    assert "xyzquux" in reading["unknown"]


def test_ingesting_twice_gives_identical_documents_json(home: Path) -> None:
    assert _run("ingest", str(BUNDLED_CORPUS), "--home", str(home)).exit_code == 0
    first = _run("documents", "--json", "--home", str(home))
    assert _run("ingest", str(BUNDLED_CORPUS), "--home", str(home)).exit_code == 0
    second = _run("documents", "--json", "--home", str(home))
    assert first.stdout == second.stdout
    rows = json.loads(first.stdout)
    assert {r["id"] for r in rows} == {p.stem for p in BUNDLED_CORPUS.glob("*.txt")}


def test_documents_shows_each_whole_id_and_title_in_a_narrow_terminal(home: Path) -> None:
    """`remove` and `--doc` take the id: it is never cut, nor the plan's title, even in an
    80-column terminal (one block per plan there instead of a table)."""
    result = _run("ingest", str(BUNDLED_CORPUS), "--home", str(home))
    listed = _run("documents", "--home", str(home))
    assert result.exit_code == 0 and listed.exit_code == 0, listed.output
    lines = listed.stdout.splitlines()
    for stem in (p.stem for p in BUNDLED_CORPUS.glob("*.txt")):
        assert stem in lines or f"│ {stem} " in listed.stdout
    for row in json.loads(_run("documents", "--json", "--home", str(home)).stdout):
        assert " ".join(row["title"].split()[:6]) in " ".join(listed.stdout.split())
    assert "…" not in listed.stdout


def test_human_output_lists_citations(home: Path) -> None:
    result = _run("ask", "so nao chu tri chi tieu 6.6", "--home", str(home))
    assert result.exit_code == 0
    assert "Trích dẫn" in result.stdout and "Văn phòng UBND tỉnh" in result.stdout


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("   ", "câu hỏi trống"),
        ("a" * 1001, "giới hạn 1000"),
        ("Sở nào\x00 chủ trì?", "ký tự điều khiển"),
        ("🎉🎉🎉", "không có chữ hay số"),
        ("?!... -----", "không có chữ hay số"),
    ],
)
def test_bad_questions_fail_clearly(home: Path, question: str, message: str) -> None:
    result = _run("ask", question, "--home", str(home))
    assert result.exit_code == 2
    assert message in result.output


def test_unknown_document_is_refused(home: Path) -> None:
    result = _run("ask", "chỉ tiêu 6.6", "--doc", "khong-co", "--home", str(home))
    assert result.exit_code == 2 and "khong-co" in result.output


def test_batch_answers_in_order_and_reports_malformed_lines(home: Path, tmp_path: Path) -> None:
    batch = tmp_path / "q.jsonl"
    batch.write_text(
        '{"id": "a", "question": "Sở nào chủ trì chỉ tiêu 6.6?"}\n'
        "{not json\n"
        '{"id": "c", "question": ""}\n'
        '{"id": "d", "question": "Kế hoạch 466 do ai ký?"}\n',
        encoding="utf-8",
    )
    result = _run("ask", "--batch", str(batch), "--json", "--home", str(home))
    assert result.exit_code == 1  # some lines failed
    lines = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert [line.get("id") for line in lines] == ["a", None, "c", "d"]
    assert "dòng 2" in lines[1]["error"] and "dòng 3" in lines[2]["error"]
    assert "Nguyễn Thành Diệu" in lines[3]["answer"]


def test_batch_refuses_an_unknown_document_per_line_and_exits_0_when_all_answered(
    home: Path, tmp_path: Path
) -> None:
    batch = tmp_path / "docs.jsonl"
    batch.write_text(
        '{"id": "a", "question": "chỉ tiêu 6.6", "document": "khong-co"}\n'
        '{"id": "b", "question": "🎉🎉", "document": null}\n'
        '{"id": "c", "question": "chỉ tiêu 6.6", "document": ["x"]}\n',
        encoding="utf-8",
    )
    result = _run("ask", "--batch", str(batch), "--home", str(home))
    assert result.exit_code == 1
    a, b, c = (json.loads(line) for line in result.stdout.strip().splitlines())
    assert "khong-co" in a["error"] and "answer" not in a
    assert "không có chữ hay số" in b["error"]
    assert "error" in c
    good = tmp_path / "good.jsonl"
    good.write_text(
        '{"id": "a", "question": "Sở nào chủ trì chỉ tiêu 6.6?", '
        '"document": "tien-giang-466-KH-UBND-2025"}\n',
        encoding="utf-8",
    )
    answered = _run("ask", "--batch", str(good), "--home", str(home))
    assert answered.exit_code == 0, answered.output
    assert "answer" in json.loads(answered.stdout.strip())


def test_remove_and_missing_paths(home: Path, tmp_path: Path) -> None:
    assert _run("ingest", str(tmp_path / "nope"), "--home", str(home)).exit_code == 1
    removed = _run("remove", "thanh-pho-phu-luc-01-chuyen-doi-so-2023", "--home", str(home))
    assert removed.exit_code == 0
    again = _run("remove", "thanh-pho-phu-luc-01-chuyen-doi-so-2023", "--home", str(home))
    assert again.exit_code == 1 and "chưa nạp văn bản nào có mã" in again.output


def test_chat_shows_a_long_list_in_full_on_request(home: Path) -> None:
    """A long list in `kehoach chat` shows its first rows and says to type "xem tất cả"
    (no flag can be added mid-chat); that prints every row of the same answer, and `--all`
    prints every row from the start."""
    question = "Những nhiệm vụ nào phải hoàn thành trong năm 2025?\n"
    short = runner.invoke(app, ["chat", "--home", str(home)], input=question + "xem tat ca\n")
    assert short.exit_code == 0, short.output
    first, _, again = short.stdout.partition("Có ")[2].partition("Có ")
    # the first answer says how to see the rest, in the words the chat reads
    assert "xem tiếp" in first and "xem tất cả" in first and "--all" not in first
    assert "xem tiếp" not in again and again.count("PL1 · ") > first.count("PL1 · ")
    full = runner.invoke(app, ["chat", "--all", "--home", str(home)], input=question)
    assert full.exit_code == 0 and full.stdout.count("PL1 · ") == again.count("PL1 · ")


def test_chat_pages_a_long_list(home: Path) -> None:
    """ "xem tiếp" prints the next 10 rows of the previous list, with what is left."""
    question = "Những nhiệm vụ nào phải hoàn thành trong năm 2025?\n"
    paged = runner.invoke(app, ["chat", "--home", str(home)], input=question + "xem tiep\n")
    assert paged.exit_code == 0, paged.output
    first, _, second = paged.stdout.partition("Có ")[2].partition("Có ")
    total = int(first.split()[0])
    assert f"… còn {total - 10} dòng — xem tiếp" in first
    assert f"… còn {total - 20} dòng — xem tiếp" in second
    assert second.count(" · ") and "PL1 · 1:" not in second
