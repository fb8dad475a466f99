"""The whole wizard with plain form posts (no JavaScript), step by step (REG-1 to REG-23)."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from registration.models import IdentityAttempt, Registration
from taxportal import sms
from taxportal.models import User

from .factories import ANSWERS, USER_CODE
from .helpers import last_emailed_code, last_texted_code
from .wizard_client import (
    CONTACT,
    START,
    enter,
    further_answers,
    post,
    step_url,
    without_tokens,
)

pytestmark = pytest.mark.django_db
KNOWN = "302466339"
UNKNOWN = "973669468"
LOW_ITEMS = {"id_issue_date": "01022015", "driving_licence_number": "5512347"}


def answer_low_level(client):
    post(client, step_url("high"), {"no_answers": "on"})
    more = client.get(post(client, step_url("low"), LOW_ITEMS).url)
    assert len(more.context["form"].fields) >= 2
    return post(client, step_url("more"), further_answers(more))


def test_reg_1_to_21_register_at_the_low_level_with_plain_form_posts(
    record, client, django_capture_on_commit_callbacks
):
    entry = client.get(START)
    assert entry.status_code == 200
    assert "מספר זהות" in entry.content.decode()
    response = enter(client, KNOWN)
    assert response.url == step_url("high")
    high = client.get(response.url)
    assert 'aria-current="step"' in high.content.decode()

    response = post(client, step_url("high"), {"no_answers": "on"})
    assert response.url == step_url("low")
    response = post(client, step_url("low"), LOW_ITEMS)
    assert response.url == step_url("more")
    more = client.get(response.url)
    response = post(client, step_url("more"), further_answers(more))
    assert response.url == step_url("contact")

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, step_url("contact"), CONTACT)
    assert response.url == reverse("registration:code")
    code_page = client.get(response.url).content.decode()
    assert "30" in code_page and "נמוכה" in code_page  # the level reached, in Hebrew

    response = post(client, reverse("registration:code"), {"user_code": "WRONG234"})
    assert "קוד המשתמש שגוי" in response.content.decode()
    code = last_emailed_code("citizen@example.com")
    response = post(client, reverse("registration:code"), {"user_code": code})
    assert response.url == reverse("registration:password")

    response = post(
        client, reverse("registration:password"), {"password1": "123", "password2": "123"}
    )
    assert response.status_code == 200 and response.context["form"].errors
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client,
            reverse("registration:password"),
            {"password1": "Gila-Hamsa-77", "password2": "Gila-Hamsa-77"},
        )
    assert response.url == reverse("registration:done")
    done = client.get(response.url).content.decode()
    assert "תהליך רישום הסתיים בהצלחה" in done

    response = client.post(
        reverse("registration:login"),
        {"national_id": KNOWN, "user_code": code.lower(), "password": "Gila-Hamsa-77"},
    )
    assert response.url == reverse("registration:personal_area")
    area = client.get(response.url).content.decode()
    assert "נמוכה" in area and "citizen@example.com" in area
    # The mobile (not the code's channel) got its verification link by SMS.
    assert "/registration/verify/" in sms.outbox[-1].body


def test_reg_6_register_at_the_high_level_with_sms(
    record, client, django_capture_on_commit_callbacks
):
    enter(client, KNOWN)
    response = post(client, step_url("high"), {"phone_password": ANSWERS["phone_password"]})
    assert response.url == step_url("contact")
    with django_capture_on_commit_callbacks(execute=True):
        post(client, step_url("contact"), {**CONTACT, "channel": "sms"})
    code = last_texted_code("+972502345678")
    assert "גבוהה" in client.get(reverse("registration:code")).content.decode()
    post(client, reverse("registration:code"), {"user_code": code})
    post(
        client,
        reverse("registration:password"),
        {"password1": "Gila-Hamsa-77", "password2": "Gila-Hamsa-77"},
    )
    user = User.objects.get(national_id=KNOWN)
    assert user.citizen_profile.level == "high"


def test_reg_4_wrong_check_digit_is_refused_before_any_question(record, client):
    response = enter(client, "302466338")
    assert response.status_code == 200
    assert 'href="#id_national_id"' in response.content.decode()
    assert not IdentityAttempt.objects.exists()
    assert client.get(step_url("high")).url == reverse("registration:expired")


def test_reg_4_short_numbers_are_padded(client, record):
    enter(client, "12345674", action="register")  # 012345674
    assert client.session["registration_wizard"]["national_id"] == "012345674"


def test_reg_3_back_keeps_what_was_typed(record, client):
    enter(client, KNOWN)
    post(client, step_url("high"), {"no_answers": "on"})
    response = post(client, step_url("low"), {"passport_number": "23456781"}, op="back")
    assert response.url == step_url("high")
    assert 'value="23456781"' in client.get(step_url("low")).content.decode()
    response = post(client, step_url("high"), {}, op="back")
    assert response.url == START
    html = client.get(START).content.decode()
    assert f'value="{KNOWN}"' in html


def test_reg_3_back_from_contact_details_keeps_them(record, client):
    enter(client, KNOWN)
    post(client, step_url("high"), {"phone_password": ANSWERS["phone_password"]})
    post(client, step_url("contact"), {**CONTACT, "email": "typed@example.com"}, op="back")
    assert 'value="typed@example.com"' in client.get(step_url("contact")).content.decode()


def test_reg_3_clear_empties_the_step(record, client):
    enter(client, KNOWN)
    post(client, step_url("high"), {"no_answers": "on"})
    post(client, step_url("low"), {"passport_number": "23456781"}, op="back")
    post(client, step_url("low"), {"passport_number": "23456781"}, op="clear")
    assert 'value="23456781"' not in client.get(step_url("low")).content.decode()
    post(client, START, {"national_id": KNOWN}, op="clear")
    assert f'value="{KNOWN}"' not in client.get(START).content.decode()


def test_reg_8_one_item_only_is_not_enough(record, client):
    enter(client, KNOWN)
    post(client, step_url("high"), {"no_answers": "on"})
    response = post(client, step_url("low"), {"passport_number": "23456781"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_reg_7_no_answer_and_no_tick_gives_a_new_set(record, client):
    enter(client, KNOWN)
    first = client.get(step_url("high")).context["form"]
    response = post(client, step_url("high"), {})
    assert response.url == step_url("high")
    page = client.get(step_url("high"))
    assert list(page.context["form"].fields) != list(first.fields)
    assert "אסופה חדשה" in page.content.decode()
    assert not IdentityAttempt.objects.exists()


def test_wizard_state_survives_a_reload(record, client):
    enter(client, KNOWN)
    post(client, step_url("high"), {"no_answers": "on"})
    post(client, step_url("low"), LOW_ITEMS)
    first = client.get(step_url("more")).context["form"]
    again = client.get(step_url("more")).context["form"]
    assert list(first.fields) == list(again.fields)  # stable for this attempt
    assert client.get(step_url("high")).status_code == 200
    assert client.get(step_url("contact")).url == step_url("more")  # no skipping ahead


def test_recovery_never_shows_the_contact_step(
    registered, client, django_capture_on_commit_callbacks
):
    registered()
    with django_capture_on_commit_callbacks(execute=True):
        enter(client, "629923129", action="recover")
        post(client, step_url("high"), {"phone_password": ANSWERS["phone_password"]})
    assert client.get(step_url("contact")).url == step_url("high")


def test_an_expired_wizard_says_what_happened_and_how_to_restart(record, client):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        enter(client, KNOWN)
        clock.shift(timedelta(minutes=31))
        response = client.get(step_url("high"))
    assert response.url == reverse("registration:expired")
    page = client.get(response.url).content.decode()
    assert "30" in page and f'href="{START}"' in page


def test_reg_11_known_and_unknown_numbers_get_the_same_pages(record, client):
    wrong_items = {"driving_licence_number": "1111111", "passport_number": "2222222"}
    pages = {}
    for national_id in (KNOWN, UNKNOWN):
        client.cookies.clear()
        enter(client, national_id)
        high = client.get(step_url("high"))
        wrong = post(client, step_url("high"), {"work_grant_claim_number": "999"})
        after_wrong = client.get(wrong.url)
        post(client, step_url("high"), {"no_answers": "on"})
        more = client.get(post(client, step_url("low"), wrong_items).url)
        drawn = len(client.session["registration_wizard"]["further_kinds"])
        low_fail = post(client, step_url("more"), further_answers(more))
        pages[national_id] = (
            without_tokens(high.content.decode()),
            wrong.status_code,
            wrong.url,
            without_tokens(after_wrong.content.decode()),
            drawn,
            low_fail.url,
            without_tokens(client.get(low_fail.url).content.decode()),
        )
    assert pages[KNOWN] == pages[UNKNOWN]


def test_reg_11_fifth_failure_shows_the_lockout_page(record, client):
    enter(client, KNOWN)
    for _ in range(4):
        response = post(client, step_url("high"), {"work_grant_claim_number": "1"})
        assert response.url == step_url("high")
    response = post(client, step_url("high"), {"work_grant_claim_number": "1"})
    assert response.url == reverse("registration:locked")
    locked = client.get(response.url)
    assert locked.status_code == 429
    assert "24" in locked.content.decode()
    assert enter(client, KNOWN).url == reverse("registration:locked")
    assert IdentityAttempt.objects.filter(national_id=KNOWN, outcome="failed").count() == 5


def test_reg_11_failures_are_counted_by_the_address_the_proxy_saw(record, client, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    enter(client, KNOWN)
    post(
        client,
        step_url("high"),
        {"work_grant_claim_number": "1"},
        HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.23",
    )
    assert IdentityAttempt.objects.get().remote_addr == "198.51.100.23"


def test_reg_11_without_a_proxy_a_forged_forwarded_header_is_ignored(record, client):
    enter(client, KNOWN)
    post(
        client,
        step_url("high"),
        {"work_grant_claim_number": "1"},
        HTTP_X_FORWARDED_FOR="198.51.100.23",
        REMOTE_ADDR="192.0.2.7",
    )
    assert IdentityAttempt.objects.get().remote_addr == "192.0.2.7"


def test_reg_17_the_code_page_without_a_wizard_is_the_expired_page(client, db):
    assert client.get(reverse("registration:code")).url == reverse("registration:expired")
    assert client.get(reverse("registration:password")).url == reverse("registration:expired")


def test_reg_19_too_many_wrong_codes_cancel_with_a_clear_page(
    record, client, django_capture_on_commit_callbacks
):
    enter(client, KNOWN)
    post(client, step_url("high"), {"phone_password": ANSWERS["phone_password"]})
    with django_capture_on_commit_callbacks(execute=True):
        post(client, step_url("contact"), CONTACT)
    for _ in range(5):
        response = post(client, reverse("registration:code"), {"user_code": "WRONG234"})
    assert "בוטל" in response.content.decode()
    assert Registration.objects.get().status == Registration.Status.CANCELLED


def test_reg_21_next_only_to_this_site(record, client, django_capture_on_commit_callbacks):
    client.get(START, {"next": "https://evil.example.com/"})
    assert "registration_next" not in client.session
    client.get(START, {"next": "/badges/"})
    enter(client, KNOWN)
    post(client, step_url("high"), {"phone_password": ANSWERS["phone_password"]})
    with django_capture_on_commit_callbacks(execute=True):
        post(client, step_url("contact"), CONTACT)
    post(client, reverse("registration:code"), {"user_code": last_emailed_code(CONTACT["email"])})
    post(
        client,
        reverse("registration:password"),
        {"password1": "Gila-Hamsa-77", "password2": "Gila-Hamsa-77"},
    )
    done = client.get(reverse("registration:done")).content.decode()
    assert "/registration/login/?next=%2Fbadges%2F" in done


def test_reg_12_contact_details_are_validated(record, client):
    enter(client, KNOWN)
    post(client, step_url("high"), {"phone_password": ANSWERS["phone_password"]})
    response = post(client, step_url("contact"), {**CONTACT, "mobile": "02-123-4567"})
    assert "mobile" in response.context["form"].errors  # a landline is not a mobile
    response = post(client, step_url("contact"), {**CONTACT, "email": "", "channel": "email"})
    assert "email" in response.context["form"].errors
    response = post(client, step_url("contact"), {**CONTACT, "mobile": "", "email": ""})
    assert response.context["form"].non_field_errors()
    response = post(client, step_url("contact"), {**CONTACT, "terms": ""})
    assert "terms" in response.context["form"].errors


def test_reg_22_recover_through_the_wizard(registered, client, django_capture_on_commit_callbacks):
    profile = registered(channel="sms")
    with django_capture_on_commit_callbacks(execute=True):
        enter(client, "629923129", action="recover")
        response = post(client, step_url("high"), {"phone_password": ANSWERS["phone_password"]})
    assert response.url == reverse("registration:code")
    code = last_texted_code(profile.mobile)
    assert code != USER_CODE
    post(client, reverse("registration:code"), {"user_code": code})
    post(
        client,
        reverse("registration:password"),
        {"password1": "Gila-Hamsa-77", "password2": "Gila-Hamsa-77"},
    )
    assert client.get(reverse("registration:done")).status_code == 200
    assert mail.outbox == []


def test_reg_23_update_through_the_wizard(registered, client, django_capture_on_commit_callbacks):
    registered()
    enter(client, "629923129", action="update")
    post(client, step_url("high"), {"phone_password": ANSWERS["phone_password"]})
    contact = client.get(step_url("contact"))
    assert contact.context["form"].initial["email"] == "citizen@example.com"
    assert "terms" not in contact.context["form"].fields
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client,
            step_url("contact"),
            {**CONTACT, "email": "new@example.com", "consent_sms": "yes"},
        )
    assert response.status_code == 200
    assert mail.outbox[-1].to == ["new@example.com"]


def test_reg_22_recovery_for_someone_not_registered_says_so(record, client):
    enter(client, KNOWN, action="recover")
    response = post(client, step_url("high"), {"phone_password": ANSWERS["phone_password"]})
    assert response.status_code == 200
    assert (
        "register" in response.templates[0].name or "not_registered" in response.templates[0].name
    )


def test_reg_2_registering_twice_points_to_recovery(registered, client):
    registered()
    enter(client, "629923129")
    response = post(client, step_url("high"), {"phone_password": ANSWERS["phone_password"]})
    assert response.templates[0].name == "registration/outcome_already_registered.html"


def test_reg_1_smart_card_explains_the_card_reader(client, db):
    response = post(client, START, {"method": "smart_card", "action": "register"})
    assert response.url == reverse("registration:smart_card")
    assert "קורא כרטיסים" in client.get(response.url).content.decode()
