"""``entente watch``: poll feeds and ingest each new entry once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from entente.cli.app import EXIT_CANNOT_RUN, app, err, print_error, say
from entente.cli.store_cmds import DB_HELP, _open
from entente.errors import CannotWrite, EntenteError, ReadError
from entente.model import Document


@app.command()
def watch(
    feeds: Annotated[list[str], typer.Argument(help="RSS or Atom feeds: local paths or http(s) URLs.")],
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    interval: Annotated[float, typer.Option("--interval", min=1.0, help="Seconds between polls.")] = 300.0,
    rounds: Annotated[int | None, typer.Option("--rounds", min=1, help="Stop after N polls (default: run until Ctrl-C).")] = None,
    seen: Annotated[Path, typer.Option("--seen", help="Where delivered entries are remembered across restarts.")] = Path(
        "entente-watch-seen.json"
    ),
) -> None:
    """Poll feeds on an interval and ingest every new entry once, across restarts."""
    from entente.api import load_extractor
    from entente.ingest.watch import watch_feeds  # the readers load with the command that reads
    from entente.store.service import ingest_documents

    with _open(db) as store:
        try:
            extractor = load_extractor()
        except EntenteError as exc:
            print_error(exc)
            raise typer.Exit(EXIT_CANNOT_RUN) from exc

        def on_document(doc: Document) -> None:
            report = ingest_documents([doc], store, extractor)
            state = "failed" if report.failed else f"{report.claims} claims"
            say(f"new entry {doc.id} ({doc.date}): {state}")
            for failure in report.failed:
                print_error(failure, "failed")

        def on_error(error: ReadError) -> None:
            print_error(error)

        try:
            watch_feeds(feeds, interval=interval, seen_path=seen, on_document=on_document,
                        on_error=on_error, rounds=rounds)
        except CannotWrite as exc:
            print_error(exc)
            raise typer.Exit(EXIT_CANNOT_RUN) from exc
        except KeyboardInterrupt:
            err.print("stopped; every entry ingested so far is stored")
