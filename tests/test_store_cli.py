"""The store's CLI commands over a real SQLite store: each prints what the store holds."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import make_claim, make_doc
from test_store_service import ONE, KeywordExtractor
from typer.testing import CliRunner

from entente.cli import app
from entente.store import Store

KIRBY = ("John Kirby", "USA", "official")
TEXT = "Iran has supplied Shahed-136 drones to Russia, John Kirby said on Thursday."


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "cli.db")
    with Store.open(path) as store:
        store.save_article(
            make_doc("doc1", TEXT, title="Drones for Moscow", source="Wire"),
            [make_claim("doc1", source=KIRBY, evidence=TEXT, time=("2022-08-01", "2022-08-31"))],
        )
        store.save_article(
            make_doc("doc2", "Moscow turned down Tehran's request for the S-400 in 2019."),
            [make_claim("doc2", provider="RUS", recipient="IRN", stage="refused",
                        item=("the S-400", "s-400", "air_defence"), evidence="Moscow turned down Tehran's request.")],
        )
    return path


runner = CliRunner()


def test_relations_lists_every_relation_as_jsonl(db: str) -> None:
    result = runner.invoke(app, ["relations", "--db", db, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(r["provider"], r["item_key"], r["status"]) for r in records} == {
        ("IRN", "shahed-136", "reported"), ("RUS", "s-400", "refused"),
    }


def test_relations_filters_by_status_and_prints_a_table(db: str) -> None:
    result = runner.invoke(app, ["relations", "--db", db, "--status", "refused"], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert "s-400" in result.stdout and "shahed-136" not in result.stdout


def test_show_prints_every_claim_with_its_sentence_and_source(db: str) -> None:
    with Store.open(db) as store:
        rid = store.relations(item="shahed-136")[0].id
    result = runner.invoke(app, ["show", rid, "--db", db], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert "John Kirby" in result.stdout and "Shahed-136 drones to Russia" in result.stdout
    assert "reported" in result.stdout and "doc1" in result.stdout


def test_show_of_an_unknown_relation_fails_with_the_error_code(db: str) -> None:
    result = runner.invoke(app, ["show", "nope", "--db", db])
    assert result.exit_code == 1
    assert "E404" in result.stderr


def test_timeline_takes_both_directions(db: str) -> None:
    result = runner.invoke(app, ["timeline", "RUS", "IRN", "--db", db], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert "doc1" in result.stdout and "doc2" in result.stdout
    # doc1's event (August 2022) comes before doc2, which has no time and is placed at its date (November)
    assert result.stdout.index("doc1") < result.stdout.index("doc2")


def test_export_csv_has_one_row_per_claim(db: str, tmp_path: Path) -> None:
    out = tmp_path / "claims.csv"
    result = runner.invoke(app, ["export", "--format", "csv", "--out", str(out), "--db", db])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert sorted(r["doc_id"] for r in rows) == ["doc1", "doc2"]
    assert all(r["relation_id"] for r in rows)


def test_export_graphml_is_valid_xml(db: str) -> None:
    result = runner.invoke(app, ["export", "--format", "graphml", "--db", db])
    assert result.exit_code == 0, result.output
    root = ET.fromstring(result.stdout)
    assert len(root.findall(".//{http://graphml.graphdrawing.org/xmlns}edge")) == 2


def test_stats_as_json(db: str) -> None:
    result = runner.invoke(app, ["stats", "--db", db, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert (figures["documents"], figures["claims"], figures["relations"]) == (2, 2, 2)


def test_commands_on_a_missing_database_fail_cleanly(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stats", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "E400" in result.stderr


def test_ingest_exits_1_when_an_article_fails_and_stores_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from entente import api

    # the CLI goes through the API; stub it there (the API caches the real extractor)
    monkeypatch.setattr(api, "load_extractor", lambda: KeywordExtractor())
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a", "date": "2022-11-01", "text": ONE}) + "\n" + '{"id": "b"}\n')
    db = str(tmp_path / "ingest.db")
    result = runner.invoke(app, ["ingest", str(feed), "--db", db])
    assert result.exit_code == 1
    assert "added 1" in result.stderr and "failed 1" in result.stderr
    with Store.open(db) as store:
        assert store.document_ids() == ["a"]
    again = runner.invoke(app, ["ingest", str(feed), "--db", db])
    assert "unchanged 1" in again.stderr
