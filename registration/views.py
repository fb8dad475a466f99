"""The citizen's pages: the registration wizard, login, contact details, the personal area.

Views stay thin: forms check input, services decide and write, selectors read.
"""

from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from taxportal.http import client_address
from taxportal.roles import perm

from . import rules, selectors, services, wizard
from .forms import (
    CitizenLoginForm,
    ContactForm,
    EntryForm,
    EntryMethod,
    FurtherQuestionsForm,
    HighQuestionsForm,
    LowItemsForm,
    SetPasswordForm,
    UserCodeForm,
)
from .models import Action, IdentificationLevel, Registration

DONE_KEY = "registration_done"
LOCKED_KEY = "registration_locked_until"
NEXT_KEY = "registration_next"


def _origin(request) -> str:
    return request.build_absolute_uri("/")


def _safe_next(request, url: str) -> str:
    """REG-21: a `next` address only to this site."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def _raw(request, field_names) -> dict[str, str]:
    """What was typed on a step, kept as typed (Back keeps it; a reload shows it)."""
    return {name: request.POST.get(name, "") for name in field_names}


def _locked(request, locked_until):
    request.session[LOCKED_KEY] = locked_until.isoformat()
    wizard.clear(request)
    return redirect("registration:locked")


def _render_step(request, state, step, form, **context):
    if step == "high":
        context.update(set_number=state.high_set + 1, set_count=len(_high_sets(state)))
    return render(
        request,
        f"registration/step_{step}.html",
        {
            "form": form,
            "state": state,
            "step": step,
            "stages": wizard.stages_for(state.action, step),
            "can_go_back": True,
            **context,
        },
    )


# --- entry page (REG-1 to REG-5) --------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def start(request):
    """The entry page: identity number, entry method and requested action."""
    if request.method == "GET":
        next_url = _safe_next(request, request.GET.get("next", ""))
        if next_url:
            request.session[NEXT_KEY] = next_url
        state = wizard.load(request)
        initial = state.data.get("entry", {}) if state else {}
        form = EntryForm(initial=initial or None)
        return _render_entry(request, form)
    op = request.POST.get("op", "next")
    if op == "clear":
        wizard.clear(request)
        return redirect("registration:start")
    form = EntryForm(request.POST)
    if not form.is_valid():
        return _render_entry(request, form)
    if form.cleaned_data["method"] == EntryMethod.SMART_CARD:
        return redirect("registration:smart_card")
    national_id = form.cleaned_data["national_id"]
    lockout = selectors.lockout_state(
        national_id=national_id, remote_addr=client_address(request), now=timezone.now()
    )
    if lockout.locked_until:
        return _locked(request, lockout.locked_until)
    state = wizard.WizardState(
        action=form.cleaned_data["action"],
        national_id=national_id,
        next_url=request.session.get(NEXT_KEY, ""),
    )
    state.data["entry"] = _raw(request, form.fields)
    wizard.save(request, state)
    return redirect("registration:step", step="high")


def _render_entry(request, form):
    return render(
        request,
        "registration/step_entry.html",
        {
            "form": form,
            "step": "entry",
            "stages": wizard.stages_for(Action.REGISTER, "entry"),
            "can_go_back": False,
        },
    )


# --- identity questions and contact details ---------------------------------------------------


def _high_sets(state) -> list[list[str]]:
    return selectors.high_question_sets(state.national_id, seed=state.nonce)


def _step_form(state, step, data=None):
    if step == "high":
        kinds = _high_sets(state)[state.high_set]
        return HighQuestionsForm(data, kinds=kinds, initial=state.data.get(step))
    if step == "low":
        return LowItemsForm(data, initial=state.data.get(step))
    if step == "more":
        return FurtherQuestionsForm(data, kinds=state.further_kinds, initial=state.data.get(step))
    profile = selectors.citizen_profile_for(state.national_id)
    initial = state.data.get(step)
    if not initial and profile and state.action == Action.UPDATE:
        initial = _profile_initial(profile)
    return ContactForm(
        data,
        initial=initial,
        with_terms=state.action == Action.REGISTER,
        profile=profile if state.action == Action.UPDATE else None,
    )


def _profile_initial(profile) -> dict[str, str]:
    return {
        "mobile": profile.pending_mobile or profile.mobile,
        "email": profile.pending_email or profile.email,
        "channel": profile.pending_channel or profile.channel,
        "consent_sms": "yes" if profile.consent_sms else "no",
        "consent_email": "yes" if profile.consent_email else "no",
    }


@require_http_methods(["GET", "POST"])
def step(request, step):
    if step not in (*wizard.QUESTION_STEPS, "contact"):
        raise Http404
    state = wizard.load(request)
    if state is None:
        return redirect("registration:expired")
    if not state.can_show(step):
        wizard.save(request, state)
        return redirect("registration:step", step=state.first_open_step())
    if request.method == "GET":
        wizard.save(request, state)
        return _render_step(request, state, step, _step_form(state, step))

    op = request.POST.get("op", "next")
    form = _step_form(state, step, request.POST)
    state.data[step] = _raw(request, form.fields)
    if op == "clear":
        state.data[step] = {}
        wizard.save(request, state)
        return redirect("registration:step", step=step)
    if op == "back":
        wizard.save(request, state)
        previous = state.previous_step(step)
        if previous == "entry":
            return redirect("registration:start")
        return redirect("registration:step", step=previous)
    if not form.is_valid():
        wizard.save(request, state)
        return _render_step(request, state, step, form)
    handler = {
        "high": _after_high,
        "low": _after_low,
        "more": _after_more,
        "contact": _after_contact,
    }
    return handler[step](request, state, form.cleaned_data)


def _lockout_first(request, state):
    lockout = selectors.lockout_state(
        national_id=state.national_id, remote_addr=client_address(request), now=timezone.now()
    )
    return _locked(request, lockout.locked_until) if lockout.locked_until else None


def _after_high(request, state, data):
    kinds = [kind for kind in rules.HIGH_QUESTIONS if kind in data]
    if not any(rules.is_answered(data, kind) for kind in kinds):
        if data["no_answers"]:
            state.low_path = True
            wizard.save(request, state)
            return redirect("registration:step", step="low")
        return _next_high_set(request, state)
    locked = _lockout_first(request, state)
    if locked:
        return locked
    check = services.identity_check_high(
        national_id=state.national_id,
        answers={kind: data[kind] for kind in kinds},
        action=state.action,
        remote_addr=client_address(request),
    )
    return _after_check(request, state, check)


def _next_high_set(request, state):
    """REG-7: no answer and no tick: a new set of questions. An attempt has a few sets; asking
    for more than that counts as a failed attempt, so sets cannot be drawn without limit."""
    state.data["high"] = {}
    if state.high_set + 1 < len(_high_sets(state)):
        state.high_set += 1
        wizard.save(request, state)
        messages.info(
            request,
            _(
                "Here is a new set of questions. Answer one of them, or tick “I have no answers "
                "to these questions” and press Continue."
            ),
        )
        return redirect("registration:step", step="high")
    locked = _lockout_first(request, state)
    if locked:
        return locked
    check = services.identity_questions_exhausted(
        national_id=state.national_id, action=state.action, remote_addr=client_address(request)
    )
    return _after_check(
        request,
        state,
        check,
        failure=_(
            "You have seen every set of questions of this attempt without answering, which "
            "counts as a failed attempt. If you have no answers, tick “I have no answers to "
            "these questions”. Attempts left before a 24-hour lock: %(left)d."
        ),
    )


def _after_low(request, state, data):
    entered = rules.low_items_entered(data)
    state.further_kinds = rules.draw_further_questions(
        selectors.further_question_pool(state.national_id),
        seed=state.nonce,
        count=rules.further_question_count(entered),
    )
    state.data.pop("more", None)
    wizard.save(request, state)
    if entered < rules.LOW_ITEMS_NEEDED:
        # REG-8: only one item entered: a new set of questions stands in for the second.
        messages.info(
            request,
            _(
                "You entered only one of the three items, so here is a new set of questions: "
                "answer all of them to reach the low identification level."
            ),
        )
    return redirect("registration:step", step="more")


def _after_more(request, state, data):
    locked = _lockout_first(request, state)
    if locked:
        return locked
    check = services.identity_check_low(
        national_id=state.national_id,
        items=state.data.get("low", {}),
        further_kinds=state.further_kinds,
        further={k: str(v) for k, v in data.items()},
        action=state.action,
        remote_addr=client_address(request),
    )
    return _after_check(request, state, check)


WRONG_ANSWERS = gettext_lazy(
    "The answers do not match the Authority's records. Please check them and answer again. "
    "Attempts left before a 24-hour lock: %(left)d."
)


def _after_check(request, state, check, failure=WRONG_ANSWERS):
    """REG-11: the same message whatever the reason, and the same place, for every number."""
    if check.level is None:
        if check.locked_until:
            return _locked(request, check.locked_until)
        state.new_attempt()
        wizard.save(request, state)
        messages.error(request, failure % {"left": check.failures_left})
        return redirect("registration:step", step="high")
    state.level = check.level
    profile = selectors.citizen_profile_for(state.national_id)
    if state.action == Action.REGISTER and profile is not None:
        return _outcome(request, "already_registered")
    if state.action in (Action.RECOVER, Action.UPDATE) and profile is None:
        return _outcome(request, "not_registered")
    if state.action == Action.RECOVER:
        registration = services.registration_start_recovery(
            profile=profile,
            level=state.level,
            language=translation.get_language(),
            site_origin=_origin(request),
        )
        state.registration_id = registration.pk
        wizard.save(request, state)
        return redirect("registration:code")
    wizard.save(request, state)
    return redirect("registration:step", step="contact")


def _after_contact(request, state, data):
    contact = {
        "mobile": data["mobile"],
        "email": data["email"],
        "channel": data["channel"],
        "consent_sms": data["consent_sms"] == "yes",
        "consent_email": data["consent_email"] == "yes",
    }
    if state.action == Action.UPDATE:
        profile = selectors.citizen_profile_for(state.national_id)
        sent = services.profile_update_contact(
            profile=profile,
            actor=None,
            site_origin=_origin(request),
            language=translation.get_language(),
            **contact,
        )
        return _outcome(request, "updated", verifications=len(sent))
    registration = services.registration_start(
        national_id=state.national_id,
        level=state.level,
        terms_accepted=data["terms"],
        language=translation.get_language(),
        site_origin=_origin(request),
        **contact,
    )
    state.registration_id = registration.pk
    wizard.save(request, state)
    return redirect("registration:code")


# --- user code, password, completion (REG-17 to REG-21) ---------------------------------------


def _open_registration(state) -> Registration | None:
    if state is None or not state.registration_id:
        return None
    return Registration.objects.filter(pk=state.registration_id).first()


@require_http_methods(["GET", "POST"])
def code(request):
    state = wizard.load(request)
    registration = _open_registration(state)
    if registration is None:
        return redirect("registration:expired")
    if registration.status == Registration.Status.CANCELLED:
        return _outcome(request, "cancelled")
    if registration.status == Registration.Status.CODE_CONFIRMED:
        return redirect("registration:password")
    form = UserCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = services.registration_confirm_code(
            registration=registration, code=form.cleaned_data["user_code"]
        )
        if outcome == services.CodeOutcome.CONFIRMED:
            wizard.save(request, state)
            return redirect("registration:password")
        if outcome == services.CodeOutcome.CANCELLED:
            return _outcome(request, "cancelled")
        registration.refresh_from_db()
        form.add_error(
            "user_code",
            _("The user code is wrong. Wrong entries left: %(left)d.")
            % {"left": rules.MAX_WRONG_CODE_ENTRIES - registration.wrong_code_entries},
        )
    wizard.save(request, state)
    return _render_step(
        request,
        state,
        "code",
        form,
        registration=registration,
        minutes=rules.USER_CODE_VALIDITY.seconds // 60,
        can_go_back=False,
    )


@require_http_methods(["GET", "POST"])
def password(request):
    state = wizard.load(request)
    registration = _open_registration(state)
    if registration is None:
        return redirect("registration:expired")
    if registration.status != Registration.Status.CODE_CONFIRMED:
        return redirect("registration:code")
    form = SetPasswordForm(request.POST or None, national_id=registration.national_id)
    if request.method == "POST" and form.is_valid():
        services.registration_complete(
            registration=registration, password=form.cleaned_data["password1"]
        )
        request.session[DONE_KEY] = {
            "action": registration.action,
            "level": registration.level,
            "next": state.next_url,
        }
        wizard.clear(request)
        return redirect("registration:done")
    wizard.save(request, state)
    return _render_step(request, state, "password", form, can_go_back=False)


def done(request):
    finished = request.session.get(DONE_KEY)
    if not finished:
        return redirect("registration:start")
    login_url = reverse("registration:login")
    next_url = _safe_next(request, finished.get("next", ""))
    return render(
        request,
        "registration/done.html",
        {
            "finished": finished,
            "level_label": IdentificationLevel(finished["level"]).label,
            "stages": wizard.stages_for(finished["action"], "done"),
            "service_url": f"{login_url}?{urlencode({'next': next_url})}"
            if next_url
            else login_url,
        },
    )


# --- pages that end the wizard ---------------------------------------------------------------


def _outcome(request, kind: str, **context):
    wizard.clear(request)
    return render(request, f"registration/outcome_{kind}.html", context)


def expired(request):
    return render(
        request,
        "registration/expired.html",
        {"minutes": int(rules.WIZARD_IDLE_TIMEOUT.total_seconds() // 60)},
    )


def locked(request):
    until = request.session.get(LOCKED_KEY)
    return render(
        request,
        "registration/locked.html",
        {"until": datetime.fromisoformat(until) if until else None},
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


# --- citizen login, verification links, contact update, personal area ------------------------


@require_http_methods(["GET", "POST"])
def citizen_login(request):
    """REG-20: identity number + user code + password."""
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next", ""))
    form = CitizenLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        national_id = form.cleaned_data["national_id"]
        lockout = selectors.lockout_state(
            national_id=national_id, remote_addr=client_address(request), now=timezone.now()
        )
        if lockout.locked_until:
            return _locked(request, lockout.locked_until)
        user = authenticate(
            request,
            national_id=national_id,
            user_code=form.cleaned_data["user_code"],
            password=form.cleaned_data["password"],
        )
        services.citizen_login_record(
            national_id=national_id, remote_addr=client_address(request), succeeded=user is not None
        )
        if user is not None:
            login(request, user)
            return redirect(next_url or "registration:personal_area")
        form.add_error(None, _("The identity number, user code or password is wrong."))
    return render(request, "registration/login.html", {"form": form, "next": next_url})


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


def _citizen_required(view):
    """Citizens who are not logged in go to the citizen login (not the staff one)."""

    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("registration:login"))
        if not request.user.has_perm(perm("use_personal_area")):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@_citizen_required
def personal_area(request):
    """REG-24: the level, the contact details, and what each service holds for this citizen."""
    profile = getattr(request.user, "citizen_profile", None)
    level = profile.level if profile else IdentificationLevel.LOW
    return render(
        request,
        "registration/personal_area.html",
        {
            "profile": profile,
            "level_label": IdentificationLevel(level).label,
            "is_low": level == IdentificationLevel.LOW,
            "sections": selectors.personal_area_sections(request.user, level, request),
        },
    )


@_citizen_required
@require_http_methods(["GET", "POST"])
def update_contact(request):
    """REG-23 for a logged-in citizen."""
    profile = getattr(request.user, "citizen_profile", None)
    if profile is None:
        return redirect("registration:start")
    form = ContactForm(
        request.POST or None, initial=_profile_initial(profile), with_terms=False, profile=profile
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        sent = services.profile_update_contact(
            profile=profile,
            mobile=data["mobile"],
            email=data["email"],
            channel=data["channel"],
            consent_sms=data["consent_sms"] == "yes",
            consent_email=data["consent_email"] == "yes",
            actor=request.user,
            site_origin=_origin(request),
            language=translation.get_language(),
        )
        if sent:
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
