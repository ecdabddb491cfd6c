"""``entente demo``: the bundled sample articles, ingested and shown, in one command.

It is ``entente ingest samples/`` followed by the sample claims and
``entente relations``, reusing those commands so the demo shows exactly what a
user will see; then it says how to open the web UI and write a dossier.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

import entente
from entente.cli.app import EXIT_CANNOT_RUN, app, out, print_error, say
from entente.cli.render import ListFormat
from entente.cli.store_cmds import DB_HELP, ingest, relations
from entente.cli.tables import print_claims
from entente.cli.tracker_cmds import tracker
from entente.errors import NotFound, ReadError
from entente.model import Claim
from entente.store import Store, resolve_url

WEB_URL = "http://127.0.0.1:8000/"


def samples_dir() -> Path:
    """The ``samples/`` directory of the repository entente is installed from (editable install).

    Raises ``NotFound`` when entente was installed without its repository (a wheel).
    """
    path = Path(entente.__file__).resolve().parents[2] / "samples"
    if not path.is_dir():
        raise NotFound(
            f"no samples directory at {path}: `entente demo` needs a clone of the repository "
            "installed with `pip install -e .` (or run `entente ingest` on your own articles)"
        )
    return path


def sample_ids(directory: Path) -> list[str]:
    """Ids of the articles in ``directory``, read without extracting (cheap)."""
    from entente.ingest import read_documents

    return [d.id for d in read_documents([directory]) if not isinstance(d, ReadError)]


def sample_claims(store: Store, ids: list[str]) -> list[Claim]:
    """The stored claims of the sample articles only: the store may hold the user's own articles too."""
    return [stored.claim for doc_id in ids for stored in store.claims(doc_id=doc_id)]


@app.command()
def demo(
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
) -> None:
    """Ingest the bundled sample articles, print their claims and relations, and say what to try next."""
    try:
        directory = samples_dir()
    except NotFound as exc:
        print_error(exc)
        raise typer.Exit(EXIT_CANNOT_RUN) from exc
    say(f"ingesting the samples in {directory} into {resolve_url(db)}")
    failed = False
    try:
        ingest([str(directory)], db=db, date=None, workers=1)
    except typer.Exit as exit_:
        if exit_.exit_code != 1:  # 1: some articles failed and were named; show the rest anyway
            raise
        failed = True

    with Store.open(db, read_only=True) as store:
        claims = sample_claims(store, sample_ids(directory))
    print_claims(claims, ListFormat.table)
    sys.stdout.write("\n")
    relations(db=db)
    sys.stdout.write("\n")
    tracker("UKR", db=db)
    where = f" --db {db}" if db else ""
    out.print(
        f"\nWeb UI: Run `entente serve{where}` and open {WEB_URL}\n"
        f"Dossier on two actors: `entente report RUS IRN --out dossier.html{where}`\n"
        "Your own articles: `entente ingest PATH` (text, JSONL, HTML, RSS/Atom, WARC)",
        highlight=False, markup=False, soft_wrap=True,
    )
    if failed:
        raise typer.Exit(1)
