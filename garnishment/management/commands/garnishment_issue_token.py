from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_noop

from garnishment.selectors import third_party_of
from taxportal.models import ApiToken, User
from taxportal.roles import perm
from taxportal.texts import said
from taxportal.tokens import api_token_issue, api_token_revoke


class Command(BaseCommand):
    help = (
        "Issue the API token a third-party submitter sends its reports with and print its key, "
        "shown this once (only a digest is kept). --rotate revokes the live token first."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--rotate", action="store_true", help="Revoke the live token first.")

    def handle(self, *args, username, rotate=False, **options):
        user = User.objects.filter(username=username).first()
        if user is None or not user.has_perm(perm("submit_garnishment_reports")):
            raise CommandError(f"{username!r} is not a third-party submitter.")
        if third_party_of(user) is None:
            raise CommandError(f"{username!r} is not linked to a third party.")
        live = list(ApiToken.objects.filter(user=user, revoked_at__isnull=True))
        if live and not rotate:
            raise CommandError(f"{username!r} has a live token: --rotate to replace it.")
        for token in live:
            api_token_revoke(
                token=token, actor=None, reason=said(gettext_noop("rotated by command"))
            )
        _token, key = api_token_issue(user=user, name="garnishment reports", actor=None)
        self.stdout.write(key)
