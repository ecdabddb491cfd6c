"""WARC and ARC crawls as a crawler's user expects: edge cases, each with its own small fixture made here."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from fixtures_ingest.builders import DRONES, RADAR, arc, html_page, warc, warc_records
from typer.testing import CliRunner

from entente.errors import BadMarkup, ReadError, Truncated
from entente.ingest import read_documents
from entente.ingest.ids import normalise_uri
from entente.model import Document

RADAR_PAGE = html_page("Radar units", RADAR, published="2023-03-05").encode()
DRONES_PAGE = html_page("Drones", DRONES, published="2023-03-06").encode()


def read(path: Path) -> tuple[list[Document | ReadError], list[tuple[str, str]]]:
    skipped: list[tuple[str, str]] = []
    items = list(read_documents([path], on_skip=lambda where, why: skipped.append((where, why))))
    return items, skipped


@pytest.mark.parametrize("compressed", [False, True])
def test_arc_files_are_read_through_warcio(tmp_path: Path, compressed: bool) -> None:
    path = tmp_path / ("crawl.arc.gz" if compressed else "crawl.arc")
    path.write_bytes(arc([
        ("http://courier.example/world/radar.html", RADAR_PAGE, "text/html"),
        ("http://courier.example/logo.png", b"\x89PNG", "image/png"),
    ], gzip=compressed))
    items, skipped = read(path)
    (doc,) = items
    assert isinstance(doc, Document) and doc.id == "http://courier.example/world/radar.html"
    assert RADAR[0] in doc.text and doc.origin == f"{path}#2"
    assert skipped == [(f"{path}#3", "not HTML")]


def test_an_arc_without_an_extension_is_recognised_by_its_first_bytes(tmp_path: Path) -> None:
    path = tmp_path / "crawl-0001"
    path.write_bytes(arc([("http://courier.example/a.html", RADAR_PAGE, "text/html")]))
    (doc,) = read(path)[0]
    assert isinstance(doc, Document) and doc.id == "http://courier.example/a.html"


def test_an_arc_gzipped_whole_is_one_error_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "crawl.arc.gz"
    path.write_bytes(gzip.compress(arc([
        ("http://courier.example/a.html", RADAR_PAGE, "text/html"),
        ("http://courier.example/b.html", DRONES_PAGE, "text/html"),
    ])))
    items, _ = read(path)
    error = items[-1]
    assert isinstance(error, BadMarkup) and "\n" not in str(error) and "warcio recompress" in error.reason


def test_redirects_empty_bodies_and_error_pages_are_skipped_and_counted_not_errors(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(warc_records([
        {"uri": "http://courier.example/old", "status": "301 Moved Permanently",
         "headers": [("Location", "http://courier.example/world/radar.html"), ("Content-Type", "text/html")]},
        {"uri": "http://courier.example/world/radar.html", "body": RADAR_PAGE},
        {"uri": "http://courier.example/empty"},
        {"uri": "http://courier.example/blank", "body": b"  \r\n"},
        {"uri": "http://courier.example/gone", "status": "404 Not Found", "body": b"<html><body>Gone</body></html>"},
    ]))
    items, skipped = read(path)
    assert [i.id for i in items if isinstance(i, Document)] == ["http://courier.example/world/radar.html"]
    assert [i for i in items if isinstance(i, ReadError)] == []
    assert [why for _, why in skipped] == ["redirect", "empty body", "empty body", "HTTP status 404"]


def test_a_crawl_of_redirects_and_articles_exits_0_and_the_summary_counts_the_skips(tmp_path: Path) -> None:
    from entente.cli import app

    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(warc_records([
        {"uri": "http://courier.example/old", "status": "302 Found",
         "headers": [("Location", "http://courier.example/new"), ("Content-Type", "text/html")]},
        {"uri": "http://courier.example/new", "body": RADAR_PAGE},
    ]))
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", str(tmp_path / "c.db")])
    assert result.exit_code == 0, result.output
    assert "added 1" in result.stderr and "skipped 1 crawl record" in result.stderr and "1 redirect" in result.stderr


def test_resource_records_of_html_are_read_and_others_skipped(tmp_path: Path) -> None:
    path = tmp_path / "capture.warc"
    path.write_bytes(warc_records([
        {"uri": "http://courier.example/saved.html", "type": "resource", "content_type": "text/html",
         "body": DRONES_PAGE},
        {"uri": "http://courier.example/notes.txt", "type": "resource", "content_type": "text/plain",
         "body": b"crawler notes"},
    ], gzip=False))
    items, skipped = read(path)
    (doc,) = items
    assert isinstance(doc, Document) and doc.id == "http://courier.example/saved.html" and DRONES[0] in doc.text
    assert skipped == [(f"{path}#2", "not HTML")]


@pytest.mark.parametrize("compressed", [False, True])
def test_a_record_cut_short_is_reported_as_truncated(tmp_path: Path, compressed: bool) -> None:
    data = warc([
        ("https://courier.example/radar.html", RADAR_PAGE, "text/html"),
        ("https://courier.example/drones.html", DRONES_PAGE, "text/html"),
    ], gzip=compressed)
    path = tmp_path / ("cut.warc.gz" if compressed else "cut.warc")
    path.write_bytes(data[: len(data) - 300])
    items, _ = read(path)
    assert isinstance(items[0], Document) and items[0].id == "https://courier.example/radar.html"
    assert isinstance(items[-1], Truncated) and items[-1].where.startswith(f"{path}#")


def test_two_crawls_of_different_sites_with_the_same_paths_do_not_share_ids(tmp_path: Path) -> None:
    first, second = tmp_path / "a.warc.gz", tmp_path / "b.warc.gz"
    first.write_bytes(warc([("https://courier.example/news/123", RADAR_PAGE, "text/html")]))
    second.write_bytes(warc([("https://herald.example/story/123", DRONES_PAGE, "text/html")]))
    ids = [d.id for d in read_documents([first, second]) if isinstance(d, Document)]
    assert ids == ["https://courier.example/news/123", "https://herald.example/story/123"]


@pytest.mark.parametrize(("given", "name"), [
    ("HTTP://Courier.Example:80/a.html#top", "http://courier.example/a.html"),
    ("https://courier.example:443/a?x=1", "https://courier.example/a?x=1"),
    ("https://courier.example:8443/a", "https://courier.example:8443/a"),
    ("http://courier.example", "http://courier.example/"),
    ("urn:uuid:1234", "urn:uuid:1234"),
    ("http://[::1]:99999/bad-port", "http://[::1]:99999/bad-port"),
])
def test_target_uris_are_normalised_to_one_name_a_page(given: str, name: str) -> None:
    assert normalise_uri(given) == name
