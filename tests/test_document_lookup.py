"""Resolving the documents a question names by indexed look-ups: the same answer as
comparing the question with every plan, without ever iterating over the plans.

The reference below is the scan the directory did before (score every document, keep the
best per named place); the indexed directory must agree with it on every gold question and
on synthetic variations, over the bundled plans and over a directory of many similar plans.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pytest

from ingest.domain import to_plain
from ingest.facts import FactStore
from ingest.gazetteer import places_in_text
from ingest.normalize_vi import folded
from retrieval.documents import (
    _CITING,
    _COMMON,
    _PLACE_MENTION,
    DocumentDirectory,
    DocumentInfo,
    _capitalised_run,
    _carrying_title_words,
    _naming_score,
    _number_named,
    _of_kind_named,
    _plain,
    _titled_among,
    _without_issuers,
    title_named,
)
from retrieval.periods import plan_years
from retrieval.query import understand
from tests.conftest import fact_store
from tests.golden_plans import corpus_files, parse_corpus_file

GOLD = Path(__file__).resolve().parents[1] / "eval" / "gold.jsonl"
EXTRA = [
    "ke hoach 19 do ai ky",
    "kh 466 ban hanh ngay nao",
    "ke hoach so 19/kh-ubnd co bao nhieu chi tieu",
    "ninh binh 2025 va xuan truong 2026",
    "thanh pho co ke hoach gi",
    "ke hoach cua tinh ha nam nam 2025",
    "xa van ban chuyen doi so 2026",
    "ke hoach 2025",
    "chuyen doi so nam 2026",
    "muc tieu den 2030 cua tien giang",
    "truong ban chi dao xa xuan truong la ai",
]


def _scan_distinctive(infos: Mapping[str, DocumentInfo], doc_id: str) -> set[str]:
    def bigrams(title: str) -> set[str]:
        words = re.findall(r"[a-z0-9]+", folded(title))
        return {f"{a} {b}" for a, b in pairwise(words)}

    others: set[str] = set()
    for other, info in infos.items():
        if other != doc_id:
            others |= bigrams(info.title)
    return {
        b for b in bigrams(infos[doc_id].title) - others if not set(b.split()) <= _COMMON | _CITING
    }


def scan_resolve(infos: Mapping[str, DocumentInfo], question_folded: str) -> list[str]:
    """The directory's resolve as a scan over every document (the reference)."""
    text = f" {question_folded} "
    numbered = {d for d, i in infos.items() if _number_named(text, i)}
    others = _without_issuers(text, [infos[d] for d in numbered])
    scores = {
        d: _naming_score(text if d in numbered else others, i, _scan_distinctive(infos, d))
        for d, i in infos.items()
    }
    by_place: dict[str, list[str]] = {}
    unnamed = text  # a level word inside a place's full name names that place only
    for doc in infos.values():
        if doc.place_name and f" {folded(doc.place_name)} " in text:
            level, name = (
                re.escape(folded(doc.place_level or "")),
                re.escape(folded(doc.place_name)),
            )
            if level:
                unnamed = re.sub(rf" {level} (?:\S+ )?{name}(?= )", " ", unnamed)
            unnamed = re.sub(rf" {name}(?= )", " ", unnamed)
    for doc_id, doc in infos.items():
        if doc.place_name and f" {folded(doc.place_name)} " in text:
            by_place.setdefault(folded(doc.place_name), []).append(doc_id)
        elif doc.place_level and not doc.place_name and f" {folded(doc.place_level)} " in unnamed:
            by_place.setdefault(f"level:{folded(doc.place_level)}", []).append(doc_id)
    found: list[str] = []
    for doc_ids in by_place.values():
        best = max(scores[d] for d in doc_ids)
        # the place's plans named by kind and title words the others lack replace the
        # plans named by the place alone
        titled = _titled_among(text, doc_ids, infos)
        tied = [d for d in doc_ids if scores[d] == best and best > (1 if titled else 0)]
        if best == 1 and not titled:
            tied = _carrying_title_words(text, tied, infos) or tied
        kinded = _of_kind_named(text, doc_ids, infos)
        if best == 1 and kinded and len(kinded) < len(tied) and set(kinded) <= set(tied):
            tied = kinded  # the place's plans of the kind the question names
        elif best > 1:  # beside the plan named by number, the one of another kind named
            other = [d for d in kinded if infos[d].kind not in {infos[t].kind for t in tied}]
            tied = [*tied, *other] if len(other) == 1 else tied
        found.extend(tied)
        found.extend(d for d in titled if d not in found)
    if found:
        more = [d for d, s in scores.items() if s >= 2 and d not in found]
        if any(scores[d] >= 3 for d in found) and not re.search(r" (?:va|voi|con) ", text):
            more = [d for d in more if scores[d] >= 3]  # title words beside a number: topic
        found.extend(more)
    if not found:
        best = max(scores.values(), default=0)
        found = [d for d, s in scores.items() if s and s == best]
    years = plan_years(text)
    if years:
        by_year = [
            d
            for d in (found or infos)
            if infos[d].year in years
            or (found and (infos[d].issued_date or "")[:4] in years - {""})
        ]
        if (found and by_year) or (
            not found and len(by_year) == 1 and not re.search(r"thang|quy", text)
        ):
            found = by_year
    return found


