from django.urls import path

from .views import agent, entries, staff, unit

app_name = "customs_declarations"
urlpatterns = [
    # The customs agent.
    path("agent/", agent.agent_home, name="agent_home"),
    path("agent/suppliers/", agent.suppliers, name="agent_suppliers"),
    path("agent/suppliers/new/", agent.supplier_new, name="agent_supplier_new"),
    path("agent/suppliers/<int:number>/", agent.supplier_detail, name="agent_supplier"),
    path("agent/declarations/", agent.declarations, name="agent_declarations"),
    path("agent/declarations/new/", agent.declaration_new, name="agent_declaration_new"),
    path("agent/declarations/<int:number>/", agent.declaration_detail, name="agent_declaration"),
    path(
        "agent/declarations/<int:number>/correct/",
        agent.declaration_correct,
        name="agent_declaration_correct",
    ),
    path(
        "agent/declarations/<int:number>/replace/",
        agent.declaration_replace,
        name="agent_declaration_replace",
    ),
    path(
        "agent/declarations/<int:number>/upload/",
        agent.declaration_upload,
        name="agent_declaration_upload",
    ),
    path(
        "agent/declarations/<int:number>/delivered/",
        agent.declaration_delivered,
        name="agent_declaration_delivered",
    ),
    path("agent/entries/new/", agent.entry_new, name="agent_entry_new"),
    path("agent/blocks/", agent.blocks, name="agent_blocks"),
    path("agent/inbox/", agent.inbox, name="inbox"),
    path("agent/inbox/<int:pk>/read/", agent.inbox_read, name="inbox_read"),
    # Customs staff: valuers and the valuation unit.
    path("queue/", staff.queue, name="queue"),
    path("declarations/<int:number>/", staff.declaration_detail, name="staff_declaration"),
    path(
        "declarations/<int:number>/supplier-status/",
        staff.supplier_status,
        name="staff_supplier_status",
    ),
    path("declarations/<int:number>/check/", staff.declaration_check, name="staff_check"),
    path(
        "declarations/<int:number>/documents/",
        staff.documents_request,
        name="staff_documents_request",
    ),
    path("declarations/<int:number>/cancel/", staff.declaration_cancel, name="staff_cancel"),
    path("declarations/<int:number>/return/", staff.declaration_return, name="staff_return"),
    path("tasks/<int:pk>/done/", staff.task_done, name="task_done"),
    path("entries/<str:number>/", entries.entry_detail, name="staff_entry"),
    path("entries/<str:number>/<slug:action>/", entries.entry_action, name="staff_entry_action"),
    path("suppliers/<int:number>/", unit.supplier_detail, name="staff_supplier"),
    path(
        "suppliers/<int:number>/<slug:action>/",
        unit.supplier_action,
        name="staff_supplier_action",
    ),
    path("database/", unit.database, name="database"),
]
