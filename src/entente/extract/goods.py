"""Open-vocabulary goods: whatever the goods argument of a transfer trigger names is an item.

The catalogue and the generic terms (``items.py``) link a known system to its id
and category; they no longer decide whether something is an item. Here, for
each trigger that moves goods (frames ``give``, ``get``, ``ask``, and the flow
nouns of ``deal``), the noun in its goods slot becomes an item when no
catalogued or generic term covers it: "supplied Iran with 200,000
respirators", "sold Iran 400 tons of thionyl chloride", "the sale of 58,000 gas
masks", "materials for a centrifuge plant". Measures and containers ("400 tons
of", "copies of") give way to what they measure. The category comes from the
head-noun table (``data/goods_heads.csv``), else ``other`` (spec: "else
components or other").

What is handed over but is no military goods stays out (``not_goods`` in
``lexicons/roles.yaml``): a photo supplied by an agency, money, food and
medicine, approval, information. People and help nouns are matched by the
items component already and are never open goods.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from entente.data.catalogue import load_goods_heads
from entente.extract import syntax
from entente.extract.frames import ItemMention, Trigger
from entente.extract.lexicon import Lexicon, load_lexicon

# Frames whose object is what flows ("supplied X", "bought X", "asked for X").
_GOODS_FRAMES = frozenset({"give", "get", "ask", "arrive"})
# Modifiers that keep a noun inside its item's phrase.
_NP_LEFT = frozenset({"det", "amod", "compound", "nummod", "nmod", "quantmod", "advmod", "poss"})
_CIVILIAN_PHRASE_DEPS = frozenset({"amod", "compound"})


@dataclass
class _Slots:
    """What one document already names, and the open items found so far."""

    known: list[ItemMention]
    covered: set[int]
    actor_tokens: set[int]
    trigger_tokens: set[int]
    found: dict[int, ItemMention] = field(default_factory=dict)


def open_goods(doc: Doc, triggers: list[Trigger]) -> list[ItemMention]:
    """Items for the goods arguments of ``triggers`` that no catalogued or generic term names."""
    lexicon = load_lexicon()
    heads = load_goods_heads()
    known = list(doc._.items or [])
    slots = _Slots(
        known=known,
        covered={i for m in known for i in range(m.start, m.end)} | {m.head for m in known},
        actor_tokens={i for m in doc._.actors or [] for i in range(m.start, m.end)},
        trigger_tokens={t.i for t in triggers},
    )
    for trigger in triggers:
        for argument in _goods_arguments(doc[trigger.i], trigger, lexicon):
            _add(doc, argument, doc[trigger.i], lexicon, heads, slots)
    for verb in doc:
        # "Other defensive material purchased by Iran includes respirators from Spain": what the
        # goods of a flow include are goods too
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in lexicon.inclusion_verbs:
            continue
        subj = syntax.own_subject(verb)
        if subj is not None and (subj.i in slots.covered or subj.i in slots.found or _names_a_flow(subj, lexicon)):
            for argument in (o for o in syntax.objects(verb) if o.dep_ == "dobj"):
                _add(doc, argument, verb, lexicon, heads, slots)
    return sorted(slots.found.values(), key=lambda m: m.start)


def _names_a_flow(token: Token, lexicon: Lexicon) -> bool:
    """A flow noun, or a phrase with one inside ("the capabilities contained in the package")."""
    return any(t.pos_ == "NOUN" and (t.lower_ in lexicon.nouns or t.lemma_.lower() in lexicon.nouns)
               for t in token.subtree)


def _add(doc: Doc, argument: Token, cue_word: Token, lexicon: Lexicon, heads: dict[str, str], slots: _Slots) -> None:
    """An item for each goods noun of ``argument`` (and its conjuncts) that nothing names yet."""
    for noun in _with_conjuncts(argument):
        head = _through_measures(noun, lexicon)
        if head.i in slots.covered or head.i in slots.found or head.i in slots.trigger_tokens:
            continue
        start = _phrase_start(head)
        if any(start <= m.start and m.end <= head.i or m.end == start for m in slots.known):
            continue  # "Su-35 jets", "Patriot batteries": the catalogued name inside says what it is
        if not _is_goods(head, lexicon, slots.actor_tokens):
            continue
        for modifier in _coordinated_modifiers(head):
            # "raw uranium and enrichment centrifuges", which the parser reads as one noun phrase:
            # the first conjunct is goods of its own, the rest stays with the head
            if modifier.i not in slots.covered and modifier.i not in slots.found \
                    and _is_goods(modifier, lexicon, slots.actor_tokens):
                category, why = _category(modifier, heads)
                slots.found[modifier.i] = ItemMention(
                    _phrase_start(modifier), modifier.i + 1, modifier.i, None, category, "equipment",
                    f"goods: a conjunct in the goods slot of '{cue_word.text}' (head '{modifier.text}', category {why})")
            start = max(start, max(g.i for g in modifier.children if g.dep_ == "conj"))
        category, why = _category(head, heads)
        cue = f"goods: the goods slot of '{cue_word.text}' (head '{head.text}', category {why})"
        slots.found[head.i] = ItemMention(start, head.i + 1, head.i, None, category, "equipment", cue)


def _goods_arguments(token: Token, trigger: Trigger, lexicon: Lexicon) -> Iterator[Token]:
    """The tokens in the goods slot of a trigger (their conjuncts are added by the caller)."""
    frame = trigger.sense.frame
    lemma = token.lemma_.lower()
    verbal = not trigger.nominal or syntax.used_as_verb(token)
    if verbal:
        if frame not in _GOODS_FRAMES and lemma not in lexicon.arming_verbs:
            return
        if frame in ("give", "get"):
            yield from (o for o in syntax.objects(token) if o.dep_ == "dobj")
            passive = syntax.passive_subject(token)
            if passive is not None:
                yield passive
            if syntax.is_passive_participle(token) and token.head.pos_ == "NOUN":
                yield token.head  # "materials supplied to Iran"
        if frame == "arrive":
            subject = syntax.own_subject(token)
            if subject is not None:
                yield subject  # "The first patrol boats arrived in Manila"
        if frame == "ask":
            yield from (o for o in syntax.objects(token) if o.dep_ == "dobj" and not _names_actor(o))
            yield from syntax.preps(token, "for")
        if lemma in lexicon.with_goods_verbs or lemma in lexicon.arming_verbs:
            yield from syntax.preps(token, "with")
        return
    # a flow noun: "the sale of 58,000 gas masks", "a contract for patrol boats", "a request for arms"
    if token.lower_ in lexicon.copular_only_nouns and token.dep_ != "attr":
        return  # "sources of the report": no flow
    if frame in ("give", "get", "ask"):
        yield from syntax.preps(token, "of")
        if token.lower_ in lexicon.agent_nouns:
            yield from syntax.preps(token, "for")  # "Iran's main source for chemical weapons precursors"
    if frame in ("deal", "ask", "get"):
        yield from syntax.preps(token, "for")


def _names_actor(token: Token) -> bool:
    return any(m.start <= token.i < m.end for m in token.doc._.actors or [])


def _with_conjuncts(token: Token) -> list[Token]:
    """ "respirators, protective gear and decontamination kits": each conjunct is goods too."""
    out = [token]
    stack = [token]
    while stack:
        current = stack.pop()
        for child in current.children:
            if child.dep_ in ("conj", "appos") and child.pos_ in ("NOUN", "PROPN") and child not in out:
                out.append(child)
                stack.append(child)
    return out


def _through_measures(token: Token, lexicon: Lexicon) -> Token:
    """ "400 tons of thionyl chloride", "copies of the respirators": the goods, not the measure."""
    current = token
    if current.lemma_.lower() in lexicon.financing_nouns or current.lower_ in lexicon.financing_nouns:
        bought = next(syntax.preps(current, "for"), None)  # "a loan for 10 patrol boats"
        if bought is not None:
            current = bought
    for _ in range(4):
        if current.lower_ not in lexicon.measure_nouns and current.lemma_.lower() not in lexicon.measure_nouns \
                and not current.like_num:
            break
        inner = next(syntax.preps(current, "of"), None)
        if inner is None:
            break
        current = inner
    return current


def _is_goods(head: Token, lexicon: Lexicon, actor_tokens: set[int]) -> bool:
    if head.pos_ != "NOUN" or head.i in actor_tokens or head.like_num or not head.is_alpha and "-" not in head.text:
        return False
    words = {head.lower_, head.lemma_.lower()}
    modifiers = {c.lower_ for c in head.children if c.dep_ in _CIVILIAN_PHRASE_DEPS}
    if words & lexicon.design_nouns and modifiers & lexicon.military_modifiers:
        return True  # "its nuclear warhead plans", "missile designs": the design is what flows
    if words & (lexicon.not_goods | lexicon.measure_nouns | lexicon.personnel | lexicon.support_nouns):
        return False
    if any(w in lexicon.nouns for w in words):
        return False  # a flow of its own ("the sale", "an order"): its trigger reads it
    if modifiers & lexicon.civilian_modifiers and not modifiers & lexicon.military_modifiers:
        return False  # "humanitarian supplies", "medical kits"
    return True


def _category(head: Token, heads: dict[str, str]) -> tuple[str, str]:
    """The category from the head-noun table, and why ("head-noun table" or "default")."""
    last = head.lower_.rsplit("-", 1)[-1]  # "mine-clearing rollers" -> rollers
    modifier = next((c.lemma_.lower() for c in reversed(list(head.lefts)) if c.dep_ in ("compound", "amod")), None)
    pairs = [f"{modifier} {head.lemma_.lower()}"] if modifier else []  # "patrol vessels" but "mixing vessels"
    for word in (*pairs, head.lower_, head.lemma_.lower(), last, last.removesuffix("s")):
        if word in heads:
            return heads[word], "from the head-noun table"
    return "other", "other by default"


def _coordinated_modifiers(head: Token) -> list[Token]:
    """Noun modifiers of ``head`` that carry a conjunction ("uranium and enrichment" before "centrifuges")."""
    return [c for c in head.lefts if c.dep_ in ("nmod", "compound") and c.pos_ == "NOUN"
            and any(g.dep_ == "conj" for g in c.children)]


def _phrase_start(head: Token) -> int:
    start = head.i
    for child in head.lefts:
        if child.dep_ in _NP_LEFT:
            start = min(start, child.left_edge.i)
    return start
