"""SQL expressions the checks are built of: a mapping as CASE, the identity number's check digit as
arithmetic, dates as `parse_date` reads them."""

from .common import quote


def case_map(expression: str, mapping: dict[str, str]) -> str:
    whens = " ".join(f"WHEN {quote(k)} THEN {quote(v)}" for k, v in mapping.items())
    return f"CASE {expression} {whens} END"


def _luhn_tables() -> tuple[str, str]:
    """The Luhn sums of every three digits, as array constants: digits at the plain, doubled,
    plain places of the number and at the doubled, plain, doubled places (stdnum.luhn: from
    the right, every second digit doubled with its digits summed, 2d less 9 from d = 5)."""

    def doubled(d: int) -> int:
        return 2 * d - 9 * (d >= 5)

    triples = [(a, b, c) for a in range(10) for b in range(10) for c in range(10)]
    plain_first = [a + doubled(b) + c for a, b, c in triples]
    doubled_first = [doubled(a) + b + doubled(c) for a, b, c in triples]
    return (
        "'{" + ",".join(map(str, plain_first)) + "}'::int[]",
        "'{" + ",".join(map(str, doubled_first)) + "}'::int[]",
    )


def luhn(n: str) -> str:
    """Whether the nine digits of the integer `n` pass the Luhn check (0 to 999999999)."""
    plain_first, doubled_first = _luhn_tables()
    return (
        f"(({plain_first})[{n} / 1000000 + 1] + ({doubled_first})[({n} / 1000) %% 1000 + 1] "
        f"+ ({plain_first})[{n} %% 1000 + 1]) %% 10 = 0"
    )


DIGITS = "'0123456789', '0000000000'"
# How `parse_date` reads most dates, looked up in a table of every day from 2000 to today.
DAY_FORMS = ("YYYY-MM-DD", "DD/MM/YYYY")
DMY_SHAPES = [
    f"{day}{sep}{month}{sep}0000" for sep in "/." for day in ("0", "00") for month in ("0", "00")
]


def date_sql(text: str, shape: str) -> tuple[str, str]:
    """(the date `text` names when written yyyy-mm-dd, yyyymmdd, d/m/yyyy or d.m.yyyy as
    `parse_date` reads it, else NULL; whether it is written one of those ways). `shape` is the
    text with every digit made 0."""
    slashed = f"replace({text}, '.', '/')"
    shapes = ", ".join(f"'{s}'" for s in DMY_SHAPES)
    parts = {
        "0000-00-00": (f"substr({text}, 1, 4)", f"substr({text}, 6, 2)", f"substr({text}, 9, 2)"),
        "00000000": (f"substr({text}, 1, 4)", f"substr({text}, 5, 2)", f"substr({text}, 7, 2)"),
    }
    whens = " ".join(
        f"WHEN {shape} = '{form}' THEN {_valid_date(*(f'{p}::int' for p in ymd))}"
        for form, ymd in parts.items()
    )
    dmy = tuple(f"split_part({slashed}, '/', {i})::int" for i in (3, 2, 1))
    value = f"CASE {whens} WHEN {shape} IN ({shapes}) THEN {_valid_date(*dmy)} END"
    return value, f"{shape} IN ('0000-00-00', '00000000', {shapes})"


def _valid_date(y: str, m: str, d: str) -> str:
    """The date when it exists (`date` refuses 31/02 and year 0), else NULL."""
    days = (
        "CASE WHEN m = 2 THEN CASE WHEN (y %% 4 = 0 AND y %% 100 <> 0) OR y %% 400 = 0 "
        "THEN 29 ELSE 28 END WHEN m IN (4, 6, 9, 11) THEN 30 ELSE 31 END"
    )
    return (
        f"(SELECT CASE WHEN y >= 1 AND m BETWEEN 1 AND 12 AND d BETWEEN 1 AND {days} "
        f"THEN make_date(y, m, d) END FROM (SELECT {y} AS y, {m} AS m, {d} AS d) p)"
    )
