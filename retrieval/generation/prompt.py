"""The Vietnamese prompt: answer from the numbered clauses only, cite every sentence."""

from __future__ import annotations

from dataclasses import dataclass

from retrieval.answers import Answer, Citation

# A clause can be a whole section; the start carries what the answer quotes, and the
# verifier still checks numbers against the full text.
MAX_CLAUSE_CHARS = 4000

SYSTEM_PROMPT = """\
Bạn là trợ lý trả lời câu hỏi về các kế hoạch của cơ quan nhà nước.
Chỉ được dùng các điều khoản được đánh số [n] trong tin nhắn của người dùng; \
không dùng bất kỳ kiến thức nào khác.

Quy tắc:
1. Dòng đầu tiên trả lời thẳng vào câu hỏi; các dòng sau nêu chi tiết khi cần.
2. Mọi câu đều phải kết thúc bằng số [n] của điều khoản chứa thông tin đó, đặt trước \
dấu chấm, ví dụ: "Sở Khoa học và Công nghệ chủ trì thực hiện [1]." Chỉ dùng các số [n] \
có trong danh sách điều khoản.
3. Không thêm sự kiện, con số, tỉ lệ, ngày tháng hay đơn vị nào không có trong điều khoản \
được trích; giữ nguyên các con số đúng như trong điều khoản.
4. Nếu các điều khoản không nêu điều được hỏi, viết "Các kế hoạch không nêu …" và không \
đoán.
5. Viết tiếng Việt, ngắn gọn, văn bản thuần (không bảng, không tiêu đề)."""


@dataclass(frozen=True)
class Prompt:
    """A chat prompt as plain strings (no vendor types)."""

    system: str
    user: str


def build_prompt(question: str, answer: Answer) -> Prompt:
    """The prompt for rephrasing `answer` to `question` from its cited clauses."""
    clauses = "\n\n".join(_clause_block(citation) for citation in answer.citations)
    user = (
        f"Câu hỏi: {question.strip()}\n\n"
        f"Các điều khoản:\n{clauses}\n\n"
        "Câu trả lời trích xuất đã kiểm chứng (cho biết nội dung cần nêu):\n"
        f"{answer.answer.strip()}\n\n"
        "Hãy viết lại câu trả lời cho tự nhiên, đúng các quy tắc trên."
    )
    return Prompt(SYSTEM_PROMPT, user)


def _clause_block(citation: Citation) -> str:
    document = citation.document_title
    if citation.document_number and citation.document_number not in document:
        document = f"{document} ({citation.document_number})"
    text = citation.text.strip()
    if len(text) > MAX_CLAUSE_CHARS:
        text = text[:MAX_CLAUSE_CHARS].rstrip() + " …"
    return f"[{citation.n}] {document} — {citation.path}\n{text}"
