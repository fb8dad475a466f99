from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_noop
from rest_framework.authtoken.models import Token

from garnishment.selectors import third_party_of
from taxportal.audit import audit_record
from taxportal.models import User
from taxportal.roles import perm
from taxportal.texts import said


class Command(BaseCommand):
    help = "Issue (or show) the API token a third-party submitter sends its reports with."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--rotate", action="store_true", help="Replace an existing token.")

    def handle(self, *args, username, rotate=False, **options):
        user = User.objects.filter(username=username).first()
        if user is None or not user.has_perm(perm("submit_garnishment_reports")):
            raise CommandError(f"{username!r} is not a third-party submitter.")
        if third_party_of(user) is None:
            raise CommandError(f"{username!r} is not linked to a third party.")
        if rotate:
            Token.objects.filter(user=user).delete()
        token, created = Token.objects.get_or_create(user=user)
        if created:
            audit_record(
                actor=None,
                action=gettext_noop("API token issued"),
                target=user,
                reason=said(gettext_noop("command")),
            )
        self.stdout.write(token.key)
