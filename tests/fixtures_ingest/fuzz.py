"""Hostile inputs for every reader and the whole extract path, and a harness that counts what they do.

Shared by the bounded fuzz test in CI (``tests/test_fuzz.py``) and ``make fuzz``
(``tools/fuzz.py``, 10,000 inputs and more). An input is one file in one of
the formats entente reads, built from news-style sentences written here and
then made hostile: lone surrogates and NUL as JSON escapes, ids of thousands
of digits, dates at the calendar's edges with relative time expressions, Rich
and HTML markup, unpunctuated runs, links to local files, bytes flipped, cut
or inserted. ``run_input`` reads and extracts it exactly as ``entente extract``
does and reports what came out; an exception escaping is the one failure.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from fixtures_ingest.builders import arc, atom, html_page, rss, warc, warc_records
from hypothesis import strategies as st

from entente import api
from entente.errors import ReadError
from entente.ingest import read_documents
from entente.model import Document

STATES = ["Iran", "Russia", "North Korea", "Belarus", "China", "Syria", "Tehran", "Moscow", "Pyongyang", "Turkey"]
VERBS = ["supplied", "shipped", "delivered", "will send", "agreed to sell", "denied supplying", "plans to transfer",
         "is expected to provide", "trained crews for", "offered"]
ITEMS = ["Shahed-136 drones", "S-400 systems", "artillery shells", "Su-35 fighter jets", "ballistic missiles",
         "radar units", "attack helicopters", "air defence systems"]
TIMES = ["", "last week", "two weeks ago", "next year", "in the coming months", "last year", "in 2019",
         "within the next two years", "on Monday", "earlier this month", "by the end of the year", "since 2015"]
HOSTILE = ["[/x]", "[bold]", "[/red]", "<script>alert(1)</script>", "\\ud800", "\\udfff", "\\u0000", "'; DROP TABLE",
           "\u202e", "\U0001f680", "&amp;", "%2F..%2F", "../../etc/passwd", "file:///etc/passwd"]
EDGE_DATES = ["0001-01-01", "0001-01-05", "0001-12-31", "9999-01-01", "9999-12-31", "2023-03-05", "2022-02-28",
              "2024-02-29", "2023-02-30", "0000-01-01", "10000-01-01", "2023-13-01", "", "2023-03-05T10:00:00Z"]
HUGE_NUMBER = "<a JSON number of 5,000 digits>"
FORMATS = ["jsonl", "jsonl.gz", "txt", "html", "rss", "atom", "warc.gz", "warc", "arc", "noext"]


@st.composite
def sentence(draw: st.DrawFn) -> str:
    provider, recipient = draw(st.sampled_from(STATES)), draw(st.sampled_from(STATES))
    when = draw(st.sampled_from(TIMES))
    words = [provider, draw(st.sampled_from(VERBS)), draw(st.sampled_from(ITEMS)), "to", recipient]
    if when:
        words.insert(0, when.capitalize() + ",") if draw(st.booleans()) else words.append(when)
    if draw(st.integers(0, 4)) == 0:
        words.insert(draw(st.integers(0, len(words))), draw(st.sampled_from(HOSTILE)))
    end = draw(st.sampled_from([".", ".", ".", "", "!", " officials said.", ", according to reports."]))
    return " ".join(words) + end


@st.composite
def article_text(draw: st.DrawFn) -> str:
    """A few sentences, sometimes with hostile pieces, sometimes an unpunctuated run of a few thousand characters."""
    parts = draw(st.lists(sentence(), min_size=1, max_size=6))
    if draw(st.integers(0, 9)) == 0:
        parts.append(" ".join(draw(st.sampled_from(STATES + ITEMS + VERBS)) for _ in range(draw(st.integers(50, 400)))))
    if draw(st.integers(0, 5)) == 0:
        parts.append(draw(st.text(max_size=200)))
    return draw(st.sampled_from([" ", "\n\n", "\n"])).join(parts)


@st.composite
def record_id(draw: st.DrawFn) -> object:
    return draw(st.one_of(
        st.text(min_size=1, max_size=40),
        st.sampled_from(HOSTILE),
        st.just("a/b/c"),
        st.integers(),
        st.just(HUGE_NUMBER),
        st.text(alphabet="ab/", min_size=300, max_size=600),
        st.none(),
    ))


def _escape_hostile(line: str) -> str:
    """Undo json.dumps's escaping of our backslash escapes, so ``\\ud800`` reaches the reader as a JSON escape."""
    return line.replace("\\\\ud800", "\\ud800").replace("\\\\udfff", "\\udfff").replace("\\\\u0000", "\\u0000")


