"""An inline SVG timeline of relations, drawn on the server.

x is time, one row per relation, one dot per claim: the dot takes the colour
of the relation's status and the opacity of the claim's certainty; a claim
that says it did *not* happen is a hollow ring. The SVG needs no script and no
network, so the same drawing serves the web page and the emailed report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from entente.model import Relation, StoredClaim
from entente.report.evidence import describe_time
from entente.report.palette import MODALITY_OPACITY, status_colour

LABEL_WIDTH = 230
PLOT_WIDTH = 620
ROW_HEIGHT = 26
AXIS_HEIGHT = 26
DOT_RADIUS = 5


@dataclass(frozen=True)
class TimelineRow:
    """One row: a label, the status colour, and the claims to place on it."""

    label: str
    status: str
    claims: list[StoredClaim]
    href: str | None = None


def claim_date(stored: StoredClaim) -> dt.date:
    """When a claim's flow happened: the middle of its time span, else the article's date."""
    time = stored.claim.time
    if time is not None and time.start and time.end:
        return time.start + (time.end - time.start) / 2
    if time is not None and (time.start or time.end):
        return time.start or time.end  # type: ignore[return-value]
    return stored.doc_date


def rows_for(relations: list[Relation], label: dict[str, str] | None = None) -> list[TimelineRow]:
    """One row per relation, labelled by ``label[relation.id]`` or the item."""
    label = label or {}
    return [
        TimelineRow(label.get(r.id, r.item_label), r.status, list(r.timeline), f"#relation-{r.id}")
        for r in relations
    ]


def timeline_svg(rows: list[TimelineRow], *, link_rows: bool = False) -> Markup:
    """The SVG element for ``rows``; empty markup when no row has a claim."""
    claims = [c for row in rows for c in row.claims]
    if not claims:
        return Markup("")
    dates = [claim_date(c) for c in claims] + [d for c in claims for d in _span_ends(c)]
    lo, hi = _padded_range(min(dates), max(dates))
    span = (hi - lo).days or 1

    def x(day: dt.date) -> float:
        return LABEL_WIDTH + PLOT_WIDTH * (day - lo).days / span

    width = LABEL_WIDTH + PLOT_WIDTH + 10
    height = AXIS_HEIGHT + ROW_HEIGHT * len(rows) + 6
    parts: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="sans-serif" font-size="12">',
        "<title>Timeline of the evidence: one row per relation, one dot per claim</title>",
    ]
    for tick, text in _ticks(lo, hi):
        tx = x(tick)
        parts.append(
            f'<line x1="{tx:.1f}" y1="{AXIS_HEIGHT - 6}" x2="{tx:.1f}" y2="{height}" stroke="#ddd"/>'
            f'<text x="{tx:.1f}" y="{AXIS_HEIGHT - 10}" text-anchor="middle" fill="#555">{escape(text)}</text>'
        )
    for i, row in enumerate(rows):
        y = AXIS_HEIGHT + ROW_HEIGHT * i + ROW_HEIGHT / 2
        colour = status_colour(row.status)
        label = escape(_shorten(row.label, 34))
        if link_rows and row.href:
            label = Markup(f'<a href="{escape(row.href)}">{label}</a>')
        parts.append(
            f'<g class="row" data-status="{escape(row.status)}">'
            f'<text x="4" y="{y + 4:.1f}" fill="#222">{label}</text>'
            f'<line x1="{LABEL_WIDTH}" y1="{y:.1f}" x2="{LABEL_WIDTH + PLOT_WIDTH}" y2="{y:.1f}" '
            f'stroke="{colour}" stroke-opacity="0.35"/>'
        )
        for stored in row.claims:
            parts.append(_span_bar(stored, x, y, colour))
            parts.append(_dot(stored, x(claim_date(stored)), y, colour))
        parts.append("</g>")
    parts.append("</svg>")
    return Markup("".join(parts))


def _dot(stored: StoredClaim, cx: float, cy: float, colour: str) -> str:
    claim = stored.claim
    opacity = MODALITY_OPACITY.get(claim.modality, 1.0)
    negative = claim.polarity == "negative"
    fill = "white" if negative else colour
    source = claim.source.text if claim.source and claim.source.text else "the article itself"
    time = claim.time
    when = (describe_time(time.start, time.end) if time and (time.start or time.end)
            else f"no time given; reported {stored.doc_date.isoformat()}")
    tip = (
        f"{when}: {claim.stage}, {claim.modality}"
        f"{', denied' if negative else ''} (source: {source})"
    )
    return (
        f'<circle class="claim" cx="{cx:.1f}" cy="{cy:.1f}" r="{DOT_RADIUS}" fill="{fill}" '
        f'fill-opacity="{opacity}" stroke="{colour}" stroke-width="2">'
        f"<title>{escape(tip)}</title></circle>"
    )


def _span_bar(stored: StoredClaim, x: Callable[[dt.date], float], y: float, colour: str) -> str:
    """A faint bar for a claim whose time is an interval longer than a day."""
    time = stored.claim.time
    if time is None or not time.start or not time.end or time.start == time.end:
        return ""
    x1, x2 = x(time.start), x(time.end)
    return (
        f'<line x1="{x1:.1f}" y1="{y:.1f}" x2="{x2:.1f}" y2="{y:.1f}" stroke="{colour}" '
        f'stroke-width="6" stroke-opacity="0.18" stroke-linecap="round"/>'
    )


def _span_ends(stored: StoredClaim) -> list[dt.date]:
    time = stored.claim.time
    return [d for d in (time.start, time.end) if d] if time else []


def _padded_range(lo: dt.date, hi: dt.date) -> tuple[dt.date, dt.date]:
    """Widen the range a little so dots at its ends are not cut in half."""
    pad = max((hi - lo).days // 20, 15)
    # clamped to the calendar: a claim dated 0001-01-05 or 9999-12-31 still draws
    before = min(pad, (lo - dt.date.min).days)
    after = min(pad, (dt.date.max - hi).days)
    return lo - dt.timedelta(days=before), hi + dt.timedelta(days=after)


def _ticks(lo: dt.date, hi: dt.date) -> list[tuple[dt.date, str]]:
    """Year ticks over long ranges, quarter or month ticks over short ones."""
    days = (hi - lo).days
    # months between ticks, so that labels ("Sep 2019", ~55 px) stay apart on the 620 px plot
    step = 1 if days <= 200 else 2 if days <= 400 else 3 if days <= 2 * 365 else 6 if days <= 4 * 365 else 12
    out: list[tuple[dt.date, str]] = []
    year, month = lo.year, lo.month
    while True:
        month += 1
        if month > 12:
            year, month = year + 1, 1
        if year > dt.MAXYEAR:
            break
        tick = dt.date(year, month, 1)
        if tick > hi:
            break
        if (month - 1) % step == 0:
            out.append((tick, str(year) if month == 1 or step == 12 else tick.strftime("%b %Y")))
    if step == 12 and len(out) > 12:  # decades of data: every other year
        out = out[::2]
    return out


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
