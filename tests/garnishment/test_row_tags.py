"""The garnishment rows' own formatting (garnishment_rows): the same text as the shared filters
they stand in for."""

from datetime import UTC, datetime

import pytest

from garnishment.templatetags.garnishment_rows import _moment
from taxportal.templatetags.money import moment


@pytest.mark.parametrize(
    "value, shown",
    [
        # Summer: Jerusalem is UTC+3, 05:07 UTC is 08:07 there.
        (datetime(2026, 7, 1, 5, 7, tzinfo=UTC), "01/07/2026 08:07"),
        # Winter: UTC+2, 22:30 UTC on 31 January is 00:30 on 1 February there.
        (datetime(2026, 1, 31, 22, 30, tzinfo=UTC), "01/02/2026 00:30"),
        # Not an aware moment: left to the shared filter.
        (datetime(2026, 3, 4, 9, 5), "04/03/2026 09:05"),
        (None, ""),
    ],
)
def test_issue_18_a_rows_moment_is_the_moment_filters(value, shown):
    assert _moment(value) == shown
    assert moment(value) == shown
