"""Schemathesis fuzzes the API from its own OpenAPI document: no 5xx, and every answer matches
the document (status, content type, body schema).

The full run is the one `schemathesis run` makes (its engine, phases, checks, examples and
seed), in-process over WSGI: on SQLite as an admin and as nobody, on PostgreSQL as an admin.
Valid and invalid input; NUL bytes and any unicode are in the generated strings (issue 11,
defect 8). One short run of the CLI against a real server keeps what only HTTP shows: the
document served and read over the network, and the boundary values (NUL bytes, huge numbers,
odd unicode) going through a real server's request parsing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest
import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, events, from_schema
from schemathesis.engine.run import PhaseName
from schemathesis.schemas import BaseSchema

from antrean.core.access import Role
from tests.support.app import AppFactory
from tests.support.fuzz_budget import generated_examples
from tests.support.live_server import LiveServer

CHECKS = ["not_a_server_error", "status_code_conformance", "content_type_conformance",
          "response_schema_conformance"]
ALL_PHASES = ["examples", "coverage", "fuzzing", "stateful"]
MAX_EXAMPLES = 25


@dataclass(frozen=True)
class Run:
    database: str
    who: str
    phases: tuple[str, ...] = tuple(ALL_PHASES)
    max_examples: int = MAX_EXAMPLES


RUNS = [
    Run("sqlite", "admin"),
    # Its coverage phase (the boundary values) is the run over HTTP below.
    Run("sqlite", "anonymous", phases=("examples", "fuzzing", "stateful")),
    # Fewer generated examples: PostgreSQL's own failure modes (NUL bytes, integer ranges,
    # text lengths) come from the boundary values of the coverage phase.
    Run("postgres", "admin", max_examples=6),
]
FIXED_SEED = 20261130


def seed() -> int | None:
    """The same inputs on every run, so a red suite means a change broke something;
    ANTREAN_FUZZ_SEED=<n> (or "random") explores further by hand."""
    chosen = os.environ.get("ANTREAN_FUZZ_SEED", str(FIXED_SEED))
    return None if chosen == "random" else int(chosen)


def failures_of(stream: Iterable[events.EngineEvent]) -> list[str]:
    """What `schemathesis run` would exit non-zero for: a failed check, an error, a failed
    phase."""
    found: list[str] = []
    tested = 0
    for event in stream:
        if isinstance(event, events.ScenarioFinished):
            tested += 1
            if event.status in (Status.FAILURE, Status.ERROR):
                found.extend(
                    f"{event.recorder.label}: {check.name}: {check.failure_info.failure.title}"
                    for checks in event.recorder.checks.values() for check in checks
                    if check.failure_info is not None)
                found.append(f"{event.recorder.label}: {event.status}")
        elif isinstance(event, events.NonFatalError):
            found.append(f"{event.label}: {event.info.format()}")
        elif isinstance(event, events.FatalError):
            found.append(f"fatal: {event.exception!r}")
        elif (isinstance(event, events.PhaseFinished) and event.phase.is_enabled
              and event.status in (Status.FAILURE, Status.ERROR)
              and event.phase.name is not PhaseName.AUTH_BOOTSTRAP):
            found.append(f"phase {event.phase.name}: {event.status}")
    assert tested > 25, f"only {tested} scenarios ran"
    return found


@pytest.mark.parametrize("run", [
    pytest.param(run, id=f"{run.database}-{run.who}",
                 marks=[pytest.mark.postgres] if run.database == "postgres" else [])
    for run in RUNS])
def test_the_api_keeps_its_openapi_promises(make_app: AppFactory, request: pytest.FixtureRequest,
                                            caplog: pytest.LogCaptureFixture, run: Run) -> None:
    url = request.getfixturevalue("postgres_url") if run.database == "postgres" else None
    office = make_app(url)
    config = SchemathesisConfig(seed=seed())
    schema: BaseSchema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", office.app,
                                                        config=config)
    if run.who == "admin":
        office.add_user("kepala", Role.ADMIN)
        schema.config.update(headers=office.bearer("kepala"))
        # Logging out would revoke the token the rest of the run uses.
        schema = schema.exclude(path="/auth/logout")
    schema.config.update(workers=1, request_timeout=10)
    schema.config.phases.update(phases=list(run.phases))
    schema.config.checks.update(included_check_names=CHECKS)
    schema.config.generation.update(max_examples=generated_examples(run.max_examples))
    assert schema.config.generation.allow_x00 and schema.config.generation.codec == "utf-8"

    assert failures_of(from_schema(schema).execute()) == []
    assert "unhandled error" not in caplog.text


def test_a_real_server_keeps_them_over_http(start_server: Callable[..., LiveServer]) -> None:
    server = start_server()
    executable = shutil.which("schemathesis", path=str(Path(sys.executable).parent))
    assert executable, "schemathesis is pinned in pyproject [test]"
    seed_option = [] if seed() is None else ["--seed", str(seed())]
    result = subprocess.run(
        [executable, "run", f"{server.url}/api/v1/openapi.json", "--checks", ",".join(CHECKS),
         "--phases", "coverage", "--request-timeout", "10", "--workers", "1", *seed_option],
        capture_output=True, text=True, timeout=300, cwd=server.config.parent,  # its cache
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "unhandled error" not in server.read_log()
