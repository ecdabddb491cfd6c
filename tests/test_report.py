"""The dossier: one self-contained HTML file on two actors, both directions, escaped."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from test_web_corpus import S_DRONES, S_S400, S_SU35, Article, save_corpus

from entente.model import Document
from entente.report import write_report
from entente.store import Store

HOSTILE = "Russia agreed to deliver <script>steal()</script> Yak-130 trainers to Iran, officials said."


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> str:
    base = tmp_path_factory.mktemp("report")
    hostile = Article(Document(id="hostile-2", date=dt.date(2023, 9, 1), text=HOSTILE,
                               title="Yak-130 <em>deal</em>", url="https://news.example/yak"))
    hostile.claim(HOSTILE, "RUS", "IRN", ("Yak-130 trainers", "yak-130", "aircraft"), stage="agreed")
    with Store.open(f"sqlite:///{base / 'entente.db'}") as store:
        save_corpus(store)
        save_corpus(store, [hostile])
        path = write_report(store, "RUS", "IRN", base / "dossier.html")
    return path.read_text(encoding="utf-8")


def test_dossier_loads_no_external_resource(dossier: str) -> None:
    assert not re.search(r'src\s*=\s*["\']?(https?:)?//', dossier)
    assert not re.search(r"<link\b", dossier) and not re.search(r"<script\b", dossier)
    assert "@import" not in dossier and "url(" not in dossier


def test_dossier_has_both_directions(dossier: str) -> None:
    assert S_S400.replace("'", "&#39;") in dossier  # Russia -> Iran
    assert S_DRONES in dossier  # Iran -> Russia
    assert 'id="direction-forward"' in dossier and 'id="direction-backward"' in dossier


def test_dossier_escapes_article_text(dossier: str) -> None:
    assert "&lt;script&gt;steal()&lt;/script&gt;" in dossier
    assert "<em>deal" not in dossier


def test_dossier_draws_one_timeline_row_per_relation(dossier: str) -> None:
    svg = re.search(r"<svg.*?</svg>", dossier, re.S)
    assert svg is not None
    rows = re.findall(r'<g class="row"', svg.group(0))
    sections = re.findall(r'<section id="relation-', dossier)
    assert len(rows) == len(sections) >= 5
    assert len(re.findall(r'<circle class="claim"', svg.group(0))) == dossier.count('<li class="claim">')


def test_dossier_lists_the_articles_with_title_date_and_url(dossier: str) -> None:
    assert "Iran says deal for Su-35 fighter jets is complete · 2023-03-11" in dossier
    assert 'href="https://news.example/rus-irn-su35-2023-03"' in dossier
    assert S_SU35.replace("'", "&#39;") in dossier


def test_dossier_on_unrelated_actors_says_so(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'e.db'}") as store:
        save_corpus(store)
        html = write_report(store, "USA", "PRK", tmp_path / "none.html").read_text(encoding="utf-8")
    assert "No claim links these two actors" in html and "<svg" not in html


def test_report_command_writes_the_dossier_from_a_store_path(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from entente.cli import app

    with Store.open(f"sqlite:///{tmp_path / 'e.db'}") as store:
        save_corpus(store)
    out = tmp_path / "dossier.html"
    result = CliRunner().invoke(app, ["report", "IRN", "RUS", "--out", str(out), "--db", f"sqlite:///{tmp_path / 'e.db'}"])
    assert result.exit_code == 0, result.output
    assert S_DRONES in out.read_text(encoding="utf-8")


def test_report_command_on_a_missing_store_fails_with_the_store_error(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from entente.cli import app

    result = CliRunner().invoke(app, ["report", "IRN", "RUS", "--out", str(tmp_path / "x.html"),
                                      "--db", f"sqlite:///{tmp_path / 'missing' / 'e.db'}"])
    assert result.exit_code == 2 and not (tmp_path / "x.html").exists()
