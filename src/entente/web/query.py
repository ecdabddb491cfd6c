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


@dataclass(frozen=True)
class RelationQuery:
    actor: str | None = None
    provider: str | None = None
    recipient: str | None = None
    item: str | None = None
    category: str | None = None
    status: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None

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
