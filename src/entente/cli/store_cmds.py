"""``entente ingest``, ``relations``, ``timeline``, ``show``, ``export`` and ``stats``.

Thin: options are parsed here, the work is done by ``entente.store`` (and its
``service.ingest_paths``); the database is ``--db`` or ``$ENTENTE_DB`` or ``./entente.db``.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from entente.cli.app import app, err, out, parse_date
from entente.errors import EntenteError
from entente.model import StoredClaim
from entente.store import (
    Store,
    export_csv,
    export_graphml,
    export_jsonl,
    relation_record,
)
from entente.store.names import actor_name
from entente.store.service import IngestReport, ingest_paths

DB_HELP = "Database: a SQLite path or a URL (postgresql://...). Default: $ENTENTE_DB, else ./entente.db."


class ListFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"


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
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    try:
        yield store
    except EntenteError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(1) from exc
    finally:
        store.close()


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, globs, .gz files, or - for JSONL on stdin.")],
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    date: Annotated[str | None, typer.Option("--date", help="Publication date (YYYY-MM-DD) for articles without one.")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Extraction processes on this machine.")] = 1,
) -> None:
    """Read articles, extract their claims and store them, one transaction per article.

    Exit code 0 when every article was stored, 1 when some failed (each is
    named on stderr with its reason; the others are stored).
    """
    from contextlib import ExitStack

    from entente.api import open_extractor

    with _open(db) as store, ExitStack() as stack:
        try:
            # N worker processes parse (one pool for the run); this process stores, one transaction per article
            extractor = stack.enter_context(open_extractor(workers))
        except EntenteError as exc:
            err.print(f"[red]error[/red] {exc}", highlight=False)
            raise typer.Exit(2) from exc
        with Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TextColumn("{task.fields[articles]} articles, {task.fields[claims]} claims, "
                       "[red]{task.fields[errors]} errors[/red], {task.fields[rate]:.1f}/s"),
            TimeElapsedColumn(),
            console=err,
            transient=False,
        ) as progress:
            task = progress.add_task("ingesting", total=None, articles=0, claims=0, errors=0, rate=0.0)
            shown = 0

            def on_progress(report: IngestReport) -> None:
                nonlocal shown
                for failure in report.failed[shown:]:
                    progress.console.print(f"[red]failed[/red] {failure.where}: {failure.reason}", highlight=False)
                shown = len(report.failed)
                progress.update(task, articles=report.articles, claims=report.claims,
                                errors=len(report.failed), rate=report.rate)

            report = ingest_paths(paths, store, extractor, date=_date(date), on_progress=on_progress,
                                  workers=workers)
            on_progress(report)
            progress.update(task, description="done")
    err.print(
        f"added {report.added}, replaced {report.replaced}, unchanged {report.unchanged}, "
        f"failed {len(report.failed)}; {report.claims} claims stored",
        highlight=False,
    )
    if not report.ok:
        raise typer.Exit(1)


def _names(actor: str) -> str:
    name = actor_name(actor)
    return actor if name == actor else f"{name} ({actor})"


def _span(start: dt.date | None, end: dt.date | None) -> str:
    if start is None and end is None:
        return ""
    if start == end:
        return str(start)
    return f"{start or '…'} – {end or '…'}"


@app.command()
def relations(
    provider: Annotated[str | None, typer.Option("--provider", help="Provider actor id (RUS, org:wagner).")] = None,
    recipient: Annotated[str | None, typer.Option("--recipient", help="Recipient actor id.")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Either side.")] = None,
    item: Annotated[str | None, typer.Option("--item", help="Catalogue id (s-400) or words of the item label.")] = None,
    category: Annotated[str | None, typer.Option("--category", help="Item category (uav, air_defence, ...).")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Reported in an article on or after this date.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Reported in an article on or before this date.")] = None,
    status: Annotated[list[str] | None, typer.Option("--status", help="confirmed, reported, expected, ... (repeatable).")] = None,
    text: Annotated[str | None, typer.Option("--text", help="Words in the evidence or item text.")] = None,
    format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
) -> None:
    """List fused relations: who supplies what to whom, how strong the evidence is."""
    with _open(db, read_only=True) as store:
        found = store.relations(
            provider=provider, recipient=recipient, item=item, category=category,
            since=_date(since), until=_date(until), status=status or None, actor=actor, text=text,
        )
    if format is ListFormat.jsonl:
        for relation in found:
            sys.stdout.write(json.dumps(relation_record(relation), ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{len(found)} relations")
    for column in ("id", "provider", "recipient", "item", "category", "status", "strongest",
                   "reported", "event", "articles", "sources", "claims"):
        table.add_column(column, overflow="fold")
    for r in found:
        table.add_row(
            r.id, _names(r.provider), _names(r.recipient), r.item_label, r.category or "", r.status,
            r.strongest, _span(r.first_seen, r.last_seen), _span(r.event_start, r.event_end),
            str(r.n_articles), str(r.n_sources), str(r.n_claims),
        )
    out.print(table)


def _claims_table(title: str, claims: list[StoredClaim]) -> Table:
    table = Table(title=title, show_lines=True)
    for column in ("time", "article", "claim", "source", "certainty", "sentence"):
        table.add_column(column, overflow="fold")
    for s in claims:
        c = s.claim
        source = c.source
        table.add_row(
            _span(c.time.start, c.time.end) if c.time else "",
            f"{s.doc_date} {c.doc_id}" + (f"\n{s.doc_title}" if s.doc_title else ""),
            f"{c.provider} → {c.recipient}: {c.kind}" + (f" ({c.item.text})" if c.item else ""),
            f"{source.text or '(the article)'} [{source.kind}]" if source else "",
            f"{c.stage}, {c.modality}, {c.polarity}",
            c.evidence.text,
        )
    return table


@app.command()
def timeline(
    a: Annotated[str, typer.Argument(help="One actor id (IRN).")],
    b: Annotated[str, typer.Argument(help="The other actor id (RUS).")],
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
) -> None:
    """Every claim between two actors, both directions, in event order."""
    with _open(db, read_only=True) as store:
        found = store.timeline(a, b)
    out.print(_claims_table(f"{_names(a)} ⇄ {_names(b)}: {len(found)} claims", found))


@app.command()
def show(
    relation_id: Annotated[str, typer.Argument(help="A relation id from `entente relations`.")],
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
) -> None:
    """One relation with every claim behind it: sentence, source, certainty, time, article."""
    with _open(db, read_only=True) as store:
        r = store.relation(relation_id)
    out.print(
        f"[bold]{_names(r.provider)} → {_names(r.recipient)}[/bold]: {r.item_label}"
        f" ({r.category or 'no category'}; {', '.join(r.kinds)})\n"
        f"status [bold]{r.status}[/bold], strongest evidence {r.strongest}; "
        f"{r.n_claims} claims in {r.n_articles} articles from {r.n_sources} sources; "
        f"reported {_span(r.first_seen, r.last_seen)}"
        + (f"; event {_span(r.event_start, r.event_end)}" if r.event_start or r.event_end else ""),
        highlight=False,
    )
    out.print(_claims_table("claims", r.timeline))


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option(
        "--format", "-f", help="jsonl or csv (one claim each), graphml (actors and relations).")] = ExportFormat.jsonl,
    out_path: Annotated[Path | None, typer.Option("--out", "-o", help="File to write; default standard output.")] = None,
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
) -> None:
    """Export the whole store for other tools (spreadsheets, Gephi, networkx)."""
    writers: dict[ExportFormat, Callable[[Store, TextIO], int]] = {
        ExportFormat.jsonl: export_jsonl, ExportFormat.csv: export_csv, ExportFormat.graphml: export_graphml,
    }
    with _open(db, read_only=True) as store:
        if out_path is None:
            n = writers[format](store, sys.stdout)
        else:
            with out_path.open("w", encoding="utf-8", newline="") as stream:
                n = writers[format](store, stream)
    unit = "relations" if format is ExportFormat.graphml else "claims"
    err.print(f"exported {n} {unit}" + (f" to {out_path}" if out_path else ""), highlight=False)


@app.command()
def stats(
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
) -> None:
    """Counts of documents, claims, relations and actors, relations by status, claims by kind."""
    with _open(db, read_only=True) as store:
        figures = store.stats()
    if format is ListFormat.jsonl:
        sys.stdout.write(json.dumps(figures.to_dict()) + "\n")
        return
    table = Table(title="entente store", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("documents", str(figures.documents))
    table.add_row("claims", str(figures.claims))
    table.add_row("relations", str(figures.relations))
    table.add_row("actors", str(figures.actors))
    table.add_row("articles dated", _span(figures.first_date, figures.last_date))
    for status, n in figures.by_status.items():
        table.add_row(f"relations {status}", str(n))
    for kind, n in figures.by_kind.items():
        table.add_row(f"claims {kind}", str(n))
    out.print(table)
