app_name = "garnishment_api"
urlpatterns: list = []
