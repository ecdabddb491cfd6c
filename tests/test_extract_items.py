"""``entente_items``: catalogued systems, generic equipment, and help that is not goods."""

from __future__ import annotations

import pytest
from extract_helpers import nlp_fixture  # noqa: F401  (fixture)
from spacy.language import Language

from entente.extract.frames import ItemMention


def items(nlp: Language, text: str) -> list[ItemMention]:
    return list(nlp(text)._.items)


@pytest.mark.parametrize(
    ("text", "system_id", "category"),
    [
        ("Turkey took delivery of the S-400 air defence system.", "s-400", "air_defence"),
        ("The Triumf batteries were moved north.", "s-400", "air_defence"),
        ("Egypt is weighing an order for Su-35 fighter jets.", "su-35", "aircraft"),
        ("Shahed-136 drones hit the power station.", "shahed-136", "uav"),
    ],
)
def test_a_catalogued_system_is_found_with_its_id(
    nlp: Language, text: str, system_id: str, category: str
) -> None:
    found = items(nlp, text)
    assert [(m.id, m.category, m.nature) for m in found] == [(system_id, category, "equipment")]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("The drones were launched at night.", "uav"),
        ("The first 155mm artillery shells arrived in the port.", "munitions"),
        ("The attack helicopters landed at the base.", "helicopter"),
        ("New rifles were handed out.", "small_arms"),
    ],
)
def test_generic_equipment_gets_its_category_and_no_id(nlp: Language, text: str, category: str) -> None:
    found = items(nlp, text)
    assert [(m.id, m.category, m.nature) for m in found] == [(None, category, "equipment")]


def test_su_35_fighter_jets_is_one_item_headed_by_jets(nlp: Language) -> None:
    doc = nlp("Egypt is weighing an order for Su-35 fighter jets.")
    (item,) = doc._.items
    assert doc[item.head].text == "jets"
    assert item.id == "su-35"


def test_humanitarian_aid_is_not_an_item(nlp: Language) -> None:
    found = items(nlp, "Germany flew humanitarian aid to the region after the earthquake.")
    assert found == []


def test_military_aid_is_help_not_goods(nlp: Language) -> None:
    found = items(nlp, "Washington announced new military aid for Kyiv.")
    assert [(m.category, m.nature) for m in found] == [("other", "support")]


def test_lethal_aid_is_goods(nlp: Language) -> None:
    found = items(nlp, "Lawmakers called for lethal aid for Ukraine.")
    assert [(m.category, m.nature) for m in found] == [("other", "equipment")]


def test_non_lethal_aid_stays_help(nlp: Language) -> None:
    found = items(nlp, "Lawmakers called for non-lethal aid for Ukraine.")
    assert [m.nature for m in found] == ["support"]


def test_a_sentence_without_equipment_has_no_item(nlp: Language) -> None:
    assert items(nlp, "The minister met reporters in the capital.") == []


def test_a_list_of_items_in_a_package_gives_one_mention_each(nlp: Language) -> None:
    found = items(
        nlp,
        "The package includes Javelin missiles, 155mm artillery shells, armoured vehicles and night-vision goggles.",
    )
    categories = [m.category for m in found]
    assert "munitions" in categories and "armoured_vehicle" in categories
    assert len(found) >= 3


def test_a_definite_description_takes_the_system_named_before(nlp: Language) -> None:
    doc = nlp("Russia plans to sell the Su-35 to Iran. Tehran may receive the aircraft next year.")
    second = [m for m in doc._.items if m.start >= doc[len(doc) // 2].i]
    assert [(m.id, m.category) for m in second] == [("su-35", "aircraft")]


def test_an_indefinite_aircraft_names_no_system(nlp: Language) -> None:
    doc = nlp("Russia plans to sell the Su-35 to Iran. Tehran may also buy a transport aircraft.")
    second = [m for m in doc._.items if m.start >= doc[len(doc) // 2].i]
    assert [m.id for m in second] == [None]


def test_a_generic_word_inside_a_longer_match_is_not_a_second_item(nlp: Language) -> None:
    found = items(nlp, "Moscow shared missile-related technology with Tehran.")
    assert len(found) == 1
