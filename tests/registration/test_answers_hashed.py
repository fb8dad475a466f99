"""REG-11: the Authority's answers are reference data kept only as keyed hashes of their
normalised forms, loaded by a command from an export; never readable or editable in the
database or the admin; records are never deleted by hand, and every change is kept in history."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from registration import rules, selectors, services
from registration.models import TaxpayerRecord
from taxportal.models import AuditEvent, User

pytestmark = pytest.mark.django_db
KNOWN = "302466339"
# Answers an administrator must never be able to read, in the forms they could appear in.
SECRETS = {
    "work_grant_claim_number": ("7731-2045", "77312045"),
    "phone_password": ("ab123", "AB123"),
    "passport_number": ("23456781",),
    "parent_national_ids": ("067891234", "67891234"),
    "income_tax_refund_accounts": ("12-600-123456", "12600123456"),
    "vat_refund_accounts": ("10-800-654321", "10800654321"),
}
ENTRY = {
    "national_id": KNOWN,
    "first_name": "Noa",
    "last_name": "Levi",
    "work_grant_claim_number": "7731-2045",
    "phone_password": "ab123",
    "passport_number": "23456781",
    "id_issue_date": "2015-02-01",
    "parent_national_ids": ["067891234"],
    "income_tax_refund_accounts": ["12-600-123456"],
    "vat_refund_accounts": ["10-800-654321"],
    "vehicle_numbers": ["12-345-67"],
}


def export(tmp_path, *entries, name="ita-export.json"):
    path = tmp_path / name
    path.write_text(json.dumps({"records": list(entries)}), encoding="utf-8")
    return path


def all_text_in(*tables) -> str:
    with connection.cursor() as cursor:
        rows = []
        for table in tables:
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            rows += cursor.fetchall()
    return repr(rows)


def test_reg_11_no_answer_is_readable_in_the_database(tmp_path):
    call_command("load_taxpayer_records", export(tmp_path, ENTRY), verbosity=0)
    stored = all_text_in(
        "registration_taxpayerrecord",
        "registration_historicaltaxpayerrecord",
        "taxportal_auditevent",
    )
    for forms in SECRETS.values():
        for form in forms:
            assert form not in stored
    assert "Noa" in stored  # the name is kept: the portal greets the citizen by it


def test_reg_11_loaded_answers_still_match_after_normalising(tmp_path):
    call_command("load_taxpayer_records", export(tmp_path, ENTRY), verbosity=0)
    record = selectors.taxpayer_record(KNOWN)
    assert rules.high_level_passes({"work_grant_claim_number": "7731 2045"}, record)
    assert rules.high_level_passes({"phone_password": "AB-123"}, record)
    assert not rules.high_level_passes({"phone_password": "ab124"}, record)
    assert rules.answer_matches("id_issue_date", {"id_issue_date": "01022015"}, record)
    # The same digits as another kind of fact do not match (the kind is part of the hash).
    assert not rules.answer_matches("vehicle_number", {"vehicle_number": "77312045"}, record)
    check = services.identity_check_high(
        national_id=KNOWN,
        answers={"work_grant_claim_number": "77312045"},
        action="register",
        remote_addr="192.0.2.1",
    )
    assert check.level == "high"


def test_reg_11_the_hashes_are_keyed(tmp_path, settings):
    call_command("load_taxpayer_records", export(tmp_path, ENTRY), verbosity=0)
    settings.REGISTRATION_ANSWER_KEY = "another-key-another-key-another-key"
    record = selectors.taxpayer_record(KNOWN)
    # Without the key the hashes were made with, nothing matches (and nothing can be guessed
    # from the table alone).
    assert not rules.high_level_passes({"phone_password": "ab123"}, record)


def test_reg_11_an_unreadable_export_is_refused_whole(tmp_path):
    bad = {**ENTRY, "national_id": "973669468", "id_issue_date": "15/06/2012"}
    with pytest.raises(CommandError, match="entry 2: id_issue_date"):
        call_command("load_taxpayer_records", export(tmp_path, ENTRY, bad), verbosity=0)
    assert not TaxpayerRecord.objects.exists()
    renamed = {**ENTRY, "passport": "1"}
    with pytest.raises(CommandError, match="unknown fields: passport"):
        call_command("load_taxpayer_records", export(tmp_path, renamed), verbosity=0)


def test_reg_11_every_load_is_kept_in_history_and_audited(tmp_path):
    call_command("load_taxpayer_records", export(tmp_path, ENTRY), verbosity=0)
    again = {**ENTRY, "vehicle_numbers": ["98-765-43"]}
    call_command("load_taxpayer_records", export(tmp_path, again, name="next.json"), verbosity=0)
    record = TaxpayerRecord.objects.get()
    assert [h.source for h in record.history.order_by("history_date")] == [
        "ita-export.json",
        "next.json",
    ]
    assert AuditEvent.objects.filter(action="taxpayer records loaded").count() == 2


def test_reg_11_the_admin_neither_shows_nor_edits_nor_deletes_an_answer(tmp_path, client):
    call_command("load_taxpayer_records", export(tmp_path, ENTRY), verbosity=0)
    record = TaxpayerRecord.objects.get()
    client.force_login(User.objects.create_superuser("root", "root@example.com", "x"))
    pages = [
        reverse("admin:registration_taxpayerrecord_changelist"),
        reverse("admin:registration_taxpayerrecord_change", args=[record.pk]),
        reverse("admin:registration_taxpayerrecord_history", args=[record.pk]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        for forms in SECRETS.values():
            for form in forms:
                assert form not in html
        assert record.answer_digests["phone_password"][0] not in html  # nor its hash
    change = reverse("admin:registration_taxpayerrecord_change", args=[record.pk])
    client.post(change, {"national_id": KNOWN, "first_name": "Planted"})
    record.refresh_from_db()
    assert record.first_name == "Noa"
    assert client.get(reverse("admin:registration_taxpayerrecord_add")).status_code == 403
    delete = reverse("admin:registration_taxpayerrecord_delete", args=[record.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert TaxpayerRecord.objects.filter(pk=record.pk).exists()
    for model in ("registration", "identityattempt"):
        url = reverse(f"admin:registration_{model}_changelist")
        assert "delete_selected" not in client.get(url).content.decode()
