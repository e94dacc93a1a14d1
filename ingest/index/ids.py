"""Point ids: Qdrant wants a UUID or an integer, our clauses have string ids."""

from __future__ import annotations

import uuid

# Fixed forever: changing it would orphan every point already stored under the old ids.
_CLAUSE_NAMESPACE = uuid.UUID("5b0c8f3e-7a51-4d2c-9c1e-6f4e2a9d3b70")


def point_id_for(clause_id: str, version: str | None = None) -> str:
    """The point id of a clause (in one version of its document): a UUID5, the same in
    every process. Versions get their own ids so that a new version is written beside
    the committed one, never over it."""
    key = clause_id if version is None else f"{clause_id}\n{version}"
    return str(uuid.uuid5(_CLAUSE_NAMESPACE, key))
