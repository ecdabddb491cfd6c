"""Evidence as people read it: repeated sentences folded into one entry, times as the text gives them.

A relation reported by a dozen outlets carries the same wire sentence a dozen
times; :func:`fold` makes it one entry that says how often and where. Times are
intervals (``In 2019`` is 2019-01-01 to 2019-12-31): :func:`describe_time`
writes them back as the year, month or range they are, never as a made-up day.
Shared by the relation page and the dossier.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from entente.model import StoredClaim

_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


@dataclass
class Entry:
    """Claims that repeat one sentence with the same reading: shown once, with every article it is in."""

    claims: list[StoredClaim] = field(default_factory=list)

    @property
    def first(self) -> StoredClaim:
        return self.claims[0]

    @property
    def count(self) -> int:
        return len(self.claims)

    @property
    def articles(self) -> list[StoredClaim]:
        """One claim per article, oldest article first."""
        seen: dict[str, StoredClaim] = {}
        for s in sorted(self.claims, key=lambda s: (s.doc_date, s.claim.doc_id)):
            seen.setdefault(s.claim.doc_id, s)
        return list(seen.values())

    @property
    def reprints(self) -> int:
        return sum(1 for s in self.articles if s.reprint_of is not None)


def sentence_key(stored: StoredClaim) -> tuple[str, ...]:
    """What makes two claims one entry: the same sentence (spacing, case, quote marks aside), read the same way."""
    c = stored.claim
    text = _SPACE.sub(" ", c.evidence.text.translate(_QUOTES)).strip().lower()
    source = (c.source.kind, (c.source.text or "").lower()) if c.source else ("", "")
    return (text, c.kind, c.stage, c.modality, c.polarity, *source)


def fold(claims: Sequence[StoredClaim]) -> list[Entry]:
    """``claims`` (in time order) as entries, each placed where its first claim was."""
    entries: dict[tuple[str, ...], Entry] = {}
    for stored in claims:
        entries.setdefault(sentence_key(stored), Entry()).claims.append(stored)
    return list(entries.values())


def describe_time(start: dt.date | None, end: dt.date | None) -> str:
    """An interval as the text gave it: ``2019``, ``July 2022``, ``Feb – Mar 2022``, ``2022-11-05``.

    Only a single day is written as a date; whole years, quarters and months are
    written as such, and an open side as ``from``/``until``.
    """
    if start is None and end is None:
        return "no time given"
    if start is None:
        return f"until {_point(end)}"  # type: ignore[arg-type]
    if end is None:
        return f"from {_point(start)}"
    if start == end:
        return start.isoformat()
    if _month_start(start) and _month_end(end):
        if start.year == end.year:
            if start.month == 1 and end.month == 12:
                return str(start.year)
            if start.month == end.month:
                return f"{calendar.month_name[start.month]} {start.year}"
            return f"{calendar.month_abbr[start.month]} – {calendar.month_abbr[end.month]} {start.year}"
        if start.month == 1 and end.month == 12:
            return f"{start.year} – {end.year}"
        return f"{calendar.month_abbr[start.month]} {start.year} – {calendar.month_abbr[end.month]} {end.year}"
    return f"{start.isoformat()} – {end.isoformat()}"


def _point(day: dt.date) -> str:
    return day.isoformat()


def _month_start(day: dt.date) -> bool:
    return day.day == 1


def _month_end(day: dt.date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]