def _json_value(value: object) -> str:
    if value == HUGE_NUMBER:
        return "9" * 5000  # a number of more digits than Python converts by default
    return json.dumps(value)


@st.composite
def jsonl_bytes(draw: st.DrawFn) -> bytes:
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        fields = {
            "id": _json_value(draw(record_id())),
            "date": json.dumps(draw(st.one_of(st.sampled_from(EDGE_DATES), st.integers(), st.none()))),
            "text": json.dumps(draw(st.one_of(article_text(), article_text(), st.integers(), st.just("   ")))),
        }
        if draw(st.booleans()):
            fields["title"] = json.dumps(draw(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=30))))
        if draw(st.booleans()):
            fields["url"] = json.dumps(draw(st.sampled_from(HOSTILE + ["https://courier.example/news/1"])))
        kept = {k: v for k, v in fields.items() if draw(st.integers(0, 11)) != 0}  # sometimes a field is missing
        line = "{" + ", ".join(f'"{k}": {v}' for k, v in kept.items()) + "}"
        lines.append(_escape_hostile(line))
    if draw(st.integers(0, 7)) == 0:
        lines.append(draw(st.sampled_from(["[1, 2]", "{", "null", '"text"', "[" * 3000, "{}"])))
    return ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")


def _page(draw: st.DrawFn, text: str) -> bytes:
    published = draw(st.sampled_from(EDGE_DATES + [None]))  # type: ignore[operator]
    return html_page(draw(st.sampled_from(["Report", "[/x]", "<b>x</b>"])), text.split("\n"),
                     published=published).encode("utf-8", "replace")


@st.composite
def file_input(draw: st.DrawFn) -> tuple[str, bytes]:
    """(file name, bytes) of one input in one format, perhaps mutated."""
    kind = draw(st.sampled_from(FORMATS))
    text = draw(article_text())
    date = draw(st.sampled_from(EDGE_DATES))
    link = draw(st.sampled_from(["https://courier.example/news/123", "https://courier.example/story/123",
                                 "../secret.html", "/etc/hostname", "file:///etc/hostname", ""]))
    entry = {"title": draw(st.sampled_from(["Drones", "[/x]", "<i>t</i>"])), "link": link,
             "pubDate": "Sun, 05 Mar 2023 09:30:00 GMT"}
    if draw(st.booleans()):
        entry["description"] = text
    data: bytes
    if kind in ("jsonl", "jsonl.gz"):
        data = draw(jsonl_bytes())
        data = gzip.compress(data) if kind == "jsonl.gz" else data
    elif kind in ("txt", "noext"):
        data = (f"date {date}\n{text}" if draw(st.booleans()) else text).encode("utf-8", "replace")
    elif kind == "html":
        data = _page(draw, text)
    elif kind == "rss":
        data = rss([entry, {**entry, "description": text}])
    elif kind == "atom":
        data = atom([{"id": link or "tag:x", "title": "t", "link": link, "updated": "2023-03-05T09:30:00Z",
                      "content": text}])
    elif kind == "arc":
        data = arc([(link or "http://courier.example/a", _page(draw, text), "text/html")], gzip=draw(st.booleans()))
    elif draw(st.booleans()):
        data = warc([(link or "https://courier.example/a", _page(draw, text), "text/html")], gzip=kind == "warc.gz")
    else:
        data = warc_records([
            {"uri": "https://courier.example/old", "status": "301 Moved Permanently",
             "headers": [("Location", "https://courier.example/new"), ("Content-Type", "text/html")]},
            {"uri": link or "https://courier.example/r", "type": "resource", "content_type": "text/html",
             "body": _page(draw, text)},
        ], gzip=kind == "warc.gz")
    if draw(st.integers(0, 3)) == 0:
        data = mutate(draw, bytearray(data))
    return f"input.{kind}" if kind != "noext" else "input", data


