"""Where an article came from, stored without the machine's paths, so a database can be shared.

``documents.origin`` keeps the path as the user would say it: relative to the
working directory when the file is under it (``samples/feed.jsonl:12``), else
only the file's name (``feed.jsonl:12``); URLs and ``<stdin>`` are kept as
they are. ``documents.origin_key`` keeps a digest of the absolute file path,
enough to tell two files apart when one would replace the other's article
(``IdCollision``), and nothing that reveals the path.
"""

from __future__ import annotations

import hashlib
import os
import re

# an origin's record within its file: "feed.jsonl:12", "crawl.warc#3"
_RECORD = re.compile(r"(?::\d+|#\d+(?: \(.*\))?)\Z")  # as repository.origin_file reads it
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def _split(origin: str) -> tuple[str, str]:
    match = _RECORD.search(origin)
    return (origin[: match.start()], match.group(0)) if match else (origin, "")


def _is_path(name: str) -> bool:
    return bool(name) and not name.startswith("<") and not _URL.match(name)


def portable_origin(origin: str | None, cwd: str | None = None) -> str | None:
    """``origin`` without a local absolute path (see the module docstring)."""
    if origin is None:
        return None
    name, record = _split(origin)
    if not _is_path(name) or not os.path.isabs(name):
        return origin
    here = os.path.abspath(cwd or os.getcwd())
    absolute = os.path.normpath(name)
    if absolute == here or absolute.startswith(here.rstrip(os.sep) + os.sep):
        return os.path.relpath(absolute, here) + record
    return os.path.basename(absolute) + record


def origin_key(origin: str | None) -> str | None:
    """A digest of the absolute path of the file ``origin`` names (None for URLs, stdin, no origin)."""
    if origin is None:
        return None
    name, _ = _split(origin)
    if not _is_path(name):
        return None
    return hashlib.sha256(os.path.normpath(os.path.abspath(name)).encode()).hexdigest()[:32]
