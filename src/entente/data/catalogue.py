"""The equipment catalogue: named military systems and the generic nouns news uses for items.

Two data files beside this module feed it (see README.md, "Equipment catalogue"):

- ``equipment.csv``: one named system a row (``id,designation,aliases,category,maker,source``);
- ``generic_items.csv``: generic nouns ("drones", "air defence systems") and their category.

The loader validates both, then derives every *surface form* the text may use for an item.
A matcher (spaCy ``PhraseMatcher``, Aho-Corasick) is compiled from :meth:`Catalogue.surface_forms`
once; :meth:`Catalogue.lookup` answers what a matched string names.

Case rule: aliases are matched **case-sensitively**, except forms that contain a digit and at
least four letters or digits ("Su-35" also matches "SU-35", "s-400" matches "S-400"): such
codes are never English words. A form without a digit ("Patriot", "Javelin", "Triumf",
"Gabriel") only matches as written, so the English words "patriot" or "javelin" never name a
system. Generic terms written in lowercase match in any case; a generic term written with
capitals ("SAM", "TELs") is matched exactly, so the name "Sam" is not an air-defence system.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from entente.data import DATA_DIR
from entente.errors import DataError
from entente.model import CATEGORIES

EQUIPMENT_CSV = DATA_DIR / "equipment.csv"
GENERIC_CSV = DATA_DIR / "generic_items.csv"
GOODS_HEADS_CSV = DATA_DIR / "goods_heads.csv"

EQUIPMENT_COLUMNS = ("id", "designation", "aliases", "category", "maker", "source")
GENERIC_COLUMNS = ("term", "category", "source")
GOODS_HEADS_COLUMNS = ("head", "category", "source")

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A separator between a letter and a digit ("S-400", "Leopard 2", "Shahed 136"): the
# places where news writers hyphenate, space or run together the same designation.
_CODE_SEPARATOR = re.compile(r"(?<=[A-Za-z])[- ](?=\d)|(?<=\d)[- ](?=[A-Za-z])")
# Endings that take no plain "s" plural ("HIMARS", "Mistral-class", "E-3 Sentry").
_NO_PLURAL_ENDINGS = ("s", "S", "x", "z", "ch", "sh", "y")


@dataclass(frozen=True)
class System:
    """One named system of ``equipment.csv``."""

    id: str
    designation: str
    aliases: tuple[str, ...]
    category: str
    maker: str  # ISO 3166-1 alpha-3 of the designing state (ISO 3166-3 "SUN", "CSK" for former states)
    source: str

    @property
    def names(self) -> tuple[str, ...]:
        """The designation and every alias, as written in the data file."""
        return (self.designation, *self.aliases)


@dataclass(frozen=True)
class SurfaceForm:
    """One string the text may use for an item, and what it names.

    ``system_id`` is None for a generic term ("drones"), which names only a category.
    """

    text: str
    system_id: str | None
    category: str
    case_sensitive: bool


class Catalogue:
    """The validated catalogue and the surface forms derived from it. Build it with :func:`load_catalogue`."""

    def __init__(self, systems: dict[str, System], generic: Iterable[SurfaceForm]) -> None:
        self.systems = systems
        self._forms = _derive_forms(systems, list(generic))
        self._exact = {form.text: form for form in self._forms}
        self._folded = {form.text.casefold(): form for form in self._forms if not form.case_sensitive}

    def surface_forms(self) -> list[SurfaceForm]:
        """Every way the text may name an item: system names and their variants, then generic terms.

        Each text appears once; a form that two systems would share is left out (ambiguous).
        """
        return list(self._forms)

    def lookup(self, text: str) -> SurfaceForm | None:
        """What an exact surface form names ("S400" -> s-400, "drones" -> uav), or None.

        Runs of whitespace count as one space; case is ignored only for case-insensitive forms.
        """
        key = " ".join(text.split())
        return self._exact.get(key) or self._folded.get(key.casefold())

    def maker(self, system_id: str) -> str | None:
        """The ISO alpha-3 code of the state that designs or produces a system, or None if unknown."""
        system = self.systems.get(system_id)
        return system.maker if system else None


_CACHE: dict[tuple[Path, Path], Catalogue] = {}


def load_catalogue(equipment_path: Path | None = None, generic_path: Path | None = None) -> Catalogue:
    """The catalogue from the bundled files (or the given ones), validated, loaded once per pair of paths.

    Raises :class:`entente.errors.DataError` naming the file, line and problem when a file is malformed.
    """
    key = (Path(equipment_path or EQUIPMENT_CSV), Path(generic_path or GENERIC_CSV))
    if key not in _CACHE:
        _CACHE[key] = Catalogue(_read_systems(key[0]), _read_generic(key[1]))
    return _CACHE[key]


def clear_cache() -> None:
    """Forget every loaded catalogue, so the next :func:`load_catalogue` reads the files again (tests)."""
    _CACHE.clear()
    load_goods_heads.cache_clear()


@lru_cache(maxsize=1)
def load_goods_heads(path: Path | None = None) -> dict[str, str]:
    """Head noun -> category for goods no catalogue entry names ("patrol boats" -> ship).

    Read from ``goods_heads.csv`` (``head,category,source``); an open-vocabulary item whose
    head is not there takes ``other`` (spec: "else components or other").
    """
    path = Path(path or GOODS_HEADS_CSV)
    heads: dict[str, str] = {}
    for line, row in _rows(path, GOODS_HEADS_COLUMNS):
        where = f"{path.name}:{line}"
        head = row["head"].strip().lower()
        if not head or row["category"] not in CATEGORIES or not row["source"]:
            raise DataError(f"{where}: {head!r}: needs a head, a known category and a source")
        if head in heads:
            raise DataError(f"{where}: duplicate head {head!r}")
        heads[head] = row["category"]
    return heads


# --- reading and validating -------------------------------------------------------------------


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row of a CSV whose header must be exactly ``columns``."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise DataError(f"{path.name}: cannot be read ({exc.strerror})") from exc
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader, None)
            if header is None or tuple(h.strip() for h in header) != columns:
                raise DataError(f"{path.name}:1: header must be {','.join(columns)}")
            for record in reader:
                if not any(field.strip() for field in record):
                    continue
                if len(record) != len(columns):
                    raise DataError(
                        f"{path.name}:{reader.line_num}: {len(record)} fields, expected {len(columns)}"
                    )
                yield reader.line_num, {c: v.strip() for c, v in zip(columns, record, strict=True)}
        except (csv.Error, UnicodeDecodeError) as exc:
            raise DataError(f"{path.name}:{reader.line_num}: not valid CSV ({exc})") from exc


def _read_systems(path: Path) -> dict[str, System]:
    systems: dict[str, System] = {}
    owner: dict[str, str] = {}  # every declared name -> the id that declares it
    for line, row in _rows(path, EQUIPMENT_COLUMNS):
        where = f"{path.name}:{line}"
        system_id = row["id"]
        if not _SLUG.match(system_id):
            raise DataError(f"{where}: id {system_id!r} is not a lowercase slug")
        if system_id in systems:
            raise DataError(f"{where}: duplicate id {system_id!r}")
        if not row["designation"]:
            raise DataError(f"{where}: {system_id}: missing designation")
        if row["category"] not in CATEGORIES:
            raise DataError(f"{where}: {system_id}: unknown category {row['category']!r}")
        if not row["maker"]:
            raise DataError(f"{where}: {system_id}: missing maker")
        if not _is_state_code(row["maker"]):
            raise DataError(f"{where}: {system_id}: maker {row['maker']!r} is not an ISO 3166 alpha-3 code")
        if not row["source"]:
            raise DataError(f"{where}: {system_id}: missing source")
        aliases = tuple(dict.fromkeys(a.strip() for a in row["aliases"].split("|") if a.strip()))
        system = System(
            id=system_id,
            designation=row["designation"],
            aliases=tuple(a for a in aliases if a != row["designation"]),
            category=row["category"],
            maker=row["maker"],
            source=row["source"],
        )
        for name in system.names:
            other = owner.get(name)
            if other is not None and other != system_id:
                raise DataError(f"{where}: {system_id}: alias {name!r} already names {other!r}")
            owner[name] = system_id
        systems[system_id] = system
    return systems


def _read_generic(path: Path) -> list[SurfaceForm]:
    forms: dict[str, SurfaceForm] = {}
    for line, row in _rows(path, GENERIC_COLUMNS):
        where = f"{path.name}:{line}"
        term = " ".join(row["term"].split())
        if not term:
            raise DataError(f"{where}: empty term")
        if row["category"] not in CATEGORIES:
            raise DataError(f"{where}: {term!r}: unknown category {row['category']!r}")
        if not row["source"]:
            raise DataError(f"{where}: {term!r}: missing source")
        if term in forms:
            raise DataError(f"{where}: duplicate term {term!r}")
        # Lowercase terms are common nouns (any case); capitals mark an acronym matched as written.
        forms[term] = SurfaceForm(term, None, row["category"], case_sensitive=term != term.lower())
    return list(forms.values())


def _is_state_code(code: str) -> bool:
    """True for a current (ISO 3166-1) or former (ISO 3166-3: SUN, CSK, YUG) alpha-3 code."""
    import pycountry  # imported here: only validation needs it

    if not re.fullmatch(r"[A-Z]{3}", code):
        return False
    return (
        pycountry.countries.get(alpha_3=code) is not None
        or pycountry.historic_countries.get(alpha_3=code) is not None
    )


# --- deriving surface forms -------------------------------------------------------------------


def _derive_forms(systems: dict[str, System], generic: list[SurfaceForm]) -> list[SurfaceForm]:
    """Declared names first, then their spelling variants, then generic terms.

    A declared name always wins over a variant; a variant two systems would share is dropped;
    a generic term never shadows a system name.
    """
    declared: dict[str, str] = {name: s.id for s in systems.values() for name in s.names}
    variant_owners: dict[str, set[str]] = {}
    for system in systems.values():
        for name in system.names:
            for variant in _variants(name):
                if variant not in declared:
                    variant_owners.setdefault(variant, set()).add(system.id)

    owners: dict[str, str] = dict(declared)
    owners.update({text: ids.pop() for text, ids in variant_owners.items() if len(ids) == 1})

    # A case-insensitive form stays so only if no other system (or generic term) folds to it.
    folded_owners: dict[str, set[str]] = {}
    for text, system_id in owners.items():
        if _is_code(text):
            folded_owners.setdefault(text.casefold(), set()).add(system_id)
    for form in generic:
        folded_owners.setdefault(form.text.casefold(), set()).add("")

    forms = [
        SurfaceForm(
            text=text,
            system_id=system_id,
            category=systems[system_id].category,
            case_sensitive=not (_is_code(text) and len(folded_owners[text.casefold()]) == 1),
        )
        for text, system_id in owners.items()
    ]
    forms.extend(form for form in generic if form.text not in owners)
    return forms


def _is_code(text: str) -> bool:
    """A designation code ("Su-35", "S-400"), never an English word: a digit and 4+ letters or digits."""
    alnum = [ch for ch in text if ch.isalnum()]
    return any(ch.isdigit() for ch in alnum) and len(alnum) >= 4


def _variants(name: str) -> list[str]:
    """Spelling variants of one name: separators at letter-digit joins and the plural.

    "S-400" -> "S400", "S 400", "S-400s", "S400s", "S 400s". Two-character codes ("M-7", "B-2")
    keep their hyphen: "M7" or "B2" are more often a road or a vitamin than the system.
    """
    spellings = [name]
    if _CODE_SEPARATOR.search(name) and len(re.sub(r"[\W_]", "", name)) > 2:
        for separator in ("-", " ", ""):
            spelled = _CODE_SEPARATOR.sub(separator, name)
            if spelled not in spellings:
                spellings.append(spelled)
    plurals = [p for p in (_plural(s) for s in spellings) if p is not None]
    return [s for s in spellings if s != name] + plurals


def _plural(name: str) -> str | None:
    """The plural news writes for a system name ("Su-35s", "Scud-Bs", "Javelins"), or None."""
    if name.endswith(_NO_PLURAL_ENDINGS) or not name[-1].isalnum():
        return None
    return name + "s"
