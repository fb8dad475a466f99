"""The demo organisation transporting disabled people (BADGE-25) and the printing house's
account (BADGE-48)."""

from taxportal.demo import demo_user

from ..models import (
    DisabledPerson,
    OwnerKind,
    VehicleGround,
)
from ..reference import PRINTING_HOUSE_GROUP
from .cases import PRINTING_HOUSE_USER, _Demo, _id, _vehicle

ORGANISATION_DEMO_SEED = 140


def _organisation_demo(stdout) -> None:
    """BADGE-25: a holder driven in three vehicles of an organisation transporting disabled
    people: two badges (one vehicle, then the last two). Loaded once."""
    if DisabledPerson.objects.filter(national_id=_id(ORGANISATION_DEMO_SEED)).exists():
        return
    demo = _Demo(stdout)
    person = demo.approved(ORGANISATION_DEMO_SEED, "נתן", "גבאי", days_ago=30)
    for number in ("5800001", "5800002", "5800003"):
        vehicle = _vehicle(
            number, "580000000", kind=OwnerKind.ORGANISATION, restrictions=["60"], tariff_code="18"
        )
        demo.add(person, vehicle, 25, VehicleGround.ORGANISATION)
    demo.print(person, 18)
    demo.print_file(18)
    stdout.write("Badge demo: an organisation's three vehicles on two badges.")


def _printing_house_user(stdout) -> None:
    from django.contrib.auth.models import Group

    user = demo_user(username=PRINTING_HOUSE_USER, first_name="דפוס", last_name="בארי")
    user.groups.add(Group.objects.get(name=PRINTING_HOUSE_GROUP))
    stdout.write(f"Printing house account: {PRINTING_HOUSE_USER!r}.")
