"""``--workers N`` on the CLI gives the claims of one process, in the same order."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from entente.cli import app
from entente.store import Store

ARTICLES = [
    {"id": "w1", "date": "2023-03-01", "text": "Iran supplied Shahed-136 drones to Russia last year, two US officials said."},
    {"id": "w2", "date": "2023-03-02", "text": "Poland delivered four Leopard 2 tanks to Ukraine on Friday."},
    {"id": "w3", "date": "2023-03-03", "text": "The football final ended in a draw after extra time."},
    {"id": "w4", "date": "2023-03-04", "text": "Israel rejected Ukraine's request for the Iron Dome air defence system."},
]


def write_articles(tmp_path: Path) -> Path:
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return path


def test_extract_with_two_workers_prints_the_same_claims(tmp_path: Path) -> None:
    path = write_articles(tmp_path)
    one = CliRunner().invoke(app, ["extract", str(path)])
    two = CliRunner().invoke(app, ["extract", str(path), "--workers", "2"])
    assert one.exit_code == 0 and two.exit_code == 0, one.output + two.output
    assert one.stdout == two.stdout
    assert len(one.stdout.splitlines()) >= 3


def test_ingest_with_two_workers_stores_the_same_claims(tmp_path: Path) -> None:
    path = write_articles(tmp_path)
    for name, extra in (("one.db", []), ("two.db", ["--workers", "2"])):
        result = CliRunner().invoke(app, ["ingest", str(path), "--db", str(tmp_path / name), *extra])
        assert result.exit_code == 0, result.output
    stored = []
    for name in ("one.db", "two.db"):
        store = Store.open(str(tmp_path / name), read_only=True)
        try:
            stored.append(sorted(json.dumps(c.claim.to_dict(), sort_keys=True) for c in store.claims()))
        finally:
            store.close()
    assert stored[0] == stored[1]
    assert len(stored[0]) >= 3


def test_ingest_with_two_workers_into_a_store_that_cannot_open_exits_2_with_the_reason(tmp_path: Path) -> None:
    """The pool starts before the store opens (its workers load while the store migrates): a store
    that cannot open still gets its error and exit code, and the pool stops."""
    path = write_articles(tmp_path)
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", str(tmp_path), "--workers", "2"])  # a directory
    assert result.exit_code == 2, result.output
    assert "E400" in result.output and "could not open the database" in result.output


def test_extract_on_a_local_dask_cluster_writes_the_claims_of_one_process(tmp_path: Path) -> None:
    from entente.scale.dask_runner import read_claims

    path = write_articles(tmp_path)
    single = CliRunner().invoke(app, ["extract", str(path)])
    result = CliRunner().invoke(app, ["extract", str(path), "--dask", "local", "--out", str(tmp_path / "pq")])
    assert result.exit_code == 0, result.output
    expected = sorted(json.dumps(json.loads(line), sort_keys=True) for line in single.stdout.splitlines())
    written = sorted(json.dumps({k: v for k, v in c.items() if k != "trace"}, sort_keys=True)
                     for c in read_claims(tmp_path / "pq"))
    assert written == expected


def test_extract_on_dask_without_an_output_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(write_articles(tmp_path)), "--dask", "local"])
    assert result.exit_code == 2
    assert "--out" in result.output
