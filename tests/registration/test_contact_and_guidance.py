"""What the pages must say (REG-2, REG-5, REG-10, REG-16) and what the contact step requires
(REG-13 to REG-15), through plain form posts."""

import pytest
from django.urls import reverse

from registration import services
from registration.models import CitizenProfile, Registration

from .wizard_client import CONTACT, START, answer_high, enter, post, step_url

pytestmark = pytest.mark.django_db
KNOWN = "302466339"


def page_text(response) -> str:
    return " ".join(response.content.decode().split())


@pytest.fixture
def at_contact(record, client):
    """The client on the contact step, after the high-level questions."""
    enter(client, KNOWN)
    answer_high(client)
    return client


def test_reg_2_the_three_actions_are_offered_register_first(client, db):
    form = client.get(START).context["form"]
    assert [value for value, _label in form.fields["action"].choices] == [
        "register",
        "recover",
        "update",
    ]
    assert form["action"].value() == "register"
    page = page_text(client.get(START))
    for label in ("רישום", "שחזור קוד משתמש", "עדכון פרטי התקשרות והסכמה לקבלת הודעות"):
        assert label in page


def test_reg_5_entry_page_guidance(client, db):
    page = page_text(client.get(START))
    assert "קבלת שירות מקוון ברשות המסים מותנית ברישום" in page
    assert "מופק קוד משתמש" in page


def test_reg_10_level_guidance_on_every_question_page(record, client):
    enter(client, KNOWN)
    pages = [client.get(step_url("high"))]
    post(client, step_url("high"), {"no_answers": "on"})
    pages.append(client.get(step_url("low")))
    pages.append(client.get(post(client, step_url("low"), {"passport_number": "1"}).url))
    for response in pages:
        text = page_text(response)
        assert "קיים קשר בין רמת ההזדהות" in text or "רמת ההזדהות קובעת" in text
        assert "מידע מוגבל" in text
        assert "רמת ההזדהות הגבוהה ביותר" in text


def test_reg_13_the_channel_is_required(at_contact):
    response = post(at_contact, step_url("contact"), {**CONTACT, "channel": ""})
    assert "channel" in response.context["form"].errors
    assert not Registration.objects.exists()


def test_reg_13_the_chosen_channel_must_have_its_detail(at_contact):
    response = post(at_contact, step_url("contact"), {**CONTACT, "channel": "sms", "mobile": ""})
    assert "mobile" in response.context["form"].errors
    assert "במסרון" in page_text(response)  # the message names the choice
    response = post(at_contact, step_url("contact"), {**CONTACT, "channel": "email", "email": ""})
    assert "email" in response.context["form"].errors
    assert not Registration.objects.exists()


@pytest.mark.parametrize("consent", ["consent_sms", "consent_email"])
def test_reg_14_each_consent_needs_a_yes_or_no(at_contact, consent):
    response = post(at_contact, step_url("contact"), {**CONTACT, consent: ""})
    assert consent in response.context["form"].errors
    assert f'href="#id_{consent}' in response.content.decode()  # the error summary links it
    assert not Registration.objects.exists()


def test_reg_14_the_consents_are_recorded_as_given(at_contact, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post(at_contact, step_url("contact"), {**CONTACT, "consent_sms": "yes"})
    registration = Registration.objects.get()
    assert (registration.consent_sms, registration.consent_email) == (True, True)


def test_reg_15_terms_must_be_accepted_and_are_linked(at_contact):
    contact = at_contact.get(step_url("contact")).content.decode()
    terms_url = reverse("terms")
    assert f'href="{terms_url}"' in contact
    assert at_contact.get(terms_url).status_code == 200
    response = post(at_contact, step_url("contact"), {**CONTACT, "terms": ""})
    assert "terms" in response.context["form"].errors
    assert not Registration.objects.exists()


def test_reg_15_the_service_refuses_a_registration_without_the_terms(record):
    with pytest.raises(ValueError):
        services.registration_start(
            national_id=KNOWN,
            level="high",
            mobile="",
            email="a@example.com",
            channel="email",
            consent_sms=False,
            consent_email=False,
            terms_accepted=False,
            language="he",
        )
    assert not Registration.objects.exists() and not CitizenProfile.objects.exists()


def test_reg_16_non_disclosure_notice_on_the_contact_step(at_contact):
    text = page_text(at_contact.get(step_url("contact")))
    assert "רשות המסים מתחייבת לא להעביר את פרטי ההתקשרות שלך לגורם שלישי" in text


def test_issue_16_the_contact_step_heading_and_indicator_agree(at_contact):
    """The contact step is the third of the six stages of registering (identity number,
    identity questions, contact details, user code, password, done): the indicator says so and
    the heading names the step without a number of its own."""
    page = at_contact.get(step_url("contact")).content.decode()
    heading = page.split("<h1>", 1)[1].split("</h1>", 1)[0]
    assert heading == "פרטי הקשר שלך" and "שלב" not in heading
    assert "שלב 3 מתוך 6: פרטי התקשרות" in page_text(at_contact.get(step_url("contact")))
    assert page.count('aria-current="step"') == 1
    current = page.split('aria-current="step"', 1)[1].split("</li>", 1)[0]
    assert "3. פרטי התקשרות" in current
