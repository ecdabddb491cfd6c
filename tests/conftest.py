"""Shared fixtures: hand-made claims, and a store on SQLite and on a real PostgreSQL 15.

The PostgreSQL server is started once per session from ``/usr/lib/postgresql/15/bin``
(``initdb`` + ``pg_ctl``) in a temporary directory on a free loopback port; each
test gets a fresh database on it. ``initdb`` refuses to run as root, so as root
the server runs as the ``postgres`` system user. Without the binaries the
postgres parameters are skipped.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from itertools import count
from pathlib import Path
from typing import Any

import pytest

from entente.model import Claim, Document, Evidence, Item, Source, StoredClaim, TimeSpan

PG_BIN = Path(os.environ.get("ENTENTE_PG_BIN", "/usr/lib/postgresql/15/bin"))

# ---------------------------------------------------------------- claims


def make_claim(
    doc_id: str = "doc1",
    *,
    kind: str = "transfer",
    provider: str = "IRN",
    recipient: str = "RUS",
    item: tuple[str, str | None, str] | None = ("Shahed-136 drones", "shahed-136", "uav"),
    stage: str = "occurred",
    modality: str = "certain",
    polarity: str = "positive",
    source: tuple[str | None, str | None, str] | None = (None, None, "author"),
    time: tuple[str | None, str | None] | None = None,
    evidence: str = "Iran has supplied Shahed-136 drones to Russia.",
    start: int = 0,
) -> Claim:
    """A claim with sensible defaults; every test changes only what it is about."""
    return Claim(
        doc_id=doc_id,
        kind=kind,
        provider=provider,
        recipient=recipient,
        item=Item(*item) if item else None,
        stage=stage,
        modality=modality,
        polarity=polarity,
        source=Source(*source) if source else None,
        time=(
            TimeSpan(
                None,
                dt.date.fromisoformat(time[0]) if time[0] else None,
                dt.date.fromisoformat(time[1]) if time[1] else None,
            )
            if time
            else None
        ),
        evidence=Evidence(start, start + len(evidence), evidence),
    )


_ids = count(1)


def stored(
    claim: Claim, date: str = "2022-11-01", outlet: str | None = None
) -> StoredClaim:
    return StoredClaim(
        id=next(_ids), claim=claim, doc_date=dt.date.fromisoformat(date), doc_source=outlet
    )


def make_doc(
    doc_id: str = "doc1", text: str = "Iran has supplied Shahed-136 drones to Russia.", **kw: Any
) -> Document:
    kw.setdefault("date", dt.date(2022, 11, 1))
    return Document(id=doc_id, text=text, **kw)


@pytest.fixture
def claim_factory() -> Callable[..., Claim]:
    return make_claim


@pytest.fixture
def stored_factory() -> Callable[..., StoredClaim]:
    return stored


@pytest.fixture
def doc_factory() -> Callable[..., Document]:
    return make_doc


# ---------------------------------------------------------------- PostgreSQL


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_server_user(args: list[str]) -> list[str]:
    """initdb and postgres refuse root: run them as the ``postgres`` system user then."""
    if os.geteuid() != 0:
        return args
    return ["runuser", "-u", "postgres", "--", *args]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A PostgreSQL 15 server for the session; yields the URL of its ``postgres`` database."""
    if not (PG_BIN / "initdb").exists():
        pytest.skip(f"PostgreSQL binaries not found in {PG_BIN} (set ENTENTE_PG_BIN)")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        pytest.skip("running as root without runuser: cannot start PostgreSQL as a non-root user")
    base = Path(tempfile.mkdtemp(prefix="entente-pg-"))
    data = base / "data"
    if os.geteuid() == 0:
        shutil.chown(base, user="postgres", group="postgres")
    port = _free_port()
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    subprocess.run(
        _as_server_user([str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres",
                         "--auth=trust", "-E", "UTF8", "--no-sync"]),
        check=True, capture_output=True, env=env,
    )
    options = f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={base} -c fsync=off"
    subprocess.run(
        _as_server_user([str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(base / "log"),
                         "-o", options, "-w", "-t", "60", "start"]),
        check=True, capture_output=True, env=env,
    )
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_server_user([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True, env=env,
        )
        shutil.rmtree(base, ignore_errors=True)


_db_numbers = count(1)


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    """A fresh, empty database on the session's server."""
    import psycopg

    name = f"entente_test_{next(_db_numbers)}"
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    return postgres_server.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty store, once on SQLite (tmp_path) and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'entente.db'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def store(store_url: str) -> Iterator[Any]:
    from entente.store import Store

    opened = Store.open(store_url)
    try:
        yield opened
    finally:
        opened.close()
