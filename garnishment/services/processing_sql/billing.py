"""Stage 4: orders and lines written with what they bill (GAR-1, GAR-3, GAR-5, GAR-7, GAR-9,
GAR-15, GAR-17), in one statement."""

import json
from datetime import date
from functools import cache

from ... import lines as line_checks
from ...lines.fields import MESSAGES, problem
from ...models import Order, ReportLine
from ...rules import (
    ASSETS_FOUND,
    NO_ASSETS,
    FeeReason,
    FeeSchedule,
)
from .common import CHECKED, FIELDS, TERMS, quote, sequence_of


class Params(dict):
    """Named query parameters, added as the SQL that uses them is written."""

    def add(self, value) -> str:
        name = f"p{len(self)}"
        self[name] = value
        return f"%({name})s"


def _fee_sql(params: Params, schedule: tuple[dict, FeeSchedule], code: str, day: str) -> str:
    """The fee `code` in force on `day` (GAR-15): that of the last change day on or before it."""
    base, changes = schedule
    whens = " ".join(
        f"WHEN {day} >= {params.add(change_day)} THEN {params.add(amounts[code])}::numeric"
        for change_day, amounts in reversed(changes)
    )
    fee = f"{params.add(base[code])}::numeric"
    return f"CASE {whens} ELSE {fee} END" if changes else fee


def _recognised_sql(params: Params, periods, day: str) -> str:
    """Whether the third party was recognised on `day` (GAR-1, GAR-3)."""
    terms = [
        f"({day} >= {params.add(start)}"
        + (f" AND {day} < {params.add(until)})" if until is not None else ")")
        for start, until in periods
    ]
    return "(" + " OR ".join(terms) + ")" if terms else "false"


