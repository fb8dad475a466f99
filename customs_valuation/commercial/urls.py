from django.urls import path

from .views import agent, case_actions, case_pages, notices, oversight, queue

app_name = "customs_commercial"
urlpatterns = [
    # Valuers, chief valuers, the valuation unit.
    path("queue/", queue.queue, name="queue"),
    path("entries/<str:number>/open/", queue.entry_open, name="entry_open"),
    path("cases/<int:pk>/", case_pages.case_overview, name="case"),
    path("cases/<int:pk>/documents/", case_pages.case_documents, name="case_documents"),
    path("cases/<int:pk>/worksheet/", case_pages.case_worksheet, name="case_worksheet"),
    path("cases/<int:pk>/decision/", case_pages.case_decision, name="case_decision"),
    path("cases/<int:pk>/do/<slug:action>/", case_actions.case_action, name="case_action"),
    path(
        "cases/<int:pk>/do/<slug:action>/<str:arg>/",
        case_actions.case_action,
        name="case_action_on",
    ),
    path("credit-notes/<int:pk>/", oversight.credit_note_decide, name="credit_note"),
    path("assists/<int:pk>/", oversight.assist_way, name="assist_way"),
    path("freight-notices/", oversight.freight_notices, name="freight_notices"),
    # Notices (staff and the case's agent).
    path("notices/<int:pk>/", notices.notice_page, name="notice"),
    path("notices/<int:pk>/pdf/", notices.notice_pdf, name="notice_pdf"),
    # The customs agent.
    path("agent/", agent.cases, name="agent_cases"),
    path("agent/cases/<int:pk>/", agent.case_detail, name="agent_case"),
    path("agent/cases/<int:pk>/do/<slug:action>/", agent.case_action, name="agent_case_action"),
    path(
        "agent/cases/<int:pk>/do/<slug:action>/<str:arg>/",
        agent.case_action,
        name="agent_case_action_on",
    ),
    path("agent/assists/", agent.assists, name="agent_assists"),
    path("agent/credit-notes/", agent.credit_notes, name="agent_credit_notes"),
]
