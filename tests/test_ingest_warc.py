"""WARC crawls: each HTML response record an article."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fixtures_ingest.builders import DRONES, RADAR, html_page, warc

from entente.ingest import read_documents
from entente.model import Document


def test_html_responses_become_documents_and_other_records_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(warc([
        ("https://courier.example/world/radar-units.html",
         html_page("Radar units", RADAR, published="2023-03-05").encode(), "text/html; charset=utf-8"),
        ("https://courier.example/logo.png", b"\x89PNG not an article", "image/png"),
        ("https://courier.example/world/drones/", html_page("Drones", DRONES).encode(), "text/html"),
    ]))
    first, second = list(read_documents([path]))
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.id, first.date, first.date_assumed, first.origin) == (
        "https://courier.example/world/radar-units.html", dt.date(2023, 3, 5), False, f"{path}#2")
    assert first.url == "https://courier.example/world/radar-units.html"
    assert RADAR[0] in first.text and "Cookie settings" not in first.text
    # No date in the page: the crawl date stands in, flagged as assumed.
    assert (second.id, second.date, second.date_assumed) == ("https://courier.example/world/drones/", dt.date(2023, 3, 9), True)


def test_uncompressed_warc_reads_the_same(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(warc([("https://courier.example/a.html", html_page("A", RADAR).encode(), "text/html")], gzip=False))
    (doc,) = list(read_documents([path]))
    assert isinstance(doc, Document) and doc.id == "https://courier.example/a.html"
