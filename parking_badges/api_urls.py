app_name = "parking_badges_api"
urlpatterns: list = []
