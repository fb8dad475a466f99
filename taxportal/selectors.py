from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.urls import reverse

from .models import Receipt
from .roles import START_PAGES


def start_page_for(user) -> str | None:
    """The URL where this user's work starts: the first of their roles in START_PAGES order."""
    if not user.is_authenticated:
        return None
    roles = set(user.roles)
    for role, url_name in START_PAGES.items():
        if role in roles:
            return reverse(url_name)
    if user.is_superuser:
        return reverse("admin:index")
    return None


def receipts_of(user, limit: int = 20) -> list[Receipt]:
    """The citizen's own receipts, newest first: one query."""
    return list(Receipt.objects.filter(owner=user).order_by("-received_at", "-id")[:limit])


def receipt_of(user, pk) -> Receipt:
    """The citizen's own receipt; another's, or no such receipt, is 404 (issue 15)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    receipt = Receipt.objects.filter(pk=pk, owner=user).first()
    if receipt is None:
        raise Http404
    return receipt


def receipt_for_case(user, case, event: str) -> Receipt | None:
    """The newest receipt the citizen was given for this event on this case."""
    return (
        Receipt.objects.filter(
            owner=user,
            event=event,
            case_type=ContentType.objects.get_for_model(case),
            case_id=str(case.pk),
        )
        .order_by("-id")
        .first()
    )
