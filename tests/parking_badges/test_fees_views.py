"""The fee desk, refunds, importer and enforcement pages: roles, outcomes, query counts."""

from datetime import date

import pytest
from django.urls import reverse

from parking_badges import services
from parking_badges.models import (
    EnforcementAuthority,
    ImporterVehicleFile,
    OwnershipTransfer,
)
from parking_badges.rules import OwnerRelation
from taxportal import paging
from taxportal.models import AuditEvent
from taxportal.roles import Role
from tests.factories import VALID_NATIONAL_IDS

from .factories import Holder

pytestmark = pytest.mark.django_db


def refund_for(holder):
    return services.refund_request_record(
        person=holder.person, vehicle=holder.vehicle, kind="owner",
        owner_relation=OwnerRelation.SELF, requested_on=date(2026, 2, 1),
        approving_body="department_doctor", approval_date=date(2025, 7, 2),
        ownership_date=date(2022, 1, 1), actor=None,
    )  # fmt: skip


@pytest.mark.parametrize(
    "name, args",
    [
        ("fee_desk", []),
        ("fee_vehicle", ["1234567"]),
        ("fee_transfer", ["1234567"]),
        ("refund_new", ["1234567"]),
        ("refund", [1]),
    ],
)
def test_badge_55_fee_pages_for_clerks_only(client_as, client, name, args):
    url = reverse(f"parking_badges:{name}", args=args)
    assert client.get(url).status_code == 302  # anonymous: log in
    assert client_as(Role.INSPECTOR).get(url).status_code == 403
    assert client_as(Role.IMPORTER_CLERK).get(url).status_code == 403


def test_badge_55_importer_screen_for_importer_clerks_only(client_as):
    url = reverse("parking_badges:importer")
    assert client_as(Role.LICENSING_CLERK).get(url).status_code == 403
    response = client_as(Role.IMPORTER_CLERK).get(url)
    assert response.status_code == 200
    assert "Customs" in response.content.decode() or "מכס" in response.content.decode()


def test_badge_34_clerk_records_a_transfer_through_the_page(
    client_as, django_capture_on_commit_callbacks
):
    holder = Holder(paid_reduced=True)
    client = client_as(Role.LICENSING_CLERK)
    url = reverse("parking_badges:fee_transfer", args=[holder.vehicle.number])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "seller": holder.person.national_id,
                "cause": "sale",
                "buyer_national_id": VALID_NATIONAL_IDS[6],
                "buyer_name": "Buyer",
                "buyer_phone": "052-987-6543",
                "transferred_on": "2025-07-02",
                "transfer_fee_payer": "seller",
                "confirmed": "yes",
            },
        )
    assert response.status_code == 302
    transfer = OwnershipTransfer.objects.get()
    assert transfer.recorded_by == client.user
    assert transfer.buyer_phone == "+972529876543"  # the SMS number, in international form
    page = client.get(response.url).content.decode()
    assert ">16<" in page


