"""`PayloadFilter` reduced to engine-neutral conditions that each adapter spells its own way.

Both adapters translate from these conditions, so equal filters mean the same thing on
Qdrant Edge and on a Qdrant server.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from ingest.index.protocol import PayloadFilter

# Qdrant matches strings and integers (bools too, being ints), never floats; its "any of"
# takes keywords or integers, never a mix of the two.
MatchValues = tuple[str, ...] | tuple[int, ...]


@dataclass(frozen=True)
class Match:
    """The field holds one of `values` (for a list-valued field: any element does)."""

    field: str
    values: MatchValues


@dataclass(frozen=True)
class Between:
    """The integer field lies in [gte, lte]; a None bound is open."""

    field: str
    gte: int | None
    lte: int | None


@dataclass(frozen=True)
class Conditions:
    """A conjunction: every `must` holds and no `must_not` does."""

    must: tuple[Match | Between, ...]
    must_not: tuple[Match, ...]

    @property
    def empty(self) -> bool:
        return not self.must and not self.must_not


def conditions_of(where: PayloadFilter | None) -> Conditions:
    """Split a filter into conditions, checking value types on the way."""
    if where is None:
        return Conditions(must=(), must_not=())
    must: list[Match | Between] = [
        Match(field, _values(field, value)) for field, value in where.equals.items()
    ]
    for field, (gte, lte) in where.ranges.items():
        if gte is None and lte is None:
            continue  # an open range excludes nothing
        must.append(Between(field, _bound(field, gte), _bound(field, lte)))
    must_not = tuple(Match(field, _values(field, value)) for field, value in where.excludes.items())
    return Conditions(must=tuple(must), must_not=must_not)


def any_of(values: MatchValues) -> list[str] | list[int]:
    """The values as the homogeneous list Qdrant's "match any" takes."""
    return cast("list[str] | list[int]", list(values))


def _values(field: str, value: object) -> MatchValues:
    items = list(value) if isinstance(value, list | tuple | set | frozenset) else [value]
    for item in items:
        if not isinstance(item, str | int):
            raise TypeError(
                f"filter on {field!r}: {item!r} is a {type(item).__name__}; "
                "only strings and integers can be matched"
            )
    strings = [item for item in items if isinstance(item, str)]
    integers = [item for item in items if isinstance(item, int)]
    if strings and integers:
        raise TypeError(f"filter on {field!r}: {items!r} mixes strings and integers")
    # Sets have no order; sorting keeps the translated filter the same from run to run.
    if isinstance(value, set | frozenset):
        strings.sort()
        integers.sort()
    return tuple(strings) if strings else tuple(integers)


def _bound(field: str, bound: int | None) -> int | None:
    if bound is not None and (not isinstance(bound, int) or isinstance(bound, bool)):
        raise TypeError(f"range on {field!r}: bound {bound!r} is not an integer")
    return bound


def payload_selector(fields: Sequence[str] | None) -> bool | list[str]:
    """A request's payload selector: the whole payload (None), none (empty: ids and scores
    only), or these fields."""
    return True if fields is None else list(fields) if fields else False
