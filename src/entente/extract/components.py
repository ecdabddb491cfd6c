"""Importing this module registers every entente component with spaCy."""

from __future__ import annotations

from entente.extract import actors, attribution, factuality, items, roles, time, triggers

__all__ = ["actors", "attribution", "factuality", "items", "roles", "time", "triggers"]
