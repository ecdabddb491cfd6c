"""Generate ``src/entente/data/states.csv``: every state's names in news English.

Run from the repository root with the project's venv::

    .venv/bin/python tools/build_gazetteer.py

Sources, merged in this order of authority:

1. the hand-written files, which always win: ``states_extra.csv`` (forms the
   libraries lack or get wrong in news English, source "entente editors") and
   ``actors.yaml`` (seats, institutions, firms, organisations: a text named
   there is never also a state form here);
2. pycountry (ISO 3166-1 names, common and official names; ISO 3166-3 former
   states such as SUN and YUG);
3. countryinfo (capital, demonym, alternative spellings; MIT).

``states_excluded.csv`` lists generated forms dropped on purpose, with the
reason. A generated form claimed by two states is dropped too (a current state
beats a former one, so "Yemen" stays YEM and not the old YMD); the build prints
every such collision so an editor can settle it in ``states_extra.csv``.
"""

from __future__ import annotations

import csv
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import pycountry
import yaml
from countryinfo import CountryInfo, CountryNotFoundError

DATA = Path(__file__).resolve().parent.parent / "src" / "entente" / "data"
FIELDS = ("actor", "form", "text", "source")
FORM_ORDER = ("name", "short", "formal", "adjective", "demonym", "capital")
EDITORS = "entente editors"
# Words that mark an alternative spelling as the state's formal style.
FORMAL_WORDS = frozenset(
    "Republic Kingdom Federation State Commonwealth Principality Union Sultanate "
    "Emirate Confederation Federated Grand Duchy Democratic Socialist Islamic".split()
)


@dataclass(frozen=True)
class Row:
    actor: str
    form: str
    text: str
    source: str
    historic: bool = False


def _latin(text: str) -> bool:
    """True when every letter is Latin script: native-script names never occur in English news."""
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in text)


def _usable(text: str, codes: set[str]) -> bool:
    # Inverted ISO names ("Iran, Islamic Republic of") and glosses in brackets are
    # catalogue styles, not running text; bare ISO codes ("IN", "CAN", "AND") are
    # common words. Editors add the codes news does use ("USA", "UAE").
    return (
        bool(text)
        and (text[0].isupper() or text.startswith("the "))  # not "al-Jumhūriyyah ...", "weSwatini"
        and "," not in text
        and "(" not in text
        and text not in codes
        and _latin(text)
    )


def _plural(demonym: str) -> str | None:
    """'Iranian' -> 'Iranians', 'Iraqi' -> 'Iraqis'.

    Only the regular endings: 'Chinese', 'British', 'Malagasy', 'Motswana' take
    no '-s' plural, and editors add the irregular ones ('Filipinos').
    """
    if " and " in demonym or not demonym.endswith(("n", "i", "r", "t", "k")):
        return None
    return demonym + "s"


def _generated(codes: set[str]) -> tuple[list[Row], dict[str, str]]:
    """Rows from the libraries, and each state's display name as the libraries give it."""
    iso1 = f"pycountry {version('pycountry')} (ISO 3166-1)"
    iso3 = f"pycountry {version('pycountry')} (ISO 3166-3)"
    info = f"countryinfo {version('countryinfo')}"
    rows: list[Row] = []
    display: dict[str, str] = {}
    for country in pycountry.countries:
        actor = country.alpha_3
        names = [country.name, getattr(country, "common_name", None)]
        rows += [Row(actor, "name", n, iso1) for n in names if n]
        official = getattr(country, "official_name", None)
        if official:
            rows.append(Row(actor, "formal", official, iso1))
        try:
            ci = CountryInfo(actor)
        except CountryNotFoundError:
            display[actor] = getattr(country, "common_name", None) or country.name
            continue
        display[actor] = ci.name() if "," not in ci.name() else (
            getattr(country, "common_name", None) or country.name
        )
        rows.append(Row(actor, "name", ci.name(), info))
        for alt in ci.alt_spellings():
            form = "formal" if FORMAL_WORDS & set(alt.split()) or " of " in alt else "short"
            rows.append(Row(actor, form, alt, info))
        demonym = ci.demonym()
        if demonym:
            rows.append(Row(actor, "demonym", demonym, info))
            plural = _plural(demonym)
            if plural:
                rows.append(Row(actor, "demonym", plural, info))
        # "Kralendijk / Oranjestad / The Bottom": one capital per island.
        for capital in (ci.capital() or "").split(" / "):
            if capital:
                rows.append(Row(actor, "capital", capital, info))
    for country in pycountry.historic_countries:
        actor = country.alpha_3
        # "USSR, Union of Soviet Socialist Republics": both halves are names;
        # "Zaire, Republic of" is inverted: the formal name is "Republic of Zaire".
        first, *rest = country.name.split(", ")
        rows.append(Row(actor, "name", first, iso3, historic=True))
        for part in rest:
            if part.endswith(" of"):
                rows.append(Row(actor, "formal", f"{part} {first}", iso3, historic=True))
            elif " " in part:
                rows.append(Row(actor, "formal", part, iso3, historic=True))
        display.setdefault(actor, country.name.split(", ")[0])
    return [r for r in rows if _usable(r.text, codes)], display


