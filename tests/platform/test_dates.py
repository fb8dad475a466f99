"""Issue 16: dates as three boxes, day, month and year (the GOV.UK date input), with a message
for each wrong part in the reader's language; the forms that ask for dates use them."""

from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from parking_badges.forms import ApplicationForm, DeathForm
from registration.forms import LowItemsForm
from taxportal.dates import DatePartsField, split_date_text
from taxportal.forms import PortalForm


class ReleaseForm(PortalForm):
    released_on = DatePartsField(label="Date of release")
    born_on = DatePartsField(label="Date of birth", required=False, allow_future=False)


def _errors(data, language="en"):
    with translation.override(language):
        form = ReleaseForm(data)
        form.is_valid()
        return {name: list(messages) for name, messages in form.errors.items()}, form


def _parts(name, day, month, year):
    return {f"{name}_0": day, f"{name}_1": month, f"{name}_2": year}


def test_issue_16_three_parts_make_the_date():
    errors, form = _errors(_parts("released_on", "7", "3", "2026"))
    assert errors == {}
    assert form.cleaned_data["released_on"] == date(2026, 3, 7)
    assert form.cleaned_data["born_on"] is None  # optional and left empty


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "", "", "Enter date of release"),
        ("7", "", "2026", "Date of release must include a month"),
        ("", "3", "", "Date of release must include a day and a year"),
        ("7", "13", "2026", "The month must be between 1 and 12"),
        ("32", "3", "2026", "The day must be between 1 and 31"),
        ("0", "3", "2026", "The day must be between 1 and 31"),
        ("seven", "3", "2026", "Enter the day as a number, like 27"),
        ("7", "March", "2026", "Enter the month as a number, like 3"),
        ("7", "3", "26", "Enter the year as four digits, like 2026"),
        ("7", "3", "0202", "Enter the year as four digits, like 2026"),
        # 2027 is not a leap year: February has 28 days.
        ("29", "2", "2027", "Date of release must be a real date: 29/02/2027 does not exist"),
        ("31", "4", "2026", "Date of release must be a real date: 31/04/2026 does not exist"),
    ],
)
def test_issue_16_each_wrong_part_says_what_is_wrong(day, month, year, message):
    errors, _ = _errors(_parts("released_on", day, month, year))
    assert errors == {"released_on": [message]}


def test_issue_16_a_leap_day_exists():
    errors, form = _errors(_parts("released_on", "29", "2", "2028"))
    assert errors == {}
    assert form.cleaned_data["released_on"] == date(2028, 2, 29)


def test_issue_16_a_date_that_may_not_be_in_the_future():
    tomorrow = timezone.localdate() + timedelta(days=1)
    data = {
        **_parts("released_on", "1", "1", "2026"),
        **_parts("born_on", str(tomorrow.day), str(tomorrow.month), str(tomorrow.year)),
    }
    errors, _ = _errors(data)
    assert errors == {"born_on": ["Date of birth must be today or in the past"]}
    today = timezone.localdate()
    data.update(_parts("born_on", str(today.day), str(today.month), str(today.year)))
    assert _errors(data)[0] == {}


def test_issue_16_messages_in_hebrew():
    errors, _ = _errors(_parts("released_on", "7", "13", "2026"), "he")
    assert errors == {"released_on": ["החודש חייב להיות בין 1 ל-12"]}
    errors, _ = _errors(_parts("released_on", "7", "", "2026"), "he")
    assert errors == {"released_on": ["Date of release: חסר החודש"]}  # the label is the form's


def test_issue_16_one_value_posted_by_a_script_is_read_as_the_same_three_parts():
    assert split_date_text("27/03/2026") == ["27", "03", "2026"]
    assert split_date_text("2026-03-27") == ["27", "03", "2026"]
    assert split_date_text("27032026") == ["27", "03", "2026"]
    assert split_date_text("soon") == ["soon", "", ""]
    errors, form = _errors({"released_on": "2026-03-27"})
    assert errors == {} and form.cleaned_data["released_on"] == date(2026, 3, 27)
    errors, _ = _errors({"released_on": "2026-13-27"})
    assert errors == {"released_on": ["The month must be between 1 and 12"]}


@pytest.mark.parametrize("value", ["\x00", "9" * 5000, "٢٧", "-1"])
def test_issue_16_hostile_parts_are_refused_with_a_message(value):
    errors, _ = _errors(_parts("released_on", value, "3", "2026"))
    assert list(errors) == ["released_on"]


def test_issue_16_the_page_shows_three_labelled_boxes_in_a_fieldset():
    with translation.override("en"):
        html = ReleaseForm(_parts("released_on", "7", "13", "2026"))["released_on"].as_field_group()
    for part, label in (("0", "Day"), ("1", "Month"), ("2", "Year")):
        assert f'for="id_released_on_{part}">{label}</label>' in html
        assert f'name="released_on_{part}"' in html
    assert 'inputmode="numeric"' in html
    assert "<fieldset" in html and "<legend" in html
    # A wrong value is shown again as typed, so the person can correct it.
    assert 'value="13"' in html


def test_issue_16_the_wizard_asks_the_identity_card_date_in_three_parts():
    form = LowItemsForm(
        {**_parts("id_issue_date", "1", "2", "2015"), "driving_licence_number": "5512347"}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["id_issue_date"] == "2015-02-01"  # kept as text in the session
    with translation.override("en"):
        form = LowItemsForm({**_parts("id_issue_date", "31", "2", "2015"), "passport_number": "1"})
        assert form.errors["id_issue_date"] == [
            "Identity card issue date must be a real date: 31/02/2015 does not exist"
        ]


def test_issue_16_clerks_dates_are_three_parts():
    assert isinstance(ApplicationForm.base_fields["born_on"], DatePartsField)
    assert ApplicationForm.base_fields["born_on"].allow_future is False
    assert isinstance(DeathForm.base_fields["died_on"], DatePartsField)


def test_issue_16_a_date_kept_as_its_typed_parts_shows_them_again():
    """The wizard keeps what was typed as "day/month/year" (registration/views/common.py):
    shown again, each part returns to its own box, an empty part stays empty."""
    from taxportal.dates import DatePartsWidget

    widget = DatePartsWidget()
    assert widget.decompress("1/2/2015") == ["1", "2", "2015"]
    assert widget.decompress("1/2/") == ["1", "2", ""]
    assert widget.decompress("2015-02-01") == ["01", "02", "2015"]
