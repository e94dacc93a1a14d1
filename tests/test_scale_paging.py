"""Per-question work that does not grow with the number of plans, with the same answers:
long lists answered one page at a time (exact count, pages that put together give the
whole list), a clause number in many plans counted and grouped from the facts store, and
the committed-version filter of a home of many plans. On the scale corpus of
`tests/scale_corpus.py` (9 plans), with the size thresholds lowered where a test needs it."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bot.service import ChatService
from ingest.index import IndexPoint, PayloadFilter, SparseVector
from ingest.index import committed as committed_module
from ingest.index.committed import CommittedIndex
from ingest.index.edge import EdgeIndex
from ingest.parser.units import unit_key
from kehoach.cli import app
from retrieval import row_lists
from retrieval.answers import Answer
from retrieval.assistant import Assistant
from retrieval.display import answer_view
from retrieval.roles import rows_for_unit
from retrieval.row_lists import EVERY_ROW, RowWindow
from retrieval.runtime import Runtime
from retrieval.search import ClauseSearch
from retrieval.stored import StoredClause
from retrieval.strategies import clause_lookup
from tests.conftest import ingested_runtime
from tests.scale_corpus import write_scale_corpus
from tests.test_api_support import running_client

BY_YEAR = "Những nhiệm vụ nào hạn năm 2025?"  # 126 rows in the scale corpus
BY_UNIT = "Công an tỉnh chủ trì những chỉ tiêu nào?"  # 28 rows, and 21 in another column


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runtime]:
    folder = tmp_path_factory.mktemp("paging")
    write_scale_corpus(folder / "plans")
    with ingested_runtime(folder / "home", [folder / "plans"]) as runtime:
        yield runtime


@pytest.fixture
def assistant(runtime: Runtime) -> Assistant:
    return runtime.assistant()


def rows_of(answer: Answer) -> list[str]:
    """The listed rows, without their citation numbers (each page numbers its own)."""
    lines = answer.answer.split("\n")
    return [re.sub(r"\s*\[\d+\]", "", line) for line in lines if line.startswith("- ")]


def all_pages(assistant: Assistant, question: str, size: int) -> list[Answer]:
    pages = [assistant.ask(question, rows=RowWindow(0, size))]
    while pages[-1].partial and pages[-1].rows_from + len(rows_of(pages[-1])) < (
        pages[-1].rows_total or 0
    ):
        pages.append(assistant.ask(question, rows=RowWindow(len(pages) * size, size)))
    return pages


def test_a_long_list_by_period_is_a_page_with_the_exact_count(assistant: Assistant) -> None:
    whole = assistant.ask(BY_YEAR, rows=EVERY_ROW)
    assert not whole.partial and len(rows_of(whole)) == 126
    first = assistant.ask(BY_YEAR)
    assert first.partial and first.rows_total == 126 and first.rows_from == 0
    assert first.answer.split("\n")[0] == whole.answer.split("\n")[0]  # "Có 126 …"
    assert rows_of(first) == rows_of(whole)[: row_lists.PAGE_ROWS]
    view = answer_view(first)
    assert (view.total_rows, view.hidden_rows, view.next_row) == (126, 116, 10)
    pages = all_pages(assistant, BY_YEAR, 40)
    assert [p.rows_from for p in pages] == [0, 40, 80, 120]
    assert [row for page in pages for row in rows_of(page)] == rows_of(whole)
    assert first.holds_rows(0, 10) and not first.holds_rows(10, 10)
    assert first.page_of == BY_YEAR


def test_a_list_of_at_most_fifty_rows_is_whole(assistant: Assistant) -> None:
    answer = assistant.ask(BY_UNIT)
    assert not answer.partial and answer.rows_total is None
    assert answer.answer.startswith("Có 28 chỉ tiêu/nhiệm vụ ghi Công an tỉnh")


def test_a_long_list_by_unit_pages_the_other_column_after_the_role_asked(
    assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = assistant.ask(BY_UNIT, rows=EVERY_ROW)
    monkeypatch.setattr(row_lists, "WHOLE_LIST", 3)
    pages = all_pages(assistant, BY_UNIT, 9)
    first = pages[0]
    # one list of both parts: 28 rows in the role asked, then 21 naming the unit in another
    # column worded "chủ trì …", listed (not only counted) as the whole answer lists them
    assert first.partial and first.rows_total == 28 + 21
    assert first.answer.split("\n")[0] == whole.answer.split("\n")[0]
    listed = [row for page in pages for row in rows_of(page)]
    assert listed == rows_of(whole) and len(listed) == 49
    assert [p.rows_from for p in pages] == [0, 9, 18, 27, 36, 45]
    others = re.search(r"\(vai trò khác\) tại (\d+) dòng:", whole.answer)
    assert others and others.group(1) == "21"
    # the pages before the other column say it follows; the page where it starts heads it
    assert "(vai trò khác) tại 21 dòng, liệt kê sau các dòng trên." in first.answer
    assert others.group(0) in pages[3].answer and others.group(0) not in pages[2].answer
    view = answer_view(pages[3], None, pages[3].rows_from)
    assert (view.total_rows, view.next_row) == (49, 36)
    assert any(line.kind == "group" and "vai trò khác" in line.text for line in view.lines)
    every = assistant.ask(BY_UNIT, rows=RowWindow(27, None))  # "xem tất cả" after a page
    assert every.rows_from == 27 and rows_of(every) == rows_of(whole)[27:]


def test_a_number_in_many_plans_is_grouped_from_the_facts_alike(
    assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    question = "Sở nào chủ trì chỉ tiêu 6.6?"
    read_all = assistant.ask(question)
    monkeypatch.setattr(clause_lookup, "WIDE", 2)
    read: list[int] = []
    by_number = ClauseSearch.by_number

    def spy(self: ClauseSearch, number: str, documents: Sequence[str] = ()) -> list[StoredClause]:
        found = by_number(self, number, documents)
        read.append(len(found))
        return found

    monkeypatch.setattr(ClauseSearch, "by_number", spy)
    counted = assistant.ask(question)
    assert read == [3]  # the three plans shown, not the seven with chỉ tiêu 6.6
    monkeypatch.setattr(ClauseSearch, "by_number", by_number)
    assert counted.intent == "ambiguous"
    assert counted.answer == read_all.answer
    assert counted.citations == read_all.citations
    assert counted.choices == read_all.choices
    # words that may settle the number: every candidate weighed, as before
    worded = "Chỉ tiêu 6.6 tỷ lệ cơ quan kết nối mạng truyền số liệu chuyên dùng?"
    monkeypatch.setattr(clause_lookup, "WIDE", 50)
    before = assistant.ask(worded)
    monkeypatch.setattr(clause_lookup, "WIDE", 2)
    assert assistant.ask(worded).answer == before.answer


def test_reads_over_many_versions_exclude_the_stale_ones_alike(
    assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    questions = (
        "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến đạt bao nhiêu?",
        "Sở nào chủ trì chỉ tiêu 6.6 kế hoạch 1003?",
        BY_UNIT,
    )
    listed = [assistant.ask(q).answer for q in questions]
    monkeypatch.setattr(committed_module, "_FEW_VERSIONS", 0)
    assert [assistant.ask(q).answer for q in questions] == listed


def test_a_stale_version_stays_unread_when_versions_are_many(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Points of a write never committed (a crash) are left out by the engine, whether the
    filter lists the committed versions or excludes the stale ones."""
    store = EdgeIndex(tmp_path, "clauses")
    store.ensure_collection(4)
    points = [
        IndexPoint(
            f"00000000-0000-0000-0000-00000000000{i}",
            [1.0, 0.5, 0.0, float(i)],
            SparseVector((1,), (1.0,)),
            {"document_id": f"d{i % 2}", "clause_id": f"c{i}", "version": version},
        )
        for i, version in enumerate(("v0", "v1", "v0-stale", "v1"))
    ]
    store.upsert(points)
    index = CommittedIndex(store, lambda: {"d0": "v0", "d1": "v1"})
    try:
        for few in (64, 0):
            monkeypatch.setattr(committed_module, "_FEW_VERSIONS", few)
            seen = {p.payload["clause_id"] for p in index.scroll()}
            assert seen == {"c0", "c1", "c3"}
            hits = index.search_dense([1.0, 0.5, 0.0, 2.0], limit=10)
            assert {h.payload["clause_id"] for h in hits} == {"c0", "c1", "c3"}
            only_d0 = PayloadFilter(equals={"document_id": ["d0"]})
            assert [p.payload["clause_id"] for p in index.scroll(only_d0)] == ["c0"]
            batched = index.search_dense_batch([1.0, 0.0, 0.0, 0.0], [only_d0, None], limit=10)
            assert [{h.payload["clause_id"] for h in hits} for hits in batched] == [
                {"c0"},
                {"c0", "c1", "c3"},
            ]
        assert store.values("version") == {"v0", "v1", "v0-stale"}
    finally:
        index.close()


