"""Schemathesis runs every operation of docs/openapi.yaml against the portal (in process, as
a WSGI application, on the test database) with a real token for each, and fails on any server
error, any answer the document does not describe, and any request answered 4xx that changed
the database. A stateful run follows the answers' links (a report's `Location`) from one
operation to the next. Bounded: a few examples per operation, no deadline."""

from pathlib import Path

import schemathesis
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from .conftest import OPERATIONS, STATS, auth_headers

DOCUMENT = Path(settings.BASE_DIR) / "docs" / "openapi.yaml"
FUZZ = hypothesis_settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
# Schema-valid input the rules refuse (a month to come, a road date after the valuation date)
# is answered 400: "accept every schema-valid body" is not this API's contract.
EXCLUDED_CHECKS = [positive_data_acceptance]

schema = schemathesis.openapi.from_path(DOCUMENT)
schema.app = WSGIHandler()


@schemathesis.serializer("text/csv")
def csv_body(ctx, value) -> bytes:
    if isinstance(value, bytes | bytearray):
        return bytes(value)
    return str(value).encode("utf-8", "surrogatepass")


def call_and_check(case, tokens: dict, watch, *, stateful: bool = False):
    """One request with the operation's user's token; its answer checked by every schemathesis
    check and, when 4xx, against a database that must not have changed."""
    headers = auth_headers(tokens, case.path)
    watch.start()
    response = case.call(headers=headers)
    changed = watch.changed()
    OPERATIONS.add(case.operation.label)
    STATS["requests"] += 1
    STATS["stateful"] += stateful
    STATS["4xx"] += 400 <= response.status_code < 500
    case.validate_response(response, headers=headers, excluded_checks=EXCLUDED_CHECKS)
    if 400 <= response.status_code < 500:
        assert not changed, (
            f"{case.method} {case.path} answered {response.status_code} but changed {changed}"
        )
    return response


@schema.parametrize()
@FUZZ
def test_every_operation_answers_as_documented(
    case, integrators, database_watch, in_test_transaction
):
    call_and_check(case, integrators, database_watch)


def test_stateful_workflows(integrators, database_watch, in_test_transaction):
    tokens, watch = integrators, database_watch

    class Workflow(schema.as_state_machine()):
        def call(self, case, **kwargs):
            return call_and_check(case, tokens, watch, stateful=True)

        def validate_response(self, response, case, **kwargs):
            pass  # checked in call

    Workflow.run(
        settings=hypothesis_settings(
            max_examples=10,
            stateful_step_count=4,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
    )


def test_the_fuzzing_covers_every_operation():
    assert len(list(schema.get_all_operations())) >= 6
