"""The citizen login, verification links, contact update and the personal area (REG-20 to
REG-24)."""

from django.contrib import messages
from django.contrib.auth import authenticate, login
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from taxportal.http import client_address
from taxportal.links import safe_next, staff_login_url
from taxportal.permissions import CITIZEN_PERMISSION, permission_required
from taxportal.roles import perm

from .. import levels, selectors, services
from ..forms import CitizenLoginForm, ContactForm
from ..models import ContactChange, ContactVerification, IdentificationLevel
from .common import locked_out, profile_initial

# --- citizen login, verification links, contact update, personal area ------------------------


@require_http_methods(["GET", "POST"])
def citizen_login(request):
    """REG-20: identity number + user code + password."""
    next_url = safe_next(request, request.POST.get("next") or request.GET.get("next", ""))
    if request.user.is_authenticated and request.user.has_perm(perm(CITIZEN_PERMISSION)):
        return redirect(next_url or "registration:personal_area")
    form = CitizenLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        national_id = form.cleaned_data["national_id"]
        user = authenticate(
            request,
            national_id=national_id,
            user_code=form.cleaned_data["user_code"],
            password=form.cleaned_data["password"],
        )
        if user is not None:
            login(request, user)
            return redirect(next_url or "registration:personal_area")
        lockout = selectors.login_lockout_state(
            national_id=national_id, remote_addr=client_address(request), now=timezone.now()
        )
        if lockout.locked_until:
            return locked_out(request, lockout.locked_until, login=True)
        form.add_error(None, _("The identity number, user code or password is wrong."))
    return render(
        request,
        "registration/login.html",
        {"form": form, "next": next_url, "staff_login_url": staff_login_url(next_url)},
    )


@require_http_methods(["GET", "POST"])
def verify_contact(request, token):
    """REG-21: a signed, expiring link per channel; confirmed with a button (link scanners in
    mail systems follow links, but do not press buttons)."""
    verification = services.verification_from_token(token)
    if verification is None:
        return render(request, "registration/verify.html", {"invalid": True}, status=400)
    if request.method == "POST":
        confirmed = services.contact_verify(verification=verification)
        return render(
            request,
            "registration/verify.html",
            {"confirmed": confirmed, "superseded": not confirmed, "verification": verification},
        )
    return render(request, "registration/verify.html", {"verification": verification})


@permission_required(CITIZEN_PERMISSION)
def personal_area(request):
    """REG-24: the level, the contact details, and what each service holds for this citizen."""
    profile = getattr(request.user, "citizen_profile", None)
    level = levels.citizen_level(request.user)
    return render(
        request,
        "registration/personal_area.html",
        {
            "profile": profile,
            "level_label": IdentificationLevel(level).label,
            "is_low": level == IdentificationLevel.LOW,
            "waiting_change": selectors.waiting_contact_change(profile) if profile else None,
            "not_sent": selectors.verifications_not_sent(profile) if profile else [],
            "sections": selectors.personal_area_sections(request.user, level, request),
        },
    )


@permission_required(CITIZEN_PERMISSION)
@require_http_methods(["GET", "POST"])
def update_contact(request):
    """REG-23 for a logged-in citizen."""
    profile = getattr(request.user, "citizen_profile", None)
    if profile is None:
        return redirect("registration:start")
    form = ContactForm(
        request.POST or None, initial=profile_initial(profile), with_terms=False, profile=profile
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = services.contact_change_request(
            profile=profile,
            mobile=data["mobile"],
            email=data["email"],
            channel=data["channel"],
            consent_sms=data["consent_sms"] == "yes",
            consent_email=data["consent_email"] == "yes",
            actor=request.user,
            language=translation.get_language(),
        )
        if result.change.status == ContactChange.Status.WAITING:
            effective = timezone.localtime(result.change.effective_at)
            messages.info(
                request,
                _(
                    "Your request is recorded. For your protection it takes effect on %(date)s; "
                    "we told you of it where your messages go now."
                )
                % {"date": date_format(effective, "d/m/Y H:i")},
            )
        elif result.verifications:
            messages.info(
                request,
                _(
                    "Your consents are saved. We sent a confirmation link to each new detail; "
                    "it takes effect when you follow the link."
                ),
            )
        else:
            messages.success(request, _("Your contact details are saved."))
        return redirect("registration:personal_area")
    return render(request, "registration/update_contact.html", {"form": form})


@require_http_methods(["GET", "POST"])
def cancel_contact_change(request, token):
    """REG-23: the "this wasn't me" link sent to the channel on record; confirmed with a button
    (link scanners follow links, but do not press buttons)."""
    change = services.contact_change_from_token(token)
    if change is None:
        return render(request, "registration/cancel_change.html", {"invalid": True}, status=400)
    outcome = services.contact_change_cancel(change=change) if request.method == "POST" else None
    return render(
        request, "registration/cancel_change.html", {"change": change, "outcome": outcome}
    )


@permission_required(CITIZEN_PERMISSION)
@require_http_methods(["POST"])
def resend_verification(request, pk):
    """REG-18: "send again" for a confirmation link that could not be sent."""
    verification = get_object_or_404(
        ContactVerification, pk=pk, profile__user=request.user, verified_at__isnull=True
    )
    if services.contact_verification_resend(verification=verification):
        messages.info(request, _("We are sending the confirmation link again."))
    else:
        messages.error(request, _("The link cannot be sent again now. Try again in a minute."))
    return redirect("registration:personal_area")
