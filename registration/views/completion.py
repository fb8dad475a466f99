"""The user code, the password and the pages that end the wizard (REG-17 to REG-21)."""

from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from taxportal.links import citizen_login_url, safe_next

from .. import rules, services, wizard
from ..forms import SetPasswordForm, UserCodeForm
from ..models import Channel, IdentificationLevel, Registration
from ..services.messages import no_reply_sender
from .common import DONE_KEY, LOCKED_KEY, outcome_page, render_step

# --- user code, password, completion (REG-17 to REG-21) ---------------------------------------


def _open_registration(state) -> Registration | None:
    if state is None or not state.registration_id:
        return None
    return Registration.objects.filter(pk=state.registration_id).first()


@require_http_methods(["GET", "POST"])
def code(request):
    state = wizard.load(request)
    registration = _open_registration(state)
    if state is None or registration is None:
        return redirect("registration:expired")
    if registration.status == Registration.Status.CANCELLED:
        return outcome_page(request, "cancelled")
    if registration.status == Registration.Status.CODE_CONFIRMED:
        return redirect("registration:password")
    if request.method == "POST" and request.POST.get("op") == "resend":
        if services.registration_resend_code(registration=registration):
            messages.info(request, _("We are sending the user code again."))
        else:
            messages.error(
                request,
                _(
                    "The user code cannot be sent again now. Wait a minute and try again; "
                    "after a few tries, start the registration again."
                ),
            )
        return redirect("registration:code")
    form = UserCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = services.registration_confirm_code(
            registration=registration, code=form.cleaned_data["user_code"]
        )
        if outcome == services.CodeOutcome.CONFIRMED:
            wizard.save(request, state)
            return redirect("registration:password")
        if outcome == services.CodeOutcome.CANCELLED:
            return outcome_page(request, "cancelled")
        registration.refresh_from_db()
        form.add_error(
            "user_code",
            _("The user code is wrong. Wrong entries left: %(left)d.")
            % {"left": rules.MAX_WRONG_CODE_ENTRIES - registration.wrong_code_entries},
        )
    wizard.save(request, state)
    return render_step(
        request,
        state,
        "code",
        form,
        registration=registration,
        minutes=rules.USER_CODE_VALIDITY.seconds // 60,
        no_reply=no_reply_sender(registration.channel),
        can_go_back=False,
    )


@require_http_methods(["GET", "POST"])
def password(request):
    state = wizard.load(request)
    registration = _open_registration(state)
    if state is None or registration is None:
        return redirect("registration:expired")
    if registration.status != Registration.Status.CODE_CONFIRMED:
        return redirect("registration:code")
    form = SetPasswordForm(request.POST or None, national_id=registration.national_id)
    if request.method == "POST" and form.is_valid():
        user = services.registration_complete(
            registration=registration, password=form.cleaned_data["password1"]
        )
        if user is None:
            return outcome_page(request, "cancelled")
        request.session[DONE_KEY] = {
            "action": registration.action,
            "level": registration.level,
            "next": state.next_url,
        }
        wizard.clear(request)
        return redirect("registration:done")
    wizard.save(request, state)
    return render_step(request, state, "password", form, can_go_back=False)


def done(request):
    finished = request.session.get(DONE_KEY)
    if not finished:
        return redirect("registration:start")
    next_url = safe_next(request, finished.get("next", ""))
    return render(
        request,
        "registration/done.html",
        {
            "finished": finished,
            "level_label": IdentificationLevel(finished["level"]).label,
            "stages": wizard.stages_for(finished["action"], "done"),
            "service_url": citizen_login_url(next_url),
            "email_sender": no_reply_sender(Channel.EMAIL),
            "sms_sender": no_reply_sender(Channel.SMS),
        },
    )


def expired(request):
    return render(
        request,
        "registration/expired.html",
        {"minutes": int(rules.WIZARD_IDLE_TIMEOUT.total_seconds() // 60)},
    )


def locked(request):
    stored = request.session.get(LOCKED_KEY) or {}
    return render(
        request,
        "registration/locked.html",
        {
            "until": datetime.fromisoformat(stored["until"]) if stored else None,
            "login": stored.get("login", False),
        },
        status=429,
    )


def smart_card(request):
    """REG-1: the smart card's verified subject comes from the TLS proxy in a configured header."""
    header = settings.SMART_CARD_HEADER
    subject = request.META.get(f"HTTP_{header.upper().replace('-', '_')}", "") if header else ""
    return render(
        request,
        "registration/smart_card.html",
        {"configured": bool(header), "subject": subject},
    )
