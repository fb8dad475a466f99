from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_noop

from taxportal.models import ApiToken, User
from taxportal.roles import is_citizen_only
from taxportal.texts import said
from taxportal.tokens import api_token_issue, api_token_revoke


class Command(BaseCommand):
    help = (
        "Issue an API token for an integrator's account (a customs agent, an inspector's "
        "system, the printing house...) and print its key, shown this once (only a digest is "
        "kept; it expires after API_TOKEN_LIFETIME_DAYS). --rotate revokes the account's live "
        "tokens first. Administrators can do the same in the admin (API tokens)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="What the token is for.")
        parser.add_argument("--rotate", action="store_true", help="Revoke the live tokens first.")

    def handle(self, *args, username, name="", rotate=False, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"{username!r} is not an active account.")
        if is_citizen_only(user):
            raise CommandError(f"{username!r} is a citizen: citizens have no API tokens.")
        live = list(ApiToken.objects.filter(user=user, revoked_at__isnull=True))
        if live and not rotate:
            raise CommandError(f"{username!r} has a live token: --rotate to replace it.")
        for token in live:
            api_token_revoke(
                token=token, actor=None, reason=said(gettext_noop("rotated by command"))
            )
        _token, key = api_token_issue(user=user, name=name or "issued by command", actor=None)
        self.stdout.write(key)
