"""Versioned data files (gazetteers, equipment catalogue, cue lexicons) and their loaders.

Every file notes its sources; see README.md in this folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent


def load_yaml(text: str) -> Any:
    """``yaml.safe_load`` with libyaml's C parser when PyYAML has it: the same documents, read
    about eight times faster (the gazetteer and lexicons are part of every start-up)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader, C or Python
