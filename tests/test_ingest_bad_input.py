"""Every kind of bad input gives a ReadError value naming where and why, and the batch goes on."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import tracemalloc
from pathlib import Path

import pytest
from fixtures_ingest.builders import DRONES, RADAR, html_page, rss, warc

from entente.errors import (
    BadDate,
    BadMarkup,
    BadRecord,
    EmptyInput,
    NotText,
    ReadError,
    TooLarge,
    Truncated,
)
from entente.ingest import MAX_ARTICLE_BYTES, read_documents
from entente.model import Document


@pytest.fixture
def good(tmp_path: Path) -> tuple[Path, Path]:
    """Two sound articles read before and after the bad one."""
    before = tmp_path / "before.txt"
    after = tmp_path / "after.txt"
    before.write_text("date 2023-01-01 The frigate sailed from Tartus on Sunday.")
    after.write_text("date 2023-01-02 The frigate returned to port on Monday.")
    return before, after


def read_between(good: tuple[Path, Path], bad: Path, **kw: object) -> list[ReadError]:
    """Read good, bad, good; check both good articles came out; return the errors."""
    items = list(read_documents([good[0], bad, good[1]], **kw))  # type: ignore[arg-type]
    ids = [i.id for i in items if isinstance(i, Document)]
    assert ids[0] == "before" and ids[-1] == "after"
    return [i for i in items if isinstance(i, ReadError)]


@pytest.mark.parametrize("name", ["empty.txt", "empty.jsonl", "empty.html", "empty.rss", "empty.warc"])
def test_empty_file(tmp_path: Path, good: tuple[Path, Path], name: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(b"")
    (error,) = read_between(good, bad)
    assert isinstance(error, EmptyInput)
    assert (error.where, error.reason) == (str(bad), "file is empty")


@pytest.mark.parametrize("name", ["blob.txt", "blob.html", "blob.rss"])
def test_binary_file(tmp_path: Path, good: tuple[Path, Path], name: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    (error,) = read_between(good, bad)
    assert isinstance(error, NotText)
    assert (error.where, error.reason) == (str(bad), "binary content (NUL bytes)")


def test_invalid_utf8_text_names_the_byte(tmp_path: Path, good: tuple[Path, Path]) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("date 2023-01-01 Talks in Montréal ended.".encode("latin-1"))
    (error,) = read_between(good, bad)
    assert isinstance(error, NotText)
    assert (error.where, error.reason) == (str(bad), "not valid UTF-8 at byte 30")


def test_invalid_utf8_jsonl_line_names_line_and_file_byte(tmp_path: Path, good: tuple[Path, Path]) -> None:
    bad = tmp_path / "mixed.jsonl"
    first = json.dumps({"id": "ok", "date": "2023-01-01", "text": "Fine."}).encode() + b"\n"
    second = b'{"id": "x", "date": "2023-01-01", "text": "Montr\xe9al"}\n'
    bad.write_bytes(first + second)
    errors = read_between(good, bad)
    assert [type(e) for e in errors] == [NotText]
    assert errors[0].where == f"{bad}:2"
    bad_byte = len(first) + second.index(b"\xe9")
    assert errors[0].reason == f"line 2 is not valid UTF-8 at byte {bad_byte}"


@pytest.mark.parametrize(
    ("first_line", "reason"),
    [("date 2022-13-45 The convoy crossed the border.", "date 2022-13-45 is impossible"),
     ("date\nThe convoy crossed the border.", "the date line has no date after 'date'")],
)
def test_bad_date_in_dated_text(tmp_path: Path, good: tuple[Path, Path], first_line: str, reason: str) -> None:
    bad = tmp_path / "convoy.txt"
    bad.write_text(first_line)
    (error,) = read_between(good, bad)
    assert isinstance(error, BadDate)
    assert (error.where, error.reason) == (f"{bad}:1", reason)


@pytest.mark.parametrize(
    ("line", "error_type", "reason"),
    [
        ('["not", "an", "object"]', BadRecord, "line 2 is not a JSON object"),
        ('{"id": "x", "date": "2023-01-01"}', BadRecord, "line 2 lacks the required field 'text'"),
        ('{"id": "x", "text": "Words."}', BadDate, "line 2 lacks the required field 'date'"),
        ('{"id": "x", "date": "2022-13-45", "text": "Words."}', BadDate, "line 2: date 2022-13-45 is impossible"),
        ('{"id": "x", "date": "soon", "text": "Words."}', BadDate, "line 2: date 'soon' is not in YYYY-MM-DD form"),
        ('{"id": "x", "date": "2023-01-01", "text": ""}', EmptyInput, "line 2 has an empty 'text'"),
        ('{"id": "x", "date": "2023-01-01", "text": "W", "title": 5}', BadRecord, "line 2: 'title' must be a string"),
        ('{"id": "x", "date": ', BadRecord, "line 2 is not valid JSON: Expecting value (column 21)"),
    ],
)
def test_bad_jsonl_line_and_the_lines_after_it(
    tmp_path: Path, good: tuple[Path, Path], line: str, error_type: type[ReadError], reason: str
) -> None:
    bad = tmp_path / "feed.jsonl"
    ok = json.dumps({"id": "fine", "date": "2023-01-01", "text": "Fine."})
    bad.write_text(f"{ok}\n{line}\n{ok.replace('fine', 'fine2')}\n")
    items = list(read_documents([good[0], bad, good[1]]))
    assert [i.id if isinstance(i, Document) else type(i) for i in items] == [
        "before", "fine", error_type, "fine2", "after"]
    error = items[2]
    assert isinstance(error, ReadError)
    assert (error.where, error.reason) == (f"{bad}:2", reason)


def test_broken_html(tmp_path: Path, good: tuple[Path, Path]) -> None:
    bad = tmp_path / "broken.html"
    bad.write_text("<html><body><div><span></div></table></tr>")
    (error,) = read_between(good, bad, date=dt.date(2023, 1, 1))
    assert isinstance(error, BadMarkup)
    assert (error.where, error.reason) == (str(bad), "no article text found in the page")


def test_broken_xml_feed(tmp_path: Path, good: tuple[Path, Path]) -> None:
    bad = tmp_path / "broken.rss"
    bad.write_text('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>x</title>\n<titl & >>>')
    (error,) = read_between(good, bad)
    assert isinstance(error, BadMarkup)
    assert error.where == str(bad)
    assert error.reason.startswith("the feed is not well-formed XML at line 3:")


def test_feed_cut_short_keeps_recovered_entries_and_reports_the_break(tmp_path: Path, good: tuple[Path, Path]) -> None:
    full = rss([{"title": "A", "link": "https://courier.example/a", "pubDate": "Sun, 05 Mar 2023 09:30:00 GMT",
                 "description": RADAR[0]}])
    bad = tmp_path / "cut.rss"
    bad.write_bytes(full[: full.index(b"</channel>")])
    items = list(read_documents([bad]))
    assert isinstance(items[0], Document) and items[0].text == RADAR[0]
    assert isinstance(items[-1], BadMarkup)
    assert items[-1].reason.endswith("1 entry before it recovered")


def test_truncated_warc(tmp_path: Path, good: tuple[Path, Path]) -> None:
    data = warc([
        ("https://courier.example/radar.html", html_page("Radar", RADAR, published="2023-03-05").encode(), "text/html"),
        ("https://courier.example/drones.html", html_page("Drones", DRONES, published="2023-03-06").encode(), "text/html"),
    ], gzip=False)
    bad = tmp_path / "crawl.warc"
    bad.write_bytes(data[: len(data) - 300])
    items = list(read_documents([good[0], bad, good[1]]))
    assert [i.id if isinstance(i, Document) else type(i) for i in items] == [
        "before", "https://courier.example/radar.html", Truncated, "after"]
    error = items[2]
    assert isinstance(error, Truncated) and error.where == f"{bad}#4"
    assert error.reason.startswith("record 4 ends early:")


def test_truncated_gzip_keeps_the_lines_before_the_cut(tmp_path: Path, good: tuple[Path, Path]) -> None:
    lines = "".join(
        json.dumps({"id": f"n{i}", "date": "2023-01-01", "text": f"Report number {i} on the air base."}) + "\n"
        for i in range(50)
    )
    data = gzip.compress(lines.encode())
    bad = tmp_path / "feed.jsonl.gz"
    bad.write_bytes(data[: len(data) - 12])
    items = list(read_documents([good[0], bad, good[1]]))
    assert items[0].id == "before" and items[-1].id == "after"  # type: ignore[union-attr]
    errors = [i for i in items if isinstance(i, ReadError)]
    assert len(errors) == 1 and isinstance(errors[0], Truncated)
    assert (errors[0].where, errors[0].reason) == (str(bad), "gzip stream ends early")
    assert sum(isinstance(i, Document) for i in items) >= 2 + 40


def test_100_mb_article_is_refused_without_being_read(tmp_path: Path, good: tuple[Path, Path]) -> None:
    bad = tmp_path / "huge.txt"
    with bad.open("wb") as f:
        f.write(b"date 2023-01-01 A very long article.")
        f.truncate(100 * 1024 * 1024)  # sparse: costs no disk and no time
    tracemalloc.start()
    try:
        (error,) = read_between(good, bad)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(error, TooLarge)
    assert (error.where, error.reason) == (str(bad), "article is 104857600 bytes, over the 10485760-byte cap")
    assert MAX_ARTICLE_BYTES == 10 * 1024 * 1024
    assert peak < 5 * 1024 * 1024


def test_oversized_gzipped_article_stops_at_the_cap(tmp_path: Path, good: tuple[Path, Path]) -> None:
    bad = tmp_path / "bomb.txt.gz"
    bad.write_bytes(gzip.compress(b"date 2023-01-01 " + b"words " * 2000))
    (error,) = read_between(good, bad, max_bytes=1000)
    assert isinstance(error, TooLarge)
    assert (error.where, error.reason) == (str(bad), "article is over the 1000-byte cap (stopped reading there)")


def test_oversized_jsonl_line_is_skipped_alone(tmp_path: Path) -> None:
    bad = tmp_path / "long.jsonl"
    row = {"id": "a", "date": "2023-01-01", "text": "Short."}
    long_row = {**row, "id": "b", "text": "x" * 5000}
    bad.write_text("\n".join(json.dumps(r) for r in (row, long_row, {**row, "id": "c"})) + "\n")
    items = list(read_documents([bad], max_bytes=1000))
    assert [i.id if isinstance(i, Document) else type(i) for i in items] == ["a", TooLarge, "c"]
    assert (items[1].where, items[1].reason) == (f"{bad}:2", "line 2 is over the 1000-byte cap")  # type: ignore[union-attr]


def test_gz_name_without_gzip_content(tmp_path: Path, good: tuple[Path, Path]) -> None:
    bad = tmp_path / "fake.txt.gz"
    bad.write_text("date 2023-01-01 Not compressed at all.")
    (error,) = read_between(good, bad)
    assert error.where == str(bad)
    assert error.reason == "the name ends in .gz but the content is not gzip data"
