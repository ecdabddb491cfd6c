"""The sendable report: one self-contained HTML dossier on two actors (``entente report``)."""

from __future__ import annotations

from entente.report.render import render_report, write_report

__all__ = ["render_report", "write_report"]
