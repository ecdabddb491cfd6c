"""What each listing prints: its columns (most important first) and, per format, its rows.

``render`` decides how a table fits the width; this module decides what is in
it. Relations and claims keep their ids, actors, item and status at any width;
dates, counts and sources go first when the terminal is narrow.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Sequence
from typing import TextIO

from entente.cli.render import Column, ListFormat, output_width, print_records, print_table, wrap
from entente.model import Claim, Relation, StoredClaim
from entente.store import claim_record, relation_record
from entente.store.export import RELATION_COLUMNS as RELATION_CSV_COLUMNS
from entente.store.export import write_claims_csv
from entente.store.names import actor_name


def actor_label(actor: str) -> str:
    """``IRN Iran``: the id first, so a shortened cell still shows it."""
    name = actor_name(actor)
    return actor if name == actor else f"{actor} {name}"


def span(start: dt.date | None, end: dt.date | None) -> str:
    if start is None and end is None:
        return ""
    if start == end:
        return str(start)
    return f"{start or '…'} – {end or '…'}"


RELATION_COLUMNS = (
    Column("id", shorten=False),
    Column("provider", min=10, max=24),
    Column("recipient", min=10, max=24),
    Column("item", min=12, max=28),
    Column("status", min=10, max=10),
    Column("sources", keep=1, right=True),  # independent voices: what a status rests on
    Column("claims", keep=2, right=True),
    Column("reported", keep=2, min=10, max=23),
    Column("event", keep=3, min=10, max=23),
    Column("articles", keep=4, right=True),
    Column("strongest", keep=5, min=9, max=18),
    Column("category", keep=6, min=8, max=18),
    Column("reprints", keep=7, right=True),
)


def relation_cells(r: Relation) -> list[str]:
    return [
        r.id, actor_label(r.provider), actor_label(r.recipient), r.item_label, r.status,
        str(r.n_sources), str(r.n_claims), span(r.first_seen, r.last_seen), span(r.event_start, r.event_end),
        str(r.n_articles), r.strongest, r.category or "", str(r.n_reprints),
    ]


def print_relations(found: Iterable[Relation], fmt: ListFormat, *, title: str) -> None:
    """Relations as they come from the store: a table fitted on the first rows, or records."""
    if fmt is ListFormat.table:
        print_table(RELATION_COLUMNS, (relation_cells(r) for r in found), title=title)
    else:
        print_records((relation_record(r) for r in found), fmt, fieldnames=RELATION_CSV_COLUMNS)


CLAIM_COLUMNS = (
    Column("doc", keep=2, min=10, max=22),
    Column("kind", min=8, max=11),
    Column("provider", min=8, max=13),
    Column("recipient", min=9, max=13),
    Column("item", min=10, max=30),
    Column("stage", min=8, max=9),
    Column("certainty", keep=1, min=9, max=19),
    Column("source", keep=3, min=8, max=30),
    Column("time", keep=4, min=8, max=22),
)


def claim_cells(c: Claim) -> list[str]:
    item = f"{c.item.text} [{c.item.id or c.item.category}]" if c.item else "-"
    certainty = c.modality + (", denied" if c.polarity == "negative" else "")
    source = (c.source.kind + (f": {c.source.text}" if c.source.text else "")) if c.source else "-"
    time = (c.time.text or span(c.time.start, c.time.end)) if c.time else "-"
    return [c.doc_id, c.kind, c.provider, c.recipient, item, c.stage, certainty, source, time]


def print_claims(claims: Sequence[Claim], fmt: ListFormat) -> None:
    """Claims as ``entente extract`` and ``entente demo`` print them."""
    if fmt is ListFormat.table:
        print_table(CLAIM_COLUMNS, [claim_cells(c) for c in claims], title=f"{len(claims)} claims")
    else:
        print_records((c.to_dict() for c in claims), fmt)


def print_evidence(title: str, claims: Sequence[StoredClaim], fmt: ListFormat, stream: TextIO | None = None) -> None:
    """Stored claims with their sentences: a block a claim on a terminal, records otherwise.

    A block is the claim's time, parties and item on one line, then its stage,
    certainty, source and article, then the sentence, wrapped to the width.
    """
    stream = stream or sys.stdout
    if fmt is ListFormat.csv:
        write_claims_csv(claims, stream)
        return
    if fmt is ListFormat.jsonl:
        print_records((claim_record(s) for s in claims), fmt, stream=stream)
        return
    width = output_width(stream)
    stream.write(title + "\n" if title else "")
    for s in claims:
        c = s.claim
        when = span(c.time.start, c.time.end) if c.time and (c.time.start or c.time.end) else "no time given"
        if c.time and c.time.anchor == "assumed":
            when += " (article date assumed)"
        what = f"{c.provider} → {c.recipient} {c.kind}" + (f": {c.item.text}" if c.item else "")
        certainty = f"{c.stage}, {c.modality}" + (", denied" if c.polarity == "negative" else "")
        source = f"{c.source.kind}: {c.source.text}" if c.source and c.source.text else (
            c.source.kind if c.source else "the article")
        article = f"{s.doc_date} {c.doc_id}" + (f" ({s.doc_title})" if s.doc_title else "")
        stream.write("\n" + wrap(f"{when}  {what}", width, "") + "\n")
        stream.write(wrap(f"{certainty} · {source} · {article}", width, "  ") + "\n")
        stream.write(wrap(f"“{c.evidence.text}”", width, "  ") + "\n")
