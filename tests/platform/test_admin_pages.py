"""Issue 11: the admin never answers 500. Every model registered in the admin, of every app, has
its list, its change page and its history page walked as a superuser with one object in it.

The objects come from the demo set (`load_demo`); a model the demo leaves empty gets one row
built from its own field definitions, so a model added later is walked too. A history page
exists for every model: django-simple-history's for the models that keep history, Django's own
(the admin log) for the others.
"""

import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from taxportal.models import User

pytestmark = pytest.mark.django_db


def _value(field: models.Field):
    """A plain value that fits the field (unique where the field is unique)."""
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.EmailField):
        return f"{uuid.uuid4().hex[:12]}@example.com"
    if isinstance(field, models.FileField):
        return f"admin-walk/{uuid.uuid4().hex}.pdf"
    if isinstance(field, models.UUIDField):
        return uuid.uuid4()
    if isinstance(field, models.CharField | models.TextField):
        return uuid.uuid4().hex[: field.max_length or 32]
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.DecimalField):
        return Decimal("1.00")
    if isinstance(field, models.IntegerField):
        return 1
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        return date(2026, 1, 1)
    if isinstance(field, models.JSONField):
        return {}
    raise AssertionError(f"no value for {field.model._meta.label}.{field.name}")


def build(model: type[models.Model]) -> models.Model:
    """One row of `model`, its required fields filled, its required relations pointing at an
    existing row (or a row built the same way)."""
    model = model._meta.concrete_model
    values = {}
    for field in model._meta.concrete_fields:
        if isinstance(field, models.AutoField) or field.has_default() or field.null:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        if field.remote_field is not None:
            related = field.related_model
            existing = None if field.one_to_one else related._default_manager.first()
            values[field.name] = existing or build(related)
        elif not (field.blank and isinstance(field, models.CharField | models.TextField)):
            values[field.name] = _value(field)
    return model._default_manager.create(**values)


def test_every_admin_page_of_every_model_answers_without_a_server_error(settings, tmp_path):
    settings.DEBUG = True  # the demo set loads only outside production
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", verbosity=0)
    superuser = User.objects.create_superuser("admin-walk", "admin-walk@example.com", "x")
    client = Client(raise_request_exception=False)  # a server error is a status, not a raise
    client.force_login(superuser)
    failures = []
    walked = 0
    for model in admin.site._registry:
        obj = model._default_manager.order_by("pk").first() or build(model)
        meta = model._meta
        prefix = f"admin:{meta.app_label}_{meta.model_name}"
        for url in (
            reverse(f"{prefix}_changelist"),
            reverse(f"{prefix}_change", args=[obj.pk]),
            reverse(f"{prefix}_history", args=[obj.pk]),
        ):
            status = client.get(url).status_code
            walked += 1
            if status >= 500:
                failures.append((url, status))
    assert failures == []
    # Every registered model was walked: three pages each.
    assert walked == 3 * len(admin.site._registry)


def test_a_history_admin_only_for_a_model_that_keeps_history():
    from simple_history.admin import SimpleHistoryAdmin

    wrong = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, SimpleHistoryAdmin)
        and not hasattr(model._meta, "simple_history_manager_attribute")
    ]
    assert wrong == []
