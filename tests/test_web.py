"""The web UI and its JSON API, through FastAPI's TestClient, on a real SQLite store."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from test_web_corpus import S_S400, Article, save_corpus

from entente.errors import StoreError
from entente.model import Document
from entente.store import Store
from entente.web.app import create_app

HOSTILE = 'Officials said <script>alert("pwned")</script> Russia & Iran signed a deal for <b>Yak-130</b> trainers.'


@pytest.fixture(scope="module")
def db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'entente.db'}"
    hostile = Article(Document(id="hostile-1", date=dt.date(2023, 9, 1), title="<i>Yak-130</i> deal",
                               url="javascript:alert(1)",
                               text=f"Background first.\n\n{HOSTILE}\n\nMore after."))
    hostile.claim(HOSTILE, "RUS", "IRN", ("Yak-130 trainers", "yak-130", "aircraft"), stage="agreed")
    with Store.open(url) as store:
        save_corpus(store)
        save_corpus(store, [hostile])
    return url


@pytest.fixture(scope="module")
def client(db_url: str) -> Iterator[TestClient]:
    app = create_app(db_url)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c
    app.state.store.close()


def relation_id(client: TestClient, **filters: str) -> str:
    found = client.get("/api/relations", params=filters).json()["relations"]
    assert len(found) == 1, found
    return str(found[0]["id"])


def test_graph_page_renders_filter_form_legend_and_vendored_script(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert '<form class="filters"' in page.text
    for status in ("confirmed", "reported", "expected", "speculated", "refused", "denied", "contested"):
        assert f"</span>{status}</dt><dd>" in page.text  # each status named and defined
    assert 'src="/static/vendor/cytoscape.min.js"' in page.text
    assert client.get("/static/vendor/cytoscape.min.js").status_code == 200


def test_pages_load_nothing_from_the_network(client: TestClient) -> None:
    rid = relation_id(client, provider="RUS", recipient="IRN", item="s-400")
    for path in ("/", f"/relations/{rid}", "/documents/irn-drones-2022-10", "/search?q=drones"):
        html = client.get(path).text
        assert not re.search(r'src="(https?:)?//', html), path
        assert not re.search(r'<link[^>]+href="(https?:)?//', html), path


def test_graph_page_passes_its_filters_to_the_json_endpoint(client: TestClient) -> None:
    page = client.get("/", params={"provider": "RUS", "recipient": "IRN", "status": ""})
    assert 'data-api="/api/graph?provider=RUS&amp;recipient=IRN"' in page.text


def test_api_filters_one_dyad(client: TestClient) -> None:
    found = client.get("/api/relations", params={"provider": "RUS", "recipient": "IRN"}).json()
    assert found["count"] == 3
    assert {r["item_key"] for r in found["relations"]} == {"su-35", "s-400", "yak-130"}


def test_api_filters_by_status_and_category(client: TestClient) -> None:
    refused = client.get("/api/relations", params={"status": "refused"}).json()["relations"]
    assert [r["item_key"] for r in refused] == ["s-400"]
    uav = client.get("/api/relations", params={"category": "uav"}).json()["relations"]
    assert {r["recipient"] for r in uav} == {"RUS"} and len(uav) == 2


def test_api_filters_by_actor_on_either_side(client: TestClient) -> None:
    found = client.get("/api/relations", params={"actor": "IRN"}).json()["relations"]
    assert {(r["provider"], r["recipient"]) for r in found} == {
        ("IRN", "RUS"), ("RUS", "IRN"), ("IRN", "org:hezbollah")}


def test_api_filters_by_dates(client: TestClient) -> None:
    found = client.get("/api/relations", params={"since": "2024-01-01"}).json()["relations"]
    assert found and all(r["last_seen"] >= "2024-01-01" for r in found)
    early = client.get("/api/relations", params={"until": "2022-12-31"}).json()["relations"]
    assert early and all(r["first_seen"] <= "2022-12-31" for r in early)


def test_empty_form_fields_mean_no_filter(client: TestClient) -> None:
    everything = client.get("/api/relations").json()["count"]
    blank = client.get("/api/relations", params={"actor": "", "since": "", "status": ""}).json()["count"]
    assert blank == everything > 10


def test_bad_date_is_a_400_with_the_error_code(client: TestClient) -> None:
    answer = client.get("/api/relations", params={"since": "last week"})
    assert answer.status_code == 400 and answer.json()["error"] == "E410"
    assert client.get("/", params={"until": "soon"}).status_code == 400


def test_relation_page_shows_summary_timeline_and_marked_evidence(client: TestClient) -> None:
    rid = relation_id(client, provider="RUS", recipient="IRN", item="s-400")
    page = client.get(f"/relations/{rid}")
    assert page.status_code == 200
    assert "refused" in page.text and "<svg" in page.text and 'class="claim"' in page.text
    assert "<mark data-claims=" in page.text and f">{S_S400.replace(chr(39), '&#39;')}</mark>" in page.text
    assert re.search(r'href="/documents/rus-irn-s400-2023-06#claim-\d+"', page.text)


def test_unknown_relation_is_404_on_page_and_api(client: TestClient) -> None:
    assert client.get("/relations/000000000000").status_code == 404
    answer = client.get("/api/relations/000000000000")
    assert answer.status_code == 404 and answer.json()["error"] == "E404"
    assert client.get("/documents/no-such-article").status_code == 404


def test_document_page_marks_every_claim_with_an_anchor(client: TestClient) -> None:
    page = client.get("/documents/chn-rus-2024-05").text
    claims = client.get("/api/documents/chn-rus-2024-05").json()["claims"]
    assert len(claims) == 3
    for claim in claims:
        assert f'id="claim-{claim["id"]}"' in page
    assert page.count("<mark") == 2  # two claims share the first sentence


def test_document_page_links_each_claim_to_its_relation(client: TestClient) -> None:
    page = client.get("/documents/rus-irn-s400-2023-06").text
    rid = relation_id(client, provider="RUS", recipient="IRN", item="s-400")
    assert f'href="/relations/{rid}"' in page


def test_article_markup_is_escaped_not_rendered(client: TestClient) -> None:
    rid = relation_id(client, item="yak-130")
    for path in ("/documents/hostile-1", f"/relations/{rid}", "/search?q=Yak-130"):
        html = client.get(path).text
        assert "<script>alert" not in html and "<b>Yak" not in html and "<i>Yak" not in html, path
        assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in html, path


def test_article_url_that_is_not_http_is_not_a_link(client: TestClient) -> None:
    html = client.get("/documents/hostile-1").text
    assert "href=\"javascript:" not in html and "javascript:alert(1)" in html


def test_search_query_is_escaped(client: TestClient) -> None:
    html = client.get("/search", params={"q": '"><script>x()</script>'}).text
    assert "<script>x()" not in html


def test_search_finds_sentences_items_and_actors(client: TestClient) -> None:
    html = client.get("/search", params={"q": "Iskander"}).text
    assert "Belarusian crews" in html and "/relations/" in html
    assert "RUS" in client.get("/search", params={"q": "rus"}).text


def test_api_relation_carries_claims_in_the_claim_contract(client: TestClient) -> None:
    rid = relation_id(client, provider="RUS", recipient="IRN", item="su-35")
    detail = client.get(f"/api/relations/{rid}").json()
    assert detail["n_claims"] == 2 == len(detail["claims"])
    claim = detail["claims"][0]["claim"]
    assert {"doc_id", "kind", "provider", "recipient", "evidence", "stage"} <= set(claim)


def test_api_document_returns_text_and_claims(client: TestClient) -> None:
    doc = client.get("/api/documents/hostile-1").json()
    assert doc["text"].count(HOSTILE) == 1 and len(doc["claims"]) == 1


def test_server_store_is_read_only(client: TestClient) -> None:
    store = client.app.state.store  # type: ignore[attr-defined]
    doc = Document(id="intruder", date=dt.date(2024, 1, 1), text="Nothing.")
    with pytest.raises(StoreError):
        store.save_article(doc, [])


def test_server_cannot_write_even_through_its_engine(client: TestClient, db_url: str) -> None:
    import sqlalchemy as sa

    with pytest.raises(sa.exc.OperationalError):
        with client.app.state.store.engine.begin() as conn:  # type: ignore[attr-defined]
            conn.execute(sa.text("DELETE FROM documents"))
    assert Path(db_url.removeprefix("sqlite:///")).exists()
    assert client.get("/api/documents/hostile-1").status_code == 200
