"""A unit the settled plan never names: "Thanh tra Chính phủ được giao nhiệm vụ gì trong
kế hoạch kèm QĐ 773?" of a plan that gives Thanh tra Chính phủ nothing is declined with that
reason, not answered from the nearest clause about inspection.

The unit is read from the question's shape, so that a unit no plan and no abbreviation list
knows is still recognised: the question opens with an agency's name (an agency word — Bộ,
Sở, Ủy ban, Thanh tra, Cục … — and the words after it) and asks what it is given to do.
The plan names it when its text has the agency word with the first word of the name after
it ("Bộ Chỉ huy quân sự" → "bộ chỉ huy quân"); units the plans or the abbreviation list
know are left to the strategies that read their rows."""

from __future__ import annotations

import re

from ingest.normalize_vi import folded
from retrieval.answers import Answer
from retrieval.compose import abstain
from retrieval.ranking import with_candidates
from retrieval.stored import StoredClause
from retrieval.strategies.context import Context

# agency words a unit's name starts with, longest first where one starts another
_AGENCY = (
    r"bo chi huy|bo tu lenh|bo|so|uy ban|hoi dong|ban|thanh tra|tong cuc|cuc|chi cuc|vien"
    r"|kiem toan|toa an|cong an|van phong|phong|trung tam|hoc vien|truong|benh vien|tram"
    r"|mat tran|hoi|doan|dang uy|tinh uy|thanh uy|huyen uy"
)
# the question opens with the unit and asks its tasks: "<unit> được (…) giao những nhiệm vụ
# gì", "<unit> có nhiệm vụ gì", "<unit> chủ trì những nhiệm vụ nào"
_ASKS_TASKS = re.compile(
    rf"^(?P<unit>(?P<agency>{_AGENCY}) (?:[a-z]+ ){{0,6}}?[a-z]+) "
    r"(?:duoc (?:[a-z0-9/-]+ ){0,8}?giao|co (?:nhung )?(?:nhiem vu|trach nhiem)"
    r"|(?:chu tri|phoi hop|thuc hien) (?:nhung|cac) (?:nhiem vu|viec|noi dung))"
    r"(?: (?:nhung|cac))? (?:nhiem vu|viec|noi dung|trach nhiem)? ?(?:gi|nao)\b"
)


def answer(ctx: Context) -> Answer | None:
    """The decline naming the unit and the plan; None unless the question asks the tasks of
    a unit the abbreviation list and the plans' rows do not know and the settled plan's
    text never names."""
    scope = ctx.scope
    if not scope.named or not scope.doc_ids or ctx.reading.units:
        return None
    asked = _ASKS_TASKS.match(ctx.query.folded)
    if asked is None:
        return None
    words = asked.group("unit").split()
    # the agency word and the first word of the name after it
    probe = " ".join(words[: len(asked.group("agency").split()) + 1])
    hits = ctx.search.hybrid(asked.group("unit"), scope.doc_ids, limit=25)
    name = _as_written(ctx.query.text, len(words)) or asked.group("unit")
    labels = ", ".join(ctx.label(d) for d in scope.doc_ids)
    if any(re.search(rf"\b{probe}\b", folded(h.clause.text)) for h in hits):
        return _only_in_other_roles(ctx, asked, probe, [h.clause for h in hits], name, labels)
    clauses = [h.clause for h in hits]
    return with_candidates(
        abstain(
            ctx.query,
            clauses[:3],
            ctx.documents,
            f"{labels} không giao nhiệm vụ nào cho {name} (văn bản không nêu tên đơn vị này).",
        ),
        clauses,
    )


def _as_written(question: str, n_words: int) -> str | None:
    """The question's first `n_words` words as typed, when they fold to plain words."""
    words = question.split()[:n_words]
    if len(words) < n_words or any(not re.fullmatch(r"[a-z]+", folded(w)) for w in words):
        return None
    return " ".join(words)


# the role a question asks a unit in ("<unit> chủ trì những nhiệm vụ nào"), as a row's cells
# name it
_ROLE_ASKED = {"chu tri": "lead", "phoi hop": "cooperating"}
_ROLE_SAID = {"lead": "chủ trì", "cooperating": "phối hợp"}


def _only_in_other_roles(
    ctx: Context,
    asked: re.Match[str],
    probe: str,
    clauses: list[StoredClause],
    name: str,
    labels: str,
) -> Answer | None:
    """ "Cục Kiểm soát ô nhiễm môi trường chủ trì những nhiệm vụ nào?" of a plan whose rows
    name that unit only among the units that cooperate: declined, saying so, with those rows
    as the closest. None when the question asks no role, or some duty names the unit in the
    role asked, or none names it at all."""
    role = next((r for w, r in _ROLE_ASKED.items() if f" {w} " in f" {asked.group(0)} "), None)
    if role is None:
        return None
    pattern = re.compile(rf"\b{probe}\b")
    # the duties (rows, and body duties read with their units) naming it
    naming = [c for c in clauses if c.target is not None and pattern.search(folded(c.text))]
    in_role = [
        c
        for c in naming
        if c.target is not None
        and any(pattern.search(folded(cell.text)) for cell in c.target.cells_for(role))
    ]
    if in_role or not naming:
        return None
    other = "phối hợp" if role == "lead" else "chủ trì hoặc phối hợp"
    return with_candidates(
        abstain(
            ctx.query,
            naming[:3],
            ctx.documents,
            f"{labels} không giao {name} {_ROLE_SAID[role]} nhiệm vụ nào; đơn vị này chỉ được "
            f"nêu ở vai trò khác ({other}) trong các dòng dưới đây.",
        ),
        naming,
    )
