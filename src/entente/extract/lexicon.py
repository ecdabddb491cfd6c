"""The cue lexicons (``data/lexicons/*.yaml``), loaded once and typed.

Components read their words from here, never from Python literals, so a new
cue is a data change with its source noted in the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from entente.data import DATA_DIR, load_yaml
from entente.errors import DataError
from entente.model import KINDS, STAGES

FRAMES = ("give", "get", "ask", "refuse", "deal", "help", "train", "joint", "exchange", "arrive")


@dataclass(frozen=True)
class TriggerSense:
    """What a trigger word implies: the frame that assigns roles, a kind, a stage."""

    frame: str
    kind: str
    stage: str


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, TriggerSense]
    nouns: dict[str, TriggerSense]
    phrases: dict[str, TriggerSense]
    joint_adverbs: frozenset[str]
    joint_adverb_verbs: dict[str, TriggerSense]  # verbs that are joint work with one of those adverbs
    modality_possible: frozenset[str]
    modality_probable: frozenset[str]
    conditional: frozenset[str]
    negation: frozenset[str]
    deny: frozenset[str]
    planned: frozenset[str]
    planning_speech: frozenset[str]
    requested: frozenset[str]
    agreed: frozenset[str]
    offered: frozenset[str]
    refused: frozenset[str]
    admit: frozenset[str]
    speech_verbs: frozenset[str]
    anonymous_adverbs: frozenset[str]
    anonymous_phrases: tuple[str, ...]
    source_nouns: dict[str, str]  # noun -> source kind
    expert_nouns: frozenset[str]
    official_nouns: frozenset[str]
    outlets: tuple[str, ...]
    hearsay_nouns: frozenset[str]
    personnel: frozenset[str]
    support_nouns: frozenset[str]
    military_modifiers: frozenset[str]
    civilian_modifiers: frozenset[str]
    joint_work: frozenset[str]
    item_anaphora_heads: frozenset[str]
    goods_modifiers: frozenset[str]
    inclusion_verbs: frozenset[str]
    arming_verbs: frozenset[str]
    receiving_verbs: frozenset[str]
    actor_anaphora_heads: frozenset[str]
    class_nouns: frozenset[str]
    relational_heads: frozenset[str]
    not_goods: frozenset[str]
    measure_nouns: frozenset[str]
    org_nouns: frozenset[str]
    tie_verbs: frozenset[str]
    agent_nouns: frozenset[str]
    helped_of_nouns: frozenset[str]
    financing_nouns: frozenset[str]
    fight_words: frozenset[str]
    programme_nouns: frozenset[str]
    copular_only_nouns: frozenset[str]
    explicit_role_nouns: frozenset[str]
    place_nouns: frozenset[str]
    withdraw_verbs: frozenset[str]
    doing_verbs: frozenset[str]
    goods_verbs: frozenset[str]
    design_nouns: frozenset[str]
    insurgent_nouns: frozenset[str]
    member_nouns: frozenset[str]
    collapse_verbs: frozenset[str]
    required_particles: dict[str, frozenset[str]]
    pair_anaphora_heads: frozenset[str]
    pair_determiners: frozenset[str]
    with_goods_verbs: frozenset[str]
    institution_nouns: frozenset[str]


def read_file(name: str) -> dict[str, Any]:
    """The mapping in ``data/lexicons/NAME``; :class:`DataError` when it cannot be read."""
    path = DATA_DIR / "lexicons" / name
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"lexicons/{name}: cannot be read ({exc})") from exc
    if not isinstance(data, dict):
        raise DataError(f"lexicons/{name}: expected a mapping at the top")
    return data


def _senses(name: str, table: dict[str, Any]) -> dict[str, TriggerSense]:
    out = {}
    for word, spec in table.items():
        sense = TriggerSense(spec["frame"], spec["kind"], spec["stage"])
        if sense.frame not in FRAMES or sense.kind not in KINDS or sense.stage not in STAGES:
            raise DataError(f"lexicons/{name}: entry {word!r} has an unknown frame, kind or stage")
        out[str(word).lower()] = sense
    return out


def _words(values: list[Any]) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    triggers = read_file("triggers.yaml")
    fact = read_file("factuality.yaml")
    attr = read_file("attribution.yaml")
    roles = read_file("roles.yaml")
    source_nouns: dict[str, str] = {}
    for kind, nouns in attr["nouns"].items():
        for noun in nouns:
            source_nouns.setdefault(str(noun).lower(), kind)
    return Lexicon(
        verbs=_senses("triggers.yaml", triggers["verbs"]),
        nouns=_senses("triggers.yaml", triggers["nouns"]),
        phrases=_senses("triggers.yaml", triggers["phrases"]),
        joint_adverbs=_words(triggers["with_joint_adverb"]["adverbs"]),
        joint_adverb_verbs=_senses("triggers.yaml", triggers["with_joint_adverb"]["verbs"]),
        modality_possible=_words(fact["modality"]["possible"]),
        modality_probable=_words(fact["modality"]["probable"]),
        conditional=_words(fact["conditional"]),
        negation=_words(fact["negation"]),
        deny=_words(fact["deny"]),
        planned=_words(fact["planned"]),
        planning_speech=_words(fact["planning_speech"]),
        requested=_words(fact["requested"]),
        agreed=_words(fact["agreed"]),
        offered=_words(fact["offered"]),
        refused=_words(fact["refused"]),
        admit=_words(fact["admit"]),
        speech_verbs=_words(attr["verbs"]),
        anonymous_adverbs=_words(attr["anonymous_adverbs"]),
        anonymous_phrases=tuple(str(p).lower() for p in attr["anonymous_phrases"]),
        source_nouns=source_nouns,
        expert_nouns=frozenset(w for w, k in source_nouns.items() if k == "expert"),
        official_nouns=frozenset(w for w, k in source_nouns.items() if k == "official"),
        outlets=tuple(attr["outlets"]),
        hearsay_nouns=_words(attr["hearsay_nouns"]),
        personnel=_words(roles["personnel"]),
        support_nouns=_words(roles["support"]),
        military_modifiers=_words(roles["military_modifiers"]),
        civilian_modifiers=_words(roles["civilian_modifiers"]),
        joint_work=_words(roles["joint_work"]),
        item_anaphora_heads=_words(roles["item_anaphora_heads"]),
        goods_modifiers=_words(roles["goods_modifiers"]),
        inclusion_verbs=_words(roles["inclusion_verbs"]),
        arming_verbs=_words(roles["arming_verbs"]),
        receiving_verbs=_words(roles["receiving_verbs"]),
        class_nouns=_words(roles["class_nouns"]),
        relational_heads=_words(roles["relational_heads"]),
        not_goods=_words(roles["not_goods"]),
        measure_nouns=_words(roles["measure_nouns"]),
        org_nouns=_words(roles["org_nouns"]),
        tie_verbs=_words(roles["tie_verbs"]),
        agent_nouns=_words(roles["agent_nouns"]),
        helped_of_nouns=_words(roles["helped_of_nouns"]),
        financing_nouns=_words(roles["financing_nouns"]),
        fight_words=_words(roles["fight_words"]),
        programme_nouns=_words(roles["programme_nouns"]),
        copular_only_nouns=_words(roles["copular_only_nouns"]),
        explicit_role_nouns=_words(roles["explicit_role_nouns"]),
        place_nouns=_words(roles["place_nouns"]),
        withdraw_verbs=_words(roles["withdraw_verbs"]),
        doing_verbs=_words(roles["doing_verbs"]),
        goods_verbs=_words(roles["goods_verbs"]),
        design_nouns=_words(roles["design_nouns"]),
        insurgent_nouns=_words(roles["insurgent_nouns"]),
        member_nouns=_words(roles["member_nouns"]),
        collapse_verbs=_words(roles["collapse_verbs"]),
        required_particles={str(k).lower(): _words(v) for k, v in roles["required_particles"].items()},
        pair_anaphora_heads=_words(roles["pair_anaphora"]["heads"]),
        pair_determiners=_words(roles["pair_anaphora"]["determiners"]),
        with_goods_verbs=_words(roles["with_goods_verbs"]),
        institution_nouns=_words(attr["institution_nouns"]),
        actor_anaphora_heads=frozenset(
            str(a).lower().split()[-1] for a in roles["actor_anaphora"] if str(a).lower().startswith("the ")
        ),
    )
