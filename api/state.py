"""Everything one app instance holds, built by `create_app` and kept on `app.state`."""

from __future__ import annotations

from dataclasses import dataclass

from api.conversations import ConversationStore
from api.engine import Engine
from api.jobs import JobQueue
from api.ratelimit import TokenBuckets
from api.security import KeyRing
from api.settings import ApiSettings
from ingest.settings import Settings


@dataclass
class ApiState:
    """The app's long-lived parts; routers reach it through `deps.StateDep`."""

    settings: Settings
    api_settings: ApiSettings
    engine: Engine
    jobs: JobQueue
    conversations: ConversationStore
    keys: KeyRing
    key_buckets: TokenBuckets
    ip_buckets: TokenBuckets
    owns_runtime: bool  # close the runtime on shutdown only when we built it
    warm_up_job: str | None = None
