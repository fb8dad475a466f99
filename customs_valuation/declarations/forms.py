"""Forms of part 2.3's pages. They check the shape of the input; the services decide."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from taxportal.dates import DatePartsField
from taxportal.forms import PortalForm, PortalModelForm

from .choices import DeclarationForm, DefectCode, DocumentKind, EntryKind, Incoterm
from .choices import DeclarationStatus as D
from .choices import SupplierStatus as S
from .models import Country, CustomsHouse, ImporterDeclaration
from .rules import PROBLEM_PRIORITY
from .services.declarations import DATA_FIELDS

REASON = forms.Textarea(attrs={"rows": 3})
AMOUNT: dict[str, Any] = {"max_digits": 16, "decimal_places": 2, "min_value": 0}
LTR: dict[str, Any] = {"dir": "ltr"}


class ReasonField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Reason"))
        kwargs.setdefault("widget", REASON)
        kwargs.setdefault("max_length", 2000)
        super().__init__(**kwargs)


class SupplierForm(PortalForm):
    """CUS-36, CUS-37: the supplier's data as on the invoice."""

    name = forms.CharField(label=_("Name"), max_length=200)
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.all())
    address = forms.CharField(label=_("Address"), max_length=200)
    city = forms.CharField(label=_("City"), max_length=100)
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=20,
        required=False,
        help_text=_("Mandatory; for Hong Kong and Taiwan it is stored as NONE."),
        widget=forms.TextInput(attrs=LTR),
    )
    dealer_number = forms.CharField(
        label=_("Foreign dealer number"),
        max_length=40,
        required=False,
        help_text=_("Letters are allowed."),
        widget=forms.TextInput(attrs=LTR),
    )

    def data_for_service(self) -> dict:
        return dict(self.cleaned_data)


class SupplierEnterForm(SupplierForm):
    confirm_duplicate = forms.BooleanField(
        label=_("A supplier with identical data exists: enter a new supplier number anyway"),
        required=False,
    )


class SupplierSearchForm(PortalForm):
    q = forms.CharField(label=_("Supplier name or number"), required=False, max_length=200)
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.all(), required=False
    )


class DeclarationDataForm(PortalModelForm):
    """The logical declaration."""

    class Meta:
        model = ImporterDeclaration
        fields = list(DATA_FIELDS)
        widgets = {
            "relationship_details": REASON,
            "currency": forms.TextInput(attrs=LTR),
        }
        field_classes = {"signed_on": DatePartsField}

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in DATA_FIELDS}


class DeclarationEnterForm(DeclarationDataForm):
    form = forms.ChoiceField(label=_("Form"), choices=DeclarationForm.choices)
    importer: "forms.ModelChoiceField[Any]" = forms.ModelChoiceField(
        label=_("Importer"), queryset=None
    )
    supplier_number = forms.IntegerField(label=_("Supplier number"), min_value=1)
    entry_number = forms.CharField(
        label=_("Entry number (form 138א only)"), required=False, max_length=20
    )

    class Meta(DeclarationDataForm.Meta):
        fields = ["form", "importer", "supplier_number", "entry_number", *DATA_FIELDS]

    def __init__(self, *args, importers, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["importer"])
        field.queryset = importers
        cast(forms.ChoiceField, self.fields["incoterm"]).choices = Incoterm.choices


class UploadForm(PortalForm):
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    file = forms.FileField(label=_("Scan (PDF, JPEG or PNG, up to 10 MB)"))


class EntryFileForm(PortalForm):
    number = forms.CharField(label=_("Entry number"), max_length=20)
    importer: "forms.ModelChoiceField[Any]" = forms.ModelChoiceField(
        label=_("Importer"), queryset=None
    )
    supplier_number = forms.IntegerField(label=_("Supplier number"), min_value=1)
    customs_house = forms.ModelChoiceField(
        label=_("Customs house"), queryset=CustomsHouse.objects.all()
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=EntryKind.choices)
    goods_value = forms.DecimalField(label=_("Goods value"), **AMOUNT)
    currency = forms.RegexField(
        label=_("Currency"), regex=r"^[A-Za-z]{3}$", widget=forms.TextInput(attrs=LTR)
    )
    usd_value = forms.DecimalField(label=_("Goods value in US dollars"), **AMOUNT)
    thorough_examination = forms.BooleanField(
        label=_("Routed to thorough examination"), required=False
    )
    declaration_number = forms.IntegerField(
        label=_("Declaration relied on (optional)"), required=False, min_value=1
    )

    def __init__(self, *args, importers, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["importer"])
        field.queryset = importers


