"""A walk of the OpenAPI schema with schemathesis: whatever it sends, with a good
token, the API answers without a server error (bounded examples, SQLite).

FOLLOWUP_SCHEMA_EXAMPLES raises the number of examples per operation on demand.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from dbfixtures import _quiet_environment, postgres_url, sqlite_template  # noqa: F401
from webfixtures import NOW, people, web_template, web_url  # noqa: F401

EXAMPLES = int(os.environ.get("FOLLOWUP_SCHEMA_EXAMPLES", "8"))


@pytest.mark.parametrize("web_url", ["sqlite"], indirect=True)
def test_no_input_makes_a_server_error(people: Any) -> None:
    from django.core.handlers.wsgi import WSGIHandler

    from followup.services.access import create_token

    token = create_token(people.alice, "schema", now=NOW)[1]
    headers = {"Authorization": f"Bearer {token}", "Host": "127.0.0.1"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())
    walked = 0
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def answers_without_a_server_error(case: Any) -> None:
            response = case.call(headers=headers)
            assert response.status_code < 500, (case.method, case.formatted_path, case.body,
                                                response.text[:500])
            if response.status_code >= 400:
                assert "error" in response.json(), response.text[:300]

        answers_without_a_server_error()
        walked += 1
    assert walked >= 15  # every endpoint of the schema was walked