def mutate(draw: st.DrawFn, data: bytearray) -> bytes:
    """``data`` with one to four bytes flipped, cuts or insertions."""
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "truncate", "insert"]))
        # a position as a fraction of the length: a WARC's length varies with its random record ids,
        # and hypothesis needs the same draws for the same input
        at = draw(st.integers(0, 999)) * len(data) // 1000
        if op == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif op == "truncate":
            del data[at:]
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
    return bytes(data)


@dataclass
class Tally:
    """What a fuzz run did: inputs, errors reported (E-codes), exceptions escaped, the slowest input."""

    inputs: int = 0
    documents: int = 0
    errors: int = 0
    codes: dict[str, int] = field(default_factory=dict)
    escaped: list[str] = field(default_factory=list)
    slowest: float = 0.0  # seconds per 10,000 characters of input
    slowest_input: tuple[str, int] = ("", 0)
    slowest_head: bytes = b""  # its first bytes, to find it again

    def summary(self) -> str:
        codes = ", ".join(f"{code} {n}" for code, n in sorted(self.codes.items()))
        name, size = self.slowest_input
        return (f"inputs tried: {self.inputs}\narticles extracted: {self.documents}\n"
                f"errors reported: {self.errors} ({codes})\nexceptions escaped: {len(self.escaped)}\n"
                f"slowest input: {self.slowest:.3f} s per 10k characters ({name}, {size} bytes, "
                f"starting {self.slowest_head[:60]!r})")


def run_input(name: str, data: bytes, tally: Tally, *, extract: bool = True) -> None:
    """Read and extract one input as ``entente extract`` does; count what comes out, catch what escapes.

    ``extract=False`` only reads (the readers alone, many times faster).
    """
    tally.inputs += 1
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        started = time.perf_counter()
        try:
            results = (api.extract_paths([str(path)], date=dt.date(2023, 3, 1)) if extract
                       else ((d, []) if isinstance(d, Document) else d for d in read_documents([path], date=dt.date(2023, 3, 1))))
            for result in results:
                if isinstance(result, ReadError):
                    tally.errors += 1
                    tally.codes[result.code] = tally.codes.get(result.code, 0) + 1
                    str(result).encode("utf-8")  # every message must print
                else:
                    tally.documents += 1
                    for claim in result[1]:
                        json.dumps(claim.to_dict(), ensure_ascii=False).encode("utf-8")
        except Exception:  # noqa: BLE001 - the one failure a fuzz run looks for
            tally.escaped.append(f"{name} ({len(data)} bytes): {traceback.format_exc(limit=3)}")
        elapsed = time.perf_counter() - started
    per_10k = elapsed / max(len(data), 1_000) * 10_000  # tiny inputs are timed as if 1,000 characters
    if per_10k > tally.slowest:
        tally.slowest, tally.slowest_input, tally.slowest_head = per_10k, (name, len(data)), data[:200]


def warm_up_inputs() -> list[tuple[str, bytes]]:
    """One valid input of every format (to load what each reader loads on its first call)."""
    text = "Iran supplied Shahed-136 drones to Russia last week, officials said."
    page = html_page("Drones", [text], published="2023-03-05").encode()
    entry = {"title": "Drones", "link": "https://courier.example/d", "pubDate": "Sun, 05 Mar 2023 09:30:00 GMT",
             "description": text}
    line = json.dumps({"id": "w", "date": "2023-03-05", "text": text}) + "\n"
    return [
        ("w.jsonl", line.encode()), ("w.jsonl.gz", gzip.compress(line.encode())),
        ("w.txt", f"date 2023-03-05\n{text}".encode()), ("w.html", page), ("w.rss", rss([entry])),
        ("w.atom", atom([{"id": "tag:w", "title": "t", "link": "https://courier.example/d",
                          "updated": "2023-03-05T09:30:00Z", "content": text}])),
        ("w.warc.gz", warc([("https://courier.example/d", page, "text/html")])),
        ("w.arc", arc([("http://courier.example/d", page, "text/html")])),
    ]
