"""Actor options and arguments read as names: ``--provider Russia``, ``rus``, ``the Kremlin``.

An unknown name stops the command with ``E411`` and the nearest known names
on stderr, exit code 2 (an option that cannot be used), never an empty table.
"""

from __future__ import annotations

import typer

from entente.cli.app import EXIT_CANNOT_RUN, print_error
from entente.errors import UnknownActor
from entente.names import resolve_actor

ACTOR_HELP = "An actor: id (RUS, org:wagner) or any name the gazetteer knows (Russia, Moscow, the Kremlin)."


def actor_id(text: str) -> str:
    """The actor ``text`` names, or exit 2 with ``E411: ... did you mean ...?``."""
    try:
        return resolve_actor(text)
    except UnknownActor as exc:
        print_error(exc)
        raise typer.Exit(EXIT_CANNOT_RUN) from None


def optional_actor_id(text: str | None) -> str | None:
    return None if text is None or not text.strip() else actor_id(text)
