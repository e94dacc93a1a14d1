"""List by period: every table row due in the period asked ("Những nhiệm vụ nào hạn tháng
10/2025?", "… trong quý III/2025?")."""

from __future__ import annotations

from dataclasses import replace

from retrieval.answers import Answer
from retrieval.compose import answer_list
from retrieval.query import Intent, Period
from retrieval.row_filters import row_filter
from retrieval.row_lists import due_in, period_label
from retrieval.strategies.context import Context
from retrieval.strategies.list_by_unit import asks_for_list


def answer(ctx: Context) -> Answer | None:
    """The rows due in the period; None when the question asks for no list by period (a
    list naming a unit is the unit's) or no row is due then."""
    query = ctx.query
    if not asks_for_list(ctx) or ctx.units.find(query.text) or query.period is None:
        return None
    return _list_by_period(ctx, ctx.scope.doc_ids, query.period)


def _list_by_period(ctx: Context, doc_ids: list[str], period: Period) -> Answer | None:
    window = ctx.search.rows_in_window(doc_ids, period.year, period.quarter, period.month)
    rows = due_in(window, period)
    if not rows:
        return None
    label = period_label(period)
    heading = f"Có {len(rows)} chỉ tiêu/nhiệm vụ có thời hạn hoàn thành {label}:"
    listed = answer_list(ctx.query, rows, ctx.documents, heading)
    rows_filter = row_filter(documents=doc_ids, period=period)
    return replace(listed, intent=Intent.LIST_BY_PERIOD.value, rows_filter=rows_filter)
