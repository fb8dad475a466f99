"""The temporary tables of one billing: the authorities' terms, the days a date may name, the
checked lines."""

from datetime import date

from django.db import connection

from .common import CHECKED, DAYS, TEMPORARY, TERMS
from .expressions import DAY_FORMS


def create_tables(terms: list[tuple], today: date) -> None:
    with connection.cursor() as cursor:
        for name in TEMPORARY:
            cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{name}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {TERMS} (authority_id bigint PRIMARY KEY, code_upper text "
            "UNIQUE, commencement date, notice_from date, term_days int)"
        )
        if terms:
            cursor.execute(
                f"INSERT INTO {TERMS} SELECT * FROM unnest(%s::bigint[], %s::text[], %s::date[], "
                "%s::date[], %s::int[])",
                [list(column) for column in zip(*terms, strict=True)],
            )
        # Each form once by construction (a day written one way); no index: the checks
        # hash-join it, and keeping an index on 20,000 rows cost more than filling them.
        cursor.execute(f"CREATE TEMPORARY TABLE {DAYS} (form text NOT NULL, day date NOT NULL)")
        cursor.execute(
            f"INSERT INTO {DAYS} SELECT to_char(d, f), d::date "
            "FROM generate_series(DATE '2000-01-01', %s::date, interval '1 day') d, "
            "unnest(%s::text[]) f",
            [today, list(DAY_FORMS)],
        )
        cursor.execute(f"ANALYZE {DAYS}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {CHECKED} (id bigint, line_number int, n_present int, "
            "python boolean, rejected boolean, withheld boolean, authority_id bigint, "
            "order_number text, debtor_id_kind text, debtor_id text, debtor_name text, "
            "received_on date, order_amount numeric, answered_on date, case_number text, "
            "order_kind text, garnishment_order_number text, assets_found boolean, pkeys text[], "
            "pjson jsonb, raw text, k_num text, dok boolean NOT NULL DEFAULT false)"
        )
