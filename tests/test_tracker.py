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
from entente.fuse.tracker import TrackerRow, totals, tracker_rows, tracker_stage
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


# ---------------------------------------------------------------- the store's lean read equals the old fold

WIRE = ("Iran delivered a new batch of Shahed-136 drones to Russia last week, "
        "two Western officials told reporters on Monday.")


def _news(store: Store) -> None:
    """News-style articles written for this test, saved through the store's own write path.

    Among them: a relation mixing training and transfer claims of one item (Su-35:
    its stored status counts the training, the tracker's row does not), a wire
    sentence printed by two outlets (one voice), a reprint, a speculation only,
    a value, a personnel claim and a cooperation.
    """
    su35 = ("Su-35 fighters", "su-35", "aircraft")
    articles = [
        ("train", "2023-01-10", "Tass", [make_claim(
            "train", kind="training", provider="RUS", recipient="IRN", item=su35, stage="occurred",
            evidence="Iranian pilots completed training on Su-35 fighters in Russia, the ministry said.")]),
        ("plan", "2023-03-02", "Tasnim", [make_claim(
            "plan", provider="RUS", recipient="IRN", item=su35, stage="planned", modality="probable",
            evidence="Russia is expected to deliver 24 Su-35 fighters to Iran by March.")]),
        ("wire-a", "2022-10-20", "Outlet A", [make_claim("wire-a", evidence=WIRE, time=("2022-10-14", None))]),
        ("wire-b", "2022-10-21", "Outlet B", [make_claim("wire-b", evidence=WIRE)]),
        ("maybe", "2022-11-05", "Outlet C", [make_claim(
            "maybe", provider="PRK", recipient="RUS", item=("artillery shells", None, "ammunition"),
            modality="possible", evidence="North Korea may be sending artillery shells to Russia.")]),
        ("deal", "2023-05-01", "Outlet D", [make_claim(
            "deal", provider="CHN", recipient="IRN", item=("air defence radars", None, "sensor"), stage="agreed",
            evidence="China agreed to sell Iran air defence radars worth $300 million.")]),
        ("advisers", "2023-06-01", "Outlet E", [make_claim(
            "advisers", kind="personnel", provider="IRN", recipient="RUS", item=None, stage="occurred",
            evidence="Iranian advisers were sent to Crimea to help Russian forces fly the drones.")]),
        ("joint", "2023-07-01", "Outlet F", [make_claim(
            "joint", kind="cooperation", provider="RUS", recipient="IRN", item=None,
            evidence="Russia and Iran agreed to deepen military cooperation.")]),
    ]
    articles[1][3][0].quantity = Quantity(24, "24")
    articles[5][3][0].value = Value(300_000_000, "USD", "$300 million")
    stories = {  # the two printings of the wire sentence tell different stories around it: not reprints
        "wire-a": "Kyiv said the drones struck power stations overnight and that air defences downed most of them.",
        "wire-b": "Analysts in London expect more deliveries before winter, as stocks of Russian missiles run low.",
    }
    for doc_id, date, outlet, found in articles:
        text = f"{found[0].evidence.text} {stories.get(doc_id, f'The article {doc_id} goes on with its own story.')}"
        store.save_article(make_doc(doc_id, text, date=dt.date.fromisoformat(date), source=outlet), found)
    reprinted = make_doc("wire-a-copy", f"{WIRE} {stories['wire-a']}", date=dt.date(2022, 10, 22), source="Outlet G")
    store.save_article(reprinted, [make_claim("wire-a-copy", evidence=WIRE)])


def _old_fold(store: Store, **who: str) -> list[TrackerRow]:
    """The tracker as it was: every claim read whole, every row fused again."""
    return tracker_rows(store.iter_claims(**who))


def test_the_lean_read_gives_the_rows_the_full_fold_gave(store: Store) -> None:
    _news(store)
    for who in ({"recipient": "IRN"}, {"recipient": "RUS"}, {"provider": "RUS"}, {"provider": "IRN"},
                {"provider": "CHN"}, {"provider": "RUS", "recipient": "IRN"}):
        new, old = tracker_for(store, **who), _old_fold(store, **who)
        assert new == old, who
        assert totals(new) == totals(old) and totals(new, by="recipient") == totals(old, by="recipient")
    assert tracker_for(store, recipient="PRK") == [] and tracker_rows(store.iter_claims(provider="PRK")) == []


def test_a_row_of_a_mixed_relation_is_fused_from_its_tracked_claims_only(store: Store) -> None:
    _news(store)
    su35 = next(r for r in tracker_for(store, recipient="IRN") if r.item_key == "su-35")
    relation = store.relation(su35.relation_id)
    assert set(relation.kinds) == {"training", "transfer"} and relation.status == "reported"
    assert (su35.status, su35.n_claims, su35.path, su35.pledged) == ("expected", 1, ("planned",), 24)


def test_a_row_of_a_relation_of_tracked_claims_takes_the_stored_counts(store: Store) -> None:
    _news(store)
    drones = next(r for r in tracker_for(store, recipient="RUS") if r.item_key == "shahed-136")
    relation = store.relation(drones.relation_id)
    assert (drones.status, drones.n_sources, drones.n_reprints, drones.n_claims) == (
        relation.status, relation.n_sources, relation.n_reprints, relation.n_claims)
    assert (drones.n_reprints, drones.n_claims, drones.n_sources) == (1, 3, 1)  # one wire sentence: one voice


DEV_GOLD = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"


@pytest.mark.slow
def test_the_lean_read_gives_the_full_folds_rows_on_the_dev_gold(tmp_path: Path) -> None:
    import json

    from entente import api
    from entente.model import Document

    if not DEV_GOLD.is_dir():
        pytest.skip(f"no dev gold at {DEV_GOLD}")  # a clone outside the folder beside ../shared
    docs = [
        Document(id=d["id"], date=dt.date.fromisoformat(d["date"]), text=d["text"], source=d.get("source"))
        for path in sorted(DEV_GOLD.glob("*.jsonl"))
        for d in map(json.loads, path.read_text(encoding="utf-8").splitlines())
    ]
    assert len(docs) > 50, "the dev gold is read from ../shared/eval/dev"
    with Store.open(f"sqlite:///{tmp_path / 'dev.db'}") as store:
        for doc, found in api.load_extractor().extract_many(docs, batch_size=16):
            store.save_article(doc, found)
        actors = {a.id for a in store.actors()}
        compared = 0
        for actor in sorted(actors):
            for who in ({"recipient": actor}, {"provider": actor}):
                new = tracker_for(store, **who)
                assert new == _old_fold(store, **who), who
                compared += len(new)
    assert compared > 50
