"""`GET /v1/targets`: responsibility rows (appendix tables and duties the body assigns),
filtered, as JSON, CSV or Excel."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from api import responses
from api.deps import ReadAccess, StateDep
from api.errors import InvalidRequest
from api.exports import CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE, to_csv, to_xlsx
from api.schemas import ErrorResponse, TargetList, TargetRow
from ingest.normalize_vi import folded
from ingest.parser.units import unit_key
from retrieval.roles import rows_for_unit

router = APIRouter(prefix="/v1", tags=["targets"], responses=responses.READ)


@router.get(
    "/targets",
    response_model=TargetList,
    responses={
        200: {
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                XLSX_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}},
            },
            "description": "JSON, or the responsibility matrix with `format=csv|xlsx`",
        },
        422: {"model": ErrorResponse},
    },
)
def list_targets(
    _: ReadAccess,
    state: StateDep,
    unit: Annotated[
        list[str] | None,
        Query(description="a unit, any spelling or abbreviation (`Sở KHCN`); repeatable"),
    ] = None,
    role: Annotated[
        Literal["any", "lead", "monitoring", "cooperating"],
        Query(description="which responsibility the unit must hold"),
    ] = "any",
    document: Annotated[list[str] | None, Query(description="document ids; repeatable")] = None,
    due_after: Annotated[dt.date | None, Query(description="deadline on or after")] = None,
    due_before: Annotated[dt.date | None, Query(description="deadline on or before")] = None,
    format: Annotated[Literal["json", "csv", "xlsx"], Query()] = "json",
) -> TargetList | Response:
    """Who is responsible for what, by when: rows matched by unit, document and deadline.

    Units are matched by their canonical key, so "VP UBND tỉnh" finds "Văn phòng UBND
    tỉnh". A row without a fixed deadline is left out when a deadline bound is given.
    """
    if len(unit or ()) > 50 or len(document or ()) > 50:
        raise InvalidRequest("tối đa 50 giá trị `unit` và 50 giá trị `document`")
    if due_after and due_before and due_after > due_before:
        raise InvalidRequest("due_after muộn hơn due_before")
    keys = sorted({unit_key(name) for name in unit or () if unit_key(name)})
    if unit and not keys:
        raise InvalidRequest("`unit` cần có chữ hoặc số")
    due_range = (_yyyymmdd(due_after), _yyyymmdd(due_before)) if due_after or due_before else None
    with state.engine.reading() as view:
        found = rows_for_unit(view.search, document or (), keys, [role], due_range)
    rows = [TargetRow.from_row(clause) for clause in found if clause.target is not None]
    if format == "csv":
        return _download(to_csv(rows), CSV_MEDIA_TYPE, "phan-cong.csv")
    if format == "xlsx":
        return _download(to_xlsx(rows), XLSX_MEDIA_TYPE, "phan-cong.xlsx")
    return TargetList(count=len(rows), rows=rows, units=distinct_units(rows))


def distinct_units(rows: list[TargetRow]) -> list[str]:
    """Each unit the rows name once, by its canonical key, in the spelling written most
    often (the longer one on a tie: "Sở Khoa học và Công nghệ" over "Sở KHCN")."""
    spellings: dict[str, Counter[str]] = {}
    for row in rows:
        for name in (*row.lead_units, *row.monitoring_units, *row.cooperating_units):
            key = unit_key(name)
            if key:
                spellings.setdefault(key, Counter())[name.strip()] += 1
    chosen = [max(counts, key=lambda n: (counts[n], len(n), n)) for counts in spellings.values()]
    return sorted(chosen, key=folded)


def _yyyymmdd(day: dt.date | None) -> int | None:
    # the payload stores deadlines as yyyymmdd integers
    return day.year * 10000 + day.month * 100 + day.day if day else None


def _download(content: bytes, media_type: str, file_name: str) -> Response:
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{file_name}"'},
    )
