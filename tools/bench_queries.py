"""Time every CLI listing and web page of a large store, as a user meets them: whole commands, HTTP requests.

    PYTHONPATH=src .venv/bin/python tools/make_big_store.py /tmp/big.db --claims 100000
    PYTHONPATH=src .venv/bin/python tools/bench_queries.py /tmp/big.db
    PYTHONPATH=src .venv/bin/python tools/bench_queries.py /tmp/big.db --only tracker   # those rows only

Each CLI row is one ``python -m entente ...`` process (start-up included) with
its output read to the end; each web row one GET to an ``entente serve`` on a
loopback port (the server started once, not timed), body read to the end.
Prints a Markdown table: seconds (median of ``--repeat``), rows (output lines,
or the JSON list's length), bytes and peak memory of CLI processes. A store
from ``make_big_store.py`` is GENERATED: say so beside any figure from it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa

ENTENTE = [sys.executable, "-m", "entente"]


def largest(db: Path) -> tuple[str, str, str]:
    """The relation with most claims, the pair with most claims, and a document id of that relation."""
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        rid = conn.execute(sa.text("SELECT id FROM relations ORDER BY n_claims DESC LIMIT 1")).scalar_one()
        a, b = conn.execute(sa.text(
            "SELECT provider, recipient FROM claims GROUP BY provider, recipient ORDER BY count(*) DESC LIMIT 1")).one()
        doc = conn.execute(sa.text("SELECT doc_id FROM claims WHERE relation_id = :r LIMIT 1"), {"r": rid}).scalar_one()
    engine.dispose()
    return rid, f"{a} {b}", doc


def cli_commands(rid: str, pair: str) -> list[str]:
    return [
        "relations",
        "relations --limit 0",
        "relations --limit 0 -f jsonl",
        "relations --recipient IRN --status confirmed",
        "relations --item s-400 --order recent",
        "relations --text drone",
        "relations --offset 16000",
        f"timeline {pair}",
        f"timeline {pair} --limit 0",
        f"timeline {pair} --limit 0 -f jsonl",
        f"show {rid}",
        f"show {rid} --limit 0 -f csv",
        "stats",
        "tracker IRN",
        "tracker --provider CHN",
        "tracker IRN -f csv",
        "tracker IRN -f jsonl",
        "tracker IRN --xlsx /tmp/bench-tracker.xlsx",
        "export -f jsonl --rows relations",
        "export -f graphml",
        "export -f csv",
    ]


def web_paths(rid: str, doc: str) -> list[str]:
    return [
        "/", "/api/graph", "/?relations=1200", "/api/relations", "/api/relations?recipient=IRN&status=confirmed",
        "/api/relations?limit=1000&offset=15000", f"/relations/{rid}",
        f"/api/relations/{rid}", "/search?q=drone", "/tracker/IRN", "/tracker/CHN?view=provider", "/tracker/IRN/export.csv",
        "/tracker/IRN/export.xlsx", "/api/tracker/IRN", f"/documents/{doc}",
    ]


def run_cli(command: str, db: Path) -> tuple[float, int, int, int]:
    env = {**os.environ, "COLUMNS": "200"}
    start = time.perf_counter()
    proc = subprocess.run([*ENTENTE, *command.split(), "--db", str(db)], capture_output=True, env=env, check=False)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{command}: exit {proc.returncode}: {proc.stderr.decode()[-500:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024  # the largest child so far, MiB
    return seconds, proc.stdout.count(b"\n"), len(proc.stdout), peak


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def served(db: Path) -> Iterator[str]:
    port = _free_port()
    server = subprocess.Popen([*ENTENTE, "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/static/style.css", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def _rows(body: bytes) -> int:
    try:
        data: Any = json.loads(body)
    except ValueError:
        return body.count(b"<tr") + body.count(b'<li class="claim"')  # table rows and sentences of a page
    for key in ("relations", "nodes", "claims", "records"):
        if isinstance(data, dict) and isinstance(data.get(key), list):
            return len(data[key])
    return 1


def get(url: str) -> tuple[float, int, int, int]:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as answer:
        body = answer.read()
    return time.perf_counter() - start, _rows(body), len(body), 0


def median_of(repeat: int, measure: Callable[[], tuple[float, int, int, int]]) -> tuple[float, int, int, int]:
    runs = [measure() for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), runs[-1][1], runs[-1][2], max(r[3] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="", help="time only the commands and paths containing this text")
    args = parser.parse_args()
    rid, pair, doc = largest(args.db)
    print(f"store {args.db} (GENERATED by tools/make_big_store.py unless you made it otherwise); "
          f"median of {args.repeat}; load average {os.getloadavg()[0]:.1f} at the start")
    print("\n| what | seconds | rows | bytes | peak MiB |\n| --- | --- | --- | --- | --- |")
    for command in [c for c in cli_commands(rid, pair) if args.only in c]:
        seconds, rows, size, peak = median_of(args.repeat, lambda c=command: run_cli(c, args.db))
        print(f"| `entente {command}` | {seconds:.2f} | {rows:,} | {size:,} | {peak} |", flush=True)
    with served(args.db) as base:
        get(base + "/")  # the first request loads the templates and the gazetteer: not a page's cost
        for path in [p for p in web_paths(rid, doc) if args.only in p]:
            seconds, rows, size, _ = median_of(args.repeat, lambda p=path: get(base + p))
            print(f"| `GET {path}` | {seconds:.2f} | {rows:,} | {size:,} | |", flush=True)
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
