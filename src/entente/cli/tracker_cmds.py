"""``entente tracker``: pledged vs delivered, per provider x item, for one recipient or provider."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path
from typing import Annotated

import typer

from entente.cli.actors import ACTOR_HELP, optional_actor_id
from entente.cli.app import EXIT_CANNOT_RUN, app, print_error, say
from entente.cli.render import FORMAT_HELP, Column, ListFormat, output_width, print_table
from entente.cli.store_cmds import DB_HELP, _open
from entente.errors import CannotWrite
from entente.fuse.tracker import TrackerRow, totals
from entente.report.tracker import export_records, tracker_for, write_csv, write_xlsx
from entente.store.names import actor_name

COLUMNS = (
    Column("from", min=3, max=14),
    Column("to", min=3, max=14),
    Column("item", min=10, max=22),
    Column("path", min=9, max=30),
    Column("pledged", keep=1, min=7, max=9, right=True),
    Column("delivered", keep=1, min=9, max=9, right=True),
    Column("value", keep=4, min=5, max=11, right=True),
    Column("announced", keep=2, min=10, max=10),
    Column("delivery", keep=3, min=10, max=10),
    Column("src", keep=1, min=3, max=3, right=True),
    Column("relation", keep=5, shorten=False),
)


def _amount(row: TrackerRow) -> str:
    if row.value is None or row.value.amount is None:
        return ""
    amount = row.value.amount
    for size, suffix in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if amount >= size:
            return f"{row.value.currency} {amount / size:.3g}{suffix}"
    return f"{row.value.currency} {amount:.0f}"


def _count(number: int | None, words: str | None) -> str:
    if number is not None:
        return f"{number:,}"
    return f"({words})" if words else ""


def cells(row: TrackerRow) -> list[str]:
    return [
        row.provider, row.recipient, row.item_label, "→".join(row.path),
        _count(row.pledged, row.pledged_text), _count(row.delivered, row.delivered_text), _amount(row),
        row.announced.isoformat() if row.announced else "", row.delivered_on.isoformat() if row.delivered_on else "",
        str(row.n_sources), row.relation_id,
    ]


@app.command()
def tracker(
    recipient: Annotated[str | None, typer.Argument(help=f"The recipient. {ACTOR_HELP}")] = None,
    provider: Annotated[str | None, typer.Option("--provider", help="The provider (id or name): what it gave, to whom.")] = None,
    format: Annotated[ListFormat, typer.Option("--format", "-f", help=FORMAT_HELP)] = ListFormat.table,
    xlsx: Annotated[Path | None, typer.Option("--xlsx", help="Also write an Excel workbook (one row per provider, item and stage).")] = None,
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
) -> None:
    """What a recipient was pledged and delivered, by provider and item (or, with --provider, what a provider gave).

    The table has one row per provider x item: the path its stages took, the
    largest counts stated as pledged and delivered, value, first announcement,
    delivery date and independent sources. csv and --xlsx have one row per
    provider, item and stage, with SIPRI-like columns.
    """
    recipient_id, provider_id = optional_actor_id(recipient), optional_actor_id(provider)
    if recipient_id is None and provider_id is None:
        print_error("E410: give a RECIPIENT, a --provider, or both")
        raise typer.Exit(EXIT_CANNOT_RUN)
    with _open(db, read_only=True) as store:
        rows = tracker_for(store, recipient=recipient_id, provider=provider_id)
    if xlsx is not None:
        try:
            write_xlsx(rows, xlsx, title=recipient_id or provider_id or "tracker")
        except OSError as exc:
            print_error(CannotWrite(f"cannot write {xlsx}: {exc.strerror or exc}"))
            raise typer.Exit(EXIT_CANNOT_RUN) from None
        say(f"wrote {xlsx}")
    if format is ListFormat.csv:
        write_csv(rows, sys.stdout)
    elif format is ListFormat.jsonl:
        for record in export_records(rows):
            sys.stdout.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    else:
        print_table(COLUMNS, [cells(r) for r in rows], title=_title(rows, recipient_id, provider_id))


def _title(rows: list[TrackerRow], recipient: str | None, provider: str | None) -> str:
    """Who the rows are of, then items pledged and delivered per actor, wrapped to the width."""
    who = " and ".join(
        f"{label} {actor_name(actor)} ({actor})" for label, actor in (("from", provider), ("to", recipient)) if actor
    )
    by = "provider" if recipient else "recipient"
    summary = ", ".join(f"{t.actor} {t.items_pledged}/{t.items_delivered}" for t in totals(rows, by=by))
    lines = [f"{len(rows)} provider × item rows {who}"]
    if summary:
        width = output_width() or 100
        lines += textwrap.wrap(f"items pledged/delivered by {by}: {summary}", width=width)
    return "\n".join(lines)
