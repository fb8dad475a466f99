"""Checking and billing a report's lines set-based, on PostgreSQL (GAR-5 to GAR-11): the same
results, line by line, as `processing._Biller` applying `lines.check_line` and the rules to one
line at a time, at the speed of the database.

1. The lines go into a temporary staging table. A CSV file in UTF-8 with no quote character
   and every row as wide as its header is sent to `COPY FROM STDIN` unchanged; any other file
   is read by the Python readers and its rows copied in. Each staged line takes its report line
   id there, in line order.
2. Every field is checked in one `INSERT … SELECT`: trimmed texts, pattern-guarded casts for
   dates and amounts, the identity number's check digit as arithmetic on nine digits, the
   serving authority by a join. The SQL covers a line whose cells hold only printable ASCII,
   Hebrew letters and the shekel sign (where its string functions mean what Python's do) and
   whose dates are written as `parse_date` reads them; any other line is checked by
   `check_line` itself and its result written back.
3. Orders: one aggregate per (authority, order number) joined to the orders already billed;
   each order's fee decided from its first received date (GAR-7, GAR-15) and written by one
   `INSERT … ON CONFLICT`. Withheld lines of earlier reports that a line completes: one
   `UPDATE … FROM`. Lines: one `INSERT … SELECT` with a window over each order of several
   lines, in line order, for the 2 → 19 upgrade and the withheld lines a later line completes;
   an order of one line (the common case) is billed without a window. The number of
   statements does not depend on the number of lines.

The caller (`report_process`) holds the third party's row lock, so the orders read here do not
change until the transaction ends; the unique (third party, authority, order number) constraint
stays the last word on "once per order".
"""
