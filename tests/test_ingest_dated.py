"""Dated and plain text articles."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from entente.errors import BadDate
from entente.ingest import read_documents
from entente.model import Document

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_1222f815f6358394.txt"
SEED_GOLD = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev" / "seed.jsonl"

BODY = (
    "Defence officials in Yerevan said on Tuesday that a batch of armoured personnel carriers "
    "had arrived from abroad.\nThe ministry gave no figure for the number of vehicles."
)


def only_doc(path: Path, **kw: object) -> Document:
    (item,) = list(read_documents([path], **kw))  # type: ignore[arg-type]
    assert isinstance(item, Document), item
    return item


@pytest.mark.skipif(not SEED.exists() or not SEED_GOLD.exists(), reason="shared seed not present")
def test_seed_body_equals_gold_text_byte_for_byte() -> None:
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8").splitlines()[0])
    doc = only_doc(SEED)
    assert doc.id == gold["id"] == "000_1222f815f6358394"
    assert doc.date == dt.date.fromisoformat(gold["date"])
    assert doc.text == gold["text"]
    assert doc.date_assumed is False


def test_body_on_the_date_line_loses_only_the_separator(tmp_path: Path) -> None:
    path = tmp_path / "a1.txt"
    path.write_text(f" date 2023-05-02 {BODY}\n", encoding="utf-8")
    doc = only_doc(path)
    assert (doc.id, doc.date, doc.text) == ("a1", dt.date(2023, 5, 2), BODY)


def test_body_on_the_next_line_starts_at_its_first_word(tmp_path: Path) -> None:
    path = tmp_path / "a2.txt"
    path.write_text(f"date 2023-05-02\n{BODY}\n\n", encoding="utf-8")
    assert only_doc(path).text == BODY


def test_crlf_line_ends_become_lf(tmp_path: Path) -> None:
    path = tmp_path / "a3.txt"
    path.write_bytes(f"date 2023-05-02\r\n{BODY}".replace("\n", "\r\n").encode())
    assert only_doc(path).text == BODY


def test_plain_text_takes_the_given_date(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text(BODY, encoding="utf-8")
    doc = only_doc(path, date=dt.date(2021, 1, 4))
    assert (doc.date, doc.date_assumed) == (dt.date(2021, 1, 4), False)


def test_plain_text_without_date_falls_back_to_mtime_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text(BODY, encoding="utf-8")
    stamp = dt.datetime(2020, 7, 15, 12, 0).timestamp()
    os.utime(path, (stamp, stamp))
    doc = only_doc(path)
    assert (doc.date, doc.date_assumed, doc.text) == (dt.date(2020, 7, 15), True, BODY)


def test_prose_starting_with_the_word_date_is_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "palms.txt"
    path.write_text("date palms line the road to the airbase, where the jets landed.", encoding="utf-8")
    doc = only_doc(path, date=dt.date(2022, 3, 1))
    assert doc.text.startswith("date palms")


@pytest.mark.parametrize(
    ("first_line", "reason"),
    [
        ("date 2022-13-45 Body text.", "date 2022-13-45 is impossible"),
        ("date 2022-02-30 Body text.", "date 2022-02-30 is impossible"),
        ("date 2022-1-5 Body text.", "date '2022-1-5' is not in YYYY-MM-DD form"),
        ("date\nBody text.", "the date line has no date after 'date'"),
    ],
)
def test_bad_date_line_is_reported_on_line_one(tmp_path: Path, first_line: str, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(first_line, encoding="utf-8")
    (item,) = list(read_documents([path]))
    assert isinstance(item, BadDate)
    assert (item.where, item.reason) == (f"{path}:1", reason)