def test_badge_34_transfer_rule_errors_shown_on_the_form(client_as):
    holder = Holder()
    client = client_as(Role.LICENSING_CLERK)
    response = client.post(
        reverse("parking_badges:fee_transfer", args=[holder.vehicle.number]),
        {
            "seller": VALID_NATIONAL_IDS[9],  # not a holder
            "cause": "sale",
            "buyer_national_id": "123",
            "buyer_name": "",
            "transferred_on": "2025-07-02",
            "transfer_fee_payer": "seller",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "error-summary" in body
    assert not OwnershipTransfer.objects.exists()


def test_badge_41_refund_approved_and_paid_through_the_pages(client_as):
    holder = Holder()
    refund = refund_for(holder)
    client = client_as(Role.MOBILITY_CLERK)
    page = client.get(reverse("parking_badges:refund", args=[refund.pk]))
    assert page.status_code == 200
    client.post(
        reverse("parking_badges:refund_approve", args=[refund.pk]),
        {"note": "ok", "confirmed": "yes"},
    )
    refund.refresh_from_db()
    assert refund.status == "approved"
    client.post(
        reverse("parking_badges:refund_paid", args=[refund.pk]),
        {"paid_on": "2026-03-01", "confirmed": "yes"},
    )
    refund.refresh_from_db()
    assert refund.status == "paid"
    assert AuditEvent.objects.filter(action="refund paid", actor=client.user).exists()


def test_badge_41_fee_desk_queries_constant_in_the_number_of_cases(
    client_as, monkeypatch, django_assert_max_num_queries, django_assert_num_queries
):
    """Same queries for 1 and 5 cases; refunds and differences page independently."""
    monkeypatch.setattr(paging, "PER_PAGE", 3)
    client = client_as(Role.LICENSING_CLERK)
    url = reverse("parking_badges:fee_desk")

    def add_cases(first_id, count):
        for index in range(count):
            holder = Holder(national_id=VALID_NATIONAL_IDS[first_id + index], paid_reduced=True)
            refund_for(holder)
            services.fee_difference_raise(
                vehicle=holder.vehicle, cause="transfer", from_date=date(2025, 7, 2),
                actor=None,
            )  # fmt: skip

    add_cases(0, 1)
    with django_assert_max_num_queries(12) as small:
        client.get(url)
    add_cases(1, 4)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url, {"differences_page": "2"})
    assert response.content.decode().count("/fees/refunds/") == 3
    assert response.context["refunds"].page.paginator.count == 5
    assert len(response.context["differences"].items) == 2
    assert "differences_page=2&amp;refunds_page=2" in response.content.decode()


def test_badge_46_importer_file_opened_and_overdue_flagged(client_as):
    Holder()
    client = client_as(Role.IMPORTER_CLERK)
    response = client.post(
        reverse("parking_badges:importer"),
        {
            "vehicle_number": "88-000-01",
            "vehicle_type": "private_car",
            "total_weight_kg": "1700",
            "manufactured_on": "2026-01-01",
            "importer_name": "Importer",
            "buyer_national_id": VALID_NATIONAL_IDS[0],
            "buyer_name": "Buyer",
            "entitlement_source": "national_insurance",
            "entitlement_originals": "on",
            "adaptation_codes": ["60"],
        },
    )
    assert response.status_code == 302
    importer_file = ImporterVehicleFile.objects.get()
    assert importer_file.vehicle.number == "8800001"
    response = client.post(
        reverse("parking_badges:importer_release", args=[importer_file.pk]),
        {"released_on": "2026-01-10", "customs_reference": "C-9"},
    )
    importer_file.refresh_from_db()
    assert importer_file.status == "released"
    assert (
        client.get(reverse("parking_badges:importer_file", args=[importer_file.pk])).status_code
        == 200
    )


def test_badge_51_enforcement_download_only_for_own_approved_authority(client_as, make_user):
    Holder()
    built = services.enforcement_file_build(month=date(2026, 3, 1))
    client = client_as(Role.INSPECTOR)
    approved = EnforcementAuthority.objects.create(name="City", privacy_approved=True)
    url = reverse("parking_badges:enforcement_download", args=[built.pk, approved.pk])
    assert client.get(url).status_code == 404
    approved.users.add(client.user)
    assert "City" in client.get(reverse("parking_badges:enforcement_files")).content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().startswith("vehicle_number,last_badge_issued_on")
    assert AuditEvent.objects.filter(action="enforcement file downloaded").count() == 1


def test_badge_46_importer_list_and_vehicle_page_queries_constant(
    client, make_user, django_assert_max_num_queries
):
    from .test_importer import open_file

    importer_clerk, fee_clerk = make_user(Role.IMPORTER_CLERK), make_user(Role.LICENSING_CLERK)
    holder = Holder(paid_reduced=True)
    pages = [
        (importer_clerk, reverse("parking_badges:importer")),
        (fee_clerk, reverse("parking_badges:fee_vehicle", args=[holder.vehicle.number])),
    ]

    def add_cases(count, first):
        for index in range(count):
            open_file(number=f"88{first + index:05d}")
            refund_for(holder)

    def query_counts(limits):
        counts = []
        for (user, url), limit in zip(pages, limits, strict=True):
            client.force_login(user)
            with django_assert_max_num_queries(limit) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured.captured_queries))
        return counts

    add_cases(1, 0)
    small = query_counts([30, 40])
    add_cases(4, 10)
    query_counts(small)


def test_badge_35_letter_only_for_a_party_without_phone_or_email(client_as):
    holder = Holder(paid_reduced=True)
    services.exemption_grant(
        person=holder.person, vehicle=holder.vehicle, owner_relation=OwnerRelation.SELF,
        starts_on=date(2025, 1, 1), actor=None,
    )  # fmt: skip
    transfer = services.transfer_record(
        vehicle=holder.vehicle, seller=holder.person, buyer_national_id=VALID_NATIONAL_IDS[6],
        buyer_name="Buyer", transferred_on=date(2025, 7, 2), cause="sale",
        transfer_fee_payer="buyer", actor=None,
    )  # fmt: skip
    clerk = client_as(Role.LICENSING_CLERK)

    def letter(pk, party):
        return clerk.get(reverse("parking_badges:transfer_letter", args=[pk, party]))

    assert letter(transfer.pk, "buyer").status_code == 200  # no phone, no e-mail
    assert letter(transfer.pk, "seller").status_code == 404  # the seller has both
    assert letter(transfer.pk, "nobody").status_code == 404
    assert letter(transfer.pk + 1000, "buyer").status_code == 404
    other = client_as(Role.INSPECTOR)
    url = reverse("parking_badges:transfer_letter", args=[transfer.pk, "buyer"])
    assert other.get(url).status_code == 403


@pytest.mark.parametrize(
    "query",
    [{"number": "9999999"}],  # a well-formed number no vehicle carries
)
def test_issue_16_unknown_vehicle_at_the_desk_says_what_to_do(client_as, query):
    client = client_as(Role.LICENSING_CLERK)
    response = client.get(reverse("parking_badges:fee_desk"), query)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in body
    assert "9999999" in body and 'href="#id_number"' in body


def test_issue_16_unknown_vehicle_page_answers_404_with_the_desk(client_as):
    client = client_as(Role.LICENSING_CLERK)
    response = client.get(reverse("parking_badges:fee_vehicle", args=["9999999"]))
    assert response.status_code == 404
    body = response.content.decode()
    assert 'id="error-summary"' in body and "9999999" in body
    # A number that is not a vehicle number at all gets the field's own message.
    garbage = client.get(reverse("parking_badges:fee_vehicle", args=["x" * 300]))
    assert garbage.status_code == 404 and 'id="error-summary"' in garbage.content.decode()


def test_issue_16_unknown_vehicle_is_not_shown_to_another_role(client_as):
    client = client_as(Role.INSPECTOR)
    assert client.get(reverse("parking_badges:fee_vehicle", args=["9999999"])).status_code == 403
    assert client.get(reverse("parking_badges:fee_desk"), {"number": "9999999"}).status_code == 403
