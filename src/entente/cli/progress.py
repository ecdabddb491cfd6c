"""The ingest progress display: a bar with a total and ETA when the size is known, else a spinner.

The total is counted before the ingest starts, and only where that is cheap:
one article a text or HTML file, one a non-blank line of a (not compressed)
JSONL file. Standard input, feeds, WARC and ``.gz`` files are not counted
(they would have to be read twice), so any of them makes the display a spinner.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from entente.cli.app import print_error
from entente.ingest.sources import STDIN, expand, kind_by_name
from entente.store.service import IngestReport

_ONE_EACH = {"text", "html"}
_COUNTS = ("{task.fields[claims]} claims, [red]{task.fields[errors]} errors[/red], "
           "{task.fields[rate]:.1f} articles/s")


def count_articles(paths: Iterable[str | Path]) -> int | None:
    """How many articles ``paths`` hold, or None when that cannot be known without reading them."""
    total = 0
    for item in expand(paths):
        if not isinstance(item, str):
            total += 1  # an unreadable path is reported once, as one failed article
            continue
        if item == STDIN or item.lower().endswith(".gz"):
            return None
        kind = kind_by_name(item)
        if kind in _ONE_EACH:
            total += 1
        elif kind == "jsonl":
            total += _non_blank_lines(Path(item))
        else:
            return None
    return total


def _non_blank_lines(path: Path) -> int:
    try:
        with path.open("rb") as stream:
            return sum(1 for line in stream if line.strip())
    except OSError:
        return 1  # the reader will report it


@contextmanager
def ingest_progress(console: Console, total: int | None) -> Iterator[ProgressUpdate]:
    """A live display on ``console`` (stderr); yields the function to call with each report."""
    columns: list[ProgressColumn]
    if total is None:
        columns = [SpinnerColumn(), TextColumn("{task.description}"), MofNCompleteColumn(),
                   TextColumn(_COUNTS), TimeElapsedColumn()]
    else:
        columns = [TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), MofNCompleteColumn(),
                   TextColumn(_COUNTS), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn()]
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task("ingesting", total=total, claims=0, errors=0, rate=0.0)
        update = ProgressUpdate(progress, task, total)
        yield update
        progress.update(task, description="done", total=update.done if total is None else total)


class ProgressUpdate:
    """Called with each :class:`IngestReport`: moves the bar and prints new failures above it."""

    def __init__(self, progress: Progress, task: object, total: int | None) -> None:
        self.progress = progress
        self.task = task
        self.total = total
        self.shown = 0
        self.warned = 0
        self.done = 0

    def __call__(self, report: IngestReport) -> None:
        for failure in report.failed[self.shown:]:
            print_error(failure, "failed", console=self.progress.console)  # CODE: where: reason, literally
        self.shown = len(report.failed)
        for where, date in report.dates_assumed[self.warned:]:
            self.progress.console.print(assumed_warning(where, date), highlight=False)
        self.warned = len(report.dates_assumed)
        # a JSONL line can hold no article (an error counted once) or the count can be off: never past 100%
        self.done = report.articles if self.total is None else min(report.articles, self.total)
        self.progress.update(self.task, completed=self.done, claims=report.claims,  # type: ignore[arg-type]
                             errors=len(report.failed), rate=report.rate)


def assumed_warning(where: str, date: object) -> str:
    """What is said when an article's date was not in it (spec: claim times anchored ``assumed``)."""
    return (f"[yellow]warning[/yellow] {escape(where)}: the article gives no date; assumed {date} (the file's "
            "modification time, or a crawl's date) and its claim times are marked anchor 'assumed'. "
            "Give --date YYYY-MM-DD, or start a text file with the line 'date YYYY-MM-DD'.")
