"""Pick the index adapter from settings: Qdrant Edge on disk, or a Qdrant server."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ingest.index.protocol import VectorIndex

if TYPE_CHECKING:
    from ingest.settings import Settings

logger = logging.getLogger(__name__)


def open_index(settings: Settings) -> VectorIndex:
    """A `ServerIndex` when `qdrant_url` is set, else an `EdgeIndex` under `index_dir`.

    Raises `IndexLockedError` when another process holds the embedded index.
    """
    if settings.qdrant_url:
        # Imported here: qdrant-client takes over a second to import and the embedded
        # path never needs it.
        from ingest.index.server import ServerIndex

        return ServerIndex.from_url(
            settings.qdrant_url, settings.qdrant_api_key, settings.collection
        )
    from ingest.index.edge import EdgeIndex

    logger.debug("using embedded Qdrant Edge index at %s", settings.index_dir)
    return EdgeIndex(settings.index_dir, settings.collection)
