"""Building report files and sending them through the service."""

import csv
import io
import json
from datetime import date

from garnishment.lines import COLUMNS
from garnishment.models import Report
from garnishment.reference import BASE_FEES_FILE
from garnishment.rules import ASSETS_FOUND, NO_ASSETS
from garnishment.services import report_submit
from taxportal.money import to_decimal

HEADER = COLUMNS
# The regulation's amounts as the fixture loads them.
FEE = {f["code"]: to_decimal(f["amount"]) for f in json.loads(BASE_FEES_FILE.read_text())["fees"]}
ASSETS, NO_ASSETS_FEE = FEE[ASSETS_FOUND], FEE[NO_ASSETS]


def good_row(**fields) -> dict:
    row = {
        "third_party_name": "",
        "debtor_id_kind": "id",
        "debtor_id": "302466339",
        "debtor_name": "Moshe Cohen",
        "received_on": "2026-05-03",
        "order_amount": "1250.50",
        "authority": "TLV",
        "order_number": "A-1",
        "answered_on": "2026-05-04",
        "case_number": "",
        "assets_found": "yes",
    }
    row.update(fields)
    return row


def csv_bytes(rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HEADER, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


def submit(third_party, user, rows: list[dict], period=date(2026, 5, 1)) -> tuple[Report, bool]:
    return submit_file(third_party, user, csv_bytes(rows), "csv", period)


def xlsx_bytes(rows: list[list]) -> bytes:
    """A workbook with the header row and these rows of cells."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(HEADER)
    for cells in rows:
        workbook.active.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def submit_file(
    third_party, user, content: bytes, file_format: str, period=date(2026, 5, 1)
) -> tuple[Report, bool]:
    return report_submit(
        third_party=third_party,
        period=period,
        binary=io.BytesIO(content),
        original_name=f"report.{file_format}",
        file_format=file_format,
        channel=Report.Channel.UPLOAD,
        actor=user,
    )


def outcome(report: Report) -> list[tuple[int, str, str]]:
    return [
        (line.line_number, line.status, str(line.fee_billed))
        for line in report.lines.order_by("line_number")
    ]
