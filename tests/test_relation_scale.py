"""The relation page and the dossier at the size of a wire story: repeats folded, times as the text gives them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator

import pytest
from conftest import make_claim, make_doc
from fastapi.testclient import TestClient

from entente.model import TimeSpan
from entente.report import render_report
from entente.report.evidence import describe_time, fold
from entente.store import Store
from entente.web.app import create_app

WIRE = "Iran has shipped hundreds of Shahed-136 drones to Russia since August, two officials said."
DENIAL = "Tehran denied sending any drones to Moscow for use in Ukraine."
ADMISSION = "In 2019, Iran sold a first batch of drones to Russia, the foreign minister said."
OUTLETS = ["Wire", "Post", "Herald", "Tribune", "Courier", "Times", "Journal", "Gazette", "Star", "Mail", "Sun", "Globe"]


def test_times_read_as_the_interval_the_text_gives() -> None:
    d = dt.date
    assert describe_time(d(2019, 1, 1), d(2019, 12, 31)) == "2019"
    assert describe_time(d(2022, 7, 1), d(2022, 7, 31)) == "July 2022"
    assert describe_time(d(2022, 2, 1), d(2022, 3, 31)) == "Feb – Mar 2022"
    assert describe_time(d(2021, 11, 1), d(2022, 2, 28)) == "Nov 2021 – Feb 2022"
    assert describe_time(d(2017, 1, 1), d(2019, 12, 31)) == "2017 – 2019"
    assert describe_time(d(2022, 11, 5), d(2022, 11, 5)) == "2022-11-05"
    assert describe_time(d(2022, 11, 5), d(2022, 11, 9)) == "2022-11-05 – 2022-11-09"
    assert describe_time(None, d(2022, 11, 5)) == "until 2022-11-05"
    assert describe_time(d(2020, 1, 1), None) == "from 2020-01-01"
    assert describe_time(None, None) == "no time given"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('scale') / 'entente.db'}"
    source = ("two officials", None, "anonymous")
    with Store.open(url) as store:
        for n, outlet in enumerate(OUTLETS):  # one wire sentence, printed by twelve outlets
            doc = make_doc(f"wire-{n:02d}", f"{WIRE}\n\nLocal reaction {n}.", date=dt.date(2022, 11, 1 + n),
                           source=outlet, title=f"Drones for Moscow ({outlet})", url=f"https://{outlet.lower()}.example/{n}")
            spacing = WIRE.replace(" since", "  since") if n % 2 else WIRE  # a reprint's spacing differs
            store.save_article(doc, [make_claim(doc.id, evidence=spacing, source=source)])
        store.save_article(make_doc("denial", DENIAL, date=dt.date(2022, 10, 20), source="Agency"), [
            make_claim("denial", polarity="negative", evidence=DENIAL, source=("Tehran", "IRN", "party"))])
        admission = dataclasses.replace(
            make_claim("admission", evidence=ADMISSION, source=("the foreign minister", "IRN", "party")),
            time=TimeSpan("In 2019", dt.date(2019, 1, 1), dt.date(2019, 12, 31)))
        store.save_article(make_doc("admission", ADMISSION, date=dt.date(2022, 12, 1), source="Daily"), [admission])
    return url


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    app = create_app(db)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c
    app.state.store.close()


def _relation_id(db: str) -> str:
    with Store.open(db, read_only=True) as store:
        (relation,) = store.relations()
    return relation.id


def test_a_repeated_sentence_is_one_entry_listing_its_articles(db: str) -> None:
    with Store.open(db, read_only=True) as store:
        relation = store.relation(_relation_id(db))
    entries = fold(relation.timeline)
    assert relation.n_claims == 14 and len(entries) == 3
    wire = next(e for e in entries if e.count > 1)
    assert wire.count == 12 and [s.doc_source for s in wire.articles] == OUTLETS


def test_the_relation_page_folds_repeats_and_keeps_time_order(client: TestClient, db: str) -> None:
    html = client.get(f"/relations/{_relation_id(db)}").text
    assert html.count('<li class="claim"') == 3
    assert "The same sentence in 12 articles" in html
    assert html.index(ADMISSION[:30]) < html.index(DENIAL[:30]) < html.index(WIRE[:30])  # 2019, Oct, Nov 2022
    assert 'href="https://herald.example/2"' in html  # the original article is linked


def test_the_relation_page_defines_every_status(client: TestClient, db: str) -> None:
    html = client.get(f"/relations/{_relation_id(db)}").text
    for status in ("confirmed", "contested", "reported", "expected", "speculated", "refused", "denied"):
        assert re.search(rf"</span>{status}</dt><dd>[a-z]", html), status


def test_timeline_tooltips_give_the_year_not_an_invented_day(client: TestClient, db: str) -> None:
    html = client.get(f"/relations/{_relation_id(db)}").text
    tips = re.findall(r"<title>([^<]*)</title></circle>", html)
    assert any(t.startswith("2019: ") for t in tips)
    assert not any("2019-07-02" in t for t in tips)


def test_the_dossier_opens_with_a_summary_and_folds_repeats(db: str) -> None:
    with Store.open(db, read_only=True) as store:
        html = render_report(store, "IRN", "RUS", today=dt.date(2023, 1, 1))
    assert html.index('id="summary"') < html.index('id="evidence"') < html.index('id="articles"')
    assert html.count('<li class="claim">') == 3 and "The same sentence in 12 articles" in html
    assert "break-before: page" in html and "break-inside: avoid" in html
    assert "(“In 2019”)" in html and "2019-01-01 – 2019-12-31" not in html


@pytest.mark.parametrize("days", [100, 200, 400, 700, 1400, 3000, 7000])
def test_timeline_tick_labels_stay_apart(days: int) -> None:
    from entente.report.timeline import PLOT_WIDTH, _ticks

    lo = dt.date(2019, 1, 1)
    ticks = _ticks(lo, lo + dt.timedelta(days=days))
    assert len(ticks) >= 2
    for (a, text), (b, _) in zip(ticks, ticks[1:], strict=False):
        room = (b - a).days * PLOT_WIDTH / days
        assert room >= (32 if len(text) == 4 else 58), (days, text)  # a year label, else "Sep 2019"
