"""Listings on a terminal or down a pipe: tables that fit the width, JSON Lines, CSV.

A table is plain columns (no box), sized to the terminal: columns are dropped
from the least important until the rest fit, then the widest are shortened
with an ellipsis. Ids are never shortened or wrapped, so any id printed can be
pasted into ``entente show``. Down a pipe there is no width to fit (unless
``$COLUMNS`` says one): every column is printed, each capped at its own
maximum, so ``entente relations | less`` reads like the terminal does.
"""

from __future__ import annotations

import csv
import itertools
import json
import math
import os
import shutil
import sys
import textwrap
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TextIO

GAP = "  "
ELLIPSIS = "…"


class ListFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


FORMAT_HELP = "table (fits the terminal), jsonl (one object a line) or csv."


@dataclass(frozen=True)
class Column:
    """One column: ``keep`` ranks it (0 is dropped last); ``min``/``max`` bound its width."""

    name: str
    keep: int = 0
    min: int = 4
    max: int = 40
    shorten: bool = True  # False for ids: printed whole, whatever the width
    right: bool = False


def output_width(stream: TextIO | None = None) -> int | None:
    """Columns to fit: the terminal's, or ``$COLUMNS`` down a pipe, else None (no limit)."""
    stream = stream or sys.stdout
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if _isatty(stream):
        return shutil.get_terminal_size((100, 24)).columns
    return None


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, the cut marked with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    return text[: max(width - 1, 0)] + ELLIPSIS if width > 0 else ""


def fit(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int | None) -> list[tuple[int, int]]:
    """Which columns to print and how wide: ``(index, width)`` in the columns' order."""
    natural = []
    for i, col in enumerate(columns):
        longest = max([len(col.name), *(len(" ".join(row[i].split())) for row in rows)])
        natural.append(longest if not col.shorten else min(longest, max(col.max, len(col.name))))
    floor = [n if not c.shorten else min(n, max(c.min, len(c.name))) for c, n in zip(columns, natural, strict=True)]
    if width is None:
        return list(enumerate(natural))

    def total(widths: Sequence[int], chosen: Iterable[int]) -> int:
        chosen = list(chosen)
        return sum(widths[i] for i in chosen) + len(GAP) * (len(chosen) - 1)

    # The columns ranked 0 are always printed, shortened down to their floor if need be. Each
    # other column, most important first, is printed only if it fits whole beside the others
    # chosen, those ranked 0 shortened by at most a quarter.
    kept = [i for i, c in enumerate(columns) if c.keep == 0]
    room = [n if c.keep > 0 else max(f, math.ceil(n * 0.75)) for c, n, f in zip(columns, natural, floor, strict=True)]
    for i in sorted((i for i, c in enumerate(columns) if c.keep > 0), key=lambda i: (columns[i].keep, i)):
        if total(room, [*kept, i]) <= width:
            kept.append(i)
    kept.sort()
    widths = {i: natural[i] for i in kept}
    excess = total(natural, kept) - width
    while excess > 0:  # the widest first, of the always-printed columns before the others
        shrinkable = [i for i in kept if columns[i].shorten and widths[i] > floor[i]]
        shrinkable = [i for i in shrinkable if columns[i].keep == 0] or shrinkable
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1
        excess -= 1
    return [(i, widths[i]) for i in kept]


FIT_ROWS = 1000  # rows a streamed table is fitted on; later ones are cut to the same widths


def table_lines(
    columns: Sequence[Column], rows: Iterable[Sequence[str]], width: int | None, *, bold: bool = False
) -> Iterator[str]:
    """The table as lines of text: a header, then one line a row, as the rows come.

    The widths are fitted on the first :data:`FIT_ROWS` rows, so a listing of
    every relation starts printing at once and holds one screenful in memory.
    """
    rows = iter(rows)
    head = list(itertools.islice(rows, FIT_ROWS))
    layout = fit(columns, head, width)

    def line(cells: Sequence[str]) -> str:
        parts = []
        for i, w in layout:
            text = " ".join(cells[i].split())
            text = shorten(text, w) if columns[i].shorten else text
            parts.append(text.rjust(w) if columns[i].right else text.ljust(w))
        return GAP.join(parts).rstrip()

    header = line([c.name for c in columns])
    yield f"\x1b[1m{header}\x1b[0m" if bold else header
    for row in itertools.chain(head, rows):
        yield line(row)


def print_table(
    columns: Sequence[Column], rows: Iterable[Sequence[str]], *, title: str | None = None,
    stream: TextIO | None = None,
) -> None:
    """Write the table to ``stream`` (stdout), fitted to :func:`output_width`."""
    stream = stream or sys.stdout
    tty = _isatty(stream)
    if title:
        stream.write(title + "\n")
    for text in table_lines(columns, rows, output_width(stream), bold=tty and not os.environ.get("NO_COLOR")):
        stream.write(text + "\n")


def print_records(
    records: Iterable[Mapping[str, Any]], fmt: ListFormat, *, stream: TextIO | None = None,
    fieldnames: Sequence[str] | None = None,
) -> None:
    """JSON Lines (values as they are) or CSV (lists joined with ``;``; the header is
    ``fieldnames``, else the keys of the first record)."""
    stream = stream or sys.stdout
    if fmt is ListFormat.jsonl:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        return
    writer: csv.DictWriter[str] | None = None
    if fieldnames is not None:
        writer = csv.DictWriter(stream, fieldnames=list(fieldnames), lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
    for record in records:
        flat = flatten(record)
        if writer is None:
            writer = csv.DictWriter(stream, fieldnames=list(flat), lineterminator="\n", extrasaction="ignore")
            writer.writeheader()
        writer.writerow(flat)


def flatten(record: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"item": {"id": "s-400"}}`` -> ``{"item_id": "s-400"}``; lists joined with ``;``; None as ''."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, f"{name}_"))
        elif isinstance(value, list | tuple):
            flat[name] = ";".join(str(v) for v in value)
        else:
            flat[name] = "" if value is None else value
    return flat


def wrap(text: str, width: int | None, indent: str) -> str:
    """A paragraph indented by ``indent``, wrapped to ``width`` when there is one."""
    text = " ".join(text.split())
    if width is None:
        return indent + text
    return textwrap.fill(text, width=max(width, len(indent) + 20), initial_indent=indent, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False)  # ids are never split
