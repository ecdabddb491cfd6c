"""No input, however mangled, makes a reader raise: it yields Documents and ReadErrors only."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import tempfile
from pathlib import Path

from fixtures_ingest.builders import DRONES, RADAR, atom, html_page, rss, warc
from fixtures_ingest.fuzz import mutate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from entente.errors import ReadError
from entente.ingest import read_documents
from entente.model import Document

_JSONL = "".join(
    json.dumps({"id": f"r{i}", "date": f"2023-03-0{i}", "text": text}) + "\n" for i, text in enumerate(RADAR, 1)
).encode()
VALID: dict[str, bytes] = {
    "a.txt": ("date 2023-03-05 " + " ".join(RADAR)).encode(),
    "plain.txt": " ".join(DRONES).encode(),
    "a.jsonl": _JSONL,
    "a.jsonl.gz": gzip.compress(_JSONL),
    "a.html": html_page("Radar", RADAR, published="2023-03-05").encode(),
    "a.rss": rss([{"title": "Drones", "link": "https://courier.example/d", "pubDate": "Mon, 06 Mar 2023 10:00:00 GMT",
                   "description": DRONES[0]}]),
    "a.atom": atom([{"id": "tag:c,2023:r", "title": "R", "link": "https://courier.example/r",
                     "updated": "2023-03-05T09:30:00Z", "content": f"<p>{RADAR[0]}</p>"}]),
    "a.warc.gz": warc([("https://courier.example/r.html", html_page("R", RADAR).encode(), "text/html")]),
    "a.warc": warc([("https://courier.example/r.html", html_page("R", RADAR).encode(), "text/html")], gzip=False),
    "unknown": b"date 2023-03-05 Sniffed.",
}
NAMES = sorted(VALID)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_all(name: str, data: bytes) -> list[object]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        return list(read_documents([path], date=dt.date(2023, 1, 1), max_bytes=1 << 20))


def assert_only_values(items: list[object]) -> None:
    assert all(isinstance(item, Document | ReadError) for item in items)
    for item in items:
        if isinstance(item, ReadError):
            assert item.where and item.reason


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    """A valid input of some format with bytes flipped, cut off or inserted."""
    name = draw(st.sampled_from(NAMES))
    return name, mutate(draw, bytearray(VALID[name]))


@SETTINGS
@given(name=st.sampled_from(NAMES), data=st.binary(max_size=2048))
def test_random_bytes_never_raise(name: str, data: bytes) -> None:
    assert_only_values(read_all(name, data))


@SETTINGS
@given(case=mutated())
def test_mutated_valid_inputs_never_raise(case: tuple[str, bytes]) -> None:
    assert_only_values(read_all(*case))


def test_unmutated_inputs_all_give_documents() -> None:
    """The seeds of the mutations are sound, so the properties above start from valid input."""
    for name in NAMES:
        items = read_all(name, VALID[name])
        assert items and all(isinstance(i, Document) for i in items), (name, items)
