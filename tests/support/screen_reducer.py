"""Runs the screens' own reducer (antrean/web/static/js/screen_state.js) under node."""

from __future__ import annotations

from typing import Any

from tests.support.node import STATIC_JS, run_node

MODULE = STATIC_JS / "screen_state.js"

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
    result: list[dict[str, Any]] = run_node(MODULE, _RUNNER,
                                            {"snapshot": snapshot, "steps": steps})
    return result
