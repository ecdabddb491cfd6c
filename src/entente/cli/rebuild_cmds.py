"""``entente rebuild``: every relation fused again from the stored claims (after fusion rules change)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from entente.cli.app import app, err, say
from entente.cli.store_cmds import DB_HELP, _open


@app.command()
def rebuild(
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
) -> None:
    """Re-fuse every relation from the stored claims, 500 relations a transaction; prints what changed."""
    with _open(db) as store, Progress(
        TextColumn("rebuilding relations"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=False,
    ) as progress:
        task = progress.add_task("rebuild", total=None)
        counts = store.rebuild_relations(
            on_progress=lambda done, total: progress.update(task, completed=done, total=total)
        )
    say(f"relations: {counts.changed} changed, {counts.added} added, {counts.removed} removed, "
        f"{counts.unchanged} unchanged")
