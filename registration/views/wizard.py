"""The registration wizard: the entry page, the identity questions and the contact details
(REG-1 to REG-16)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from taxportal.http import client_address
from taxportal.links import safe_next

from .. import rules, selectors, services, wizard
from ..forms import (
    ContactForm,
    EntryForm,
    EntryMethod,
    FurtherQuestionsForm,
    HighQuestionsForm,
    LowItemsForm,
)
from ..models import Action
from .common import (
    NEXT_KEY,
    high_sets,
    locked_out,
    outcome_page,
    profile_initial,
    render_step,
    typed,
)

# --- entry page (REG-1 to REG-5) --------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def start(request):
    """The entry page: identity number, entry method and requested action."""
    if request.method == "GET":
        next_url = safe_next(request, request.GET.get("next", ""))
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
        return locked_out(request, lockout.locked_until)
    state = wizard.WizardState(
        action=form.cleaned_data["action"],
        national_id=national_id,
        next_url=request.session.get(NEXT_KEY, ""),
    )
    state.data["entry"] = typed(request, form.fields)
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


def _step_form(state, step, data=None):
    if step == "high":
        kinds = high_sets(state)[state.high_set]
        return HighQuestionsForm(data, kinds=kinds, initial=state.data.get(step))
    if step == "low":
        return LowItemsForm(data, initial=state.data.get(step))
    if step == "more":
        return FurtherQuestionsForm(data, kinds=state.further_kinds, initial=state.data.get(step))
    profile = selectors.citizen_profile_for(state.national_id)
    initial = state.data.get(step)
    if not initial and profile and state.action == Action.UPDATE:
        initial = profile_initial(profile)
    return ContactForm(
        data,
        initial=initial,
        with_terms=state.action == Action.REGISTER,
        profile=profile if state.action == Action.UPDATE else None,
    )


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
        return render_step(request, state, step, _step_form(state, step))

    op = request.POST.get("op", "next")
    form = _step_form(state, step, request.POST)
    state.data[step] = typed(request, form.fields)
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
        return render_step(request, state, step, form)
    handler = {
        "high": _after_high,
        "low": _after_low,
        "more": _after_more,
        "contact": _after_contact,
    }
    return handler[step](request, state, form.cleaned_data)


def _after_high(request, state, data):
    kinds = [kind for kind in rules.HIGH_QUESTIONS if kind in data]
    if not any(rules.is_answered(data, kind) for kind in kinds):
        if data["no_answers"]:
            state.low_path = True
            wizard.save(request, state)
            return redirect("registration:step", step="low")
        return _next_high_set(request, state)
    check = services.identity_check_high(
        national_id=state.national_id,
        answers={kind: data[kind] for kind in kinds},
        action=state.action,
        remote_addr=client_address(request),
    )
    return _after_check(request, state, check)


def _next_high_set(request, state):
    """REG-7: no answer and no tick: a new set of questions, up to the attempt's last set. Asking
    past the last set is not a wrong answer and is not counted: the page says there are no more
    sets and points to the tick."""
    state.data["high"] = {}
    if state.high_set + 1 < len(high_sets(state)):
        state.high_set += 1
        wizard.save(request, state)
        messages.info(
            request,
            _(
                "Here is a new set of questions. Answer one of them, or tick “I have no answers "
                "to these questions” and press Continue."
            ),
        )
    else:
        wizard.save(request, state)
        messages.warning(
            request,
            _(
                "There are no more sets of questions. If you have no answers to these "
                "questions, tick “I have no answers to these questions” and press Continue: "
                "you will go on to the questions for the low identification level."
            ),
        )
    return redirect("registration:step", step="high")


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


def _after_check(request, state, check):
    """REG-11: the same message whatever the reason, and the same place, for every number."""
    if check.not_possible:
        return outcome_page(request, "not_possible_online")
    if check.level is None:
        if check.locked_until:
            return locked_out(request, check.locked_until)
        state.new_attempt()
        wizard.save(request, state)
        messages.error(request, WRONG_ANSWERS % {"left": check.failures_left})
        return redirect("registration:step", step="high")
    state.level = check.level
    profile = selectors.citizen_profile_for(state.national_id)
    if state.action == Action.REGISTER and profile is not None:
        return outcome_page(request, "already_registered")
    if state.action in (Action.RECOVER, Action.UPDATE) and profile is None:
        return outcome_page(request, "not_registered")
    if state.action == Action.RECOVER:
        assert profile is not None  # checked just above
        registration = services.registration_start_recovery(
            profile=profile,
            level=state.level,
            language=translation.get_language(),
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
        assert profile is not None  # an update starts only for a registered number
        result = services.contact_change_request(
            profile=profile,
            actor=None,
            language=translation.get_language(),
            **contact,
        )
        return outcome_page(request, "updated", change=result.change)
    registration = services.registration_start(
        national_id=state.national_id,
        level=state.level,
        terms_accepted=data["terms"],
        language=translation.get_language(),
        **contact,
    )
    state.registration_id = registration.pk
    wizard.save(request, state)
    return redirect("registration:code")
