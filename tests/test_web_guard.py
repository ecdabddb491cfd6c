"""The web server trusts nothing: Host allow-list, security headers, length limits, ids of any characters."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from entente.model import Claim, Document
from entente.store import Store
from entente.web.app import PACKAGE_DIR, create_app

SLASHED = "https://courier.example/news/123"
ODD = "a/b?c#d %e"


@pytest.fixture(scope="module")
def db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    from conftest import make_claim, make_doc

    url = f"sqlite:///{tmp_path_factory.mktemp('guard') / 'entente.db'}"
    with Store.open(url) as store:
        for doc_id in (SLASHED, ODD):
            doc: Document = make_doc(doc_id)
            claim: Claim = make_claim(doc_id)
            store.save_article(doc, [claim])
    return url


@pytest.fixture(scope="module")
def app(db_url: str) -> Iterator[Any]:
    application = create_app(db_url, host="0.0.0.0", allow_hosts=("entente.lan",))
    yield application
    application.state.store.close()


def client(app: Any, host: str) -> TestClient:
    return TestClient(app, base_url=f"http://{host}")


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost:8000", "[::1]:8000", "0.0.0.0",
                                  "entente.lan"])
def test_own_host_names_are_answered(app: Any, host: str) -> None:
    assert client(app, host).get("/api/relations").status_code == 200


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:8000", "127.0.0.1.attacker.example"])
def test_any_other_host_header_is_a_400(app: Any, host: str) -> None:
    response = client(app, host).get("/api/relations")
    assert response.status_code == 400 and "relations" not in response.text


def test_security_headers_on_pages_api_errors_and_static_files(app: Any) -> None:
    c = client(app, "127.0.0.1")
    for path in ("/", "/api/relations", "/relations/nope", "/static/graph.js"):
        headers = c.get(path).headers
        csp = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in \
            csp.split("script-src", 1)[1].split(";")[0], path
        assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY", path
    assert "content-security-policy" in client(app, "attacker.example").get("/").headers


def test_no_template_holds_an_inline_script_or_event_handler() -> None:
    for template in (PACKAGE_DIR / "templates").glob("*.html"):
        html = template.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), template.name
        assert not re.search(r"\son[a-z]+\s*=", html), template.name


@pytest.mark.parametrize(("path", "params"), [
    ("/search", {"q": "x" * 60_000}),  # 100k, as in the issue, is past what httpx will send
    ("/api/relations", {"item": "s" * 60_000}),
    ("/", {"actor": "R" * 5_000}),
    ("/api/relations", {"x" * 600: "1"}),
])
def test_long_parameters_are_a_400_with_the_code(app: Any, path: str, params: dict[str, str]) -> None:
    response = client(app, "127.0.0.1").get(path, params=params)
    assert response.status_code == 400
    assert "E410" in response.text


def test_a_long_path_is_a_400(app: Any) -> None:
    assert client(app, "127.0.0.1").get("/documents/" + "d" * 5_000).status_code == 400


@pytest.mark.parametrize("doc_id", [SLASHED, ODD])
def test_ids_with_slashes_and_reserved_characters_are_reachable(app: Any, doc_id: str) -> None:
    c = client(app, "127.0.0.1")
    page = c.get(f"/documents/{quote(doc_id, safe='')}")
    assert page.status_code == 200 and "Shahed-136" in page.text
    api = c.get(f"/api/documents/{quote(doc_id, safe='')}").json()
    assert api["id"] == doc_id
    # The links the UI and the API give for the article lead back to it.
    relation = c.get("/api/relations").json()["relations"][0]
    for claim in c.get(f"/api/relations/{relation['id']}").json()["claims"]:
        url = claim["document"]["url"].split("#")[0]
        assert c.get(url).status_code == 200, url


def test_serve_passes_its_host_to_the_allow_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    import entente.web.app as web_app
    from entente.cli import app as cli

    db = str(tmp_path / "s.db")
    Store.open(db).close()
    seen: dict[str, Any] = {}
    real: Callable[..., Any] = web_app.create_app

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.update(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(web_app, "create_app", spy)
    monkeypatch.setattr("uvicorn.run", lambda *a, **k: None)
    result = CliRunner().invoke(cli, ["serve", "--db", db, "--host", "10.0.0.5", "--allow-host", "entente.lan"])
    assert result.exit_code == 0, result.output
    assert (seen["host"], seen["allow_hosts"]) == ("10.0.0.5", ("entente.lan",))

