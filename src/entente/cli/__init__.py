"""``entente`` on the command line: one module of commands per interface."""

from __future__ import annotations

from entente.cli import (
    demo_cmds,  # noqa: F401  (registers demo)
    extract_cmds,  # noqa: F401  (registers commands)
    scale_cmds,  # noqa: F401  (registers dask-extract, bench)
    store_cmds,  # noqa: F401  (registers commands)
    watch_cmds,  # noqa: F401  (registers watch)
    web_cmds,  # noqa: F401  (registers serve, report)
)
from entente.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    app()
