"""The tracker pages: ``/tracker/{actor}`` (HTML with charts), its CSV, Excel and JSON.

``actor`` is an id or a name ("UKR", "Ukraine", "Kyiv"); ``?view=provider``
shows what that actor gave, to whom, instead of what it was given. An unknown
name is ``E411`` (400) with suggestions.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from entente.errors import BadFilter
from entente.fuse.tracker import TrackerRow, totals
from entente.names import resolve_actor
from entente.report.tracker import charts, export_records, tracker_for, write_csv, write_xlsx
from entente.store import Store
from entente.store.names import actor_name

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _view(request: Request) -> str:
    view = request.query_params.get("view", "recipient")
    if view not in ("recipient", "provider"):
        raise BadFilter(f"view={view!r} is not 'recipient' or 'provider'")
    return view


def _rows(store: Store, actor: str, view: str) -> tuple[str, list[TrackerRow]]:
    actor_id = resolve_actor(actor)
    if view == "provider":
        return actor_id, tracker_for(store, provider=actor_id)
    return actor_id, tracker_for(store, recipient=actor_id)


def add_tracker_routes(app: FastAPI, store: Store, page: Callable[..., HTMLResponse]) -> None:
    """Register the tracker's routes on ``app`` (``page`` renders a template in the site's layout)."""

    @app.get("/tracker/{actor}", response_class=HTMLResponse)
    def tracker_page(request: Request, actor: str) -> HTMLResponse:
        view = _view(request)
        actor_id, rows = _rows(store, actor, view)
        name = actor_name(actor_id)
        by = "provider" if view == "recipient" else "recipient"
        return page(
            request, "tracker.html", title=f"Tracker: {name}", actor=actor_id, actor_label=name, view=view,
            rows=rows, totals=totals(rows, by=by), by=by,
            charts=[Markup(svg) for svg in charts(rows, name, view)],  # noqa: S704 - built from escaped parts
        )

    @app.get("/tracker/{actor}/export.csv")
    def tracker_csv(request: Request, actor: str) -> Response:
        actor_id, rows = _rows(store, actor, _view(request))
        out = io.StringIO()
        write_csv(rows, out, base_url=str(request.base_url).rstrip("/"))
        return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="tracker-{_slug(actor_id)}.csv"'})

    @app.get("/tracker/{actor}/export.xlsx")
    def tracker_xlsx(request: Request, actor: str) -> Response:
        actor_id, rows = _rows(store, actor, _view(request))
        out = io.BytesIO()
        write_xlsx(rows, out, title=_slug(actor_id), base_url=str(request.base_url).rstrip("/"))
        return Response(out.getvalue(), media_type=XLSX,
                        headers={"Content-Disposition": f'attachment; filename="tracker-{_slug(actor_id)}.xlsx"'})

    @app.get("/api/tracker/{actor}")
    def api_tracker(request: Request, actor: str) -> dict[str, Any]:
        view = _view(request)
        actor_id, rows = _rows(store, actor, view)
        records = export_records(rows)
        for record in records:
            for key in ("first_reported", "last_reported"):
                record[key] = record[key].isoformat()
        return {"actor": actor_id, "view": view, "rows": len(rows), "records": records}


def _slug(actor_id: str) -> str:
    return actor_id.replace(":", "-")
