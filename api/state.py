"""Everything one app instance holds, built by `create_app` and kept on `app.state`."""

from __future__ import annotations

from dataclasses import dataclass

from api.conversations import ConversationStore, SharedConversationStore
from api.engine import Engine
from api.jobs import JobQueue
from api.ratelimit import SharedTokenBuckets, TokenBuckets
from api.security import KeyRing
from api.settings import ApiSettings
from ingest.settings import Settings
from ingest.state_db import StateDatabase


@dataclass
class ApiState:
    """The app's long-lived parts; routers reach it through `deps.StateDep`."""

    settings: Settings
    api_settings: ApiSettings
    engine: Engine
    jobs: JobQueue
    conversations: ConversationStore | SharedConversationStore
    keys: KeyRing
    key_buckets: TokenBuckets | SharedTokenBuckets
    ip_buckets: TokenBuckets | SharedTokenBuckets
    owns_runtime: bool  # close the runtime on shutdown only when we built it
    warm_up_job: str | None = None
    # KEHOACH_DATABASE_URL on PostgreSQL: jobs, conversations, buckets and webhook replay
    # ids shared by every API replica
    shared: StateDatabase | None = None
