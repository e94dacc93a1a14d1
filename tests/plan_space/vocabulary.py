"""Words officials write: bodies, places, units, tasks, targets, table headers and signers.

Bodies follow the header rules of Nghị định 30/2020/NĐ-CP (state) and Hướng dẫn 36-HD/VPTW
(Party); table headers are the synonyms found in real appendices.
"""

from __future__ import annotations

import random

from ingest.domain import Place
from tests.plan_space.spec import Issuer

PROVINCES = ("Quảng Thử", "Lào Cai", "Ninh Bình", "Gia Lai", "Tuyên Quang", "Đồng Tháp", "Hưng Yên")
COMMUNES = ("Xuân Trường", "Tân Lập", "Hòa An", "Phú Lương", "Yên Thịnh")
WARDS = ("Hồng Lĩnh", "Đông Sơn", "Thanh Miếu")
DISTRICTS = ("Kim Bảng", "Mỹ Đức", "Bảo Yên")
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng")
MIDDLES = ("Văn", "Thị", "Minh", "Đức", "Thanh", "Hữu")
GIVEN = ("An", "Bình", "Hùng", "Lan", "Phương", "Quân", "Tuấn", "Hà")

MINISTRIES = (
    ("BỘ KHOA HỌC VÀ CÔNG NGHỆ", "Bộ Khoa học và Công nghệ", "BKHCN"),
    ("BỘ TÀI CHÍNH", "Bộ Tài chính", "BTC"),
    ("BỘ NỘI VỤ", "Bộ Nội vụ", "BNV"),
)
DEPARTMENTS = (
    ("SỞ NỘI VỤ", "Sở Nội vụ", "SNV"),
    ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Sở Khoa học và Công nghệ", "SKHCN"),
    ("SỞ Y TẾ", "Sở Y tế", "SYT"),
)
STEERING = (
    "BAN CHỈ ĐẠO PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO VÀ CHUYỂN ĐỔI SỐ",
    "Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
)

UNITS = {
    "province": (
        "Sở Khoa học và Công nghệ",
        "Sở Tài chính",
        "Sở Nội vụ",
        "Sở Tư pháp",
        "Sở Y tế",
        "Sở Giáo dục và Đào tạo",
        "Sở Công Thương",
        "Sở Xây dựng",
        "Công an tỉnh",
        "Văn phòng UBND tỉnh",
        "Bộ Chỉ huy Quân sự tỉnh",
        "Đài Phát thanh và Truyền hình tỉnh",
    ),
    "commune": (
        "Công an xã",
        "Phòng Kinh tế",
        "Phòng Văn hóa - Xã hội",
        "Văn phòng HĐND và UBND xã",
        "Trung tâm Phục vụ hành chính công xã",
        "Ban Chỉ huy Quân sự xã",
    ),
    "central": (
        "Bộ Khoa học và Công nghệ",
        "Bộ Tài chính",
        "Bộ Công an",
        "Bộ Nội vụ",
        "Bộ Tư pháp",
        "Bộ Y tế",
        "Văn phòng Chính phủ",
        "Bộ Giáo dục và Đào tạo",
    ),
    "party": (
        "Ban Tổ chức Tỉnh ủy",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "Văn phòng Tỉnh ủy",
        "Ủy ban Kiểm tra Tỉnh ủy",
        "Đảng ủy UBND tỉnh",
        "Ban Nội chính Tỉnh ủy",
    ),
}

# the Party cells of a Party body's plan: "a) Tổ đảng ở Thường trực Ủy ban …" heads their tasks
PARTY_CELLS = (
    "Thường trực Hội đồng Dân tộc",
    "Thường trực Ủy ban Pháp luật và Tư pháp",
    "Thường trực Ủy ban Kinh tế và Tài chính",
    "Thường trực Ủy ban Khoa học, Công nghệ và Môi trường",
    "Thường trực Ủy ban Văn hóa và Xã hội",
    "Văn phòng Quốc hội",
)

