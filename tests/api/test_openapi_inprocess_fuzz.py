"""Schemathesis fuzzes the API in-process (WSGI) on PostgreSQL, as an admin: no 5xx, and every
answer matches the OpenAPI document (issue 11, defect 8). Valid and invalid (negative) input;
NUL bytes and any unicode are in the generated strings. test_openapi_fuzz.py runs the CLI
against a real server on SQLite."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from antrean.core.access import Role
from tests.support.app import AppFactory

EXAMPLES_PER_OPERATION = 6
# As the CLI run: no 5xx, and status, content type and body as documented.
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
SKIPPED = {("POST", "/auth/logout")}  # it would revoke the token the run uses


def test_the_api_keeps_its_promises_on_postgresql(make_app: AppFactory, postgres_url: str,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    office = make_app(postgres_url)
    office.add_user("kepala", Role.ADMIN)
    admin = office.bearer("kepala")
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", office.app)
    schema.config.generation.update(allow_x00=True, codec="utf-8")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 25
    for operation in operations:
        if (operation.method.upper(), operation.path) in SKIPPED:
            continue

        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=st.one_of(*(operation.as_strategy(mode) for mode in GenerationMode)))
        def call(case: schemathesis.Case) -> None:
            response = case.call(headers={**(case.headers or {}), **admin})
            assert response.status_code < 500, (case.method, case.formatted_path,
                                                response.text[:300])
            case.validate_response(response, checks=CHECKS)

        call()
    assert "unhandled error" not in caplog.text
