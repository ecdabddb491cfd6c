"""Group stored claims into relations and summarise each one."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from entente.fuse.independence import independent, reprint_ids, voices
from entente.fuse.keys import relation_key
from entente.fuse.rules import status_of_kept, strongest_of_kept
from entente.model import Relation, StoredClaim


def timeline_order(stored: StoredClaim) -> tuple[dt.date, dt.date, int]:
    """Sort key: event time (start, else end, else the article's date), article date, id."""
    time = stored.claim.time
    event = (time.start or time.end) if time else None
    return (event or stored.doc_date, stored.doc_date, stored.id)


def fuse(claims: Iterable[StoredClaim]) -> list[Relation]:
    """One relation per :func:`relation_key`, ordered by provider, recipient, item."""
    groups: dict[tuple[str, str, str], list[StoredClaim]] = defaultdict(list)
    for stored in claims:
        groups[relation_key(stored.claim)].append(stored)
    return [fuse_one(group) for _, group in sorted(groups.items())]


def fuse_one(claims: Sequence[StoredClaim]) -> Relation:
    """Summarise the claims of one relation (they must share one key)."""
    keys = {relation_key(s.claim) for s in claims}
    if len(keys) != 1:
        raise ValueError(f"claims of several relations given to fuse_one: {sorted(keys)}")
    provider, recipient, item_key = keys.pop()
    timeline = sorted(claims, key=timeline_order)
    doc_dates = [s.doc_date for s in claims]
    starts = [s.claim.time.start for s in claims if s.claim.time and s.claim.time.start]
    ends = [s.claim.time.end for s in claims if s.claim.time and s.claim.time.end]
    kept = independent(claims)  # once: status and strongest take it as it is
    voice = voices(kept)  # computed once: status, strongest and the source count share it
    return keyed_relation(
        (provider, recipient, item_key),
        category=_category(claims),
        kinds=tuple(sorted({s.claim.kind for s in claims})),
        status=status_of_kept(kept, voice),
        strongest=strongest_of_kept(kept, voice),
        first_seen=min(doc_dates),
        last_seen=max(doc_dates),
        event_start=min(starts) if starts else None,
        event_end=max(ends) if ends else None,
        n_articles=len({s.original_id for s in claims}),
        n_sources=len(set(voice.values())),
        n_claims=len(claims),
        n_reprints=len(reprint_ids(claims)),
        timeline=timeline,
    )


def keyed_relation(key: tuple[str, str, str], **summary: Any) -> Relation:
    """The relation of ``key`` (its id and label made from it) with the fused ``summary`` fields."""
    provider, recipient, item_key = key
    return Relation(
        id=Relation.make_id(*key), provider=provider, recipient=recipient, item_key=item_key,
        item_label=_item_label(item_key), **summary,
    )


def _item_label(item_key: str) -> str:
    """A catalogue id reads as itself; a category or kind key as its words."""
    prefix, _, rest = item_key.partition(":")
    if prefix in ("category", "kind") and rest:
        return rest.replace("_", " ")
    return item_key


def _category(claims: Sequence[StoredClaim]) -> str | None:
    """The most frequent item category (the first seen wins a tie)."""
    counts = Counter(s.claim.item.category for s in claims if s.claim.item)
    return counts.most_common(1)[0][0] if counts else None
