"""Polling a feed: each entry delivered exactly once, across rounds and restarts."""

from __future__ import annotations

import json
from pathlib import Path

from fixtures_ingest.builders import DRONES, RADAR, rss

from entente.errors import ReadError
from entente.ingest.watch import watch_feeds
from entente.model import Document

ENTRY_A = {"title": "Radar", "link": "https://courier.example/radar", "pubDate": "Sun, 05 Mar 2023 09:30:00 GMT",
           "description": RADAR[0]}
ENTRY_B = {"title": "Drones", "link": "https://courier.example/drones", "pubDate": "Mon, 06 Mar 2023 10:00:00 GMT",
           "description": DRONES[0]}


def test_entry_added_between_rounds_is_delivered_once_and_not_again_after_restart(tmp_path: Path) -> None:
    feed = tmp_path / "world.rss"
    feed.write_bytes(rss([ENTRY_A]))
    seen_path = tmp_path / "state" / "seen.json"
    delivered: list[str] = []
    errors: list[ReadError] = []
    sleeps: list[float] = []

    def add_entry_while_sleeping(seconds: float) -> None:
        sleeps.append(seconds)
        feed.write_bytes(rss([ENTRY_B, ENTRY_A]))

    def run(rounds: int, sleep: object = sleeps.append) -> None:
        watch_feeds([str(feed)], interval=60.0, seen_path=seen_path,
                    on_document=lambda d: delivered.append(d.id), on_error=errors.append,
                    rounds=rounds, sleep=sleep)  # type: ignore[arg-type]

    run(2, add_entry_while_sleeping)
    assert delivered == ["https://courier.example/radar", "https://courier.example/drones"]
    assert sleeps == [60.0]  # no sleep after the last round
    run(2)  # a restart with the same seen file delivers nothing new
    assert delivered == ["https://courier.example/radar", "https://courier.example/drones"]
    assert errors == []
    assert len(json.loads(seen_path.read_text())["seen"]) == 4  # an id and a content hash per entry
    assert not [p for p in seen_path.parent.iterdir() if p.name.endswith(".tmp")]


def test_missing_feed_is_reported_and_others_are_still_polled(tmp_path: Path) -> None:
    feed = tmp_path / "world.rss"
    feed.write_bytes(rss([ENTRY_A]))
    delivered: list[Document] = []
    errors: list[ReadError] = []
    watch_feeds([str(tmp_path / "gone.rss"), str(feed)], interval=0, seen_path=tmp_path / "seen.json",
                on_document=delivered.append, on_error=errors.append, rounds=1)
    assert [d.id for d in delivered] == ["https://courier.example/radar"]
    assert len(errors) == 1 and errors[0].where == str(tmp_path / "gone.rss")


def test_polled_entries_are_normalised_like_read_ones(tmp_path: Path) -> None:
    from entente.ingest.normalise import MAX_ID_CHARS

    feed = tmp_path / "world.rss"
    feed.write_bytes(rss([{**ENTRY_A, "guid": "https://courier.example/" + "x" * 500}]))
    delivered: list[Document] = []
    watch_feeds([str(feed)], interval=0, seen_path=tmp_path / "seen.json",
                on_document=delivered.append, on_error=lambda e: None, rounds=1)
    (doc,) = delivered
    assert len(doc.id) == MAX_ID_CHARS and doc.id.startswith("https://courier.example/xxx")
