"""The tracker as people use it: rows from a store, SIPRI-like CSV and Excel, SVG charts.

:func:`tracker_for` is the one function the CLI (``entente tracker``), the web
page (``/tracker/{id}``) and the dossier call. The exports have one row per
provider, item and stage reached, with the columns SIPRI's Arms Transfers
Database and the Kiel Institute's Ukraine Support Tracker users know
(:data:`EXPORT_COLUMNS`). Charts are SVG drawn here, server-side: no script,
no network, so they print and they open inside the self-contained dossier.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any, TextIO

from entente.fuse.tracker import (
    PLEDGE_STAGES,
    TRACKED_KINDS,
    ProviderTotal,
    TrackerRow,
    over_time,
    totals,
    tracker_rows,
)
from entente.store import Store
from entente.store.names import actor_name

EXPORT_COLUMNS: tuple[str, ...] = (
    "supplier", "supplier_name", "recipient", "recipient_name", "designation", "category", "stage",
    "number_ordered", "year_of_order", "number_delivered", "years_of_delivery", "quantity_as_stated",
    "value", "currency", "status", "latest_stage", "path", "first_reported", "last_reported",
    "independent_sources", "reprints", "claims", "relation_id", "evidence",
)


def tracker_for(store: Store, recipient: str | None = None, provider: str | None = None) -> list[TrackerRow]:
    """Tracker rows of everything given to ``recipient`` (and/or by ``provider``)."""
    if recipient is None and provider is None:
        raise ValueError("a tracker needs a recipient or a provider")
    claims, relations = store.tracked(recipient, provider, TRACKED_KINDS)
    return tracker_rows(claims, relations)


def export_records(rows: Iterable[TrackerRow], base_url: str = "") -> list[dict[str, Any]]:
    """One record per provider, item and stage: typed values (ints, dates), None where unknown."""
    out = []
    for row in rows:
        for stage, facts in row.stages.items():
            pledge = stage in PLEDGE_STAGES
            out.append({
                "supplier": row.provider,
                "supplier_name": actor_name(row.provider),
                "recipient": row.recipient,
                "recipient_name": actor_name(row.recipient),
                "designation": row.item_label,
                "category": row.category,
                "stage": stage,
                "number_ordered": facts.count if pledge else None,
                "year_of_order": facts.first_reported.year if pledge else None,
                "number_delivered": facts.count if stage == "delivered" else None,
                "years_of_delivery": ", ".join(map(str, facts.years)) if stage == "delivered" else None,
                "quantity_as_stated": facts.count_text,
                "value": row.value.amount if row.value else None,
                "currency": row.value.currency if row.value else None,
                "status": row.status,
                "latest_stage": row.latest,
                "path": " > ".join(row.path),
                "first_reported": facts.first_reported,
                "last_reported": facts.last_reported,
                "independent_sources": row.n_sources,
                "reprints": row.n_reprints,
                "claims": facts.n_claims,
                "relation_id": row.relation_id,
                "evidence": f"{base_url}/relations/{row.relation_id}",
            })
    return out


def write_csv(rows: Iterable[TrackerRow], out: TextIO, base_url: str = "") -> int:
    """:func:`export_records` as CSV (dates ISO, unknowns empty); returns the rows written."""
    writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    records = export_records(rows, base_url)
    for record in records:
        writer.writerow({k: "" if v is None else (v.isoformat() if isinstance(v, dt.date) else v)
                         for k, v in record.items()})
    return len(records)


def write_xlsx(rows: Iterable[TrackerRow], out: str | Path | IO[bytes], title: str = "tracker",
               base_url: str = "") -> int:
    """An Excel workbook: one sheet of :func:`export_records`, numbers as numbers, dates as dates."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    records = export_records(rows, base_url)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31] or "tracker"
    sheet.append(list(EXPORT_COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for record in records:
        sheet.append([record[c] for c in EXPORT_COLUMNS])
    for i, name in enumerate(EXPORT_COLUMNS, start=1):
        letter = get_column_letter(i)
        if name in ("first_reported", "last_reported"):
            for cell in sheet[letter][1:]:
                cell.number_format = "yyyy-mm-dd"
        if name == "value":
            for cell in sheet[letter][1:]:
                cell.number_format = "#,##0"
        sheet.column_dimensions[letter].width = max(10, min(40, len(name) + 2))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    book.save(out)
    return len(records)


# ---------------------------------------------------------------- charts (SVG)

PLEDGED_COLOUR = "#9db4d6"
DELIVERED_COLOUR = "#1f4e8c"
_FONT = "font-family='system-ui, sans-serif' font-size='12'"


def _legend(x: int, y: int) -> str:
    return (
        f"<rect x='{x}' y='{y - 10}' width='12' height='12' fill='{PLEDGED_COLOUR}'/>"
        f"<text x='{x + 18}' y='{y}' {_FONT}>pledged</text>"
        f"<rect x='{x + 90}' y='{y - 10}' width='12' height='12' fill='{DELIVERED_COLOUR}'/>"
        f"<text x='{x + 108}' y='{y}' {_FONT}>delivered</text>"
    )


def pledged_vs_delivered_svg(provider_totals: Sequence[ProviderTotal], title: str) -> str:
    """Horizontal bars per provider: items pledged and delivered, stated counts as labels."""
    shown = list(provider_totals)[:15]
    if not shown:
        return ""
    label_w, bar_w, row_h = 170, 360, 34
    width, height = label_w + bar_w + 220, 50 + row_h * len(shown)
    most = max(max(t.items_pledged, t.items_delivered) for t in shown) or 1
    parts = [
        f"<svg xmlns='http://www.w3.org/2000/svg' class='chart' role='img' viewBox='0 0 {width} {height}' "
        f"width='{width}' height='{height}'><title>{html.escape(title)}</title>",
        f"<text x='0' y='16' {_FONT} font-weight='bold'>{html.escape(title)}</text>",
        _legend(label_w, 34),
    ]
    for i, t in enumerate(shown):
        y = 46 + i * row_h
        name = actor_name(t.actor)
        label = name if name == t.actor else f"{name} ({t.actor})"
        parts.append(f"<text x='{label_w - 8}' y='{y + 18}' text-anchor='end' {_FONT}>{html.escape(label[:26])}</text>")
        for j, (n, count, colour, word) in enumerate((
            (t.items_pledged, t.pledged, PLEDGED_COLOUR, "pledged"),
            (t.items_delivered, t.delivered, DELIVERED_COLOUR, "delivered"),
        )):
            w = round(bar_w * n / most)
            bar_y = y + 4 + j * 13
            note = f"{n} item{'s' if n != 1 else ''}" + (f", {count:,} units stated" if count else "")
            parts.append(
                f"<rect x='{label_w}' y='{bar_y}' width='{max(w, 1)}' height='11' fill='{colour}'>"
                f"<title>{html.escape(f'{label}: {note} {word}')}</title></rect>"
                f"<text x='{label_w + max(w, 1) + 6}' y='{bar_y + 10}' {_FONT} font-size='10'>{html.escape(note)}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)


def over_time_svg(rows: Sequence[TrackerRow], title: str) -> str:
    """Step lines: provider x item rows pledged and delivered so far, by date."""
    points = over_time(rows)
    if not points:
        return ""
    left, top, plot_w, plot_h = 40, 44, 560, 180
    width, height = left + plot_w + 20, top + plot_h + 40
    first, last = points[0][0], points[-1][0]
    days = max((last - first).days, 1)
    most = max(max(p, d) for _, p, d in points) or 1

    def x(day: dt.date) -> float:
        return left + plot_w * (day - first).days / days

    def y(n: int) -> float:
        return top + plot_h - plot_h * n / most

    def steps(index: int) -> str:
        coords = [f"{left},{y(0):.1f}"]
        previous = 0
        for day, *counts in points:
            coords.append(f"{x(day):.1f},{y(previous):.1f}")
            previous = counts[index]
            coords.append(f"{x(day):.1f},{y(previous):.1f}")
        coords.append(f"{left + plot_w},{y(previous):.1f}")
        return " ".join(coords)

    parts = [
        f"<svg xmlns='http://www.w3.org/2000/svg' class='chart' role='img' viewBox='0 0 {width} {height}' "
        f"width='{width}' height='{height}'><title>{html.escape(title)}</title>",
        f"<text x='0' y='16' {_FONT} font-weight='bold'>{html.escape(title)}</text>",
        _legend(left, 34),
        f"<line x1='{left}' y1='{top + plot_h}' x2='{left + plot_w}' y2='{top + plot_h}' stroke='#888'/>",
        f"<line x1='{left}' y1='{top}' x2='{left}' y2='{top + plot_h}' stroke='#888'/>",
        f"<text x='{left - 6}' y='{top + 4}' text-anchor='end' {_FONT} font-size='10'>{most}</text>",
        f"<text x='{left - 6}' y='{top + plot_h}' text-anchor='end' {_FONT} font-size='10'>0</text>",
        f"<text x='{left}' y='{top + plot_h + 16}' {_FONT} font-size='10'>{first.isoformat()}</text>",
        f"<text x='{left + plot_w}' y='{top + plot_h + 16}' text-anchor='end' {_FONT} font-size='10'>{last.isoformat()}</text>",
        f"<text x='{left + plot_w / 2}' y='{top + plot_h + 32}' text-anchor='middle' {_FONT} font-size='10'>"
        "items (provider × item) pledged and delivered so far</text>",
        f"<polyline fill='none' stroke='{PLEDGED_COLOUR}' stroke-width='3' points='{steps(0)}'/>",
        f"<polyline fill='none' stroke='{DELIVERED_COLOUR}' stroke-width='3' points='{steps(1)}'/>",
        "</svg>",
    ]
    return "".join(parts)


def charts(rows: Sequence[TrackerRow], subject: str, view: str = "recipient") -> list[str]:
    """The tracker's two charts for ``subject`` (a display name), as inline SVG strings."""
    by = "provider" if view == "recipient" else "recipient"
    heading = "by provider" if view == "recipient" else "by recipient"
    drawn = [
        pledged_vs_delivered_svg(totals(rows, by=by), f"{subject}: pledged vs delivered {heading}"),
        over_time_svg(rows, f"{subject}: over time"),
    ]
    return [svg for svg in drawn if svg]
