"""List by unit: every table row naming a unit in the role asked ("Sở GD&ĐT chủ trì những
chỉ tiêu nào?"), with the one role meaning of `retrieval.roles`.

It answers a question asking for a list (or a list of a unit's rows) that names a unit; a
topic the question adds ("… về chuyển đổi số") narrows the rows when some cover it.

A role asked that a plan's tables have no column for is said to be absent there, never
widened to "any role"; a column of another role worded with the asked role's word
("Đơn vị chủ trì theo dõi …" for "chủ trì") is shown apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ingest.facts import RowQuery, TermCover
from ingest.parser.unit_names import UNIT_HEAD
from retrieval.answers import Answer
from retrieval.compose import abstain, answer_list
from retrieval.constraint_check import absent_role_reason
from retrieval.coverage import MIN_COVERAGE
from retrieval.documents import DocumentDirectory
from retrieval.query import Intent, Query
from retrieval.roles import ROLE_NAMES, Role, header_cells, rows_for_unit, unit_cells
from retrieval.row_filters import row_filter
from retrieval.row_labels import appendix_of
from retrieval.row_lists import EVERY_ROW, WHOLE_LIST, RowWindow
from retrieval.search import ClauseSearch
from retrieval.stored import StoredClause
from retrieval.strategies.context import Context
from retrieval.topic import is_unit_word
from retrieval.units import UnitMatcher

OnTopic = Callable[[list[StoredClause]], list[StoredClause]]


@dataclass(frozen=True)
class LackingRole:
    """The plans naming a unit whose tables have no column for a role asked: how many, and
    the first few (by id) named in the answer."""

    role: Role
    total: int
    first: tuple[str, ...]


# "(được) giao (Giám đốc Công an tỉnh) chỉ đạo thực hiện": how plans word an assignment
_ASSIGNED_TO_DIRECT = re.compile(r"\bgiao\b(?:\s+\S+){0,8}?\s+chi dao thuc hien\b")
_FEW_NAMED = 3  # plans named one by one in a note on a role absent; the rest counted
_CLOSEST = 10  # rows read to show the closest (three shown) when the role asked is absent


def asks_for_list(ctx: Context) -> bool:
    """Whether the question asks for a list of rows (by unit or by period), or for a list
    and names a unit."""
    query = ctx.query
    return query.intent in (Intent.LIST_BY_UNIT, Intent.LIST_BY_PERIOD) or bool(
        query.wants_list and ctx.units.find(query.text)
    )


def answer(ctx: Context) -> Answer | None:
    """The unit's rows in the role asked, or the roles absent; None when the question asks
    for no list of a unit's rows, or no table names the unit."""
    unit_keys = ctx.units.find(ctx.query.text)
    if not unit_keys or not asks_for_list(ctx):
        return None
    return _list_by_unit(ctx, ctx.scope.doc_ids, unit_keys)


def _list_by_unit(ctx: Context, doc_ids: list[str], unit_keys: list[str]) -> Answer | None:
    """Every table row naming the unit in the role the question asks about."""
    lists = ListByUnit(ctx.search, ctx.documents, ctx.units)
    roles = ctx.reading.roles
    # words naming the unit's head ("Giám đốc Công an tỉnh") or the role: no topic
    # (the heads are the shared unit vocabulary's, `UNIT_HEAD`)
    asking = {w for m in UNIT_HEAD.finditer(ctx.query.folded) for w in m.group().split()}
    if (
        tuple(roles) == (Role.DIRECT,)
        and _ASSIGNED_TO_DIRECT.search(ctx.query.folded)
        and lists.lacks_roles(doc_ids, unit_keys, roles)
    ):
        # "… được giao chỉ đạo thực hiện những việc gì?" of a plan with no directing
        # column: the plan's own wording of an assignment ("Trong đó giao Giám đốc Công an
        # tỉnh chỉ đạo thực hiện: …"), the unit's rows as the one that carries them out
        roles = (Role.LEAD,)
        asking |= {"chi", "dao"}
    # a list by unit is not narrowed by the plan's own theme ("… trong hỗ trợ nhà ở người có
    # công" of the plan on it): every row of the plan is on it
    topic = [
        w
        for w in ctx.topic(doc_ids, theme=False)
        if not is_unit_word(w, unit_keys) and w not in asking
    ]

    def on_topic(rows: list[StoredClause]) -> list[StoredClause]:
        if not topic:
            return rows
        return [r for r in rows if ctx.coverage(topic, r) >= MIN_COVERAGE] or rows

    # a long list narrowed by the topic is counted and paged in SQL (the rule of
    # `on_topic` on each row's stored words), never by reading every row of the unit
    cover = ctx.topic_cover(topic) if topic else None
    found = lists.page(ctx.query, roles, doc_ids, unit_keys, ctx.rows, cover)
    if found is None:
        found = lists.answer(ctx.query, roles, doc_ids, unit_keys, on_topic, ctx.rows, cover)
    if found is None or found.abstained:
        return found
    names = [ctx.units.display_name(k) for k in unit_keys]
    rows = row_filter(names, roles, doc_ids, ctx.query.period)
    return replace(found, rows_filter=rows)