def scan_unknown_places(infos: Mapping[str, DocumentInfo], question: str) -> list[str]:
    known = {folded(doc.place_name) for doc in infos.values() if doc.place_name}
    unknown = []
    for match in _PLACE_MENTION.finditer(question):
        written = _capitalised_run(match.group(2))  # "xã được …" names no place
        name = folded(written)
        if written and name not in known and not any(name in k or k in name for k in known):
            unknown.append(f"{match.group(1)} {written}")
    said = {folded(name) for name in unknown}
    for place in places_in_text(question):  # the register's names, lower case too
        label, name = f"{place.level} {place.name}", folded(place.name)
        if folded(label) not in said and not any(name in k or k in name for k in known):
            unknown.append(label)
            said.add(folded(label))
    return unknown


def scan_naming_words(infos: Mapping[str, DocumentInfo], text: str, ids: list[str]) -> set[str]:
    naming: set[str] = set()
    # with plans settled, a place mentioned names plans only if it is one of theirs
    places = {infos[d].place_name for d in ids if d in infos}
    for doc_id, info in infos.items():
        mentioned = info.place_name and f" {folded(info.place_name)} " in f" {text} "
        mentioned = mentioned and (not ids or info.place_name in places)
        if doc_id in ids or mentioned:
            naming |= info.naming_words - _place_words_not_said_whole(text, info)
        if doc_id in ids:  # a plan named by number may be named by its kind and title too
            naming |= title_named(text, info)
    return naming


def _place_words_not_said_whole(text: str, info: DocumentInfo) -> set[str]:
    """A place's words name its plan only when the question says the whole place name."""
    name = folded(info.place_name or "").split()
    if not name or f" {' '.join(name)} " in f" {' '.join(text.split())} ":
        return set()
    return set(name) - set(folded(info.place_level or "").split())


def scan_words_beside_places(infos: Mapping[str, DocumentInfo], question: str) -> set[str]:
    text = f" {question} "
    places = set()
    for info in infos.values():
        if info.place_name and f" {folded(info.place_name)} " in text:
            places.add(folded(info.place_name))
            text = text.replace(f" {folded(info.place_name)} ", " | ")
    left = set(text.split())
    return {w for place in places for w in place.split() if w in left}


class _NoScan(dict[str, DocumentInfo]):
    """A directory's documents that fail the test when anything iterates over them."""

    def _refuse(self, *_: object) -> Iterator[str]:
        raise AssertionError("the question path iterated over every document")

    __iter__ = _refuse
    values = items = keys = _refuse  # type: ignore[assignment]


