"""The web UI in a real browser: Debian's headless Chromium driven by Playwright, against a real store.

uvicorn serves the fixture corpus on a free loopback port in a thread; the
test loads the graph, filters it to Russia -> Iran with the form, clicks an
edge, and finds the evidence marked on the relation and article pages. One
screenshot per page goes to ``test-artifacts/`` (gitignored).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from test_web_corpus import S_S400, S_SU35, save_corpus

from entente.store import Store
from entente.web.app import create_app

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(url: str) -> Iterator[str]:
    """uvicorn over the store at ``url`` on a free loopback port, in a thread; yields the base URL."""
    import uvicorn

    app = create_app(url)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        app.state.store.close()


@contextmanager
def browser(base_url: str, viewport: dict[str, int] | None = None) -> Iterator[Any]:
    """A Chromium tab that records every request off ``base_url`` in ``tab.off_site``."""
    if not CHROMIUM.exists() and shutil.which("chromium") is None:
        pytest.skip("headless Chromium is not installed (/usr/bin/chromium): run tools/system-deps.sh")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = chromium.new_context(viewport=viewport or {"width": 1280, "height": 860})
        off_site: list[str] = []
        context.on("request", lambda r: None if r.url.startswith(base_url) else off_site.append(r.url))
        tab = context.new_page()
        tab.off_site = off_site
        try:
            yield tab
        finally:
            context.close()
            chromium.close()


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'entente.db'}"
    with Store.open(url) as store:
        save_corpus(store)
    with serve(url) as base:
        yield base


@pytest.fixture(scope="module")
def page(base_url: str) -> Iterator[Any]:
    # Any request off the test server fails the tests below: the UI must be self-contained.
    with browser(base_url) as tab:
        yield tab


def wait_for_graph(page: Any) -> int:
    # a selector, not wait_for_function: the page's Content-Security-Policy forbids the eval that polls it
    page.wait_for_selector('#graph[data-ready]:not([data-ready="0"])', state="attached", timeout=30000)
    return int(page.evaluate("window.ententeGraph.nodes().length"))


def test_graph_draws_every_actor_as_a_node(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    nodes = wait_for_graph(page)
    assert nodes == 9  # the corpus names nine actors
    # one edge per provider -> recipient; the server-rendered table lists each relation of each pair
    pairs = page.evaluate(
        """() => new Set([...document.querySelectorAll('#relation-table tbody tr')]
                   .map(tr => tr.cells[0].textContent + '>' + tr.cells[1].textContent)).size"""
    )
    assert page.evaluate("window.ententeGraph.edges().length") == pairs
    assert page.locator("#relation-table tbody tr").count() == 12
    page.screenshot(path=str(ARTIFACTS / "graph.png"))
    assert page.off_site == []


def test_form_filters_the_graph_to_one_dyad(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    wait_for_graph(page)
    page.fill("input[name=provider]", "RUS")
    page.fill("input[name=recipient]", "IRN")
    with page.expect_navigation():
        page.click("#filters button[type=submit]")
    assert "provider=RUS" in page.url and "recipient=IRN" in page.url
    assert wait_for_graph(page) == 2
    rows = page.locator("#relation-table tbody tr")
    assert rows.count() == 2  # Su-35 and S-400
    assert all(rows.nth(i).locator("td").first.inner_text() == "Russia" for i in range(2))
    page.screenshot(path=str(ARTIFACTS / "graph-rus-irn.png"))


def test_clicking_an_edge_opens_its_relation_with_the_evidence_marked(page: Any, base_url: str) -> None:
    page.goto(base_url + "/?provider=RUS&recipient=IRN&item=s-400")
    wait_for_graph(page)
    point = page.evaluate(
        """() => {
            const edge = window.ententeGraph.edges()[0];
            const box = document.getElementById('graph').getBoundingClientRect();
            const p = edge.renderedMidpoint();
            return {x: box.left + p.x, y: box.top + p.y};
        }"""
    )
    with page.expect_navigation():
        page.mouse.click(point["x"], point["y"])
    assert "/relations/" in page.url
    mark = page.locator("li.claim mark").first
    assert mark.is_visible() and mark.inner_text() == S_S400
    assert page.locator("svg.timeline circle.claim").count() == 1
    page.screenshot(path=str(ARTIFACTS / "relation.png"), full_page=True)


def test_article_page_marks_the_sentence_the_link_points_at(page: Any, base_url: str) -> None:
    page.goto(base_url + "/?provider=RUS&recipient=IRN&item=su-35")
    wait_for_graph(page)
    with page.expect_navigation():
        page.locator("#relation-table a").first.click()
    with page.expect_navigation():
        page.locator("p.from a").first.click()
    assert "/documents/rus-irn-su35-2023-03#claim-" in page.url
    marks = page.locator(".document .text mark")
    assert marks.count() == 2 and S_SU35 in marks.first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "document.png"), full_page=True)
    assert page.off_site == []
