"""The fixed Vietnamese replies both bots send (plain text; each transport escapes it)."""

from __future__ import annotations

import math

EXAMPLE_QUESTIONS = (
    "Sở nào chủ trì chỉ tiêu 6.6?",
    "VP UBND tỉnh theo dõi những chỉ tiêu nào?",
    "Kế hoạch 466 do ai ký?",
    "Những nhiệm vụ nào phải hoàn thành trong tháng 10/2025?",
)

GREETING = (
    "Xin chào! Tôi trả lời câu hỏi về các kế hoạch của cơ quan nhà nước đã nạp "
    "(chuyển đổi số, chính quyền số…), mỗi ý đều kèm trích dẫn nguyên văn điều khoản.\n"
    "Có thể gõ không dấu hoặc viết tắt (VP UBND, Sở KHCN, TTHC). Ví dụ:\n"
    + "\n".join(f"• {q}" for q in EXAMPLE_QUESTIONS)
    + "\nSau mỗi câu trả lời có thể hỏi tiếp, ví dụ: “còn thời hạn thì sao?”"
)

TELEGRAM_HELP = (
    "Cách dùng:\n"
    "• Gửi câu hỏi bằng tiếng Việt (có dấu hoặc không dấu).\n"
    "• /chitieu <số> [văn bản] — tra đúng chỉ tiêu/nhiệm vụ theo số, ví dụ /chitieu 6.6 hoặc "
    "/chitieu 6.6 19/KH-UBND\n"
    "• /tailieu — các kế hoạch đã nạp và mã văn bản\n"
    "• /phamvi <phạm vi> — chỉ hỏi trong các kế hoạch của một địa bàn, cấp, cơ quan hoặc năm, "
    "ví dụ /phamvi xã Văn Bàn, /phamvi cấp xã, 2026; /phamvi tất cả để bỏ\n"
    "• /start — lời chào và câu hỏi mẫu\n"
    "Nút “Nguyên văn [n]” gửi toàn văn điều khoản được trích dẫn; nút “Văn bản” gửi thông tin "
    "kế hoạch (số hiệu, ngày, cơ quan ban hành, người ký)."
)

ZALO_HELP = (
    "Gửi câu hỏi bằng tiếng Việt. Gõ /tailieu để xem các kế hoạch đã nạp, "
    "/chitieu 6.6 để tra đúng chỉ tiêu theo số (thêm số hiệu văn bản nếu cần), "
    "/phamvi xã Văn Bàn để chỉ hỏi trong kế hoạch của một địa bàn (/phamvi tất cả để bỏ)."
)

CLAUSE_USAGE = "Hãy ghi số chỉ tiêu, ví dụ: /chitieu 6.6 hoặc /chitieu 6.6 19/KH-UBND"
NO_DOCUMENTS = "Chưa có kế hoạch nào được nạp."
DOCUMENTS_HEADING = "Các kế hoạch đã nạp"
CITATIONS_HEADING = "Trích dẫn"
MORE_ROWS_TELEGRAM = "bấm nút bên dưới"
SCOPE_NONE = (
    "Chưa đặt phạm vi: câu hỏi được tìm trong mọi kế hoạch đã nạp. Đặt phạm vi bằng "
    "/phamvi <địa bàn, cấp, cơ quan hoặc năm>, ví dụ /phamvi xã Văn Bàn hoặc /phamvi cấp xã, 2026."
)
NARROW_HEADING = "Thu hẹp theo"
FAILURE = "Xin lỗi, đã có lỗi khi xử lý yêu cầu. Anh/chị vui lòng thử lại sau ít phút."
BUTTON_EXPIRED = "Nút này đã hết hạn. Anh/chị vui lòng hỏi lại để xem trích dẫn."
DOCUMENT_GONE = "Văn bản này không còn trong danh sách đã nạp."
TEXT_ONLY = "Hiện tôi chỉ đọc được tin nhắn văn bản. Anh/chị vui lòng gõ câu hỏi."


def not_allowed(chat_id: int | str) -> str:
    """The reply to a chat that is not on the allow-list (with the id to give the admin)."""
    return (
        "Xin lỗi, tài khoản này chưa được cấp quyền dùng trợ lý. "
        f"Anh/chị vui lòng liên hệ quản trị viên và gửi mã: {chat_id}"
    )


def scope_set(scope: str) -> str:
    """The reply to /phamvi: the scope now in force."""
    return (
        f"Phạm vi: {scope}. Các câu hỏi tiếp theo chỉ tìm trong kế hoạch thuộc phạm vi này "
        "(trừ khi câu hỏi nêu kế hoạch khác). Gõ /phamvi tất cả để bỏ."
    )


def scope_default(scope: str) -> str:
    """The reply to /phamvi when only the deployment's scope is in force."""
    return f"Phạm vi mặc định: {scope}. Đổi bằng /phamvi <phạm vi>, ví dụ /phamvi cấp xã."


def scope_cleared(default: str | None) -> str:
    """The reply to /phamvi tất cả."""
    if default:
        return f"Đã bỏ phạm vi riêng; dùng phạm vi mặc định: {default}."
    return "Đã bỏ phạm vi: câu hỏi được tìm trong mọi kế hoạch đã nạp."


def rate_limited(wait_seconds: float) -> str:
    """The reply when a chat asks faster than the per-chat limit allows."""
    seconds = max(1, math.ceil(wait_seconds))
    return (
        "Anh/chị đang gửi câu hỏi hơi nhanh. "
        f"Vui lòng đợi khoảng {seconds} giây rồi hỏi tiếp. Xin cảm ơn!"
    )


def more_rows_zalo(page: int, batch: int) -> str:
    """What to type for more rows of a long list in Zalo (no buttons, no files)."""
    return f"gõ “xem tiếp” để nhận {page} dòng tiếp theo, “xem tất cả” để nhận {batch} dòng mỗi lần"
