"""Forms for officers, supervisors, the committee and importers, by area: `cases` (opening a
case, its data, documents and extras), `decisions`, `appeals` (answers, appeals and the
committee), `queues`, and the `fields` they share. They validate input only; the services decide.
Import from the area's module (`from customs_valuation.forms.cases import CaseDataForm`)."""
