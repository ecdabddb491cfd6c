"""Inputs that once took a whole batch down (issue 9), each pinned: the batch now goes on.

Every case runs the real readers, the real extractor and a real SQLite store.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from entente import api
from entente.cli import app, main
from entente.errors import ExtractionFailed, IdCollision, ReadError
from entente.ingest import read_documents
from entente.ingest.normalise import MAX_ID_CHARS
from entente.model import Document
from entente.store import Store
from entente.store.service import ingest_paths

runner = CliRunner()

DRONES = "Iran supplied Shahed-136 drones to Russia, the Ukrainian defence ministry said on Monday."
SHELLS = "North Korea shipped artillery shells to Russia last month, officials in Seoul said."


def write_jsonl(path: Path, records: list[dict[str, Any] | str]) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8")
    return path


def results(paths: list[Path]) -> list[tuple[Document, list[Any]] | ReadError]:
    return list(api.extract_paths([str(p) for p in paths]))


# ------------------------------------------------------------ ids, titles, text at the reader


def test_an_id_of_5000_digits_is_read_and_capped(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text('{"id": ' + "7" * 5000 + ', "date": "2023-03-01", "text": "' + DRONES + '"}\n', encoding="utf-8")
    (doc,) = list(read_documents([path]))
    assert isinstance(doc, Document)
    assert len(doc.id) == MAX_ID_CHARS and doc.id.startswith("7777")


def test_two_long_ids_that_differ_only_at_the_end_stay_different(tmp_path: Path) -> None:
    stem = "x" * 400
    path = write_jsonl(tmp_path / "long.jsonl", [
        {"id": stem + "a", "date": "2023-03-01", "text": DRONES},
        {"id": stem + "b", "date": "2023-03-01", "text": SHELLS},
    ])
    first, second = list(read_documents([path]))
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.id != second.id and max(len(first.id), len(second.id)) == MAX_ID_CHARS


@pytest.mark.parametrize("field", ["id", "title", "text"])
def test_a_lone_surrogate_is_replaced_and_the_article_is_extracted_and_stored(tmp_path: Path, field: str) -> None:
    record = {"id": "surrogate", "date": "2023-03-01", "title": "Drones", "text": DRONES}
    record[field] = record[field] + "\\ud800"
    line = json.dumps(record).replace("\\\\ud800", "\\ud800")  # a raw JSON escape of a lone surrogate
    path = write_jsonl(tmp_path / "s.jsonl", [line])
    (result,) = results([path])
    assert not isinstance(result, ReadError), result
    doc, claims = result
    assert getattr(doc, field).endswith("\ufffd")
    assert claims and claims[0].provider == "IRN"
    with Store.open(str(tmp_path / "s.db")) as store:
        report = ingest_paths([path], store, api.load_extractor())
        assert report.ok and report.added == 1
        assert store.document(doc.id).text == doc.text


def test_a_surrogate_keeps_the_evidence_offsets_of_the_text(tmp_path: Path) -> None:
    line = json.dumps({"id": "o", "date": "2023-03-01", "text": "X\\ud800 " + DRONES}).replace("\\\\ud800", "\\ud800")
    (result,) = results([write_jsonl(tmp_path / "o.jsonl", [line])])
    assert not isinstance(result, ReadError)
    doc, claims = result
    ev = claims[0].evidence
    assert len(doc.text) == len("X\ufffd " + DRONES)  # one character for one
    assert doc.text[ev.start:ev.end] == ev.text and ev.text.endswith(DRONES)


# ------------------------------------------------------------ dates at the calendar's edges


@pytest.mark.parametrize(("date", "text"), [
    ("0001-01-05", "Iran supplied Shahed-136 drones to Russia two weeks ago, officials said."),
    ("9999-12-31", "Iran will supply Shahed-136 drones to Russia next year, officials said."),
    ("9999-12-31", "Iran will supply Shahed-136 drones to Russia in the coming months, officials said."),
    ("9999-12-31", "Iran will supply Shahed-136 drones to Russia within the next two years."),
    ("0001-01-01", "Last year Iran supplied Shahed-136 drones to Russia, officials said."),
])
def test_relative_dates_past_the_calendar_give_a_claim_without_crashing(tmp_path: Path, date: str, text: str) -> None:
    path = write_jsonl(tmp_path / "edge.jsonl", [
        {"id": "edge", "date": date, "text": text},
        {"id": "after", "date": "2023-03-01", "text": SHELLS},
    ])
    edge, after = results([path])
    assert not isinstance(edge, ReadError) and not isinstance(after, ReadError), (edge, after)
    assert [c.provider for c in edge[1]] == ["IRN"]
    for claim in edge[1]:
        if claim.time is not None:  # clamped or left open, but inside the calendar
            assert all(d is None or dt.date.min <= d <= dt.date.max for d in (claim.time.start, claim.time.end))
    assert after[1] and after[1][0].provider == "PRK"


def test_a_claim_dated_at_the_calendar_edge_renders_on_its_relation_page(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from entente.web.app import create_app

    path = write_jsonl(tmp_path / "edge.jsonl", [
        {"id": "edge", "date": "0001-01-05", "text": "In 0001, Iran supplied Shahed-136 drones to Russia."},
    ])
    db = str(tmp_path / "edge.db")
    with Store.open(db) as store:
        assert ingest_paths([path], store, api.load_extractor()).ok
        (relation,) = store.relations()
    with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
        assert client.get(f"/relations/{relation.id}").status_code == 200


# ------------------------------------------------------------ one failure is one article's


def test_an_extraction_failure_is_an_e110_with_the_file_and_line_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extractor = api.load_extractor()
    real = type(extractor).extract_each

    def each(self: Any, docs: Any, **kw: Any) -> Any:
        for doc, outcome in real(self, docs, **kw):
            if "poison" in doc.text:
                raise RuntimeError("boom")
            yield doc, outcome

    monkeypatch.setattr(type(extractor), "extract_each", each)
    path = write_jsonl(tmp_path / "mixed.jsonl", [
        {"id": "a", "date": "2023-03-01", "text": DRONES},
        {"id": "b", "date": "2023-03-01", "text": "The poison pill of this batch. " + DRONES},
        {"id": "c", "date": "2023-03-01", "text": SHELLS},
    ])
    out = results([path])
    assert [type(r).__name__ if isinstance(r, ReadError) else r[0].id for r in out] == ["a", "ExtractionFailed", "c"]
    error = out[1]
    assert isinstance(error, ExtractionFailed) and error.code == "E110"
    assert error.where == f"{path}:2" and "RuntimeError: boom" in error.reason
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 1
    assert f"E110: {path}:2" in result.stderr and "2 articles" in result.stderr and "1 failed" in result.stderr
    ingest = runner.invoke(app, ["ingest", str(path), "--db", str(tmp_path / "p.db")])
    assert ingest.exit_code == 1 and f"E110: {path}:2" in ingest.stderr and "added 2" in ingest.stderr


def test_rich_markup_in_a_message_is_printed_literally(tmp_path: Path) -> None:
    path = tmp_path / "odd[bold].jsonl"
    write_jsonl(path, ['{"id": "[/x]", "date": "[/x]", "text": "[/red] closing tags"}'])
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 1, result.output
    assert f"E103: {path}:1: line 1: date '[/x]' is not in YYYY-MM-DD form" in result.stderr
    db = str(tmp_path / "m.db")
    ingest = runner.invoke(app, ["ingest", str(path), "--db", db])
    assert ingest.exit_code == 1 and f"{path}:1" in ingest.stderr and "failed 1" in ingest.stderr


# ------------------------------------------------------------ ids that cannot collide


def test_the_same_id_with_different_content_from_another_file_is_reported_not_replaced(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = tmp_path / "a" / "report.txt"
    second = tmp_path / "b" / "report.txt"
    first.write_text("date 2023-03-01\n" + DRONES, encoding="utf-8")
    second.write_text("date 2023-03-02\n" + SHELLS, encoding="utf-8")
    with Store.open(str(tmp_path / "c.db")) as store:
        report = ingest_paths([first, second], store, api.load_extractor())
        assert (report.added, report.replaced) == (1, 0)
        (failure,) = report.failed
        assert failure.code == IdCollision.code and failure.where == str(second)
        assert "from report.txt" in failure.reason  # the stored origin: its directory is not kept (v0003)
        assert store.document("report").text == DRONES
        # The same file edited is a new version of its article: replaced.
        first.write_text("date 2023-03-01\n" + DRONES + " Kyiv said more were expected.", encoding="utf-8")
        again = ingest_paths([first], store, api.load_extractor())
        assert (again.replaced, again.failed) == (1, [])


# ------------------------------------------------------------ the CLI: codes, never a traceback


def test_db_under_a_path_that_is_a_file_is_an_e400_and_exit_2(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = runner.invoke(app, ["stats", "--db", str(blocker / "x.db")])
    assert result.exit_code == 2 and "E400" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_export_to_a_missing_directory_is_an_e420_and_exit_2(tmp_path: Path) -> None:
    db = str(tmp_path / "e.db")
    Store.open(db).close()
    result = runner.invoke(app, ["export", "--format", "csv", "--out", "/missing/dir/x.csv", "--db", db])
    assert result.exit_code == 2 and "E420" in result.stderr and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_serve_on_an_unopenable_store_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "E400" in result.stderr


def test_a_bug_of_entente_itself_is_e900_exit_3_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import entente.cli.store_cmds as store_cmds

    def broken(*_a: Any, **_k: Any) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(store_cmds.Store, "stats", broken)
    db = str(tmp_path / "bug.db")
    Store.open(db).close()
    monkeypatch.setattr(sys, "argv", ["entente", "stats", "--db", db])
    monkeypatch.delenv("ENTENTE_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 3
    err = capsys.readouterr().err
    assert "E900" in err and "ZeroDivisionError: a bug" in err and "Traceback" not in err


def test_the_ingest_summary_prints_even_when_entente_fails_half_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import entente.store.service as service

    def broken(*_a: Any, **_k: Any) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(service, "_save", broken)
    path = write_jsonl(tmp_path / "a.jsonl", [{"id": "a", "date": "2023-03-01", "text": DRONES}])
    monkeypatch.setattr(sys, "argv", ["entente", "ingest", str(path), "--db", str(tmp_path / "h.db")])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 3
    err = capsys.readouterr().err
    assert "added 0, replaced 0, unchanged 0, failed 0" in err and "E900" in err


@pytest.mark.parametrize(("args", "code"), [
    (["eval", "/missing/gold.jsonl"], "E109"),
    (["report", "IRN", "RUS", "--out", "/missing/dir/x.html", "--db", "{db}"], "E420"),
    (["watch", "/missing/feed.rss", "--rounds", "1", "--seen", "/proc/entente-seen.json", "--db", "{db}"], "E420"),
    (["stats", "--db", "{not_a_db}"], "E400"),
])
def test_unusable_paths_are_one_line_with_a_code_and_exit_2(tmp_path: Path, args: list[str], code: str) -> None:
    db = str(tmp_path / "ok.db")
    Store.open(db).close()
    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("not a database\n")
    args = [a.replace("{not_a_db}", str(not_a_db)).replace("{db}", db) for a in args]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if code in line]
    assert len(lines) == 1 and "[SQL:" not in result.stderr and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
