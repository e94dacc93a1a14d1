"""Reading a scope as people write it, and matching plans to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.documents import DocumentInfo
from retrieval.plan_scope import PlanScope, ScopeError, level_in_question, parse_scope


def _plan(level: str, name: str | None, title: str = "Kế hoạch năm 2026") -> DocumentInfo:
    return DocumentInfo.from_plain(
        {"id": "p", "title": title, "issuer": f"Ủy ban nhân dân {level} {name}",
         "place": {"level": level, "name": name}}
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tỉnh Ninh Bình, 2025", PlanScope("Ninh Bình", "tỉnh", year=2025)),
        ("cap xa", PlanScope(level="xã")),
        ("xa cong hai", PlanScope("Công Hải", "xã")),
        ("nam=2026; cap=tinh", PlanScope(level="tỉnh", year=2026)),
        ("dia_ban=phuong van mieu - quoc tu giam", PlanScope("Văn Miếu - Quốc Tử Giám", "phường")),
        ("co_quan=Sở Y tế", PlanScope(issuer="Sở Y tế")),
        ("tất cả", PlanScope()),
        ("", PlanScope()),
    ],
)
def test_scopes_are_read_with_or_without_diacritics(text: str, expected: PlanScope) -> None:
    assert parse_scope(text) == expected


def test_a_name_several_places_spell_differently_is_kept_as_typed() -> None:
    # "van ban" is Văn Bàn (Lào Cai) and Vân Bán (Phú Thọ): both match, accents aside
    scope = parse_scope("xa van ban")
    assert scope.place == "van ban"
    assert scope.matches(_plan("xã", "Văn Bàn")) and scope.matches(_plan("xã", "Vân Bán"))
    assert not scope.matches(_plan("xã", "Văn Lang"))


def test_bad_scopes_say_why_in_vietnamese() -> None:
    with pytest.raises(ScopeError, match="cấp tỉnh, cấp huyện hoặc cấp xã"):
        parse_scope("cap thon")
    with pytest.raises(ScopeError, match="dia_ban"):
        parse_scope("vung=Tây Bắc")


def test_level_groups_match_their_levels() -> None:
    commune = parse_scope("cấp xã")
    assert commune.matches(_plan("phường", "Chi Lăng")) and commune.matches(_plan("xã", "Tân Lập"))
    assert not commune.matches(_plan("tỉnh", "Lào Cai"))
    city = parse_scope("tinh can tho")
    assert city.matches(_plan("thành phố", "Cần Thơ"))  # a city governs a province
    assert parse_scope("nam 2026").matches(_plan("xã", "Tân Lập"))
    assert not parse_scope("2025").matches(_plan("xã", "Tân Lập"))


def test_a_question_names_a_level() -> None:
    assert level_in_question("so nao chu tri chi tieu 6.6 o cap xa") == "xã"
    assert level_in_question("cac ke hoach cap phuong") == "xã"
    assert level_in_question("ubnd tinh chu tri") is None
    assert level_in_question("ubnd cac xa, phuong chu tri nhung viec gi") is None
    assert level_in_question("ty le tthc cap xa xu ly truc tuyen") is None


def test_the_deployment_scope_is_read_once_and_checked(tmp_path: Path) -> None:
    from ingest.embedding.hashing import HashingEmbedder
    from ingest.errors import ConfigurationError
    from ingest.settings import Settings
    from retrieval.runtime import Runtime

    good = Runtime(
        Settings(home=tmp_path, default_scope="xa van ban, 2026"), embedder=HashingEmbedder(8)
    )
    assert good.default_scope == PlanScope("van ban", "xã", year=2026)
    assert Runtime(Settings(home=tmp_path), embedder=HashingEmbedder(8)).default_scope is None
    bad = Runtime(Settings(home=tmp_path, default_scope="cap thon"), embedder=HashingEmbedder(8))
    with pytest.raises(ConfigurationError, match="KEHOACH_DEFAULT_SCOPE"):
        _ = bad.default_scope
