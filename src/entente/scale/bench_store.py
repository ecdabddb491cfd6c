"""``entente bench --store BIG.db``: what saving an article costs on an empty store and on a large one.

The same articles (the dev gold texts under new ids, ``--articles`` of them)
are extracted once, before anything is timed; then they are saved into an
empty store and into a copy of ``BIG.db`` (a store made by
``tools/make_big_store.py``: GENERATED, and labelled so), as ``entente
ingest`` saves them: :data:`entente.store.service.BATCH_SIZE` articles a
transaction (``Store.save_articles``), and, for comparison, one article a
transaction (``Store.save_article``). Only the time inside those calls counts.
Per article: the mean (a batch's time shared by its articles) and the worst
(the slowest batch's share, or the slowest single save). Before timing, the
copy is given every relation's fusion state (``Store.rebuild_relations``,
untimed): a store written before those states existed gets each one the
first time a save touches its relation, and a store in use holds them all.
And a first batch is saved into a scratch store, untimed, so the modules and
data a process loads at its first save (datasketch, about 1 s; the equipment
catalogue) are not counted against the empty store, which is timed first.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from entente.errors import DataError, EntenteError
from entente.model import Claim, Document
from entente.scale.bench import machine, real_military
from entente.store import Store
from entente.store.service import BATCH_SIZE

Article = tuple[Document, list[Claim]]


@dataclass(frozen=True)
class SaveCost:
    """Milliseconds per article of one store and one way of saving."""

    store: str
    batch: int
    mean_ms: float
    worst_ms: float


@dataclass
class StoreBenchReport:
    machine: dict[str, Any]
    articles: int
    big_store: str  # its path and size
    costs: list[SaveCost] = field(default_factory=list)

    def ratio(self, batch: int) -> float:
        """Mean cost on the large store over the mean on the empty one."""
        by_store = {c.store: c.mean_ms for c in self.costs if c.batch == batch}
        return round(by_store["generated"] / by_store["empty"], 2)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["ratios"] = {str(b): self.ratio(b) for b in sorted({c.batch for c in self.costs})}
        return out


def bench_articles(n: int, extractor: Any) -> list[Article]:
    """``n`` dev gold texts under new ids, with their claims (each distinct text extracted once by ``extractor``)."""
    docs = [replace(d, id=f"store-bench:{d.id}", origin="<store bench>") for d in real_military(n)]
    unique = {d.text: d for d in docs}
    found = {doc.text: claims for doc, claims in extractor.extract_many(list(unique.values()), batch_size=16)}
    return [(d, [replace(c, doc_id=d.id) for c in found[d.text]]) for d in docs]


def save_costs(store: Store, articles: Sequence[Article], batch: int) -> list[float]:
    """Milliseconds per article of each save call (a batch's time divided among its articles)."""
    costs = []
    for start in range(0, len(articles), batch):
        chunk = articles[start:start + batch]
        began = time.perf_counter()
        if batch == 1:
            store.save_article(*chunk[0])
        else:
            failed = [r for r in store.save_articles(chunk) if isinstance(r, EntenteError)]
            if failed:
                raise DataError(f"the store benchmark could not save an article: {failed[0]}")
        costs.append((time.perf_counter() - began) * 1000 / len(chunk))
    return costs


def _copy_store(big: Path, target: Path) -> Path:
    shutil.copyfile(big, target)
    for suffix in ("-wal", "-shm"):
        if Path(f"{big}{suffix}").exists():
            shutil.copyfile(f"{big}{suffix}", f"{target}{suffix}")
    return target


def run_store_bench(big: Path, extractor: Any, articles: int = 300) -> StoreBenchReport:
    """Both stores, batched and one by one (see the module docstring); ``extractor`` as ``entente.api`` loads it."""
    if not big.exists():
        raise DataError(f"no store at {big}: make one with tools/make_big_store.py")
    pairs = bench_articles(articles, extractor)
    with tempfile.TemporaryDirectory(prefix="entente-store-bench-") as tmp:
        prepared = _copy_store(big, Path(tmp) / "prepared.db")
        with Store.open(str(prepared)) as store:  # migrated, if made by an older entente
            store.rebuild_relations()  # untimed: every relation gets its fusion state, as a store in use holds
            stats = store.stats()
        report = StoreBenchReport(
            machine(), len(pairs),
            f"{big}: {stats.documents} documents, {stats.claims} claims, {stats.relations} relations",
        )
        with Store.open(str(Path(tmp) / "warm-up.db")) as store:  # untimed: what a first save loads once
            save_costs(store, pairs[:BATCH_SIZE], BATCH_SIZE)
        for batch in (BATCH_SIZE, 1):
            for name in ("empty", "generated"):
                path = Path(tmp) / f"{name}-{batch}.db"
                if name == "generated":
                    _copy_store(prepared, path)
                with Store.open(str(path)) as store:
                    costs = save_costs(store, pairs, batch)
                report.costs.append(SaveCost(name, batch, round(statistics.mean(costs), 2), round(max(costs), 1)))
                path.unlink()
    return report


def format_store_report(report: StoreBenchReport) -> str:
    lines = [
        f"machine: {report.machine['nproc']} cores, {report.machine['cpu']}; Python {report.machine['python']}",
        f"per-article store cost: {report.articles} articles (dev gold texts under new ids), extracted first;",
        "time inside Store.save_articles / save_article only",
        f"large store: GENERATED by tools/make_big_store.py ({report.big_store}),",
        "every relation's fusion state written before timing (entente rebuild, untimed);",
        f"a warm-up batch of {BATCH_SIZE} saved first into a scratch store (untimed: the imports a first save pays)",
        "",
        "| store | articles a transaction | mean ms/article | worst ms/article |",
        "| --- | --- | --- | --- |",
    ]
    for cost in report.costs:
        label = "empty" if cost.store == "empty" else "GENERATED large store"
        lines.append(f"| {label} | {cost.batch} | {cost.mean_ms} | {cost.worst_ms} |")
    lines.append("")
    for batch in sorted({c.batch for c in report.costs}, reverse=True):
        lines.append(f"large store vs empty, {batch} a transaction: {report.ratio(batch)}x")
    return "\n".join(lines)