def _read_csv(path: Path, fields: tuple[str, ...]) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != fields:
            sys.exit(f"{path.name}: header must be {','.join(fields)}")
        return list(reader)


def _yaml_claims(path: Path) -> dict[str, str]:
    """Text -> actor for every name in actors.yaml."""
    claims: dict[str, str] = {}
    for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["actors"]:
        actor = entry.get("state") or entry["id"]
        for name in entry["names"]:
            claims[name] = actor
    return claims


def build() -> list[Row]:
    codes = {c.alpha_2 for c in pycountry.countries} | {c.alpha_3 for c in pycountry.countries}
    codes |= {c.alpha_3 for c in pycountry.historic_countries}
    generated, display = _generated(codes)
    extra = [Row(r["actor"], r["form"], r["text"], r["source"]) for r in
             _read_csv(DATA / "states_extra.csv", FIELDS)]
    excluded = {(r["actor"], r["text"]) for r in
                _read_csv(DATA / "states_excluded.csv", ("actor", "text", "reason"))}
    # A hand-written text takes the form from every other state; a text of
    # actors.yaml is defined there only, so it leaves states.csv altogether.
    in_yaml = _yaml_claims(DATA / "actors.yaml")
    claimed = {r.text: r.actor for r in extra}
    kept = [r for r in generated
            if r.text not in in_yaml and claimed.get(r.text, r.actor) == r.actor
            and (r.actor, r.text) not in excluded and ("*", r.text) not in excluded]
    by_text: dict[str, set[str]] = defaultdict(set)
    historic = {r.actor for r in kept if r.historic}
    for r in kept:
        by_text[r.text].add(r.actor)
    resolved: list[Row] = []
    for r in kept:
        owners = by_text[r.text]
        current = owners - historic
        if len(owners) == 1 or (current == {r.actor}):
            resolved.append(r)
        elif r.actor == min(owners):  # report each collision once
            print(f"dropped ambiguous {r.text!r}: {', '.join(sorted(owners))}", file=sys.stderr)

    # One row per (actor, text): a library's row keeps its source when an
    # editor repeats it. A former state none of whose names is left ("Burma"
    # is Myanmar's now) is a renaming, not an actor of its own.
    rows: dict[tuple[str, str], Row] = {}
    # An editor's `name` row always stands: it sets the display name.
    for r in [r for r in extra if r.form == "name"] + resolved + extra:
        rows.setdefault((r.actor, r.text), r)
    named = {r.actor for r in rows.values() if r.form == "name"}
    rows = {key: r for key, r in rows.items() if not r.historic or r.actor in named}
    # The display name leads its state's rows: the editors' first `name`, else the libraries'.
    lead: dict[str, str] = {}
    for r in extra:
        if r.form == "name":
            lead.setdefault(r.actor, r.text)
    for actor, text in display.items():
        lead.setdefault(actor, text)

    def order(r: Row) -> tuple[str, bool, int, str]:
        return (r.actor, r.text != lead.get(r.actor) or r.form != "name", FORM_ORDER.index(r.form), r.text)

    out = sorted(rows.values(), key=order)
    for actor in sorted({r.actor for r in out} - named):
        print(f"warning: {actor} has no name row", file=sys.stderr)
    for actor in sorted(set(display) - {r.actor for r in out}):
        print(f"left out {actor} ({display[actor]}): every form belongs to another state", file=sys.stderr)
    return out


def main() -> None:
    rows = build()
    with (DATA / "states.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(FIELDS)
        writer.writerows((r.actor, r.form, r.text, r.source) for r in rows)
    print(f"wrote {len(rows)} forms of {len({r.actor for r in rows})} states to {DATA / 'states.csv'}")


if __name__ == "__main__":
    main()
