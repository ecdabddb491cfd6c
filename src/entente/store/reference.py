"""The reference tables: every actor of the gazetteer and every system of the catalogue, as rows.

``actors`` and ``items`` hold the whole gazetteer and catalogue (migration
v0003), not only what the claims name, so a reader of the database (Datasette,
psql) can look any code up; an article's save adds any code they lack.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from entente.store import names


@lru_cache(maxsize=1)
def _systems() -> dict[str, Any]:
    try:
        from entente.data.catalogue import load_catalogue
    except ImportError:
        return {}
    try:
        return dict(load_catalogue().systems)
    except Exception:  # a broken catalogue must not stop the store: items keep their ids
        return {}


def item_rows() -> list[dict[str, Any]]:
    """One row of ``items`` per catalogue system."""
    return [
        {"id": s.id, "designation": s.designation, "category": s.category, "maker": s.maker or None}
        for s in sorted(_systems().values(), key=lambda s: s.id)
    ]


def item_row(item_id: str, category: str | None) -> dict[str, Any]:
    """The ``items`` row of ``item_id``: the catalogue's, else the id as its own designation."""
    system = _systems().get(item_id)
    if system is None:
        return {"id": item_id, "designation": item_id, "category": category, "maker": None}
    return {"id": system.id, "designation": system.designation, "category": system.category,
            "maker": system.maker or None}


def actor_rows() -> list[dict[str, Any]]:
    """One row of ``actors`` per gazetteer actor (states, then organisations)."""
    gazetteer = names._gazetteer()
    if gazetteer is None:
        return []
    return [{"id": a, "name": names.actor_name(a), "is_state": names.is_state(a)} for a in gazetteer.actors()]


def reset() -> None:
    _systems.cache_clear()
