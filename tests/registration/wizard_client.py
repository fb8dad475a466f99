"""Driving the wizard with plain form posts, as a browser without JavaScript would."""

import re

from django.urls import reverse

from .factories import ANSWERS

START = reverse("registration:start")


def step_url(step: str) -> str:
    return reverse("registration:step", args=[step])


def post(client, url, data=None, op="next", **kwargs):
    return client.post(url, {**(data or {}), "op": op}, **kwargs)


def enter(client, national_id, action="register", **kwargs):
    return post(
        client,
        START,
        {"method": "national_id", "national_id": national_id, "action": action},
        **kwargs,
    )


def further_answers(response) -> dict[str, str]:
    """Answers to whichever further questions were drawn on the page."""
    return {name: ANSWERS[name] for name in response.context["form"].fields}


CONTACT = {
    "mobile": "050-234-5678",
    "email": "citizen@example.com",
    "channel": "email",
    "consent_sms": "no",
    "consent_email": "yes",
    "terms": "on",
}


def without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
