"""Lines and orders never point at an authority that is gone, though their tables carry no
database foreign key (issue 18): billing locks the authorities before its checks read them,
and deleting one locks it before Django's PROTECT looks for what refers to it (GAR-10)."""

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.db.models import ProtectedError
from django.urls import reverse

from garnishment.models import Order, ReportLine, ServingAuthority
from garnishment.services import serving_authority_delete
from taxportal.audit import audit_trail
from taxportal.roles import Role

from .factories import ServingAuthorityFactory
from .helpers import good_row, submit

WAIT = 30  # seconds a thread waits for the other before the test gives up


@pytest.fixture
def haifa(base_fees):
    """An authority nothing refers to yet (no arrangement): deletable until a line names it."""
    return ServingAuthorityFactory(code="HFA", name="Haifa")


@pytest.mark.django_db
def test_gar_10_an_authority_with_lines_cannot_be_deleted(bank, city, haifa, submitter):
    report, _ = submit(bank, submitter, [good_row(authority="HFA")])
    line = report.lines.get()
    assert line.authority_id == haifa.pk and line.status == ReportLine.Status.ACCEPTED

    with pytest.raises(ProtectedError):
        serving_authority_delete(authority=haifa, actor=None)

    assert ServingAuthority.objects.filter(pk=haifa.pk).exists()


@pytest.mark.django_db
def test_an_authority_nothing_refers_to_is_deleted(bank, city, haifa):
    serving_authority_delete(authority=haifa, actor=None)

    assert not ServingAuthority.objects.filter(pk=haifa.pk).exists()


@pytest.mark.django_db
def test_gar_10_the_admin_deletes_through_the_service(
    client, make_user, bank, city, haifa, submitter
):
    client.force_login(make_user(Role.ADMINISTRATOR, is_staff=True, is_superuser=True))
    submit(bank, submitter, [good_row(authority="HFA")])
    spare = ServingAuthorityFactory(code="EIL", name="Eilat")

    # Haifa has a line: the delete page refuses; Eilat has nothing: deleted, and audited.
    client.post(
        reverse("admin:garnishment_servingauthority_delete", args=[haifa.pk]), {"post": "yes"}
    )
    client.post(
        reverse("admin:garnishment_servingauthority_delete", args=[spare.pk]), {"post": "yes"}
    )

    assert set(ServingAuthority.objects.values_list("code", flat=True)) == {"TLV", "HFA"}
    assert [e.action for e in audit_trail(spare)] == ["serving authority deleted"]


@pytest.mark.django_db
def test_gar_10_a_line_arriving_after_the_confirmation_page_refuses_the_delete_politely(
    client, make_user, bank, city, haifa, submitter, monkeypatch
):
    """The confirmation page saw nothing referring to Haifa; a report naming it was billed
    before the POST (simulated: the page's check is told there is nothing): the delete is
    refused, rolled back, and the clerk told why on the authority's page."""
    from garnishment.admin import ServingAuthorityAdmin

    client.force_login(make_user(Role.ADMINISTRATOR, is_staff=True, is_superuser=True))
    submit(bank, submitter, [good_row(authority="HFA")])
    monkeypatch.setattr(
        ServingAuthorityAdmin,
        "get_deleted_objects",
        lambda self, objs, request: ([str(o) for o in objs], {}, set(), []),
    )
    response = client.post(
        reverse("admin:garnishment_servingauthority_delete", args=[haifa.pk]),
        {"post": "yes"},
        follow=True,
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse(
        "admin:garnishment_servingauthority_change", args=[haifa.pk]
    )
    assert "שורות דיווח מציינות כעת את הרשות: היא לא נמחקה." in response.content.decode()
    assert ServingAuthority.objects.filter(pk=haifa.pk).exists()
    assert "serving authority deleted" not in [e.action for e in audit_trail(haifa)]


def _wait_until_a_session_waits_for_a_lock() -> None:
    """Poll (no timing asserted): the other thread's statement is blocked on a row lock."""
    deadline = time.monotonic() + WAIT
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.02)
    raise AssertionError("no session waited for the lock")


def _run_both(first, second) -> dict[str, BaseException]:
    """`first` runs in a transaction held open until `second` waits for its lock."""
    errors: dict[str, BaseException] = {}
    done_first, release = threading.Event(), threading.Event()

    def run_first() -> None:
        try:
            with transaction.atomic():
                first()
                done_first.set()
                release.wait(WAIT)
        except BaseException as error:  # reported by the test
            errors["first"] = error
            done_first.set()
        finally:
            connections.close_all()

    def run_second() -> None:
        try:
            done_first.wait(WAIT)
            second()
        except BaseException as error:  # reported by the test
            errors["second"] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run_first), threading.Thread(target=run_second)]
    for thread in threads:
        thread.start()
    try:
        _wait_until_a_session_waits_for_a_lock()
    finally:
        release.set()
        for thread in threads:
            thread.join()
    return errors


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (SQLite locks all)"
)


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_gar_10_a_delete_racing_a_billing_waits_and_is_refused(bank, city, haifa, submitter):
    errors = _run_both(
        lambda: submit(bank, submitter, [good_row(authority="HFA")]),
        lambda: serving_authority_delete(authority=haifa, actor=None),
    )

    assert "first" not in errors
    assert isinstance(errors.get("second"), ProtectedError)
    assert ServingAuthority.objects.filter(pk=haifa.pk).exists()
    line = ReportLine.objects.get()
    assert (line.authority_id, line.status) == (haifa.pk, ReportLine.Status.ACCEPTED)
    assert Order.objects.get().authority_id == haifa.pk


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_gar_8_a_delete_before_the_billing_leaves_its_lines_unknown_authority(
    bank, city, haifa, submitter
):
    errors = _run_both(
        lambda: serving_authority_delete(authority=haifa, actor=None),
        lambda: submit(bank, submitter, [good_row(authority="HFA")]),
    )

    assert errors == {}
    assert not ServingAuthority.objects.filter(pk=haifa.pk).exists()
    # The billing waited for the delete, then checked its line against the authorities left.
    line = ReportLine.objects.get()
    assert (line.authority_id, line.status) == (None, ReportLine.Status.REJECTED)
    assert [p["code"] for p in line.problems] == ["unknown_authority"]
    assert not Order.objects.exists()
