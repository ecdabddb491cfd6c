"""The web UI: a graph of who supplies whom, each relation's evidence, each article.

``create_app(db_url)`` opens the store read-only, so nothing a visitor sends
can change the database; pages are Jinja2 templates with autoescape on, and
every article string reaches the page escaped (see ``highlight``). Everything
the pages load (CSS, the vendored cytoscape) is served from the package.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from importlib.resources import files
from pathlib import Path
from typing import Any, TypeVar, cast
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from entente.errors import BadFilter, NotFound
from entente.fuse import relation_id
from entente.fuse.pairs import shared_pair_relations
from entente.model import CATEGORIES, STATUSES, Document, Relation, StoredClaim
from entente.report.evidence import Entry, describe_time, fold
from entente.report.legend import STATUS_MEANINGS
from entente.report.links import is_web_url
from entente.report.palette import STATUS_COLOURS
from entente.report.timeline import TimelineRow, timeline_svg
from entente.store import RelationFilters, Store
from entente.store.names import actor_name
from entente.web import guard, payload
from entente.web.graph import DEFAULT_RELATIONS, DEFAULT_TOP, GraphView, build_graph, graph_payload
from entente.web.highlight import Span, highlight, paragraph_bounds
from entente.web.query import Paging, RelationQuery, count_param
from entente.web.tracker import add_tracker_routes

PACKAGE_DIR = Path(str(files("entente.web")))
API_LIMIT = 100  # relations a page of /api/relations holds unless ``limit`` says otherwise (at most 1,000)
ENTRIES_PER_PAGE = 50  # sentences on one page of a relation (its chart always has every claim)
SEARCH_LIMIT = 50  # relations and sentences the search page lists, the strongest and the latest first
Endpoint = TypeVar("Endpoint", bound=Callable[..., Any])


@dataclass(frozen=True)
class EntryView:
    """Claims repeating one sentence, with the paragraph of the first one's article around it, marked."""

    entry: Entry
    excerpt: Markup


