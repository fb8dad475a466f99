"""Applications, the department doctor's decisions, appeals and status (BADGE-6 to BADGE-11)."""

import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from parking_badges import services
from parking_badges.models import (
    ApplicationKind,
    ApplicationStatus,
    ApprovalSource,
    DecisionOutcome,
    EligibilityApproval,
    EligibilityGround,
    MedicalDocument,
)
from parking_badges.personal_area import badge_section
from taxportal import paging
from taxportal.models import AuditEvent
from taxportal.roles import Role

from .factories import TODAY, ApplicationFactory, DisabledPersonFactory, pdf, valid_id

pytestmark = pytest.mark.django_db

D = datetime.date


def details(national_id=None):
    return services.PersonDetails(
        national_id=national_id or valid_id(500),
        first_name="רות",
        last_name="כהן",
        born_on=D(1960, 1, 1),
        street="הרצל 1",
        city="חולון",
    )


@pytest.fixture
def doctor(make_user):
    return make_user(Role.DEPARTMENT_DOCTOR)


def source_evidence(source) -> dict:
    """BADGE-6: another body's approval comes with its decision date and letter."""
    if source == ApprovalSource.DEPARTMENT_DOCTOR:
        return {}
    return {"source_decided_on": TODAY - datetime.timedelta(days=10), "source_letter": pdf()}


def receive(clerk, source=ApprovalSource.DEPARTMENT_DOCTOR, **kwargs):
    return services.application_receive(
        actor=clerk,
        details=details(**kwargs),
        source=source,
        ground=EligibilityGround.WHEELCHAIR,
        material_received_on=TODAY,
        documents=[pdf("a.pdf"), pdf("b.pdf")],
        **source_evidence(source),
    )


def with_doctor(clerk, **kwargs):
    application = receive(clerk, **kwargs)
    services.application_send_to_doctor(actor=clerk, application=application, on=TODAY)
    return application


def decide(doctor, application, outcome, decided_on=TODAY, reasons="", **kwargs):
    return services.application_decide(
        actor=doctor,
        application=application,
        outcome=outcome,
        decided_on=decided_on,
        reasons=reasons,
        **kwargs,
    )


def test_badge_7_application_kept_with_its_medical_documents(clerk, settings):
    application = receive(clerk)
    documents = list(application.documents.all())
    assert [d.original_name for d in documents] == ["a.pdf", "b.pdf"]
    assert all((settings.MEDIA_ROOT / d.file.name).exists() for d in documents)
    assert not documents[0].file.name.endswith("/a.pdf"), "stored under an unguessable name"
    assert AuditEvent.objects.filter(action="badge application received", actor=clerk).exists()


def test_badge_7_application_without_documents_is_refused(clerk):
    with pytest.raises(ValidationError):
        services.application_receive(
            actor=clerk,
            details=details(),
            source=ApprovalSource.DEPARTMENT_DOCTOR,
            ground=EligibilityGround.LEGS,
            material_received_on=TODAY,
            documents=[],
        )


