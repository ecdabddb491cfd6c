"""``entente ingest``, ``relations``, ``timeline``, ``show``, ``export`` and ``stats``.

Thin: options are parsed here, the work is done by ``entente.store`` (and its
``service.ingest_paths``); the database is ``--db`` or ``$ENTENTE_DB`` or ``./entente.db``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from entente.cli.actors import ACTOR_HELP, actor_id, optional_actor_id
from entente.cli.app import (
    EXIT_CANNOT_RUN,
    EXIT_SOME_FAILED,
    app,
    err,
    out,
    parse_date,
    print_error,
    say,
    skipped_note,
)
from entente.cli.paging import DEFAULT_LIMIT, LimitOption, OffsetOption, Page
from entente.cli.render import FORMAT_HELP, Column, ListFormat, output_width, print_records, print_table
from entente.cli.tables import print_evidence, print_relations, span
from entente.errors import CannotWrite, EntenteError
from entente.store import (
    Store,
    export_csv,
    export_graphml,
    export_jsonl,
)
from entente.store.export import export_relations_csv, export_relations_jsonl
from entente.store.names import actor_name
from entente.store.records import RelationFilters

if TYPE_CHECKING:
    from entente.store.service import IngestReport

DB_HELP = "Database: a SQLite path or a URL (postgresql://...). Default: $ENTENTE_DB, else ./entente.db."


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    graphml = "graphml"


_date = parse_date


@contextmanager
def _open(db: str | None, *, read_only: bool = False) -> Iterator[Store]:
    try:
        store = Store.open(db, read_only=read_only)
    except EntenteError as exc:
        print_error(exc)
        raise typer.Exit(EXIT_CANNOT_RUN) from exc
    try:
        yield store
    except EntenteError as exc:
        print_error(exc)
        raise typer.Exit(EXIT_SOME_FAILED) from exc
    finally:
        store.close()


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, globs, .gz files, or - for JSONL on stdin.")],
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    date: Annotated[str | None, typer.Option("--date", help="Publication date (YYYY-MM-DD) for articles without one.")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Extraction processes on this machine.")] = 1,
) -> None:
    """Read articles, extract their claims and store them, one transaction per batch of 16 articles.

    Exit code 0 when every article was stored, 1 when some failed (each is
    named on stderr with its reason; the others are stored).
    """
    from contextlib import ExitStack

    from entente.api import open_extractor
    from entente.cli.progress import count_articles, ingest_progress  # the readers: only to ingest
    from entente.store.service import IngestReport, ingest_paths

    with ExitStack() as stack:
        def start_extractor() -> Any:
            try:
                # N worker processes parse (one pool for the run); this process stores, one transaction per batch
                return stack.enter_context(open_extractor(workers))
            except EntenteError as exc:
                print_error(exc)
                raise typer.Exit(EXIT_CANNOT_RUN) from exc

        # A pool starts first: its workers load the model while this process opens (or migrates) the store;
        # one process opens the store first, so a store that cannot open says so before the model loads.
        extractor = start_extractor() if workers > 1 else None
        store = stack.enter_context(_open(db))
        if extractor is None:
            extractor = start_extractor()
        report = IngestReport()
        try:
            with ingest_progress(err, count_articles(paths)) as on_progress:
                on_progress(ingest_paths(paths, store, extractor, date=_date(date), on_progress=on_progress,
                                         workers=workers, report=report))
        finally:  # the summary prints even when entente itself fails half-way (exit 3, E900)
            say(_summary(report))
    if not report.ok:
        raise typer.Exit(EXIT_SOME_FAILED)


def _summary(report: IngestReport) -> str:
    return (f"added {report.added}, replaced {report.replaced}, unchanged {report.unchanged}, "
            f"failed {len(report.failed)}; {report.claims} claims stored" + skipped_note(report.skipped))


def _names(actor: str) -> str:
    name = actor_name(actor)
    return actor if name == actor else f"{name} ({actor})"


FormatOption = Annotated[ListFormat, typer.Option("--format", "-f", help=FORMAT_HELP)]


class Order(StrEnum):
    sources = "sources"
    claims = "claims"
    recent = "recent"
    pair = "pair"


ORDER_WORDS = {
    Order.sources: "most independent sources first", Order.claims: "most claims first",
    Order.recent: "latest article first", Order.pair: "by provider, recipient, item",
}


@app.command()
def relations(
    provider: Annotated[str | None, typer.Option("--provider", help=f"Provider. {ACTOR_HELP}")] = None,
    recipient: Annotated[str | None, typer.Option("--recipient", help="Recipient (id or name).")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Either side (id or name).")] = None,
    item: Annotated[str | None, typer.Option("--item", help="Catalogue id (s-400) or words of the item label.")] = None,
    category: Annotated[str | None, typer.Option("--category", help="Item category (uav, air_defence, ...).")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Reported in an article on or after this date.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Reported in an article on or before this date.")] = None,
    status: Annotated[list[str] | None, typer.Option("--status", help="confirmed, reported, expected, ... (repeatable).")] = None,
    text: Annotated[str | None, typer.Option("--text", help="Words in the evidence or item text.")] = None,
    order: Annotated[Order, typer.Option("--order", help=(
        "sources (most independent sources, then claims, then latest: the default), claims, "
        "recent (latest article first) or pair (provider, recipient, item)."))] = Order.sources,
    limit: LimitOption = DEFAULT_LIMIT,
    offset: OffsetOption = 0,
    format: FormatOption = ListFormat.table,
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
) -> None:
    """List fused relations: who supplies what to whom, how strong the evidence is, the best attested first."""
    provider, recipient, actor = (optional_actor_id(a) for a in (provider, recipient, actor))
    filters = RelationFilters(provider=provider, recipient=recipient, item=item, category=category,
                              since=_date(since), until=_date(until), status=status or None, actor=actor, text=text)
    with _open(db, read_only=True) as store, store.snapshot():  # the count and the rows: one state of the store
        page = Page.of(limit, offset, store.count_relations(filters))
        print_relations(store.iter_relations(filters, order=order.value, limit=page.limit, offset=offset),
                        format, title=_listed(page, "relations"))
    page.tell("relations", ORDER_WORDS[order])


def _listed(page: Page, noun: str) -> str:
    """A table's title: how many match, and which of them are printed when not all."""
    if page.complete:
        return f"{page.total} {noun}"
    return f"{page.total:,} {noun}, {page.shown:,} shown"


