"""A unit's rows on a topic over many plans: the count reads each topic term's entries
under the unit up to a bound (`ingest.facts.TOPIC_ENTRIES`), so the question's work does
not grow with the plans. Within the bound the answer is the exact one; past it, the list
says "ít nhất" and its pages are still the list's first rows, in order."""

from __future__ import annotations

import pytest

import ingest.facts as facts
import retrieval.row_lists as row_lists
from bot.telegram_format import answer_keyboard
from retrieval.display import answer_view, more_rows_note
from retrieval.runtime import Runtime

_QUESTION = "UBND các xã, phường chủ trì những nhiệm vụ nào về dữ liệu?"


def test_a_topic_list_is_exact_within_the_bound_and_at_least_past_it(
    corpus_runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    assistant = corpus_runtime.assistant()
    monkeypatch.setattr(row_lists, "WHOLE_LIST", 2)  # the bundled list, answered by pages
    exact = assistant.ask(_QUESTION)
    assert exact.rows_total and exact.answer.startswith(f"Có {exact.rows_total} chỉ tiêu")
    monkeypatch.setattr(facts, "TOPIC_ENTRIES", 10**9)
    unbounded = assistant.ask(_QUESTION)
    assert (unbounded.answer, unbounded.citations) == (exact.answer, exact.citations)
    cut = []
    for entries in range(1, 40):
        monkeypatch.setattr(facts, "TOPIC_ENTRIES", entries)
        bounded = assistant.ask(_QUESTION)
        if bounded.answer.startswith("Có ít nhất"):
            cut.append(bounded)
            # the first page: the list's first rows, whatever the bound
            assert bounded.candidates == exact.candidates
            assert bounded.answer.splitlines()[1:] == exact.answer.splitlines()[1:]
            shown = int(bounded.answer.split()[3])
            assert 0 < shown < exact.rows_total
            # the surfaces say so too: "còn ít nhất … dòng", and a flag beside the count
            view = answer_view(bounded)
            assert not bounded.rows_exact and view.to_json()["total_rows_at_least"]
            assert more_rows_note(view).startswith("… còn ít nhất ")
            keys = answer_keyboard(bounded, "t", list_token="l")
            assert keys is not None
            labels = [b.text for row in keys.inline_keyboard for b in row]
            assert any(t.startswith("Xem tiếp (còn ít nhất ") for t in labels)
            assert any(t.startswith("Xem tất cả (ít nhất ") for t in labels)
    assert exact.rows_exact and "total_rows_at_least" not in answer_view(exact).to_json()
    assert cut  # some small bound did cut the count
