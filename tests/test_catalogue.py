"""The equipment catalogue: data coverage, surface forms, lookup and validation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from entente.data.catalogue import (
    EQUIPMENT_COLUMNS,
    Catalogue,
    clear_cache,
    load_catalogue,
)
from entente.errors import DataError
from entente.model import CATEGORIES

# Ids that other code and the gold data refer to: they must never be renamed.
REQUIRED_IDS = (
    "s-400", "su-35", "shahed-136", "scud-b", "scud-c", "no-dong", "hwasong-5", "m-11", "m-9",
    "m-7", "df-3", "c-802", "hy-1", "hy-2", "hq-1", "hq-2", "hn-5a", "gabriel", "jericho",
    "maz-543", "ss-4", "cyclon-30", "f-16", "javelin", "himars", "patriot", "tb2", "mig-29",
    "t-72", "leopard-2", "abrams",
)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture
def fresh_cache() -> Iterator[None]:
    clear_cache()
    yield
    clear_cache()


def test_catalogue_holds_at_least_320_systems(catalogue: Catalogue) -> None:
    assert len(catalogue.systems) >= 320


def test_every_category_is_a_claim_category(catalogue: Catalogue) -> None:
    assert {form.category for form in catalogue.surface_forms()} <= set(CATEGORIES)


@pytest.mark.parametrize("system_id", REQUIRED_IDS)
def test_required_id_exists(catalogue: Catalogue, system_id: str) -> None:
    assert system_id in catalogue.systems


@pytest.mark.parametrize("name", ["S-400", "Triumf", "SA-21", "S-400 Triumf", "S400", "S 400", "S-400s"])
def test_names_of_the_s400_resolve_to_one_id(catalogue: Catalogue, name: str) -> None:
    form = catalogue.lookup(name)
    assert form is not None and form.system_id == "s-400" and form.category == "air_defence"


@pytest.mark.parametrize(
    ("text", "system_id"),
    [
        ("Su-35s", "su-35"),
        ("SU-35", "su-35"),
        ("Sukhoi Su-35", "su-35"),
        ("Scud-Bs", "scud-b"),
        ("R-17Es", "scud-b"),
        ("Nodong", "no-dong"),
        ("Rodong", "no-dong"),
        ("Hwasong-5", "hwasong-5"),
        ("CSS-8", "m-7"),
        ("B610", "m-7"),
        ("Silkworm", "hy-1"),
        ("Seersucker", "hy-2"),
        ("Saccade", "c-802"),
        ("MAZ-543P", "maz-543"),
        ("R-12", "ss-4"),
        ("Shahed 136", "shahed-136"),
        ("F16s", "f-16"),
        ("Bayraktar TB2", "tb2"),
        ("Leopard 2s", "leopard-2"),
    ],
)
def test_variant_and_alias_resolve(catalogue: Catalogue, text: str, system_id: str) -> None:
    form = catalogue.lookup(text)
    assert form is not None and form.system_id == system_id


def test_generic_plural_names_a_category_and_no_system(catalogue: Catalogue) -> None:
    form = catalogue.lookup("drones")
    assert form is not None and form.category == "uav" and form.system_id is None


def test_generic_terms_match_in_any_case(catalogue: Catalogue) -> None:
    form = catalogue.lookup("Air Defense Systems")
    assert form is not None and form.category == "air_defence"


@pytest.mark.parametrize("word", ["patriot", "javelin", "silkworm", "triumf"])
def test_system_name_that_is_an_english_word_is_case_sensitive(catalogue: Catalogue, word: str) -> None:
    assert catalogue.lookup(word) is None


def test_acronym_generic_term_does_not_match_a_first_name(catalogue: Catalogue) -> None:
    assert catalogue.lookup("SAM") is not None
    assert catalogue.lookup("Sam") is None


def test_no_case_insensitive_form_lacks_a_digit(catalogue: Catalogue) -> None:
    loose = [f.text for f in catalogue.surface_forms() if f.system_id and not f.case_sensitive]
    assert loose and all(any(ch.isdigit() for ch in text) for text in loose)


def test_surface_forms_are_unique(catalogue: Catalogue) -> None:
    texts = [form.text for form in catalogue.surface_forms()]
    assert len(texts) == len(set(texts))


def test_maker_of_s400_is_russia(catalogue: Catalogue) -> None:
    assert catalogue.maker("s-400") == "RUS"


def test_soviet_era_system_has_former_state_maker(catalogue: Catalogue) -> None:
    assert catalogue.maker("scud-b") == "SUN"
    assert catalogue.maker("no-such-system") is None


def test_catalogue_is_loaded_once(fresh_cache: None) -> None:
    assert load_catalogue() is load_catalogue()


def _write_equipment(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "equipment.csv"
    path.write_text("\n".join([",".join(EQUIPMENT_COLUMNS), *rows]) + "\n", encoding="utf-8")
    return path


GOOD_ROW = "s-400,S-400,Triumf|SA-21,air_defence,RUS,Wikipedia: S-400 missile system"


def test_unknown_category_raises_data_error_naming_file_and_line(tmp_path: Path, fresh_cache: None) -> None:
    path = _write_equipment(tmp_path, GOOD_ROW, "su-35,Su-35,Flanker-E,fighter,RUS,Wikipedia")
    with pytest.raises(DataError, match=r"equipment\.csv:3: .*unknown category 'fighter'"):
        load_catalogue(equipment_path=path)


def test_duplicate_id_raises_data_error(tmp_path: Path, fresh_cache: None) -> None:
    path = _write_equipment(tmp_path, GOOD_ROW, GOOD_ROW)
    with pytest.raises(DataError, match=r"equipment\.csv:3: duplicate id 's-400'"):
        load_catalogue(equipment_path=path)


def test_alias_shared_by_two_systems_raises_data_error(tmp_path: Path, fresh_cache: None) -> None:
    path = _write_equipment(tmp_path, GOOD_ROW, "s-300,S-300,SA-21,air_defence,RUS,Wikipedia")
    with pytest.raises(DataError, match=r"equipment\.csv:3: .*'SA-21' already names 's-400'"):
        load_catalogue(equipment_path=path)


def test_missing_maker_raises_data_error(tmp_path: Path, fresh_cache: None) -> None:
    path = _write_equipment(tmp_path, "su-35,Su-35,,aircraft,,Wikipedia")
    with pytest.raises(DataError, match=r"equipment\.csv:2: su-35: missing maker"):
        load_catalogue(equipment_path=path)


def test_short_row_raises_data_error(tmp_path: Path, fresh_cache: None) -> None:
    path = _write_equipment(tmp_path, GOOD_ROW, "su-35,Su-35,aircraft")
    with pytest.raises(DataError, match=r"equipment\.csv:3: 3 fields"):
        load_catalogue(equipment_path=path)


def test_data_error_carries_its_code(tmp_path: Path, fresh_cache: None) -> None:
    path = _write_equipment(tmp_path, "su-35,Su-35,,aircraft,XXX,Wikipedia")
    with pytest.raises(DataError) as caught:
        load_catalogue(equipment_path=path)
    assert str(caught.value).startswith("E200: equipment.csv:2:")


def test_generic_file_with_unknown_category_raises(tmp_path: Path, fresh_cache: None) -> None:
    path = tmp_path / "generic_items.csv"
    path.write_text("term,category,source\ndrones,uav,lexicon\nbananas,fruit,lexicon\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"generic_items\.csv:3: 'bananas': unknown category"):
        load_catalogue(generic_path=path)
