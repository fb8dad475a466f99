"""Stage 2: every field of every staged line checked (GAR-8, GAR-11) in one INSERT … SELECT, and
the lines the SQL cannot read as Python would checked by `check_line`."""

import csv
import io

from django.db import connection

from ...choices import OrderKind
from ...lines.checks import FALSE_WORDS, ID_KINDS, ORDER_KINDS, TRUE_WORDS
from ...lines.fields import DETAIL_FIELDS, KEY_FIELDS, MAX_LENGTHS
from ...lines.readers import _rows
from ...models.money import MONEY_MAX
from .common import (
    CHECKED,
    CHECKED_COLUMNS,
    DAYS,
    FIELDS,
    NOT_PLAIN,
    PYTHON_CHECKED,
    STAGE,
    TERMS,
    Layout,
    as_json,
    from_json,
    quote,
)
from .expressions import DIGITS, case_map, date_sql, luhn


def check_sql(layout: Layout) -> str:
    """The INSERT … SELECT checking every staged line (GAR-8, GAR-11) as `check_line` does.
    Each level computes once what the next ones use (OFFSET 0 keeps PostgreSQL from folding
    the levels into one and computing an expression once per use). A value written the common
    way takes a short way (a date looked up in `DAYS`, nine digits, plain decimals); any other
    way of writing it takes the long one, and a line the SQL cannot read as Python would is
    marked for `check_line`."""
    columns = layout.columns
    trim = layout.spaces or not layout.direct

    def cell(name: str) -> str:
        column = layout.fields.get(name)
        if not column:
            return "''"
        return f"btrim(coalesce(s.{column}, ''), ' ')" if trim else f"coalesce(s.{column}, '')"

    if layout.direct:
        blank = " AND ".join(
            f"coalesce(btrim(s.{c}, ' '), '') = ''" if trim else f"coalesce(s.{c}, '') = ''"
            for c in columns
        )
        raw = f"concat_ws(',', {', '.join(f'w.t_{n}' for n in layout.raw_fields)})"
    else:
        blank = "false"  # the readers left blank rows out
        raw = (
            f"array_to_string((ARRAY[{', '.join(f'w.t_{n}' for n in layout.raw_fields)}]"
            "::text[])[1:w.n_present], ',')"
        )
    plain = (
        "true"
        if layout.direct and layout.plain_ascii
        else f"concat({', '.join(f's.{c}' for c in columns)}) !~ '{NOT_PLAIN}'"
    )
    too_long = {name: f"char_length(a.t_{name}) > {limit}" for name, limit in MAX_LENGTHS.items()}
    shortened = ", ".join(
        f"CASE WHEN {too_long[n]} THEN '' ELSE a.t_{n} END AS v_{n}" for n in MAX_LENGTHS
    )

    def given(name: str) -> str:
        """A field's text as the checks after the lengths read it (a too long one is empty)."""
        return f"f.v_{name}" if name in too_long else f"f.t_{name}"

    digits = "'0123456789'"
    id_kind = case_map('lower(a.t_debtor_id_kind COLLATE "C")', ID_KINDS)
    received, received_readable = date_sql("c.t_received_on", "c.received_shape")
    answered, answered_readable = date_sql("c.t_answered_on", "c.answered_shape")
    between = "BETWEEN DATE '2000-01-01' AND %(today)s"
    found = [
        # (the problem, when it is found), in the order check_line finds them.
        *((f"'{n}:too_long'", f"f.v_{n} = '' AND f.t_{n} <> ''") for n in MAX_LENGTHS),
        *((f"'{n}:required'", f"f.t_{n} = ''") for n in KEY_FIELDS),
        ("'third_party_name:other_third_party'", "f.other_third_party"),
        ("'authority:unknown_authority'", "f.t_authority <> '' AND f.authority_id IS NULL"),
        ("'order_kind:order_kind'", "f.kind IS NULL"),
        ("'debtor_id_kind:id_kind'", "f.bad_id_kind"),
        ("'debtor_id:' || f.id_problem", "f.id_problem IS NOT NULL"),
        ("'received_on:' || f.received_problem", "f.received_problem IS NOT NULL"),
        ("'answered_on:' || f.answered_problem", "f.answered_problem IS NOT NULL"),
        (
            "'answered_on:answer_before_receipt'",
            f"f.received_date {between} AND f.answered_date {between} "
            "AND f.answered_date < f.received_date",
        ),
        ("'order_amount:' || f.amount_problem", "f.amount_problem IS NOT NULL"),
        ("'assets_found:flag'", "f.t_assets_found <> '' AND f.flag IS NULL"),
        *((f"'{n}:missing_detail'", f"{given(n)} = ''") for n in DETAIL_FIELDS),
    ]
    problems = ", ".join(f"CASE WHEN {when} THEN {what} END" for what, when in found)
    any_problem = " OR ".join(f"({when})" for _, when in found)
    missing = " + ".join(f"({given(n)} = '')::int" for n in DETAIL_FIELDS)

    def date_problem(text: str, day: str) -> str:
        return (
            f"CASE WHEN {text} = '' THEN NULL WHEN {day} IS NULL THEN 'date' "
            f"WHEN {day} > %(today)s THEN 'future_date' "
            f"WHEN {day} < DATE '2000-01-01' THEN 'date_out_of_range' END"
        )

    # A file copied as it is has no line checked in Python yet (`checked`, for the readers'
    # rows): no filter on it, which would also make the planner take the lines for a few.
    unchecked = "" if layout.direct else "WHERE s.checked IS NULL"
    checked_in_python = (
        ""
        if layout.direct
        else f"""UNION ALL
SELECT s.id, s.line_number, s.n_present, false, s.checked->>'order_number',
  {", ".join(from_json("s.checked"))}
FROM {STAGE} s WHERE s.checked IS NOT NULL
"""
    )
    carried = ", ".join(
        [
            "id", "line_number", "n_present", "authority_id", "kind", "flag", "bad_id_kind",
            "other_third_party", "eff_kind", *(f"t_{n}" for n in FIELDS),
            *(f"v_{n}" for n in MAX_LENGTHS),
        ]
    )  # fmt: skip
    return f"""
INSERT INTO {CHECKED} (id, line_number, n_present, python, k_num, {", ".join(CHECKED_COLUMNS)})
SELECT w.id, w.line_number, w.n_present, w.python, w.v_order_number,
  w.bad, NOT w.bad AND w.missing > 0, w.authority_id, w.v_order_number,
  coalesce(w.eff_kind, ''), w.debtor_id, w.v_debtor_name, w.received_on, w.order_amount,
  w.answered_on, w.v_case_number, coalesce(w.kind, '{OrderKind.GARNISHMENT.value}'),
  CASE WHEN w.kind = '{OrderKind.DELIVERY.value}' THEN w.v_garnishment_order_number ELSE '' END,
  w.flag, w.pkeys, NULL::jsonb, CASE WHEN w.bad THEN left({raw}, 2000) ELSE '' END
FROM (
  SELECT g.*, cardinality(g.pkeys) > g.missing AS bad FROM (
    SELECT f.*,
      CASE WHEN {any_problem} THEN array_remove(ARRAY[{problems}]::text[], NULL)
           ELSE '{{}}'::text[] END AS pkeys,
      {missing} AS missing,
      CASE WHEN f.eff_kind = 'other' THEN f.v_debtor_id
           WHEN f.id_problem IS NOT NULL THEN ''
           WHEN f.eff_kind = 'id' THEN lpad(f.number::text, 9, '0')
           WHEN f.eff_kind = 'company' THEN f.number::text
           ELSE '' END AS debtor_id,
      CASE WHEN f.received_problem IS NULL THEN f.received_date END AS received_on,
      CASE WHEN f.answered_problem IS NULL THEN f.answered_date END AS answered_on,
      CASE WHEN f.amount_problem IS NULL OR f.amount_problem = 'negative_amount'
           THEN f.amount END AS order_amount
    FROM (
      SELECT e.*,
        CASE e.eff_kind
          WHEN 'id' THEN CASE WHEN e.number IS NULL THEN 'national_id_format'
                              WHEN e.number = 0 THEN 'national_id'
                              WHEN NOT {luhn("e.number")} THEN 'national_id_checksum' END
          WHEN 'company' THEN CASE WHEN e.number IS NULL THEN 'company_number_format'
                                   WHEN e.number / 100000000 <> 5 THEN 'company_number'
                                   WHEN NOT {luhn("e.number")} THEN 'company_number_checksum'
                              END
        END AS id_problem,
        {date_problem("e.t_received_on", "e.received_date")} AS received_problem,
        {date_problem("e.t_answered_on", "e.answered_date")} AS answered_problem,
        CASE WHEN e.t_order_amount = '' THEN NULL WHEN e.amount IS NULL THEN 'amount'
             WHEN abs(e.amount) > {MONEY_MAX} THEN 'amount_too_large'
             WHEN e.amount < 0 THEN 'negative_amount' END AS amount_problem
      FROM (
        SELECT {", ".join(f"c.{x.strip()}" for x in carried.split(","))},
          NOT c.plain OR NOT (c.received_hit IS NOT NULL OR c.t_received_on = ''
                              OR {received_readable})
                     OR NOT (c.answered_hit IS NOT NULL OR c.t_answered_on = ''
                              OR {answered_readable}) AS python,
          coalesce(c.received_hit, CASE WHEN c.received_shape IS NOT NULL THEN {received} END)
            AS received_date,
          coalesce(c.answered_hit, CASE WHEN c.answered_shape IS NOT NULL THEN {answered} END)
            AS answered_date,
          CASE WHEN c.unsigned <> '' AND length(c.fraction) < length(c.unsigned)
                 AND (c.fraction = '' OR (left(c.fraction, 1) = '.'
                      AND length(c.fraction) IN (2, 3)
                      AND ltrim(substr(c.fraction, 2), {digits}) = ''))
               THEN (c.sign || c.unsigned)::numeric END AS amount,
          CASE WHEN c.eff_kind IS NULL OR c.eff_kind = 'other' THEN NULL
               WHEN c.nine_digits THEN c.v_debtor_id::int
               WHEN c.eff_kind = 'id' AND c.compact = '' THEN 0
               WHEN length(c.compact) BETWEEN 1 AND 9
                 AND (c.eff_kind = 'id' OR length(c.compact) = 9)
                 AND ltrim(c.compact, {digits}) = '' THEN c.compact::int
          END AS number
        FROM (
          SELECT c.*, ltrim(c.unsigned, {digits}) AS fraction FROM (
            SELECT {", ".join(f"b.{x.strip()}" for x in carried.split(","))},
              b.plain, b.received_hit, b.answered_hit, b.nine_digits,
              CASE WHEN b.received_hit IS NULL AND b.t_received_on <> ''
                   THEN translate(b.t_received_on, {DIGITS}) END AS received_shape,
              CASE WHEN b.answered_hit IS NULL AND b.t_answered_on <> ''
                   THEN translate(b.t_answered_on, {DIGITS}) END AS answered_shape,
              CASE WHEN left(b.amount_text, 1) = '-' THEN '-' ELSE '' END AS sign,
              CASE WHEN left(b.amount_text, 1) = '-' THEN substr(b.amount_text, 2)
                   ELSE b.amount_text END AS unsigned,
              CASE WHEN b.nine_digits THEN b.v_debtor_id
                   ELSE replace(replace(b.v_debtor_id, ' ', ''), '-', '') END AS compact
            FROM (
              SELECT a.*,
                {shortened},
                t.authority_id, r.day AS received_hit, n.day AS answered_hit,
                (a.t_third_party_name <> '' AND NOT {too_long["third_party_name"]}
                  AND lower(a.t_third_party_name COLLATE "C") <> %(third_party)s)
                  AS other_third_party,
                {case_map('lower(a.t_order_kind COLLATE "C")', ORDER_KINDS)} AS kind,
                CASE WHEN lower(a.t_assets_found COLLATE "C")
                       IN ({", ".join(quote(w) for w in sorted(TRUE_WORDS))}) THEN true
                     WHEN lower(a.t_assets_found COLLATE "C")
                       IN ({", ".join(quote(w) for w in sorted(FALSE_WORDS))}) THEN false
                END AS flag,
                (a.t_debtor_id_kind <> '' AND ({id_kind}) IS NULL) AS bad_id_kind,
                CASE WHEN a.t_debtor_id = '' OR {too_long["debtor_id"]} THEN NULL
                     WHEN a.t_debtor_id_kind <> '' THEN {id_kind}
                     WHEN a.nine_digits OR (replace(a.t_debtor_id, '-', '') <> ''
                          AND ltrim(replace(a.t_debtor_id, '-', ''), {digits}) = '')
                       THEN 'id'
                     ELSE 'other' END AS eff_kind,
                CASE WHEN strpos(a.amount_bare, ',') > 0
                       AND a.amount_bare ~ '^[0-9]{{1,3}}(,[0-9]{{3}})+([.][0-9]+)?$'
                     THEN replace(a.amount_bare, ',', '') ELSE a.amount_bare END AS amount_text
              FROM (
                SELECT a.*,
                  length(a.t_debtor_id) = 9 AND ltrim(a.t_debtor_id, {digits}) = ''
                    AS nine_digits,
                  replace(replace(a.t_order_amount, '₪', ''), ' ', '') AS amount_bare
                FROM (
                  SELECT s.id, s.line_number, s.n_present, {plain} AS plain, {blank} AS blank,
                    {", ".join(f"{cell(n)} AS t_{n}" for n in FIELDS)}
                  FROM {STAGE} s
                  {unchecked}
                  OFFSET 0
                ) a
                WHERE NOT (a.plain AND a.blank)
                OFFSET 0
              ) a
              LEFT JOIN {TERMS} t ON t.code_upper = upper(a.t_authority COLLATE "C")
              LEFT JOIN {DAYS} r ON r.form = a.t_received_on
              LEFT JOIN {DAYS} n ON n.form = a.t_answered_on
              OFFSET 0
            ) b
            OFFSET 0
          ) c
          OFFSET 0
        ) c
        OFFSET 0
      ) e
      OFFSET 0
    ) f
    OFFSET 0
  ) g
  OFFSET 0
) w
{checked_in_python}"""