def create_app(
    db_url: str | None = None, *, store: Store | None = None, host: str | None = None,
    allow_hosts: tuple[str, ...] = (),
) -> FastAPI:
    """The FastAPI application over the store at ``db_url`` (opened read-only), or over ``store``.

    ``host`` (the address ``serve`` binds) and ``allow_hosts`` join the Host
    headers answered besides loopback's.
    """
    if store is None:
        store = Store.open(db_url, read_only=True)
    app = FastAPI(title="entente", docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.store = store
    env = _environment()
    app.mount("/static", StaticFiles(directory=PACKAGE_DIR / "static"), name="static")

    def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("q", request.query_params.get("q", "")[: guard.MAX_PARAM_CHARS])
        html = env.get_template(name).render(request=request, **context)
        return HTMLResponse(html, status_code=status_code)

    def refuse(request: Request, exc: BadFilter) -> HTMLResponse | JSONResponse:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": exc.code, "message": exc.message}, status_code=400)
        return page(request, "error.html", 400, title="Bad request", message=str(exc))

    guard.install(app, hosts=guard.allowed_hosts(host, allow_hosts), refuse=refuse)

    def consistent(endpoint: Endpoint) -> Endpoint:
        """Run ``endpoint`` inside one snapshot of the store: a page never mixes two states of an ingest."""

        @functools.wraps(endpoint)
        def within_snapshot(*args: Any, **kwargs: Any) -> Any:
            with store.snapshot():
                return endpoint(*args, **kwargs)

        return cast(Endpoint, within_snapshot)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> HTMLResponse | JSONResponse:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": exc.code, "message": exc.message}, status_code=404)
        return page(request, "error.html", 404, title="Not found", message=exc.message)

    @app.exception_handler(BadFilter)
    async def bad_filter(request: Request, exc: BadFilter) -> HTMLResponse | JSONResponse:
        return refuse(request, exc)

    def graph_view(request: Request) -> tuple[RelationQuery, GraphView]:
        """The graph of the most-sourced relations matching the filters (``relations=N`` of them).

        A pair of one relation takes that relation's counts; only the claims of
        pairs holding several are read, so a graph over 16k relations reads a
        few thousand claims, not the store.
        """
        query = RelationQuery.from_params(request.query_params)
        top, focus = _graph_options(request.query_params)
        n = count_param(request.query_params, "relations", DEFAULT_RELATIONS)
        if n < 1:
            raise BadFilter("relations=0: draw at least one relation")
        # a neighbourhood is read from the store, not cut out of the first N relations
        filters = replace(query, actor=focus) if focus and not query.actor else query
        relations = store.relations(**filters.store_kwargs(), order="sources", limit=n)
        claims = store.iter_claims(relation_ids=shared_pair_relations(relations))
        return query, build_graph(relations, claims, top=top, focus=focus,
                                  total_relations=store.count_relations(filters))

    @app.get("/", response_class=HTMLResponse)
    @consistent
    def graph_page(request: Request) -> HTMLResponse:
        query, view = graph_view(request)
        params = {k: v for k, v in request.query_params.items() if v.strip()}  # the form sends empty fields
        drawn = sorted((r for p in view.pairs for r in p.relations),
                       key=lambda r: (actor_name(r.provider), actor_name(r.recipient), -r.n_claims, r.item_label))
        return page(
            request, "graph.html", title="Relations", query=query, view=view, relations=drawn,
            statuses=STATUSES, meanings=STATUS_MEANINGS, categories=CATEGORIES, colours=STATUS_COLOURS,
            actors=_actor_choices(store), top_param=params.get("top", ""), default_top=DEFAULT_TOP,
            api_url="/api/graph?" + urlencode(params),
            all_url="/?" + urlencode({**params, "top": str(view.total_actors)}),
            more_url="/?" + urlencode({**params, "relations": str(2 * view.relations_read)}),
            unfocus_url="/?" + urlencode({k: v for k, v in params.items() if k != "focus"}),
        )

    @app.get("/api/graph")
    @consistent
    def api_graph(request: Request) -> dict[str, Any]:
        return graph_payload(graph_view(request)[1])

    @app.get("/relations/{relation_id}", response_class=HTMLResponse)
    @consistent
    def relation_page(request: Request, relation_id: str) -> HTMLResponse:
        """The relation, its chart of every claim, and its sentences a page of :data:`ENTRIES_PER_PAGE` at a time."""
        relation = store.relation(relation_id)
        folded = fold(relation.timeline)
        pages = max(1, -(-len(folded) // ENTRIES_PER_PAGE))
        number = count_param(request.query_params, "page", 1)
        if not 1 <= number <= pages:
            raise BadFilter(f"page={number} is not between 1 and {pages}")
        documents = _DocumentCache(store)  # the articles of this page's sentences only
        start = (number - 1) * ENTRIES_PER_PAGE
        entries = [EntryView(e, _excerpt(documents.get(e.first.claim.doc_id), e.first))
                   for e in folded[start : start + ENTRIES_PER_PAGE]]
        chart = timeline_svg([TimelineRow(relation.item_label, relation.status, list(relation.timeline))])
        return page(
            request, "relation.html", title=_relation_title(relation), relation=relation,
            entries=entries, n_entries=len(folded), first_entry=start + 1, page_number=number, pages=pages,
            chart=chart, colours=STATUS_COLOURS, statuses=STATUSES, meanings=STATUS_MEANINGS,
        )

    @app.get("/documents/{doc_id:path}", response_class=HTMLResponse)
    @consistent
    def document_page(request: Request, doc_id: str) -> HTMLResponse:
        doc = store.document(doc_id)
        claims = _claims_of(store, doc.id)
        spans = [Span(c.claim.evidence.start, c.claim.evidence.end, (c.id,)) for c in claims]
        paragraphs = [highlight(doc.text[a:b], spans, offset=a) for a, b in _paragraphs(doc.text)]
        return page(
            request, "document.html", title=doc.title or doc.id, doc=doc, paragraphs=paragraphs,
            claims=claims,
        )

    @app.get("/search", response_class=HTMLResponse)
    @consistent
    def search_page(request: Request, q: str = "") -> HTMLResponse:
        text = q.strip()
        found = RelationFilters(text=text)
        relations = store.relations(text=text, order="sources", limit=SEARCH_LIMIT) if text else []
        n_relations = store.count_relations(found) if len(relations) == SEARCH_LIMIT else len(relations)
        needle = text.lower()
        actors = [a for a in _actor_choices(store)
                  if needle and (needle in a[0].lower() or needle in a[1].lower())]
        hits = store.search_claims(text, limit=SEARCH_LIMIT) if text else []
        return page(request, "search.html", title=f"Search: {text}", relations=relations, n_relations=n_relations,
                    actors=actors, hits=hits, limit=SEARCH_LIMIT, colours=STATUS_COLOURS)

    @app.get("/api/relations")
    @consistent
    def api_relations(request: Request) -> dict[str, Any]:
        """A page of the relations matching the filters, the most sources first; ``count`` is every match."""
        query = RelationQuery.from_params(request.query_params)
        paging = Paging.from_params(request.query_params, API_LIMIT)
        total = store.count_relations(query)
        found = store.iter_relations(query, order=paging.order, limit=paging.limit, offset=paging.offset)
        end = paging.offset + paging.limit
        following = {**request.query_params, "limit": str(paging.limit), "offset": str(end)}
        return {
            "count": total, "limit": paging.limit, "offset": paging.offset, "order": paging.order,
            "next": "/api/relations?" + urlencode(following) if end < total else None,
            "relations": [payload.relation_summary(r) for r in found],
        }

    @app.get("/api/relations/{relation_id}")
    @consistent
    def api_relation(relation_id: str) -> dict[str, Any]:
        return payload.relation_detail(store.relation(relation_id))

    add_tracker_routes(app, store, page)

    @app.get("/api/documents/{doc_id:path}")
    @consistent
    def api_document(doc_id: str) -> dict[str, Any]:
        doc = store.document(doc_id)
        return payload.document(doc, _claims_of(store, doc.id))

    return app


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(PACKAGE_DIR / "templates"), autoescape=True)
    env.globals["actor_name"] = actor_name
    env.globals["status_colours"] = STATUS_COLOURS
    env.globals["relation_id"] = relation_id
    env.globals["describe_time"] = describe_time
    env.tests["web_url"] = is_web_url
    return env


class _DocumentCache:
    """Each article read once per request, however many claims it holds."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._docs: dict[str, Document | None] = {}

    def get(self, doc_id: str) -> Document | None:
        if doc_id not in self._docs:
            try:
                self._docs[doc_id] = self._store.document(doc_id)
            except NotFound:
                self._docs[doc_id] = None
        return self._docs[doc_id]


def _excerpt(doc: Document | None, stored: StoredClaim) -> Markup:
    """The paragraph around the claim's evidence with the evidence marked (the sentence alone without its article)."""
    ev = stored.claim.evidence
    if doc is None or doc.text[ev.start : ev.end] != ev.text:
        return highlight(ev.text, [Span(0, len(ev.text), (stored.id,))])
    start, end = paragraph_bounds(doc.text, ev.start, ev.end)
    return highlight(doc.text[start:end], [Span(ev.start, ev.end, (stored.id,))], offset=start)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line block, so offsets stay those of the article."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _claims_of(store: Store, doc_id: str) -> list[StoredClaim]:
    """The stored claims of one article, in text order."""
    return store.claims(doc_id=doc_id)


def _actor_choices(store: Store) -> list[tuple[str, str]]:
    """(id, display name) of every actor in the store, by name."""
    return sorted(((a.id, a.name) for a in store.actors()), key=lambda pair: pair[1].lower())


def _graph_options(params: Mapping[str, str]) -> tuple[int | None, str | None]:
    """``top`` (a positive number of actors) and ``focus`` (an actor id) of the graph page."""
    top_text = (params.get("top") or "").strip()
    focus = (params.get("focus") or "").strip() or None
    if not top_text:
        return None, focus
    if not top_text.isdigit() or int(top_text) < 1:
        raise BadFilter(f"top={top_text!r} is not a positive number of actors")
    return int(top_text), focus


def _relation_title(relation: Relation) -> str:
    return f"{actor_name(relation.provider)} → {actor_name(relation.recipient)}: {relation.item_label}"
