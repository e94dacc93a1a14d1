"""The sentence a long clause is quoted by: whole words of the question, its word pairs, and
a time shared by the ";"-joined parts of one sentence (targets and yearly deadlines written
inside prose, as in a Party đề án copied from a PDF)."""

from __future__ import annotations

from ingest.dates import states_own_time
from ingest.normalize_vi import folded
from retrieval.citations import body_quote
from retrieval.query import understand
from retrieval.stored import StoredClause
from tests.stored_clauses import stored_clause


def _clause(text: str) -> StoredClause:
    return stored_clause(
        text,
        clause_id="II/2.4/b1",
        document_id="de-an",
        document_title="Đề án bảo vệ môi trường",
        document_number=None,
        kind="bullet",
        path="2.4",
        search_text=folded(text),
    )


_TARGETS = _clause(
    "- Hoàn thành xây dựng cơ sở dữ liệu về môi trường; 95% chất thải nguy hại được thu gom, "
    "xử lý; 100% chất thải y tế được thu gom, xử lý; 90% chất thải rắn sinh hoạt được thu "
    "gom, xử lý đảm bảo tiêu chuẩn, quy chuẩn; 100% các khu công nghiệp có hệ thống xử lý "
    "nước thải tập trung đạt tiêu chuẩn môi trường; 98% các cơ sở sản xuất kinh doanh đạt quy "
    "chuẩn về môi trường; tỷ lệ xử lý và tái sử dụng nước thải ra môi trường lưu vực các sông "
    "đạt khoảng 25%; năm 2030 dưới 10% chất thải rắn sinh hoạt đô thị được xử lý bằng công "
    "nghệ chôn lấp trực tiếp trên tổng lượng chất thải được thu gom."
)


def test_the_target_named_by_the_question_is_quoted_not_one_sharing_its_year() -> None:
    query = understand(
        "Den nam 2030 bao nhieu % chat thai nguy hai phai duoc thu gom, xu ly theo de an?"
    )
    quote = body_quote(_TARGETS, query.keywords)
    assert quote.startswith("95% chất thải nguy hại được thu gom, xử lý;")


def test_a_part_after_a_semicolon_shares_the_time_its_sentence_states() -> None:
    clause = _clause(
        "Rà soát, phân loại, đánh giá hiệu quả sử dụng tài sản công để khai thác, thu hút đầu "
        "tư theo đúng quy định pháp luật. Hết năm 2026 hoàn thành lập quy hoạch sử dụng đất, "
        "kế hoạch sử dụng đất các cấp; đo đạc, lập bản đồ địa chính đối với 27 xã chưa được "
        "đo đạc bản đồ địa chính. Năm 2027 hoàn thành đo đạc lại đối với diện tích đất lâm "
        "nghiệp của các hộ gia đình cá nhân gắn với xây dựng cơ sở dữ liệu. Năm 2028 hoàn thành "
        "việc xây dựng, cập nhật cơ sở dữ liệu nền địa lý quốc gia và thành lập bản đồ địa "
        "hình quốc gia trên đất liền thuộc phạm vi hành chính tỉnh."
    )
    query = understand("Khi nao phai xong do dac, lap ban do dia chinh cho 27 xa chua duoc do dac?")
    quote = body_quote(clause, query.keywords, prefer=states_own_time)
    assert quote.startswith("Hết năm 2026 hoàn thành")
    assert quote.endswith("đối với 27 xã chưa được đo đạc bản đồ địa chính.")
    assert quote in clause.text


def test_a_part_sharing_its_sentences_time_keeps_the_parts_after_it() -> None:
    clause = _clause(
        "- Các Báo cáo của Ủy ban nhân dân tỉnh về phát triển kinh tế - xã hội; thực hiện "
        "ngân sách nhà nước, quyết toán ngân sách nhà nước của địa phương; kết quả thực hiện "
        "các chương trình mục tiêu quốc gia về giảm nghèo bền vững và xây dựng nông thôn mới "
        "trên địa bàn các huyện, thành phố; công tác phòng, chống tham nhũng; thực hành "
        "tiết kiệm, chống lãng phí năm 2017; công tác phòng, chống tội phạm; tình hình quản lý, "
        "khai thác khoáng sản làm vật liệu thông thường; việc quản lý, sử dụng Quỹ Bảo hiểm xã "
        "hội tỉnh;"
    )
    query = understand("UBND tinh bao cao tinh hinh quan ly khai thac khoang san nao va quy nao?")
    quote = body_quote(clause, query.keywords, prefer=states_own_time)
    assert quote.startswith("thực hành tiết kiệm")
    assert quote.endswith("Quỹ Bảo hiểm xã hội tỉnh;")


_PROJECT = _clause(
    "+ Dự án Đường trục chính cụm công nghiệp Đồng Lạc, huyện Tân Yên, tỉnh An Phú với quy "
    "mô 3,4km; tổng mức đầu tư 190 tỷ (đã được phê duyệt tại Quyết định số 712/QĐ-UBND ngày "
    "05/5/2024 của UBND tỉnh An Phú; hiện đang triển khai); Hiện nay đang điều chỉnh chủ "
    "trương đầu tư dự án tăng tổng mức đầu tư lên thành 236 tỷ đồng (tăng 46 tỷ) tại Tờ "
    "trình số 88/TTr-SXD ngày 20/02/2026 của Sở Xây dựng tỉnh An Phú về việc điều chỉnh."
)


def test_a_dated_part_saying_more_of_the_question_stays_in_the_quote() -> None:
    # "tổng mức đầu tư" is asked: the part stating it goes on though it cites a dated decision
    query = understand(
        "Đường trục chính cụm công nghiệp Đồng Lạc dài bao nhiêu km, tổng mức đầu tư bao nhiêu?"
    )
    quote = body_quote(_PROJECT, query.keywords)
    assert "3,4km" in quote and "190 tỷ" in quote
    # a question asking only the length: the dated part adds none of its words
    only = body_quote(_PROJECT, understand("Đường trục chính Đồng Lạc dài bao nhiêu km?").keywords)
    assert "3,4km" in only and "190 tỷ" not in only