def check_the_rest(layout: Layout, check) -> None:
    """The lines the SQL does not read as Python would: checked by `check_line`, their
    results written over the SQL's (a row blank by Python's idea of blank is dropped)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {CHECKED} WHERE python")
        if not cursor.fetchone()[0]:
            return
        cursor.execute(f"CREATE TEMPORARY TABLE {PYTHON_CHECKED} (id bigint, checked jsonb)")
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        dropped: list[int] = []
        cells = ", ".join(f"s.{c}" for c in layout.columns)
        with connection.connection.cursor(name="garnishment_python_lines") as lines:
            lines.itersize = 2000
            lines.execute(
                f"SELECT s.id, s.line_number, s.n_present, ARRAY[{cells}]::text[] "
                f"FROM {STAGE} s JOIN {CHECKED} c ON c.id = s.id WHERE c.python ORDER BY s.id"
            )
            for line_id, number, present, values in lines:
                values = [value if value is not None else "" for value in values]
                if layout.direct:
                    if not any(value.strip() for value in values):
                        dropped.append(line_id)
                        continue
                    row = _rows(layout.header, values)
                else:
                    names = [name for name in layout.header if name]
                    row = dict(zip(names[:present], values[:present], strict=True))
                writer.writerow([line_id, as_json(check(number, row))])
        buffer.seek(0)
        cursor.cursor.copy_expert(f"COPY {PYTHON_CHECKED} FROM STDIN WITH (FORMAT csv)", buffer)
        if dropped:
            cursor.execute(f"DELETE FROM {CHECKED} WHERE id = ANY(%s)", [dropped])
        assignments = ", ".join(
            f"{name} = {expression}"
            for name, expression in zip(CHECKED_COLUMNS, from_json("p.checked"), strict=True)
        )
        cursor.execute(
            f"UPDATE {CHECKED} c SET {assignments}, python = false, "
            f"k_num = p.checked->>'order_number' FROM {PYTHON_CHECKED} p WHERE c.id = p.id"
        )
        cursor.execute(f"DROP TABLE {PYTHON_CHECKED}")
