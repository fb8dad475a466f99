from django.urls import path

from .views import agent, staff

app_name = "customs_declarations"
urlpatterns = [
    path("agent/", agent.agent_home, name="agent_home"),
    path("queue/", staff.queue, name="queue"),
    path("database/", staff.database, name="database"),
]
