"""``entente watch`` ingests each feed entry once, into a real SQLite store, across restarts."""

from __future__ import annotations

from pathlib import Path

from fixtures_ingest.builders import rss
from typer.testing import CliRunner

from entente.cli import app
from entente.store import Store

ENTRY_ONE = {
    "title": "Drones for Moscow",
    "guid": "courier-1",
    "pubDate": "Thu, 09 Mar 2023 10:00:00 GMT",
    "content": "Iran supplied Shahed-136 drones to Russia last year, two Western officials said.",
}
ENTRY_TWO = {
    "title": "Tanks for Kyiv",
    "guid": "courier-2",
    "pubDate": "Fri, 10 Mar 2023 10:00:00 GMT",
    "content": "Poland delivered four Leopard 2 tanks to Ukraine on Friday, the Polish defence ministry said.",
}


def run_watch(feed: Path, db: Path, seen: Path) -> None:
    result = CliRunner().invoke(
        app, ["watch", str(feed), "--db", str(db), "--rounds", "1", "--interval", "1", "--seen", str(seen)]
    )
    assert result.exit_code == 0, result.output


def test_watch_ingests_new_entries_once_across_restarts(tmp_path: Path) -> None:
    feed, db, seen = tmp_path / "feed.rss", tmp_path / "entente.db", tmp_path / "seen.json"
    feed.write_bytes(rss([ENTRY_ONE]))
    run_watch(feed, db, seen)
    feed.write_bytes(rss([ENTRY_ONE, ENTRY_TWO]))
    run_watch(feed, db, seen)
    run_watch(feed, db, seen)  # nothing new: nothing changes
    store = Store.open(str(db), read_only=True)
    try:
        ids = store.document_ids()
        assert len(ids) == 2
        providers = {c.claim.provider for c in store.claims()}
        assert {"IRN", "POL"} <= providers
    finally:
        store.close()
