"""The demo data of part 2.3: declarations in every status, a blocked pair, a wrong and a merged
supplier; loaded twice without harm."""

import re

import pytest
from django.core.management import call_command

from customs_valuation.declarations.choices import BlockKind, DeclarationStatus
from customs_valuation.declarations.models import Block, ImporterDeclaration, Supplier

pytestmark = pytest.mark.django_db


def test_demo_holds_declarations_in_every_status_and_a_blocked_pair():
    call_command("load_demo", force=True, verbosity=0)
    count = ImporterDeclaration.objects.count()
    call_command("load_demo", force=True, verbosity=0)
    assert ImporterDeclaration.objects.count() == count
    statuses = set(ImporterDeclaration.objects.values_list("status", flat=True))
    assert statuses == set(DeclarationStatus.values)
    active = Block.objects.filter(ended_at=None)
    assert set(active.values_list("kind", flat=True)) == set(BlockKind.values)
    assert Supplier.objects.filter(merged_into__isnull=False).count() == 1


def test_readme_walkthrough_takes_the_blocked_pair_out_of_its_block(client):
    from customs_valuation.declarations.models import CustomsHouse, Importer
    from taxportal.models import User

    call_command("load_demo", force=True, verbosity=0)
    arava = Importer.objects.get(number="510000029")
    kitchen = Supplier.objects.get(name="Guangzhou Kitchen Works")
    overdue = ImporterDeclaration.objects.get(importer=arava, supplier=kitchen)
    entry = {
        "importer": arava.pk, "supplier_number": kitchen.pk,
        "customs_house": CustomsHouse.objects.order_by("pk").first().pk,
        "kind": "regular", "goods_value": "900", "currency": "USD", "usd_value": "900",
    }  # fmt: skip
    client.force_login(User.objects.get(username="customs_agent"))
    refused = client.post("/customs/declarations/agent/entries/new/", entry | {"number": "W1"})
    assert 'id="refused"' in refused.content.decode()
    corrected = client.post(
        f"/customs/declarations/agent/declarations/{overdue.pk}/correct/",
        {
            "currency": "USD", "incoterm": "FOB", "payment_terms": "45 days",
            "signatory_name": "Director", "signed_on": overdue.signed_on.isoformat(),
        },
    )  # fmt: skip
    assert corrected.status_code == 302
    client.force_login(User.objects.get(username="customs_valuer"))
    queue = client.get("/customs/declarations/queue/").content.decode()
    # The corrected declaration waits on the first page of the valuer's queue.
    rows = queue[queue.index("<tbody") :]
    assert str(overdue.pk) in re.findall(r"/customs/declarations/declarations/(\d+)/", rows)
    client.post(f"/customs/declarations/declarations/{overdue.pk}/check/", {})
    overdue.refresh_from_db()
    assert overdue.status == DeclarationStatus.APPROVED
    client.force_login(User.objects.get(username="customs_agent"))
    filed = client.post("/customs/declarations/agent/entries/new/", entry | {"number": "W2"})
    assert filed.status_code == 302
