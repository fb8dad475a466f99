"""REG-23, no takeover: someone who knows the answers to a citizen's identity questions (a
relative) can no longer move the citizen's messages to their own e-mail and then recover the
user code there. The channel on record is told at once with a link that cancels the change;
the change waits 72 hours; recovery keeps using the old channel until then."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from registration import services
from registration.models import Channel, ContactChange, ContactVerification, Registration
from registration.schedule import BEAT_SCHEDULE

from .helpers import code_in, link_in
from .wizard_client import CONTACT, answer_high, enter, post, step_url

pytestmark = pytest.mark.django_db
KNOWN = "629923129"
OWNER = "citizen@example.com"
ATTACKER = "attacker@example.com"
CANCEL_LINK = re.compile(r"https?://\S+(/registration/contact-change/\S+/)")


def to(address):
    return [m for m in mail.outbox if m.to == [address]]


def attack(client, capture):
    """The relative's contact change, through the identity questions alone."""
    enter(client, KNOWN, action="update")
    answer_high(client)
    with capture(execute=True):
        return post(
            client,
            step_url("contact"),
            {**CONTACT, "email": ATTACKER, "channel": "email", "consent_sms": "yes"},
        )


def test_reg_23_takeover_through_the_questions_is_blocked_and_the_owner_told(
    registered, client, django_capture_on_commit_callbacks
):
    profile = registered()
    response = attack(client, django_capture_on_commit_callbacks)
    assert response.templates[0].name == "registration/outcome_updated.html"
    # The owner is told at once, on the channel on record, with a "this wasn't me" link.
    [notice] = to(OWNER)
    assert CANCEL_LINK.search(notice.body)
    # Nothing reaches the attacker's address, and nothing changed yet (consents included).
    assert to(ATTACKER) == []
    profile.refresh_from_db()
    assert (profile.email, profile.pending_email, profile.consent_sms) == (OWNER, "", False)
    # The second half of the attack: recovery sends the new user code to the OLD channel.
    client.cookies.clear()
    with django_capture_on_commit_callbacks(execute=True):
        enter(client, KNOWN, action="recover")
        assert answer_high(client).url == reverse("registration:code")
    assert to(ATTACKER) == []
    assert code_in(to(OWNER)[-1].body)
    assert Registration.objects.get(action="recover").email == OWNER


def test_reg_23_the_change_takes_effect_72_hours_later(
    registered, client, django_capture_on_commit_callbacks
):
    profile = registered()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        attack(client, django_capture_on_commit_callbacks)
    change = ContactChange.objects.get()
    assert change.effective_at == start + timedelta(hours=72)
    with time_machine.travel(start + timedelta(hours=71, minutes=59), tick=False):
        call_command("apply_contact_changes", verbosity=0)
    profile.refresh_from_db()
    assert profile.pending_email == "" and to(ATTACKER) == []
    with (
        time_machine.travel(start + timedelta(hours=72), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("apply_contact_changes", verbosity=0)
    profile.refresh_from_db()
    # Now it is applied as any change: consents at once, the new address after its link.
    assert (profile.consent_sms, profile.pending_email, profile.email) == (True, ATTACKER, OWNER)
    assert link_in(to(ATTACKER)[-1].body)
    assert ContactChange.objects.get().status == ContactChange.Status.APPLIED
    task = "registration.tasks.apply_due_contact_changes"
    assert task in {entry["task"] for entry in BEAT_SCHEDULE.values()}


def test_reg_23_this_wasnt_me_cancels_the_change(
    registered, client, django_capture_on_commit_callbacks
):
    profile = registered()
    attack(client, django_capture_on_commit_callbacks)
    path = CANCEL_LINK.search(to(OWNER)[0].body).group(1)
    page = client.get(path)  # a link scanner's visit changes nothing
    assert page.status_code == 200
    assert ContactChange.objects.get().status == ContactChange.Status.WAITING
    client.post(path)
    assert ContactChange.objects.get().status == ContactChange.Status.CANCELLED
    with time_machine.travel(timezone.now() + timedelta(hours=73), tick=False):
        call_command("apply_contact_changes", verbosity=0)
    profile.refresh_from_db()
    assert (profile.email, profile.pending_email, profile.consent_sms) == (OWNER, "", False)
    assert client.get("/registration/contact-change/forged:token/").status_code == 400


def test_reg_23_logged_in_at_the_high_level_a_change_follows_its_link_and_the_owner_is_told(
    registered, client, django_capture_on_commit_callbacks
):
    profile = registered(level="high")
    client.force_login(profile.user)
    url = reverse("registration:update_contact")
    data = {
        "mobile": "050-234-5678",
        "email": "new@example.com",
        "channel": "email",
        "consent_sms": "no",
        "consent_email": "yes",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, data)
    profile.refresh_from_db()
    assert profile.pending_email == "new@example.com"  # waiting for its link, not 72 hours
    assert CANCEL_LINK.search(to(OWNER)[-1].body)  # the old channel is told too
    client.post(link_in(to("new@example.com")[-1].body))
    profile.refresh_from_db()
    assert profile.email == "new@example.com"
    assert ContactVerification.objects.get().verified_at is not None


def test_reg_23_logged_in_at_the_low_level_a_change_waits_like_the_questions(
    registered, client, django_capture_on_commit_callbacks
):
    """Decision: the 72 hours apply unless the citizen is logged in at the high level."""
    profile = registered(level="low")
    with django_capture_on_commit_callbacks(execute=True):
        result = services.contact_change_request(
            profile=profile,
            mobile=profile.mobile,
            email=ATTACKER,
            channel=Channel.EMAIL,
            consent_sms=False,
            consent_email=True,
            actor=profile.user,
            language="he",
        )
    assert result.change.status == ContactChange.Status.WAITING
    assert to(ATTACKER) == [] and len(to(OWNER)) == 1
    client.force_login(profile.user)
    html = client.get(reverse("registration:personal_area")).content.decode()
    assert 'data-testid="waiting-change"' in html
