"""Point ids: Qdrant wants a UUID or an integer, our clauses have string ids."""

from __future__ import annotations

import uuid

# Fixed forever: changing it would orphan every point already stored under the old ids.
_CLAUSE_NAMESPACE = uuid.UUID("5b0c8f3e-7a51-4d2c-9c1e-6f4e2a9d3b70")


def point_id_for(clause_id: str) -> str:
    """The point id of a clause: a UUID5 of its clause id, the same in every process."""
    return str(uuid.uuid5(_CLAUSE_NAMESPACE, clause_id))
