"""``make fuzz``: hostile inputs through every reader and the whole extract path, and what they did.

    .venv/bin/python tools/fuzz.py [--inputs 10000] [--seed N]

Prints inputs tried, articles extracted, errors reported (by code),
exceptions escaped (must be 0: the exit code is 1 otherwise, with the first
few tracebacks) and the slowest input's time per 10,000 characters. The
inputs are those of the CI fuzz test (``tests/fixtures_ingest/fuzz.py``),
many more of them; the extractor is loaded before timing starts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fixtures_ingest.fuzz import Tally, file_input, run_input, warm_up_inputs  # noqa: E402
from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402

from entente import api  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000, help="how many inputs to try (default 10,000)")
    parser.add_argument("--seed", type=int, default=0, help="hypothesis seed, for a run that can be repeated")
    args = parser.parse_args()
    # The model load and each reader's first call (lazy lexicons, patterns, trafilatura's set-up)
    # are not an input's time: one valid input of every format goes through first, untimed.
    api.extract_text("Iran supplied Shahed-136 drones to Russia last week, officials said.", date=dt.date(2023, 3, 1))
    for name, data in warm_up_inputs():
        run_input(name, data, Tally())
    tally = Tally()
    started = time.perf_counter()

    @seed(args.seed)
    @settings(max_examples=args.inputs, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(case=file_input())
    def one(case: tuple[str, bytes]) -> None:
        run_input(*case, tally)
        if tally.inputs % 1000 == 0:
            print(f"... {tally.inputs} inputs, {time.perf_counter() - started:.0f} s", flush=True)

    one()
    print(tally.summary())
    print(f"time: {time.perf_counter() - started:.0f} s")
    for escaped in tally.escaped[:5]:
        print(escaped)
    return 1 if tally.escaped else 0


if __name__ == "__main__":
    sys.exit(main())
