"""List by period: every table row due in the period asked ("Những nhiệm vụ nào hạn tháng
10/2025?", "… trong quý III/2025?")."""

from __future__ import annotations

from dataclasses import replace

from ingest.facts import RowQuery
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
    label = period_label(period)
    rows_filter = row_filter(documents=doc_ids, period=period)
    if ctx.search.has_facts:  # a long list: counted, and one page read, by indexed queries
        window = RowQuery(
            documents=tuple(doc_ids), in_window=(period.year, period.quarter, period.month)
        )
        total = ctx.search.count_rows(window)
        if ctx.rows.pages(total):
            offset, limit = ctx.rows.bounds(total)
            page = ctx.search.rows_page(replace(window, limit=limit, offset=offset))
            heading = f"Có {total} chỉ tiêu/nhiệm vụ có thời hạn hoàn thành {label}:"
            listed = answer_list(ctx.query, page, ctx.documents, heading, page=(offset, total))
            return replace(listed, intent=Intent.LIST_BY_PERIOD.value, rows_filter=rows_filter)
    window_rows = ctx.search.rows_in_window(doc_ids, period.year, period.quarter, period.month)
    rows = due_in(window_rows, period)
    if not rows:
        return None
    heading = f"Có {len(rows)} chỉ tiêu/nhiệm vụ có thời hạn hoàn thành {label}:"
    listed = answer_list(ctx.query, rows, ctx.documents, heading)
    return replace(listed, intent=Intent.LIST_BY_PERIOD.value, rows_filter=rows_filter)
