"""The demo data of part 2.3: declarations in every status, a blocked pair, a wrong and a merged
supplier; loaded twice without harm."""

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
