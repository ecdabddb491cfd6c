"""The graph the page draws, built on the server: one edge per pair, top N actors, one actor's neighbourhood."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from graph_corpus import save_graph_corpus

from entente.store import Store
from entente.web.app import create_app
from entente.web.graph import DEFAULT_TOP, build_graph


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, TestClient]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('graph') / 'entente.db'}"
    with Store.open(url) as store:
        save_graph_corpus(store, 1000)
    app = create_app(url)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        yield app.state.store, client
    app.state.store.close()


def test_each_ordered_pair_is_one_edge_holding_all_its_relations(big: tuple[Store, TestClient]) -> None:
    store, _ = big
    relations = store.relations()
    view = build_graph(relations, store.iter_claims(), top=10_000)
    assert len({(r.provider, r.recipient) for r in relations}) == len(view.pairs)
    assert sum(len(p.relations) for p in view.pairs) == len(relations)
    busiest = max(view.pairs, key=lambda p: len(p.relations))
    assert len(busiest.relations) > 1 and busiest.n_claims >= len(busiest.relations)


def test_a_large_graph_draws_its_most_connected_actors_by_default(big: tuple[Store, TestClient]) -> None:
    store, client = big
    data = client.get("/api/graph").json()
    assert data["total_actors"] > DEFAULT_TOP and len(data["nodes"]) == DEFAULT_TOP
    degrees = sorted((n["degree"] for n in data["nodes"]), reverse=True)
    assert degrees[0] > degrees[-1]
    kept = {n["id"] for n in data["nodes"]}
    assert all(e["source"] in kept and e["target"] in kept for e in data["edges"])
    assert "RUS" in kept and "USA" in kept  # the hubs


def test_top_and_focus_narrow_the_graph(big: tuple[Store, TestClient]) -> None:
    _, client = big
    top = client.get("/api/graph", params={"top": "5"}).json()
    assert len(top["nodes"]) == 5
    around = client.get("/api/graph", params={"focus": "IRN", "top": "1000"}).json()
    assert around["edges"] and all("IRN" in (e["source"], e["target"]) for e in around["edges"])
    assert client.get("/api/graph", params={"top": "none"}).status_code == 400


def test_an_edge_breaks_down_by_item_and_status(big: tuple[Store, TestClient]) -> None:
    _, client = big
    edge = max(client.get("/api/graph").json()["edges"], key=lambda e: len(e["relations"]))
    assert sum(edge["by_status"].values()) == len(edge["relations"])
    assert all(r["url"] == f"/relations/{r['id']}" and r["item"] and r["status"] for r in edge["relations"])
    assert edge["n_sources"] >= max(r["n_sources"] for r in edge["relations"])


def test_without_javascript_the_page_lists_every_relation_it_would_draw(big: tuple[Store, TestClient]) -> None:
    _, client = big
    html = client.get("/", params={"top": "5"}).text
    drawn = client.get("/api/graph", params={"top": "5"}).json()["n_relations"]
    assert len(re.findall(r'<td><a href="/relations/[0-9a-f]{12}">', html)) == drawn
    assert "Loading relations" not in html and "<noscript>" in html
    assert "the 5 most connected of" in html


def test_the_graph_page_of_an_empty_filter_says_so(big: tuple[Store, TestClient]) -> None:
    _, client = big
    html = client.get("/", params={"item": "no-such-item"}).text
    assert "No relation matches these filters." in html
