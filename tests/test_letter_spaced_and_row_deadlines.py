"""Answers over the third real set's shapes (issue 12): a signer a web copy letter-spaced
("Ngu y ễn Hữu Tín") is still quoted from the text, and a body duty's deadline carried from
the paragraph under the task ("Thời gian hoàn tất: trước ngày 25 tháng 7 năm 2014.") counts
as a time the cited clause states."""

from __future__ import annotations

from dataclasses import replace

from ingest.domain import Target
from ingest.parser.deadlines import parse_deadline
from retrieval import confidence
from retrieval.compose import _find_in_clauses
from retrieval.constraints import read_question
from retrieval.query import understand
from tests.test_confidence import _clause


def test_a_letter_spaced_signer_is_found_and_quoted_verbatim() -> None:
    text = "| Nơi nhận: - Như Điều 3. | KT. CHỦ TỊ CH P HÓ CHỦ T Ị CH Ngu y ễn Hữu Tín |"
    found = _find_in_clauses("Nguyễn Hữu Tín", [_clause(text, kind="signature")])
    assert found is not None
    clause, quote = found
    assert quote == "Ngu y ễn Hữu Tín" and quote in clause.text


def test_letter_spacing_never_joins_two_words() -> None:
    assert _find_in_clauses("Nguyễn Hữu Tín", [_clause("Ngu y ễn Hữu Tínhọc")]) is None
    assert _find_in_clauses("Nguyễn Hữu", [_clause("Nguyễn Hữu Tín")]) is not None


def _duty(text: str, deadline: str | None) -> Target:
    return Target(
        clause_id="c",
        document_id="d",
        number=None,
        content=text,
        lead_units=("Ban Chỉ đạo",),
        deadline=parse_deadline(deadline) if deadline else None,
        source="body",
    )


def test_a_body_rows_deadline_is_a_time_the_cited_clause_states() -> None:
    text = "Ban Chỉ đạo tổ chức kiểm tra hiện trạng nhà ở của từng đối tượng."
    reading = read_question(understand("Kiểm tra hiện trạng nhà ở phải xong trước ngày nào?"))
    bare = _clause(text, kind="paragraph")
    assert confidence.unmet_checks(reading, [bare], False) == ("time",)
    dated = replace(bare, target=_duty(text, "trước ngày 25 tháng 7 năm 2014"))
    assert confidence.unmet_checks(reading, [dated], False) == ()
    undated = replace(bare, target=_duty(text, None))
    assert confidence.unmet_checks(reading, [undated], False) == ("time",)


def test_effect_on_signing_and_on_request_are_times_stated() -> None:
    reading = read_question(understand("Quyết định này có hiệu lực từ khi nào?"))
    signed = _clause("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.", kind="paragraph")
    assert confidence.unmet_checks(reading, [signed], False) == ()
    asked = read_question(understand("Việc rà soát danh mục làm khi nào?"))
    on_request = _clause("Tổ chức rà soát, đề xuất sửa đổi danh mục (khi có yêu cầu).")
    assert confidence.unmet_checks(asked, [on_request], False) == ()
