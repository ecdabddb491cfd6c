"""The tracker: per provider x item, the path of stages, pledged vs delivered, exports and charts."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from conftest import make_claim, make_doc, stored
from openpyxl import load_workbook
from typer.testing import CliRunner

from entente.cli import app
from entente.fuse import fuse_one
from entente.fuse.tracker import totals, tracker_rows, tracker_stage
from entente.model import Quantity, StoredClaim, Value
from entente.report.tracker import EXPORT_COLUMNS, charts, tracker_for, write_csv, write_xlsx
from entente.store import Store

LEOPARD = ("Leopard 2 tanks", "leopard-2", "armoured_vehicle")
runner = CliRunner()


def tank(doc: str, stage: str, *, count: int | None = None, text: str | None = None, provider: str = "DEU",
         date: str = "2023-01-25", polarity: str = "positive", modality: str = "certain",
         value: Value | None = None, time: tuple[str | None, str | None] | None = None,
         outlet: str | None = None) -> StoredClaim:
    claim = make_claim(doc, provider=provider, recipient="UKR", item=LEOPARD, stage=stage, polarity=polarity,
                       modality=modality, time=time,
                       evidence=f"{provider} and Kyiv: {stage} Leopard 2 tanks, in article {doc}.")
    if count is not None or text is not None:
        claim.quantity = Quantity(count, text or str(count))
    claim.value = value
    return stored(claim, date=date, outlet=outlet or f"outlet of {doc}")


def test_a_pledge_then_a_delivery_is_one_row_with_both_counts() -> None:
    rows = tracker_rows([
        tank("a", "agreed", count=14, date="2023-01-25"),
        tank("b", "occurred", count=18, date="2023-03-28", time=("2023-03-27", "2023-03-27")),
    ])
    assert len(rows) == 1
    row = rows[0]
    assert row.path == ("agreed", "delivered") and row.latest == "delivered"
    assert (row.pledged, row.delivered) == (14, 18)
    assert row.announced == dt.date(2023, 1, 25) and row.delivered_on == dt.date(2023, 3, 27)


def test_repeated_pledges_are_not_added_up_within_a_row() -> None:
    rows = tracker_rows([tank("a", "agreed", count=14), tank("b", "agreed", count=14, date="2023-02-01")])
    assert rows[0].pledged == 14 and rows[0].path == ("agreed",)


def test_a_count_in_formations_is_kept_as_words() -> None:
    row = tracker_rows([tank("a", "agreed", count=1, text="a battalion")])[0]
    assert row.pledged is None and row.pledged_text == "a battalion"


def test_a_denial_reads_denied_and_speculation_is_left_out() -> None:
    denial = tank("a", "occurred", polarity="negative")
    assert tracker_stage(denial) == "denied"
    rows = tracker_rows([denial, tank("b", "planned", modality="possible", date="2023-02-01")])
    assert rows[0].path == ("denied",)
    assert tracker_rows([tank("c", "planned", modality="possible")]) == []


def test_a_refusal_after_a_request_is_the_latest_stage() -> None:
    rows = tracker_rows([tank("a", "requested", date="2023-01-02"), tank("b", "refused", date="2023-01-20")])
    assert rows[0].path == ("requested", "refused") and rows[0].latest == "refused"


def test_reprints_do_not_add_sources_to_a_row() -> None:
    first = tank("a", "agreed", count=14)
    copies = [
        StoredClaim(c.id, c.claim, c.doc_date, doc_source=c.doc_source, reprint_of="a")
        for c in (tank(f"copy-{n}", "agreed", count=14) for n in range(4))
    ]
    row = tracker_rows([first, *copies])[0]
    assert (row.n_sources, row.n_reprints) == (1, 4)


def test_totals_add_plain_counts_per_provider_and_one_package_value_once() -> None:
    package = Value(1_100_000_000, "USD", "$1.1 billion")
    himars = make_claim("p", provider="USA", recipient="UKR", item=("HIMARS", "himars", "artillery"),
                        stage="agreed", evidence="A $1.1 billion package with 18 HIMARS and radars.")
    himars.quantity, himars.value = Quantity(18, "18"), package
    radar = make_claim("p", provider="USA", recipient="UKR", item=("radars", None, "sensor"),
                       stage="agreed", evidence="A $1.1 billion package with 18 HIMARS and radars.")
    radar.value = package
    rows = tracker_rows([stored(himars), stored(radar), tank("a", "agreed", count=14),
                         tank("b", "agreed", count=1, text="a battalion", provider="POL")])
    by_provider = {t.actor: t for t in totals(rows)}
    assert by_provider["USA"].pledged == 18 and by_provider["USA"].values == {"USD": 1_100_000_000}
    assert by_provider["DEU"].pledged == 14 and by_provider["POL"].pledged == 0


def test_charts_are_svg_with_escaped_labels() -> None:
    rows = tracker_rows([tank("a", "agreed", count=14), tank("b", "occurred", count=18, date="2023-03-28")])
    drawn = charts(rows, "<Ukraine & co>")
    assert len(drawn) == 2 and all(svg.startswith("<svg") for svg in drawn)
    assert "&lt;Ukraine &amp; co&gt;" in drawn[0] and "<Ukraine" not in drawn[0]


# ---------------------------------------------------------------- store and exports


@pytest.fixture
def tracked(store: Store) -> Store:
    for doc, stage, count, date in (("pledge", "agreed", 14, "2023-01-25"), ("arrival", "occurred", 18, "2023-03-28")):
        claim = tank(doc, stage, count=count, date=date).claim
        if stage == "agreed":
            claim.value = Value(500_000_000, "EUR", "EUR 500 million")
        text = f"Written for this test: {claim.evidence.text} The article {doc} tells its own story."
        store.save_article(make_doc(doc, text, date=dt.date.fromisoformat(date), source=f"outlet {doc}"), [claim])
    return store


def test_the_tracker_of_a_store_has_the_row(tracked: Store) -> None:
    rows = tracker_for(tracked, recipient="UKR")
    assert [(r.provider, r.item_key, r.path, r.pledged, r.delivered) for r in rows] == [
        ("DEU", "leopard-2", ("agreed", "delivered"), 14, 18)
    ]
    assert tracker_for(tracked, provider="DEU")[0].relation_id == rows[0].relation_id
    assert tracker_for(tracked, recipient="RUS") == []


def test_csv_export_has_one_row_per_provider_item_and_stage(tracked: Store) -> None:
    out = io.StringIO()
    assert write_csv(tracker_for(tracked, recipient="UKR"), out) == 2
    found = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(found[0]) == EXPORT_COLUMNS
    agreed = next(r for r in found if r["stage"] == "agreed")
    delivered = next(r for r in found if r["stage"] == "delivered")
    assert (agreed["supplier"], agreed["number_ordered"], agreed["year_of_order"]) == ("DEU", "14", "2023")
    assert (delivered["number_delivered"], delivered["years_of_delivery"]) == ("18", "2023")


def test_the_workbook_opens_with_typed_columns(tracked: Store, tmp_path: Path) -> None:
    path = tmp_path / "tracker.xlsx"
    write_xlsx(tracker_for(tracked, recipient="UKR"), path, title="UKR")
    sheet = load_workbook(path).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    assert tuple(header) == EXPORT_COLUMNS
    records = [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    agreed = next(r for r in records if r["stage"] == "agreed")
    assert isinstance(agreed["number_ordered"], int) and agreed["number_ordered"] == 14
    assert isinstance(agreed["year_of_order"], int)
    assert isinstance(agreed["value"], int | float) and agreed["value"] == 500_000_000
    assert isinstance(agreed["first_reported"], dt.datetime)
    assert agreed["first_reported"].date() == dt.date(2023, 1, 25)


def test_cli_tracker_takes_names_and_fits_100_columns(tracked: Store, store_url: str, tmp_path: Path) -> None:
    xlsx = tmp_path / "out.xlsx"
    result = runner.invoke(app, ["tracker", "Kyiv", "--db", store_url, "--xlsx", str(xlsx)], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert any("leopard-2" in line and "14" in line and "18" in line for line in lines)
    assert xlsx.exists()
    by_provider = runner.invoke(app, ["tracker", "--provider", "Berlin", "--db", store_url, "--format", "csv"])
    assert by_provider.exit_code == 0 and "leopard-2" in by_provider.stdout


def test_cli_tracker_refuses_an_unknown_name(tracked: Store, store_url: str) -> None:
    result = runner.invoke(app, ["tracker", "Ukrane", "--db", store_url])
    assert result.exit_code == 2
    assert "E411" in result.stderr and "Ukraine (UKR)" in result.stderr


SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.mark.slow
def test_tracker_of_ukraine_on_the_samples_fits_100_columns_and_counts_the_reprinted_story_once(
    tmp_path: Path,
) -> None:
    from entente import api
    from entente.store.service import ingest_paths

    url = f"sqlite:///{tmp_path / 'samples.db'}"
    with Store.open(url) as store:
        assert ingest_paths([SAMPLES], store, api.load_extractor()).failed == []
        abrams = next(r for r in tracker_for(store, recipient="UKR") if r.item_key == "abrams")
        originals = [s for s in store.claims(relation_id=abrams.relation_id) if s.reprint_of is None]
    assert abrams.path == ("planned", "delivered") and abrams.pledged == 31
    assert abrams.n_reprints == 3
    assert abrams.n_sources == fuse_one(originals).n_sources  # as if the reprints were not there
    result = runner.invoke(app, ["tracker", "UKR", "--db", url], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) > 20 and max(len(line) for line in lines) <= 100


def test_training_and_cooperation_are_not_tracked() -> None:
    training = stored(make_claim("t", kind="training", provider="GBR", recipient="UKR", item=None, stage="planned"))
    joint = stored(make_claim("j", kind="cooperation", provider="IRN", recipient="RUS", item=None))
    assert tracker_rows([training, joint]) == []
    assert len(tracker_rows([training, tank("a", "agreed", count=14)])) == 1
