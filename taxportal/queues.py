"""What every clerk's queue shares: the search box, filters and sort read from the query string,
and the current view exported as CSV or XLSX.

Each app's selector filters, orders and pages in SQL on stored, indexed columns, so a page costs
the same whether the queue holds a hundred items or a million; this module only reads the
request and writes the files. Anything in the query string that is unknown, too long, not text
or not a choice is ignored with a message on the page, never an error page.
"""

import csv
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar, cast
from urllib.parse import quote

from django import forms
from django.http import FileResponse, QueryDict, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext_lazy as _

from .spreadsheets import neutralise

SEARCH_MAX_LENGTH = 100
EXPORT_FORMATS = ("csv", "xlsx")
# Parameters that belong to one page of one list, never to what an export covers.
_PAGE_PARAM = re.compile(r"(^|_)page$")


@dataclass(frozen=True)
class Sort:
    """One way of ordering a queue: its label and the `order_by` arguments (each backed by an
    index in the app's migrations, ending with the primary key so that pages never overlap)."""

    label: Any
    ordering: tuple = ()


@dataclass(frozen=True)
class Option:
    value: str
    label: Any
    selected: bool


@dataclass(frozen=True)
class Control:
    """A search box or a filter as the shared template draws it (no widget rendering)."""

    name: str
    label: Any
    kind: str  # "text" or "select"
    value: str = ""
    hint: Any = ""
    options: list[Option] = field(default_factory=list)
    numeric: bool = False

    @property
    def id(self) -> str:
        return f"queue-{self.name}"


class QueueForm(forms.Form):
    """A queue's search, filters and sort, always bound to the query string.

    Subclasses set SORTS (the first is the default) and may add ChoiceField filters; `q` is the
    one search box, its help text naming the identifiers the queue understands."""

    SORTS: ClassVar[dict[str, Sort]] = {}

    q = forms.CharField(label=_("Search"), max_length=SEARCH_MAX_LENGTH, required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False)

    def __init__(self, data: QueryDict | dict | None = None, **kwargs):
        super().__init__(data if data is not None else {}, **kwargs)
        sort_field = cast(forms.ChoiceField, self.fields["sort"])
        sort_field.choices = [(key, sort.label) for key, sort in self.SORTS.items()]
        self.is_valid()

    def value(self, name: str, default=None):
        """The cleaned value of a field that was given and is valid; else `default`."""
        if name in self.errors:
            return default
        value = self.cleaned_data.get(name)
        return default if value in (None, "", [], ()) else value

    @property
    def text(self) -> str:
        return self.value("q", "")

    @property
    def sort_key(self) -> str:
        return self.value("sort") or next(iter(self.SORTS))

    @property
    def ordering(self) -> tuple:
        return self.SORTS[self.sort_key].ordering

    @property
    def ignored(self) -> list[str]:
        """What was ignored and why, for the page to say."""
        return [
            f"{self.fields[name].label}: {error}" if name in self.fields else str(error)
            for name, errors in self.errors.items()
            for error in errors
        ]

    def controls(self) -> list[Control]:
        """The search box, then each filter, then the sort, in the order declared."""
        controls = []
        for name, form_field in self.fields.items():
            raw = self.data.getlist(name) if hasattr(self.data, "getlist") else self.data.get(name)
            chosen = {str(v) for v in (raw if isinstance(raw, list) else [raw]) if v}
            if isinstance(form_field, forms.ChoiceField):
                if name == "sort":
                    if len(self.SORTS) < 2:
                        continue  # one order only: nothing to choose
                    chosen = {self.sort_key}
                controls.append(
                    Control(
                        name=name,
                        label=form_field.label,
                        kind="select",
                        hint=form_field.help_text,
                        options=[
                            Option(str(value), label, str(value) in chosen)
                            for value, label in cast(list[tuple[Any, Any]], form_field.choices)
                        ],
                    )
                )
            else:
                controls.append(
                    Control(
                        name=name,
                        label=form_field.label,
                        kind="text",
                        value=self.text if name == "q" else self.value(name, ""),
                        hint=form_field.help_text,
                        numeric=bool(form_field.widget.attrs.get("inputmode") == "numeric"),
                    )
                )
        return controls


def any_choice(label, choices) -> list[tuple[str, Any]]:
    """A filter's choices with "all" first (the empty value)."""
    return [("", label), *choices]


# --- Search terms ------------------------------------------------------------------------------

_SEPARATORS = re.compile(r"[\s\-/]+")


@dataclass(frozen=True)
class Terms:
    """What was typed in a queue's search box, read the ways clerks type identifiers."""

    text: str

    @property
    def compact(self) -> str:
        """Without spaces, dashes and slashes ("12-345-67" -> "1234567")."""
        return _SEPARATORS.sub("", self.text)

    @property
    def number(self) -> int | None:
        """A whole number typed alone, with or without a leading '#' (a case number)."""
        digits = self.compact.lstrip("#")
        return int(digits) if digits.isdigit() and len(digits) <= 12 else None

    @property
    def national_id(self) -> str | None:
        """Up to nine digits, padded as identity numbers are stored (REG-4)."""
        digits = self.compact
        return digits.zfill(9) if digits.isdigit() and len(digits) <= 9 else None

    @property
    def words(self) -> list[str]:
        return [word for word in self.text.split() if word][:5]

    @property
    def month(self) -> date | None:
        """A month typed as mm/yyyy, m/yyyy or yyyy-mm: its first day."""
        found = _MONTH.match(self.text.strip())
        if not found:
            return None
        month, year = found.group("m1") or found.group("m2"), found.group("y1") or found.group("y2")
        try:
            return date(int(year), int(month), 1)
        except ValueError:
            return None


