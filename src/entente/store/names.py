"""Display names of actors, from the gazetteer when it is installed, else the id itself."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _gazetteer() -> Any | None:
    try:
        from entente.data.gazetteer import load_gazetteer  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    try:
        return load_gazetteer()
    except Exception:  # a broken gazetteer must not stop the store: fall back to ids
        return None


def actor_name(actor: str) -> str:
    """``RUS`` -> ``Russia`` when the gazetteer knows it; otherwise the id."""
    gazetteer = _gazetteer()
    if gazetteer is None:
        return actor
    try:
        name = gazetteer.name(actor)
    except Exception:  # an id the gazetteer does not know
        return actor
    return str(name) if name else actor


def is_state(actor: str) -> bool:
    """States are ISO 3166 alpha-3 codes; every other actor id starts with ``org:``."""
    return not actor.startswith("org:")


def reset() -> None:
    """Forget the loaded gazetteer (tests, or after the data files change)."""
    _gazetteer.cache_clear()
