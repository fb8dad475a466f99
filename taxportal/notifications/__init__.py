"""Telling the citizen at every step of their cases (issue 15).

The services that act on a case send `taxportal.events.citizen_event` after they commit; this
area receives it (`receivers`), records one `Notification` per (case, event, key) and sends it
from a Celery task (`tasks`) on the channel the citizen consented to, in their language.

- `choices`: the statuses and channels (no models).
- `catalogue`: what each event says, in sentences with their parameters (no models).
- `models`: the Notification row, the record of what was told, when, to where, and whether it
  was delivered.
- `services`: who is told and where (REG-13, REG-14), recording and delivering.
- `selectors`: the notifications of a case or of a citizen, for the pages that list them.
"""
