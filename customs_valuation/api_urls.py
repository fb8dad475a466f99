app_name = "customs_valuation_api"
urlpatterns: list = []
