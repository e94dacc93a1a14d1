"""A long list pages alike on every surface, with one meaning of a role.

- A page of a list that was itself asked in the conversation's context (a list after a
  question about one plan) is read in that context again on every surface — `kehoach
  chat`, the chat service of Telegram and Zalo, the API with a conversation id — never as
  the question alone (which would page another, longer list).
- One unit + role list gives the same rows and the same counts in the CLI answer, the API
  JSON (put together from its pages), the bot text, the matrix filter the answer carries
  (`GET /v1/targets`, what the web matrix shows) and the CSV and XLSX exports.

On the scale corpus of `tests/scale_corpus.py` (9 plans), with `row_lists.WHOLE_LIST`
lowered so that these lists are paged (the code reads it at each question).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from api.routers.targets import distinct_units
from api.schemas import TargetRow
from bot.render import answer_blocks
from bot.service import ChatService
from ingest.parser.units import unit_key
from kehoach.cli import app
from retrieval import row_lists
from retrieval.answers import Answer
from retrieval.conversation import Conversation
from retrieval.roles import rows_for_unit
from retrieval.row_lists import EVERY_ROW
from retrieval.runtime import Runtime
from tests.conftest import ingested_runtime
from tests.scale_corpus import write_scale_corpus
from tests.test_api_support import running_client

# the list is asked right after a question about one plan: it lists that plan's rows (38)
# where the question alone lists every plan's (266)
ABOUT_ONE_PLAN = "Kế hoạch của tỉnh Lào Cai do ai ký?"
IN_CONTEXT = "Các sở, ban, ngành chủ trì những nhiệm vụ nào?"
# one unit in one role over every plan: 28 rows in the role, 21 in a column worded "chủ trì"
UNIT_ROLE = "Công an tỉnh chủ trì những chỉ tiêu nào?"
_REF = re.compile(r"\[(\d+)\]")
_OTHER_ROLE = re.compile(r"\(vai trò khác\) tại \d+ dòng:$")  # the heading of that part


@pytest.fixture(autouse=True)
def paged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(row_lists, "WHOLE_LIST", 3)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, Any]]]:
    """A closed home of the scale corpus, and the whole lists as the assistant gives them."""
    folder = tmp_path_factory.mktemp("pages-everywhere")
    write_scale_corpus(folder / "plans")
    with ingested_runtime(folder / "home", [folder / "plans"]) as runtime:
        assistant = runtime.assistant()
        conversation = Conversation()
        assistant.ask(ABOUT_ONE_PLAN, conversation=conversation)
        in_context = assistant.ask(IN_CONTEXT, conversation=conversation, rows=EVERY_ROW)
        alone = assistant.ask(IN_CONTEXT, rows=EVERY_ROW)
        unit_role = assistant.ask(UNIT_ROLE, rows=EVERY_ROW)
        runtime.ensure_corpus()
    expected = {"in_context": rows_of(in_context), "alone": rows_of(alone), "unit": unit_role}
    yield folder / "home", expected


def rows_of(answer: Answer) -> list[str]:
    """The listed rows, without their citation numbers (each page numbers its own)."""
    return [_REF.sub("", line).rstrip() for line in answer.answer.split("\n") if line[:2] == "- "]


def test_the_lists_differ_with_and_without_the_context(home: tuple[Path, Any]) -> None:
    _, expected = home
    assert len(expected["in_context"]) == 38 and len(expected["alone"]) == 266


def test_the_chat_service_pages_a_list_in_the_context_it_was_asked_in(
    home: tuple[Path, Any],
) -> None:
    path, expected = home
    from tests.conftest import make_runtime

    runtime = make_runtime(path)
    try:
        service = ChatService.for_runtime(runtime)
        service.ask("zalo:1", ABOUT_ONE_PLAN)
        first = service.ask("zalo:1", IN_CONTEXT)
        assert first.partial and first.rows_total == 38
        # the Telegram button asks for a page by the list's question
        button = service.page("zalo:1", first.page_of, 10)
        assert button.rows_total == 38 and rows_of(button) == expected["in_context"][10:20]
        # "xem tiếp" typed (Zalo, Telegram): the next rows, again in the list's context
        assert service.wants_next_page("zalo:1", "Xem tiếp")
        # and typed "xem tiếp" goes on after the page the button showed
        shown: list[str] = rows_of(first)[:10] + rows_of(button)
        while (found := service.next_page("zalo:1")) is not None:
            answer, first_row = found
            assert answer.rows_total == 38 and first_row == len(shown)
            text = "\n".join(
                line.text for block in answer_blocks(answer, first_row=first_row) for line in block
            )
            shown += [
                _REF.sub("", "- " + t[2:]).rstrip() for t in text.split("\n") if t[:2] == "• "
            ]
        assert shown == expected["in_context"]
        assert not service.wants_next_page("zalo:1", "xem tiếp")  # nothing left
    finally:
        runtime.close()


def test_kehoach_chat_pages_a_follow_up_list_in_its_context(home: tuple[Path, Any]) -> None:
    path, expected = home
    typed = f"{ABOUT_ONE_PLAN}\n{IN_CONTEXT}\nxem tiep\n"
    chat = CliRunner().invoke(app, ["chat", "--home", str(path)], input=typed)
    assert chat.exit_code == 0, chat.output
    first, second = chat.stdout.split("Có 38 chỉ tiêu")[1:]
    assert "… còn 28 dòng — xem tiếp" in first and "… còn 18 dòng — xem tiếp" in second
    shown = [line.strip() for line in second.splitlines() if line.strip().startswith("• ")]
    want = [row[2:].split(":")[0] for row in expected["in_context"][10:20]]
    assert [line[2:].split(":")[0] for line in shown] == want


def test_the_api_pages_a_list_in_its_conversations_context(home: tuple[Path, Any]) -> None:
    path, expected = home
    with running_client(path) as client:
        started = client.post("/v1/ask", json={"question": ABOUT_ONE_PLAN}).json()
        conversation = started["conversation_id"]
        body = {"question": IN_CONTEXT, "conversation_id": conversation}
        first = client.post("/v1/ask", json=body).json()
        assert first["view"]["total_rows"] == 38
        page = client.post("/v1/ask", json={**body, "first_row": 10}).json()
        assert page["view"]["total_rows"] == 38 and page["view"]["rows_from"] == 10
        assert api_rows(page) == expected["in_context"][10:20]
        # a page is no new turn: the list's next page is still read in the same context
        again = client.post("/v1/ask", json={**body, "first_row": 20}).json()
        assert api_rows(again) == expected["in_context"][20:30]
        # without the conversation the question alone lists every plan's rows
        alone = client.post("/v1/ask", json={"question": IN_CONTEXT, "first_row": 10}).json()
        assert alone["view"]["total_rows"] == 266


def api_rows(body: dict[str, Any]) -> list[str]:
    items = [line["text"] for line in body["view"]["lines"] if line["kind"] == "item"]
    return [_REF.sub("", f"- {text}").rstrip() for text in items]


# ---- one meaning of "chủ trì" on every surface ----------------------------------------------


def keyed_rows(text_lines: Sequence[str], citations: Sequence[dict[str, Any]]) -> list[tuple]:
    """(plan id, clause path) of each listed row ("- …" or "• …"), by its first citation."""
    by_n = {c["n"]: (c["document_id"], c["path"]) for c in citations}
    keys = []
    for line in text_lines:
        match = _REF.search(line)
        assert match is not None, line
        keys.append(by_n[int(match.group(1))])
    return keys


def sections(lines: Sequence[str]) -> tuple[list[str], list[str]]:
    """The rows in the role asked, and those after "Ngoài ra … (vai trò khác)"."""
    cut = next((i for i, line in enumerate(lines) if _OTHER_ROLE.search(line)), len(lines))
    rows = [line for line in lines[:cut] if line[:2] in ("- ", "• ")]
    return rows, [line for line in lines[cut:] if line[:2] in ("- ", "• ")]


def test_one_unit_and_role_lists_the_same_rows_everywhere(home: tuple[Path, Any]) -> None:
    path, expected = home
    whole: Answer = expected["unit"]
    cited = [c.to_json() for c in whole.citations]
    in_role, other = (keyed_rows(part, cited) for part in sections(whole.answer.split("\n")))
    assert (len(in_role), len(other)) == (28, 21)
    assert whole.answer.startswith("Có 28 chỉ tiêu/nhiệm vụ ghi Công an tỉnh")

    # the CLI answer (every row)
    cli = CliRunner().invoke(app, ["ask", "--home", str(path), "--all", "--json", UNIT_ROLE])
    assert cli.exit_code == 0, cli.output
    printed = json.loads(cli.stdout)
    cli_parts = sections(printed["answer"].split("\n"))
    assert [keyed_rows(part, printed["citations"]) for part in cli_parts] == [in_role, other]

    with running_client(path) as client:
        # the API JSON, page after page (each page numbers its own citations)
        api_in_role: list[tuple] = []
        api_other: list[tuple] = []
        first_row, total, matrix = 0, None, None
        while total is None or first_row < total:
            body = client.post("/v1/ask", json={"question": UNIT_ROLE, "first_row": first_row})
            page = body.json()
            total, matrix = page["view"]["total_rows"], page["view"]["matrix"]
            lines = [
                ("- " if x["kind"] == "item" else "") + x["text"] for x in page["view"]["lines"]
            ]
            if first_row == 0:
                assert page["view"]["headline"].startswith("Có 28 chỉ tiêu")
            head, tail = sections(lines)
            if any(_OTHER_ROLE.search(line) for line in lines) or api_other:
                api_in_role += keyed_rows(head, page["citations"])
                api_other += keyed_rows(tail, page["citations"])
            else:
                api_in_role += keyed_rows(head + tail, page["citations"])
            first_row = page["view"]["rows_from"] + len(head) + len(tail)
        assert total == 49 and (api_in_role, api_other) == (in_role, other)

        # the matrix filter the answer carries (the web's "Mở bảng phân công") and exports
        assert matrix == {
            "unit": ["Công an tỉnh"],
            "role": "lead",
            "document": [],
            "due_after": None,
            "due_before": None,
        }
        query = {"unit": matrix["unit"], "role": matrix["role"]}
        listed = client.get("/v1/targets", params=query).json()
        assert listed["count"] == 28
        assert [(r["document_id"], r["path"]) for r in listed["rows"]] == in_role
        labels = [(r["label"], r["document_label"]) for r in listed["rows"]]
        exported = client.get("/v1/targets", params={**query, "format": "csv"}).text
        records = list(csv.reader(io.StringIO(exported.lstrip("\ufeff"))))[1:]
        assert [(r[0], r[1]) for r in records] == labels
        workbook = client.get("/v1/targets", params={**query, "format": "xlsx"}).content
        sheet = openpyxl.load_workbook(io.BytesIO(workbook)).active
        assert sheet is not None
        cells = [(row[0], row[1]) for row in sheet.iter_rows(min_row=2, values_only=True)]
        assert cells == labels

    # the bot text, page after page ("xem tiếp"), as Telegram and Zalo send it
    from tests.conftest import make_runtime

    runtime = make_runtime(path)
    try:
        service = ChatService.for_runtime(runtime)
        answer = service.ask("telegram:7", UNIT_ROLE)
        first_row = 0
        bot_lines: list[str] = []
        keys: list[tuple] = []
        while True:
            blocks = answer_blocks(answer, first_row=first_row)
            text = [line.text for block in blocks for line in block]
            page_lines = [t for t in text if t[:2] == "• " or _OTHER_ROLE.search(t)]
            bot_lines += page_lines
            rows = [t for t in page_lines if t[:2] == "• "]
            keys += keyed_rows(rows, [c.to_json() for c in answer.citations])
            found = service.next_page("telegram:7")
            if found is None:
                break
            answer, first_row = found
        head, _ = sections(bot_lines)
        assert len(head) == 28 and keys == in_role + other
    finally:
        runtime.close()


def test_a_lists_context_survives_the_shared_conversation_store() -> None:
    from api.conversations import _dumps, _loads
    from retrieval.answers import Answer

    conversation = Conversation(["plan-a"], ["c1"], "document_facts", [("q0", "a0")])
    page = Answer("Có 60 …:\n- PL1 · 1: x [1]", False, "list_by_unit", rows_total=60)
    conversation.record("Sở X chủ trì những gì?", page, ["plan-a", "plan-b"])
    stored = _loads(_dumps(conversation))
    assert stored == conversation
    context = stored.for_page("Sở X chủ trì những gì?")
    assert context is not None and context.document_ids == ["plan-a"]
    assert context.turns == [("q0", "a0")] and context.lists == []
    assert stored.for_page("another question") is None


_ROLE_WORDS = {"lead": "chủ trì", "cooperating": "phối hợp", "monitoring": "theo dõi"}


def test_every_unit_and_role_of_the_bundled_plans_lists_the_matrix_rows(
    corpus_runtime: Runtime,
) -> None:
    """ "<unit> chủ trì / phối hợp / theo dõi những chỉ tiêu nào?" for every unit the bundled
    plans name: the count the answer states and the rows it lists in the role asked are the
    rows the matrix (and so its exports) shows for the filter the answer carries."""
    assistant = corpus_runtime.assistant()
    every = rows_for_unit(assistant.search, (), [])
    units = distinct_units([TargetRow.from_row(row) for row in every if row.target is not None])
    assert len(units) > 50
    checked = 0
    for unit in units:
        for role, word in _ROLE_WORDS.items():
            answer = assistant.ask(f"{unit} {word} những chỉ tiêu nào?", rows=EVERY_ROW)
            stated = re.match(r"Có (\d+) chỉ tiêu", answer.answer)
            if answer.abstained or answer.rows_filter is None or stated is None:
                continue
            found = answer.rows_filter
            keys = sorted({unit_key(name) for name in found.units})
            matrix = rows_for_unit(assistant.search, found.documents, keys, [found.role])
            in_role, _ = sections(answer.answer.split("\n"))
            by_n = {c.n: c.clause_id for c in answer.citations}
            listed = [by_n[int(_REF.findall(line)[0])] for line in in_role]
            assert found.role == role, unit
            assert int(stated.group(1)) == len(matrix), (unit, role)
            assert listed == [row.clause_id for row in matrix], (unit, role)
            checked += 1
    assert checked >= 100


# ---- lists narrowed by a topic, lists in several roles: paged alike ------------------------

# a topic narrows the unit's rows (7 in the role, then 42 in a column worded "chủ trì": the
# 21 naming it there only, and its 21 rows in the role off the topic that name it there too);
# two roles asked, which the facts store does not count (28 + 21)
TOPIC_LIST = "Công an tỉnh chủ trì những nhiệm vụ nào về an ninh?"
ROLES_LIST = "Công an tỉnh chủ trì hoặc phối hợp những nhiệm vụ nào?"


@pytest.mark.parametrize(
    ("question", "in_role", "total"), [(TOPIC_LIST, 7, 49), (ROLES_LIST, 28, 49)]
)
def test_topic_and_several_role_lists_page_with_exact_counts_on_every_surface(
    home: tuple[Path, Any], question: str, in_role: int, total: int
) -> None:
    from tests.conftest import make_runtime

    path, _ = home
    runtime = make_runtime(path)
    try:
        assistant = runtime.assistant()
        whole = assistant.ask(question, rows=EVERY_ROW)
        expected = rows_of(whole)
        assert not whole.partial and len(expected) == total
        assert whole.answer.startswith(f"Có {in_role} chỉ tiêu/nhiệm vụ ghi Công an tỉnh")
        first = assistant.ask(question)
        assert first.partial and (first.rows_total, first.rows_from) == (total, 0)
        assert first.answer.startswith(f"Có {in_role} chỉ tiêu/nhiệm vụ ghi Công an tỉnh")
        assert first.page_of == question and len(rows_of(first)) == row_lists.PAGE_ROWS

        # the bots: the first page, then "xem tiếp" until the list ends
        service = ChatService.for_runtime(runtime)
        answer, first_row = service.ask("zalo:9", question), 0
        shown: list[str] = []
        while True:
            text = [
                line.text for block in answer_blocks(answer, first_row=first_row) for line in block
            ]
            shown += [_REF.sub("", "- " + t[2:]).rstrip() for t in text if t[:2] == "• "]
            found = service.next_page("zalo:9")
            if found is None:
                break
            answer, first_row = found
            assert answer.rows_total == total
        assert shown == expected
    finally:
        runtime.close()

    # the API, page after page, and every row at once from a page on ("Xem tất cả")
    with running_client(path) as client:
        pages: list[str] = []
        while len(pages) < total:
            body = client.post("/v1/ask", json={"question": question, "first_row": len(pages)})
            view = body.json()["view"]
            assert (view["total_rows"], view["rows_from"]) == (total, len(pages))
            pages += api_rows(body.json())
        assert pages == expected
        rest = client.post(
            "/v1/ask", json={"question": question, "first_row": 10, "all_rows": True}
        ).json()
        assert api_rows(rest) == expected[10:]

    # the CLI: the first page and the count of the rest; --all every row
    cli = CliRunner().invoke(app, ["ask", "--home", str(path), question])
    assert cli.exit_code == 0, cli.output
    said = " ".join(cli.stdout.split())
    assert f"… còn {total - row_lists.PAGE_ROWS} dòng — thêm --all để xem tất cả {total}" in said
    every = CliRunner().invoke(app, ["ask", "--home", str(path), "--all", "--json", question])
    assert rows_of(Answer(json.loads(every.stdout)["answer"], False, "")) == expected


def test_every_row_of_the_chats_latest_list_in_its_context(home: tuple[Path, Any]) -> None:
    """ "xem tất cả" typed (Zalo, Telegram): every row of the latest list, asked again in
    the context it was first asked in, rendered whole by the one renderer."""
    path, expected = home
    from tests.conftest import make_runtime

    runtime = make_runtime(path)
    try:
        service = ChatService.for_runtime(runtime)
        assert not service.wants_every_row("zalo:2", "xem tất cả")  # no list yet
        service.ask("zalo:2", ABOUT_ONE_PLAN)
        first = service.ask("zalo:2", IN_CONTEXT)
        assert first.partial and service.wants_every_row("zalo:2", "Xem tất cả")
        every = service.every_row("zalo:2")
        assert every is not None and rows_of(every) == expected["in_context"]
        shown = [line.text for block in answer_blocks(every, all_rows=True) for line in block]
        assert sum(text.startswith("• ") for text in shown) == 38
        assert service.every_row("zalo:3") is None  # another chat's list is not its own
    finally:
        runtime.close()
