"""The words that phrase what a question asks for, or where to look, not what it is about.

"Tỷ số giới tính khi sinh phải giữ dưới mức nào?" asks a figure with "phải giữ dưới mức
nào"; "… diễn ra trong khoảng thời gian nào?" asks a time; "… được giao việc gì?" a task.
A plan states the figure, the time or the task ("dưới 109", "Từ 01/8/2022 đến 30/8/2022",
"tham mưu bố trí ngân sách"), never the question's wording of the ask,
so these words are no topic a clause must cover. A word that the question also uses outside
such a phrase stays a topic word. Likewise the words naming a loaded plan by number ("KH 88",
"Kế hoạch số 19"): they pick the plan, a clause need not repeat them."""

from __future__ import annotations

import re
from collections.abc import Callable

from retrieval.constraints import DocumentRef, documents_named

# a figure asked: "(phải) giữ dưới mức nào", "vượt ngưỡng … khoảng bao nhiêu", "ở mức bao nhiêu"
_FIGURE_ASKED = re.compile(
    r"\b(?:(?:phai|can|se|duoc)\s+)?(?:(?:giu|duy tri|kiem soat|dat|o|la)\s+)*"
    r"(?:(?:duoi|tren|toi thieu|toi da|khoang|it nhat|nhieu nhat|xap xi|o)\s+)?"
    r"(?:(?:muc|nguong|con so|gia tri)\s+(?:nao|bao nhieu)|bao nhieu)\b"
)
# a time asked: "diễn ra trong khoảng thời gian nào", "diễn ra khi nào", "vào thời điểm nào"
_TIME_ASKED = re.compile(
    r"\b(?:(?:dien ra|keo dai|tien hanh)\s+)?(?:(?:trong|vao)\s+)?(?:khoang\s+)?"
    r"(?:thoi gian|thoi diem|giai doan)\s+nao\b"
    r"|\bdien ra\s+(?=(?:khi|luc|vao|trong|tu)\b)"
    # "(phải báo cáo) lúc nào": "lúc" asks the time; "nguồn lực nào", "năng lực nào" ask
    # for a "lực", folded the same
    r"|(?<!\bnguon )(?<!\bnang )(?<!\bhieu )(?<!\bnhan )(?<!\btiem )(?<!\bdong )"
    r"(?<!\bap )(?<!\bsuc )(?<!\bvat )(?<!\bquyen )\bluc nao\b"
)
# the task asked: "được giao việc gì", "phải làm những việc gì", "có công việc nào"
_TASK_ASKED = re.compile(
    r"\b(?:(?:giao|lam|co|thuc hien)\s+)?(?:(?:nhung|cac)\s+)?(?:cong\s+)?viec\s+(?:gi|nao)\b"
)
# where to look: "theo danh sách kèm (theo) Nghị quyết 60" (the list a plan attaches); "được
# KH 134 viện dẫn ở phần xử lý nước thải" (the plan's citing, and the part it is in: a clause
# cites a law without saying it cites it)
_WHERE_ASKED = re.compile(
    r"\b(?:theo\s+)?danh sach\s+(?:di\s+)?kem(?:\s+theo)?\b"
    r"|\b(?:vien dan|trich dan|dan chieu)\b(?:\s+(?:o|tai|trong)\s+phan\b)?"
)
_ASKED = (_FIGURE_ASKED, _TIME_ASKED, _TASK_ASKED, _WHERE_ASKED)


def asking_words(
    question_folded: str, is_loaded: Callable[[DocumentRef], bool] = lambda ref: True
) -> set[str]:
    """Words of the question that only phrase the figure or the time it asks for, or name
    a loaded plan by its number (`is_loaded`: a document not loaded, "QĐ 06/QĐ-TTg … đặt
    mục tiêu gì?", is what the question is about, its words a topic to cover)."""
    spans = [m.span() for pattern in _ASKED for m in pattern.finditer(question_folded)]
    spans += [
        (ref.span.start, ref.span.end) for ref in documents_named(question_folded) if is_loaded(ref)
    ]
    if not spans:
        return set()
    inside: set[str] = set()
    outside = list(question_folded)
    for start, end in spans:
        inside.update(question_folded[start:end].split())
        outside[start:end] = " " * (end - start)
    return inside - set("".join(outside).split())