TASKS = (
    "Xây dựng cơ sở dữ liệu đất đai và kết nối với cơ sở dữ liệu quốc gia",
    "Triển khai nền tảng họp trực tuyến đến cấp xã",
    "Rà soát, chuẩn hóa quy trình giải quyết thủ tục hành chính",
    "Tổ chức bồi dưỡng kỹ năng số cho cán bộ, công chức",
    "Nâng cấp Cổng dịch vụ công và hệ thống một cửa điện tử",
    "Tuyên truyền, phổ biến các nội dung của Kế hoạch đến người dân",
    "Bố trí kinh phí thực hiện các nhiệm vụ của Kế hoạch",
    "Xây dựng kho dữ liệu dùng chung phục vụ chỉ đạo, điều hành",
    "Kiểm tra, đánh giá an toàn thông tin các hệ thống thông tin",
    "Hướng dẫn các cơ quan, đơn vị triển khai chữ ký số",
    "Tổng hợp, báo cáo kết quả thực hiện Kế hoạch",
    "Phát triển mô hình thôn thông minh thí điểm",
)
PRODUCTS = (
    "Kế hoạch",
    "Báo cáo",
    "Hệ thống thông tin",
    "Cơ sở dữ liệu",
    "Quyết định",
    "Văn bản hướng dẫn",
)
DEADLINES = ("Quý IV/2026", "Tháng 6/2026", "Thường xuyên", "Năm 2027", "31/12/2026", "Hằng năm")
TARGETS = (
    ("Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến toàn trình", "%"),
    ("Tỷ lệ người dân trưởng thành có danh tính số", "%"),
    ("Số doanh nghiệp công nghệ số đang hoạt động", "Doanh nghiệp"),
    ("Tỷ lệ hộ gia đình có kết nối cáp quang băng rộng", "%"),
    ("Số người được bồi dưỡng kỹ năng số", "người"),
    ("Tỷ lệ dân số được phủ sóng 5G", "%"),
)
GROUPS = (
    "Về thể chế, chính sách",
    "Về hạ tầng số",
    "Về dữ liệu số",
    "Về nhân lực số",
    "Về an toàn thông tin",
)

HEADERS = {
    "number": ("STT", "TT", "Số TT"),
    "content": ("Nội dung nhiệm vụ", "Nhiệm vụ", "Tên nhiệm vụ", "Nội dung công việc", "Nội dung"),
    "indicator": ("Chỉ tiêu", "Nội dung chỉ tiêu", "Tên chỉ tiêu"),
    "lead": (
        "Cơ quan chủ trì",
        "Đơn vị chủ trì",
        "Cơ quan thực hiện",
        "Chủ trì",
        "Đơn vị thực hiện",
    ),
    "cooperating": (
        "Cơ quan phối hợp",
        "Đơn vị phối hợp",
        "Phối hợp",
        "Cơ quan phối hợp, tham vấn",
    ),
    "deadline": ("Thời gian hoàn thành", "Thời hạn", "Tiến độ", "Thời gian thực hiện", "Lộ trình"),
    "product": ("Sản phẩm", "Sản phẩm đầu ra", "Kết quả đầu ra"),
    "note": ("Ghi chú",),
    "measure_unit": ("Đơn vị tính", "ĐVT", "Đơn vị"),  # a bare "Đơn vị": the cells tell
}


def person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVEN)}"


def _state_local(rng: random.Random) -> Issuer:
    level, names = rng.choice(
        (("tỉnh", PROVINCES), ("xã", COMMUNES), ("phường", WARDS), ("huyện", DISTRICTS))
    )
    name = rng.choice(names)
    form = rng.random()
    caps = f"{level.upper()} {name.upper()}"
    lines = (f"ỦY BAN NHÂN DÂN {caps}",) if form < 0.45 else ("ỦY BAN NHÂN DÂN", caps)
    if form > 0.85:  # the box names no area: the date line and "UBND tỉnh" in the text do
        lines = ("ỦY BAN NHÂN DÂN",)
    return Issuer(
        lines=lines,
        name=f"Ủy ban nhân dân {level} {name}",
        code="UBND",
        party=False,
        date_place=name,
        place=Place(level, name),
        collective="TM. ỦY BAN NHÂN DÂN",
        head="CHỦ TỊCH",
        deputy="PHÓ CHỦ TỊCH",
        kinds=("Kế hoạch", "Chương trình", "Đề án"),
        level="province" if level == "tỉnh" else "commune",
    )


def _council(rng: random.Random) -> Issuer:
    name = rng.choice(PROVINCES)
    return Issuer(
        lines=("HỘI ĐỒNG NHÂN DÂN", f"TỈNH {name.upper()}"),
        name=f"Hội đồng nhân dân tỉnh {name}",
        code="HĐND",
        party=False,
        date_place=name,
        place=Place("tỉnh", name),
        collective=None,
        head="CHỦ TỊCH",
        deputy="PHÓ CHỦ TỊCH",
        kinds=("Nghị quyết",),
        level="province",
    )


