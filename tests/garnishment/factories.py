"""Third parties, authorities and their links, ready to bill."""

from datetime import date

import factory
from django.core.files.base import ContentFile

from garnishment.models import (
    AuthorityMembership,
    CpiValue,
    ServiceArrangement,
    ServingAuthority,
    SubmitterMembership,
    ThirdParty,
)

COMPANY_NUMBERS = ["520000472", "513000000", "510000003", "520018078", "510000011", "510000029"]


class ThirdPartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThirdParty

    name = factory.Sequence(lambda n: f"Bank {n}")
    company_number = factory.Sequence(lambda n: COMPANY_NUMBERS[n % len(COMPANY_NUMBERS)])
    status = ThirdParty.Status.PUBLISHED
    security_officer_name = "Rina Security"
    security_officer_national_id = "302466339"
    security_officer_email = "ciso@bank.example"
    security_officer_phone = "03-5555555"
    form1_file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 signed", name="form1.pdf"))
    form1_signer_name = "Avi Signer"
    form1_signer_national_id = "629923129"
    form1_signer_role = "CEO"
    form1_signed_on = date(2025, 11, 1)
    published_on = date(2025, 12, 1)


class ServingAuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServingAuthority

    code = factory.Sequence(lambda n: f"AUTH{n}")
    name = factory.Sequence(lambda n: f"Municipality {n}")
    kind = ServingAuthority.Kind.LOCAL
    commencement_on = date(2026, 1, 1)


class ServiceArrangementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceArrangement

    authority = factory.SubFactory(ServingAuthorityFactory)
    third_party = factory.SubFactory(ThirdPartyFactory)
    notice_on = date(2026, 1, 1)


def link_submitter(user, third_party):
    SubmitterMembership.objects.create(user=user, third_party=third_party)
    return user


def link_clerk(user, authority):
    AuthorityMembership.objects.create(user=user, authority=authority)
    return user


def enter_cpi(values: dict[int, str]):
    for year, index in values.items():
        CpiValue.objects.create(
            year=year,
            december_index=index,
            base_period="average 2014 = 100",
            source="test",
            published_on=date(year, 12, 15),  # mid-December, before the change day it feeds
        )