class ListByUnit:
    """Answers "which rows name this unit in this role"."""

    def __init__(
        self, search: ClauseSearch, documents: DocumentDirectory, units: UnitMatcher
    ) -> None:
        self._search = search
        self._documents = documents
        self._units = units

    def answer(
        self,
        query: Query,
        asked: Sequence[Role],
        doc_ids: list[str],
        unit_keys: list[str],
        on_topic: OnTopic,
        window: RowWindow = EVERY_ROW,
        cover: TermCover | None = None,
    ) -> Answer | None:
        """The rows, or the roles absent; None when no table names the unit (the body
        text may still say it). A list longer than `row_lists.WHOLE_LIST` rows narrowed by a
        topic, or asked in several roles (selections the facts store cannot count), is
        answered one `window` at a time too, its count exact, like `page`. With `cover` (the
        topic as the facts store reads it), only the rows covering it are read when some do."""
        roles_of: dict[str, list[str]] = {}
        kept: list[StoredClause] = []
        asked_rows, covering = self._rows_asked(doc_ids, unit_keys, asked, cover)
        for row in asked_rows:
            roles = unit_cells(row, unit_keys, asked)
            if roles:
                kept.append(row)
                roles_of[row.clause_id] = roles
        lacking = self._lacking_roles(doc_ids, unit_keys, asked)
        if not kept and not lacking and asked and doc_ids and self._has_tables(doc_ids):
            # the plan named has tables, none naming the unit, and none with the role asked
            # (a plan whose duties are all written in its body has no column to lack)
            lacking = self._lacking_roles(doc_ids, [], asked)
        if not kept and lacking:
            return self._absent_role(query, lacking, unit_keys, doc_ids)
        if not kept:
            # the plans have the role's column, but never name the unit in it: said, with
            # the unit's rows in other roles as the closest, never widened to them
            return self._not_in_role(query, asked, doc_ids, unit_keys)
        kept = on_topic(kept)
        names = self._names(unit_keys)
        heading = f"Có {len(kept)} chỉ tiêu/nhiệm vụ ghi {names} ở vai trò được hỏi:"
        # rows the topic left out that name the unit in a worded column are listed there
        worded = self._worded_elsewhere(doc_ids, unit_keys, asked, kept, covering)
        if window.pages(len(kept) + len(worded)):
            ordered = in_list_order(kept)
            answer = self._page_of(query, ordered, roles_of, worded, heading, names, window)
        else:
            answer = answer_list(query, kept, self._documents, heading, roles_of)
        if worded and not answer.partial:
            headers = sorted({h for hs in worded.values() for h in hs})
            extra = answer_list(
                query,
                self._search.by_ids(list(worded)),
                self._documents,
                f"Ngoài ra, {names} có tên ở cột “{'”, “'.join(headers)}” "
                f"(vai trò khác) tại {len(worded)} dòng:",
                worded,
            )
            answer = joined(answer, extra)
        if lacking:
            notes = "\n".join(self._lacking_note(each, unit_keys) for each in lacking)
            answer = replace(answer, answer=f"{answer.answer}\n{notes}")
        return replace(answer, intent=Intent.LIST_BY_UNIT.value)

    def _page_of(
        self,
        query: Query,
        kept: Sequence[StoredClause],
        roles_of: dict[str, list[str]],
        worded: dict[str, list[str]],
        heading: str,
        names: str,
        window: RowWindow,
    ) -> Answer:
        """One page of the rows `answer` selected: those in the role asked, then those in
        another role's column worded like it (as `page` reads them from the store)."""
        total = len(kept) + len(worded)
        offset, limit = window.bounds(total)
        end = offset + limit
        page = (offset, total)
        answer = answer_list(query, kept[offset:end], self._documents, heading, roles_of, page)
        if not worded:
            return answer
        headers = "”, “".join(sorted({h for hs in worded.values() for h in hs}))
        other = f"Ngoài ra, {names} có tên ở cột “{headers}” (vai trò khác) tại {len(worded)} dòng"
        if end <= len(kept):  # listed after the rows in the role asked
            text = f"{answer.answer}\n{other}, liệt kê sau các dòng trên."
            return replace(answer, answer=text)
        start = max(offset, len(kept)) - len(kept)
        elsewhere = in_list_order(self._search.by_ids(list(worded)))
        extra = answer_list(
            query,
            elsewhere[start : end - len(kept)],
            self._documents,
            f"{other}:",
            worded,
            (start, len(worded)),
        )
        return joined(answer, extra)

    def page(
        self,
        query: Query,
        asked: Sequence[Role],
        doc_ids: list[str],
        unit_keys: list[str],
        window: RowWindow,
        cover: TermCover | None = None,
    ) -> Answer | None:
        """One page of a long list (more than `row_lists.WHOLE_LIST` rows) of the unit's
        rows in the role asked, then — as the whole answer lists them — the rows naming it
        in another role's column worded like the role asked, under their own heading: one
        list of both parts, counted and read by indexed queries on the facts store, with
        how many of the plans naming the unit have no column for that role. Several roles
        asked: the rows naming the unit in any of them, each once; "trực tiếp chỉ đạo": the
        rows naming it in a directing column (stored in that role). With `cover` (a topic),
        the rows in the role asked are those covering it, or all of them when none does (as
        `answer` narrows them). None when the list is short (answered whole by `answer`),
        or there is no facts store."""
        if not self._search.has_facts:
            return None
        selection = RowQuery(
            documents=tuple(doc_ids),
            roles=tuple(role.value for role in asked),
            unit_keys=tuple(unit_keys),
        )
        in_role, exact = 0, True
        if cover is not None:
            # bounded: past the store's bound on the topic's entries, "at least" so many —
            # enough to fill the page asked and show that one more follows ("every row" asks
            # for the exact count)
            least = window.first + window.size + 1 if window.size is not None else 10**12
            on_topic = self._search.count_rows_within(replace(selection, covering=cover), least)
            in_role, exact = on_topic.n, on_topic.exact
            if in_role:
                selection = replace(selection, covering=cover)
        if not in_role:
            in_role = self._search.count_rows(selection)
        covering = selection.covering  # off-topic rows in the role: listed as worded
        worded, headers, _ = (
            self._search.rows_worded_as(unit_keys, asked, doc_ids, covering=covering)
            if asked
            else (0, [], [])
        )
        total = in_role + worded
        if not in_role or not window.pages(total):
            return None
        offset, limit = window.bounds(total)
        end = offset + limit
        rows = (
            self._search.rows_page(replace(selection, limit=end - offset, offset=offset))
            if offset < in_role
            else []
        )
        roles_of = {row.clause_id: unit_cells(row, unit_keys, asked) for row in rows}
        names = self._names(unit_keys)
        counted = f"{in_role}" if exact else f"ít nhất {in_role}"
        heading = f"Có {counted} chỉ tiêu/nhiệm vụ ghi {names} ở vai trò được hỏi:"
        answer = answer_list(query, rows, self._documents, heading, roles_of, (offset, total))
        other = f"Ngoài ra, {names} có tên ở cột “{'”, “'.join(headers)}” (vai trò khác)"
        notes: list[str] = []
        if end > in_role and worded:  # the page reaches the rows of the other columns
            start = max(offset, in_role) - in_role
            _, _, elsewhere = self._search.rows_worded_as(
                unit_keys, asked, doc_ids, (start, end - in_role - start), covering
            )
            worded_in = {row.clause_id: header_cells(row, unit_keys, asked) for row in elsewhere}
            extra = answer_list(
                query,
                elsewhere,
                self._documents,
                f"{other} tại {worded} dòng:",
                worded_in,
                (start, worded),
            )
            answer = joined(answer, extra)
        elif worded:  # listed after the rows in the role asked
            notes.append(f"{other} tại {worded} dòng, liệt kê sau các dòng trên.")
        if len(asked) == 1:
            notes.append(self._plans_lacking(doc_ids, unit_keys, asked))
        else:  # each role asked that plans naming the unit have no column for
            lacking = self._lacking_roles(doc_ids, unit_keys, asked)
            notes.extend(self._lacking_note(each, unit_keys) for each in lacking)
        text = "\n".join([answer.answer, *(note for note in notes if note)])
        return replace(answer, answer=text, intent=Intent.LIST_BY_UNIT.value, rows_exact=exact)

    def _plans_lacking(
        self, doc_ids: list[str], unit_keys: list[str], asked: Sequence[Role]
    ) -> str:
        """ "N kế hoạch ghi … không có cột …": the plans naming the unit whose tables have no
        column for the role asked, counted, the first few named."""
        if not asked:
            return ""
        total, first = self._search.documents_lacking_role(unit_keys, asked[0], doc_ids, _FEW_NAMED)
        if not total:
            return ""
        return self._lacking_note(LackingRole(asked[0], total, tuple(first)), unit_keys)

    def _lacking_note(self, lacking: LackingRole, unit_keys: Sequence[str]) -> str:
        """One line per plan lacking the role when they are few; else how many, the first
        few named, and how to see any other."""
        if lacking.total <= len(lacking.first):
            return "\n".join(
                absent_role_reason(self._label(d), lacking.role) for d in lacking.first
            )
        named = "; ".join(self._label(d) for d in lacking.first)
        return (
            f"{lacking.total} kế hoạch ghi {self._names(unit_keys)} không có cột đơn vị "
            f"{ROLE_NAMES[lacking.role]} trong bảng phân công: {named} và "
            f"{lacking.total - len(lacking.first)} kế hoạch khác (hỏi kèm số hiệu hoặc "
            "địa bàn của kế hoạch để xem riêng kế hoạch đó)."
        )

    def _names(self, unit_keys: Sequence[str]) -> str:
        return ", ".join(self._units.display_name(k) for k in unit_keys)

    def _label(self, doc_id: str) -> str:
        info = self._documents.get(doc_id)
        return info.label if info else doc_id

    def _stored(self, asked: Sequence[Role]) -> bool:
        """Whether the facts store selects the unit's rows in the roles asked (one or
        several, "trực tiếp chỉ đạo" too; not "any role")."""
        return self._search.has_facts and bool(asked)

    def _rows_asked(
        self,
        doc_ids: list[str],
        unit_keys: list[str],
        asked: Sequence[Role],
        cover: TermCover | None,
    ) -> tuple[list[StoredClause], TermCover | None]:
        """The rows naming the unit in the role asked, and the topic that narrowed them:
        those covering `cover`, counted and read alone by indexed queries on the facts
        store when some do; else every row in the role (`on_topic` narrows them)."""
        if cover is not None and self._stored(asked):
            query = RowQuery(
                documents=tuple(doc_ids),
                roles=tuple(role.value for role in asked),
                unit_keys=tuple(unit_keys),
                covering=cover,
            )
            total = self._search.count_rows(query)
            if total:
                return self._search.rows_page(replace(query, limit=total)), cover
        return rows_for_unit(self._search, doc_ids, unit_keys, asked), None

    def _worded_elsewhere(
        self,
        doc_ids: list[str],
        unit_keys: list[str],
        asked: Sequence[Role],
        kept: Sequence[StoredClause],
        covering: TermCover | None = None,
    ) -> dict[str, list[str]]:
        """Rows naming the unit in a column of another role whose header uses the asked
        role's word, by clause id: on the facts store, only those rows are read (rows in
        the role asked off the topic `covering` count as not in it, as `kept` leaves them)."""
        listed = {c.clause_id for c in kept}
        found: dict[str, list[str]] = {}
        if self._stored(asked):
            total, _, rows = self._search.rows_worded_as(
                unit_keys, asked, doc_ids, (0, WHOLE_LIST), covering
            )
            if total > len(rows):
                _, _, rows = self._search.rows_worded_as(
                    unit_keys, asked, doc_ids, (0, total), covering
                )
        else:
            rows = rows_for_unit(self._search, doc_ids, unit_keys)
        for row in rows:
            headers = header_cells(row, unit_keys, asked)
            if headers and row.clause_id not in listed:
                found[row.clause_id] = headers
        return found

    def lacks_roles(self, doc_ids: list[str], unit_keys: list[str], asked: Sequence[Role]) -> bool:
        """Whether a plan naming the unit in its rows has no column for a role asked."""
        return bool(self._lacking_roles(doc_ids, unit_keys, asked))

    def _lacking_roles(
        self, doc_ids: list[str], unit_keys: list[str], asked: Sequence[Role]
    ) -> list[LackingRole]:
        """For each role asked about, the plans naming the unit in their tables (each plan
        given that has a table, when no unit is given) whose tables have no column for it:
        counted, the first few by id. On the facts store, by an indexed count and one
        short page per role ("trực tiếp chỉ đạo" too: by the columns whose header says so)."""
        if not asked:
            return []
        lacking: list[LackingRole] = []
        looked_up = list(asked) if unit_keys else []
        if self._search.has_facts:
            for role in looked_up:
                total, first = self._search.documents_lacking_role(
                    unit_keys, role, doc_ids, _FEW_NAMED
                )
                if total:
                    lacking.append(LackingRole(role, total, tuple(first)))
        else:
            looked_up = []
        rest = [r for r in asked if r not in looked_up]
        if not rest:
            return lacking
        # the plans naming the unit by one indexed query (not every row of the unit read),
        # or every plan given that has a table
        with_tables = self._search.documents_naming(doc_ids, unit_keys) if unit_keys else doc_ids
        present = self._search.roles_by_document(with_tables)  # plans with rows only
        for absent in rest:
            plans = [d for d in with_tables if d in present and absent not in present[d]]
            if plans:
                lacking.append(LackingRole(absent, len(plans), tuple(plans[:_FEW_NAMED])))
        return sorted(lacking, key=lambda each: asked.index(each.role))

    def _has_tables(self, doc_ids: list[str]) -> bool:
        """Whether any of these plans has an assignment table (rows not from its body)."""
        return any(self._search.roles_by_document(doc_ids, tables_only=True).values())

    def _not_in_role(
        self, query: Query, asked: Sequence[Role], doc_ids: list[str], unit_keys: list[str]
    ) -> Answer | None:
        """No row names the unit in the role asked, some in another: a decline naming the
        role, those rows the closest; None when no row names the unit at all."""
        if not asked:
            return None
        count, elsewhere = self._search.unit_rows(doc_ids, unit_keys, _CLOSEST)
        if not count:
            return None
        roles = ", ".join(ROLE_NAMES[role] for role in asked)
        reason = (
            f"Không có chỉ tiêu/nhiệm vụ nào ghi {self._names(unit_keys)} ở vai trò {roles}; "
            f"{self._names(unit_keys)} chỉ được ghi ở vai trò khác trong {count} dòng."
        )
        answer = abstain(query, elsewhere, self._documents, reason)
        return replace(answer, intent=Intent.LIST_BY_UNIT.value)

    def _absent_role(
        self,
        query: Query,
        lacking: list[LackingRole],
        unit_keys: list[str],
        doc_ids: list[str],
    ) -> Answer:
        """The role asked is not a column of the plans naming the unit: say so, and show
        where the unit does appear (in another role) as the closest."""
        reasons = [self._lacking_note(each, unit_keys) for each in lacking]
        # the plans lacking it when all are named, else every plan asked about (none names
        # the unit in the role asked, so its rows there are in another role)
        named_all = all(each.total <= len(each.first) for each in lacking)
        within = list(dict.fromkeys(d for each in lacking for d in each.first))
        # counted, and only the closest few read (as `_not_in_role`)
        count, elsewhere = self._search.unit_rows(
            within if named_all else doc_ids, unit_keys, _CLOSEST
        )
        reasons.append(
            f"{self._names(unit_keys)} chỉ được ghi ở vai trò khác trong {count} dòng."
            if count
            else f"Bảng phân công không ghi {self._names(unit_keys)}."
        )
        answer = abstain(query, elsewhere, self._documents, "\n".join(reasons))
        return replace(answer, intent=Intent.LIST_BY_UNIT.value)


def in_list_order(rows: Sequence[StoredClause]) -> list[StoredClause]:
    """The rows in the order a list shows them (grouped by plan and appendix, in the order
    first met), so that the pages of a list cut it where the whole list runs."""
    group_at: dict[tuple[str, str | None], int] = {}
    for row in rows:
        group_at.setdefault((row.document_id, appendix_of(row.path)), len(group_at))
    return sorted(rows, key=lambda row: group_at[(row.document_id, appendix_of(row.path))])


def joined(first: Answer, second: Answer) -> Answer:
    """Two list answers as one, the second's citations renumbered after the first's."""
    shift = len(first.citations)
    text = re.sub(r"\[(\d+)\]", lambda m: f"[{int(m.group(1)) + shift}]", second.answer)
    cited = tuple(replace(c, n=c.n + shift) for c in second.citations)
    return replace(
        first,
        answer=f"{first.answer}\n{text}",
        citations=first.citations + cited,
        candidates=first.candidates + second.candidates,
    )
