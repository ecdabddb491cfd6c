"""JSON Lines articles, from files, gzip and standard input."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from entente.errors import BadDate, BadRecord
from entente.ingest import read_documents
from entente.model import Document

GOLD_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"

ROWS = [
    {"id": "k1", "date": "2023-04-11", "text": "Seoul said it would not send lethal arms to Kyiv.",
     "title": "Seoul rules out arms", "url": "https://courier.example/k1", "source": "Courier"},
    {"id": "k2", "date": "2023-04-12T08:15:00Z", "text": "Two transport planes landed in Tehran.",
     "claims": [{"ignored": True}]},
]


def jsonl(rows: list[object]) -> str:
    return "".join(json.dumps(row) + "\n" for row in rows)


def test_rows_become_documents_with_optional_fields(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(jsonl(ROWS), encoding="utf-8")
    first, second = list(read_documents([path]))
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.id, first.date, first.title, first.url, first.source) == (
        "k1", dt.date(2023, 4, 11), "Seoul rules out arms", "https://courier.example/k1", "Courier")
    assert first.origin == f"{path}:1"
    assert (second.id, second.date, second.title) == ("k2", dt.date(2023, 4, 12), None)


def test_ndjson_and_gzipped_jsonl_read_the_same(tmp_path: Path) -> None:
    (tmp_path / "a.ndjson").write_text(jsonl(ROWS), encoding="utf-8")
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(jsonl(ROWS).encode()))
    ids = [d.id for d in read_documents([tmp_path / "a.ndjson", tmp_path / "b.jsonl.gz"])]  # type: ignore[union-attr]
    assert ids == ["k1", "k2", "k1", "k2"]


def test_dash_reads_jsonl_from_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(jsonl(ROWS).encode())))
    items = list(read_documents(["-"]))
    assert [d.id for d in items] == ["k1", "k2"]  # type: ignore[union-attr]
    assert items[0].origin == "<stdin>:1"  # type: ignore[union-attr]


def test_blank_lines_are_skipped_but_counted(tmp_path: Path) -> None:
    path = tmp_path / "gaps.jsonl"
    path.write_text("\n" + json.dumps(ROWS[0]) + "\n\n[1, 2]\n", encoding="utf-8")
    doc, error = list(read_documents([path]))
    assert isinstance(doc, Document) and doc.origin == f"{path}:2"
    assert isinstance(error, BadRecord) and error.where == f"{path}:4"


def test_missing_and_impossible_dates_are_bad_dates(tmp_path: Path) -> None:
    path = tmp_path / "dates.jsonl"
    rows = [ROWS[0], {"id": "x", "text": "No date here."}, {"id": "y", "date": "2022-02-30", "text": "Leap."}]
    path.write_text(jsonl(rows), encoding="utf-8")
    doc, missing, impossible = list(read_documents([path]))
    assert isinstance(doc, Document)
    assert isinstance(missing, BadDate) and missing.reason == "line 2 lacks the required field 'date'"
    assert isinstance(impossible, BadDate)
    assert (impossible.where, impossible.reason) == (f"{path}:3", "line 3: date 2022-02-30 is impossible")


@pytest.mark.skipif(not GOLD_DIR.exists(), reason="shared gold not present")
def test_gold_files_read_as_input_with_text_unchanged() -> None:
    expected = {}
    for path in sorted(GOLD_DIR.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            expected[row["id"]] = row["text"]
    docs = list(read_documents([GOLD_DIR]))
    assert all(isinstance(d, Document) for d in docs)
    assert {d.id: d.text for d in docs} == expected  # type: ignore[union-attr]
