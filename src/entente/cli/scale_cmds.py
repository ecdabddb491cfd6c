"""``entente dask-extract`` and ``entente bench``: extraction at scale, and how fast it is."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from entente.cli.app import app, err, print_error, say
from entente.errors import EntenteError


@app.command("dask-extract")
def dask_extract(
    paths: list[str] = typer.Argument(..., help="JSONL, WARC or any input `entente extract` reads."),
    scheduler: str = typer.Option("local", "--scheduler", help="'local' (2 worker processes) or tcp://host:8786."),
    out_to: str = typer.Option(..., "--out", help="A directory for Parquet partitions, or a postgresql:// URL."),
    partition_size: int = typer.Option(64, "--partition-size", min=1, help="Documents per Dask task."),
) -> None:
    """Extract claims on a Dask cluster, one Parquet file per partition (or into a store)."""
    from entente.api import extract_on_dask

    try:
        run = extract_on_dask(paths, scheduler=scheduler, out=out_to, partition_size=partition_size)
    except EntenteError as exc:
        print_error(exc)
        raise typer.Exit(1) from exc
    for problem in run.read_errors:
        print_error(problem)
    say(f"{run.documents} documents, {run.claims} claims, {run.partitions} partitions -> {out_to}")
    if run.read_errors:
        raise typer.Exit(1)


@app.command()
def bench(
    corpus: Path | None = typer.Argument(None, help="Articles to measure (JSONL, ...); default: the real streams."),
    articles: int = typer.Option(300, "--articles", min=1, help="Articles of the real military stream."),
    repeat: int = typer.Option(1, "--repeat", min=1, help="Runs of each process; the median is reported."),
    workers_articles: int = typer.Option(1000, "--workers-articles", min=0,
                                         help="Articles for --workers 2 against 1 (0: skip)."),
    no_scaling: bool = typer.Option(False, "--no-scaling", help="Skip the time per character from 1 KB to 500 KB."),
    no_streams: bool = typer.Option(False, "--no-streams", help="Skip the three streams (only --workers and the rest)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    store: Path | None = typer.Option(None, "--store", help="Instead: the per-article save cost on an empty store "
                                      "and on a copy of this one (make it with tools/make_big_store.py)."),
) -> None:
    """Extraction against a bare spaCy parse of the same articles (whole processes): real military news,
    a mixed real stream, the template corpus; --workers 2 against 1; cost per character by article length.
    With --store: the per-article store cost, empty store against a large one."""
    from entente.model import Document

    if store is not None:
        _bench_store(store, articles, as_json)
        return
    from entente.scale.bench import format_report, run_bench

    docs = None
    if corpus is not None:
        from entente.ingest import read_documents

        docs = [d for d in read_documents([corpus]) if isinstance(d, Document)]
        if not docs:
            print_error(f"no readable article in {corpus}")
            raise typer.Exit(1)
    err.print(f"measuring (about {3 + 3 * repeat + (2 if workers_articles else 0)} minutes)...")
    try:
        report = run_bench(docs, articles=articles, repeat=repeat, workers_articles=workers_articles,
                            scaling=not no_scaling, streams=not no_streams)
    except EntenteError as exc:
        err.print(f"[red]error[/red] {exc}", markup=True, highlight=False)
        raise typer.Exit(1) from exc
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2) + "\n")
    else:
        sys.stdout.write(format_report(report) + "\n")


def _bench_store(big: Path, articles: int, as_json: bool) -> None:
    from entente.api import load_extractor
    from entente.scale.bench_store import format_store_report, run_store_bench

    err.print("measuring the store (about a minute)...")
    try:
        report = run_store_bench(big, load_extractor(), articles)
    except EntenteError as exc:
        print_error(exc)
        raise typer.Exit(1) from exc
    sys.stdout.write((json.dumps(report.to_dict(), indent=2) if as_json else format_store_report(report)) + "\n")
