"""Django's password validators, with wording that fits the portal's users (issue 16).

Django's own messages speak of "the user name" (citizens have none: they log in with their
identity number and user code) and most are missing from Django's Hebrew catalogue, so the
registration wizard showed them in English. The rules are Django's; only the words change, and
they are in the portal's catalogue in both languages.
"""

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self):
        return _(
            "The password is too like your own details (identity number, name or e-mail "
            "address): choose one that has nothing to do with them."
        )

    def get_help_text(self):
        return _("Do not build the password from your identity number, name or e-mail address.")


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "The password must be at least %(min_length)d character long.",
            "The password must be at least %(min_length)d characters long.",
            self.min_length,
        )

    def get_help_text(self):
        return ngettext(
            "Use at least %(min_length)d character.",
            "Use at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self):
        return _(
            "This password is one of the most common ones: choose one that is harder to guess."
        )

    def get_help_text(self):
        return _("Do not use a common password, like 12345678 or password.")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self):
        return _("The password cannot be digits only: add letters.")

    def get_help_text(self):
        return _("Mix letters with the digits.")
