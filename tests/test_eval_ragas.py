"""ragas metrics: the offline ones on known samples, the LLM-judged ones against a fake judge."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from eval.ragas_llm import SKIPPED_NOTE, score_llm
from eval.ragas_metrics import NON_LLM_METRICS, sample_fields, score_non_llm
from eval.systems import CitedSpan, Passage, SystemOutput
from ingest.embedding.hashing import HashingEmbedder
from ingest.settings import Settings

# instructor (pulled in by ragas) warns about its own enum while building the judge client.
pytestmark = pytest.mark.filterwarnings(
    "ignore:FUNCTIONS is deprecated:DeprecationWarning:instructor.*"
)

QUOTE = "Tỉ lệ hồ sơ thủ tục hành chính xử lý trực tuyến đạt tối thiểu 80%"
QUESTION = {
    "id": "q-1",
    "type": "who",
    "question": "Sở nào chủ trì chỉ tiêu 6.6?",
    "key_facts": [["Văn phòng UBND tỉnh"], ["Sở Khoa học và Công nghệ"]],
    "gold": [{"document": "d", "clause": "6.6", "quote": QUOTE}],
}
UNANSWERABLE = {"id": "q-2", "type": "unanswerable", "question": "?", "key_facts": [], "gold": []}
ANSWER = SystemOutput(
    answer="Văn phòng UBND tỉnh theo dõi; Sở Khoa học và Công nghệ chủ trì.",
    abstained=False,
    retrieved=(Passage("d", QUOTE + " |"), Passage("d", "Phủ sóng 5G")),
    citations=(CitedSpan("d", QUOTE, QUOTE + " |", 0, len(QUOTE) + 2),),
)


def test_tracking_is_off_once_imported() -> None:
    assert os.environ["RAGAS_DO_NOT_TRACK"] == "true"


def test_sample_uses_ragas_field_names() -> None:
    fields = sample_fields(QUESTION, ANSWER)
    assert fields is not None
    assert set(fields) == {
        "user_input",
        "retrieved_contexts",
        "response",
        "reference",
        "reference_contexts",
    }
    assert fields["reference"] == "Văn phòng UBND tỉnh; Sở Khoa học và Công nghệ"
    assert fields["reference_contexts"] == [QUOTE]
    assert sample_fields(UNANSWERABLE, ANSWER) is None


def test_non_llm_metrics() -> None:
    scores = score_non_llm([(QUESTION, ANSWER), (UNANSWERABLE, ANSWER)]).scores
    first, second = scores
    assert set(first) == set(NON_LLM_METRICS)
    assert first["ragas_context_precision"] == pytest.approx(1.0)
    assert first["ragas_context_recall"] == 1.0
    assert all(v is not None and 0.0 <= v <= 1.0 for v in first.values())
    assert first["ragas_rouge_l"] > 0.3  # folded text: Vietnamese syllables survive
    assert all(v is None for v in second.values())


def test_llm_metrics_skipped_without_endpoint() -> None:
    result = score_llm([(QUESTION, ANSWER)], Settings(), HashingEmbedder(16))
    assert result.notes == [SKIPPED_NOTE]
    assert result.scores == [{"ragas_faithfulness": None, "ragas_answer_relevancy": None}]


def _judge_reply(prompt: str) -> dict[str, Any]:
    """What a cooperative judge answers to each of ragas' structured prompts."""
    if "noncommittal" in prompt:
        return {"question": QUESTION["question"], "noncommittal": 0}
    if "verdict" in prompt:
        return {"statements": [{"statement": ANSWER.answer, "reason": "stated", "verdict": 1}]}
    return {"statements": [ANSWER.answer]}


class _FakeJudge(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        content = json.dumps(_judge_reply(body["messages"][-1]["content"]), ensure_ascii=False)
        reply = {
            "id": "fake",
            "object": "chat.completion",
            "created": 0,
            "model": body["model"],
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "message": {"role": "assistant", "content": content},
                }
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def judge_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeJudge)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/v1"
    server.shutdown()
    server.server_close()
    thread.join()


def test_llm_metrics_with_a_local_judge(judge_url: str) -> None:
    settings = Settings(llm_base_url=judge_url, llm_model="fake-judge")
    result = score_llm([(QUESTION, ANSWER), (UNANSWERABLE, ANSWER)], settings, HashingEmbedder(64))
    first, second = result.scores
    assert first["ragas_faithfulness"] == 1.0
    assert first["ragas_answer_relevancy"] == pytest.approx(1.0)  # same question back
    assert second == {"ragas_faithfulness": None, "ragas_answer_relevancy": None}
    assert result.notes == [f"LLM judge fake-judge at {judge_url}"]
