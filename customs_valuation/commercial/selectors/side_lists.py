"""The commercial queue's side lists that a valuer, chief valuer or the unit sees whatever they
ask: the entries to verify (a page and its count up to the page's limit) and the guarantees
about to lapse, read with the policy's warning days in ONE statement instead of three compiled
queries (the entries' page with its count, the policy, the guarantees).

They take no user filter (only the user's houses, the day and the page asked), so their SQL is
fixed text written once per kind of user; it reads what `entries_to_value` and
`guarantees_expiring` read, in their order (tests compare them)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

from django.db import connection
from django.utils import timezone

from taxportal.models import User
from taxportal.paging import PageAsked

from ...declarations.models import Entry, Importer
from ...declarations.selectors.side_lists import houses_on_the_day_sql
from ..choices import ActorKind, CaseStatus, SecurityKind
from ..models import CaseSecurity, CommercialCase, CommercialPolicy
from ..selectors.cases import GUARANTEES_SHOWN
from ..services.common import actor_kind


@dataclass(frozen=True)
class SideLists:
    entries: list[Entry]
    entries_counted: int
    guarantees: list[CaseSecurity]


_VALUERS = {ActorKind.VALUER, ActorKind.CHIEF}

# Every part's rows have the same columns (UNION ALL): part, pos, i1, i2, t1, t2, t3, n1, d1.
_HEAD = (
    "SELECT 0 AS part, 0 AS pos, {count} AS i1, CAST(NULL AS BIGINT) AS i2,"
    " CAST(NULL AS TEXT) AS t1, CAST(NULL AS TEXT) AS t2, CAST(NULL AS TEXT) AS t3,"
    " CAST(NULL AS NUMERIC) AS n1, CAST(NULL AS DATE) AS d1"
)


@cache
def _sql(kind: str, vendor: str) -> dict[str, str]:
    """The statement's parts for a kind of user: the entries' count and page (valuers only),
    the guarantees (valuers and the unit)."""
    entry, importer = Entry._meta.db_table, Importer._meta.db_table
    case, security = CommercialCase._meta.db_table, CaseSecurity._meta.db_table
    policy = CommercialPolicy._meta.db_table
    houses = houses_on_the_day_sql()  # `houses_of` (params: user, day, day)
    entries_where = (
        f"en.customs_house_id IN ({houses}) AND en.archived_at IS NULL"
        " AND (en.thorough_examination OR en.released_at IS NULL)"
        f" AND NOT EXISTS (SELECT 1 FROM {case} ca WHERE ca.entry_id = en.id)"
    )
    days = (
        f"(SELECT po.guarantee_warning_days FROM {policy} po WHERE po.effective_from <= %s"
        " ORDER BY po.effective_from DESC LIMIT 1)"
    )
    # `policy_on(day)`'s warning days after the day (params: day, day); no policy: no row.
    if vendor == "sqlite":
        until = f"date(%s, '+' || {days} || ' days')"
    else:
        until = f"CAST(%s AS DATE) + {days}"
    open_cases = f"ca.status NOT IN ('{CaseStatus.ACCEPTED}', '{CaseStatus.VALUE_SET}')"
    if kind in _VALUERS:
        open_cases += f" AND ca.customs_house_id IN ({houses})"
    return {
        "count": (
            f"(SELECT COUNT(*) FROM (SELECT 1 AS one FROM {entry} en WHERE {entries_where}"
            "{cut}) counted)"
        ),
        "entries": (
            "SELECT 1 AS part, ROW_NUMBER() OVER (ORDER BY p.s, p.i1) AS pos,"
            " p.i1, p.i2, p.t1, p.t2, p.t3, p.n1, p.d1 FROM (SELECT en.id AS i1,"
            " CASE WHEN en.thorough_examination THEN 1 ELSE 0 END AS i2, en.number AS t1,"
            " im.name AS t2, en.currency AS t3, en.goods_value AS n1,"
            " CAST(NULL AS DATE) AS d1, en.filed_at AS s"
            f" FROM {entry} en JOIN {importer} im ON im.id = en.importer_id"
            f" WHERE {entries_where} ORDER BY en.filed_at, en.id LIMIT %s OFFSET %s) p"
        ),
        "guarantees": (
            "SELECT 2 AS part, ROW_NUMBER() OVER (ORDER BY p.d1, p.i1) AS pos,"
            " p.i1, p.i2, p.t1, p.t2, p.t3, p.n1, p.d1 FROM (SELECT se.id AS i1,"
            " se.case_id AS i2, en.number AS t1, se.reference AS t2,"
            " CAST(NULL AS TEXT) AS t3, CAST(NULL AS NUMERIC) AS n1, se.expires_on AS d1"
            f" FROM {security} se JOIN {case} ca ON ca.id = se.case_id"
            f" JOIN {entry} en ON en.id = ca.entry_id"
            f" WHERE se.kind = '{SecurityKind.BANK_GUARANTEE}' AND se.expires_on <= {until}"
            f" AND {open_cases} ORDER BY se.expires_on, se.id LIMIT {GUARANTEES_SHOWN}) p"
        ),
    }


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _amount(value) -> Decimal:
    """As the field reads it: SQLite keeps a NUMERIC column as an integer or a float."""
    return value if isinstance(value, Decimal) else Decimal(str(value)).quantize(Decimal("0.01"))


def side_lists(user: User, entries: PageAsked, day: date | None = None) -> SideLists:
    """The entries' page asked and their count up to its limit, and the guarantees about to
    lapse, in one statement (a row with the count, then each list's rows); a user who sees
    neither list reads nothing."""
    day = day or timezone.localdate()
    kind = actor_kind(user)
    if kind not in {*_VALUERS, ActorKind.UNIT}:
        return SideLists([], 0, [])
    sql = _sql(kind, connection.vendor)
    mine = [user.pk, day, day] if kind in _VALUERS else []
    guarantees_params: list = [day, day, *mine]
    if kind in _VALUERS:
        cut = entries.limit is not None
        count = sql["count"].replace("{cut}", " LIMIT %s" if cut else "")
        parts = [_HEAD.format(count=count), sql["entries"], sql["guarantees"]]
        statement = " UNION ALL ".join(parts)
        params = [
            *mine,
            *([entries.limit] if cut else []),
            *mine,
            entries.per_page,
            entries.start,
            *guarantees_params,
        ]
    else:  # the unit: every open case's guarantees, no entries
        statement = " UNION ALL ".join([_HEAD.format(count="0"), sql["guarantees"]])
        params = guarantees_params
    with connection.cursor() as cursor:
        cursor.execute(statement + " ORDER BY part, pos", params)
        found = cursor.fetchall()
    read = SideLists([], found[0][2], [])
    for part, _pos, i1, i2, t1, t2, t3, n1, d1 in found[1:]:
        if part == 1:
            read.entries.append(
                Entry(
                    id=i1,
                    number=t1,
                    importer=Importer(name=t2),
                    goods_value=_amount(n1),
                    currency=t3,
                    thorough_examination=bool(i2),
                )
            )
        else:
            shown_case = CommercialCase(id=i2, entry=Entry(number=t1))
            read.guarantees.append(
                CaseSecurity(id=i1, case=shown_case, reference=t2, expires_on=_day(d1))
            )
    return read
