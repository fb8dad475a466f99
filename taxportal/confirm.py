"""A "check your answers" step before an action that cannot be undone (issue 16).

Printing a badge, approving or paying a refund, recording a payment, sending a decision: a
slip of the finger must not do them. The first POST of a valid form only shows what will happen
and to whom, with the answers given; the page posts the same answers again with
`confirmed=yes`, and only that POST acts. A form with errors goes its usual way (the errors are
shown at once, there is nothing to confirm yet).

    response = confirmation_needed(request, form, what=..., action_url=..., back_url=...)
    if response:
        return response
    ... act as before ...

The services are unchanged: confirmation is a matter for the pages.
"""

from datetime import date
from typing import TYPE_CHECKING

from django import forms
from django.db import models
from django.shortcuts import render
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

CONFIRMED = "confirmed"
_NOT_RESENT = {"csrfmiddlewaretoken", CONFIRMED}


def is_confirmed(request) -> bool:
    return request.POST.get(CONFIRMED) == "yes"


def _shown(field: forms.Field, value) -> str:
    if value in (None, "", [], ()):
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | models.QuerySet):
        return ", ".join(_shown(field, item) for item in value)
    choices = dict(getattr(field, "choices", None) or [])
    return str(choices.get(value, value))


def answers(form: forms.Form) -> list[tuple[str, str]]:
    """The form's answers as label and value, in the reader's language."""
    return [
        (str(bound.label), _shown(bound.field, form.cleaned_data.get(name)))
        for name, bound in ((bf.name, bf) for bf in form)
        if not bound.is_hidden
    ]


def resent_fields(request) -> list[tuple[str, str]]:
    """The posted values, to be sent again unchanged as hidden inputs."""
    return [
        (key, value)
        for key in request.POST
        if key not in _NOT_RESENT
        for value in request.POST.getlist(key)
    ]


def confirmation_needed(
    request,
    form: forms.Form,
    *,
    title: "StrOrPromise",
    what: str,
    action_url: str,
    back_url: str,
    button: str,
):
    """The confirmation page when a valid form came without confirmation; None when the action
    may go ahead (confirmed) or when the form has errors for its page to show."""
    if is_confirmed(request) or not form.is_valid():
        return None
    return render(
        request,
        "confirm.html",
        {
            "title": title,
            "what": what,
            "answers": answers(form),
            "resent": resent_fields(request),
            "action_url": action_url,
            "back_url": back_url,
            "button": button,
        },
    )


def sentence(text: str, **params) -> str:
    """A translated sentence whose parameters (names, numbers, amounts) are isolated in <bdi>,
    so a Hebrew name in an English sentence, or the reverse, reads in its own direction."""
    return mark_safe(
        conditional_escape(text)
        % {name: format_html("<bdi>{}</bdi>", value) for name, value in params.items()}
    )
