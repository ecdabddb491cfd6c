"""Names where codes are asked for: ids in any case and every form the gazetteer knows."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_claim, make_doc
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from entente.cli import app
from entente.errors import BadFilter, UnknownActor
from entente.names import resolve_actor, suggest
from entente.store import Store
from entente.web.app import create_app

runner = CliRunner()


@pytest.mark.parametrize(("text", "actor"), [
    ("Russia", "RUS"), ("rus", "RUS"), ("RUS", "RUS"), ("Moscow", "RUS"), ("the Kremlin", "RUS"),
    ("Kremlin", "RUS"), ("russia", "RUS"), ("THE KREMLIN", "RUS"), ("  Russian  Federation ", "RUS"),
    ("Tehran", "IRN"), ("Iran", "IRN"), ("org:nato", "org:nato"), ("NATO", "org:nato"), ("Kyiv", "UKR"),
])
def test_a_name_resolves_to_its_actor(text: str, actor: str) -> None:
    assert resolve_actor(text) == actor


def test_an_unknown_name_is_e411_with_suggestions() -> None:
    with pytest.raises(UnknownActor) as raised:
        resolve_actor("Rusia")
    assert raised.value.code == "E411" and isinstance(raised.value, BadFilter)
    assert "did you mean Russia (RUS)?" in str(raised.value)


def test_suggestions_are_near_names_only() -> None:
    assert suggest("Ukrane")[0] == "Ukraine (UKR)"
    assert suggest("zzzzqqq") == []


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'names.db'}"
    with Store.open(url) as store:
        text = "Russia has delivered Su-35 jets to Iran, Iranian officials said."
        store.save_article(make_doc("doc1", text), [make_claim(
            "doc1", provider="RUS", recipient="IRN", item=("Su-35 jets", "su-35", "aircraft"), evidence=text)])
    return url


@pytest.mark.parametrize("name", ["Russia", "rus", "Moscow", "the Kremlin"])
def test_cli_relations_take_a_provider_name(db: str, name: str) -> None:
    result = runner.invoke(app, ["relations", "--provider", name, "--db", db, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert '"su-35"' in result.stdout


def test_cli_unknown_provider_exits_2_never_an_empty_table(db: str) -> None:
    result = runner.invoke(app, ["relations", "--provider", "Rusia", "--db", db])
    assert result.exit_code == 2
    assert "E411" in result.stderr and "did you mean Russia (RUS)?" in result.stderr
    assert result.stdout == ""


def test_cli_timeline_and_report_take_names(db: str, tmp_path: Path) -> None:
    timeline = runner.invoke(app, ["timeline", "Tehran", "the Kremlin", "--db", db, "--format", "jsonl"])
    assert timeline.exit_code == 0 and '"su-35"' in timeline.stdout
    out = tmp_path / "dossier.html"
    report = runner.invoke(app, ["report", "Moscow", "Iran", "--out", str(out), "--db", db])
    assert report.exit_code == 0, report.output
    assert "Tracker: pledged vs delivered" in out.read_text(encoding="utf-8")
    assert runner.invoke(app, ["report", "Mosco", "Iran", "--out", str(out), "--db", db]).exit_code == 2


def test_web_filters_and_api_take_names(db: str) -> None:
    client = TestClient(create_app(db), base_url="http://127.0.0.1:8000")
    found = client.get("/api/relations", params={"provider": "the Kremlin"}).json()
    assert found["count"] == 1 and found["relations"][0]["provider"] == "RUS"
    assert client.get("/", params={"recipient": "Tehran"}).status_code == 200
    refused = client.get("/api/relations", params={"provider": "Atlantis"})
    assert refused.status_code == 400 and refused.json()["error"] == "E411"


def test_web_tracker_page_and_exports(db: str) -> None:
    client = TestClient(create_app(db), base_url="http://127.0.0.1:8000")
    page = client.get("/tracker/Tehran")
    assert page.status_code == 200 and "<svg" in page.text and "su-35" in page.text
    assert client.get("/tracker/Moscow", params={"view": "provider"}).status_code == 200
    assert client.get("/tracker/Rusia").status_code == 400
    sheet = client.get("/tracker/IRN/export.xlsx")
    assert sheet.status_code == 200 and sheet.content[:2] == b"PK"
    assert client.get("/tracker/IRN/export.csv").text.startswith("supplier,")
    assert client.get("/api/tracker/Iran").json()["rows"] == 1