TimelineOrder = Annotated[bool, typer.Option(
    "--oldest", help="The first claims in event order, not the latest (with --limit).")]


@app.command()
def timeline(
    a: Annotated[str, typer.Argument(help="One actor: id (IRN) or name (Iran, Tehran).")],
    b: Annotated[str, typer.Argument(help="The other actor (RUS, Russia, the Kremlin).")],
    limit: LimitOption = DEFAULT_LIMIT,
    offset: OffsetOption = 0,
    oldest: TimelineOrder = False,
    format: FormatOption = ListFormat.table,
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
) -> None:
    """Claims between two actors, both directions, in event order: the latest --limit of them.

    --offset N skips the N latest (--oldest: the N first).
    """
    a, b = actor_id(a), actor_id(b)
    with _open(db, read_only=True) as store, store.snapshot():
        page = Page.of(limit, offset, store.count_timeline(a, b), latest=not oldest)
        found = store.timeline(a, b, limit=page.limit, offset=offset, latest=page.latest)
    print_evidence(f"{_names(a)} ⇄ {_names(b)}: {_listed(page, 'claims')}", found, format)
    page.tell("claims", "in event order")


@app.command()
def show(
    relation_id: Annotated[str, typer.Argument(
        metavar="ID", help="A relation id from `entente relations`, or a unique prefix of one.")],
    limit: LimitOption = DEFAULT_LIMIT,
    offset: OffsetOption = 0,
    oldest: TimelineOrder = False,
    format: FormatOption = ListFormat.table,
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
) -> None:
    """One relation with the claims behind it (the latest --limit): sentence, source, certainty, time, article."""
    with _open(db, read_only=True) as store:
        r = store.relation(relation_id, limit=limit or None, offset=offset, latest=not oldest)
    page = Page.of(limit, offset, r.n_claims, latest=not oldest)
    if format is not ListFormat.table:
        print_evidence("", r.timeline, format)
        page.tell("claims", "in event order")
        return
    out.print(
        f"[bold]{r.id}  {_names(r.provider)} → {_names(r.recipient)}[/bold]: {r.item_label}"
        f" ({r.category or 'no category'}; {', '.join(r.kinds)})\n"
        f"status [bold]{r.status}[/bold], strongest evidence {r.strongest}; "
        f"{r.n_claims} claims in {r.n_articles} articles from {r.n_sources} independent sources"
        f" (and {r.n_reprints} reprints); "
        f"reported {span(r.first_seen, r.last_seen)}"
        + (f"; event {span(r.event_start, r.event_end)}" if r.event_start or r.event_end else ""),
        highlight=False, soft_wrap=output_width() is None,
    )
    shown = "" if page.complete else f" ({page.shown:,} shown)"
    print_evidence(f"\n{r.n_claims} claims{shown}, in event order:", r.timeline, format)
    page.tell("claims", "in event order")


