"""Index values as GAR-12 wants them, entered in the admin and shown on the schedule."""

from datetime import date

import pytest
from django.urls import reverse

from garnishment.models import CpiValue
from taxportal.roles import Role

from .factories import enter_cpi

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user(Role.ADMINISTRATOR, is_staff=True, is_superuser=True))
    return client


def entry(**fields) -> dict:
    return {
        "year": "2017",
        "measured_month": "11",
        "december_index": "101.2",
        "base_period": "average 2014 = 100",
        "linking_factor": "1",
        "source": "CBS press release",
        "published_on": "2017-12-15",
        **fields,
    }


def test_gar_12_the_admin_refuses_a_late_value_and_a_gap(admin_client):
    enter_cpi({2016: "100"})
    url = reverse("admin:garnishment_cpivalue_add")
    late = admin_client.post(url, entry(published_on="2018-01-01"))
    gap = admin_client.post(url, entry(year="2018", published_on="2018-12-14"))
    assert late.status_code == gap.status_code == 200  # the form again, with the errors
    assert admin_client.post(url, entry()).status_code == 302
    assert list(CpiValue.objects.values_list("year", flat=True)) == [2016, 2017]
    value = CpiValue.objects.get(year=2017)
    assert (
        admin_client.get(reverse("admin:garnishment_cpivalue_delete", args=[value.pk])).status_code
        == 403
    )


def test_gar_12_a_missing_year_is_shown_as_an_error_not_skipped(client, bank, submitter):
    enter_cpi({2016: "100", 2017: "101"})
    CpiValue.objects.create(
        year=2019,
        december_index="120",
        source="typed past the admin",
        published_on=date(2019, 12, 15),
    )
    client.force_login(submitter)
    page = client.get(reverse("garnishment:schedule"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="schedule-error"' in page and "2018" in page
    assert page.count("01/01/2020") == 1  # only as the day 2019 feeds: no change computed
