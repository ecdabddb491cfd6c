"""Relations grouped by ordered pair of actors: one edge of the graph, one GraphML edge.

A pair (provider -> recipient) holds every relation between the two in that
direction, whatever the item. Its counts are taken over the claims, not summed
over the relations, so a source quoted on two items is one source of the pair;
sources are independent voices and reprints are not articles, as for a
relation.
Pure functions: the store, the web graph and the GraphML export call them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from entente.fuse.independence import independent, voices
from entente.fuse.keys import relation_id
from entente.model import Relation, StoredClaim

# The status a pair shows when its relations differ: the best-supported flow first.
STATUS_ORDER: tuple[str, ...] = (
    "confirmed", "contested", "reported", "expected", "speculated", "refused", "denied",
)


@dataclass
class Pair:
    provider: str
    recipient: str
    relations: list[Relation] = field(default_factory=list)
    n_claims: int = 0
    n_articles: int = 0
    n_sources: int = 0

    @property
    def key(self) -> tuple[str, str]:
        return (self.provider, self.recipient)

    @property
    def status(self) -> str:
        """The best-ranked status among the pair's relations (:data:`STATUS_ORDER`)."""
        return min((r.status for r in self.relations), key=_status_rank)

    @property
    def by_status(self) -> dict[str, int]:
        """Relations per status, in :data:`STATUS_ORDER`."""
        counts = Counter(r.status for r in self.relations)
        return {s: counts[s] for s in sorted(counts, key=_status_rank)}

    @property
    def items(self) -> list[str]:
        """Item labels, the relation with most claims first."""
        return [r.item_label for r in sorted(self.relations, key=lambda r: (-r.n_claims, r.item_label))]

    @property
    def label(self) -> str:
        """``s-400, su-35 +2``: the two best-attested items, and how many more."""
        items = self.items
        more = f" +{len(items) - 2}" if len(items) > 2 else ""
        return ", ".join(items[:2]) + more

    @property
    def first_seen(self) -> dt.date | None:
        return _earliest(r.first_seen for r in self.relations)

    @property
    def last_seen(self) -> dt.date | None:
        return _latest(r.last_seen for r in self.relations)

    @property
    def event_start(self) -> dt.date | None:
        return _earliest(r.event_start for r in self.relations)

    @property
    def event_end(self) -> dt.date | None:
        return _latest(r.event_end for r in self.relations)


def pairs(relations: Sequence[Relation], claims: Iterable[StoredClaim]) -> list[Pair]:
    """One :class:`Pair` per ordered (provider, recipient) of ``relations``, strongest first.

    ``claims`` are the stored claims of those relations (others are ignored);
    they give the distinct articles and sources of a pair of several
    relations. A pair of one relation has that relation's counts (the same
    sums over the same claims), so only the claims of
    :func:`shared_pair_relations` are needed: a graph of thousands of
    relations reads a few of their claims, not all.
    """
    by_key: dict[tuple[str, str], Pair] = {}
    for r in relations:
        by_key.setdefault((r.provider, r.recipient), Pair(r.provider, r.recipient)).relations.append(r)
    pair_of = {r.id: pair for pair in by_key.values() if len(pair.relations) > 1 for r in pair.relations}
    grouped: dict[tuple[str, str], list[StoredClaim]] = {p.key: [] for p in pair_of.values()}
    for stored in claims:
        found = pair_of.get(relation_id(stored.claim))
        if found is not None:
            grouped[found.key].append(stored)
    for key, pair in by_key.items():
        if key not in grouped:
            (only,) = pair.relations
            pair.n_claims, pair.n_articles, pair.n_sources = only.n_claims, only.n_articles, only.n_sources
            continue
        # the same counts as a relation's (entente.fuse.relations), over all the pair's claims
        pair.n_claims = len(grouped[key])
        pair.n_articles = len({s.original_id for s in grouped[key]})
        pair.n_sources = len(set(voices(independent(grouped[key])).values()))
    return sorted(by_key.values(), key=lambda p: (-p.n_sources, -p.n_claims, p.key))


def shared_pair_relations(relations: Iterable[Relation]) -> list[str]:
    """Ids of the relations that share their (provider, recipient) with another: whose claims :func:`pairs` reads."""
    by_key: dict[tuple[str, str], list[str]] = {}
    for r in relations:
        by_key.setdefault((r.provider, r.recipient), []).append(r.id)
    return sorted(rid for ids in by_key.values() if len(ids) > 1 for rid in ids)


def _status_rank(status: str) -> int:
    return STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER)


def _earliest(days: Iterable[dt.date | None]) -> dt.date | None:
    known = [d for d in days if d is not None]
    return min(known) if known else None


def _latest(days: Iterable[dt.date | None]) -> dt.date | None:
    known = [d for d in days if d is not None]
    return max(known) if known else None
