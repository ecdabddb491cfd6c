"""``entente_roles``: provider, recipient and item of each flow, and the sentences that give none."""

from __future__ import annotations

import pytest
from extract_helpers import Flow, flow, flows, nlp_fixture  # noqa: F401  (fixture)
from spacy.language import Language


def test_active_voice_subject_gives_to_the_to_phrase(nlp: Language) -> None:
    assert flows(nlp("Russia supplied drones to Syria.")) == [Flow("transfer", "RUS", "SYR", None, "uav")]


def test_passive_with_agent_takes_the_by_phrase_as_provider(nlp: Language) -> None:
    assert flows(nlp("Drones were supplied to Russia by Iran.")) == [Flow("transfer", "IRN", "RUS", None, "uav")]


def test_received_from_reverses_the_roles(nlp: Language) -> None:
    assert flows(nlp("Venezuela received attack helicopters from Russia.")) == [
        Flow("transfer", "RUS", "VEN", None, "helicopter")
    ]


def test_provide_x_with_y_makes_x_the_recipient(nlp: Language) -> None:
    assert flows(nlp("China will provide Pakistan with J-10 fighters.")) == [
        Flow("transfer", "CHN", "PAK", "j-10", "aircraft")
    ]


def test_participle_supplied_to_takes_the_maker_nationality_as_provider(nlp: Language) -> None:
    assert flows(nlp("Iranian drones supplied to Russia have struck power plants.")) == [
        Flow("transfer", "IRN", "RUS", None, "uav")
    ]


@pytest.mark.xfail(strict=True, reason="reported: a participle 'Y supplied to X by Z' gives no frame")
def test_participle_supplied_to_by_gives_a_frame(nlp: Language) -> None:
    assert flows(nlp("The drones supplied to Russia by Iran have struck power plants.")) == [
        Flow("transfer", "IRN", "RUS", None, "uav")
    ]


def test_a_denied_gerund_before_a_compound_item_still_gives_a_frame(nlp: Language) -> None:
    # the parser reads "supplying" as an adjective of "attack drones"; roles read it back as the verb
    assert flows(nlp("Tehran denied supplying attack drones to Russia.")) == [
        Flow("transfer", "IRN", "RUS", None, "uav")
    ]


def test_possessive_request_makes_the_owner_the_recipient(nlp: Language) -> None:
    assert flows(nlp("Diplomats discussed Moscow's request for Iranian ballistic missiles.")) == [
        Flow("transfer", "IRN", "RUS", None, "missile")
    ]


def test_conjoined_items_give_one_frame_each(nlp: Language) -> None:
    assert flows(nlp("Iran sent drones and ballistic missiles to Russia.")) == [
        Flow("transfer", "IRN", "RUS", None, "uav"),
        Flow("transfer", "IRN", "RUS", None, "missile"),
    ]


def test_conjoined_recipients_give_one_frame_each(nlp: Language) -> None:
    assert flows(nlp("China exported armed drones to Pakistan and Iran.")) == [
        Flow("transfer", "CHN", "PAK", None, "uav"),
        Flow("transfer", "CHN", "IRN", None, "uav"),
    ]


def test_in_exchange_for_adds_the_reverse_flow(nlp: Language) -> None:
    assert flows(nlp("Russia received drones from Iran in exchange for Su-35 fighter jets.")) == [
        Flow("transfer", "IRN", "RUS", None, "uav"),
        Flow("transfer", "RUS", "IRN", "su-35", "aircraft"),
    ]


def test_a_pronoun_subject_takes_the_actor_of_the_previous_sentence(nlp: Language) -> None:
    doc = nlp("Iran sold short-range missiles to Syria in the 1990s. It has bought Scud-B missiles from North Korea.")
    assert Flow("transfer", "PRK", "IRN", "scud-b", "missile") in flows(doc)


def test_passive_without_provider_takes_the_maker_of_a_catalogued_system(nlp: Language) -> None:
    doc = nlp("The S-400 was delivered to India.")
    assert flows(doc) == [Flow("transfer", "RUS", "IND", "s-400", "air_defence")]
    assert doc._.frames[0].fallbacks >= 1


def test_an_uncatalogued_item_has_no_maker_to_fall_back_on(nlp: Language) -> None:
    assert flows(nlp("The rifles were delivered to India.")) == []


