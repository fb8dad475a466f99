"""The browser upload forms with generated files and fields: a garnishment report, a customs
document, a badge application's medical documents. Whatever is sent, the answer is never a
server error, and an upload that is refused (the form shown again, or an error message) leaves
the database as it was."""

import pytest
from django.contrib.messages import ERROR
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from customs_valuation.models import DocumentKind
from taxportal.roles import Role
from tests.customs_valuation.factories import vehicle_case
from tests.factories import VALID_NATIONAL_IDS
from tests.parking_badges.factories import ApplicationFactory

from .conftest import DatabaseWatch

FORMS = settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
MAGIC = [b"", b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"PK\x03\x04", b"MZ"]
CSV = (
    "third_party_name,debtor_id_kind,debtor_id,debtor_name,received_on,order_amount,"
    "authority,order_number,answered_on,case_number,assets_found\n"
)
names = st.tuples(
    st.text(min_size=0, max_size=12),
    st.sampled_from([".pdf", ".PDF", ".png", ".jpg", ".tiff", ".csv", ".xlsx", ".exe", ""]),
).map("".join)
contents = st.one_of(
    st.tuples(st.sampled_from(MAGIC), st.binary(max_size=512)).map(lambda t: t[0] + t[1]),
    st.text(max_size=300).map(lambda text: (CSV + text).encode("utf-8", "surrogatepass")),
    st.text(max_size=300).map(lambda text: text.encode("cp1255", "ignore")),
)
uploads = st.builds(
    lambda name, content, kind: SimpleUploadedFile(name or "x", content, content_type=kind),
    names,
    contents,
    st.sampled_from(["application/pdf", "image/png", "text/csv", "application/octet-stream"]),
)


def refused(response) -> bool:
    if response.status_code != 302:
        return True
    return any(m.level == ERROR for m in response.wsgi_request._messages)


def post_and_check(user, url, data):
    """Post as `user` from a fresh browser (no message left over from an earlier example)."""
    client = Client()
    client.force_login(user)
    watch = DatabaseWatch()
    watch.start()
    response = client.post(url, data)
    assert response.status_code < 500, response.content[:500]
    if refused(response):
        assert watch.changed() == [], (url, data)


@given(
    upload=uploads,
    period=st.one_of(st.sampled_from(["2026-05", "2099-12", "0001-01", "05/2026"]), st.text()),
)
@FORMS
def test_garnishment_report_upload_form(integrators, upload, period):
    submitter = integrators.users["garnishment"]
    post_and_check(submitter, "/garnishment/reports/", {"period": period, "file": upload})


@pytest.fixture
def importer_case(make_user, integrators):
    officer = make_user(Role.CUSTOMS_OFFICER)
    importer = make_user(Role.CITIZEN, national_id=VALID_NATIONAL_IDS[0])
    return importer, vehicle_case(officer=officer, importer=importer)


@given(upload=uploads, kind=st.one_of(st.sampled_from(DocumentKind.values), st.text(max_size=5)))
@FORMS
def test_customs_document_upload_form(importer_case, upload, kind):
    importer, case = importer_case
    post_and_check(importer, f"/customs/my/{case.pk}/upload/", {"kind": kind, "file": upload})


@pytest.fixture
def badge_application(make_user, integrators):
    return make_user(Role.MOBILITY_CLERK), ApplicationFactory()


@given(files=st.lists(uploads, max_size=3), note=st.text(max_size=300))
@FORMS
def test_badge_medical_documents_upload_form(badge_application, files, note):
    clerk, application = badge_application
    url = f"/badges/applications/{application.pk}/documents/"
    post_and_check(clerk, url, {"documents": files, "note": note})