def _questions() -> list[str]:
    gold = [json.loads(line)["question"] for line in GOLD.read_text("utf-8").splitlines() if line]
    return [*gold, *EXTRA]


@pytest.fixture(scope="module")
def corpus_infos() -> dict[str, DocumentInfo]:
    plans = [parse_corpus_file(path) for path in corpus_files()]
    return {p.document.id: DocumentInfo.from_plain(to_plain(p.document)) for p in plans}


def _many(infos: dict[str, DocumentInfo], copies: int) -> dict[str, DocumentInfo]:
    """Variations of the bundled plans: other numbers, years and places (some shared)."""
    places = ["Văn Bàn", "Trung Sơn", "Ninh Bình", "Chi Lăng", "Công Hải", None]
    many = dict(infos)
    for n in range(copies):
        for doc_id, info in infos.items():
            number = f"{100 + n}/KH-UBND" if n % 3 else info.number
            year = str(2020 + n % 8)
            title = re.sub(r"20\d{2}", year, info.title)
            place = places[n % len(places)]
            new_id = f"{doc_id}-v{n}"
            many[new_id] = replace(info, id=new_id, number=number, title=title, place_name=place)
    return many


def _check(infos: dict[str, DocumentInfo], facts: FactStore | None = None) -> None:
    directory = DocumentDirectory(infos, facts)
    directory.documents = _NoScan(directory.documents)
    for question in _questions():
        text = folded(question)
        assert directory.resolve(text) == scan_resolve(infos, text), question
        names_any = any(
            _naming_score(f" {text} ", i, _scan_distinctive(infos, d)) for d, i in infos.items()
        )
        assert directory.names_any(text) == names_any, question
        assert directory.unknown_places(question) == scan_unknown_places(infos, question)
        named = scan_resolve(infos, text)
        assert directory.naming_words(text, named) == scan_naming_words(infos, text, named)
        assert directory.words_beside_places(text) == scan_words_beside_places(infos, text)


def test_indexed_resolve_agrees_with_the_scan_on_the_bundled_plans(
    corpus_infos: dict[str, DocumentInfo],
) -> None:
    _check(corpus_infos)


def test_indexed_resolve_agrees_with_the_scan_on_many_similar_plans(
    corpus_infos: dict[str, DocumentInfo],
) -> None:
    _check(_many(corpus_infos, 6))


def test_the_same_on_either_backend(
    corpus_infos: dict[str, DocumentInfo], fact_backend: str, tmp_path: Path
) -> None:
    with fact_store(fact_backend, tmp_path) as facts:
        for info in corpus_infos.values():
            facts.put_payloads(_plain(info), info.id, ())
        _check(corpus_infos, facts)


def test_is_loaded_by_number_and_symbol(corpus_infos: dict[str, DocumentInfo]) -> None:
    directory = DocumentDirectory(corpus_infos)
    directory.documents = _NoScan(directory.documents)  # lookups by key still work
    assert directory.is_loaded("19", "kh-ubnd")
    assert directory.is_loaded("019")
    assert not directory.is_loaded("19", "qd-ttg")
    assert not directory.is_loaded("92")


def test_a_generic_title_opening_names_no_plan_of_the_place() -> None:
    """ "Kế hoạch triển khai Ngày chuyển đổi số … của Ninh Bình": "triển khai" opens many
    titles; it does not pick out the one plan of the place whose title happens to hold it,
    while its own title words ("thí điểm mô hình") still do."""
    infos = {
        "cds": DocumentInfo.from_plain({"id": "cds", "title": "Kế hoạch Chuyển đổi số năm 2025"}),
        "cqs": DocumentInfo.from_plain(
            {"id": "cqs", "title": "Kế hoạch Triển khai thí điểm mô hình Chính quyền số"}
        ),
    }
    generic = " ke hoach trien khai ngay chuyen doi so quoc gia cua ninh binh "
    assert _titled_among(generic, ["cds", "cqs"], infos) == []
    own = " ke hoach trien khai thi diem mo hinh cua ninh binh "
    assert _titled_among(own, ["cds", "cqs"], infos) == ["cqs"]