def test_list_items_take_the_roles_and_stage_of_their_lead_in(nlp: Language) -> None:
    # Profiles list what a deal covers under a colon; the items name neither side.
    doc = nlp(
        "Belarus sent its defence minister to Moscow in May. He secured Russian assistance in the following areas: "
        "The delivery of S-300 air defence systems. Long-term assistance in building a repair plant."
    )
    got = {(f.kind, f.provider, f.recipient, f.stage) for f in doc._.frames}
    assert ("transfer", "RUS", "BLR", "agreed") in got
    assert ("support", "RUS", "BLR", "agreed") in got
    assert all(f.provider == "RUS" for f in doc._.frames)


def test_a_list_ends_with_its_paragraph(nlp: Language) -> None:
    doc = nlp(
        "Syria secured Russian assistance in two areas: training and maintenance.\n\n"
        "The delivery of HN-5A SAMs to Iran followed in 1986."
    )
    hn5 = [f for f in doc._.frames if f.item is not None and f.item.id == "hn-5a"]
    assert [(f.provider, f.recipient) for f in hn5] == [("CHN", "IRN")]


def test_for_doing_is_said_of_the_object_not_the_subject(nlp: Language) -> None:
    assert flows(nlp("Washington sanctioned Tehran for supplying drones to Moscow.")) == [
        Flow("transfer", "IRN", "RUS", None, "uav")
    ]
    # sanctions "on" unnamed firms: the firms aided, not the United States
    assert flows(nlp("The United States placed sanctions on private companies for aiding Iran.")) == []


def test_what_forces_do_to_help_a_partner_is_the_item_of_the_support(nlp: Language) -> None:
    (frame,) = nlp("British jets carried out airstrikes to help Iraqi troops near Mosul.")._.frames
    assert (frame.kind, frame.provider, frame.recipient) == ("support", "GBR", "IRQ")
    assert frame.item is not None and frame.item.category == "other"


def test_whose_people_belong_to_the_actor_the_clause_hangs_on(nlp: Language) -> None:
    doc = nlp("The launchers went to a new brigade of the Syrian army, whose officers had received training in Russia.")
    assert Flow("training", "RUS", "SYR", None, None) in flows(doc)


def test_goods_conjoined_with_help_flow_from_the_same_giver(nlp: Language) -> None:
    got = flows(nlp("Kyiv welcomed British weapons and support."))
    assert Flow("transfer", "GBR", "UKR", None, "other") in got
    assert Flow("support", "GBR", "UKR", None, "other") in got


def test_an_item_classed_by_another_is_one_item(nlp: Language) -> None:
    got = flows(nlp("Iraq approached Russia seeking tanks and fighter jets in the Su-35 class."))
    assert [f.category for f in got] == ["armoured_vehicle", "aircraft"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian arms sales to India rose sharply in 2019.", Flow("transfer", "RUS", "IND", None, "other")),
        ("France expanded weapons deliveries to Ukraine.", Flow("transfer", "FRA", "UKR", None, "other")),
        ("Iran's drone exports to Russia grew.", Flow("transfer", "IRN", "RUS", None, "uav")),
    ],
)
def test_a_modifier_of_a_flow_noun_names_its_goods(nlp: Language, text: str, expected: Flow) -> None:
    assert flows(nlp(text)) == [expected]


def test_what_technology_is_transferred_for_is_not_transferred(nlp: Language) -> None:
    assert flows(nlp("China agreed to a technology transfer to Iran for missiles and artillery rockets.")) == [
        Flow("transfer", "CHN", "IRN", None, "components")
    ]


def test_the_doer_of_the_next_clause_is_no_recipient(nlp: Language) -> None:
    got = flows(nlp("Ukraine's allies: Germany delivered Patriot systems, and France sent Caesar howitzers."))
    assert ("DEU", "FRA") not in [(f.provider, f.recipient) for f in got]
    assert Flow("transfer", "FRA", "UKR", "caesar", "artillery") in got


def test_an_actor_in_another_clause_is_no_implicit_recipient(nlp: Language) -> None:
    # the IS is fought, not helped
    assert flows(nlp("Officials say Hezbollah help is essential in fighting the IS offensive in Syria.")) == []


def test_a_listed_flow_keeps_its_own_items_and_joint_production_is_cooperation(nlp: Language) -> None:
    doc = nlp(
        "Russia has long given Belarus military aid. This aid has included the sale of radar technologies, "
        "training of pilots, and the joint production of Buk missiles."
    )
    later = [flow(f) for f in doc._.frames if f.sent_start > 0]
    assert Flow("training", "RUS", "BLR", None, None) in later
    assert Flow("cooperation", "RUS", "BLR", "buk", "air_defence") in later
    assert not any(f.kind == "personnel" for f in later)  # the pilots are trained, not sent


