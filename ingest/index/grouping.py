"""Group-by for an engine that has no grouped query in its binding (Qdrant Edge's Python
API has none): Qdrant's own strategy, run by the adapter. Query, keep each new value of the
field, exclude the values already full and query again, for a bounded number of requests,
so the cost depends on the groups asked for, not on how many values the field has."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ingest.index.protocol import PayloadFilter, PointGroup, ScoredPoint

# requests spent discovering groups (Qdrant's server uses the same bound)
MAX_GROUP_REQUESTS = 5


def collect_groups(
    search: Callable[[PayloadFilter, int], list[ScoredPoint]],
    where: PayloadFilter | None,
    group_by: str,
    groups: int,
    group_size: int,
) -> list[PointGroup]:
    """The best `groups` values of `group_by` with up to `group_size` hits each: `search`
    runs one filtered query for a number of hits; best group (best first hit) first."""
    base = where or PayloadFilter()
    found: dict[str, list[ScoredPoint]] = {}
    order: dict[str, tuple[int, float]] = {}  # the request that found a group, its best score
    for request in range(MAX_GROUP_REQUESTS):
        full = sorted(k for k, hits in found.items() if len(hits) >= group_size)
        if len(full) >= groups:
            break
        excluded = _excluding(base, group_by, full)
        hits = search(excluded, max(groups * group_size, 16))
        fresh = False
        for hit in hits:
            key = _key(hit, group_by)
            if key is None:
                continue
            held = found.setdefault(key, [])
            if not held:
                order[key] = (request, -hit.score)
            if len(held) < group_size and all(h.id != hit.id for h in held):
                held.append(hit)
                fresh = True
        if not fresh:
            break
    ranked = sorted(found, key=lambda k: (*order[k], k))[:groups]
    return [PointGroup(key, tuple(found[key])) for key in ranked]


def _excluding(where: PayloadFilter, field: str, values: list[str]) -> PayloadFilter:
    if not values:
        return where
    held = where.excludes.get(field)
    before = [] if held is None else list(held) if isinstance(held, list | tuple) else [held]
    return replace(where, excludes={**where.excludes, field: [*before, *values]})


def _key(hit: ScoredPoint, field: str) -> str | None:
    value = hit.payload.get(field)
    return None if value is None or isinstance(value, list | dict) else str(value)
