"""entente: who supplies what military support to whom, who says so, and how sure the text is."""

from __future__ import annotations

from entente.api import evaluate, extract_documents, extract_paths, extract_text
from entente.errors import EntenteError, ReadError
from entente.model import Claim, Document, Relation

__all__ = [
    "Claim",
    "Document",
    "EntenteError",
    "ReadError",
    "Relation",
    "evaluate",
    "extract_documents",
    "extract_paths",
    "extract_text",
]
__version__ = "0.1.0"
