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


def high_answers(client, wrong: bool = False) -> dict[str, str]:
    """An answer to the first question of the high-level set now shown (right or wrong)."""
    kind = client.get(step_url("high")).context["form"].kinds[0]
    return {kind: "1" if wrong else ANSWERS[kind]}


def answer_high(client, wrong: bool = False, **kwargs):
    return post(client, step_url("high"), high_answers(client, wrong), **kwargs)


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