def test_an_aid_package_that_lists_goods_gives_the_goods(nlp: Language) -> None:
    doc = nlp("The Pentagon on Tuesday unveiled a new $325 million military aid package for Ukraine, "
              "including NASAMS munitions and Stinger missiles.")
    assert flows(doc) == [
        Flow("transfer", "USA", "UKR", "nasams", "air_defence"),
        Flow("transfer", "USA", "UKR", "stinger", "air_defence"),
    ]


def test_according_to_intelligence_names_a_source_not_an_item(nlp: Language) -> None:
    doc = nlp("North Korea has shipped artillery shells to Russia, according to South Korean intelligence.")
    assert flows(doc) == [Flow("transfer", "PRK", "RUS", None, "munitions")]


def test_every_nationality_on_an_item_is_a_provider(nlp: Language) -> None:
    assert flows(nlp("Myanmar's junta has acquired Chinese and Russian fighter jets since the coup.")) == [
        Flow("transfer", "CHN", "MMR", None, "aircraft"),
        Flow("transfer", "RUS", "MMR", None, "aircraft"),
    ]


def test_a_state_s_rivals_are_not_that_state(nlp: Language) -> None:
    assert flows(nlp("Moscow refuses to sell S-400 systems to Turkey's rivals.")) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Egypt turned down a Russian offer of Su-35 jets.", Flow("transfer", "RUS", "EGY", "su-35", "aircraft")),
        ("Russia rejected Iran's request for S-400 systems.", Flow("transfer", "RUS", "IRN", "s-400", "air_defence")),
    ],
)
def test_who_refuses_an_offer_is_the_taker_and_who_refuses_a_request_the_giver(
    nlp: Language, text: str, expected: Flow
) -> None:
    assert flows(nlp(text)) == [expected]


def test_jointly_producing_is_cooperation(nlp: Language) -> None:
    assert flows(nlp("Turkey and Pakistan will jointly produce fighter jets.")) == [
        Flow("cooperation", "TUR", "PAK", None, "aircraft")
    ]


def test_we_in_a_quotation_is_the_speaker_s_side(nlp: Language) -> None:
    doc = nlp('"We will send more Patriot systems to Ukraine," German Defense Minister Boris Pistorius said.')
    assert flows(doc) == [Flow("transfer", "DEU", "UKR", "patriot", "air_defence")]
    # nobody to place "we" for: no claim rather than a guess
    assert flows(nlp('"We will send more Patriot systems to Ukraine," he said.')) == []


def test_an_amount_in_assistance_is_given_by_who_announces_it(nlp: Language) -> None:
    doc = nlp("Washington announced $2.5 billion in new military assistance for Ukraine and Taiwan.")
    assert [(f.kind, f.provider, f.recipient, f.stage) for f in doc._.frames] == [
        ("support", "USA", "UKR", "agreed"),
        ("support", "USA", "TWN", "agreed"),
    ]


def test_a_group_owned_by_a_state_is_the_actor_not_its_owner(nlp: Language) -> None:
    doc = nlp("Russia's Wagner Group is sending air defence systems to Hezbollah.")
    assert [(f.provider, f.recipient) for f in doc._.frames] == [("org:wagner", "org:hezbollah")]


def test_a_dateline_is_not_the_subject(nlp: Language) -> None:
    # the parser takes "HANOI" for a second subject of "canceled"
    doc = nlp("HANOI — The U.S. military has canceled training and readiness drills with Thailand, "
              "as well as a port visit, the Pentagon said Saturday.")
    got = {(f.kind, f.provider, f.recipient, f.stage) for f in doc._.frames}
    assert ("cooperation", "USA", "THA", "refused") in got
    assert all(f.provider == "USA" for f in doc._.frames)


def test_the_word_cooperation_is_no_item_of_the_cooperation(nlp: Language) -> None:
    (frame,) = nlp("Egypt expanded military cooperation with France.")._.frames
    assert (frame.kind, frame.item) == ("cooperation", None)


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine shot down Iranian drones over Kyiv.",
        "The partnership is a threat to the region.",
        "The photo was supplied by Reuters.",
        "The defence ministry equipped its own army with new rifles.",
        "Israel exported missiles to several countries.",
        "He went to the market.",
        "Germany sent humanitarian aid to Turkey after the earthquake.",
    ],
)
def test_sentences_that_name_no_flow_between_actors_give_no_frame(nlp: Language, text: str) -> None:
    assert flows(nlp(text)) == []


def test_the_evidence_offsets_cover_the_sentence_of_the_trigger(nlp: Language) -> None:
    text = "The talks ended on Monday. Russia supplied drones to Syria."
    doc = nlp(text)
    (frame,) = doc._.frames
    assert text[frame.sent_start:frame.sent_end].strip() == "Russia supplied drones to Syria."