def test_title_words_beside_a_plan_named_by_number_are_its_topic() -> None:
    """ "NQ 34 của Tỉnh ủy Lào Cai đặt mục tiêu tăng trưởng kinh tế …": the plan named by
    its number and place; the national resolution whose title holds "tăng trưởng kinh tế"
    is not named beside it unless the question joins two plans ("… và …")."""
    infos = {
        "nq34": DocumentInfo.from_plain(
            {
                "id": "nq34",
                "number": "34-NQ/TU",
                "kind": "Nghị quyết",
                "title": "Nghị quyết về phát triển các khu công nghiệp, cụm công nghiệp",
                "place": {"level": "tỉnh", "name": "Lào Cai"},
            }
        ),
        "qh": DocumentInfo.from_plain(
            {
                "id": "qh",
                "kind": "Nghị quyết",
                "title": "Nghị quyết về bổ sung mục tiêu tăng trưởng kinh tế năm 2025",
            }
        ),
    }
    directory = DocumentDirectory(infos)
    asked = folded("NQ 34 của Tỉnh ủy Lào Cai đặt mục tiêu tăng trưởng kinh tế bao nhiêu")
    assert directory.resolve(asked) == scan_resolve(infos, asked) == ["nq34"]


def test_the_issuer_of_a_plan_named_by_number_names_no_other_plan() -> None:
    """ "NQ 34 của BTV Tỉnh ủy Lào Cai …": "Ban Thường vụ Tỉnh ủy" is who issued NQ 34, not
    title words naming the plan carrying out a directive "… của Ban Thường vụ Tỉnh ủy"
    (batch 12m: the two were compared)."""
    place = {"level": "tỉnh", "name": "Lào Cai"}
    infos = {
        "nq34": DocumentInfo.from_plain(
            {
                "id": "nq34",
                "number": "34-NQ/TU",
                "kind": "Nghị quyết",
                "issuer": "Ban Thường vụ Tỉnh ủy Lào Cai",
                "title": "Nghị quyết về phát triển các khu công nghiệp, cụm công nghiệp",
                "place": place,
            }
        ),
        "kh11": DocumentInfo.from_plain(
            {
                "id": "kh11",
                "kind": "Kế hoạch",
                "title": "Kế hoạch Triển khai thực hiện Chỉ thị số 11-CT/TU của Ban Thường vụ"
                " Tỉnh ủy về khoáng sản trên địa bàn tỉnh Lào Cai",
                "place": place,
            }
        ),
    }
    directory = DocumentDirectory(infos)
    asked = understand("NQ 34 cua BTV Tinh uy Lao Cai dat muc tieu tang truong bao nhieu").folded
    assert directory.resolve(asked) == scan_resolve(infos, asked) == ["nq34"]
    # named without its number, the directive's plan is still named by its title words
    other = folded("Kế hoạch triển khai Chỉ thị của Ban Thường vụ Tỉnh ủy Lào Cai về khoáng sản")
    assert "kh11" in directory.resolve(other)


def test_the_places_words_in_a_title_name_the_place_once() -> None:
    """ "… tổng số CCN trên toàn tỉnh Lào Cai …" of a plan titled "… cụm công nghiệp trên
    địa bàn tỉnh Lào Cai": "tỉnh Lào" is the place (1), not a title phrase besides it."""
    info = DocumentInfo.from_plain(
        {
            "id": "kh134",
            "number": "134/KH-UBND",
            "title": "Kế hoạch phát triển các khu, cụm công nghiệp trên địa bàn tỉnh Lào Cai",
            "place": {"level": "tỉnh", "name": "Lào Cai"},
        }
    )
    text = " tong so cum cong nghiep tren toan tinh lao cai tang len tren bao nhieu cum "
    assert _naming_score(text, info, {"tinh lao", "nghiep tren", "dia ban"}) == 1
    assert _naming_score(" ke hoach 134 ", info, set()) == 3
