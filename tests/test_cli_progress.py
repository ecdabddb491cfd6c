"""Ingest progress: a total (so a percentage and an ETA) whenever the input's size is cheap to know."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from test_store_service import ONE, KeywordExtractor
from typer.testing import CliRunner

from entente.cli import app
from entente.cli.progress import count_articles

runner = CliRunner()


def _jsonl(path: Path, n: int) -> Path:
    lines = [json.dumps({"id": f"a{i}", "date": "2022-11-01", "text": f"{ONE} Item {i}."}) for i in range(n)]
    path.write_text("\n".join(lines) + "\n\n")  # a trailing blank line is no article
    return path


def test_a_jsonl_file_counts_its_non_blank_lines(tmp_path: Path) -> None:
    assert count_articles([str(_jsonl(tmp_path / "feed.jsonl", 7))]) == 7


def test_a_directory_counts_its_files_and_their_lines(tmp_path: Path) -> None:
    _jsonl(tmp_path / "feed.jsonl", 3)
    (tmp_path / "one.txt").write_text("date 2022-11-01\nIran shipped drones to Russia.\n")
    (tmp_path / "page.html").write_text("<html><body><p>Drones.</p></body></html>")
    (tmp_path / "README.md").write_text("not an article")
    assert count_articles([str(tmp_path)]) == 5


@pytest.mark.parametrize("name", ["-", "feed.jsonl.gz", "news.rss"])
def test_stdin_compressed_files_and_feeds_are_not_counted(tmp_path: Path, name: str) -> None:
    if name != "-":
        path = tmp_path / name
        path.write_bytes(gzip.compress(b"{}\n") if name.endswith(".gz") else b"<rss></rss>")
        name = str(path)
    assert count_articles([name]) is None


def test_ingest_of_a_counted_input_shows_how_far_it_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from entente import api

    monkeypatch.setattr(api, "load_extractor", lambda: KeywordExtractor())
    feed = _jsonl(tmp_path / "feed.jsonl", 4)
    result = runner.invoke(app, ["ingest", str(feed), "--db", str(tmp_path / "p.db")], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert "4/4" in result.stderr and "100%" in result.stderr and "ETA" in result.stderr


def test_ingest_of_stdin_shows_a_count_without_a_total(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from entente import api

    monkeypatch.setattr(api, "load_extractor", lambda: KeywordExtractor())
    data = _jsonl(tmp_path / "feed.jsonl", 2).read_text()
    result = runner.invoke(app, ["ingest", "-", "--db", str(tmp_path / "s.db")], input=data,
                           env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert "%" not in result.stderr and "ETA" not in result.stderr and "added 2" in result.stderr
