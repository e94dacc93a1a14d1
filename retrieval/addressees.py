"""The doer a letter leaves unsaid: its addressees.

A công văn addressed "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"
then lists what it asks of them as "a) Chỉ đạo …", "b) Phối hợp với Bộ Tài chính …" — duties
whose subject is the addressee, never written (NĐ 30/2020/NĐ-CP, Phụ lục I, mục 5b). A
question naming that unit ("UBND tỉnh phải làm gì …?") is about those duties; a cited
duty that names its own doer is not one of them."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from retrieval.recipients import addressees_in
from retrieval.stored import StoredClause

# the id the parser gives a document's opening text (`ingest.parser.plan`): "<doc>:pre"
_PREAMBLE = "pre"


def unsaid_doers(
    cited: Sequence[StoredClause], by_ids: Callable[[list[str]], list[StoredClause]]
) -> list[str]:
    """The addressees of the letters whose cited duties name no doer of their own (no row,
    or a row with no lead unit), as the "Kính gửi:" line writes them; `by_ids` reads the
    letters' opening text (one read for the cited documents, never a scan)."""
    documents = list(dict.fromkeys(c.document_id for c in cited if _names_no_doer(c)))
    if not documents:
        return []
    names: list[str] = []
    for opening in by_ids([f"{d}:{_PREAMBLE}" for d in documents]):
        names.extend(n for n in addressees_in(opening.text) if n not in names)
    return names


def _names_no_doer(clause: StoredClause) -> bool:
    """Whether a cited body clause leaves its doer unsaid: no responsibility row, or a row
    without a lead unit."""
    if clause.kind in ("preamble", "signature"):
        return False
    return clause.target is None or not clause.target.lead_units
