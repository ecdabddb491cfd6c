"""The actor gazetteer: news names resolve to the actor ids of the claim spec."""

from __future__ import annotations

import shutil
from pathlib import Path

import pycountry
import pytest

from entente.data.gazetteer import ACTORS_YAML, STATES_CSV, Gazetteer, clear_cache, load_gazetteer
from entente.errors import DataError, NotFound


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def test_every_iso_3166_1_state_is_an_actor(gazetteer: Gazetteer) -> None:
    missing = [c.alpha_3 for c in pycountry.countries if not gazetteer.is_state(c.alpha_3)]
    assert missing == []


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Tehran", "IRN"),
        ("the Kremlin", "RUS"),
        ("Kremlin", "RUS"),
        ("Iranian", "IRN"),
        ("the Islamic Republic of Iran", "IRN"),
        ("Washington", "USA"),
        ("the Pentagon", "USA"),
        ("Jerusalem", "ISR"),
        ("DPRK", "PRK"),
        ("North Korean", "PRK"),
        ("U.S.", "USA"),
        ("US", "USA"),
        ("Soviet", "SUN"),
        ("Yugoslav", "YUG"),
        ("IRGC", "IRN"),
        ("Hezbollah", "org:hezbollah"),
        ("Houthi rebels", "org:houthis"),
        ("Syrian rebels", "org:syrian-rebels"),
        ("moderate Syrian rebels", "org:syrian-rebels"),
        ("SinoChem", "CHN"),
        ("Lockheed Martin", "USA"),
        ("Taliban", "org:taliban"),
        ("Haqqani network", "org:haqqani-network"),
        ("IAEA", "org:iaea"),
        ("Peshmerga", "org:peshmerga"),
    ],
)
def test_news_names_resolve_to_their_actor(gazetteer: Gazetteer, text: str, actor: str) -> None:
    form = gazetteer.lookup(text)
    assert form is not None, text
    assert form.actor == actor


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Iran-sourced", "IRN"),
        ("Russian-occupied", "RUS"),
        ("Iranian-manufactured", "IRN"),
        ("U.S.-made", "USA"),
        ("Chinese-built", "CHN"),
        ("Soviet-era", "SUN"),
        ("Russia's", "RUS"),
        ("the Houthis'", "org:houthis"),
        ("The Kremlin", "RUS"),
    ],
)
def test_compounds_possessives_and_articles_resolve_to_their_stem(
    gazetteer: Gazetteer, text: str, actor: str
) -> None:
    form = gazetteer.lookup(text)
    assert form is not None and form.actor == actor


def test_a_hyphenated_name_is_not_cut_at_its_own_hyphen(gazetteer: Gazetteer) -> None:
    form = gazetteer.lookup("Guinea-Bissau")
    assert form is not None and form.actor == "GNB"


def test_forms_are_case_sensitive(gazetteer: Gazetteer) -> None:
    islamic_state = gazetteer.lookup("IS")
    assert islamic_state is not None and islamic_state.actor == "org:isis"
    assert gazetteer.lookup("is") is None


def test_a_common_word_is_not_an_actor(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Victoria") is None  # Seychelles' capital, dropped as a given name
    assert gazetteer.lookup("supplied") is None


def test_forms_hold_both_spellings_of_the_united_states(gazetteer: Gazetteer) -> None:
    texts = {form.text for form in gazetteer.forms() if form.actor == "USA"}
    assert {"U.S.", "US", "United States", "America"} <= texts


def test_the_kind_of_form_is_kept(gazetteer: Gazetteer) -> None:
    kremlin = gazetteer.lookup("Kremlin")
    firm = gazetteer.lookup("Lockheed Martin")
    assert kremlin is not None and kremlin.form == "seat"
    assert firm is not None and firm.form == "firm"


@pytest.mark.parametrize(
    ("actor", "name"),
    [("RUS", "Russia"), ("IRN", "Iran"), ("USA", "United States"), ("SUN", "Soviet Union"),
     ("org:nato", "NATO"), ("org:hezbollah", "Hezbollah")],
)
def test_display_names(gazetteer: Gazetteer, actor: str, name: str) -> None:
    assert gazetteer.name(actor) == name


def test_an_unknown_actor_has_no_name(gazetteer: Gazetteer) -> None:
    with pytest.raises(NotFound):
        gazetteer.name("org:nobody")


def test_states_and_organisations_are_told_apart(gazetteer: Gazetteer) -> None:
    assert gazetteer.is_state("SUN")
    assert not gazetteer.is_state("org:wagner")


def test_the_bundled_gazetteer_is_read_once_until_cleared() -> None:
    first = load_gazetteer()
    assert load_gazetteer() is first
    clear_cache()
    assert load_gazetteer() is not first


def _actors_file(tmp_path: Path, entry: str) -> Path:
    path = tmp_path / "actors.yaml"
    path.write_text(f"actors:\n{entry}", encoding="utf-8")
    return path


def test_a_malformed_actor_id_is_a_data_error_naming_the_entry(tmp_path: Path) -> None:
    bad = _actors_file(tmp_path, '  - {id: "org:Bad Id", kind: armed-group, names: [Bad], source: "test"}\n')
    with pytest.raises(DataError, match=r"actors\.yaml: entry 1 \(org:Bad Id\)"):
        load_gazetteer(actors_path=bad)


def test_an_entry_without_a_source_is_a_data_error(tmp_path: Path) -> None:
    bad = _actors_file(tmp_path, '  - {id: "org:new-front", kind: armed-group, names: [New Front]}\n')
    with pytest.raises(DataError, match="source"):
        load_gazetteer(actors_path=bad)


def test_a_seat_of_an_unknown_state_is_a_data_error(tmp_path: Path) -> None:
    bad = _actors_file(tmp_path, '  - {id: palace, kind: state-seat, state: XYZ, names: [The Palace], source: t}\n')
    with pytest.raises(DataError, match="unknown state 'XYZ'"):
        load_gazetteer(actors_path=bad)


def test_a_form_given_to_two_actors_is_a_data_error(tmp_path: Path) -> None:
    bad = _actors_file(tmp_path, '  - {id: "org:tehran-club", kind: organisation, names: [Tehran], source: t}\n')
    with pytest.raises(DataError, match="'Tehran' names org:tehran-club"):
        load_gazetteer(actors_path=bad)


def test_the_bundled_files_load_from_copies(tmp_path: Path) -> None:
    states = Path(shutil.copy(STATES_CSV, tmp_path / "states.csv"))
    actors = Path(shutil.copy(ACTORS_YAML, tmp_path / "actors.yaml"))
    assert load_gazetteer(states, actors).name("PRK") == "North Korea"


def test_a_state_row_with_a_bad_id_is_a_data_error(tmp_path: Path) -> None:
    states = tmp_path / "states.csv"
    states.write_text("actor,form,text,source\nIRN,name,Iran,test\nIr,name,Persia,test\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"states\.csv:3: bad state id 'Ir'"):
        load_gazetteer(states_path=states)
