"""POST /api/customs/vehicle-quotes/: the worksheet for officers, customs officers only."""

from datetime import date
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from customs_valuation import selectors
from taxportal.roles import Role
from taxportal.tokens import api_token_issue
from tests.problems import problem_fields

pytestmark = pytest.mark.django_db
URL = "/api/customs/vehicle-quotes/"
BODY = {
    "price_list_price": "150000.00",
    "optional_extras": "10000.00",
    "first_road_date": "2021-03-10",
    "manufacture_year": 2020,
    "valuation_date": "2024-06-15",
    "import_costs": "20000.00",
    "invoice_value": "60000.00",
}


@pytest.fixture
def officer_api(make_user, reference_data):
    api = APIClient()
    api.force_authenticate(make_user(Role.CUSTOMS_OFFICER))
    return api


def test_cus_8_api_returns_the_worksheet_as_decimal_strings(officer_api):
    response = officer_api.post(URL, BODY, format="json")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["months"] == 39
    assert data["depreciation_percent"] == str(selectors.depreciation_table(date(2024, 6, 15))[39])
    price_with_extras = Decimal("160000.00")
    depreciation = (price_with_extras * Decimal(data["depreciation_percent"]) / 100).quantize(
        Decimal("0.01")
    )
    assert data["price_list_value"] == str(price_with_extras - depreciation)
    assert data["comparison_value"] == str(Decimal(data["price_list_value"]) - 20000)
    assert data["beyond_table"] is False
    assert isinstance(data["reasonable"], bool)
    assert [line["key"] for line in data["lines"]][:3] == [
        "price_list_price",
        "optional_extras",
        "price_with_extras",
    ]


def test_cus_8_api_is_the_case_screen_computation(officer_api):
    data = officer_api.post(URL, BODY, format="json").json()
    same = selectors.vehicle_quote(
        price_list_price=Decimal("150000"),
        optional_extras=Decimal("10000"),
        valuation_date=date(2024, 6, 15),
        first_road_date=date(2021, 3, 10),
        manufacture_year=2020,
        import_costs=Decimal("20000"),
        invoice_value=Decimal("60000"),
    )
    assert data == same.as_json()


def test_cus_2_api_unknown_road_date_and_beyond_the_table(officer_api):
    body = {**BODY, "first_road_date": None, "manufacture_year": 1995}
    data = officer_api.post(URL, body, format="json").json()
    assert data["beyond_table"] is True
    assert data["depreciation_percent"] == "95.37"


def test_api_rounds_half_up_to_agorot(officer_api):
    body = {**BODY, "valuation_date": "2021-04-10", "optional_extras": "0.00"}
    body["price_list_price"] = "100000.40"  # 1.25% = 1250.005 -> 1250.01
    data = officer_api.post(URL, body, format="json").json()
    assert data["months"] == 1
    assert data["price_list_value"] == "98750.39"


def test_api_bad_input_gets_a_message_per_field(officer_api):
    body = {
        **BODY,
        "price_list_price": "abc",
        "import_costs": "-5",
        "valuation_date": "yesterday",
    }
    body.pop("optional_extras")
    response = officer_api.post(URL, body, format="json")
    assert problem_fields(response) == {
        "price_list_price",
        "import_costs",
        "valuation_date",
        "optional_extras",
    }


def test_api_needs_road_date_or_year(officer_api):
    body = {**BODY, "first_road_date": None, "manufacture_year": None}
    response = officer_api.post(URL, body, format="json")
    assert "manufacture_year" in problem_fields(response)


def test_api_token_authentication(make_user, reference_data):
    _token, key = api_token_issue(user=make_user(Role.CUSTOMS_OFFICER), name="test", actor=None)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.post(URL, BODY, format="json").status_code == 200


@pytest.mark.parametrize("role", [Role.CITIZEN, Role.APPEAL_COMMITTEE_MEMBER, Role.LICENSING_CLERK])
def test_api_other_roles_are_refused(make_user, reference_data, role):
    api = APIClient()
    api.force_authenticate(make_user(role))
    assert api.post(URL, BODY, format="json").status_code == 403


def test_api_anonymous_is_refused(reference_data):
    assert APIClient().post(URL, BODY, format="json").status_code in (401, 403)


def test_cus_8_api_matches_the_case_screen_worksheet(officer_api, people):
    from customs_valuation.selectors import case_worksheet

    from .factories import vehicle_case

    case = vehicle_case(officer=people.officer, importer=people.importer, invoice="15000")
    sheet = case_worksheet(case).vehicle
    body = {
        "price_list_price": str(case.price_list_entry.new_price),
        "optional_extras": "0.00",
        "first_road_date": case.first_road_date.isoformat(),
        "manufacture_year": case.manufacture_year,
        "valuation_date": case.valuation_date.isoformat(),
        "import_costs": str(sheet.import_costs),
        "invoice_value": "15000.00",
    }
    assert officer_api.post(URL, body, format="json").json() == sheet.as_json()
