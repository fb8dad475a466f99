"""A queue row's link built by replacement is the one `{% url %}` gives."""

import pytest
from django.urls import reverse

from taxportal.queues import link


@pytest.mark.parametrize("pk", [1, 123456, 2_147_483_648])
def test_a_case_link_is_the_reversed_one(pk):
    assert link("customs_valuation:case")(pk) == reverse("customs_valuation:case", args=[pk])


def test_the_arguments_after_the_id_stay_and_a_text_id_is_quoted_as_reverse_quotes_it():
    decide = link("customs_valuation:case_action", "appeal_decision")
    assert decide(7) == "/customs/cases/7/do/appeal_decision/"
    entry = link("customs_commercial:entry_open")
    for number in ["B000000001", "A B", "א-1"]:  # a space and Hebrew are percent-encoded
        assert entry(number) == reverse("customs_commercial:entry_open", args=[number])
    assert entry("A B") == "/customs/commercial/entries/A%20B/open/"
