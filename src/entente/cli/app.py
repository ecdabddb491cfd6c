"""The Typer application every command module registers itself on.

Each command is a few lines over a function of ``entente.api``: the CLI parses
options and prints, the API does the work, so the two never disagree.
"""

from __future__ import annotations

import datetime as dt
from importlib import metadata
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from typer import core as typer_core

from entente.ingest.normalise import clean_text

app = typer.Typer(
    name="entente",
    help="Who supplies what military support to whom, who says so, and how sure the text is.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# stdout carries data (JSONL, tables); stderr carries progress and errors.
out = Console()
err = Console(stderr=True)

# Exit codes, as the README lists them.
EXIT_SOME_FAILED = 1  # some records (articles, files) failed; the others were handled
EXIT_CANNOT_RUN = 2  # the database, the model, an output path or an option is unusable
EXIT_INTERNAL = 3  # a bug in entente itself (E900)


def print_error(problem: object, label: str = "error", console: Console | None = None) -> None:
    """One line on stderr: ``label CODE: where: reason``, printed literally (no Rich markup)."""
    line = " ".join(clean_text(str(problem)).split())  # one line, however the message was built
    (console or err).print(f"[red]{label}[/red] {escape(line)}", highlight=False, soft_wrap=True)


def say(text: str) -> None:
    """A line of progress or a summary on stderr, printed literally."""
    err.print(clean_text(text), markup=False, highlight=False, soft_wrap=True)


def version() -> str:
    """The installed distribution's version (``pyproject.toml``)."""
    try:
        return metadata.version("entente")
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        return "unknown"


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"entente {version()}")
        raise typer.Exit()


@app.callback()
def _main(
    show_version: Annotated[bool, typer.Option(
        "--version", "-V", callback=_print_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Who supplies what military support to whom, who says so, and how sure the text is."""


def parse_date(value: str | None) -> dt.date | None:
    """An option's YYYY-MM-DD date, or a usage error that says what was wrong."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from exc


# Typer 0.29 prints a flag as ``--trace <bool>`` and a required argument as
# ``{paths}...``. Help reads as the usual convention instead: a flag has no
# value, an argument is its name in capitals (``PATHS...``), ``[B]`` when optional.
_option_type = typer_core.TyperOption.display_type_rich


def _flag_has_no_type(self: typer_core.TyperOption, ctx: Any) -> str | None:
    if self.is_flag and self.metavar is None:
        return None
    return _option_type(self, ctx)


def _argument_usage(self: typer_core.TyperArgument) -> str:
    name = self.metavar or (self.name or "").upper()
    if not self.required:
        name = f"[{name}]"
    return name + ("..." if self.nargs != 1 else "")


def _argument_name(self: typer_core.TyperArgument) -> str:
    name = self.metavar or (self.name or "").upper()
    return name + ("..." if self.metavar is None and self.nargs != 1 else "")


def _argument_no_type(self: typer_core.TyperArgument, ctx: Any) -> str | None:
    return None


typer_core.TyperOption.display_type_rich = _flag_has_no_type  # type: ignore[method-assign]
typer_core.TyperArgument._usage_display_name = _argument_usage  # type: ignore[method-assign]
typer_core.TyperArgument._rich_display_name = _argument_name  # type: ignore[method-assign]
typer_core.TyperArgument.display_type_rich = _argument_no_type  # type: ignore[method-assign,assignment]
def skipped_note(skipped: dict[str, int]) -> str:
    """``; skipped 3 records (2 redirect, 1 empty body)``, or nothing when none were."""
    total = sum(skipped.values())
    if not total:
        return ""
    parts = ", ".join(f"{n} {why}" for why, n in sorted(skipped.items()))
    return f"; skipped {total} crawl record{'s' if total != 1 else ''} that are not articles ({parts})"
