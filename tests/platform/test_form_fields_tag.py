"""The `fields` template tags give the markup crispy-forms gives (compared as HTML), for every
kind of field they render themselves, bound or not, valid or not."""

import pytest
from django import forms
from django.contrib.auth.models import Group
from django.template import Context, Template
from django.test.html import parse_html

from taxportal.dates import DatePartsField


class Everything(forms.Form):
    q = forms.CharField(label="Search", help_text="A <em>hint</em>", required=False, max_length=9)
    number = forms.IntegerField(label="Number")
    kind = forms.ChoiceField(label="Kind", choices=[("a", "A <b>"), ("b", "B")])
    agreed = forms.BooleanField(label="Agreed", required=False, help_text="Tick it")
    must = forms.BooleanField(label="Must")
    text = forms.CharField(widget=forms.Textarea(attrs={"class": "own", "rows": 3}), label="Text")
    email = forms.EmailField(label="E-mail", required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    when = DatePartsField(label="When", required=False)
    choose = forms.ChoiceField(
        label="Choose", widget=forms.RadioSelect, choices=[("x", "X")], required=False
    )
    upload = forms.FileField(label="File", required=False)
    grouped = forms.ChoiceField(
        label="Grouped",
        choices=[("", "—"), ("North", [("1", "Haifa & Akko"), ("2", 'Tsfat "2"')]), ("3", "Eilat")],
        required=False,
    )
    frozen = forms.CharField(label="Frozen", disabled=True, initial="<as is>", required=False)
    amount = forms.DecimalField(label="Amount", localize=True, required=False)
    sure = forms.NullBooleanField(label="Sure")

    def clean(self):
        raise forms.ValidationError("Not <together>")


def _render(source: str, data: dict | None) -> object:
    form = Everything(data) if data is not None else Everything()
    if data is not None:
        form.is_valid()
    return parse_html(Template(source).render(Context({"form": form})))


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {"number": "x", "kind": "b", "agreed": "on", "text": "<script>", "email": "no"},
        {"grouped": "2", "q": '"><b>', "sure": "true", "amount": "1.5", "hidden": "<i>"},
        {"when_0": '"><b>', "when_1": "13", "when_2": "2026"},  # the date boxes refused
        {"when_0": "27", "when_1": "3", "when_2": "2026"},
    ],
    ids=["unbound", "empty", "wrong", "typed", "wrong date", "date"],
)
def test_form_fields_is_crispy_markup(data):
    ours = _render("{% load fields %}{% form_fields form %}", data)
    theirs = _render("{% load crispy_forms_tags %}{{ form|crispy }}", data)
    assert ours == theirs


@pytest.mark.parametrize("name", list(Everything.base_fields))
@pytest.mark.parametrize(
    "data",
    [None, {"number": "x", "grouped": "1", "q": "<'&>", "when_0": "<i>", "when_2": "26"}],
    ids=["unbound", "wrong"],
)
def test_field_is_as_crispy_field_markup(name, data):
    ours = _render(f"{{% load fields %}}{{% field form.{name} %}}", data)
    theirs = _render(f"{{% load crispy_forms_tags %}}{{{{ form.{name}|as_crispy_field }}}}", data)
    assert ours == theirs


def test_what_a_person_typed_is_escaped():
    html = Template("{% load fields %}{% form_fields form %}").render(
        Context({"form": _bound({"text": "<script>x</script>", "number": "<b>"})})
    )
    assert "<script>x" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "Not &lt;together&gt;" in html  # the form's own error text is escaped too


def _bound(data: dict) -> Everything:
    form = Everything(data)
    form.is_valid()
    return form


class Dated(forms.Form):
    on = DatePartsField(label="On", help_text="As on the <em>receipt</em>")


@pytest.mark.parametrize(
    "data", [None, {"on_0": "31", "on_1": "2", "on_2": "2027"}], ids=["unbound", "no such date"]
)
def test_a_required_date_is_crispy_markup(data):
    form = Dated(data) if data is not None else Dated()
    if data is not None:
        assert not form.is_valid()
    context = Context({"form": form})
    ours = Template("{% load fields %}{% form_fields form %}").render(context)
    theirs = Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(context)
    assert parse_html(ours) == parse_html(theirs)
    assert "<legend" in ours and ("_error" in ours) == (data is not None)


class Chosen(forms.Form):
    """Selects read straight from their choices: a model's rows, a group without a name, an
    empty value, the same value twice (only the first is selected, as Django does)."""

    group = forms.ModelChoiceField(label="Group", queryset=Group.objects.order_by("name"))
    odd = forms.ChoiceField(
        label="Odd",
        required=False,
        choices=[(None, "None"), ("", [("a", "A <&>")]), ("x", "X"), ("x", "X again")],
    )


@pytest.mark.django_db
@pytest.mark.parametrize("data", [None, {"odd": "x"}, {"group": "-1", "odd": "a"}])
def test_selects_read_from_their_choices_are_crispy_markup(data):
    Group.objects.create(name='Clerks "A" <b>')
    chosen = Group.objects.create(name="Auditors")
    data = None if data is None else {"group": str(chosen.pk), **data}
    form = Chosen(data) if data is not None else Chosen()
    context = Context({"form": form})
    ours = Template("{% load fields %}{% form_fields form %}").render(context)
    theirs = Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(context)
    assert parse_html(ours) == parse_html(theirs)
    if data and data["group"] == str(chosen.pk):
        assert f'<option value="{chosen.pk}" selected>Auditors</option>' in ours


class ChosenMany(forms.Form):
    """Multiple selects read straight from their choices: every option matching a chosen value
    is selected (a repeated value twice, unlike a single select), a model's rows, a group."""

    groups = forms.ModelMultipleChoiceField(
        label="Groups", queryset=Group.objects.order_by("name"), help_text="Any <em>number</em>"
    )
    odd = forms.MultipleChoiceField(
        label="Odd",
        required=False,
        choices=[("", [("a", "A <&>")]), ("North", [("x", "X")]), ("x", "X again"), ("y", "Y")],
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [None, {}, {"odd": ["x", "a"]}, {"odd": ["y"], "groups": ["-1"]}, {"odd": ["<b>"]}],
    ids=["unbound", "empty", "two chosen", "no such group", "no such choice"],
)
def test_multiple_selects_read_from_their_choices_are_crispy_markup(data):
    Group.objects.create(name='Clerks "A" <b>')
    chosen = Group.objects.create(name="Auditors")
    if data and "groups" not in data:
        data = {"groups": [str(chosen.pk)], **data}
    form = ChosenMany(data) if data is not None else ChosenMany()
    context = Context({"form": form})
    ours = Template("{% load fields %}{% form_fields form %}").render(context)
    theirs = Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(context)
    assert parse_html(ours) == parse_html(theirs)
    assert "selectmultiple form-select" in ours and " multiple" in ours
    if data and "x" in data.get("odd", []):
        # "x" is offered twice (in the North group and again): both are selected.
        assert ours.count("selected>X") == 2
