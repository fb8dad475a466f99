"""Issue 16: texts the system writes are stored as codes with their parameters and translated
when shown, so the same stored record reads in Hebrew to one person and in English to another;
what a person types is stored as typed."""

from datetime import date

import pytest
from django.utils import translation
from django.utils.translation import gettext_noop

from customs_valuation.choices import ReleaseForm
from taxportal.audit import audit_record
from taxportal.models import AuditEvent
from taxportal.texts import MARK, Said, label, lines, said

pytestmark = pytest.mark.django_db


def stored(reason) -> AuditEvent:
    """The event as read back from the database."""
    event = audit_record(actor=None, action=gettext_noop("badge printed"), reason=reason)
    return AuditEvent.objects.get(pk=event.pk)


def test_issue_16_a_said_reason_reads_in_each_readers_language():
    event = stored(said(gettext_noop("Ownership transferred.")))
    assert event.reason.in_language("en") == "Ownership transferred."
    assert event.reason.in_language("he") == "הבעלות הועברה."


def test_issue_16_parameters_are_kept_and_dates_shown_as_every_date():
    event = stored(said(gettext_noop("No appeal by %(date)s."), date=date(2027, 3, 12)))
    assert event.reason.in_language("en") == "No appeal by 12/03/2027."
    assert event.reason.in_language("he") == "לא הוגש ערר עד 12/03/2027."


def test_issue_16_a_choice_label_parameter_is_translated_when_shown():
    # The label is stored as its message id, not in the language of the clerk who acted.
    with translation.override("he"):
        event = stored(label(ReleaseForm.BANK_GUARANTEE.label))
    assert event.reason.in_language("en") == "Bank guarantee"
    assert event.reason.in_language("he") == "ערבות בנקאית"


def test_issue_16_nested_and_listed_texts():
    inner = said(gettext_noop("Ownership transferred."))
    event = stored(lines(inner, said(gettext_noop("Disability validity ended."))))
    assert event.reason.in_language("en") == "Ownership transferred.\nDisability validity ended."


def test_issue_16_typed_text_stays_as_typed():
    event = stored("קנה בלי להודיע · bought without notice")
    assert event.reason == "קנה בלי להודיע · bought without notice"
    assert not isinstance(event.reason, Said)


def test_issue_16_typed_text_cannot_pose_as_a_code():
    forged = MARK + '{"code": "Ownership transferred.", "params": {}}'
    event = stored(forged)
    assert not isinstance(event.reason, Said)
    assert event.reason == '{"code": "Ownership transferred.", "params": {}}'


def test_issue_16_the_action_is_shown_in_the_readers_language():
    event = stored("")
    with translation.override("en"):
        assert event.action_label == "badge printed"
    with translation.override("he"):
        assert event.action_label != "badge printed"


def test_issue_16_a_stored_code_missing_from_the_catalogue_still_reads():
    event = stored(said("A text with no translation %(n)s", n=3))
    assert event.reason.in_language("he") == "A text with no translation 3"


def test_issue_16_a_parameter_must_be_storable():
    with pytest.raises(TypeError):
        said(gettext_noop("No appeal by %(date)s."), date=object())
