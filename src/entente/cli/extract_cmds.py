"""``entente extract`` and ``entente eval``."""

from __future__ import annotations
