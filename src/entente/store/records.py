"""Small result types the store returns besides the model's own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Outcome = Literal["added", "replaced", "unchanged"]


@dataclass(frozen=True)
class SaveResult:
    """What saving one article did: ``added``, ``replaced`` (new content) or ``unchanged``."""

    doc_id: str
    outcome: Outcome
    n_claims: int
    relations: tuple[str, ...] = ()  # ids of the relations recomputed


@dataclass(frozen=True)
class ActorSummary:
    id: str
    name: str
    is_state: bool
    n_relations: int


@dataclass(frozen=True)
class StoreStats:
    documents: int
    claims: int
    relations: int
    actors: int
    first_date: dt.date | None
    last_date: dt.date | None
    by_status: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["first_date"] = self.first_date.isoformat() if self.first_date else None
        out["last_date"] = self.last_date.isoformat() if self.last_date else None
        return out


@dataclass(frozen=True)
class RelationFilters:
    """What :meth:`Store.relations` filters by; every filter set must match (see its docstring)."""

    provider: str | None = None
    recipient: str | None = None
    item: str | None = None
    category: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    status: str | Sequence[str] | None = None
    actor: str | None = None
    text: str | None = None
