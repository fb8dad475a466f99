"""The customs agent's pages: importers, suppliers, declarations, blocks, inbox."""

from django.shortcuts import render

from taxportal.paging import paginate
from taxportal.permissions import permission_required

from .. import selectors

AGENT = "act_as_customs_agent"


@permission_required(AGENT)
def agent_home(request):
    agent = selectors.agent_of(request.user)
    return render(
        request,
        "customs_valuation/declarations/agent_home.html",
        {"agent": agent, "pager": paginate(request, selectors.importers_of(agent))},
    )
