"""The graph the web page draws: actors as nodes, one edge per ordered pair of actors.

Built on the server so the page, its JSON and the tests agree: an edge is a
:class:`~entente.fuse.pairs.Pair` with its relations broken down by item and
status; a node's size is its degree. Two ways to make a large graph readable
are applied here, not in the browser: ``top`` keeps the N actors with the most
pairs (then the most sources), and ``focus`` keeps one actor's neighbourhood.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from entente.fuse.pairs import Pair, pairs
from entente.model import Relation, StoredClaim
from entente.store.names import actor_name

DEFAULT_TOP = 40  # actors drawn when the request names no N: past that a graph is a hairball
DEFAULT_RELATIONS = 300  # relations read for the graph, the most sources first: ``?relations=N`` for more


@dataclass(frozen=True)
class GraphView:
    pairs: list[Pair]
    actors: list[str]  # drawn, most connected first
    total_actors: int  # before ``top`` cut
    top: int | None
    focus: str | None
    total_relations: int = 0  # matching the filters; the graph is drawn from the first ``relations_read``
    relations_read: int = 0

    @property
    def cut(self) -> bool:
        return len(self.actors) < self.total_actors

    @property
    def relations_cut(self) -> bool:
        return self.relations_read < self.total_relations


def build_graph(
    relations: Sequence[Relation], claims: Iterable[StoredClaim], *, top: int | None = None,
    focus: str | None = None, total_relations: int | None = None,
) -> GraphView:
    """The pairs of ``relations`` to draw: ``focus``'s neighbourhood, then the ``top`` actors' pairs."""
    found = pairs(relations, claims)
    if focus:
        found = [p for p in found if focus in p.key]
    ranked = rank_actors(found)
    total = len(ranked)
    limit = top if top is not None else (DEFAULT_TOP if total > DEFAULT_TOP else None)
    if limit is not None and limit < total:
        keep = set(ranked[:limit])
        if focus:
            keep.add(focus)
        found = [p for p in found if p.provider in keep and p.recipient in keep]
        ranked = [a for a in ranked if a in keep]
    read = len(relations)
    return GraphView(found, ranked, total, limit, focus, read if total_relations is None else total_relations, read)


def rank_actors(found: Sequence[Pair]) -> list[str]:
    """Actors by degree (pairs they are in), then by the sources of those pairs, then by id."""
    degree: Counter[str] = Counter()
    weight: Counter[str] = Counter()
    for p in found:
        for actor in p.key:
            degree[actor] += 1
            weight[actor] += p.n_sources
    return sorted(degree, key=lambda a: (-degree[a], -weight[a], a))


def graph_payload(view: GraphView) -> dict[str, Any]:
    """The JSON of ``/api/graph``: nodes with degree, edges with their breakdown."""
    degree: Counter[str] = Counter(a for p in view.pairs for a in p.key)
    nodes = [{"id": a, "name": actor_name(a), "degree": degree[a]} for a in view.actors if degree[a]]
    edges = [edge_payload(p) for p in view.pairs]
    return {
        "nodes": nodes, "edges": edges, "n_relations": sum(len(p.relations) for p in view.pairs),
        "total_actors": view.total_actors, "top": view.top, "focus": view.focus,
        "total_relations": view.total_relations, "relations_read": view.relations_read,
    }


def edge_payload(p: Pair) -> dict[str, Any]:
    return {
        "id": f"{p.provider}->{p.recipient}",
        "source": p.provider, "target": p.recipient,
        "source_name": actor_name(p.provider), "target_name": actor_name(p.recipient),
        "status": p.status, "by_status": p.by_status, "label": p.label,
        "n_sources": p.n_sources, "n_claims": p.n_claims, "n_articles": p.n_articles,
        "relations": [
            {"id": r.id, "url": f"/relations/{r.id}", "item": r.item_label, "status": r.status,
             "n_claims": r.n_claims, "n_sources": r.n_sources}
            for r in sorted(p.relations, key=lambda r: (-r.n_claims, r.item_label))
        ],
    }
