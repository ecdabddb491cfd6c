"""The tracker: for one recipient (or provider), every provider x item, pledged vs delivered.

Pure functions over stored claims, like the rest of :mod:`entente.fuse`. A row
is one relation (provider -> recipient -> item, see
:func:`~entente.fuse.keys.relation_key`) read as the Kiel Institute's and
SIPRI's users read a transfer:

- its **path**: the stages its claims reached, in time order, with repeats
  collapsed (``requested -> agreed -> delivered``); a claim's stage is its
  spec stage, except that ``occurred`` reads ``delivered`` and a negative claim
  reads ``denied``. Speculative claims (modality ``possible``) are left out: a
  tracker records what was said to be pledged or done, not what might be.
- **pledged** and **delivered**: the largest count stated at a pledge stage
  (offered, agreed, planned) and at ``delivered``. Counts are not added up
  within a row, since articles repeat one pledge; a count in formations or
  tons ("a battalion", "22 tons") is kept as words, not as a number.
- **value**: the largest money amount stated (its currency kept).
- **announced**: the first article date at a pledge stage (else the first at
  any stage); **delivered_on**: the earliest event time of a delivery claim
  (else its article's date).
- **status**, **n_sources** and **n_reprints** as the relation of the row's
  claims has them: the store's relation row when the relation holds no other
  claims, else (training or cooperation claims of the same item beside them)
  fused again from the row's claims alone.

Only independent claims count (one article per story, see
:mod:`entente.fuse.independence`). :func:`totals` adds rows up per provider
where the units agree (plain counts with plain counts, money per currency).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from entente.data import DATA_DIR, load_yaml
from entente.fuse.independence import independent
from entente.fuse.keys import relation_key
from entente.fuse.relations import fuse_one, timeline_order
from entente.model import Quantity, Relation, StoredClaim, Value

TRACKED_KINDS = frozenset({"transfer", "support", "personnel"})
PLEDGE_STAGES: tuple[str, ...] = ("offered", "agreed", "planned")
TRACKER_STAGES: tuple[str, ...] = ("requested", "offered", "agreed", "planned", "delivered", "refused", "denied")
QUANTITY_LEXICON = DATA_DIR / "lexicons" / "quantities.yaml"


@lru_cache(maxsize=1)
def _unit_words() -> frozenset[str]:
    """Formation and measure words ("battalion", "tons"), from the quantity lexicon."""
    data = load_yaml(QUANTITY_LEXICON.read_text(encoding="utf-8"))
    return frozenset(word for unit in data["units"] for word in str(unit).lower().split())


@dataclass(frozen=True)
class StageFacts:
    """What the claims at one stage of a row say: one row of the SIPRI-like export."""

    stage: str
    count: int | None  # the largest plain count stated at this stage
    count_text: str | None  # its words, or the words of an amount with no number
    first_reported: dt.date
    last_reported: dt.date
    years: tuple[int, ...]  # years of the event times (else article dates), ascending
    n_claims: int
    claim_ids: tuple[int, ...]


@dataclass
class TrackerRow:
    relation_id: str
    provider: str
    recipient: str
    item_key: str
    item_label: str
    category: str | None
    status: str
    path: tuple[str, ...]
    latest: str
    pledged: int | None
    pledged_text: str | None
    delivered: int | None
    delivered_text: str | None
    value: Value | None
    announced: dt.date | None
    delivered_on: dt.date | None
    n_sources: int
    n_reprints: int
    n_claims: int
    stages: dict[str, StageFacts] = field(default_factory=dict)
    value_source: tuple[str, str] | None = None  # (story, sentence) the value was stated in


def tracker_stage(stored: StoredClaim) -> str:
    """The tracker's word for a claim's stage: ``delivered`` for occurred, ``denied`` if negative."""
    if stored.claim.polarity == "negative":
        return "denied"
    return "delivered" if stored.claim.stage == "occurred" else stored.claim.stage


def is_plain_count(quantity: Quantity | None) -> bool:
    """A number of the item itself ("14", "about 300", "a battalion of 31"), not of formations or tons."""
    if quantity is None or quantity.value is None:
        return False
    words = quantity.text.lower().split()
    if "of" in words[:-1]:  # "a battalion of 31": the count after "of" is of the item
        return True
    return not any(word in _unit_words() for word in words)


def tracker_rows(
    claims: Iterable[StoredClaim], relations: Mapping[str, Relation] | None = None,
) -> list[TrackerRow]:
    """One row per relation among ``claims`` of a :data:`TRACKED_KINDS` kind.

    Training and cooperation are left out: nothing is pledged or delivered by
    number (and cooperation has no direction).

    ``relations`` (the store's, by id) give a row its status and counts when
    the row's claims are all of its relation's claims (the same number): the
    store fused them already. Any other row is fused here.

    Ordered by provider, then the latest stage reached (delivered first), then item.
    """
    groups: dict[tuple[str, str, str], list[StoredClaim]] = defaultdict(list)
    for stored in claims:
        if stored.claim.kind in TRACKED_KINDS:
            groups[relation_key(stored.claim)].append(stored)
    known = relations or {}
    found = (_row(group, known.get(Relation.make_id(*key))) for key, group in groups.items())
    rows = [row for row in found if row is not None]
    order = {stage: i for i, stage in enumerate(("delivered", "agreed", "offered", "planned", "requested",
                                                 "refused", "denied"))}
    return sorted(rows, key=lambda r: (r.provider, r.recipient, order.get(r.latest, 9), r.item_label))


def _row(group: Sequence[StoredClaim], known: Relation | None) -> TrackerRow | None:
    kept = [s for s in independent(group) if s.claim.modality != "possible"]
    if not kept:
        return None
    # the store's relation is this row's when it has no claims beyond the row's (no training, no cooperation)
    relation = known if known is not None and known.n_claims == len(group) else fuse_one(group)
    ordered = sorted(kept, key=timeline_order)
    path: list[str] = []
    for stored in ordered:
        stage = tracker_stage(stored)
        if not path or path[-1] != stage:
            path.append(stage)
    by_stage: dict[str, list[StoredClaim]] = defaultdict(list)
    for stored in ordered:
        by_stage[tracker_stage(stored)].append(stored)
    stages = {stage: _stage_facts(stage, found) for stage, found in by_stage.items()}
    latest = max(kept, key=_latest_key)
    pledge = [stages[s] for s in PLEDGE_STAGES if s in stages]
    delivered = stages.get("delivered")
    pledged_count = max((f.count for f in pledge if f.count is not None), default=None)
    pledged_text = next((f.count_text for f in pledge if f.count == pledged_count and f.count_text), None)
    announced = min((f.first_reported for f in pledge), default=min(s.doc_date for s in kept))
    value = _largest_value(kept)
    return TrackerRow(
        relation_id=relation.id,
        provider=relation.provider,
        recipient=relation.recipient,
        item_key=relation.item_key,
        item_label=relation.item_label,
        category=relation.category,
        status=relation.status,
        path=tuple(path),
        latest=tracker_stage(latest),
        pledged=pledged_count,
        pledged_text=pledged_text,
        delivered=delivered.count if delivered else None,
        delivered_text=delivered.count_text if delivered else None,
        value=value[0] if value else None,
        value_source=value[1] if value else None,
        announced=announced,
        delivered_on=_delivery_date(by_stage.get("delivered", [])),
        n_sources=relation.n_sources,
        n_reprints=relation.n_reprints,
        n_claims=relation.n_claims,
        stages={s: stages[s] for s in TRACKER_STAGES if s in stages},
    )


def _latest_key(stored: StoredClaim) -> tuple[dt.date, dt.date, int]:
    time = stored.claim.time
    event = (time.end or time.start) if time else None
    return (stored.doc_date, event or dt.date.min, stored.id)


def _event_date(stored: StoredClaim) -> dt.date:
    time = stored.claim.time
    return (time.start or time.end or stored.doc_date) if time else stored.doc_date


def _stage_facts(stage: str, found: Sequence[StoredClaim]) -> StageFacts:
    quantities = [s.claim.quantity for s in found if s.claim.quantity is not None]
    plain = [q for q in quantities if is_plain_count(q)]
    best = max(plain, key=lambda q: q.value or 0, default=None)
    words = best.text if best else (quantities[0].text if quantities else None)
    return StageFacts(
        stage=stage,
        count=best.value if best else None,
        count_text=words,
        first_reported=min(s.doc_date for s in found),
        last_reported=max(s.doc_date for s in found),
        years=tuple(sorted({_event_date(s).year for s in found})),
        n_claims=len(found),
        claim_ids=tuple(s.id for s in found),
    )


def _delivery_date(found: Sequence[StoredClaim]) -> dt.date | None:
    return min((_event_date(s) for s in found), default=None)


def _largest_value(found: Sequence[StoredClaim]) -> tuple[Value, tuple[str, str]] | None:
    """The largest amount stated, with the story and sentence that state it."""
    values = [
        (s.claim.value, (s.original_id, s.claim.evidence.text)) for s in found
        if s.claim.value is not None and s.claim.value.amount is not None
    ]
    return max(values, key=lambda pair: pair[0].amount or 0, default=None)


@dataclass(frozen=True)
class ProviderTotal:
    """One actor's rows (a provider's, or a recipient's) added up where the units agree."""

    actor: str
    items: int
    items_pledged: int  # rows that reached a pledge stage
    items_delivered: int  # rows that reached delivered
    pledged: int  # sum of plain pledged counts
    delivered: int  # sum of plain delivered counts
    values: dict[str, float]  # currency -> sum of the rows' largest values, each sentence once


def totals(rows: Iterable[TrackerRow], by: str = "provider") -> list[ProviderTotal]:
    """Per provider (or ``by="recipient"``), largest number of items first."""
    grouped: dict[str, list[TrackerRow]] = defaultdict(list)
    for row in rows:
        grouped[row.provider if by == "provider" else row.recipient].append(row)
    out = []
    for actor, found in grouped.items():
        values: dict[str, float] = defaultdict(float)
        counted: set[tuple[str, str]] = set()
        for row in found:
            # one package stated in one sentence for several items is counted once
            if row.value is not None and row.value.amount is not None and row.value_source not in counted:
                values[row.value.currency] += row.value.amount
                if row.value_source is not None:
                    counted.add(row.value_source)
        out.append(ProviderTotal(
            actor=actor,
            items=len(found),
            items_pledged=sum(1 for r in found if any(s in r.stages for s in PLEDGE_STAGES)),
            items_delivered=sum(1 for r in found if "delivered" in r.stages),
            pledged=sum(r.pledged or 0 for r in found),
            delivered=sum(r.delivered or 0 for r in found),
            values=dict(sorted(values.items())),
        ))
    return sorted(out, key=lambda t: (-t.items, t.actor))


def over_time(rows: Iterable[TrackerRow]) -> list[tuple[dt.date, int, int]]:
    """(date, items pledged so far, items delivered so far) at every date either changes."""
    events: dict[dt.date, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        pledge = [row.stages[s].first_reported for s in PLEDGE_STAGES if s in row.stages]
        if pledge:
            events[min(pledge)][0] += 1
        if row.delivered_on is not None:
            events[row.delivered_on][1] += 1
    pledged = delivered = 0
    out = []
    for day in sorted(events):
        pledged += events[day][0]
        delivered += events[day][1]
        out.append((day, pledged, delivered))
    return out
