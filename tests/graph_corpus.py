"""Stores of 10, 100 and 1,000 relations for the graph tests and screenshots, generated from a seed.

The sentences are templates of my own in wire style ("Germany delivered IRIS-T
systems to Ukraine, the defence ministry said."), one per claim, with real
actor ids and catalogue items so names and labels look like a real store's. A
few actors are hubs (as Russia, the United States or Iran are in real
reporting), so degrees vary as they do in the field.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

from entente.model import Claim, Document, Evidence, Item, Source, TimeSpan
from entente.store import Store

DATA = Path(__file__).resolve().parents[1] / "src" / "entente" / "data"
HUBS = ["RUS", "USA", "IRN", "CHN", "UKR", "TUR", "FRA", "DEU", "GBR", "ISR", "PRK", "IND"]
# How many actors a store of N relations spreads over (the 100 case is the 31 actors).
ACTORS_FOR = {10: 8, 100: 31, 1000: 120}
SOURCES = [
    ("the defence ministry", None, "party"), ("officials", None, "anonymous"),
    ("a government spokesman", None, "official"), ("analysts", None, "expert"),
    ("state media", None, "media"), (None, None, "author"),
]
VERBS = {"occurred": "delivered", "planned": "plans to send", "agreed": "agreed to supply", "refused": "refused to sell"}
CLAIMS_PER_ARTICLE = 4


def _states() -> dict[str, str]:
    with (DATA / "states.csv").open(encoding="utf-8") as f:
        return {r["actor"]: r["text"] for r in csv.DictReader(f)
                if r["form"] == "name" and len(r["actor"]) == 3 and "3166-1" in r["source"]}  # no former states


def _items() -> list[tuple[str, str, str]]:
    with (DATA / "equipment.csv").open(encoding="utf-8") as f:
        return [(r["designation"], r["id"], r["category"]) for r in csv.DictReader(f)][:250]


def save_graph_corpus(store: Store, n_relations: int, seed: int = 7) -> None:
    """``n_relations`` distinct provider -> recipient -> item relations, with 1 to 3 claims each."""
    rng = random.Random(seed)
    states = _states()
    others = sorted(set(states) - set(HUBS))
    rng.shuffle(others)
    n_actors = ACTORS_FOR.get(n_relations, max(4, n_relations // 8))
    actors = (HUBS + others)[:n_actors]
    weights = [20.0 if a in HUBS[:4] else 6.0 if a in HUBS else 1.0 for a in actors]
    items = _items()
    keys: set[tuple[str, str, str]] = set()
    pending: list[tuple[str, str, tuple[str, str, str], str, tuple[str | None, str | None, str]]] = []
    while len(keys) < n_relations:
        provider, recipient = rng.choices(actors, weights, k=2)
        item = rng.choice(items[:40] if n_relations <= 100 else items)
        if provider == recipient or (provider, recipient, item[1]) in keys:
            continue
        keys.add((provider, recipient, item[1]))
        for _ in range(rng.choice([1, 1, 2, 3])):
            stage = rng.choices(list(VERBS), [6, 3, 2, 1])[0]
            pending.append((provider, recipient, item, stage, rng.choice(SOURCES)))
    rng.shuffle(pending)
    day = dt.date(2022, 1, 3)
    for start in range(0, len(pending), CLAIMS_PER_ARTICLE):
        doc_id = f"wire-{day.isoformat()}-{start // CLAIMS_PER_ARTICLE:04d}"
        sentences, claims = [], []
        offset = 0
        for provider, recipient, (designation, item_id, category), stage, source in pending[start:start + CLAIMS_PER_ARTICLE]:
            said = f", {source[0]} said" if source[0] else ""
            sentence = f"{states[provider]} {VERBS[stage]} {designation} systems to {states[recipient]}{said}."
            sentences.append(sentence)
            claims.append(Claim(
                doc_id=doc_id, kind="transfer", provider=provider, recipient=recipient,
                item=Item(designation, item_id, category), stage=stage,
                modality="certain" if stage != "planned" else "probable", polarity="positive",
                source=Source(*source), time=TimeSpan(None, day.replace(day=1), day),
                evidence=Evidence(offset, offset + len(sentence), sentence),
            ))
            offset += len(sentence) + 1
        text = " ".join(sentences)
        outlet = rng.choice(["Wire", "Post", "Herald", "Tribune"])
        store.save_article(Document(id=doc_id, date=day, text=text, title=sentences[0], source=outlet), claims)
        day += dt.timedelta(days=2)
