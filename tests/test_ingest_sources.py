"""Finding the files: directories, globs, format sniffing, missing paths."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

from entente.errors import UnknownFormat, Unreadable
from entente.ingest import read_documents
from entente.model import Document

ROW = {"id": "j1", "date": "2023-02-01", "text": "Cairo ordered twelve patrol boats."}


def test_directory_is_walked_recursively_in_sorted_order_skipping_unknown_and_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("date 2023-01-03 Third by path.")
    (tmp_path / "a.txt").write_text("date 2023-01-01 First by path.")
    (tmp_path / "a2.txt.gz").write_bytes(gzip.compress(b"date 2023-01-02 Second by path."))
    (tmp_path / "README.md").write_text("Not an article.")
    (tmp_path / ".hidden.txt").write_text("date 2023-01-09 Hidden.")
    items = list(read_documents([tmp_path]))
    assert [(d.id, d.text) for d in items] == [  # type: ignore[union-attr]
        ("a", "First by path."), ("a2", "Second by path."), ("z", "Third by path.")]


def test_glob_matches_in_sorted_order(tmp_path: Path) -> None:
    for name in ("2.jsonl", "1.jsonl"):
        (tmp_path / name).write_text(json.dumps({**ROW, "id": name}) + "\n")
    items = list(read_documents([str(tmp_path / "*.jsonl")]))
    assert [d.id for d in items] == ["1.jsonl", "2.jsonl"]  # type: ignore[union-attr]


def test_missing_path_and_empty_glob_are_reported_and_the_rest_read(tmp_path: Path) -> None:
    good = tmp_path / "ok.txt"
    good.write_text("date 2023-01-01 Still read.")
    missing, empty_glob, doc = list(read_documents([tmp_path / "gone.txt", str(tmp_path / "*.warc"), good]))
    assert isinstance(missing, Unreadable) and missing.reason == "no such file or directory"
    assert isinstance(empty_glob, Unreadable) and empty_glob.reason == "no file matches the pattern"
    assert isinstance(doc, Document)


def test_content_decides_when_the_extension_says_nothing(tmp_path: Path) -> None:
    (tmp_path / "dump.data").write_text(json.dumps(ROW) + "\n")
    (tmp_path / "article").write_text("Plain words with no date line.")
    (tmp_path / "dated.md").write_text("date 2023-03-01 A dated note.")
    jsonl, plain, dated = list(read_documents(
        [tmp_path / "dump.data", tmp_path / "article", tmp_path / "dated.md"], date=dt.date(2023, 1, 1)))
    assert isinstance(jsonl, Document) and jsonl.id == "j1"
    assert isinstance(plain, Document) and plain.id == "article"
    assert isinstance(dated, Document) and dated.date == dt.date(2023, 3, 1)


def test_unrecognised_file_is_unknown_format(tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text("a,b\n1,2\n")
    (error,) = list(read_documents([path]))
    assert isinstance(error, UnknownFormat)
    assert (error.where, error.reason) == (str(path), "unknown file type '.csv' and the content is not recognised")


def test_xml_that_is_not_a_feed_is_unknown_format(tmp_path: Path) -> None:
    path = tmp_path / "config.xml"
    path.write_text('<?xml version="1.0"?><settings><colour>blue</colour></settings>')
    (error,) = list(read_documents([path]))
    assert isinstance(error, UnknownFormat) and error.where == str(path)
