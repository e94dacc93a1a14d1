"""Co-operative cancellation of a running ingestion.

The API's job worker runs one ingestion at a time; `DELETE /v1/jobs/{id}` sets that job's
event. The parser's loops (`ingest.parser.budget.checkpoint`) and the embedding batches
look at it through `raise_if_cancelled`, so a cancelled job stops within one batch, before
the catalog commits it: the crash-safe write path then sweeps what it had written.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from ingest.errors import WorkCancelledError

_EVENT: contextvars.ContextVar[threading.Event | None] = contextvars.ContextVar(
    "kehoach_cancel_event", default=None
)


@contextmanager
def cancellable(event: threading.Event) -> Iterator[None]:
    """Work done inside the block stops at its next check once `event` is set."""
    token = _EVENT.set(event)
    try:
        yield
    finally:
        _EVENT.reset(token)


def raise_if_cancelled() -> None:
    """`WorkCancelledError` when the work running here was cancelled."""
    event = _EVENT.get()
    if event is not None and event.is_set():
        raise WorkCancelledError("công việc đã bị huỷ theo yêu cầu; không có gì được ghi")
