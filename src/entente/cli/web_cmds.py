"""``entente serve`` and ``entente report``: thin layers over ``entente.web`` and ``entente.report``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from entente.cli.app import EXIT_CANNOT_RUN, app, print_error, say
from entente.errors import CannotWrite, EntenteError

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Store URL or SQLite path (default: $ENTENTE_DB, else ./entente.db)."),
]


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to bind; the default keeps the UI on this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    allow_host: Annotated[list[str] | None, typer.Option(
        "--allow-host", help="Another host name the UI is reached by (repeatable); others get a 400.")] = None,
) -> None:
    """Serve the web UI (graph, relations, articles, JSON API) over a read-only store."""
    import uvicorn

    from entente.web.app import create_app

    try:
        application = create_app(db, host=host, allow_hosts=tuple(allow_host or ()))
    except EntenteError as exc:
        print_error(exc)
        raise typer.Exit(EXIT_CANNOT_RUN) from None
    if host not in ("127.0.0.1", "localhost", "::1"):
        say(f"serving on {host}: anyone who can reach it can read the whole store")
    say(f"entente web UI on http://{host}:{port}/ (read-only; Ctrl+C stops it)")
    uvicorn.run(application, host=host, port=port, log_level="warning")


@app.command()
def report(
    a: Annotated[str, typer.Argument(help="One actor: id (RUS, org:hezbollah) or name (Russia, the Kremlin).")],
    b: Annotated[str, typer.Argument(help="The other actor (id or name).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")],
    db: DbOption = None,
) -> None:
    """Write a self-contained HTML dossier on the relations between A and B, in both directions."""
    from entente.cli.actors import actor_id

    a, b = actor_id(a), actor_id(b)
    from entente.report import write_report
    from entente.store import Store

    try:
        with Store.open(db, read_only=True) as store:
            path = write_report(store, a, b, out)
    except EntenteError as exc:
        print_error(exc)
        raise typer.Exit(EXIT_CANNOT_RUN) from None
    except OSError as exc:
        print_error(CannotWrite(f"cannot write {out}: {exc.strerror or exc}"))
        raise typer.Exit(EXIT_CANNOT_RUN) from None
    say(f"wrote {path}")
