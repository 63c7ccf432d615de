"""How many generated inputs the fuzzers try: the full budget in `make test` and CI, a fifth of
it in `make check` (ANTREAN_FUZZ_BUDGET=quick), the quick loop run between edits.

The quick budget keeps every fixed input: the API's documented examples, its boundary values
(the coverage phase: NUL bytes, integer and length limits, odd unicode) and the form fuzz's
edge values are drawn as before; only the randomly generated inputs on top of them are fewer.
"""

from __future__ import annotations

import os

QUICK = os.environ.get("ANTREAN_FUZZ_BUDGET", "full") == "quick"


def generated_examples(full: int) -> int:
    """The number of generated examples to ask for, `full` being the whole budget's."""
    return max(1, round(full / 5)) if QUICK else full
