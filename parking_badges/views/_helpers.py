"""What the badge pages share: small posted forms, form pages and stored files."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render

from ..models import (
    Vehicle,
)


def show_errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def apply_posted_form(request, form, act, success: str) -> None:
    """A small POST form on a detail page: run `act(form)` when it is valid; the success, the
    rule's refusal or each field error goes to the page's messages."""
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return
    try:
        act(form)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, success)


def stored_file(field_file, filename: str) -> FileResponse:
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    return FileResponse(handle, as_attachment=False, filename=filename)


def vehicle_or_404(number: str) -> Vehicle:
    return get_object_or_404(Vehicle, number=number)


def form_page(request, form_class, template: str, context: dict, act, *, initial=None):
    """GET shows the form; a valid POST calls `act(form)`; rule errors go back on the form."""
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            response = act(form)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            return response
    return render(request, template, {**context, "form": form})


def post_action(request, form_class, act, success: str, back: str):
    apply_posted_form(request, form_class(request.POST), act, success)
    return redirect(back)
