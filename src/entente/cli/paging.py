"""``--limit`` and ``--offset`` of the listings, and the line on stderr that says what they hid.

Every listing prints at most :data:`DEFAULT_LIMIT` rows unless told otherwise
(``--limit 0`` for all), in every format: like ``gh issue list``, a pipe gets
what a terminal gets, and stderr says what was left out, so a script that
wants everything asks for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import typer

from entente.cli.app import say

DEFAULT_LIMIT = 50

LimitOption = Annotated[int, typer.Option(
    "--limit", "-n", min=0, help=f"Rows to print (default {DEFAULT_LIMIT}); 0 for all.")]
OffsetOption = Annotated[int, typer.Option("--offset", min=0, help="Rows to skip first (the next page).")]


@dataclass(frozen=True)
class Page:
    """Which rows of ``total`` a listing prints: ``limit`` (None: all) after ``offset``."""

    limit: int | None
    offset: int
    total: int
    latest: bool = False  # the offset counts from the end (timelines show the latest claims)

    @classmethod
    def of(cls, limit: int, offset: int, total: int, *, latest: bool = False) -> Page:
        return cls(limit or None, offset, total, latest)

    @property
    def shown(self) -> int:
        left = max(self.total - self.offset, 0)
        return left if self.limit is None else min(self.limit, left)

    @property
    def complete(self) -> bool:
        return self.shown == self.total

    def note(self, noun: str, order: str) -> str:
        """``showing 1-50 of 16,222 relations (most sources first); --offset 50 for the next ones, --limit 0 for all``."""
        if self.shown == 0:
            return f"showing none of {self.total:,} {noun} (--offset {self.offset} is past the end)"
        end = self.offset + self.shown
        hints = [f"--offset {end} for the {'earlier' if self.latest else 'next'} ones"] if end < self.total else []
        hints.append("--limit 0 for all")
        first, last = (self.total - end + 1, self.total - self.offset) if self.latest else (self.offset + 1, end)
        return f"showing {first:,}-{last:,} of {self.total:,} {noun} ({order}); " + ", ".join(hints)

    def tell(self, noun: str, order: str) -> None:
        """The note on stderr, when rows were left out."""
        if not self.complete:
            say(self.note(noun, order))
