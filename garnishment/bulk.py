"""Inserting a report's orders and lines by the thousand: PostgreSQL COPY where available,
bulk_create elsewhere (SQLite on a laptop). Rows are plain dicts keyed by column name, so no
model instance is built per line on PostgreSQL."""

import csv
import io
import json
from operator import itemgetter

from django.db import connection

from .models import Order, ReportLine

LINE_COLUMNS = [
    "report_id", "line_number", "status", "authority_id", "order_id", "order_number",
    "debtor_id_kind", "debtor_id", "debtor_name", "received_on", "order_amount", "answered_on",
    "case_number", "assets_found", "fee_code", "fee_billed", "fee_reason", "problems", "raw",
    "due_on", "order_kind", "garnishment_order_number",
]  # fmt: skip
ORDER_COLUMNS = [
    "id", "third_party_id", "authority_id", "order_number", "received_on", "billed_amount",
    "fee_code",
]  # fmt: skip


def _copy(model, columns: list[str], rows: list[dict]) -> None:
    """COPY in CSV format: the csv module writes the rows in C; None becomes an empty unquoted
    field, read as NULL, while FORCE_NOT_NULL keeps empty text as empty text."""
    text_columns = [
        f.column
        for f in model._meta.concrete_fields
        if f.column in columns and f.get_internal_type() in {"CharField", "TextField"}
    ]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(map(itemgetter(*columns), rows))
    buffer.seek(0)
    options = (
        f"FORMAT csv, FORCE_NOT_NULL ({', '.join(text_columns)})" if text_columns else "FORMAT csv"
    )
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            f"COPY {model._meta.db_table} ({', '.join(columns)}) FROM STDIN WITH ({options})",
            buffer,
        )


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
        _copy(Order, ORDER_COLUMNS, rows)
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
        for row in rows:
            row["problems"] = json.dumps(row["problems"], ensure_ascii=False)
        _copy(ReportLine, LINE_COLUMNS, rows)
    else:
        ReportLine.objects.bulk_create([ReportLine(**row) for row in rows])
