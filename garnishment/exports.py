"""Statements and answers as CSV and PDF (GAR-10, GAR-18). CSV streams row by row."""

import csv
from collections.abc import Iterable, Iterator

from django.http import HttpResponse, StreamingHttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from taxportal.spreadsheets import neutralise_row


class _Echo:
    def write(self, value):
        return value


def csv_response(filename: str, header: list[str], rows: Iterable[list]) -> StreamingHttpResponse:
    """A CSV download (UTF-8 with BOM so spreadsheets read Hebrew), streamed; no cell runs as
    a formula in a spreadsheet (taxportal.spreadsheets)."""
    writer = csv.writer(_Echo())

    def stream() -> Iterator[str]:
        yield "\ufeff"
        yield writer.writerow(neutralise_row(header))
        for row in rows:
            yield writer.writerow(neutralise_row(row))

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def statement_rows(statement, paid) -> tuple[list[str], list[list]]:
    header = [_("Authority"), _("Third party"), _("Month"), _("Item"), _("Count"), _("Amount")]
    base = [statement.authority.name, statement.third_party.name, f"{statement.period:%m/%Y}"]
    rows = [
        [*base, _("Orders billed, assets found"), statement.assets_found_count,
         statement.assets_found_amount],
        [*base, _("Orders billed, no assets"), statement.no_assets_count,
         statement.no_assets_amount],
        [*base, _("Payable"), "", statement.payable_amount],
        [*base, _("Lines withheld"), statement.withheld_count, statement.withheld_amount],
        [*base, _("Already paid"), "", paid],
        [*base, _("Balance"), "", statement.payable_amount - paid],
        [*base, _("Payment due"), "",
         f"{statement.due_on:%d/%m/%Y}" if statement.due_on else ""],
        [*base, _("Produced at"), "",
         f"{timezone.localtime(statement.generated_at):%d/%m/%Y %H:%M}"],
    ]  # fmt: skip
    return header, rows


def pdf_response(template: str, context: dict, filename: str, request) -> HttpResponse:
    from weasyprint import HTML

    html = render_to_string(template, context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


ANSWER_HEADER = [
    "third_party_name", "debtor_id_kind", "debtor_id", "debtor_name", "received_on",
    "order_amount", "authority", "order_number", "answered_on", "case_number", "assets_found",
    "status", "fee_billed", "order_kind", "garnishment_order_number",
]  # fmt: skip


def answer_rows(lines) -> Iterator[list]:
    for line in lines.iterator(chunk_size=2000):
        yield [
            line.report.third_party.name,
            line.debtor_id_kind,
            line.debtor_id,
            line.debtor_name,
            line.received_on.isoformat() if line.received_on else "",
            line.order_amount if line.order_amount is not None else "",
            line.authority.code if line.authority else "",
            line.order_number,
            line.answered_on.isoformat() if line.answered_on else "",
            line.case_number,
            "yes" if line.assets_found else "no",
            line.status,
            line.fee_billed,
            line.order_kind,
            line.garnishment_order_number,
        ]
