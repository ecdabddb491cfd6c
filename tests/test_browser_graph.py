"""The graph at 10, 100 and 1,000 relations in Chromium: drawn, labelled without overlaps, screenshotted.

Screenshots go to ``test-artifacts/``; with ``ENTENTE_SCREENSHOTS=docs`` they
replace the ones in ``docs/`` (``graph-10.png``, ``graph-100.png``,
``graph-1000.png``) that the README and docs/web.md show.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from graph_corpus import save_graph_corpus
from test_browser import ARTIFACTS, browser, serve, wait_for_graph

from entente.store import Store

pytestmark = pytest.mark.browser

DOCS = Path(__file__).resolve().parents[1] / "docs"
LABEL_BOXES = """() => window.ententeGraph.nodes().filter(n => !n.hasClass('nolabel')).map(n => {
    const b = n.renderedBoundingBox({includeNodes: false, includeEdges: false, includeLabels: true});
    return {id: n.id(), x1: b.x1, x2: b.x2, y1: b.y1, y2: b.y2,
            px: parseFloat(n.style('font-size')) * window.ententeGraph.zoom()};
})"""


def _shot(page: Any, name: str) -> None:
    target = DOCS if os.environ.get("ENTENTE_SCREENSHOTS") == "docs" else ARTIFACTS
    page.screenshot(path=str(target / name))


@contextmanager
def _served(tmp_path: Path, n_relations: int) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'entente.db'}"
    with Store.open(url) as store:
        save_graph_corpus(store, n_relations)
    with serve(url) as base:
        yield base


@pytest.fixture(scope="module", params=[10, 100, 1000])
def sized(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, str]]:
    url = f"sqlite:///{tmp_path_factory.mktemp(f'graph{request.param}') / 'entente.db'}"
    with Store.open(url) as store:
        save_graph_corpus(store, request.param)
    with serve(url) as base:
        yield request.param, base


def test_the_graph_draws_one_edge_per_pair_at_every_size(sized: tuple[int, str]) -> None:
    size, base = sized
    with browser(base) as page:
        page.goto(base + "/")
        nodes = wait_for_graph(page)
        data = page.evaluate("fetch('/api/graph').then(r => r.json())")
        assert nodes == len(data["nodes"]) and page.evaluate("window.ententeGraph.edges().length") == len(data["edges"])
        assert data["n_relations"] <= size and nodes <= 40  # past 40 actors only the most connected are drawn
        _shot(page, f"graph-{size}.png")
        assert page.off_site == []


def test_labels_do_not_overlap_and_are_readable_at_the_default_zoom(tmp_path: Path) -> None:
    with _served(tmp_path, 100) as base, browser(base) as page:
        page.goto(base + "/")
        nodes = wait_for_graph(page)
        boxes = page.evaluate(LABEL_BOXES)
    assert len(boxes) >= nodes // 2, f"only {len(boxes)} of {nodes} labels shown"
    assert min(b["px"] for b in boxes) >= 13  # on screen, in CSS pixels
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = a["x2"] <= b["x1"] or b["x2"] <= a["x1"] or a["y2"] <= b["y1"] or b["y2"] <= a["y1"]
            assert apart, f"labels of {a['id']} and {b['id']} overlap"


def test_on_a_phone_the_graph_keeps_a_usable_size(tmp_path: Path) -> None:
    with _served(tmp_path, 10) as base, browser(base, viewport={"width": 390, "height": 844}) as page:
        page.goto(base + "/")
        wait_for_graph(page)
        box = page.locator("#graph").bounding_box()
        _shot(page, "graph-phone.png")
    assert box is not None and box["width"] >= 340 and box["height"] >= 360


def test_hovering_an_edge_shows_its_items_and_clicking_a_pair_lists_them(tmp_path: Path) -> None:
    with _served(tmp_path, 100) as base, browser(base) as page:
        page.goto(base + "/")
        wait_for_graph(page)
        point = page.evaluate(
            """() => {
                const cy = window.ententeGraph;
                const edge = cy.edges().filter(e => e.data('payload').relations.length > 1)[0];
                const box = document.getElementById('graph').getBoundingClientRect();
                const p = edge.renderedMidpoint();
                return {x: box.left + p.x, y: box.top + p.y, n: edge.data('payload').relations.length};
            }"""
        )
        page.mouse.move(point["x"], point["y"])
        page.wait_for_selector("#graph-tip:not([hidden])")
        assert page.locator("#graph-tip li").count() == point["n"]
        page.mouse.click(point["x"], point["y"])
        page.wait_for_selector("#edge-detail:not([hidden])")
        assert page.locator("#edge-detail a").count() == point["n"]
