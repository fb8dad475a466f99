"""Stage 3: delivery orders sent to the order they name (GAR-6, GAR-7), and the withheld lines of
earlier reports that this report completes (GAR-9, GAR-11)."""

from django.db import connection

from ...choices import OrderKind
from ...models import Order, ReportLine
from .common import CHECKED, TERMS


def redirect_deliveries(third_party_id: int) -> None:
    """A delivery order naming an order already known (billed before, or answered by an
    earlier line) is part of handling that order (GAR-6, GAR-7): its line goes to that order.
    Whether an order is known depends on the lines before, so the delivery lines (few) are
    decided in line order here."""
    delivery = (
        f"NOT rejected AND order_kind = '{OrderKind.DELIVERY.value}' "
        "AND garnishment_order_number <> ''"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT c.id, c.authority_id, c.order_number, c.garnishment_order_number, "
            f"EXISTS (SELECT 1 FROM {Order._meta.db_table} o WHERE o.third_party_id = %s "
            "AND o.authority_id = c.authority_id AND o.order_number = c.garnishment_order_number) "
            f"FROM {CHECKED} c WHERE {delivery} ORDER BY c.id",
            [third_party_id],
        )
        deliveries = cursor.fetchall()
        if not deliveries:
            return
        # The first line answering each named order that is not itself a delivery of another.
        cursor.execute(
            f"SELECT authority_id, order_number, min(id) FROM {CHECKED} c WHERE NOT rejected "
            f"AND NOT ({delivery}) AND (authority_id, order_number) IN "
            f"(SELECT authority_id, garnishment_order_number FROM {CHECKED} WHERE {delivery}) "
            "GROUP BY 1, 2"
        )
        first_plain = {(a, n): line for a, n, line in cursor.fetchall()}
        created: dict[tuple[int, str], int] = {}
        redirected = []
        for line, authority, own, named, billed_before in deliveries:
            key = (authority, named)
            known = (
                billed_before or first_plain.get(key, line) < line or created.get(key, line) < line
            )
            if known:
                redirected.append(line)
            else:
                created.setdefault((authority, own), line)
        if redirected:
            cursor.execute(
                f"UPDATE {CHECKED} SET k_num = garnishment_order_number, dok = true "
                "WHERE id = ANY(%s)",
                [redirected],
            )


def complete_sql() -> str:
    """Withheld lines of earlier reports completed by this report's first line of the same
    order that is not withheld itself (GAR-9, GAR-11), in one statement; before this report's
    lines are written, so none of them is taken for an earlier one."""
    lines, orders = ReportLine._meta.db_table, Order._meta.db_table
    return f"""
WITH done AS (
  UPDATE {lines} w SET status = '{ReportLine.Status.ACCEPTED.value}',
    completed_by_id = f.first_accepted, due_on = %(today)s::date + f.term_days
  FROM (
    SELECT o.id AS order_id, min(c.id) FILTER (WHERE NOT c.withheld) AS first_accepted,
      min(t.term_days) AS term_days
    FROM {CHECKED} c
    JOIN {orders} o ON o.third_party_id = %(third_party_id)s AND o.authority_id = c.authority_id
      AND o.order_number = c.k_num
    JOIN {TERMS} t ON t.authority_id = c.authority_id
    WHERE NOT c.rejected
    GROUP BY o.id
  ) f
  WHERE f.first_accepted IS NOT NULL AND w.order_id = f.order_id
    AND w.status = '{ReportLine.Status.WITHHELD.value}'
  RETURNING w.report_id
)
SELECT DISTINCT report_id FROM done
"""
