"""Runs the screens' own reducer (antrean/web/static/js/screen_state.js) under node."""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import Any

import pytest

from tests.support.live_server import REPO_ROOT

MODULE = REPO_ROOT / "antrean" / "web" / "static" / "js" / "screen_state.js"

# Reads {"snapshot": ..., "steps": [[[event, payload], ...], ...]} and prints the state after
# each step, as a screen keeps it: snapshots rebuild, updates replace newer pieces.
_RUNNER = """
const State = require(process.argv[1]);
let input = "";
process.stdin.on("data", chunk => { input += chunk; });
process.stdin.on("end", () => {
  const run = JSON.parse(input);
  let state = State.fromSnapshot(run.snapshot);
  const states = run.steps.map(events => {
    events.forEach(([name, payload]) => {
      if (name === "snapshot") state = State.fromSnapshot(payload);
      else State.applyEvent(state, name, payload);
    });
    return JSON.parse(JSON.stringify(
      {state: state, unannounced: State.unannouncedCalls(state, {}, 0)}));
  });
  process.stdout.write(JSON.stringify(states));
});
"""


def reduce_in_node(snapshot: dict[str, Any],
                   steps: list[list[tuple[str, Any]]]) -> list[dict[str, Any]]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed (Debian package nodejs)")
    done = subprocess.run([node, "-e", _RUNNER, str(MODULE)], check=True, capture_output=True,
                          input=json.dumps({"snapshot": snapshot, "steps": steps}), text=True,
                          timeout=60)
    result: list[dict[str, Any]] = json.loads(done.stdout)
    return result
