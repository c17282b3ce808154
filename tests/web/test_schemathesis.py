"""Schemathesis over /openapi.json: no 5xx, every response as the schema says."""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from web_fixtures import build_archive

from cablegram.web import create_app

_DB = build_archive(Path(tempfile.mkdtemp(prefix="cablegram-web-")) / "web.db")
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(_DB))


@schema.parametrize()
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_api(case: schemathesis.Case) -> None:
    # Every other check runs. This one expects every schema-valid request to succeed, but a
    # query (or a period) is checked by rules no JSON schema says: a string can be a
    # malformed query, which is a 400 naming its position, by design.
    case.call_and_validate(excluded_checks=[schemathesis.checks.positive_data_acceptance])
