"""Versioned data files (gazetteers, equipment catalogue, cue lexicons) and their loaders.

Every file notes its sources; see README.md in this folder.
"""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).parent
