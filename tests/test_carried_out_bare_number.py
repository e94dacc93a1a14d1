"""A plan named by what it carries out, its kind and bare number ("KH triển khai Chỉ thị
11", "KH trien khai CT 11", "kế hoạch thực hiện NĐ 178"), as its title cites it with the full
số hiệu ("Chỉ thị số 11-CT/TU", "Nghị định số 178/2026/NĐ-CP")."""

from __future__ import annotations

from retrieval.documents import DocumentDirectory, DocumentInfo, implemented_numbers
from retrieval.query import understand


def _info(doc_id: str, title: str, number: str) -> DocumentInfo:
    return DocumentInfo.from_plain(
        {
            "id": doc_id,
            "title": title,
            "number": number,
            "issued_date": "2026-03-01",
            "kind": "Kế hoạch",
            "place": {"level": "tỉnh", "name": "Lào Cai"},
        }
    )


def _directory() -> DocumentDirectory:
    return DocumentDirectory(
        {
            "ks": _info(
                "ks",
                "Triển khai thực hiện Chỉ thị số 11-CT/TU ngày 04/01/2026 của Ban Thường vụ "
                "Tỉnh ủy về công tác quản lý nhà nước về khoáng sản",
                "",  # number left blank in the issued copy
            ),
            "ts": _info(
                "ts",
                "Kế hoạch triển khai thực hiện Nghị định số 178/2026/NĐ-CP về tài sản kết cấu "
                "hạ tầng",
                "45/KH-UBND",
            ),
            "ds": _info("ds", "Kế hoạch công tác dân số năm 2026", "165/KH-UBND"),
        }
    )


def test_a_kind_and_bare_number_after_the_verb_is_what_a_plan_carries_out() -> None:
    assert implemented_numbers(" kh trien khai chi thi 11 ubnd cac xa ") == ["11-ct"]
    assert implemented_numbers(" theo kh trien khai ct 11 nam 2026 ") == ["11-ct"]
    assert implemented_numbers(" kh thuc hien chi thi 14-ct/tw ") == ["14-ct/tw"]
    # a number with a symbol is read once, as written
    assert implemented_numbers(" thuc hien nghi quyet so 57-nq/tw ") == ["57-nq/tw"]


def test_the_plan_carrying_it_out_is_named() -> None:
    directory = _directory()
    for question in (
        "Trong phụ lục KH triển khai Chỉ thị 11, UBND các xã, phường chủ trì những nhiệm vụ nào?",
        "Sở GD&ĐT có nhiệm vụ gì trong kế hoạch triển khai Chỉ thị 11 về quản lý khoáng sản?",
        "Theo KH triển khai CT 11, năm 2026 Lào Cai đấu giá những mỏ nào?",
    ):
        assert directory.resolve(understand(question).folded) == ["ks"], question
    # the decree's year stands between its figures and its kind in the title
    named = understand("Kế hoạch thực hiện NĐ 178 giao Sở nào chủ trì?")
    assert directory.resolve(named.folded) == ["ts"]


def test_another_number_of_that_kind_names_no_plan() -> None:
    directory = _directory()
    assert directory.resolve(understand("Kế hoạch triển khai Chỉ thị 12 giao gì?").folded) == []


def test_a_plan_named_by_number_beside_it_stays() -> None:
    """ "KH triển khai Chỉ thị 11 và CV 7103 … có cùng người ký không?": the plan carrying the
    unloaded Chỉ thị out and the letter named by its own number are both asked."""
    from retrieval.scope import settle_scope

    directory = DocumentDirectory(
        {
            **{d: i for d, i in _directory().documents.items() if d != "ts"},
            "cv": DocumentInfo.from_plain(
                {
                    "id": "cv",
                    "title": "V/v triển khai thực hiện Nghị định số 178/2026/NĐ-CP",
                    "number": "7103/UBND-TH",
                    "issued_date": "2026-07-10",
                    "kind": "Công văn",
                    "place": {"level": "tỉnh", "name": "Lào Cai"},
                }
            ),
        }
    )
    query = understand(
        "KH triển khai Chỉ thị 11 về khoáng sản và CV 7103 về tài sản kết cấu hạ tầng có "
        "cùng một người ký không?"
    )
    scope = settle_scope(query, None, None, directory, lambda q, named: [])
    assert sorted(scope.doc_ids) == ["cv", "ks"]


def test_a_letter_the_question_reads_from_is_not_its_subject() -> None:
    """ "Theo CV 7103, Nghị định 178/2026/NĐ-CP quy định về vấn đề gì?": the decree is asked,
    the letter (now read as a document by its short form) is where it is read from."""
    from retrieval.cited_documents import cited_refs
    from retrieval.strategies.cited_document import _subject

    question = understand("Theo CV 7103, Nghị định 178/2026/NĐ-CP quy định về vấn đề gì?").folded
    subject = _subject(question, cited_refs(question))
    assert subject is not None and subject.number == "178"


def test_a_loaded_document_named_by_kind_and_bare_number_is_itself_asked() -> None:
    """ "… báo cáo tiến độ thực hiện Nghị quyết 34 …" with NQ 34-NQ/TU loaded asks the
    resolution, not the plan whose title carries it out."""
    resolution = DocumentInfo.from_plain(
        {
            "id": "nq34",
            "title": "Nghị quyết về phát triển các khu, cụm công nghiệp",
            "number": "34-NQ/TU",
            "issued_date": "2025-12-27",
            "kind": "Nghị quyết",
            "place": {"level": "tỉnh", "name": "Lào Cai"},
        }
    )
    plan = _info(
        "kh134", "Kế hoạch thực hiện Nghị quyết số 34-NQ/TU của Tỉnh ủy Lào Cai", "134/KH-UBND"
    )
    directory = DocumentDirectory({"nq34": resolution, "kh134": plan})
    question = "Đảng ủy UBND tỉnh báo cáo tiến độ thực hiện Nghị quyết 34 định kỳ vào lúc nào?"
    assert directory.resolve(understand(question).folded) == ["nq34"]
    # the plan is still named as carrying out a document that is not loaded
    alone = DocumentDirectory({"kh134": plan})
    assert alone.resolve(understand(question).folded) == ["kh134"]


def test_a_programme_is_read_by_its_kind_and_bare_number_too() -> None:
    assert implemented_numbers(" kh thuc hien ctr 104 cua ubnd tinh ") == ["104-ctr"]
    assert implemented_numbers(" trien khai chuong trinh hanh dong so 104 ") == ["104-ctr"]


def test_a_loaded_programme_named_by_kind_and_bare_number_is_itself_asked() -> None:
    """ "… thực hiện CTr 104 …" with CTr 104-CTr/TU loaded names the programme, as a loaded
    NQ 34 is named by "thực hiện Nghị quyết 34"."""
    programme = DocumentInfo.from_plain(
        {
            "id": "ctr104",
            "title": "Chương trình hành động thực hiện Kết luận số 75-KL/TW về bảo vệ môi trường",
            "number": "104-CTr/TU",
            "issued_date": "2026-08-30",
            "kind": "Chương trình",
            "place": {"level": "tỉnh", "name": "Lào Cai"},
        }
    )
    directory = DocumentDirectory({"ctr104": programme})
    assert implemented_numbers(" bao cao tien do thuc hien ctr 104 ", directory._loaded_bare) == []
