"""A fake OpenAI-compatible chat server on 127.0.0.1: canned replies, recorded requests.

Standard library only (`http.server` in a thread): the client under test is synchronous,
and the fake needs nothing but `POST /v1/chat/completions`.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

_HOLD_LIMIT_S = 10  # a held request is released by stop() long before this


@dataclass(frozen=True)
class ChatRequest:
    """One request the fake received."""

    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def contents(self) -> str:
        """Every message's content, joined: what the model was shown."""
        return "\n".join(str(m.get("content", "")) for m in self.body.get("messages", []))


class FakeOpenAI:
    """Answers chat completions with `reply`, or fails with `status`, or holds (`hang`)."""

    def __init__(self) -> None:
        self.requests: list[ChatRequest] = []
        self.reply = "Không có câu trả lời mẫu [1]."
        self.status = 200
        self.holding = False
        self._release = threading.Event()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        # A short poll interval: shutdown() waits for it, once per test.
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="FakeOpenAI", daemon=True
        )

    @property
    def base_url(self) -> str:
        """The OpenAI-style base URL (with `/v1`), as `KEHOACH_LLM_BASE_URL` takes it."""
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def answer_with(self, content: str) -> None:
        self.reply, self.status, self.holding = content, 200, False

    def fail_with(self, status: int) -> None:
        self.status, self.holding = status, False

    def hang(self) -> None:
        """Hold every request until the server stops, so the client times out."""
        self.holding = True

    def start(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(10)

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def _record(self, request: ChatRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def _completion(self, model: str) -> dict[str, Any]:
        return {
            "id": f"chatcmpl-fake-{len(self.requests)}",
            "object": "chat.completion",
            "created": 0,
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": self.reply},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                fake._record(ChatRequest(self.path, dict(self.headers.items()), body))
                if self.path.rstrip("/") != "/v1/chat/completions":
                    self._send(404, {"error": {"message": f"no route {self.path}"}})
                elif fake.holding:
                    fake._release.wait(_HOLD_LIMIT_S)
                elif fake.status != 200:
                    self._send(fake.status, {"error": {"message": "fake outage"}})
                else:
                    self._send(200, fake._completion(str(body.get("model", ""))))

            def _send(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload, ensure_ascii=False).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (its timeout); nothing to answer

            def log_message(self, format: str, *args: Any) -> None:
                pass  # keep test output clean

        return Handler
