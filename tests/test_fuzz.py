"""Bounded fuzzing of every reader and the whole extract path: no input makes an exception escape.

Hostile inputs (``fixtures_ingest/fuzz.py``) in every format entente reads:
3,000 through the readers alone, 400 more through ``entente.api.extract_paths``
as ``entente extract`` reads them. Each must come out as articles (with claims)
or as errors with codes. ``make fuzz`` runs 10,000 through the extract path and
prints the figures.
"""

from __future__ import annotations

from collections.abc import Callable

from fixtures_ingest.fuzz import Tally, file_input, run_input
from hypothesis import HealthCheck, Phase, given, settings

READER_CASES = 3_000
EXTRACT_CASES = 400


def _fuzz(cases: int, extract: bool) -> Tally:
    tally = Tally()

    @settings(max_examples=cases, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(case=file_input())
    def one(case: tuple[str, bytes]) -> None:
        run_input(*case, tally, extract=extract)

    run: Callable[[], None] = one
    run()
    return tally


def _check(tally: Tally, cases: int) -> None:
    assert tally.escaped == [], tally.escaped[:3]
    assert tally.inputs >= cases * 0.9, tally.summary()
    # the inputs reach both outcomes: articles read and errors reported
    assert tally.documents > cases // 10 and tally.errors > cases // 10, tally.summary()


def test_no_hostile_input_makes_a_reader_raise() -> None:
    _check(_fuzz(READER_CASES, extract=False), READER_CASES)


def test_no_hostile_input_makes_the_extract_path_raise() -> None:
    _check(_fuzz(EXTRACT_CASES, extract=True), EXTRACT_CASES)
