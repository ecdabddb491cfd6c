"""``metadata.json`` for Datasette: what each table and column of the store means, from the spec.

Written next to a SQLite store whenever it is opened for writing
(``entente.db`` -> ``entente.metadata.json``), so

    datasette entente.db -m entente.metadata.json

shows titles, descriptions and the spec's definitions beside the data, with
each code a link to its actor, item or relation and full-text search on the
evidence sentences and the articles.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CLAIM_COLUMNS = {
    "doc_id": "The article the claim comes from (documents.id).",
    "kind": "transfer, training, personnel, support or cooperation.",
    "provider": "Who gives: ISO 3166-1 alpha-3 (RUS), ISO 3166-3 for former states (SUN), org:slug for others.",
    "recipient": "Who receives (same codes as provider).",
    "item_text": "The item as the sentence words it.",
    "item_id": "The catalogue id of the item (items.id), when the catalogue names it.",
    "item_category": "uav, air_defence, missile, ... (the catalogue's categories).",
    "stage": "requested, offered, agreed, planned, occurred or refused.",
    "modality": "certain, probable or possible: how sure the text is.",
    "polarity": "positive, or negative for a denial.",
    "source_text": "Who says so, as the text names them; empty when the article itself asserts it.",
    "source_actor": "The actor the source speaks for (actors.id), when known.",
    "source_kind": "party, official, anonymous, expert, media or author.",
    "time_text": "The time expression of the sentence (\"In 2019\").",
    "time_start": "Start of the interval the time expression means (ISO date), resolved against the article date.",
    "time_end": "End of that interval (ISO date).",
    "time_anchor": "document (resolved from the article's date) or assumed (the article's date was guessed).",
    "evidence_start": "Character offset of the evidence sentence in the article body.",
    "evidence_end": "End offset of the evidence sentence.",
    "evidence_text": "The sentence the claim stands on.",
    "trace": "JSON: which component and cue set each field.",
    "relation_id": "The fused relation the claim belongs to (relations.id).",
}

def relation_columns() -> dict[str, str]:
    from entente.report.legend import STATUS_MEANINGS  # here: entente.report imports the store

    return {**RELATION_COLUMNS, "status": "; ".join(f"{s}: {m}" for s, m in STATUS_MEANINGS.items())}


RELATION_COLUMNS = {
    "provider": "Who gives (actors.id).",
    "recipient": "Who receives (actors.id).",
    "item_key": "The catalogue id of the item, else category:<category>, else kind:<kind>.",
    "item_label": "The item as shown.",
    "kinds": "JSON array of the claim kinds in the relation (also rows of relation_kinds).",
    "strongest": "The best kind of evidence: party_admission, independent_sources, named_official, "
                 "unnamed_sources, speculation or denial.",
    "first_seen": "Date of the first article reporting it.",
    "last_seen": "Date of the last article reporting it.",
    "event_start": "Earliest start of the claims' times.",
    "event_end": "Latest end of the claims' times.",
    "n_articles": "Distinct original articles (reprints not counted).",
    "n_sources": "Independent voices (a reprinted story is one).",
    "n_reprints": "Articles that only reprint a story already counted.",
    "n_claims": "Claims fused into the relation.",
}


def metadata(database: str = "entente") -> dict[str, Any]:
    """The Datasette metadata of a store whose file is ``database``.db."""
    return {
        "title": "entente: who supplies what military support to whom",
        "description": "Claims of military support extracted from news articles, each with its source, "
                       "certainty, time and sentence, and the relations fused from them.",
        "source": "entente (field definitions: the claim spec, spec/claims.md)",
        "databases": {database: {"tables": {
            "claims": {"description": "One claim a row, the spec's fields flattened (item.text -> item_text).",
                       "columns": CLAIM_COLUMNS, "fts_table": "claims_fts", "fts_pk": "id"},
            "relations": {"description": "Claims fused per provider -> recipient -> item, with status and "
                                         "strongest evidence.", "columns": relation_columns()},
            "documents": {"description": "The articles. origin says where each was read, without local paths.",
                          "columns": {"origin": "Where it was read: a path relative to where entente ran, "
                                                "or the file's name; a URL; <stdin>.",
                                      "origin_key": "A digest of the file's path (tells files apart, reveals no path).",
                                      "reprint_of": "The first stored copy of a near-duplicate article.",
                                      "date_assumed": "1 when the article gave no date and one was assumed."},
                          "fts_table": "documents_fts"},
            "actors": {"description": "Every actor of the gazetteer: states (ISO 3166) and organisations (org:slug)."},
            "items": {"description": "The equipment catalogue: every system, its category and maker."},
            "relation_kinds": {"description": "One row per relation and claim kind."},
            "relation_states": {"description": "Each relation's fusion state (JSON), so a save re-fuses a "
                                               "relation from its new claims only; n_claims and max_claim_id "
                                               "are the claims it has seen."},
            "claims_named": {"description": "Claims with the actors' names, the item's designation and the "
                                            "article's title, URL and outlet."},
            "relations_named": {"description": "Relations with the actors' names."},
        }}},
    }


def metadata_path(database: Path) -> Path:
    """``entente.db`` -> ``entente.metadata.json`` beside it."""
    return database.with_name(database.stem + ".metadata.json")


def write_metadata(database: Path) -> Path | None:
    """Write (or refresh) the metadata file beside ``database``; None when the directory refuses it."""
    path = metadata_path(database)
    text = json.dumps(metadata(database.stem), indent=2, ensure_ascii=False) + "\n"
    try:
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    except OSError:
        return None
    return path
