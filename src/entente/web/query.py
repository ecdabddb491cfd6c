"""The relation filters of the graph page and ``/api/relations``, read from a query string.

Both read the same GET parameters, so a filtered page and its JSON always
show the same relations. The form sends empty fields as ``name=``: those mean
"no filter", not "match the empty string".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlencode

from entente.errors import BadFilter
from entente.names import resolve_optional
from entente.store import RELATION_ORDERS, RelationFilters, RelationOrder

MAX_LIMIT = 1000  # relations one request may ask for: past that, page


@dataclass(frozen=True)
class RelationQuery(RelationFilters):
    """The filters of ``Store.relations`` that the page's form and ``/api/relations`` take (not ``text``)."""

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> RelationQuery:
        def text(name: str) -> str | None:
            value = (params.get(name) or "").strip()
            return value or None

        return cls(
            actor=resolve_optional(text("actor")),  # names too: "Russia", "the Kremlin" (E411 if unknown)
            provider=resolve_optional(text("provider")),
            recipient=resolve_optional(text("recipient")),
            item=text("item"),
            category=text("category"),
            status=text("status"),
            since=_date(text("since"), "since"),
            until=_date(text("until"), "until"),
        )

    def store_kwargs(self) -> dict[str, Any]:
        """Keyword arguments of ``Store.relations``: only the filters that are set."""
        return {k: v for k, v in asdict(self).items() if v is not None}

    def query_string(self) -> str:
        """The same filters as a URL query string (for the graph's JSON request)."""
        return urlencode({k: (v.isoformat() if isinstance(v, dt.date) else v)
                          for k, v in self.store_kwargs().items()})

    def form_value(self, name: str) -> str:
        value = getattr(self, name)
        if value is None:
            return ""
        return value.isoformat() if isinstance(value, dt.date) else str(value)


def _date(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadFilter(f"{name}={value!r} is not a date (YYYY-MM-DD)") from None


@dataclass(frozen=True)
class Paging:
    """``limit``, ``offset`` and ``order`` of ``/api/relations``: a page of relations, the strongest first."""

    limit: int
    offset: int
    order: RelationOrder

    @classmethod
    def from_params(cls, params: Mapping[str, str], default_limit: int) -> Paging:
        order = (params.get("order") or "").strip() or "sources"
        if order not in RELATION_ORDERS:
            raise BadFilter(f"order={order!r} is not one of {', '.join(RELATION_ORDERS)}")
        limit = count_param(params, "limit", default_limit)
        if not 1 <= limit <= MAX_LIMIT:
            raise BadFilter(f"limit={limit} is not between 1 and {MAX_LIMIT}")
        return cls(limit, count_param(params, "offset", 0), order)  # type: ignore[arg-type]


def count_param(params: Mapping[str, str], name: str, default: int) -> int:
    """A whole number parameter (``limit=50``), ``default`` when absent or empty; E410 otherwise."""
    text = (params.get(name) or "").strip()
    if not text:
        return default
    if not text.isdigit():
        raise BadFilter(f"{name}={text!r} is not a whole number")
    return int(text)