def test_badge_10_doctor_approves_and_the_approval_is_recorded(clerk, doctor):
    application = with_doctor(clerk)
    decide(
        doctor,
        application,
        DecisionOutcome.APPROVED,
        decided_on=D(2026, 6, 10),
        approval_valid_until=D(2030, 1, 1),
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.decided_on == D(2026, 6, 10)
    approval = EligibilityApproval.objects.get(application=application)
    assert approval.source == ApprovalSource.DEPARTMENT_DOCTOR
    assert approval.valid_until == D(2030, 1, 1)


def test_badge_10_info_requested_by_a_date_then_back_to_the_doctor(clerk, doctor):
    application = with_doctor(clerk)
    with pytest.raises(ValidationError):
        decide(doctor, application, DecisionOutcome.INFO_REQUESTED)
    decide(
        doctor,
        application,
        DecisionOutcome.INFO_REQUESTED,
        reasons="צילום עדכני",
        info_requested_until=D(2026, 7, 1),
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.INFO_REQUESTED
    services.application_add_documents(
        actor=clerk, application=application, documents=[pdf("c.pdf")], note="x-ray"
    )
    services.application_send_to_doctor(actor=clerk, application=application, on=D(2026, 6, 20))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITH_DOCTOR
    assert MedicalDocument.objects.filter(application=application).count() == 3


def test_badge_10_rejection_needs_reasons_and_referral_to_the_institute(clerk, doctor):
    application = with_doctor(clerk)
    with pytest.raises(ValidationError):
        decide(doctor, application, DecisionOutcome.REJECTED, reasons=" ")
    decide(
        doctor,
        application,
        DecisionOutcome.REJECTED,
        reasons="אין נכות ברגליים",
        refer_to_institute=True,
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert application.institute_referred_on == TODAY
    services.application_record_institute_answer(
        actor=clerk, application=application, answer="כשיר לנהוג", answered_on=D(2026, 7, 1)
    )
    application.refresh_from_db()
    assert application.institute_answer == "כשיר לנהוג"


def test_badge_10_doctor_decides_only_cases_sent_to_him(clerk, doctor):
    application = receive(clerk)
    with pytest.raises(ValidationError):
        decide(doctor, application, DecisionOutcome.APPROVED)


def test_badge_9_appeal_after_rejection_decided_like_an_application(clerk, doctor):
    application = receive(clerk)
    with pytest.raises(ValidationError):
        services.appeal_receive(
            actor=clerk, rejected=application, material_received_on=TODAY, documents=[], notes="x"
        )
    services.application_send_to_doctor(actor=clerk, application=application, on=TODAY)
    decide(doctor, application, DecisionOutcome.REJECTED, reasons="לא מוכח")
    appeal = services.appeal_receive(
        actor=clerk,
        rejected=application,
        material_received_on=D(2026, 6, 15),
        documents=[pdf("appeal.pdf")],
        notes="מסמכים חדשים",
    )
    assert appeal.kind == ApplicationKind.APPEAL and appeal.appeal_of == application
    services.application_send_to_doctor(actor=clerk, application=appeal, on=D(2026, 6, 16))
    decide(doctor, appeal, DecisionOutcome.APPROVED, decided_on=D(2026, 6, 20))
    assert EligibilityApproval.objects.filter(application=appeal).exists()


def test_badge_6_health_ministry_approval_issues_without_the_doctor(clerk):
    application = receive(clerk, source=ApprovalSource.MINISTRY_OF_HEALTH)
    with pytest.raises(ValidationError):
        services.application_send_to_doctor(actor=clerk, application=application, on=TODAY)
    services.application_record_health_ministry_approval(
        actor=clerk, application=application, approved_on=TODAY, valid_until=None, reference="MOH-1"
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.decisions.count() == 0


def test_badge_6_other_sources_go_through_the_doctor(clerk):
    application = receive(clerk, source=ApprovalSource.NATIONAL_INSURANCE)
    with pytest.raises(ValidationError):
        services.application_record_health_ministry_approval(
            actor=clerk, application=application, approved_on=TODAY, valid_until=None, reference="1"
        )


def test_badge_11_citizen_sees_own_status_in_the_personal_area(clerk, doctor, make_user):
    application = receive(clerk, national_id="302466339")
    services.application_send_to_doctor(actor=clerk, application=application, on=D(2026, 6, 2))
    decide(
        doctor,
        application,
        DecisionOutcome.INFO_REQUESTED,
        decided_on=D(2026, 6, 3),
        info_requested_until=D(2026, 7, 3),
    )
    citizen = make_user(Role.CITIZEN, national_id="302466339")
    section = badge_section(citizen, "high")
    case = section.context["status"].cases[0]
    assert case.sent_to_doctor_on == D(2026, 6, 2)
    assert case.info_from == D(2026, 6, 3) and case.info_until == D(2026, 7, 3)
    stranger = make_user(Role.CITIZEN, national_id="629923129")
    # Issue 15: a citizen with no case sees nothing of another's, and how to apply.
    empty = badge_section(stranger, "high")
    assert empty.context["status"] is None and not empty.context["money"]
    assert empty.context["can_apply"] is True


def test_badge_11_call_centre_reads_the_status_in_the_phone_words(client_as, clerk):
    application = receive(clerk, national_id="973669468")
    services.application_send_to_doctor(actor=clerk, application=application, on=D(2026, 6, 2))
    client = client_as(Role.CALL_CENTRE_AGENT)
    response = client.get(reverse("parking_badges:status_search"), {"national_id": "973669468"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "02/06/2026" in body
    main = body.split("<main", 1)[1]
    assert 'method="post"' not in main, "read-only: nothing to change"


def test_badge_8_queue_shows_days_left_and_flags_overdue(client_as):
    ApplicationFactory(material_received_on=D(2020, 1, 1))
    ApplicationFactory(material_received_on=datetime.date.today())
    client = client_as(Role.LICENSING_CLERK)
    response = client.get(reverse("parking_badges:queue"))
    rows = response.context["rows"]
    assert [r.overdue for r in rows] == [True, False]
    assert rows[1].days_left == 90
    assert "table-danger" in response.content.decode()


def test_badge_8_queue_pages_with_constant_queries(
    client_as, monkeypatch, django_assert_num_queries, django_assert_max_num_queries
):
    """Queries are the same for 3 and 30 open cases; the queue shows a page at a time with
    the total, the overdue count over all pages, and links that keep the status filter."""
    monkeypatch.setattr(paging, "PER_PAGE", 10)
    client = client_as(Role.LICENSING_CLERK)
    url = reverse("parking_badges:queue")

    def add(count):
        for _ in range(count):
            ApplicationFactory(person=DisabledPersonFactory(), material_received_on=D(2020, 1, 1))

    add(3)
    client.get(url)  # warm the session
    # 11: the citizens' requests for a new badge (issue 15) are one more table on the page.
    with django_assert_max_num_queries(11) as small:
        client.get(url)
    add(27)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url, {"status": "received", "page": "2"})
    assert len(response.context["rows"]) == 10
    assert response.context["overdue_count"] == 30
    body = response.content.decode()
    assert "status=received&amp;page=3" in body and "status=received&amp;page=1" in body
    last = client.get(url, {"page": "99"})
    assert last.context["pager"].page.number == 3 and len(last.context["rows"]) == 10
    assert client.get(url, {"page": "x", "status": "nonsense"}).status_code == 200


def application_form(documents) -> dict:
    return {
        "national_id": "164808941",
        "first_name": "דנה",
        "last_name": "לוי",
        "born_on": "1975-01-01",
        "street": "הרצל 1",
        "city": "חולון",
        "ground": EligibilityGround.LEGS,
        "source": ApprovalSource.DEPARTMENT_DOCTOR,
        "material_received_on": "2026-01-01",
        "documents": documents,
        # The one-time value the form page carries (BADGE-55): a new one per page opened.
        "submission_token": str(uuid.uuid4()),
    }


def test_clerk_records_an_application_through_the_form(client_as, settings):
    client = client_as(Role.MOBILITY_CLERK)
    response = client.post(
        reverse("parking_badges:application_new"),
        application_form([pdf("x.pdf"), pdf("y.pdf")]),
    )
    assert response.status_code == 302
    application = ApplicationFactory._meta.model.objects.get()
    assert application.documents.count() == 2


def test_application_form_refuses_executables_with_a_clear_message(client_as):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_as(Role.MOBILITY_CLERK)
    response = client.post(
        reverse("parking_badges:application_new"),
        application_form([SimpleUploadedFile("virus.exe", b"MZ")]),
    )
    assert response.status_code == 200
    assert "virus.exe" in response.content.decode()


def test_medical_documents_only_for_clerks_and_the_doctor(client, clerk, make_user):
    application = receive(clerk)
    url = reverse("parking_badges:document", args=[application.documents.first().pk])
    for role, expected in [
        (Role.MOBILITY_CLERK, 200),
        (Role.DEPARTMENT_DOCTOR, 200),
        (Role.CALL_CENTRE_AGENT, 403),
        (Role.INSPECTOR, 403),
        (Role.CITIZEN, 403),
    ]:
        client.force_login(make_user(role))
        assert client.get(url).status_code == expected, role
    client.logout()
    assert client.get(url).status_code == 302


def test_badge_55_each_role_only_its_pages(client, make_user):
    pages = {
        "parking_badges:queue": Role.LICENSING_CLERK,
        "parking_badges:doctor_queue": Role.DEPARTMENT_DOCTOR,
        "parking_badges:status_search": Role.CALL_CENTRE_AGENT,
        "parking_badges:check": Role.INSPECTOR,
        "parking_badges:print_files": Role.MOBILITY_CLERK,
    }
    for name, role in pages.items():
        url = reverse(name)
        assert client.get(url).status_code == 302, name
        for other in {
            Role.CITIZEN,
            Role.INSPECTOR,
            Role.DEPARTMENT_DOCTOR,
            Role.CALL_CENTRE_AGENT,
        } - {role}:
            client.force_login(make_user(other))
            assert client.get(url).status_code == 403, (name, other)
        client.force_login(make_user(role))
        assert client.get(url).status_code == 200, name
        client.logout()


def test_doctor_decides_through_the_page(client_as, clerk):
    application = with_doctor(clerk)
    client = client_as(Role.DEPARTMENT_DOCTOR)
    url = reverse("parking_badges:doctor_decide", args=[application.pk])
    assert "a.pdf" in client.get(url).content.decode()
    response = client.post(
        url, {"outcome": "rejected", "decided_on": "2026-06-05", "reasons": "", "confirmed": "yes"}
    )
    assert response.status_code == 200, "a rejection without reasons is refused"
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITH_DOCTOR
    response = client.post(
        url,
        {
            "outcome": "approved",
            "decided_on": "2026-06-05",
            "reasons": "",
            "approval_valid_until": "",
            "confirmed": "yes",
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED


def test_badge_11_personal_area_section_renders_in_hebrew(clerk, make_user):
    from django.template.loader import render_to_string
    from django.utils import translation

    application = receive(clerk, national_id="882204829")
    services.application_send_to_doctor(actor=clerk, application=application, on=D(2026, 6, 2))
    section = badge_section(make_user(Role.CITIZEN, national_id="882204829"), "high")
    with translation.override("he"):
        html = render_to_string(section.template, section.context)
    assert "02/06/2026" in html
    assert "תאריך העברת הבקשה לרופא האגף" in html


def test_badge_11_low_identification_level_sees_no_medical_decision(clerk, make_user):
    from django.template.loader import render_to_string

    application = receive(clerk, national_id="590819355")
    services.application_send_to_doctor(actor=clerk, application=application, on=D(2026, 6, 2))
    section = badge_section(make_user(Role.CITIZEN, national_id="590819355"), "low")
    html = render_to_string(section.template, section.context)
    assert "02/06/2026" not in html
    assert "high identification level" in html


def test_issue_16_call_centre_reads_staff_wording_not_the_citizens(client_as, clerk, doctor):
    """The call centre is told when the badge reaches the holder (not "you"), and that the date
    has passed; the citizen's own page keeps the words written to the citizen."""
    application = receive(clerk, national_id="973669468")
    services.application_send_to_doctor(actor=clerk, application=application, on=D(2026, 6, 2))
    decide(doctor, application, DecisionOutcome.APPROVED, decided_on=D(2026, 6, 3))
    client = client_as(Role.CALL_CENTRE_AGENT)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("parking_badges:status_search"), {"national_id": "973669468"})
    body = response.content.decode()
    assert "reaches the holder within about two weeks" in body
    assert "reaches you" not in body and "reach you" not in body
