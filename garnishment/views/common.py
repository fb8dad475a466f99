"""What the pages of both sides share: the permissions they require and their page sizes."""

SUBMIT = "submit_garnishment_reports"
PAY = "record_garnishment_payments"
LINES_PER_PAGE = 100
REPORTS_PER_PAGE = 20
