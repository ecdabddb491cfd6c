"""Colours of relation statuses and claim certainty, shared by the web UI and the report.

One table so the graph's edges, the legend and the timeline dots agree. Hues
are the Okabe-Ito colour-blind-safe palette; "contested" is the only grey.
"""

from __future__ import annotations

STATUS_COLOURS: dict[str, str] = {
    "confirmed": "#009E73",
    "reported": "#0072B2",
    "expected": "#56B4E9",
    "speculated": "#E69F00",
    "refused": "#D55E00",
    "denied": "#CC79A7",
    "contested": "#7f7f7f",
}

# How solid a claim's dot is: a possible claim is drawn faint.
MODALITY_OPACITY: dict[str, float] = {"certain": 1.0, "probable": 0.7, "possible": 0.4}

UNKNOWN_COLOUR = "#444444"


def status_colour(status: str) -> str:
    return STATUS_COLOURS.get(status, UNKNOWN_COLOUR)
