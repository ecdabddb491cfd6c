"""Small questions about a dependency parse, shared by the extract components."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from entente.extract.frames import ActorMention, ItemMention
from entente.extract.lexicon import load_lexicon

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "expl")
# Dependencies through which a verb without a subject of its own inherits one.
# (not ccomp: "X said Y continues to arm Z" must not make X the one who arms)
_INHERIT_DEPS = frozenset({"xcomp", "conj", "advcl", "pcomp", "prep", "acomp", "oprd", "aux"})
# Dependencies that keep a token inside the phrase of its head (for actor lists).
_PHRASE_DEPS = frozenset({"conj", "appos", "compound", "amod", "nmod", "poss", "npadvmod", "det", "cc", "preconj", "nummod"})
# Prepositions that list members of a phrase ("countries such as Iran", "including Pakistan").
_LISTING_PREPS = frozenset({"as", "including", "like"})

# Prepositions of control: "accused X of selling", "warned X against arming", "barred X from".
_BLAME_PREPS = frozenset({"for", "of", "against", "from", "as"})

PRONOUNS = frozenset({"it", "its", "they", "their", "them", "he", "she", "his", "her"})
_QUOTE_MARKS = "\"“”"


def used_as_verb(token: Token) -> bool:
    """A word tagged as a noun that has an infinitive "to" and a direct object of its own
    (headlines: "Tehran to ship drones to Moscow")."""
    children = list(token.children)
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in children) and any(c.dep_ == "dobj" for c in children)


TEXT_KEY = "entente_text"  # Doc.user_data key of the document's text (the extractor sets it when it tokenizes)


def doc_text(doc: Doc) -> str:
    """The document's text, joined once: spaCy's ``Doc.text`` rebuilds it from every token on each
    access, which made per-token or per-claim lookups quadratic in the article's length."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[TEXT_KEY] = text
    return str(text)


def noun_tagged_verb(token: Token) -> bool:
    """A word tagged as a verb that the parse uses as a noun: a subject or object with no auxiliary,
    subject or object of its own ("Help from China ... was not limited")."""
    return token.pos_ == "VERB" and token.dep_ in ("nsubj", "nsubjpass", "pobj") and token.tag_ in ("VB", "NN", "VBP") \
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "dobj", "mark") for c in token.children)


def reads_as_noun(token: Token) -> bool:
    """A noun, or a noun the tagger took for a verb."""
    return token.pos_ in ("NOUN", "PROPN") or noun_tagged_verb(token)


def own_subject(token: Token) -> Token | None:
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "csubj")]
    if subjects:
        # two subjects is a misparse, most often of a dateline ("BANGKOK — The U.S. military has
        # canceled"): the one nearest the verb is the subject
        before = [s for s in subjects if s.i < token.i]
        return before[-1] if before else subjects[0]
    if token.tag_ == "VBG":  # a gerund's possessor acts: "Egypt's arming Haftar"
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is not None:
            return owner
    for child in token.children:
        if child.dep_ == "agent":  # passive: "by X" is the doer
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def is_passive_participle(token: Token) -> bool:
    """ "drones supplied to Russia" (tagged VBN or, often, VBD): a participle describing its noun."""
    return token.dep_ == "acl" and token.tag_ in ("VBN", "VBD") and not any(
        c.dep_ in ("nsubj", "dobj") for c in token.children
    )


def passive_subject(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "nsubjpass":
            return child
    return None


def subject(token: Token) -> Token | None:
    """The doer of a verb, climbing through control verbs, conjunctions and gerunds."""
    current: Token | None = token
    seen = 0
    while current is not None and seen < 6:
        found = own_subject(current)
        if found is not None:
            return found
        if passive_subject(current) is not None:
            return None  # "could be delivered to Iran": the giver is unnamed, not the speaker
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children)
        if (current.dep_ == "relcl" and not infinitive) or (current.dep_ == "acl" and current.tag_ == "VBG"):
            return current.head  # "Russia exporting ...", "a firm that sold ..."
        if current.dep_ in ("acl", "relcl"):  # the parser takes some "noun to verb" for relative clauses
            if infinitive:
                # "the willingness of X to provide": X; "the West's readiness to aid": the West
                for prep in current.head.children:
                    if prep.dep_ == "prep" and prep.lower_ == "of":
                        for pobj in prep.children:
                            if pobj.dep_ == "pobj":
                                return pobj
                    if prep.dep_ == "poss" and current.head.pos_ == "NOUN":
                        return prep
                if current.dep_ == "acl" and current.head.pos_ == "NOUN" and any(
                        c.dep_ in ("amod", "compound") and c.pos_ in ("ADJ", "PROPN") for c in current.head.children):
                    return current.head  # "Burmese plans to purchase missiles": the plans' owner would buy
                if current.dep_ == "relcl":
                    return current.head
                return None
            if current.i == token.i and is_passive_participle(current):
                return None  # "drones supplied to Russia": the noun is what is supplied; the giver is unnamed
            if current.tag_ != "VBN":
                return current.head  # "technicians traveled to Crimea to assist": the technicians
        if current.pos_ in ("NOUN", "PROPN") and current.i != token.i:
            # "its efforts on assisting Iran": the owner of the effort acts
            for child in current.children:
                if child.dep_ == "poss":
                    return child
            if current.dep_ in ("dobj", "pobj", "attr"):
                current = current.head
                seen += 1
                continue
        gerund = current.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "having" for c in current.children)
        if current.dep_ == "pcomp" and current.head.lower_ in _BLAME_PREPS and gerund:
            blames, target = _blamed(current.head.head, current.head.lower_)
            if blames:
                # "sanctions on companies for aiding Iran", "accused Germany of selling",
                # "cautioned Ankara against arming Baku": the one blamed or warned acts
                return target
        if current.dep_ == "xcomp":
            controller = next((c for c in current.head.children if c.dep_ in ("dobj", "obj")), None)
            if controller is not None:  # object control: "asked Russia to supply"
                return controller
        if current.dep_ in _INHERIT_DEPS and current.head.i != current.i:
            if passive_subject(current) is not None and current.i != token.i:
                return None
            if current.pos_ == "VERB" and current.dep_ == "prep" \
                    and current.head.lemma_.lower() in load_lexicon().speech_verbs:
                # a verb the parser hung on "suspected that ..." as a preposition: the one who suspects
                # is the source, not the doer (the caller looks for the nearest subject instead)
                return None
            current = current.head
            seen += 1
            continue
        return None
    return None


