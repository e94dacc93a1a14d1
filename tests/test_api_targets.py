"""`GET /v1/targets`: rows by unit (any spelling), role, document and deadline; CSV and Excel."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from api.exports import HEADERS, to_csv, to_xlsx
from api.schemas import TargetRow
from ingest.parser.units import unit_key
from tests.test_api_support import corpus_home, running_client

NINH_BINH = "ninh-binh-19-KH-UBND-2025"
THANH_PHO = "thanh-pho-phu-luc-01-chuyen-doi-so-2023"
VP_UBND = unit_key("Văn phòng UBND tỉnh")
SO_KHCN = unit_key("Sở Khoa học và Công nghệ")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with running_client(corpus_home(tmp_path_factory)) as client:
        yield client


def _rows(client: TestClient, **params: str) -> list[dict]:
    response = client.get("/v1/targets", params=params)
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["count"] == len(body["rows"])
    rows: list[dict] = body["rows"]
    return rows


def _row_6_6(rows: list[dict]) -> dict:
    return next(r for r in rows if r["document_id"] == NINH_BINH and r["number"] == "6.6")


def _keys(units: list[str]) -> set[str]:
    return {unit_key(unit) for unit in units}


def test_rows_come_from_the_tables_and_from_duties_the_body_assigns(client: TestClient) -> None:
    rows = _rows(client)
    table = [r for r in rows if r["source"] == "table"]
    body = [r for r in rows if r["source"] == "body"]

    assert len(table) == 56 + 31  # the two plans with an appendix table
    assert {r["document_id"] for r in table} == {NINH_BINH, THANH_PHO}
    assert body and len(body) == len(rows) - len(table)
    # a body duty always names its units: who leads it, or (a task written "Phối hợp với …"
    # under a unit's heading, which names no lead) who co-operates in it
    assert all(r["lead_units"] or r["cooperating_units"] for r in body)


def test_an_abbreviated_unit_matches_its_full_name_in_the_asked_role(client: TestClient) -> None:
    rows = _rows(client, unit="VP UBND tỉnh", role="monitoring")

    assert rows
    assert all(VP_UBND in _keys(r["monitoring_units"]) for r in rows)
    assert _row_6_6(rows)["lead_units"][0] == "Sở Khoa học và Công nghệ"


def test_lead_role_only_lists_rows_the_unit_leads(client: TestClient) -> None:
    leading = _rows(client, unit="Sở KHCN", role="lead")
    anywhere = _rows(client, unit="so khoa hoc va cong nghe")

    assert all(SO_KHCN in _keys(r["lead_units"]) for r in leading)
    assert _row_6_6(leading)
    assert len(anywhere) > len(leading)  # it also monitors or co-operates elsewhere


def test_deadline_range_is_inclusive(client: TestClient) -> None:
    rows = _rows(client, due_after="2025-11-30", due_before="2025-11-30")

    assert _row_6_6(rows)["deadline"] == {
        "raw": "Tháng 11/2025",
        "kind": "month",
        "due": "2025-11-30",
    }
    assert all(r["deadline"]["due"] == "2025-11-30" for r in rows)


def test_due_before_leaves_out_later_and_open_ended_rows(client: TestClient) -> None:
    rows = _rows(client, due_before="2025-06-30")

    assert rows
    assert all(dt.date.fromisoformat(r["deadline"]["due"]) <= dt.date(2025, 6, 30) for r in rows)


def test_document_filter(client: TestClient) -> None:
    rows = _rows(client, document=THANH_PHO)

    assert len(rows) == 31
    assert {r["document_id"] for r in rows} == {THANH_PHO}


@pytest.mark.parametrize(
    "params",
    [
        {"due_before": "not-a-date"},
        {"due_after": "2026-01-01", "due_before": "2025-01-01"},
        {"role": "boss"},
        {"format": "pdf"},
        {"unit": "…"},
    ],
)
def test_bad_filters_are_422(client: TestClient, params: dict) -> None:
    response = client.get("/v1/targets", params=params)

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_request"


def test_csv_export_is_the_responsibility_matrix(client: TestClient) -> None:
    response = client.get("/v1/targets", params={"unit": "VP UBND tỉnh", "format": "csv"})

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert 'filename="phan-cong.csv"' in response.headers["content-disposition"]
    assert response.content.startswith("\ufeff".encode())
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert tuple(table[0]) == HEADERS
    assert len(table) - 1 == len(_rows(client, unit="VP UBND tỉnh"))
    row = next(r for r in table[1:] if r[0] == "PL1 · 6.6" and r[1] == "19/KH-UBND")
    assert row[3] == "Văn phòng UBND tỉnh"
    assert row[4].startswith("Sở Khoa học và Công nghệ")
    assert row[6] == "Tháng 11/2025"
    assert "trực tuyến" in row[2]


def test_xlsx_export_opens_in_openpyxl(client: TestClient) -> None:
    response = client.get("/v1/targets", params={"document": NINH_BINH, "format": "xlsx"})

    assert response.status_code == 200
    assert response.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == HEADERS
    assert len([v for v in values if v[-1] == "Bảng phụ lục"]) == 56
    row = next(r for r in values[1:] if r[0] == "PL1 · 6.6")
    # rows of Phụ lục 2 are numbered from 1 again: each keeps its appendix
    assert {"PL2 · 1", "PL2 · 9", "PL1 · 3.4"} <= {r[0] for r in values[1:]}
    assert row[3] == "Văn phòng UBND tỉnh"
    assert row[6] == "Tháng 11/2025"


def _row(content: str) -> TargetRow:
    return TargetRow(
        number="1",
        content=content,
        monitoring_units=["+Sở A"],
        lead_units=["@Sở B"],
        cooperating_units=[],
        deadline=None,
        note="-ghi chú",
        group=None,
        clause_id="c",
        document_id="d",
        document_number=None,
        document_label="d",
        path="1",
        appendix=None,
        label="1",
    )


def test_exports_never_write_a_spreadsheet_formula() -> None:
    rows = [_row('=HYPERLINK("http://x","bấm")')]

    table = list(csv.reader(io.StringIO(to_csv(rows).decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(to_xlsx(rows))).active

    assert table[1][2] == '\'=HYPERLINK("http://x","bấm")'
    assert table[1][3] == "'+Sở A" and table[1][4] == "'@Sở B"
    assert table[1][7] == "'-ghi chú"
    assert sheet is not None
    cell = sheet.cell(row=2, column=3)
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://x","bấm")'


def test_exports_mark_where_each_row_is_written(client: TestClient) -> None:
    response = client.get("/v1/targets", params={"unit": "Sở Tài chính", "format": "csv"})
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    sources = {row[-1] for row in table[1:]}

    assert table[0][-1] == "Nguồn"
    assert sources == {"Bảng phụ lục", "Nội dung văn bản"}  # appendix rows and body duties


def test_unit_suggestions_hold_one_spelling_per_unit(client: TestClient) -> None:
    listing = client.get("/v1/targets").json()
    keys = [unit_key(name) for name in listing["units"]]

    assert len(keys) == len(set(keys))  # "Sở KHCN" and "Sở Khoa học và Công nghệ" are one
    assert "Sở Khoa học và Công nghệ" in listing["units"]
    named = {unit_key(n) for r in listing["rows"] for n in r["lead_units"] + r["monitoring_units"]}
    assert named <= set(keys)


def test_rows_carry_their_appendix_and_plan_label(client: TestClient) -> None:
    rows = client.get("/v1/targets", params={"document": NINH_BINH}).json()["rows"]

    row = next(r for r in rows if r["label"] == "PL2 · 9")
    assert row["appendix"] == "PL2" and row["number"] == "9"
    assert row["document_label"] == "19/KH-UBND"
