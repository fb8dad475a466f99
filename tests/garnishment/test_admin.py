"""The garnishment admin answers every page of every model without a server error, and keeps
history pages to models that keep history (issue 11)."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib import admin
from django.urls import reverse

from garnishment.services import payment_record, statements_produce
from taxportal.roles import Role

from .helpers import good_row, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def everything(bank, city, submitter, clerk):
    """One of each row the admin lists: a report with every kind of line, a statement, a
    payment, an index value."""
    from .factories import enter_cpi

    enter_cpi({2016: "100"})
    submit(
        bank,
        submitter,
        [good_row(), good_row(order_number="A-2", debtor_name=""), good_row(order_number="")],
    )
    statements_produce(period=date(2026, 5, 1))
    payment_record(
        authority=city,
        third_party=bank,
        period=date(2026, 5, 1),
        amount=Decimal("19.00"),
        paid_on=date(2026, 6, 20),
        reference="T",
        actor=clerk,
    )


def test_every_garnishment_admin_page_answers_without_a_server_error(client, make_user, everything):
    user = make_user(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    client.force_login(user)
    checked = 0
    for model in admin.site._registry:
        if model._meta.app_label != "garnishment":
            continue
        name = f"admin:garnishment_{model._meta.model_name}"
        urls = [reverse(f"{name}_changelist"), reverse(f"{name}_add")]
        instance = model.objects.first()
        if instance is not None:
            urls += [
                reverse(f"{name}_change", args=[instance.pk]),
                reverse(f"{name}_history", args=[instance.pk]),
                reverse(f"{name}_delete", args=[instance.pk]),
            ]
        for url in urls:
            response = client.get(url)
            assert response.status_code < 500, url
            checked += 1
    assert checked >= 40  # 12 models, most with rows