def _blamed(owner: Token, prep: str = "for") -> tuple[bool, Token | None]:
    """Who "for doing" ("of", "against", "from doing") is said of: the object of "thanked Iran for",
    "accused Germany of", "warned Minsk against", "barred X from"; the passive subject of "were
    sanctioned for"; the target of "sanctions on X for".

    ``(False, None)`` when ``owner`` has no such object ("Iran is known for supplying").
    """
    if owner.pos_ in ("VERB", "AUX"):
        obj = next((c for c in owner.children if c.dep_ == "dobj"), None)
        if obj is None:
            obj = passive_subject(owner)
        return obj is not None, obj
    if owner.pos_ == "NOUN" and prep == "for":
        targets = [g for c in owner.children if c.dep_ == "prep" and c.lower_ in ("on", "against")
                   for g in c.children if g.dep_ == "pobj"]
        return True, (targets[0] if targets else None)
    return False, None


def preps(token: Token, *words: str) -> Iterator[Token]:
    """Objects of the prepositions ``words`` attached to ``token`` ("to Iran" -> Iran)."""
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in words:
            for grand in child.children:
                if grand.dep_ in ("pobj", "pcomp"):
                    yield grand
        elif child.dep_ == "dative" and not words:
            yield child


# Relative pronouns: as subject ("Vietnam, which is receiving") or fronted object ("UAVs that it bought").
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom"})


def objects(token: Token) -> Iterator[Token]:
    """Direct objects; in a relative clause whose object is the relative pronoun ("UAVs that it had
    purchased", "the training that we're providing"), the noun the clause hangs on."""
    for child in token.children:
        if child.dep_ in ("dobj", "obj", "attr", "oprd"):
            antecedent = relative_antecedent(child) if child.i < token.i else None
            yield antecedent if antecedent is not None else child


def relative_antecedent(pronoun: Token) -> Token | None:
    """The noun a fronted relative object stands for ("UAVs that it had purchased": UAVs), also when
    the parser did not label the clause a relative one."""
    if pronoun.lower_ not in RELATIVE_PRONOUNS or pronoun.i == 0:
        return None
    clause = pronoun.head
    if clause.dep_ == "relcl" and clause.head.pos_ in ("NOUN", "PROPN"):
        return clause.head
    before = pronoun.doc[pronoun.i - 1]
    return before if before.pos_ in ("NOUN", "PROPN") else None


def datives(token: Token) -> Iterator[Token]:
    for child in token.children:
        if child.dep_ in ("dative", "iobj") and child.pos_ in ("PROPN", "NOUN", "PRON"):
            yield child


def in_subtree(token: Token, root: Token) -> bool:
    return root.left_edge.i <= token.i <= root.right_edge.i and any(
        a.i == root.i for a in [token, *token.ancestors]
    )


def phrase_tokens(head: Token) -> set[int]:
    """Tokens that belong to the phrase of ``head`` (through conj, appos, compounds, modifiers)."""
    keep = {head.i}
    stack = [head]
    while stack:
        current = stack.pop()
        for child in current.children:
            listing = child.dep_ == "prep" and child.lower_ in _LISTING_PREPS
            if (child.dep_ in _PHRASE_DEPS or listing or (current.dep_ == "prep" and child.dep_ == "pobj")) \
                    and child.i not in keep:
                keep.add(child.i)
                stack.append(child)
    return keep


