"""Server errors the API fuzzing found deep in an app's service (not in the API layer), kept as
tests now that they are fixed (issue 11)."""

import json
from decimal import Decimal, InvalidOperation

import pytest

from garnishment.models import Report

from .conftest import auth_headers

# ReportLine.order_amount is NUMERIC(14, 2): 12 digits before the point.
ORDER_AMOUNT_LIMIT = Decimal(10) ** 12


def has_oversized_order_amount(body) -> bool:
    if not isinstance(body, dict) or not isinstance(body.get("lines"), list):
        return False
    for line in body["lines"]:
        if not isinstance(line, dict) or isinstance(line.get("order_amount"), bool):
            continue
        try:
            amount = Decimal(str(line.get("order_amount")).replace(",", ""))
        except InvalidOperation:
            continue
        if amount.is_finite() and abs(amount) >= ORDER_AMOUNT_LIMIT:
            return True
    return False


@pytest.mark.parametrize("amount", ["1000000000000", 1e15])
def test_gar_order_amount_beyond_the_column_is_not_a_server_error(
    client, integrators, database_watch, amount
):
    line = {
        "authority": "TLV",
        "order_number": "BIG-1",
        "received_on": "2026-05-03",
        "order_amount": amount,
        "assets_found": "yes",
    }
    assert has_oversized_order_amount({"lines": [line]})
    database_watch.start()
    client.raise_request_exception = False
    response = client.post(
        "/api/garnishment/reports/",
        json.dumps({"period": "2026-05", "lines": [line]}),
        content_type="application/json",
        HTTP_AUTHORIZATION=auth_headers(integrators, "/api/garnishment/reports/")["Authorization"],
    )
    assert response.status_code < 500
    if response.status_code >= 400:
        assert not database_watch.changed()
    else:
        assert Report.objects.get().lines.get().status == "rejected"
