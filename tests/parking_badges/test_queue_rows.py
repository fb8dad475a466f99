"""Issue 18: the badge queues' rows are written as f-strings (parking_badges/views/_queues.py,
fees.py, importer.py); the `format_html` writers they replaced are kept here and the two
compared, string for string, in both languages, hostile values included."""

import pytest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import override

from parking_badges.views._queues import ShownCase, clerk_rows_html, doctor_rows_html
from parking_badges.views.fees import ShownRefund, _refund_rows_html
from parking_badges.views.importer import ShownFile, _file_rows_html

HOSTILE = "<script>alert('x')</script> & \"Co\""


def old_row_class(overdue):
    return SafeString(' class="table-danger"' if overdue else "")


def old_row_link(url, text, *, overdue):
    if overdue:
        return format_html('<a href="{}" class="link-body-emphasis">{}</a>', url, text)
    return format_html('<a href="{}">{}</a>', url, text)


def old_days(row):
    return format_html("<strong>{}</strong>" if row.overdue else "{}", row.days)


def old_clerk_rows(shown):
    return format_html_join(
        "",
        '<tr{}><th scope="row">{}</th><td>{}</td><td>{}{}</td><td><bdi>{}</bdi></td>'
        '<td class="ltr">{}</td><td class="text-nowrap">{}{}</td><td class="text-nowrap">{}</td>'
        "<td>{}</td></tr>",
        (
            (
                old_row_class(row.overdue),
                old_row_link(row.url, row.case, overdue=row.overdue),
                old_days(row),
                row.status,
                format_html(' <strong class="text-danger-emphasis">{}</strong>', row.info_note)
                if row.info_note
                else "",
                row.name,
                row.national_id,
                row.received,
                format_html(
                    '<br><span class="badge text-bg-info" data-testid="came-online">{}</span>',
                    row.online,
                )
                if row.online
                else "",
                row.due,
                row.documents,
            )
            for row in shown
        ),
    )


def old_doctor_rows(shown):
    return format_html_join(
        "",
        '<tr{}><th scope="row">{}</th><td>{}</td><td><bdi>{}</bdi></td><td>{}</td>'
        '<td class="text-nowrap">{}</td><td class="text-nowrap">{}</td><td>{}</td></tr>',
        (
            (
                old_row_class(row.overdue),
                old_row_link(row.url, row.case, overdue=row.overdue),
                old_days(row),
                row.name,
                row.ground,
                row.sent,
                row.due,
                row.documents,
            )
            for row in shown
        ),
    )


def old_refund_rows(shown):
    overdue = format_html(" <strong>{}</strong>", _("overdue"))
    return format_html_join(
        "",
        '<tr{}><th scope="row">{}</th><td class="text-nowrap">{}{}</td><td>{}</td>'
        '<td><bdi>{}</bdi> <span class="ltr">{}</span></td><td class="ltr">{}</td><td>{}</td>'
        '<td class="text-nowrap">{}</td></tr>',
        (
            (
                old_row_class(row.overdue),
                old_row_link(row.url, row.number, overdue=row.overdue),
                row.due,
                overdue if row.overdue else "",
                row.status,
                row.holder,
                row.national_id,
                row.vehicle,
                row.kind,
                row.requested,
            )
            for row in shown
        ),
    )


def old_file_rows(files):
    late = format_html(" <strong>{}</strong>", _("more than 48 hours"))
    return format_html_join(
        "",
        '<tr{}><th scope="row" class="ltr">{}</th><td class="text-nowrap">{}{}</td><td>{}</td>'
        '<td><bdi>{}</bdi> <span class="ltr">{}</span></td><td>{}</td></tr>',
        (
            (
                old_row_class(f.overdue),
                old_row_link(f.url, f.vehicle, overdue=f.overdue),
                f.close_by,
                late if f.overdue else "",
                f.status,
                f.buyer,
                f.national_id,
                f.tariff,
            )
            for f in files
        ),
    )


def case(*, overdue, info_note="", online="", text=HOSTILE):
    return ShownCase(
        url=f"/badges/applications/7/?{text}", case=f"{text} #7",
        days=_("Overdue by %(days)s days") % {"days": 3} if overdue else "12", overdue=overdue,
        status=text, info_note=info_note, name=text, national_id=text, received="01/06/2026",
        due="30/08/2026", ground=text, sent="02/06/2026", documents=4, online=online,
    )  # fmt: skip


CASES = [
    case(overdue=True, info_note=HOSTILE, online=HOSTILE),
    case(overdue=False),
    case(overdue=False, info_note="Information was due by 01/06/2026", text="כהן"),
    case(overdue=True, online="מקוון"),
]


def refund(*, overdue, text=HOSTILE):
    return ShownRefund(
        url=f"/badges/fees/refunds/3/?{text}", number="#3", holder=text, national_id=text,
        vehicle=text, kind=text, status=text, requested="01/06/2026", due="15/06/2026",
        overdue=overdue,
    )  # fmt: skip


def importer_file(*, overdue, text=HOSTILE):
    return ShownFile(
        url=f"/badges/importer/5/?{text}", vehicle=text, buyer=text, national_id=text,
        status=text, tariff=text, close_by="03/06/2026 14:30", overdue=overdue,
    )  # fmt: skip


@pytest.mark.parametrize("language", ["he", "en"])
def test_issue_18_the_badge_queues_rows_are_the_replaced_markup(language):
    refunds = [refund(overdue=True), refund(overdue=False, text="לוי")]
    files = [importer_file(overdue=True), importer_file(overdue=False, text="מרצדס")]
    with override(language):
        assert clerk_rows_html(CASES) == old_clerk_rows(CASES)
        assert doctor_rows_html(CASES) == old_doctor_rows(CASES)
        assert _refund_rows_html(refunds) == old_refund_rows(refunds)
        assert _file_rows_html(files) == old_file_rows(files)
        assert clerk_rows_html([]) == old_clerk_rows([]) == ""
    ours = clerk_rows_html(CASES[:1])
    assert "<script>" not in ours and "&lt;script&gt;alert(&#x27;x&#x27;)" in ours
