"""Issue 15: a citizen applies for a badge online (BADGE-7, BADGE-19 to BADGE-28): the form,
the "check your answers" page, and sending, through the same service as the clerk's intake.
At the low identification level the page says why not, and what to do."""

import uuid
from datetime import date

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from registration import levels
from taxportal.permissions import CITIZEN_PERMISSION, permission_required
from taxportal.selectors import receipt_for_case

from .. import forms, selectors, services
from ..choices import ApplicationChannel, ApprovalSource, EligibilityGround, VehicleGround
from ..services.receipts import APPLICATION_RECEIVED
from . import _drafts

DRAFT = "badge_application_draft"
VEHICLE_PREFIXES = ("vehicle1", "vehicle2")


def _gate(request):
    """The page a citizen who may not apply online sees instead (403), or None."""
    if not getattr(request.user, "national_id", None):
        return render(request, "parking_badges/apply_not_possible.html", status=403)
    if not levels.sees_everything(request.user):
        return render(request, "parking_badges/apply_low_level.html", status=403)
    return None


def _initial(user) -> dict:
    """The details the holder's file already has, else the contacts of the registration."""
    known = selectors.holder_details(user.national_id)
    if known:
        return known
    profile = getattr(user, "citizen_profile", None)
    return {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "phone": getattr(profile, "mobile", ""),
        "email": getattr(profile, "email", ""),
    }


def _draft_from(form, vehicle_forms) -> dict:
    data = form.cleaned_data
    details = {name: data[name] for name in forms.DETAIL_FIELDS}
    details["born_on"] = data["born_on"].isoformat()
    letter = data.get("source_letter")
    return {
        "token": str(uuid.uuid4()),
        "details": details,
        "ground": data["ground"],
        "source": data["source"],
        "source_decided_on": data["source_decided_on"].isoformat()
        if data.get("source_decided_on")
        else None,
        "source_reference": data.get("source_reference", ""),
        "source_letter": _drafts.keep(letter) if letter else None,
        "documents": [_drafts.keep(upload) for upload in data["documents"]],
        "vehicles": [
            {
                "number": v.cleaned_data["number"],
                "ground": v.cleaned_data["ground"],
                "relation": v.cleaned_data.get("relation", ""),
                "owner_national_id": v.cleaned_data.get("owner_national_id", ""),
                "evidence_kind": v.cleaned_data.get("evidence_kind", ""),
                "evidence": _drafts.keep(v.cleaned_data["evidence"])
                if v.cleaned_data.get("evidence")
                else None,
            }
            for v in vehicle_forms
            if v.asked
        ],
    }


def _kept_files(draft: dict) -> list[dict]:
    return [
        *draft["documents"],
        *([draft["source_letter"]] if draft.get("source_letter") else []),
        *[v["evidence"] for v in draft["vehicles"] if v.get("evidence")],
    ]


@permission_required(CITIZEN_PERMISSION)
@require_http_methods(["GET", "POST"])
def apply(request):
    """The application form: details, ground, approval, vehicles and documents."""
    refused = _gate(request)
    if refused is not None:
        return refused
    earlier = request.session.get(DRAFT)
    initial = _initial(request.user)
    if earlier and request.method == "GET":  # "change": the answers given, files again
        initial = {**initial, **earlier["details"], "ground": earlier["ground"]}
        initial.update(source=earlier["source"], source_reference=earlier["source_reference"])
    form = forms.OnlineApplicationForm(request.POST or None, request.FILES or None, initial=initial)
    vehicle_forms = [
        forms.VehicleAskedForm(request.POST or None, request.FILES or None, prefix=prefix)
        for prefix in VEHICLE_PREFIXES
    ]
    if request.method == "POST":
        checked = [form.is_valid(), *(v.is_valid() for v in vehicle_forms)]  # every error shown
        if all(checked):
            if earlier:
                _drafts.discard(_kept_files(earlier))
            request.session[DRAFT] = _draft_from(form, vehicle_forms)
            return redirect("parking_badges:apply_check")
    return render(
        request,
        "parking_badges/apply.html",
        {
            "title": _("Apply for a disabled-parking badge"),
            "form": form,
            "vehicle_forms": vehicle_forms,
            "changing": bool(earlier),
        },
    )


def _summary(draft: dict) -> dict:
    return {
        "details": draft["details"],
        "born_on": date.fromisoformat(draft["details"]["born_on"]),
        "ground": EligibilityGround(draft["ground"]).label,
        "source": ApprovalSource(draft["source"]).label,
        "source_decided_on": date.fromisoformat(draft["source_decided_on"])
        if draft.get("source_decided_on")
        else None,
        "source_reference": draft.get("source_reference", ""),
        "source_letter": (draft.get("source_letter") or {}).get("name", ""),
        "documents": [d["name"] for d in draft["documents"]],
        "vehicles": [
            {**v, "ground_label": VehicleGround(v["ground"]).label} for v in draft["vehicles"]
        ],
    }


def _send(request, draft: dict):
    already = selectors.application_sent_from(uuid.UUID(draft["token"]))
    if already is not None:  # BADGE-55: these answers were sent already (back button)
        return already
    details = draft["details"]
    on_file = selectors.holder_details(request.user.national_id)
    person = services.PersonDetails(
        national_id=request.user.national_id,
        has_guardian_of_person=on_file.get("has_guardian_of_person", False),
        **{**details, "born_on": date.fromisoformat(details["born_on"])},
    )
    opened = [_drafts.reopen(kept) for kept in draft["documents"]]
    letter = draft.get("source_letter")
    vehicles = [
        services.VehicleAsked(
            number=v["number"],
            ground=v["ground"],
            relation=v["relation"],
            owner_national_id=v["owner_national_id"],
            evidence_kind=v["evidence_kind"],
            evidence=_drafts.reopen(v["evidence"]) if v.get("evidence") else None,
        )
        for v in draft["vehicles"]
    ]
    return services.application_receive(
        actor=request.user,
        details=person,
        source=draft["source"],
        ground=draft["ground"],
        material_received_on=timezone.localdate(),
        documents=opened,
        source_decided_on=date.fromisoformat(draft["source_decided_on"])
        if draft.get("source_decided_on")
        else None,
        source_reference=draft.get("source_reference", ""),
        source_letter=_drafts.reopen(letter) if letter else None,
        confirm_changes=True,
        submission_token=uuid.UUID(draft["token"]),
        channel=ApplicationChannel.ONLINE,
        vehicles=vehicles,
    )


@permission_required(CITIZEN_PERMISSION)
@require_http_methods(["GET", "POST"])
def apply_check(request):
    """ "Check your answers", then send: the application enters the mobility department's
    queue as received today, and the citizen is given the receipt."""
    refused = _gate(request)
    if refused is not None:
        return refused
    draft = request.session.get(DRAFT)
    if not draft:
        return redirect("parking_badges:apply")
    problems: list[str] = []
    if request.method == "POST":
        try:
            application = _send(request, draft)
        except ValidationError as error:
            problems = error.messages
        else:
            _drafts.discard(_kept_files(draft))
            del request.session[DRAFT]
            receipt = receipt_for_case(request.user, application, APPLICATION_RECEIVED)
            if receipt is None:
                return redirect("parking_badges:my_badge")
            return redirect("receipt", pk=receipt.pk)
    return render(
        request,
        "parking_badges/apply_check.html",
        {
            "title": _("Check your answers before sending"),
            "summary": _summary(draft),
            "problems": problems,
        },
    )
