"""The dossier: every relation between two actors, in one self-contained HTML file.

Inline CSS, an inline SVG timeline drawn here, no script and no external
resource, so the file can be mailed, archived or opened offline and shows the
same thing everywhere. Article text is escaped by Jinja2's autoescape.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from entente.fuse.tracker import tracker_rows
from entente.model import STATUSES, Relation, StoredClaim
from entente.report.evidence import describe_time, fold
from entente.report.legend import STATUS_MEANINGS
from entente.report.links import is_web_url
from entente.report.palette import STATUS_COLOURS
from entente.report.timeline import rows_for, timeline_svg
from entente.report.tracker import charts as tracker_charts
from entente.store import Store
from entente.store.names import actor_name

TEMPLATES = Path(str(files("entente.report"))) / "templates"


@dataclass(frozen=True)
class ArticleRef:
    """An article the dossier cites, numbered in date order."""

    number: int
    doc_id: str
    date: dt.date
    title: str | None
    url: str | None
    source: str | None


def dyad_relations(store: Store, a: str, b: str) -> list[Relation]:
    """The relations a -> b then b -> a, each with its timeline."""
    found = store.relations(provider=a, recipient=b) + store.relations(provider=b, recipient=a)
    return [store.relation(r.id) for r in found]


def cited_articles(relations: list[Relation]) -> list[ArticleRef]:
    """Every article a claim of ``relations`` comes from, oldest first."""
    seen: dict[str, StoredClaim] = {}
    for relation in relations:
        for stored in relation.timeline:
            seen.setdefault(stored.claim.doc_id, stored)
    ordered = sorted(seen.values(), key=lambda s: (s.doc_date, s.claim.doc_id))
    return [
        ArticleRef(i, s.claim.doc_id, s.doc_date, s.doc_title, s.doc_url, s.doc_source)
        for i, s in enumerate(ordered, start=1)
    ]


def render_report(store: Store, a: str, b: str, *, today: dt.date | None = None) -> str:
    """The dossier on ``a`` and ``b`` as one HTML string."""
    relations = dyad_relations(store, a, b)
    articles = cited_articles(relations)
    labels = {r.id: f"{actor_name(r.provider)} → {actor_name(r.recipient)}: {r.item_label}" for r in relations}
    tracked = tracker_rows([*store.iter_claims(provider=a, recipient=b), *store.iter_claims(provider=b, recipient=a)])
    subject = f"{actor_name(a)} and {actor_name(b)}"
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True)
    env.globals["actor_name"] = actor_name
    env.globals["describe_time"] = describe_time
    env.tests["web_url"] = is_web_url
    return env.get_template("dossier.html").render(
        a=a,
        b=b,
        forward=[r for r in relations if r.provider == a],
        backward=[r for r in relations if r.provider == b],
        labels=labels,
        chart=timeline_svg(rows_for(relations, labels), link_rows=True),
        articles=articles,
        article_number={ref.doc_id: ref.number for ref in articles},
        entries={r.id: fold(r.timeline) for r in relations},
        statuses=STATUSES,
        meanings=STATUS_MEANINGS,
        colours=STATUS_COLOURS,
        today=today or dt.date.today(),
        tracker=tracked,
        tracker_charts=[Markup(svg) for svg in tracker_charts(tracked, subject)],  # noqa: S704 - escaped parts
    )


def write_report(store: Store, a: str, b: str, out_path: str | Path) -> Path:
    """Write the dossier on ``a`` and ``b`` to ``out_path`` (UTF-8) and return the path."""
    path = Path(out_path)
    path.write_text(render_report(store, a, b), encoding="utf-8")
    return path
