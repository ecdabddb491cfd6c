"""``entente extract`` and ``entente eval``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.table import Table

from entente import api
from entente.cli.app import (
    EXIT_CANNOT_RUN,
    EXIT_SOME_FAILED,
    app,
    err,
    out,
    parse_date,
    print_error,
    say,
    skipped_note,
)
from entente.cli.render import ListFormat
from entente.cli.tables import print_claims
from entente.errors import EntenteError, ReadError, Unreadable
from entente.evaluate import ATTRIBUTES, Scores
from entente.model import Claim


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="Files, directories, globs, .gz files, or - for JSONL on stdin."),
    format: ListFormat = typer.Option(ListFormat.jsonl, "--format", "-f", help="jsonl (one claim a line), table or csv."),
    date: str | None = typer.Option(None, "--date", help="Publication date for plain text without a date line."),
    trace: bool = typer.Option(False, "--trace", help="Keep the trace (why each field was set) in JSONL output."),
    workers: int = typer.Option(1, "--workers", min=1, help="Extraction processes on this machine."),
    dask: str | None = typer.Option(None, "--dask", help="Run on a Dask cluster: 'local' or a scheduler address."),
    out_to: str | None = typer.Option(None, "--out", help="With --dask: a directory for Parquet partitions or a postgresql:// URL."),
) -> None:
    """Extract claims from articles and print them (or, with --dask, write them where --out says)."""
    if dask is not None:
        _extract_on_dask(paths, dask, out_to)
        return
    from entente.cli.progress import assumed_warning  # with the readers: not at start-up

    failures = articles = n_claims = 0
    rows: list[Claim] = []
    skipped: dict[str, int] = {}

    def skip(_where: str, why: str) -> None:
        skipped[why] = skipped.get(why, 0) + 1

    try:
        for result in api.extract_paths(paths, date=parse_date(date), workers=workers, on_skip=skip):
            if isinstance(result, ReadError):
                failures += 1
                print_error(result)
                continue
            doc, claims = result
            articles += 1
            n_claims += len(claims)
            if doc.date_assumed:
                err.print(assumed_warning(doc.origin or doc.id, doc.date), highlight=False)
            if format is ListFormat.jsonl:
                _write_jsonl(claims, trace)
            else:
                rows.extend(claims)
    finally:  # the summary prints even when entente itself fails half-way (exit 3, E900)
        say(f"{articles} articles, {n_claims} claims, {failures} failed" + skipped_note(skipped))
    if format is not ListFormat.jsonl:
        print_claims(rows, format)
    if failures:
        raise typer.Exit(code=EXIT_SOME_FAILED)


def _write_jsonl(claims: list[Claim], trace: bool) -> None:
    for claim in claims:
        data = claim.to_dict()
        if not trace:
            data.pop("trace", None)
        sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")


def _extract_on_dask(paths: list[str], scheduler: str, out_to: str | None) -> None:
    if not out_to:
        raise typer.BadParameter("--dask needs --out DIR (Parquet partitions) or --out postgresql://...")
    try:
        run = api.extract_on_dask(paths, scheduler=scheduler, out=out_to)
    except EntenteError as exc:
        print_error(exc)
        raise typer.Exit(code=EXIT_CANNOT_RUN) from exc
    for problem in run.read_errors:
        print_error(problem)
    say(f"{run.documents} documents, {run.claims} claims in {run.partitions} partitions -> {out_to}")
    if run.read_errors:
        raise typer.Exit(code=EXIT_SOME_FAILED)


@app.command("eval")
def eval_command(
    gold: list[str] = typer.Argument(..., help="Gold JSONL files (documents with claims), or - for stdin.", metavar="GOLD..."),
    pred: Path | None = typer.Option(None, "--pred", help="Predicted claims (JSONL); default: run the extractor."),
    json_out: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    errors: bool = typer.Option(False, "--errors", help="List false positives, false negatives and attribute errors."),
) -> None:
    """Score claims against gold with the spec's rules: precision, recall, F1, attribute accuracy.

    With several gold files, the figures are printed for all of them together and for each file.
    """
    try:
        if len(gold) > 1 and pred is None:
            by_file = api.evaluate_files(list(gold))
        else:
            source = sys.stdin if gold == ["-"] else gold[0]
            by_file = {"all": api.evaluate(source, pred)}
    except EntenteError as exc:
        print_error(exc)
        raise typer.Exit(code=EXIT_CANNOT_RUN) from exc
    except OSError as exc:
        print_error(Unreadable(exc.filename or " ".join(gold), f"cannot be read: {exc.strerror or exc}"))
        raise typer.Exit(code=EXIT_CANNOT_RUN) from exc
    scores = by_file["all"]
    if json_out:
        data = scores.as_dict() if len(by_file) == 1 else {k: v.as_dict() for k, v in by_file.items()}
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
    else:
        out.print(scores_table(scores) if len(by_file) == 1 else files_table(by_file))
    if errors:
        _print_errors(scores)


def scores_table(scores: Scores) -> Table:
    table = Table(title="entente eval (spec scoring)")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column("n", justify="right")
    table.add_row("precision", f"{scores.precision:.3f}", str(scores.tp + scores.fp))
    table.add_row("recall", f"{scores.recall:.3f}", str(scores.tp + scores.fn))
    table.add_row("F1", f"{scores.f1:.3f}", f"tp={scores.tp} fp={scores.fp} fn={scores.fn}")
    for name in ATTRIBUTES:
        acc = scores.accuracy(name)
        table.add_row(f"{name} accuracy", "-" if acc is None else f"{acc:.3f}", str(scores.attribute_total[name]))
    return table


def files_table(by_file: dict[str, Scores]) -> Table:
    """One column a gold file, beside all of them together."""
    table = Table(title="entente eval (spec scoring), all files and each")
    table.add_column("measure")
    for name, scores in by_file.items():
        table.add_column(f"{name} ({scores.tp + scores.fn})", justify="right")
    rows: list[tuple[str, list[str]]] = [
        ("precision", [f"{s.precision:.3f}" for s in by_file.values()]),
        ("recall", [f"{s.recall:.3f}" for s in by_file.values()]),
        ("F1", [f"{s.f1:.3f}" for s in by_file.values()]),
        ("tp / fp / fn", [f"{s.tp}/{s.fp}/{s.fn}" for s in by_file.values()]),
    ]
    for name in ATTRIBUTES:
        rows.append((name, ["-" if (a := s.accuracy(name)) is None else f"{a:.3f}" for s in by_file.values()]))
    for label, values in rows:
        table.add_row(label, *values)
    return table


def _print_errors(scores: Scores) -> None:
    def brief(c: dict) -> str:  # type: ignore[type-arg]
        item = (c.get("item") or {}) or {}
        ev = c.get("evidence", {})
        quote = ev.get("quote") or ev.get("text") or ""
        return (f"{c['kind']} {c['provider']}->{c['recipient']} {item.get('category')}/{item.get('id')} "
                f"{c['stage']}/{c['modality']}/{c['polarity']} src={(c.get('source') or {}).get('kind')}"
                f" | {quote[:110]}")

    for doc_id, c in scores.false_negatives:
        out.print(f"FN {doc_id[:14]} {brief(c)}", highlight=False, markup=False)
    for doc_id, c in scores.false_positives:
        out.print(f"FP {doc_id[:14]} {brief(c)}", highlight=False, markup=False)
    for doc_id, name, g, p in scores.mismatches:
        gv = _get(g, name)
        pv = _get(p, name)
        out.print(f"ATTR {doc_id[:14]} {name}: gold={gv} pred={pv} | {brief(g)}", highlight=False, markup=False)


def _get(c: dict, name: str) -> object:  # type: ignore[type-arg]
    if "." in name:
        a, b = name.split(".")
        return (c.get(a) or {}).get(b)
    return c.get(name)