class ExportRows(StrEnum):
    claims = "claims"
    relations = "relations"


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option(
        "--format", "-f", help="jsonl, csv, or graphml (actors, and one edge per pair of actors).")] = ExportFormat.jsonl,
    rows: Annotated[ExportRows, typer.Option(
        "--rows", help="With jsonl or csv: one claim or one relation a line.")] = ExportRows.claims,
    out_path: Annotated[Path | None, typer.Option("--out", "-o", help="File to write; default standard output.")] = None,
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
) -> None:
    """Export the whole store for other tools (spreadsheets, Gephi, networkx), actors' names beside their ids."""
    writers: dict[tuple[ExportFormat, ExportRows], Callable[[Store, TextIO], int]] = {
        (ExportFormat.jsonl, ExportRows.claims): export_jsonl,
        (ExportFormat.csv, ExportRows.claims): export_csv,
        (ExportFormat.jsonl, ExportRows.relations): export_relations_jsonl,
        (ExportFormat.csv, ExportRows.relations): export_relations_csv,
    }
    writer = export_graphml if format is ExportFormat.graphml else writers[(format, rows)]
    with _open(db, read_only=True) as store:
        if out_path is None:
            n = writer(store, sys.stdout)
        else:
            try:
                stream = out_path.open("w", encoding="utf-8", newline="")
            except OSError as exc:
                print_error(CannotWrite(f"cannot write {out_path}: {exc.strerror or exc}"))
                raise typer.Exit(EXIT_CANNOT_RUN) from None
            with stream:
                n = writer(store, stream)
    unit = "actor pairs" if format is ExportFormat.graphml else rows.value
    say(f"exported {n} {unit}" + (f" to {out_path}" if out_path else ""))


@app.command()
def stats(
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    format: FormatOption = ListFormat.table,
) -> None:
    """Counts of documents, claims, relations and actors, relations by status, claims by kind."""
    with _open(db, read_only=True) as store:
        figures = store.stats()
    if format is ListFormat.jsonl:
        sys.stdout.write(json.dumps(figures.to_dict()) + "\n")
        return
    rows = [("documents", figures.documents), ("claims", figures.claims), ("relations", figures.relations),
            ("actors", figures.actors)]
    rows += [(f"relations {status}", n) for status, n in figures.by_status.items()]
    rows += [(f"claims {kind}", n) for kind, n in figures.by_kind.items()]
    dated = span(figures.first_date, figures.last_date)
    if format is ListFormat.csv:
        print_records(({"what": what, "count": n} for what, n in rows), format)
        return
    cells = [[what, str(n)] for what, n in rows[:4]] + [["articles dated", dated]]
    cells += [[what, str(n)] for what, n in rows[4:]]
    print_table((Column("what", max=30), Column("count", max=23, right=True)), cells, title="entente store")
