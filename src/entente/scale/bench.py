"""``entente bench``: entente's extraction against a bare spaCy parse of the same articles, as a user runs them.

Streams (each written to a temporary JSONL file):

- **military news**: the dev gold texts (``../shared/eval/dev/*.jsonl``)
  replicated with distinct ids to ``--articles`` articles;
- **mixed stream**: the real general text of ``../shared/bench/general.jsonl``
  (read from there, never copied) twice over, with a military article (from the
  dev gold) at every tenth place;
- **templates**: the synthetic mixed stream of ``bench_templates.yaml``
  (labelled: it is not real text);
- or the articles of a corpus file given on the command line.

Every measure is a whole process, started as a user starts it, over the same
file: ``entente extract FILE`` against two bare parses, the full
``en_core_web_sm`` pipeline and the pipeline without NER (the components
entente runs), both through ``nlp.pipe(batch_size=25)`` in ``python -m
entente.scale.bare``. The three run in turn, ``--repeat`` times, and the median
of each is reported; peak memory is the child's ``ru_maxrss``. The benchmark
also prints the share of general-text characters the prefilter sends to the
parser, ``--workers 2`` against one worker, and the time per character of
extraction from 1 KB to 500 KB articles.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import psutil
import yaml

from entente.errors import DataError
from entente.model import Document

TEMPLATES = Path(__file__).with_name("bench_templates.yaml")
DEV_GOLD = Path("/work/shared/eval/dev")
GENERAL = Path("/work/shared/bench/general.jsonl")
BATCH_SIZE = 25
BENCH_DATE = dt.date(2024, 6, 1)


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


def real_military(articles: int, directory: Path = DEV_GOLD) -> list[Document]:
    """The dev gold texts replicated with distinct ids to ``articles`` documents."""
    gold = dev_gold_documents(directory)
    if not gold:
        raise DataError(f"no dev gold texts under {directory}: the real military stream needs them")
    return [
        replace(gold[i % len(gold)], id=f"{gold[i % len(gold)].id}~{i // len(gold)}")
        for i in range(articles)
    ]


def general_documents(path: Path = GENERAL) -> list[Document]:
    """The real general text of ``../shared/bench/general.jsonl`` (read in place, never copied)."""
    if not path.exists():
        raise DataError(f"{path} is missing: the mixed stream needs the shared general text")
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            docs.append(Document(row["id"], dt.date.fromisoformat(row["date"]), row["text"]))
    return docs


def real_mixed(rounds: int = 2) -> tuple[list[Document], list[Document]]:
    """(the stream, its general documents): the general text ``rounds`` times, every tenth article military."""
    general = [replace(d, id=f"{d.id}~{r}") for r in range(rounds) for d in general_documents()]
    military = real_military(len(general) // 9 + 1)
    stream: list[Document] = []
    for doc in general:
        if len(stream) % 10 == 0:
            stream.append(military[len(stream) // 10])
        stream.append(doc)
    return stream, general


# -- measuring ----------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """One whole process: wall seconds (median of the repeats) and peak RSS."""

    seconds: float
    peak_mib: float
    all_seconds: list[float]


@dataclass
class StreamResult:
    name: str
    articles: int
    words: int
    extract: Run
    bare_full: Run
    bare_no_ner: Run
    vs_full: float  # bare full seconds / extract seconds: above 1, entente is faster than the bare parse
    vs_no_ner: float
    claims: int


@dataclass
class BenchReport:
    machine: dict[str, Any]
    repeat: int
    streams: list[StreamResult] = field(default_factory=list)
    prefilter: dict[str, Any] = field(default_factory=dict)
    workers: dict[str, Any] = field(default_factory=dict)
    scaling: list[dict[str, Any]] = field(default_factory=list)
    components: dict[str, float] = field(default_factory=dict)  # share of the unfiltered extractor's time

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


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


def write_jsonl(docs: Iterable[Document], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for d in docs:
            handle.write(json.dumps({"id": d.id, "date": d.date.isoformat(), "text": d.text}) + "\n")
    return path


def run_process(argv: list[str], stdout: Path | None = None) -> tuple[float, float]:
    """(wall seconds, peak RSS MiB of the child and its children) of one whole process."""
    sink = stdout.open("w") if stdout is not None else open(os.devnull, "w")  # noqa: SIM115
    with sink:
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdout=sink, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):
        raise DataError(f"{' '.join(argv)} exited with {child.returncode}")
    return seconds, usage.ru_maxrss / 1024


def entente_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "entente", *args]


def bare_argv(path: Path, *, ner: bool) -> list[str]:
    return [sys.executable, "-m", "entente.scale.bare", str(path), *([] if ner else ["--exclude", "ner"])]


def _median_run(samples: list[tuple[float, float]]) -> Run:
    seconds = [s for s, _ in samples]
    return Run(round(statistics.median(seconds), 2), round(max(m for _, m in samples)), [round(s, 2) for s in seconds])


def measure_stream(name: str, docs: list[Document], workdir: Path, repeat: int) -> StreamResult:
    """``entente extract`` and the two bare parses of the same file, in turn, ``repeat`` times."""
    path = write_jsonl(docs, workdir / f"stream-{len(os.listdir(workdir))}.jsonl")
    out = workdir / "claims.jsonl"
    runs: dict[str, list[tuple[float, float]]] = {"extract": [], "full": [], "no_ner": []}
    for _ in range(repeat):
        runs["extract"].append(run_process(entente_argv("extract", str(path)), stdout=out))
        runs["full"].append(run_process(bare_argv(path, ner=True)))
        runs["no_ner"].append(run_process(bare_argv(path, ner=False)))
    claims = sum(1 for line in out.read_text(encoding="utf-8").splitlines() if line.strip())
    extract, full, no_ner = (_median_run(runs[k]) for k in ("extract", "full", "no_ner"))
    return StreamResult(
        name=name, articles=len(docs), words=sum(len(d.text.split()) for d in docs),
        extract=extract, bare_full=full, bare_no_ner=no_ner,
        vs_full=round(full.seconds / extract.seconds, 2), vs_no_ner=round(no_ner.seconds / extract.seconds, 2),
        claims=claims,
    )


def prefilter_share(general: list[Document]) -> dict[str, Any]:
    """How much of the general text the prefilter lets through to the parser."""
    from entente.extract.prefilter import Prefilter

    prefilter = Prefilter.build()
    chars = kept = skipped = 0
    for doc in general:
        chars += len(doc.text)
        ranges = prefilter.regions(doc.text)
        if ranges is None:
            skipped += 1
        else:
            kept += sum(end - start for start, end in ranges)
    return {"general_articles": len(general), "skipped": skipped, "chars": chars, "chars_parsed": kept,
            "share_parsed": round(kept / chars, 3) if chars else 0.0}


def measure_workers(articles: int, workdir: Path, repeat: int = 1) -> dict[str, Any]:
    """``extract`` and ``ingest`` (into a new SQLite file) with ``--workers 2`` against one worker,
    on ``articles`` real military articles; one and two workers in turn, ``repeat`` times, medians.

    In turn, because this machine's speed drifts by 15% over minutes: two runs far apart
    compare two machines."""
    path = write_jsonl(real_military(articles), workdir / "workers.jsonl")
    runs: dict[str, list[tuple[float, float]]] = {"x1": [], "x2": [], "i1": [], "i2": []}
    for k in range(repeat):
        for n in (1, 2):
            runs[f"x{n}"].append(run_process(entente_argv("extract", str(path), "--workers", str(n))))
        for n in (1, 2):
            db = workdir / f"workers-{n}-{k}.db"
            runs[f"i{n}"].append(run_process(entente_argv("ingest", str(path), "--db", str(db), "--workers", str(n))))
    x1, x2, i1, i2 = (_median_run(runs[key]) for key in ("x1", "x2", "i1", "i2"))
    return {"articles": articles, "repeat": repeat, "one_s": x1.seconds, "two_s": x2.seconds,
            "speedup": round(x1.seconds / x2.seconds, 2), "one_peak_mib": x1.peak_mib,
            "two_peak_mib_largest_process": x2.peak_mib, "ingest_one_s": i1.seconds, "ingest_two_s": i2.seconds,
            "ingest_speedup": round(i1.seconds / i2.seconds, 2),
            "runs_s": {key: [round(t, 1) for t, _ in value] for key, value in runs.items()}}


def measure_scaling(sizes: tuple[int, ...] = (1_000, 10_000, 100_000, 500_000)) -> list[dict[str, Any]]:
    """Extraction time per 10k characters of one article of each size (real military text, in this process)."""
    from entente.extract.prefilter import FilteredExtractor

    extractor = FilteredExtractor.load()
    gold = dev_gold_documents()
    body = "\n\n".join(d.text for d in gold)
    while len(body) < max(sizes):
        body += "\n\n" + body
    extractor.extract(Document("warm", BENCH_DATE, body[:2000]))
    out = []
    for size in sizes:
        text = body[:size]
        with PeakRss() as memory:
            start = time.perf_counter()
            claims = extractor.extract(Document(f"scale-{size}", BENCH_DATE, text))
            seconds = time.perf_counter() - start
        out.append({"chars": size, "seconds": round(seconds, 2), "s_per_10k": round(seconds * 10_000 / size, 3),
                    "claims": len(claims), "peak_mib": round(memory.peak / 2**20)})
    return out


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


def run_bench(
    corpus: list[Document] | None = None,
    *,
    articles: int = 300,
    repeat: int = 1,
    workers_articles: int = 1000,
    scaling: bool = True,
    profile: bool = True,
    streams: bool = True,
) -> BenchReport:
    """The whole benchmark (see the module docstring); ``corpus`` replaces the real and template streams."""
    report = BenchReport(machine=machine(), repeat=repeat)
    with tempfile.TemporaryDirectory(prefix="entente-bench-") as tmp:
        workdir = Path(tmp)
        if corpus is not None:
            report.streams.append(measure_stream("corpus", corpus, workdir, repeat))
        elif streams:
            mixed, general = real_mixed()
            report.streams.append(measure_stream("military news (dev gold texts)", real_military(articles), workdir, repeat))
            report.streams.append(measure_stream("mixed real stream (1 in 10 military)", mixed, workdir, repeat))
            report.streams.append(measure_stream("templates: synthetic mixed (1 in 10 military)",
                                                 mixed_stream(200), workdir, repeat))
            report.prefilter = prefilter_share(general)
        if workers_articles:
            report.workers = measure_workers(workers_articles, workdir, repeat)
    if scaling:
        report.scaling = measure_scaling()
    if profile:
        from entente.extract.pipeline import load_pipeline

        report.components = component_shares(load_pipeline(), real_military(60))
    return report


def format_report(report: BenchReport) -> str:
    """The report as Markdown tables (what the README and docs/scale.md show)."""
    m = report.machine
    lines = [
        f"machine: {m['nproc']} cores, {m['cpu']}, {m['memory_gib']} GiB; Python {m['python']}, spaCy {m['spacy']}",
        f"whole processes, median of {report.repeat}; peak memory: the process's ru_maxrss",
        "",
        "| stream | articles | words | extract s | bare full s | bare no-NER s | vs bare full | vs bare no-NER "
        "| extract peak MiB | bare full peak MiB | claims |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for s in report.streams:
        lines.append(
            f"| {s.name} | {s.articles} | {s.words} | {s.extract.seconds} | {s.bare_full.seconds} "
            f"| {s.bare_no_ner.seconds} | {s.vs_full}x | {s.vs_no_ner}x | {s.extract.peak_mib} "
            f"| {s.bare_full.peak_mib} | {s.claims} |"
        )
    if report.prefilter:
        p = report.prefilter
        lines += ["", f"prefilter on the general text of the mixed stream: {p['skipped']} of {p['general_articles']} "
                      f"articles skipped, {p['share_parsed']:.1%} of their characters sent to the parser "
                      f"({p['chars_parsed']} of {p['chars']})"]
    if report.workers:
        w = report.workers
        lines += ["", f"extract --workers 2 vs 1 on {w['articles']} military articles (median of {w.get('repeat', 1)}, "
                      f"in turn): {w['two_s']} s vs "
                      f"{w['one_s']} s, {w['speedup']}x (peak MiB: one worker {w['one_peak_mib']}, "
                      f"largest process with two {w['two_peak_mib_largest_process']})"]
        if "ingest_speedup" in w:
            lines += [f"ingest --workers 2 vs 1 on the same articles (a new SQLite store each): {w['ingest_two_s']} s vs "
                      f"{w['ingest_one_s']} s, {w['ingest_speedup']}x",
                      "runs, s: " + "; ".join(f"{key} {value}" for key, value in w.get("runs_s", {}).items())]
    if report.scaling:
        lines += ["", "| article chars | seconds | s per 10k chars | claims | peak MiB (this process) |",
                  "| --- | --- | --- | --- | --- |"]
        lines += [f"| {r['chars']} | {r['seconds']} | {r['s_per_10k']} | {r['claims']} | {r['peak_mib']} |"
                  for r in report.scaling]
    if report.components:
        lines += ["", "time share of the unfiltered extractor, by component (60 military articles, one at a time):", ""]
        lines += [f"- {name}: {share:.1%}" for name, share in report.components.items()]
    return "\n".join(lines)
