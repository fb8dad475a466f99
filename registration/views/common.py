"""What the registration pages share: session keys, safe `next`, rendering a step."""

from django.forms import MultiWidget
from django.shortcuts import redirect, render

from .. import selectors, wizard

DONE_KEY = "registration_done"
LOCKED_KEY = "registration_locked_until"
NEXT_KEY = "registration_next"


def typed(request, fields) -> dict[str, str]:
    """What was typed on a step, kept as typed (Back keeps it; a reload shows it).

    A date typed in three boxes (taxportal/dates.py) is kept as "day/month/year", the parts as
    typed; a script posting one value under the field's name is kept as it posted it."""
    kept = {}
    for name in fields:
        widget = fields[name].widget
        if isinstance(widget, MultiWidget) and name not in request.POST:
            parts = widget.value_from_datadict(request.POST, request.FILES, name)
            kept[name] = "/".join(str(part or "").strip() for part in parts) if any(parts) else ""
        else:
            kept[name] = request.POST.get(name, "")
    return kept


def locked_out(request, locked_until, login: bool = False):
    """The lockout page: of the identity questions, or of the login from this connection."""
    request.session[LOCKED_KEY] = {"until": locked_until.isoformat(), "login": login}
    wizard.clear(request)
    return redirect("registration:locked")


def render_step(request, state, step, form, **context):
    if step == "high":
        context.update(set_number=state.high_set + 1, set_count=len(high_sets(state)))
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


def high_sets(state) -> list[list[str]]:
    return selectors.high_question_sets(state.national_id, seed=state.nonce)


# --- pages that end the wizard ---------------------------------------------------------------


def outcome_page(request, kind: str, **context):
    wizard.clear(request)
    return render(request, f"registration/outcome_{kind}.html", context)


def profile_initial(profile) -> dict[str, str]:
    return {
        "mobile": profile.pending_mobile or profile.mobile,
        "email": profile.pending_email or profile.email,
        "channel": profile.pending_channel or profile.channel,
        "consent_sms": "yes" if profile.consent_sms else "no",
        "consent_email": "yes" if profile.consent_email else "no",
    }
