"""The CLI at the sizes of real terminals and down a pipe: tables fit, ids stay whole, help reads cleanly."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from conftest import make_claim, make_doc
from typer.testing import CliRunner

from entente.cli import app
from entente.cli.render import Column, fit, table_lines
from entente.model import Relation
from entente.store import Store

runner = CliRunner()
TEXT = "Iran has supplied Shahed-136 drones to Russia, the White House national security adviser said."
ITEMS = [
    ("Shahed-136 drones", "shahed-136", "uav"), ("Mohajer-6 drones", "mohajer-6", "uav"),
    ("Fath-360 ballistic missiles", "fath-360", "missile"), ("artillery shells", None, "munitions"),
]
ID = re.compile(r"\b[0-9a-f]{12}\b")


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "terminal.db")
    with Store.open(path) as store:
        for n, item in enumerate(ITEMS):
            doc = make_doc(f"wire-2022-11-0{n + 1}-iran-russia-supplies", TEXT + f" Report {n}.",
                           title="Tehran ships more weapons to Moscow", source="Wire")
            store.save_article(doc, [make_claim(doc.id, item=item, evidence=TEXT,
                                                source=("the White House national security adviser", "USA",
                                                        "official"))])
        store.save_article(make_doc("seoul", "Pyongyang sent shells to Moscow."), [
            make_claim("seoul", provider="PRK", recipient="RUS", item=("shells", None, "munitions"),
                       evidence="Pyongyang sent shells to Moscow.")])
    return path


@pytest.mark.parametrize("width", [80, 120])
def test_relations_table_fits_the_terminal_and_keeps_every_id_whole(db: str, width: int) -> None:
    result = runner.invoke(app, ["relations", "--db", db], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= width
    assert "│" not in result.stdout and "┃" not in result.stdout  # plain columns, no box
    with Store.open(db) as store:
        ids = {r.id for r in store.relations()}
    assert set(ID.findall(result.stdout)) == ids
    assert "IRN Iran" in result.stdout and "status" in lines[1]


def test_a_wider_terminal_shows_more_columns(db: str) -> None:
    narrow = runner.invoke(app, ["relations", "--db", db], env={"COLUMNS": "80"}).stdout.splitlines()[1]
    wide = runner.invoke(app, ["relations", "--db", db], env={"COLUMNS": "160"}).stdout.splitlines()[1]
    assert "reported" not in narrow and "reported" in wide
    assert set(narrow.split()) < set(wide.split())


def test_down_a_pipe_every_column_is_printed_on_one_line_a_relation(db: str) -> None:
    result = runner.invoke(app, ["relations", "--db", db], env={"COLUMNS": None})
    lines = result.stdout.splitlines()
    assert lines[0] == "5 relations"
    assert lines[1].split() == ["id", "provider", "recipient", "item", "status", "sources", "claims",
                                "reported", "event", "articles", "strongest", "category", "reprints"]
    assert len(lines) == 2 + 5


def test_claims_table_at_80_columns_keeps_parties_item_and_stage(db: str, tmp_path: Path) -> None:
    article = tmp_path / "note.txt"
    article.write_text("date 2022-11-05\nIran has supplied Shahed-136 drones to Russia, officials said.\n")
    result = runner.invoke(app, ["extract", str(article), "--format", "table"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    header, row = result.stdout.splitlines()[1:3]
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert header.split()[:5] == ["kind", "provider", "recipient", "item", "stage"] or header.startswith("doc")
    assert "IRN" in row and "RUS" in row and "occurred" in row


def test_show_takes_a_unique_prefix_of_an_id(db: str) -> None:
    with Store.open(db) as store:
        relation = store.relations(provider="PRK")[0]
    result = runner.invoke(app, ["show", relation.id[:6], "--db", db], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    assert relation.id in result.stdout and "Pyongyang sent shells to Moscow." in result.stdout


def _colliding_items() -> tuple[str, str]:
    """Two catalogue-like ids whose IRN -> RUS relation ids share their first four characters."""
    seen: dict[str, str] = {}
    for n in range(100_000):
        key = f"drone-{n}"
        prefix = Relation.make_id("IRN", "RUS", key)[:4]
        if prefix in seen:
            return seen[prefix], key
        seen[prefix] = key
    raise AssertionError("no collision")


def test_show_refuses_a_prefix_that_several_ids_start_with(tmp_path: Path) -> None:
    first, second = _colliding_items()
    path = str(tmp_path / "ambiguous.db")
    with Store.open(path) as store:
        for key in (first, second):
            store.save_article(make_doc(key, f"{TEXT} {key}"),
                               [make_claim(key, item=(key, key, "uav"), evidence=TEXT)])
    prefix = Relation.make_id("IRN", "RUS", first)[:4]
    result = runner.invoke(app, ["show", prefix, "--db", path])
    assert result.exit_code == 1
    assert "several relations" in result.stderr
    assert Relation.make_id("IRN", "RUS", second) in result.stderr


def test_show_of_a_too_short_prefix_says_how_long_it_must_be(db: str) -> None:
    result = runner.invoke(app, ["show", "ab", "--db", db])
    assert result.exit_code == 1 and "at least 4 characters" in result.stderr


@pytest.mark.parametrize("command", [["relations"], ["timeline", "IRN", "RUS"], ["stats"]])
def test_every_listing_takes_csv_and_jsonl(db: str, command: list[str]) -> None:
    as_csv = runner.invoke(app, [*command, "--db", db, "--format", "csv"])
    as_jsonl = runner.invoke(app, [*command, "--db", db, "--format", "jsonl"])
    assert as_csv.exit_code == 0 and as_jsonl.exit_code == 0, as_csv.output + as_jsonl.output
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    records = [json.loads(line) for line in as_jsonl.stdout.splitlines()]
    assert rows and records
    if command[0] != "stats":
        assert len(rows) == len(records)


def test_timeline_csv_names_the_actors_and_the_article(db: str) -> None:
    result = runner.invoke(app, ["timeline", "IRN", "RUS", "--db", db, "--format", "csv"])
    row = next(csv.DictReader(io.StringIO(result.stdout)))
    assert (row["provider_name"], row["recipient_name"]) == ("Iran", "Russia")
    assert row["doc_title"] == "Tehran ships more weapons to Moscow" and row["doc_outlet"] == "Wire"


def test_evidence_blocks_wrap_to_the_terminal(db: str) -> None:
    result = runner.invoke(app, ["timeline", "IRN", "RUS", "--db", db], env={"COLUMNS": "60"})
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.stdout.splitlines()) <= 60
    assert "national security" in result.stdout and "wire-2022-11-01-iran-russia-supplies" in result.stdout


def test_fit_drops_the_least_important_column_first_and_never_shortens_ids() -> None:
    columns = [Column("id", shorten=False), Column("name", min=6, max=30), Column("extra", keep=1, max=30)]
    rows = [["0123456789ab", "a long name of an actor", "detail " * 4]]
    assert [i for i, _ in fit(columns, rows, 50)] == [0, 1]
    lines = list(table_lines(columns, rows, 20))
    assert lines[1].startswith("0123456789ab ") and "…" in lines[1]
    assert all(len(line) <= 21 for line in lines)  # 12 + 2 + 6: the floor of `name`, ids whole


def test_version_and_short_help() -> None:
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0 and re.fullmatch(r"entente \S+\n", version.stdout)
    short = runner.invoke(app, ["ingest", "-h"])
    assert short.exit_code == 0 and "Usage: entente ingest" in short.stdout


@pytest.mark.parametrize("command", [[], ["extract"], ["ingest"], ["report"], ["eval"], ["bench"], ["show"]])
def test_help_shows_no_type_placeholders(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert "<bool>" not in result.stdout and not re.search(r"\{\w+\}", result.stdout)


def test_plain_text_without_a_date_warns_that_the_date_is_assumed(tmp_path: Path) -> None:
    article = tmp_path / "undated.txt"
    article.write_text("Iran has supplied Shahed-136 drones to Russia in August, officials said.\n")
    result = runner.invoke(app, ["extract", str(article)])
    assert result.exit_code == 0, result.output
    assert "undated.txt" in result.stderr and "assumed" in result.stderr and "--date" in result.stderr
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    assert claims and all(c["time"] is None or c["time"]["anchor"] == "assumed" for c in claims)
    dated = runner.invoke(app, ["extract", str(article), "--date", "2022-11-05"])
    assert "assumed" not in dated.stderr
