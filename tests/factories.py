"""Factories shared by every app's tests."""

import factory
from django.contrib.auth.models import Group

from taxportal.models import User

# Valid Israeli identity numbers (check digit correct) for tests.
VALID_NATIONAL_IDS = [
    "302466339", "629923129", "973669468", "164808941", "197222334",
    "819248659", "226339208", "590819355", "882204829", "177844834",
]  # fmt: skip
TEST_PASSWORD = "test-pass-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=[str(r) for r in extracted]))
        if create:
            self.save()
