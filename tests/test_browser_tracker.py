"""The tracker page in a real browser: its two SVG charts and its rows, nothing loaded off the server."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import make_claim, make_doc
from test_browser import ARTIFACTS, browser, serve

from entente.model import Quantity
from entente.store import Store

pytestmark = pytest.mark.browser

# Written for this test: a pledge and a delivery, each its own story.
PLEDGE = "Britain will send 14 Challenger 2 tanks to Ukraine, the prime minister's office said on Saturday."
ARRIVAL = "Britain has delivered the 14 Challenger 2 tanks to Ukraine, the defence ministry said on Monday."


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('tracker') / 'entente.db'}"
    with Store.open(url) as store:
        for doc_id, text, stage, date in (("pledge", PLEDGE, "agreed", "2023-01-14"),
                                          ("arrival", ARRIVAL, "occurred", "2023-03-27")):
            claim = make_claim(doc_id, provider="GBR", recipient="UKR", stage=stage, evidence=text,
                               item=("Challenger 2 tanks", "challenger-2", "armoured_vehicle"))
            claim.quantity = Quantity(14, "14")
            store.save_article(make_doc(doc_id, text, date=dt.date.fromisoformat(date), source=doc_id), [claim])
    with serve(url) as base:
        yield base


def test_tracker_page_draws_both_charts_and_the_row(base_url: str) -> None:
    tab: Any
    with browser(base_url) as tab:
        tab.goto(f"{base_url}/tracker/Kyiv")
        charts = tab.locator("svg.chart")
        assert charts.count() == 2
        assert charts.first.is_visible()
        row = tab.locator("table.tracker-rows tbody tr").first
        assert "challenger-2" in row.inner_text() and "agreed → delivered" in row.inner_text()
        tab.screenshot(path=str(ARTIFACTS / "tracker.png"), full_page=True)
        assert tab.off_site == []