def bill_sql(params: Params, schedule, periods) -> str:
    """One statement: every order of the report's lines with its fee decided from its first
    received date (GAR-7, GAR-15, GAR-17), written by INSERT … ON CONFLICT; every line with
    what it bills, in line order within its order (the 2 → 19 upgrade billed as 17, a delivery
    of a billed order as nothing) and the withheld lines a later line of the order completes.
    The orders of several lines in the report are windowed, over the few narrow columns the
    billing reads (sorting the lines' texts costs more than joining them back by id); an order
    of one line (the common case) needs no window: its line is billed where it is read.
    Returns the report's counts."""
    day = "x.order_received"
    recognised = _recognised_sql(params, periods, day)
    assets_fee = _fee_sql(params, schedule, ASSETS_FOUND, day)
    no_assets_fee = _fee_sql(params, schedule, NO_ASSETS, day)
    lines, orders = ReportLine._meta.db_table, Order._meta.db_table
    sequence = f"{quote(sequence_of(Order))}::regclass"
    catalogue = params.add(json.dumps(_catalogue(), ensure_ascii=False))
    wide = (
        "line_number, order_number, debtor_id_kind, debtor_id, debtor_name, received_on, "
        "order_amount, answered_on, case_number, order_kind, garnishment_order_number, pkeys, "
        "pjson"
    )

    def problems(d: str) -> str:
        return (
            f"coalesce({d}.pjson, CASE WHEN cardinality({d}.pkeys) = 0 THEN '[]'::jsonb ELSE "
            f"(SELECT jsonb_agg({catalogue}::jsonb -> u.k ORDER BY u.o) FROM unnest({d}.pkeys) "
            "WITH ORDINALITY AS u(k, o)) END)"
        )

    def copied(d: str, status: str, order: str) -> str:
        return (
            f"{d}.id, %(report_id)s, {d}.line_number, {status}, {d}.authority_id, {order}, "
            f"{d}.order_number, {d}.debtor_id_kind, {d}.debtor_id, {d}.debtor_name, "
            f"{d}.received_on, {d}.order_amount, {d}.answered_on, {d}.case_number, "
            f"{d}.order_kind, {d}.garnishment_order_number, {d}.assets_found"
        )

    def billing(ordered: str) -> str:
        """The fee of each line's order from the facts about its order (`ordered`: a line
        with its order's first received date, first line and lines plain or delivered)."""
        return f"""
    SELECT x.*,
      CASE WHEN x.rn = 1 THEN coalesce(x.existing_id, nextval({sequence})) END AS new_order_id,
      x.dok AND (x.b0 > 0 OR x.rn > 1) AS blocked,
      CASE WHEN x.assets_found THEN x.assets_fee ELSE x.no_assets_fee END AS fee,
      CASE WHEN x.refusal IS NULL AND (x.n_plain > 0 OR (x.first_dok AND x.b0 = 0)) THEN
        CASE WHEN x.any_assets_plain OR (x.first_dok AND x.b0 = 0 AND x.first_assets)
             THEN x.assets_fee ELSE x.no_assets_fee END
      END AS top
    FROM (
      SELECT x.*,
        CASE WHEN x.commencement IS NULL OR {day} < x.commencement
               THEN '{FeeReason.BEFORE_COMMENCEMENT.value}'
             WHEN NOT {recognised} THEN '{FeeReason.NOT_RECOGNISED.value}'
             WHEN x.notice_from IS NULL OR {day} < x.notice_from
               THEN '{FeeReason.NO_NOTICE.value}'
        END AS refusal,
        {assets_fee} AS assets_fee,
        {no_assets_fee} AS no_assets_fee
      FROM ({ordered}) x
      OFFSET 0
    ) x
    OFFSET 0"""

    known = (
        f"JOIN {TERMS} t ON t.authority_id = c.authority_id "
        f"LEFT JOIN {orders} o ON o.third_party_id = %(third_party_id)s "
        "AND o.authority_id = c.authority_id AND o.order_number = c.k_num"
    )
    order_facts = (
        "o.id AS existing_id, coalesce(o.billed_amount, 0) AS b0, t.commencement, "
        "t.notice_from, t.term_days"
    )
    several = f"""
        SELECT c.id, c.authority_id, c.k_num, c.dok, c.withheld, c.assets_found, {order_facts},
          coalesce(o.received_on, first_value(c.received_on) OVER w) AS order_received,
          row_number() OVER w AS rn,
          first_value(c.dok) OVER w AS first_dok,
          first_value(c.assets_found) OVER w AS first_assets,
          coalesce(bool_or(c.assets_found) FILTER (WHERE NOT c.dok) OVER k, false)
            AS any_assets_plain,
          count(*) FILTER (WHERE NOT c.dok) OVER k AS n_plain,
          min(CASE WHEN NOT c.withheld THEN c.id END)
            OVER (w ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS completer
        FROM {CHECKED} c {known}
        WHERE NOT c.rejected AND (c.authority_id, c.k_num) IN (SELECT * FROM several_keys)
        WINDOW w AS (PARTITION BY c.authority_id, c.k_num ORDER BY c.id),
          k AS (PARTITION BY c.authority_id, c.k_num)"""
    # The same facts for an order of one line: the line is its first, nothing follows it.
    alone = f"""
        SELECT c.id, c.authority_id, c.k_num, c.dok, c.withheld, c.assets_found, {order_facts},
          coalesce(o.received_on, c.received_on) AS order_received, 1::bigint AS rn,
          c.dok AS first_dok, c.assets_found AS first_assets,
          coalesce(CASE WHEN NOT c.dok THEN c.assets_found END, false) AS any_assets_plain,
          (NOT c.dok)::int::bigint AS n_plain, NULL::bigint AS completer,
          {", ".join(f"c.{name}" for name in wide.split(", "))}
        FROM {CHECKED} c {known}
        WHERE NOT c.rejected AND NOT EXISTS (SELECT FROM several_keys m
          WHERE m.authority_id = c.authority_id AND m.k_num = c.k_num)"""
    narrow = (
        "id, authority_id, k_num, dok, withheld, assets_found, existing_id, b0, commencement, "
        "notice_from, term_days, order_received, rn, first_dok, first_assets, any_assets_plain, "
        "n_plain, completer, refusal, assets_fee, no_assets_fee, new_order_id, blocked, fee, top"
    )
    refused = "(c.refusal IS NOT NULL OR c.blocked)"
    status = (
        f"CASE WHEN NOT c.withheld OR c.completer IS NOT NULL "
        f"THEN '{ReportLine.Status.ACCEPTED.value}' ELSE '{ReportLine.Status.WITHHELD.value}' END"
    )
    return f"""
WITH several_keys AS MATERIALIZED (
  SELECT authority_id, k_num FROM {CHECKED} WHERE NOT rejected
  GROUP BY authority_id, k_num HAVING count(*) > 1
),
windowed AS MATERIALIZED (
  SELECT x.*,
    max(x.new_order_id) OVER k AS order_id,
    greatest(x.b0, coalesce(max(CASE WHEN NOT x.blocked THEN x.fee END)
      OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)) AS before
  FROM ({billing(several)}
  ) x
  WINDOW w AS (PARTITION BY x.authority_id, x.k_num ORDER BY x.id),
    k AS (PARTITION BY x.authority_id, x.k_num)
),
billed AS MATERIALIZED (
  SELECT {", ".join(f"c.{name}" for name in narrow.split(", "))}, c.order_id, c.before,
    {", ".join(f"d.{name}" for name in wide.split(", "))}
  FROM windowed c JOIN {CHECKED} d ON d.id = c.id
  UNION ALL
  SELECT {", ".join(f"x.{name}" for name in narrow.split(", "))},
    x.new_order_id AS order_id, greatest(x.b0, 0) AS before,
    {", ".join(f"x.{name}" for name in wide.split(", "))}
  FROM ({billing(alone)}
  ) x
),
new_orders AS (
  -- A new order: the unique (third party, authority, order number) constraint refuses a
  -- second one, so the order is billed once even if two reports raced past the lock.
  INSERT INTO {orders} (id, third_party_id, authority_id, order_number, received_on,
    billed_amount, fee_code)
  SELECT order_id, %(third_party_id)s, authority_id, k_num, order_received, coalesce(top, 0),
    CASE WHEN top > 0 THEN CASE WHEN top = assets_fee THEN '{ASSETS_FOUND}' ELSE '{NO_ASSETS}' END
         ELSE '' END
  FROM billed WHERE rn = 1 AND existing_id IS NULL
),
billed_again AS (
  -- An order billed before that this report bills more (the 2 -> 19 upgrade, GAR-7).
  INSERT INTO {orders} (id, third_party_id, authority_id, order_number, received_on,
    billed_amount, fee_code)
  SELECT order_id, %(third_party_id)s, authority_id, k_num, order_received, top,
    CASE WHEN top = assets_fee THEN '{ASSETS_FOUND}' ELSE '{NO_ASSETS}' END
  FROM billed WHERE rn = 1 AND existing_id IS NOT NULL AND top > b0
  ON CONFLICT (third_party_id, authority_id, order_number) DO UPDATE
    SET billed_amount = EXCLUDED.billed_amount, fee_code = EXCLUDED.fee_code
),
new_lines AS (
  INSERT INTO {lines} (id, report_id, line_number, status, authority_id, order_id, order_number,
    debtor_id_kind, debtor_id, debtor_name, received_on, order_amount, answered_on, case_number,
    order_kind, garnishment_order_number, assets_found, fee_code, fee_billed, fee_reason,
    problems, raw, due_on, completed_by_id)
  SELECT {copied("c", status, "c.order_id")},
    CASE WHEN {refused} THEN '' WHEN c.assets_found THEN '{ASSETS_FOUND}' ELSE '{NO_ASSETS}' END,
    CASE WHEN {refused} THEN 0 ELSE greatest(c.fee - c.before, 0) END,
    CASE WHEN c.refusal IS NOT NULL THEN c.refusal
         WHEN c.blocked THEN '{FeeReason.DELIVERY_OF_BILLED_ORDER.value}'
         WHEN c.fee <= c.before THEN '{FeeReason.ALREADY_BILLED.value}'
         WHEN c.before > 0 THEN '{FeeReason.UPGRADE.value}'
         ELSE '{FeeReason.BILLED.value}' END,
    {problems("c")}, '',
    CASE WHEN NOT c.withheld OR c.completer IS NOT NULL THEN %(today)s::date + c.term_days END,
    CASE WHEN c.withheld THEN c.completer END
  FROM billed c
  UNION ALL
  SELECT {copied("d", f"'{ReportLine.Status.REJECTED.value}'", "NULL::bigint")},
    '', 0, '{FeeReason.REJECTED.value}', {problems("d")}, d.raw, NULL::date, NULL::bigint
  FROM {CHECKED} d WHERE d.rejected
  RETURNING status, fee_billed
)
SELECT count(*), count(*) FILTER (WHERE status = '{ReportLine.Status.ACCEPTED.value}'),
  count(*) FILTER (WHERE status = '{ReportLine.Status.WITHHELD.value}'),
  count(*) FILTER (WHERE status = '{ReportLine.Status.REJECTED.value}'),
  coalesce(sum(fee_billed) FILTER (WHERE status = '{ReportLine.Status.ACCEPTED.value}'), 0)
FROM new_lines
"""


@cache
def _catalogue() -> dict[str, dict]:
    """Every problem the SQL can find, as `check_line` words it ({"field:code": problem}); an
    identifier's, taken from `check_line` itself on a line showing it."""

    catalogue = {f"{name}:{code}": problem(name, code) for name in FIELDS for code in MESSAGES}
    samples = {
        "national_id_format": ("id", "1234567890"),
        "national_id": ("id", "0"),
        "national_id_checksum": ("id", "302466338"),
        "company_number_format": ("company", "1"),
        "company_number": ("company", "416179157"),
        "company_number_checksum": ("company", "520000473"),
    }
    for code, (kind, number) in samples.items():
        found = [
            p
            for p in line_checks.check_line(
                2,
                {"debtor_id_kind": kind, "debtor_id": number},
                authority_ids={},
                third_party_name="",
                today=date.today(),
            ).problems
            if p["field"] == "debtor_id" and p["code"] == code
        ]
        catalogue[f"debtor_id:{code}"] = found[0]
    return catalogue
