"""Names where codes are asked for: "Russia", "rus", "Moscow", "the Kremlin" -> ``RUS``.

Every actor filter (CLI options, web filters, the JSON API, ``report``,
``tracker``) goes through :func:`resolve_actor`. It accepts an actor id in any
case (``rus``, ``org:NATO``), any form the gazetteer knows (names, demonyms,
capitals, seats of power, institutions, firms; exact first, then ignoring
case), and raises :class:`~entente.errors.UnknownActor` (``E411``) with the
nearest known names otherwise: an unknown name is an error, never an empty
table.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache

from entente.data.gazetteer import load_gazetteer
from entente.errors import UnknownActor

__all__ = ["clear_cache", "resolve_actor", "resolve_optional", "suggest"]


@dataclass(frozen=True)
class _Index:
    names: dict[str, str]  # actor id -> display name
    ids: dict[str, str]  # lower-cased id -> id
    exact: dict[str, str]  # form text -> actor id
    folded: dict[str, str]  # lower-cased form or name -> actor id, only where unambiguous


@lru_cache(maxsize=1)
def _index() -> _Index:
    gazetteer = load_gazetteer()
    names = {actor: gazetteer.name(actor) for actor in gazetteer.actors()}
    exact = {form.text: form.actor for form in gazetteer.forms()}
    candidates: dict[str, set[str]] = {}
    for text, actor in [*exact.items(), *((name, actor) for actor, name in names.items())]:
        candidates.setdefault(" ".join(text.lower().split()), set()).add(actor)
    folded = {text: next(iter(actors)) for text, actors in candidates.items() if len(actors) == 1}
    return _Index(names=names, ids={a.lower(): a for a in names}, exact=exact, folded=folded)


def clear_cache() -> None:
    """Forget the index (after the gazetteer files changed, or in tests)."""
    _index.cache_clear()


def resolve_actor(text: str) -> str:
    """The actor id ``text`` names; :class:`UnknownActor` (``E411``) with suggestions if none."""
    index = _index()
    wanted = " ".join(text.split())
    if not wanted:
        raise UnknownActor(text, [])
    if wanted.lower() in index.ids:
        return index.ids[wanted.lower()]
    if wanted in index.exact:
        return index.exact[wanted]
    form = load_gazetteer().lookup(wanted)
    if form is not None:
        return form.actor
    folded = wanted.lower()
    for candidate in (folded, folded.removeprefix("the "), f"the {folded}"):
        if candidate in index.folded:
            return index.folded[candidate]
    raise UnknownActor(text, suggest(text))


def resolve_optional(text: str | None) -> str | None:
    """:func:`resolve_actor` for a filter that may be absent (None or blank stays None)."""
    if text is None or not text.strip():
        return None
    return resolve_actor(text)


def suggest(text: str, n: int = 3) -> list[str]:
    """The ``n`` nearest known names to ``text``, as "Russia (RUS)"."""
    index = _index()
    folded = " ".join(text.lower().split())
    # Short forms ("usa", "uae") are near everything of four letters: only codes match codes.
    pool = [t for t in [*index.folded, *index.ids] if (len(t) > 3) == (len(folded) > 3)]
    found: list[str] = []
    for match in difflib.get_close_matches(folded, pool, n=n * 4, cutoff=0.7):
        actor = index.folded.get(match) or index.ids[match]
        label = f"{index.names[actor]} ({actor})"
        if label not in found:
            found.append(label)
    return found[:n]
