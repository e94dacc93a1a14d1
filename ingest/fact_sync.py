"""Keeping the facts store in step with the catalog (the commit record) and the index.

A write stores the new version's facts before the catalog switch and a removal forgets
them after it; a crash in between leaves facts of a version the catalog does not name.
`reconcile` (run with the sweep when the index is opened, under the home's write lock)
compares the stored versions with the committed ones and rebuilds each document that
differs from its committed points in the index: facts are derived from those points'
payloads, so the index is enough to rebuild them (a home that predates the store too).
"""

from __future__ import annotations

import logging

from ingest.catalog import DocumentCatalog
from ingest.facts import FactStore
from ingest.index.protocol import PayloadFilter, VectorIndex

logger = logging.getLogger(__name__)


def reconcile(facts: FactStore, catalog: DocumentCatalog, index: VectorIndex) -> int:
    """Make the stored facts those of the committed versions; returns documents changed."""
    committed = catalog.committed_versions()
    stored = facts.versions()
    changed = 0
    for document_id in sorted(set(stored) - set(committed)):
        facts.remove_document(document_id)
        changed += 1
    stale = sorted(d for d, version in committed.items() if stored.get(d) != version)
    if stale:
        logger.warning("facts: rebuilding %d documents from the index", len(stale))
    for document_id in stale:
        entry = catalog.entries[document_id]
        rebuild(facts, index, entry.document, entry.committed_version, entry.point_count)
        changed += 1
    return changed


def rebuild(
    facts: FactStore, index: VectorIndex, document: dict, version: str, points: int
) -> None:
    """Store one document's facts from its points of `version` in the index."""
    where = PayloadFilter(equals={"document_id": document["id"], "version": version})
    payloads = [point.payload for point in index.scroll(where, limit=max(points, 1) + 1)]
    facts.put_payloads(document, version, payloads)