_MONTH = re.compile(r"^(?:(?P<m1>\d{1,2})[/.](?P<y1>\d{4})|(?P<y2>\d{4})-(?P<m2>\d{1,2}))$")


def terms(form: QueueForm) -> Terms | None:
    text = form.text.strip()
    return Terms(text) if text else None


# --- Rows drawn fast --------------------------------------------------------------------------
# A page of 25 rows drawn with `get_FOO_display`, `{% url %}` and the `date` filter costs about a
# millisecond a row (each call rebuilds the choices, reverses the pattern, looks up the format);
# the queues prepare each row's text once in Python instead, with these.


class Labels:
    """A choice field's labels, translated once for the page."""

    def __init__(self, choices):
        self.labels = {value: str(label) for value, label in choices}

    def __call__(self, value) -> str:
        return self.labels.get(value, value)


_PLACEHOLDER = "2147483647"  # an id no row has; replaced by each row's


def link(viewname: str, *args: object) -> Callable[[Any], str]:
    """The URL `viewname` for any id, its first argument (then `args`): the pattern reversed
    once, then the row's id put in, quoted as `reverse` quotes it (an entry number is text)."""
    prefix, _, suffix = reverse(viewname, args=[_PLACEHOLDER, *args]).partition(_PLACEHOLDER)
    return lambda pk: f"{prefix}{quote(str(pk), safe=RFC3986_SUBDELIMS + '/~:@')}{suffix}"


def day(value) -> str:
    """A date as the pages show it (dd/mm/yyyy); a date and time in local time."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y")
    return value.strftime("%d/%m/%Y")


# --- Export of the current view ----------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    header: Any
    value: Callable[[Any], Any]


def export_format(request) -> str | None:
    fmt = request.GET.get("export", "")
    return fmt if fmt in EXPORT_FORMATS else None


def export_links(request) -> dict[str, str]:
    """The query strings that export what the page shows: its search, filters and sort, every
    page of it."""
    links = {}
    for fmt in EXPORT_FORMATS:
        params = request.GET.copy()
        for name in list(params):
            if _PAGE_PARAM.search(name) or name == "export":
                del params[name]
        params["export"] = fmt
        links[fmt] = params.urlencode()
    return links


def _cell_text(value) -> Any:
    """A value as a CSV cell: dates as the pages show them, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, int | Decimal | float):
        return value
    return neutralise(str(value))


class _Echo:
    def write(self, value):
        return value


def csv_response(filename: str, columns: list[Column], rows: Iterable) -> StreamingHttpResponse:
    """Streamed, UTF-8 with a BOM so spreadsheets read Hebrew; no cell runs as a formula."""
    writer = csv.writer(_Echo())

    def stream() -> Iterator[str]:
        yield "\ufeff"
        yield writer.writerow([_cell_text(str(column.header)) for column in columns])
        for row in rows:
            yield writer.writerow([_cell_text(column.value(row)) for column in columns])

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(filename: str, columns: list[Column], rows: Iterable) -> FileResponse:
    """Written row by row (openpyxl's write-only mode) to a temporary file, then sent; dates are
    date cells, amounts numbers, text neutralised; right to left in Hebrew."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.sheet_view.rightToLeft = get_language_bidi()

    def cell(value):
        if value is None:
            return None
        if isinstance(value, datetime):
            value = timezone.localtime(value).replace(tzinfo=None)
            written = WriteOnlyCell(sheet, value=value)
            written.number_format = "dd/mm/yyyy hh:mm"
            return written
        if isinstance(value, date):
            written = WriteOnlyCell(sheet, value=value)
            written.number_format = "dd/mm/yyyy"
            return written
        if isinstance(value, bool):
            return str(_("Yes") if value else _("No"))
        if isinstance(value, int | Decimal | float):
            return value
        return neutralise(str(value))

    sheet.append([neutralise(str(column.header)) for column in columns])
    for row in rows:
        sheet.append([cell(column.value(row)) for column in columns])
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it once sent
    book.save(handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{filename}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def export_response(fmt: str, filename: str, columns: list[Column], rows: Iterable):
    if fmt == "xlsx":
        return xlsx_response(filename, columns, rows)
    return csv_response(filename, columns, rows)


def in_chunks(queryset, build: Callable[[list], list], size: int = 1000) -> Iterator:
    """Every row of an ordered queryset for an export, read `size` at a time, each chunk made
    into rows by `build` (which may read what the rows need in a few queries per chunk)."""
    chunk: list = []
    for item in queryset.iterator(chunk_size=size):
        chunk.append(item)
        if len(chunk) == size:
            yield from build(chunk)
            chunk = []
    if chunk:
        yield from build(chunk)