def _through_of(head: Token) -> set[int]:
    """The phrase of ``head`` and of the nouns it owns through "of" ("the programs of several countries")."""
    keep = phrase_tokens(head)
    stack = [head]
    while stack:
        current = stack.pop()
        for prep in current.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and pobj.i not in keep:
                        keep |= phrase_tokens(pobj)
                        stack.append(pobj)
    return keep


def actors_in_phrase(doc: Doc, head: Token, deep: bool = False) -> list[ActorMention]:
    """Actors a phrase names: "both the DPRK and China" -> two; "the Russian military" -> one.

    ``deep`` also looks inside its prepositional phrases when the phrase names
    nobody itself ("the missile programs of several countries, including Pakistan").
    """
    tokens = phrase_tokens(head)
    mentions = doc._.actors or []
    # token positions, not doc[...] slices: a Token object per look was most of this function's time
    if deep and all(tokens.isdisjoint(range(m.start, m.end)) for m in mentions):
        tokens = _through_of(head)
    inside = [m for m in mentions if not tokens.isdisjoint(range(m.start, m.end))]
    out: list[ActorMention] = []
    for mention in inside:
        if mention.form == "agentive" and not mention.start <= head.i <= mention.end + 2:
            continue  # "U.S.-backed rebels" are not the U.S. (but "U.S.-led" on a flow noun gives it)
        root = doc[mention.start:mention.end].root
        if mention.actor.startswith("org:") and _names_membership(root):
            continue  # "NATO member Turkey", "a member of the EU": the member is the actor, not the group
        if mention.form in ("demonym", "adjective") and root.dep_ in ("amod", "compound") \
                and root.head.lemma_.lower() in load_lexicon().insurgent_nouns:
            continue  # "the Afghan insurgency", "Iraqi militants" fight the state; they are not it
        root = doc[mention.start:mention.end].root
        if root.dep_ in ("poss", "amod", "compound") and not mention.actor.startswith("org:") and any(
                o.start <= root.head.i < o.end and o.actor.startswith("org:") for o in inside if o is not mention):
            continue  # "the Afghan Taliban", "Lebanese Hezbollah": the group is the actor, not its country
        if root.dep_ == "poss" and any(o.start <= root.head.i < o.end for o in inside if o is not mention):
            continue  # "Russia's Wagner Group", "Turkey's Baykar": the group or firm is the actor
        if all(m.actor != mention.actor for m in out):
            out.append(mention)
    return out


def _names_membership(root: Token) -> bool:
    """Whether a group's name only says what its neighbour belongs to ("NATO member Turkey",
    "EU members Poland and Slovakia", "a member of NATO")."""
    members = load_lexicon().member_nouns
    head = root.head
    if root.dep_ in ("compound", "nmod", "amod", "poss") and head.lemma_.lower() in members:
        return True
    return root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in members


def items_under(doc: Doc, root: Token, exclude: list[Token] | None = None) -> list[ItemMention]:
    """Items whose phrase head lies in the subtree of ``root`` but not in the excluded subtrees."""
    exclude = exclude or []
    out = []
    for item in doc._.items or []:
        head = doc[item.head]
        if not in_subtree(head, root):
            continue
        if any(in_subtree(head, ex) for ex in exclude):
            continue
        out.append(item)
    return out


# Clauses below a trigger that describe something else ("drones it can use against Ukraine").
_OTHER_CLAUSES = frozenset({"relcl", "ccomp", "csubj", "parataxis"})


def pp_objects(root: Token, words: tuple[str, ...], exclude: list[Token] | None = None) -> list[Token]:
    """Objects of prepositions ``words`` anywhere in ``root``'s phrase, nearest first.

    "provides support to Iran" and "provides a level of support to Iran" both
    give Iran: the preposition may hang on the object rather than on the verb.
    """
    exclude = exclude or []
    found: list[tuple[int, Token]] = []
    stack: list[tuple[Token, int]] = [(root, 0)]
    while stack:
        token, depth = stack.pop()
        for child in token.children:
            if any(child.i == ex.i for ex in exclude) or child.dep_ in _OTHER_CLAUSES:
                continue
            if child.lower_ == "according":  # "according to the Pentagon" names a source, not a recipient
                continue
            if child.dep_ in ("prep", "dative") and child.lower_ in words:
                for grand in child.children:
                    if grand.dep_ in ("pobj", "pcomp"):
                        found.append((depth, grand))
            if child.dep_ not in SUBJECT_DEPS:
                stack.append((child, depth + 1))
    found.sort(key=lambda pair: (pair[0], pair[1].i))
    return [token for _, token in found]



def in_quotation(doc: Doc, sent: Span) -> bool:
    """Whether the sentence is (partly) inside a quotation.

    Only curly quotes opened in the previous few hundred characters count:
    straight quotes cannot tell opening from closing, and an excerpt may start
    in the middle of someone's quotation.
    """
    before = doc_text(doc)[max(0, sent.start_char - 400): sent.start_char]
    opened = before.count("“") - before.count("”")
    return opened > 0 or any(ch in sent.text for ch in _QUOTE_MARKS)
