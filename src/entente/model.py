"""The nouns of entente: documents in, claims out, relations across articles.

Every layer speaks these types; ``Claim.to_dict`` is exactly the JSON object of
``shared/spec/claims.md`` (and ``claim.schema.json``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["transfer", "training", "personnel", "support", "cooperation"]
Stage = Literal["requested", "offered", "agreed", "planned", "occurred", "refused"]
Modality = Literal["certain", "probable", "possible"]
Polarity = Literal["positive", "negative"]
SourceKind = Literal["party", "official", "anonymous", "expert", "media", "author"]
Anchor = Literal["document", "assumed"]

KINDS: tuple[str, ...] = ("transfer", "training", "personnel", "support", "cooperation")
STAGES: tuple[str, ...] = ("requested", "offered", "agreed", "planned", "occurred", "refused")
MODALITIES: tuple[str, ...] = ("certain", "probable", "possible")
SOURCE_KINDS: tuple[str, ...] = ("party", "official", "anonymous", "expert", "media", "author")
CATEGORIES: tuple[str, ...] = (
    "uav", "aircraft", "helicopter", "air_defence", "missile", "armoured_vehicle",
    "artillery", "ship", "naval_weapon", "sensor", "engine", "satellite",
    "small_arms", "munitions", "components", "other",
)


@dataclass(frozen=True)
class Document:
    """One article: an id, a publication date and a body.

    ``date_assumed`` is True when the date was not in the article (plain text
    without ``--date`` falls back to the file's mtime): claim times are then
    anchored ``assumed``.
    """

    id: str
    date: dt.date
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    date_assumed: bool = False
    origin: str | None = None  # where it was read from: path, path:line, path#record

    @property
    def content_hash(self) -> str:
        """Identity of the content: re-ingesting the same article is a no-op."""
        payload = f"{self.date.isoformat()}\n{self.title or ''}\n{self.text}"
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Item:
    text: str
    id: str | None
    category: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "id": self.id, "category": self.category}


@dataclass(frozen=True)
class Source:
    text: str | None
    actor: str | None
    kind: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "actor": self.actor, "kind": self.kind}


@dataclass(frozen=True)
class TimeSpan:
    text: str | None
    start: dt.date | None
    end: dt.date | None
    anchor: str = "document"

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "anchor": self.anchor,
        }


@dataclass(frozen=True)
class Evidence:
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Quantity:
    """How many of the item: ``value`` None when the words give no number ("several hundred")."""

    value: int | None
    text: str
    approximate: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "approximate": self.approximate, "text": self.text}


@dataclass(frozen=True)
class Value:
    """The money stated for the flow, in units of an ISO 4217 currency."""

    amount: float | None
    currency: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"amount": self.amount, "currency": self.currency, "text": self.text}


@dataclass
class Claim:
    """One statement, in one article, that something of military value flows."""

    doc_id: str
    kind: str
    provider: str
    recipient: str
    item: Item | None
    stage: str
    modality: str
    polarity: str
    source: Source | None
    time: TimeSpan | None
    evidence: Evidence
    trace: dict[str, Any] = field(default_factory=dict)
    quantity: Quantity | None = None
    value: Value | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "doc_id": self.doc_id,
            "kind": self.kind,
            "provider": self.provider,
            "recipient": self.recipient,
            "item": self.item.to_dict() if self.item else None,
            "stage": self.stage,
            "modality": self.modality,
            "polarity": self.polarity,
            "source": self.source.to_dict() if self.source else None,
            "time": self.time.to_dict() if self.time else None,
            "evidence": self.evidence.to_dict(),
        }
        if self.quantity is not None:
            out["quantity"] = self.quantity.to_dict()
        if self.value is not None:
            out["value"] = self.value.to_dict()
        if self.trace:
            out["trace"] = self.trace
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        item = data.get("item")
        source = data.get("source")
        time = data.get("time")
        ev = data["evidence"]
        quantity = data.get("quantity")
        value = data.get("value")
        return cls(
            doc_id=data["doc_id"],
            kind=data["kind"],
            provider=data["provider"],
            recipient=data["recipient"],
            item=Item(item["text"], item.get("id"), item["category"]) if item else None,
            stage=data["stage"],
            modality=data["modality"],
            polarity=data["polarity"],
            source=Source(source.get("text"), source.get("actor"), source["kind"]) if source else None,
            time=(
                TimeSpan(
                    time.get("text"),
                    _date_or_none(time.get("start")),
                    _date_or_none(time.get("end")),
                    time.get("anchor", "document"),
                )
                if time
                else None
            ),
            evidence=Evidence(ev["start"], ev["end"], ev["text"]),
            trace=dict(data.get("trace") or {}),
            quantity=(
                Quantity(quantity.get("value"), quantity["text"], bool(quantity.get("approximate", False)))
                if quantity
                else None
            ),
            value=Value(value.get("amount"), value["currency"], value["text"]) if value else None,
        )

    @property
    def item_key(self) -> str:
        """What fusion groups by: the catalogue id, else the category, else the kind."""
        if self.item is None:
            return f"kind:{self.kind}"
        return self.item.id or f"category:{self.item.category}"


def _date_or_none(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


RelationStatus = Literal[
    "confirmed", "reported", "expected", "speculated", "refused", "denied", "contested"
]
STATUSES: tuple[str, ...] = (
    "confirmed", "reported", "expected", "speculated", "refused", "denied", "contested"
)


@dataclass(frozen=True)
class StoredClaim:
    """A claim as the store keeps it: with the date and title of its article."""

    id: int
    claim: Claim
    doc_date: dt.date
    doc_title: str | None = None
    doc_url: str | None = None
    doc_source: str | None = None  # the outlet: fusion counts an unattributed claim as its voice
    reprint_of: str | None = None  # the article is a near-duplicate of this first copy

    @property
    def original_id(self) -> str:
        """The article this claim's story first appeared in (its own, unless a reprint)."""
        return self.reprint_of or self.claim.doc_id


@dataclass
class Relation:
    """Claims fused across articles: one provider -> recipient -> item.

    ``id`` is stable (derived from the key), so a relation keeps its URL when
    more articles arrive. ``strongest`` names the best kind of evidence held
    (see ``entente.fuse``); ``timeline`` is the claims ordered by time.
    ``n_articles`` and ``n_sources`` count originals and independent voices;
    ``n_reprints`` the articles that only reprint a story already counted.
    """

    id: str
    provider: str
    recipient: str
    item_key: str
    item_label: str
    category: str | None
    kinds: tuple[str, ...]
    status: str
    strongest: str
    first_seen: dt.date | None
    last_seen: dt.date | None
    event_start: dt.date | None
    event_end: dt.date | None
    n_articles: int
    n_sources: int
    n_claims: int
    n_reprints: int = 0
    timeline: list[StoredClaim] = field(default_factory=list)

    @staticmethod
    def make_id(provider: str, recipient: str, item_key: str) -> str:
        digest = hashlib.sha1(f"{provider}|{recipient}|{item_key}".encode()).hexdigest()
        return digest[:12]
