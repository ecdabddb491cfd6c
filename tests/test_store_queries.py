"""Listings at scale: relations and timelines paged and ordered in SQL, on indexes (query plans checked).

The plans are SQLite's (EXPLAIN QUERY PLAN) for the SELECTs the store builds;
an indexed filter must SEARCH an index, never SCAN the relations table.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from conftest import make_claim, make_doc

from entente.fuse import timeline_order
from entente.store import Store
from entente.store.records import RelationFilters
from entente.store.repository import RELATION_ORDERS, relations_select
from entente.store.schema import metadata

ITEMS = [("Shahed-136 drones", "shahed-136", "uav"), ("the S-400", "s-400", "air_defence"),
         ("Su-35 fighters", "su-35", "aircraft")]


@pytest.fixture
def filled(tmp_path: Path) -> Store:
    """Three relations IRN->RUS, RUS->IRN, CHN->IRN with 1, 2 and 3 articles, on different dates."""
    store = Store.open(str(tmp_path / "queries.db"))
    plan = [("IRN", "RUS", ITEMS[0], 1), ("RUS", "IRN", ITEMS[1], 2), ("CHN", "IRN", ITEMS[2], 3)]
    for provider, recipient, item, n in plan:
        for i in range(n):
            doc_id = f"{provider}-{recipient}-{i}"
            text = f"{provider} sent {item[0]} to {recipient}, outlet {i} says."
            store.save_article(
                make_doc(doc_id, text=text, date=dt.date(2022, 1 + i, 1 + n), source=f"outlet{i}"),
                [make_claim(doc_id, provider=provider, recipient=recipient, item=item, evidence=text,
                            time=(f"202{i}-0{n}-01", None))],
            )
    return store


def items(found: list) -> list[str]:  # type: ignore[type-arg]
    return [r.item_key for r in found]


def test_relations_come_most_sources_first_when_asked(filled: Store) -> None:
    assert items(filled.relations(order="sources")) == ["su-35", "s-400", "shahed-136"]
    assert items(filled.relations(order="recent")) == ["su-35", "s-400", "shahed-136"]
    assert items(filled.relations()) == ["su-35", "shahed-136", "s-400"]  # pair: CHN, IRN, RUS


def test_relations_are_paged_in_sql_and_counted(filled: Store) -> None:
    assert items(filled.relations(order="sources", limit=1)) == ["su-35"]
    assert items(filled.relations(order="sources", limit=1, offset=1)) == ["s-400"]
    assert items(filled.relations(order="sources", offset=2)) == ["shahed-136"]
    assert filled.count_relations() == 3
    assert filled.count_relations(RelationFilters(recipient="IRN")) == 2
    assert items(filled.iter_relations(RelationFilters(recipient="IRN"), order="claims")) == ["su-35", "s-400"]


def test_every_order_lists_every_relation_once(filled: Store) -> None:
    for order in RELATION_ORDERS:
        assert sorted(items(filled.relations(order=order))) == ["s-400", "shahed-136", "su-35"]


def test_a_timeline_page_is_a_slice_of_the_whole_in_event_order(filled: Store) -> None:
    whole = filled.timeline("CHN", "IRN")
    assert whole == sorted(whole, key=timeline_order) and len(whole) == 3
    assert filled.timeline("IRN", "CHN", limit=2) == whole[:2]
    assert filled.timeline("CHN", "IRN", limit=2, offset=1) == whole[1:]
    assert filled.timeline("CHN", "IRN", limit=2, latest=True) == whole[1:]  # the latest two, still in order
    assert filled.timeline("CHN", "IRN", limit=1, offset=1, latest=True) == whole[1:2]
    assert filled.count_timeline("IRN", "CHN") == 3


def test_a_relation_page_keeps_the_relation_counts(filled: Store) -> None:
    rid = filled.relations(item="su-35")[0].id
    whole = filled.relation(rid).timeline
    page = filled.relation(rid, limit=1, latest=True)
    assert page.timeline == whole[-1:] and page.n_claims == 3


# ---------------------------------------------------------------- query plans

def plan(store: Store, query: sa.Select) -> list[str]:  # type: ignore[type-arg]
    compiled = query.compile(dialect=store.engine.dialect, compile_kwargs={"render_postcompile": True})
    params = tuple(compiled.params[name] for name in compiled.positiontup or ())
    with store.engine.connect() as conn:
        return [row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", params)]


INDEXED = {
    "provider": (RelationFilters(provider="RUS"), "ix_relations_provider_recipient"),
    "recipient": (RelationFilters(recipient="IRN"), "ix_relations_recipient"),
    "status": (RelationFilters(status="confirmed"), "ix_relations_status"),
    "statuses": (RelationFilters(status=["confirmed", "reported"]), "ix_relations_status"),
    "category": (RelationFilters(category="uav"), "ix_relations_category"),
    "item": (RelationFilters(item="s-400"), "ix_relations_item"),
    "since": (RelationFilters(since=dt.date(2022, 1, 1)), "ix_relations_last_seen"),
    "until": (RelationFilters(until=dt.date(2022, 1, 1)), "ix_relations_first_seen"),
    "actor": (RelationFilters(actor="IRN"), "ix_relations_recipient"),
}


@pytest.mark.parametrize("name", sorted(INDEXED))
def test_each_filter_searches_its_index(filled: Store, name: str) -> None:
    filters, index = INDEXED[name]
    steps = plan(filled, relations_select(filters, order="sources", limit=50))
    assert any(s.startswith("SEARCH relations USING") and index in s for s in steps), steps
    # the item label is matched on the index's copy of the labels, never on the table's rows
    assert not [s for s in steps if s.startswith("SCAN relations") and "COVERING INDEX" not in s], steps


def test_the_text_search_scans_claims_not_relations(filled: Store) -> None:
    steps = plan(filled, relations_select(RelationFilters(text="drones"), order="sources"))
    assert "SCAN claims" in steps and not [s for s in steps if s.startswith("SCAN relations")], steps


def test_a_timeline_searches_the_pair_index_both_ways(filled: Store) -> None:
    from entente.store.repository import _CLAIM_SELECT, _pair

    steps = plan(filled, _CLAIM_SELECT.where(_pair("RUS", "IRN")))
    both = ("(provider=? AND recipient=?)", "(recipient=? AND provider=?)")
    assert sum(s.startswith("SEARCH claims USING INDEX") and s.endswith(both) for s in steps) == 2, steps
    assert not [s for s in steps if s.startswith("SCAN claims")], steps


@pytest.mark.parametrize(("recipient", "provider", "index"), [
    ("IRN", None, "ix_claims_recipient_provider (recipient=?)"),
    (None, "CHN", "ix_claims_provider_recipient (provider=?)"),
    ("IRN", "CHN", "ix_claims_"),
])
def test_the_trackers_read_searches_an_index_of_claims(
    filled: Store, recipient: str | None, provider: str | None, index: str,
) -> None:
    from entente.fuse.tracker import TRACKED_KINDS
    from entente.store.repository import tracker_select

    steps = plan(filled, tracker_select(recipient, provider, TRACKED_KINDS))
    assert any(s.startswith("SEARCH claims USING INDEX") and index in s for s in steps), steps
    assert not [s for s in steps if s.startswith("SCAN claims")], steps


def test_the_indexes_of_the_migrations_are_those_of_schema_py(filled: Store) -> None:
    inspector = sa.inspect(filled.engine)
    for table in metadata.sorted_tables:
        migrated = {(i["name"], tuple(i["column_names"])) for i in inspector.get_indexes(table.name)}
        declared = {(i.name, tuple(c.name for c in i.columns)) for i in table.indexes}
        assert migrated == declared, table.name


def test_the_head_revision_a_read_only_open_expects_is_the_newest_migration(filled: Store) -> None:
    from alembic.script import ScriptDirectory

    from entente.store import engine as engines

    assert ScriptDirectory.from_config(engines.alembic_config()).get_current_head() == engines.HEAD_REVISION
    with filled.engine.connect() as conn:
        assert engines.stored_revision(conn) == engines.HEAD_REVISION


# ---------------------------------------------------------------- the CLI listings

def test_relations_listing_pages_and_says_what_it_hid(filled: Store) -> None:
    from typer.testing import CliRunner

    from entente.cli import app

    db = str(filled.engine.url.database)
    runner = CliRunner()
    first = runner.invoke(app, ["relations", "--db", db, "--limit", "1", "-f", "jsonl"])
    assert first.exit_code == 0, first.output
    assert [json.loads(line)["item_key"] for line in first.stdout.splitlines()] == ["su-35"]
    assert "showing 1-1 of 3 relations (most independent sources first); --offset 1 for the next ones" in first.stderr
    rest = runner.invoke(app, ["relations", "--db", db, "--offset", "1", "--order", "recent", "-f", "jsonl"])
    assert [json.loads(line)["item_key"] for line in rest.stdout.splitlines()] == ["s-400", "shahed-136"]
    everything = runner.invoke(app, ["relations", "--db", db, "--limit", "0", "-f", "jsonl"])
    assert len(everything.stdout.splitlines()) == 3 and "showing" not in everything.stderr


def test_timeline_listing_shows_the_latest_claims_in_event_order(filled: Store) -> None:
    from typer.testing import CliRunner

    from entente.cli import app

    db = str(filled.engine.url.database)
    whole = [s.claim.doc_id for s in filled.timeline("CHN", "IRN")]
    runner = CliRunner()
    latest = runner.invoke(app, ["timeline", "CHN", "IRN", "--db", db, "-n", "2", "-f", "jsonl"])
    assert [json.loads(line)["doc_id"] for line in latest.stdout.splitlines()] == whole[1:]
    assert "showing 2-3 of 3 claims (in event order); --offset 2 for the earlier ones" in latest.stderr
    oldest = runner.invoke(app, ["timeline", "CHN", "IRN", "--db", db, "-n", "2", "--oldest", "-f", "jsonl"])
    assert [json.loads(line)["doc_id"] for line in oldest.stdout.splitlines()] == whole[:2]
    shown = runner.invoke(app, ["show", filled.relations(item="su-35")[0].id, "--db", db, "-n", "1"],
                          env={"COLUMNS": "120"})
    assert shown.exit_code == 0 and "3 claims (1 shown), in event order:" in shown.stdout
