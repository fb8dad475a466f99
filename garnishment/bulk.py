"""Inserting a report's orders and lines by the thousand: PostgreSQL COPY where available,
bulk_create elsewhere (SQLite on a laptop). Rows are plain dicts keyed by column name, so no
model instance is built per line on PostgreSQL."""

import io
import json
from datetime import date
from decimal import Decimal

from django.db import connection

from .models import Order, ReportLine

LINE_COLUMNS = [
    "report_id", "line_number", "status", "authority_id", "order_id", "order_number",
    "debtor_id_kind", "debtor_id", "debtor_name", "received_on", "order_amount", "answered_on",
    "case_number", "assets_found", "fee_code", "fee_billed", "fee_reason", "problems", "raw",
    "due_on",
]  # fmt: skip
ORDER_COLUMNS = [
    "id", "third_party_id", "authority_id", "order_number", "received_on", "billed_amount",
    "fee_code",
]  # fmt: skip
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_value(value) -> str:
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, date | Decimal | int):
        return str(value)
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    return str(value).translate(_ESCAPES)


def _copy(table: str, columns: list[str], rows: list[dict]) -> None:
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(_copy_value(row[c]) for c in columns))
        buffer.write("\n")
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)


def insert_orders(rows: list[dict]) -> None:
    """Give each new order its id (set in the dict) and insert them all."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [Order._meta.db_table, len(rows)],
            )
            for row, (pk,) in zip(rows, cursor.fetchall(), strict=True):
                row["id"] = pk
        _copy(Order._meta.db_table, ORDER_COLUMNS, rows)
        return
    orders = Order.objects.bulk_create(
        [Order(**{k: v for k, v in row.items() if k != "id"}) for row in rows]
    )
    for row, order in zip(rows, orders, strict=True):
        row["id"] = order.pk


def insert_lines(rows: list[dict]) -> None:
    if not rows:
        return
    if connection.vendor == "postgresql":
        _copy(ReportLine._meta.db_table, LINE_COLUMNS, rows)
    else:
        ReportLine.objects.bulk_create([ReportLine(**row) for row in rows])