class SupplierStatusForm(PortalForm):
    """CUS-26: the codes a valuer sets, with a reason (required for 9, 10, 12)."""

    status = forms.TypedChoiceField(
        label=_("Supplier status"),
        coerce=int,
        choices=[(c, f"{c} – {S(c).label}") for c in (2, 9, 10, 12)],
        widget=forms.RadioSelect,
    )
    reason = ReasonField(required=False)


class CheckForm(PortalForm):
    """CUS-28(a), CUS-41, CUS-42: every problem found, each with its reason; none found
    approves. Only the first by the priority 8, 7, 6, 5, 4, 10 is sent to the agent."""

    approve_reason = ReasonField(label=_("Reason for approval (optional)"), required=False)
    original_received = forms.BooleanField(
        label=_("The signed original was received"), required=False
    )

    def __init__(self, *args, open_findings: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        open_findings = open_findings or {}
        for code in PROBLEM_PRIORITY:
            self.fields[f"found_{code}"] = forms.BooleanField(
                label=f"{code} – {D(code).label}",
                required=False,
                initial=code in open_findings,
            )
            self.fields[f"reason_{code}"] = ReasonField(
                label=_("Reason for %(code)s") % {"code": code},
                required=False,
                initial=open_findings.get(code, ""),
            )

    def findings(self) -> list[tuple[int, str]]:
        return [
            (code, self.cleaned_data[f"reason_{code}"])
            for code in PROBLEM_PRIORITY
            if self.cleaned_data[f"found_{code}"]
        ]


class ReasonForm(PortalForm):
    reason = ReasonField()


class DocumentsRequestForm(PortalForm):
    reason = ReasonField(label=_("Documents needed"))


class ReturnForm(ReasonForm):
    entry_number = forms.CharField(label=_("Entry number (optional)"), required=False)


class MergeForm(ReasonForm):
    merged = forms.CharField(
        label=_("Supplier numbers merged into this one"),
        help_text=_("Separated by commas."),
        widget=forms.TextInput(attrs=LTR),
    )

    def clean_merged(self):
        parts = [p.strip() for p in self.cleaned_data["merged"].split(",") if p.strip()]
        if not parts or not all(p.isdigit() for p in parts) or len(parts) > 20:
            raise forms.ValidationError(_("Give up to 20 supplier numbers, separated by commas."))
        return [int(p) for p in parts]


class EntryCorrectionForm(ReasonForm):
    supplier_number = forms.IntegerField(label=_("Correct supplier number"), min_value=1)
    declaration_number = forms.IntegerField(
        label=_("Declaration number"), required=False, min_value=1
    )


class DefectForm(ReasonForm):
    code = forms.ChoiceField(label=_("Defect"), choices=DefectCode.choices)


# The valuer's queue orders: the key, its label, the `order_by` arguments (None: overdue first,
# then the oldest blocked and the oldest entered, as the queue always was).
QUEUE_SORTS = {
    "": (_("Overdue first"), None),
    "oldest": (_("Entered, oldest first"), ("entered_at", "pk")),
    "newest": (_("Entered, newest first"), ("-entered_at", "-pk")),
    "number": (_("Declaration number"), ("pk",)),
}


class QueueSearchForm(PortalForm):
    """The valuer's queue: by importer, supplier, agent, status and age."""

    importer = forms.CharField(label=_("Importer (number or name)"), required=False)
    supplier = forms.IntegerField(label=_("Supplier number"), required=False, min_value=1)
    agent = forms.CharField(label=_("Agent (licence or name)"), required=False)
    status = forms.TypedMultipleChoiceField(
        label=_("Status"),
        coerce=int,
        required=False,
        choices=[(c.value, f"{c.value} – {c.label}") for c in D],
    )
    older_than = forms.IntegerField(
        label=_("Entered at least this many days ago"), required=False, min_value=0
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[(key, label) for key, (label, _order) in QUEUE_SORTS.items()],
    )

    def ordering(self) -> tuple | None:
        """The chosen order's `order_by` arguments; None for the queue's own (overdue first)."""
        chosen = self.cleaned_data.get("sort") if self.is_valid() else ""
        return QUEUE_SORTS.get(chosen or "", (None, None))[1]