def test_the_chat_asks_for_the_next_page(runtime: Runtime, assistant: Assistant) -> None:
    whole = rows_of(assistant.ask(BY_YEAR, rows=EVERY_ROW))
    service = ChatService.for_runtime(runtime)
    first = service.ask("telegram:1", BY_YEAR)
    second = service.page("telegram:1", first.page_of, 10)
    assert second.rows_from == 10 and rows_of(second) == whole[10:20]


@pytest.fixture(scope="module")
def closed_home(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A home of the scale corpus that no runtime holds open, and the year list's rows."""
    folder = tmp_path_factory.mktemp("paging-closed")
    write_scale_corpus(folder / "plans")
    with ingested_runtime(folder / "home", [folder / "plans"]) as runtime:
        whole = rows_of(runtime.assistant().ask(BY_YEAR, rows=EVERY_ROW))
    return folder / "home", whole


def test_kehoach_chat_asks_for_the_next_page_and_for_every_row(
    closed_home: tuple[Path, list[str]],
) -> None:
    home, whole = closed_home
    typed = f"{BY_YEAR}\nxem tiep\nxem tat ca\n"
    chat = CliRunner().invoke(app, ["chat", "--home", str(home)], input=typed)
    assert chat.exit_code == 0, chat.output
    first, second, every = chat.stdout.split("Có 126 chỉ tiêu")[1:]
    assert "… còn 116 dòng — xem tiếp" in first and "… còn 106 dòng — xem tiếp" in second
    shown = [line.strip() for line in second.splitlines() if line.strip().startswith("• ")]
    # the terminal wraps long rows: their labels ("PL1 · 4.3") in order
    assert [line[2:].split(":")[0] for line in shown] == [r[2:].split(":")[0] for r in whole[10:20]]
    assert "xem tiếp" not in every and every.count("\n  • ") == 126


def test_the_api_answers_the_page_asked_for(closed_home: tuple[Path, list[str]]) -> None:
    home, whole = closed_home
    with running_client(home) as client:
        body = client.post("/v1/ask", json={"question": BY_YEAR, "first_row": 20}).json()
        assert body["view"]["total_rows"] == 126 and body["view"]["rows_from"] == 20
        items = [line["text"] for line in body["view"]["lines"] if line["kind"] == "item"]
        assert [re.sub(r"\s*\[\d+\]", "", f"- {t}") for t in items] == whole[20:30]
        every = client.post("/v1/ask", json={"question": BY_YEAR, "all_rows": True}).json()
        assert every["view"]["total_rows"] == 126 and every["view"]["rows_from"] == 0
        assert sum(1 for line in every["view"]["lines"] if line["kind"] == "item") == 126


def test_plan_facts_with_no_plan_named_among_many_are_grouped(assistant: Assistant) -> None:
    answer = assistant.ask("Kế hoạch do ai ký?")
    assert answer.intent == "ambiguous" and not answer.abstained
    assert answer.answer.startswith("Có 9 kế hoạch cùng có thông tin này. Hãy thu hẹp phạm vi")
    # the few latest (a signer with its office cites both), and ways to narrow
    assert len({c.document_id for c in answer.citations}) == 3 and answer.choices
    assert answer.answer.count("người ký là") == 3


def test_a_comparison_with_no_plan_named_takes_the_best_few(assistant: Assistant) -> None:
    answer = assistant.ask("So sánh chỉ tiêu phủ sóng 5G giữa các kế hoạch")
    assert answer.intent == "compare"
    compared = {c.document_id for c in answer.citations}
    assert 2 <= len(compared) <= 5
    assert "khớp nhất trong 9 kế hoạch đã nạp" in answer.answer


def test_a_units_rows_are_counted_and_a_few_read_without_reading_them_all(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    assistant = runtime.assistant()
    search = assistant.search
    documents = list(assistant.documents.documents)
    for name in ("Công an tỉnh", "Sở Tài chính", "Sở Y tế", "Ủy ban nhân dân cấp xã"):
        keys = [unit_key(name)]
        every = rows_for_unit(search, documents, keys)
        count, first = search.unit_rows(documents, keys, 5)
        assert count == len(every)
        assert [c.clause_id for c in first] == [c.clause_id for c in every[:5]]
    # on the facts store no row beyond the page is read
    read: list[int] = []
    by_ids = ClauseSearch.by_ids

    def spy(self: ClauseSearch, ids: list[str], *args: Any, **kwargs: Any) -> list[StoredClause]:
        read.append(len(ids))
        return by_ids(self, ids, *args, **kwargs)

    monkeypatch.setattr(ClauseSearch, "by_ids", spy)
    count, _ = search.unit_rows(documents, [unit_key("Công an tỉnh")], 0)
    assert count > 5 and read == [0]


def test_a_period_page_is_read_in_list_order_with_the_exact_count(runtime: Runtime) -> None:
    """The page of a list by period read as distinct (plan, start, clause) from the index in
    list order is the rows grouped by clause and sorted, page by page, with the same count."""
    from dataclasses import replace

    from ingest.facts import RowQuery, _row_filter

    facts = runtime.facts
    documents = tuple(sorted(runtime.assistant().documents.documents)[:4])
    windows = [(2025, None, None), (2025, 4, None), (2025, None, 10), (2026, 2, None)]
    for window in windows:
        for scope in ((), documents):
            query = RowQuery(documents=scope, in_window=window, limit=7)
            where, parameters = _row_filter(query)
            grouped = [
                row[0]
                for row in facts._db.query(
                    "SELECT clause_id, MIN(document_id) AS d, MIN(start) AS s FROM "
                    f"responsibilities WHERE {where} GROUP BY clause_id ORDER BY d, s, clause_id",
                    parameters,
                )
            ]
            assert facts.count_rows(query) == len(grouped)
            pages = [
                facts.row_page(replace(query, offset=offset))
                for offset in range(0, len(grouped) + 7, 7)
            ]
            assert [i for page in pages for i in page] == grouped
            assert facts.rows(query).total == len(grouped)
            assert facts.rows(replace(query, limit=0)).clause_ids == ()
    assert facts.count_rows(RowQuery(in_window=(2025, None, None))) > 50


def test_a_number_in_named_plans_is_read_by_id_alike(runtime: Runtime) -> None:
    """A clause number within named plans, found through the facts store, is the same
    clauses in the same order as the engine's filter finds them; the few latest plans are
    those a full sort puts first."""
    from retrieval.narrowing import plans_latest_first

    assistant = runtime.assistant()
    search = assistant.search
    engine_only = ClauseSearch(runtime.index, lambda _text: [], runtime.lexical)
    documents = sorted(assistant.documents.documents)
    for number in ("6.6", "1", "II", "2.3", "a"):
        for plans in (documents[:1], documents[2:6], documents):
            found = search.by_number(number, plans)
            assert [c.clause_id for c in found] == [
                c.clause_id for c in engine_only.by_number(number, plans)
            ]
    for first in (1, 3, 20):
        assert (
            plans_latest_first(documents, assistant.documents, first)
            == plans_latest_first(documents, assistant.documents)[:first]
        )


def test_one_question_reads_a_clause_by_id_once(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While one question is answered a clause read by id is read from the index once (the
    confidence check reuses the strategy's reads); a question asked again reads again, and
    a read naming plans still returns only their clauses."""
    assistant = runtime.assistant()
    search = assistant.search
    rows = search.rows(list(assistant.documents.documents))[:6]
    ids = [c.clause_id for c in rows]
    read: list[str] = []
    scroll = ClauseSearch._scroll

    def spy(self: ClauseSearch, where: PayloadFilter) -> list[StoredClause]:
        found = scroll(self, where)
        read.extend(c.clause_id for c in found if "clause_id" in where.equals)
        return found

    monkeypatch.setattr(ClauseSearch, "_scroll", spy)
    with search.one_question():
        first = search.by_ids(ids)
        with search.one_question():  # nested: the outer question's reads
            assert search.by_ids(ids[:3]) == first[:3]
        assert search.by_ids(list(reversed(ids))) == list(reversed(first))
        other = rows[0].document_id
        assert all(c.document_id == other for c in search.by_ids(ids, [other]))
    assert sorted(read) == sorted(ids)
    search.by_ids(ids)  # no question: read again
    assert len(read) == 2 * len(ids)
    read.clear()
    answer = assistant.ask(BY_UNIT)
    assert answer.citations
    assert len(read) == len(set(read))  # every clause cited was read once


def test_clauses_the_facts_store_locates_are_read_by_point_id(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clause whose plan the facts store names is read by the point id of that plan's
    committed version, with no filtered read (whose cost grows with the points stored);
    the same clauses as the filtered read. One the id does not find (a wrong plan) is read
    through the filter."""
    assistant = runtime.assistant()
    search = assistant.search
    documents = list(assistant.documents.documents)
    located = runtime.facts.clauses_numbered_in("6.6", documents)
    assert len(set(located.values())) > 1
    filtered = search.by_ids(list(located), documents)
    assert [c.clause_id for c in filtered] == list(located)
    scrolls: list[object] = []
    scroll = CommittedIndex.scroll

    def spy(self: CommittedIndex, *args: Any, **kwargs: Any) -> Any:
        scrolls.append(args)
        return scroll(self, *args, **kwargs)

    monkeypatch.setattr(CommittedIndex, "scroll", spy)
    assert search.by_ids(list(located), documents, located) == filtered
    assert scrolls == []
    misplaced = {clause_id: "no-such-plan" for clause_id in located}
    assert search.by_ids(list(located), documents, misplaced) == filtered
    assert len(scrolls) == 1


def test_a_list_page_names_the_plan_of_each_row(runtime: Runtime) -> None:
    from ingest.facts import RowQuery

    facts = runtime.facts
    query = RowQuery(limit=7, offset=2)
    page = facts.rows(query)
    assert len(page.document_ids) == len(page.clause_ids) == 7
    assert tuple(zip(page.clause_ids, page.document_ids, strict=True)) == (
        facts.row_page_located(query)
    )
    for clause_id, document_id in zip(page.clause_ids, page.document_ids, strict=True):
        own = facts.row_page(RowQuery(documents=(document_id,), limit=10_000))
        assert clause_id in own


def test_what_a_question_names_is_worked_out_once_per_question(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Scope, strategies and the confidence check each ask which plans and places the
    question names: inside one question the facts store is asked once; outside it, every
    time; a caller changing what it was given changes nothing for the next."""
    documents = runtime.assistant().documents
    facts = documents.facts
    asked: list[object] = []
    in_place = type(facts).documents_in_place

    def spy(self: object, keys: Any) -> Any:
        asked.append(keys)
        return in_place(self, keys)  # type: ignore[arg-type]

    monkeypatch.setattr(type(facts), "documents_in_place", spy)
    question = "chi tieu 6.6 cua tinh ninh binh"
    alone = documents.named_places(question)
    documents.named_places(question)
    assert len(asked) == 2
    asked.clear()
    with documents.one_question():
        first = documents.named_places(question)
        first.append("changed")
        assert documents.named_places(question) == alone
        assert documents.resolve(question) == documents.resolve(question)
    assert len(asked) == 2  # the places once, the candidates' look-up once
    documents.named_places(question)
    assert len(asked) == 3


BY_UNIT_ON_TOPIC = "Công an tỉnh chủ trì những chỉ tiêu nào về an ninh mạng?"  # 7 of its 28


def test_a_topic_narrowed_list_is_counted_and_paged_in_the_store(
    assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows covering the topic are selected in SQL (each row's stored words), so a
    page never reads every row of the unit; the pages put together are the whole list."""
    whole = assistant.ask(BY_UNIT_ON_TOPIC, rows=EVERY_ROW)
    assert whole.answer.startswith("Có 7 chỉ tiêu/nhiệm vụ ghi Công an tỉnh")
    monkeypatch.setattr(row_lists, "WHOLE_LIST", 3)
    every_row: list[int] = []
    rows = ClauseSearch.rows

    def spy(self: ClauseSearch, *args: Any, **kwargs: Any) -> list[StoredClause]:
        found = rows(self, *args, **kwargs)
        every_row.append(len(found))
        return found

    monkeypatch.setattr(ClauseSearch, "rows", spy)
    pages = all_pages(assistant, BY_UNIT_ON_TOPIC, 4)
    assert not every_row  # no read of all the unit's rows
    # 7 in the role, then 42 naming the unit in a column worded "chủ trì" (its 21 rows in
    # the role off the topic among them, as the whole list lists them)
    assert pages[0].partial and pages[0].rows_total == 7 + 42
    assert pages[0].answer.split("\n")[0] == whole.answer.split("\n")[0]
    assert [row for page in pages for row in rows_of(page)] == rows_of(whole)


@pytest.mark.parametrize(
    "question",
    [
        BY_UNIT_ON_TOPIC,
        "Sở Tài chính chủ trì những nhiệm vụ nào về kinh phí thực hiện?",
        "Những việc nào về dữ liệu dân cư và định danh điện tử?",
        "Ủy ban nhân dân cấp xã phối hợp những nhiệm vụ nào về cấp xã chuyển đổi số?",
    ],
)
def test_the_stores_topic_rule_keeps_the_rows_coverage_keeps(
    assistant: Assistant, question: str
) -> None:
    """`TermWeights.cover` (run in SQL) keeps exactly the rows `Coverage.of` would."""
    from ingest.facts import RowQuery
    from retrieval.coverage import MIN_COVERAGE
    from retrieval.query import understand
    from retrieval.relevance import clause_pairs, clause_words
    from retrieval.topic import topic_words

    library = assistant._library
    query = understand(question)
    topic = topic_words(assistant.documents, query, [])
    cover = library.coverage.cover(query, topic)
    rows = assistant.search.rows()
    kept = []
    for row in rows:
        text = f"{row.path} {row.search_text}"
        covered = library.coverage.of(query, topic, row) >= MIN_COVERAGE
        assert cover.covers(clause_words(text) | clause_pairs(text)) == covered
        if covered:
            kept.append(row.clause_id)
    assert 0 < len(kept) < len(rows)
    facts = assistant.search._facts
    assert facts is not None
    page = facts.rows(RowQuery(covering=cover, limit=10_000))
    assert sorted(page.clause_ids) == sorted(kept) and page.total == len(kept)


@pytest.mark.parametrize(
    "question",
    [
        BY_UNIT_ON_TOPIC,
        BY_UNIT,
        "Sở Tài chính chủ trì những nhiệm vụ nào về kinh phí thực hiện?",
        "Công an tỉnh theo dõi những chỉ tiêu nào?",
        "Ủy ban nhân dân cấp xã phối hợp những nhiệm vụ nào về cấp xã chuyển đổi số?",
    ],
)
def test_a_whole_list_by_unit_reads_from_the_store_what_reading_every_row_gave(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch, question: str
) -> None:
    """A list answered whole (short, or "xem tất cả") takes the rows covering its topic, the
    rows of a worded column and the plans lacking the role from indexed queries, and says
    exactly what reading every row of the unit said; a topic list reads none of them."""
    from retrieval.strategies.list_by_unit import ListByUnit

    every_row: list[int] = []
    rows = ClauseSearch.rows

    def spy(self: ClauseSearch, *args: Any, **kwargs: Any) -> list[StoredClause]:
        found = rows(self, *args, **kwargs)
        every_row.append(len(found))
        return found

    with monkeypatch.context() as patch:
        patch.setattr(ClauseSearch, "rows", spy)
        stored = runtime.assistant().ask(question, rows=EVERY_ROW)
    if question == BY_UNIT_ON_TOPIC:
        assert not every_row
    with monkeypatch.context() as patch:  # every row read, as before the store's queries
        patch.setattr(ListByUnit, "_stored", lambda self, asked: False)
        patch.setattr(
            ClauseSearch,
            "documents_naming",
            lambda self, documents, keys: list(
                dict.fromkeys(r.document_id for r in rows_for_unit(self, documents, keys))
            ),
        )
        patch.setattr(
            ClauseSearch,
            "unit_rows",
            lambda self, documents, keys, limit: (
                len(found := rows_for_unit(self, documents, keys)),
                found,
            ),
        )
        read = runtime.assistant().ask(question, rows=EVERY_ROW)
    assert stored.answer == read.answer
    assert stored.citations == read.citations


def test_a_plan_named_by_number_is_scored_once_per_question(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The resolver scores how surely the question names each candidate plan; the topic
    words' check for a plan named by its own number (`named_by_own_number`) takes those
    scores, not a second scoring: each text is scored once while the question is answered."""
    from retrieval.documents import DocumentDirectory

    assistant = runtime.assistant()
    numbered = next(d for d in assistant.documents.documents.values() if d.number)
    scored: list[str] = []
    by_own_number: list[list[str]] = []
    score = DocumentDirectory._scored
    own_number = DocumentDirectory.named_by_own_number

    def spy_scored(self: DocumentDirectory, text: str) -> Any:
        scored.append(text)
        return score(self, text)

    def spy_own(self: DocumentDirectory, question_folded: str) -> list[str]:
        found = own_number(self, question_folded)
        by_own_number.append(found)
        return found

    monkeypatch.setattr(DocumentDirectory, "_scored", spy_scored)
    monkeypatch.setattr(DocumentDirectory, "named_by_own_number", spy_own)
    answer = assistant.ask(f"Kế hoạch số {numbered.number} giao Công an tỉnh nhiệm vụ gì?")
    assert answer.answer
    assert any(numbered.id in found for found in by_own_number)  # the check ran, and named it
    assert scored and len(scored) == len(set(scored))
