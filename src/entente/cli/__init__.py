"""``entente`` on the command line: one module of commands per interface."""

from __future__ import annotations

import os
import sys
import traceback

from entente.cli import (
    demo_cmds,  # noqa: F401  (registers demo)
    extract_cmds,  # noqa: F401  (registers commands)
    rebuild_cmds,  # noqa: F401  (registers rebuild)
    scale_cmds,  # noqa: F401  (registers dask-extract, bench)
    store_cmds,  # noqa: F401  (registers commands)
    tracker_cmds,  # noqa: F401  (registers tracker)
    watch_cmds,  # noqa: F401  (registers watch)
    web_cmds,  # noqa: F401  (registers serve, report)
)
from entente.cli.app import EXIT_INTERNAL, app, print_error
from entente.errors import InternalError

__all__ = ["app", "main"]


def main() -> None:
    """``entente``: the commands, and no traceback for a user (exit 3 and E900 for a bug of entente's own).

    ``ENTENTE_DEBUG=1`` prints the traceback of such a bug as well.
    """
    try:
        app()
    except Exception as exc:  # noqa: BLE001 - input errors are reported by the commands; this is a bug
        print_error(InternalError(f"entente failed: {type(exc).__name__}: {exc} (a bug; "
                                  "set ENTENTE_DEBUG=1 for the traceback)"))
        if os.environ.get("ENTENTE_DEBUG"):
            traceback.print_exc()
        sys.exit(EXIT_INTERNAL)