def _government(rng: random.Random) -> Issuer:
    if rng.random() < 0.5:
        return Issuer(
            ("CHÍNH PHỦ",), "Chính phủ", "CP", False, "Hà Nội", None, "TM. CHÍNH PHỦ",
            "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", ("Nghị quyết",), "central",
        )  # fmt: skip
    return Issuer(
        ("THỦ TƯỚNG CHÍNH PHỦ",), "Thủ tướng Chính phủ", "TTg", False, "Hà Nội", None, None,
        "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", ("Chỉ thị", "Chương trình"), "central",
    )  # fmt: skip


def _ministry(rng: random.Random) -> Issuer:
    caps, name, code = rng.choice(MINISTRIES)
    return Issuer(
        (caps,), name, code, False, "Hà Nội", None, None, "BỘ TRƯỞNG", "THỨ TRƯỞNG",
        ("Kế hoạch", "Chương trình"), "central",
    )  # fmt: skip


def _department(rng: random.Random) -> Issuer:
    province = rng.choice(PROVINCES)
    caps, name, code = rng.choice(DEPARTMENTS)
    parent = rng.choice(
        (f"UBND TỈNH {province.upper()}", f"ỦY BAN NHÂN DÂN TỈNH {province.upper()}")
    )
    return Issuer(
        (parent, caps), f"{name} tỉnh {province}", code, False, province, Place("tỉnh", province),
        None, "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", ("Kế hoạch",), "province",
    )  # fmt: skip


def _government_office(rng: random.Random) -> Issuer:
    return Issuer(
        ("VĂN PHÒNG CHÍNH PHỦ",), "Văn phòng Chính phủ", "VPCP", False, "Hà Nội", None, None,
        "BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", ("Kế hoạch",), "central",
    )  # fmt: skip


def _provincial_committee(rng: random.Random) -> Issuer:
    province = rng.choice(PROVINCES)
    return Issuer(
        (f"TỈNH ỦY {province.upper()}",), f"Tỉnh ủy {province}", "TU", True, province,
        Place("tỉnh", province), "T/M BAN THƯỜNG VỤ", "BÍ THƯ", "PHÓ BÍ THƯ",
        ("Kế hoạch", "Chương trình", "Nghị quyết"), "party",
    )  # fmt: skip


def _party_committee(rng: random.Random) -> Issuer:
    province = rng.choice(PROVINCES)
    commune = rng.choice(COMMUNES)
    return Issuer(
        (f"ĐẢNG BỘ TỈNH {province.upper()}", f"ĐẢNG ỦY XÃ {commune.upper()}"),
        f"Đảng ủy xã {commune}", "ĐU", True, commune, Place("xã", commune),
        "T/M ĐẢNG ỦY", "BÍ THƯ", "PHÓ BÍ THƯ", ("Kế hoạch", "Nghị quyết"), "commune",
    )  # fmt: skip


def _party_group(rng: random.Random) -> Issuer:
    return Issuer(
        ("ĐẢNG BỘ QUỐC HỘI", "ĐẢNG ĐOÀN QUỐC HỘI"), "Đảng đoàn Quốc hội", "ĐĐQH15", True,
        "Hà Nội", None, "T/M ĐẢNG ĐOÀN", "BÍ THƯ", "PHÓ BÍ THƯ", ("Kế hoạch",), "central",
    )  # fmt: skip


def _steering(rng: random.Random) -> Issuer:
    province = rng.choice(PROVINCES)
    caps, name = STEERING
    return Issuer(
        (f"TỈNH ỦY {province.upper()}", caps), f"{name} tỉnh {province}", "BCĐ", True, province,
        Place("tỉnh", province), "T/M BAN CHỈ ĐẠO", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN",
        ("Kế hoạch", "Chương trình"), "province",
    )  # fmt: skip


ISSUER_KINDS = {
    "ubnd": _state_local,
    "hdnd": _council,
    "chinh_phu": _government,
    "bo": _ministry,
    "so": _department,
    "van_phong": _government_office,
    "tinh_uy": _provincial_committee,
    "dang_uy": _party_committee,
    "dang_doan": _party_group,
    "ban_chi_dao": _steering,
}
