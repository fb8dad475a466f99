"""Factories for registration tests."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from registration import services
from registration.models import Channel, CitizenProfile, IdentificationLevel, TaxpayerRecord
from taxportal.roles import Role
from tests.factories import UserFactory

USER_CODE = "ABCD2345"


class TaxpayerRecordFactory(factory.Factory):
    """A record holding every fact, with known answers (see ANSWERS). Built as an entry of the
    Authority's export and stored by the same service as a real export: only keyed hashes."""

    class Meta:
        model = dict

    @classmethod
    def _create(cls, model_class, **entry):
        services.taxpayer_records_load(entries=[entry], source="tests")
        return TaxpayerRecord.objects.get(national_id=entry["national_id"])

    national_id = "302466339"
    first_name = "Noa"
    last_name = "Levi"
    work_grant_claim_number = "7731-2045"
    phone_password = "ab123"
    last_income_tax_refund_amount = Decimal("3420.00")
    last_assessment_number = "9041-2233"
    id_issue_date = datetime.date(2015, 2, 1)
    driving_licence_number = "5512347"
    passport_number = "23456781"
    has_valid_passport = True
    vehicle_numbers = factory.LazyFunction(lambda: ["12-345-67"])
    parent_national_ids = factory.LazyFunction(lambda: ["067891234"])
    income_tax_refund_accounts = factory.LazyFunction(lambda: ["12-600-123456"])
    last_income_tax_advance = Decimal("1250.00")
    vat_refund_accounts = factory.LazyFunction(lambda: ["10-800-654321"])
    last_vat_turnover = Decimal("48000.00")
    last_vat_report_period = 2
    last_vat_report_month = 4
    last_vat_report_year = 2026
    last_vat_report_amount = Decimal("8160.00")
    real_estate_report_codes = factory.LazyFunction(lambda: ["556677"])


# The answers a citizen would type for TaxpayerRecordFactory's facts, as typed (not normalised).
ANSWERS = {
    "work_grant_claim_number": "77312045",
    "phone_password": "AB123",
    "income_tax_refund_amount": "3,420",
    "assessment_number": "90412233",
    "id_issue_date": "01022015",
    "driving_licence_number": "5512347",
    "passport_number": "23456781",
    "vehicle_number": "1234567",
    "valid_passport": "yes",
    "parent_national_id": "67891234",
    "income_tax_refund_account": "12600123456",
    "income_tax_advance": "1,250",
    "vat_refund_account": "10-800-654321",
    "vat_turnover": "48000",
    "vat_report_period": "2",
    "vat_report_month": "4",
    "vat_report_year": "2026",
    "vat_report_amount": "8160.00",
    "real_estate_report_code": "556677",
}


class CitizenProfileFactory(factory.django.DjangoModelFactory):
    """A registered citizen whose user code is USER_CODE (password: the test password)."""

    class Meta:
        model = CitizenProfile

    user = factory.SubFactory(UserFactory, roles=[Role.CITIZEN])
    level = IdentificationLevel.HIGH
    user_code_hash = factory.LazyFunction(lambda: make_password(USER_CODE))
    user_code_issued_at = factory.LazyFunction(timezone.now)
    mobile = "+972502345678"
    email = "citizen@example.com"
    channel = Channel.EMAIL
    mobile_verified_at = factory.LazyFunction(timezone.now)
    email_verified_at = factory.LazyFunction(timezone.now)
    consent_sms = False
    consent_email = True
    terms_accepted_at = factory.LazyFunction(timezone.now)
