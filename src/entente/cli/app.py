"""The Typer application every command module registers itself on.

Each command is a few lines over a function of ``entente.api``: the CLI parses
options and prints, the API does the work, so the two never disagree.
"""

from __future__ import annotations

import datetime as dt

import typer
from rich.console import Console

app = typer.Typer(
    name="entente",
    help="Who supplies what military support to whom, who says so, and how sure the text is.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# stdout carries data (JSONL, tables); stderr carries progress and errors.
out = Console()
err = Console(stderr=True)


def parse_date(value: str | None) -> dt.date | None:
    """An option's YYYY-MM-DD date, or a usage error that says what was wrong."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from exc
