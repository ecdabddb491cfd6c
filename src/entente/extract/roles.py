"""Component ``entente_roles``: who gives, who gets, and what, for each trigger.

The frame of a trigger (``lexicons/triggers.yaml``) says where to look:
``give`` takes the provider from the subject and the recipient from "to",
the indirect object or "provide X with Y"; ``get`` the reverse with "from";
``ask`` the recipient from the subject; ``refuse`` the recipient from the
refused request's owner; ``deal`` the two partners of an agreement, turned by
the purchase or sale inside it. Roles left empty fall back on general rules:
the lead-in of a list ("secured DPRK assistance in the following areas:"),
a nationality on the item ("Iranian drones"), the catalogued maker of a
system, the nearest earlier actor for a pronoun ("It has purchased") and the
quoted speaker's side for "we" (filled in by attribution). Two common
misparses are read back: a gerund taken for an adjective of its goods
("denied supplying weapons") and a headline verb tagged as a noun ("to ship").
One frame is made per provider, recipient and item: enumerations split.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from entente.data.catalogue import load_catalogue
from entente.extract import syntax
from entente.extract.coref import document_focus, resolve_pronoun
from entente.extract.frames import SPEAKER, Frame, ItemMention, Trigger
from entente.extract.goods import open_goods
from entente.extract.lexicon import Lexicon, TriggerSense, load_lexicon
from entente.extract.quantity import read_value

_LIGHT_OBJECT_FRAMES = frozenset({"train", "help", "joint", "deal", "ask", "give", "get"})
_ANAPHORIC_DETS = frozenset({"that", "this", "these", "those", "such"})
_OWN_FORCES = frozenset({"troops", "soldiers", "forces", "units", "personnel"})
_FIRST_PERSON_PLURAL = frozenset({"we", "us", "our"})
# "It also contains 300 rockets": a pronoun subject of "include" refers to the flow named before.
_FLOW_PRONOUNS = frozenset({"it", "this", "they", "these"})


@Language.factory("entente_roles")
def make_roles(nlp: Language, name: str) -> RolesComponent:
    return RolesComponent()


class RolesComponent:
    def __init__(self) -> None:
        self.lexicon = load_lexicon()
        self.catalogue = load_catalogue()

    def __call__(self, doc: Doc) -> Doc:
        frames: list[Frame] = []
        triggers: list[Trigger] = list(doc._.triggers or [])
        opened = open_goods(doc, triggers)
        if opened:  # goods in any words: the catalogue names systems, it does not decide what flows
            doc._.items = sorted([*(doc._.items or []), *opened], key=lambda m: (m.start, m.id or ""))
        light = self._light_verbs(doc, triggers)
        conjoined = self._conjoined_nouns(doc, triggers, light)
        for trigger in triggers:
            if trigger.i in light.values() or trigger.i in conjoined.values():
                continue  # a noun handled through its light verb
            if trigger.sense.frame == "exchange":
                continue
            if trigger.i in conjoined:  # "canceled training and exercises with Thailand": one flow per noun
                frames.extend(self._frames_for(doc, trigger, conjoined[trigger.i], frames))
            if trigger.nominal and doc[trigger.i].dep_ == "compound":
                continue  # "IAEA assistance programs", "training exercises": a modifier, not the flow
            if trigger.nominal and any(c.dep_ == "det" and c.lower_ in _ANAPHORIC_DETS for c in doc[trigger.i].children):
                continue  # "That aid", "This assistance": a flow already named
            noun = light.get(trigger.i)
            frames.extend(self._frames_for(doc, trigger, noun, frames))
        frames.extend(self._exchanges(doc, triggers, frames))
        frames.extend(self._inclusions(doc, frames))
        frames.extend(self._collapses(doc, frames))
        doc._.frames = _dedupe(doc, frames)
        return doc

    # -- light verbs: "received training", "signed an agreement", "rejected the request"
    def _light_verbs(self, doc: Doc, triggers: list[Trigger]) -> dict[int, int]:
        """Verb trigger index -> the trigger noun it governs as its object."""
        nominal = {t.i: t for t in triggers if t.nominal}
        out: dict[int, int] = {}
        for trigger in triggers:
            if trigger.nominal:
                continue
            for obj in syntax.objects(doc[trigger.i]):
                if obj.i in nominal and nominal[obj.i].sense.frame in _LIGHT_OBJECT_FRAMES:
                    out[trigger.i] = obj.i
        return out

    def _conjoined_nouns(self, doc: Doc, triggers: list[Trigger], light: dict[int, int]) -> dict[int, int]:
        """Verb trigger index -> a second trigger noun conjoined with its light noun."""
        nominal = {t.i for t in triggers if t.nominal}
        out: dict[int, int] = {}
        for verb_i, noun_i in light.items():
            for token in doc[noun_i].subtree:
                if token.i != noun_i and token.i in nominal and token.dep_ in ("conj", "dobj") \
                        and any(a.i == noun_i for a in token.ancestors):
                    out[verb_i] = token.i
                    break
        return out

    def _frames_for(self, doc: Doc, trigger: Trigger, noun_i: int | None, history: list[Frame]) -> list[Frame]:
        token = doc[trigger.i]
        sense = trigger.sense
        noun = doc[noun_i] if noun_i is not None else None
        frame_name = sense.frame
        kind = sense.kind
        if noun is not None:
            noun_sense = _sense_of(self.lexicon, noun)
            if noun_sense is not None:
                if sense.frame in ("refuse",):
                    kind = noun_sense.kind
                elif sense.frame in ("deal",) or noun_sense.frame == "deal":
                    frame_name = "deal"
                    kind = noun_sense.kind if noun_sense.kind != "transfer" else kind
                else:
                    kind = noun_sense.kind
        noun_frame = getattr(_sense_of(self.lexicon, noun), "frame", None) if noun is not None else None
        if noun is not None and noun_frame == "help" and not any(i.head == noun.i for i in doc._.items or []):
            return []  # "sent humanitarian aid": the items component dropped it as civilian
        providers, recipients, items, subject_item, fallbacks = self._roles(doc, token, frame_name, noun)
        stage = sense.stage
        if noun is not None and noun_frame == "ask" and frame_name == "get":
            # "Warsaw received a request from Kyiv for more tanks": the one asked would give
            providers, recipients = recipients, providers
            stage = "requested"
        lead = self._list_lead(doc, token, history) if fallbacks or not providers or not recipients else None
        if lead is not None:
            # a list item under its lead-in ("he secured DPRK assistance in the following areas:")
            providers, recipients = lead.providers, lead.recipients
            stage = lead.stage or stage
            fallbacks += 1
        elif (not providers or not recipients) and (items or trigger.nominal) \
                and not (not recipients and self._recipient_slot_named(token, frame_name)) \
                and not (not providers and syntax.pp_objects(token, ("from", "by"))):
            # a giver named as no actor ("support from the international community") is no gap to fill
            providers, recipients = self._from_context(doc, token, providers, recipients, history, items)
            fallbacks += 1
        if fallbacks and token.lower_ in self.lexicon.explicit_role_nouns:
            return []  # "the U.S. deployment of missile defense": no partner named, no claim
        if fallbacks:
            recipients = [r for r in recipients if not self._an_enemy_in_the_article(doc, token, r)]
        if not providers or not recipients:
            return []
        sent = token.sent
        out = []
        item_list: list[ItemMention | None] = list(items) if items else [None]
        if subject_item is not None:
            item_list = [subject_item]
        if kind == "training":  # the people trained are the recipients, not what flows
            item_list = [i for i in item_list if i is None or i.nature != "personnel"] or [None]
        beside = self._goods_beside(doc, token) if trigger.nominal and frame_name == "help" else []
        for item in item_list + beside:
            if item is not None and item.cue and fallbacks > 1:
                continue  # goods in any words need a giver or a taker the syntax names
            claim_kind = "transfer" if item is not None and item in beside else _kind_for(kind, item, frame_name)
            if claim_kind is None:
                continue
            if claim_kind == "personnel" and item is not None and doc[item.head].lower_ in _OWN_FORCES \
                    and frame_name != "help":
                continue  # own troops sent somewhere; troops that accompany or fight alongside serve a partner
            if claim_kind == "support" and item is not None and item.nature == "equipment" and item.head == token.i:
                claim_kind = "transfer"  # "lethal aid": the help is goods (spec: goods vs help)
            if claim_kind == "cooperation" and item is not None and item.head in (token.i, getattr(noun, "i", None)):
                item = None  # "stepped up cooperation with X": the word names the claim, not something shared
            for provider in providers:
                for recipient in recipients:
                    if provider == recipient:
                        continue
                    out.append(
                        Frame(
                            trigger=trigger,
                            provider=provider,
                            recipient=recipient,
                            item=item,
                            kind=claim_kind,
                            stage=stage,
                            sent_start=sent.start_char,
                            sent_end=sent.end_char,
                            trace=self._trace(doc, trigger, frame_name, fallbacks, item, provider, recipient),
                            fallbacks=fallbacks,
                        )
                    )
        return out

    def _roles(
        self, doc: Doc, token: Token, frame: str, noun: Token | None
    ) -> tuple[list[str], list[str], list[ItemMention], ItemMention | None, int]:
        """Provider actors, recipient actors, items, the item named as subject, and how many
        roles came from a fallback rule rather than the syntax."""
        if frame in ("give", "get"):
            repaired = self._gerund_read_as_adjective(doc, token, frame)
            if repaired is not None:
                return repaired
        subj = syntax.subject(token) if not syntax.reads_as_noun(token) or syntax.used_as_verb(token) else None
        passive = syntax.passive_subject(token)
        if subj is None and passive is None and token.pos_ == "VERB":
            subj = self._nearest_subject(token)
        scope = noun if noun is not None else token
        subj_actors = self._actors(doc, subj) if subj is not None else []
        if subj is not None and subj.dep_ == "pobj" and subj.head.lower_ == "of":
            # "the willingness of the DPRK, China and Russia to provide": the parser may hang
            # the later names on the noun rather than on the first one
            subj_actors += [a for c in subj.head.head.children if c.dep_ == "conj" for a in self._actors(doc, c)]
        subject_item = self._personnel_subject(doc, subj) if frame in ("help", "give") else None
        if frame == "help" and subj is not None and subject_item is None:
            # "Russia's aid is helping the Taliban": the help named as subject is what flows
            own = [i for i in doc._.items or [] if i.nature == "support" and i.head == subj.i]
            if own:
                subject_item = own[0]
        # the subject's own words are no goods -- unless the trigger hangs under it ("Iran to supply X")
        exclude = [subj] if subj is not None and not syntax.in_subtree(token, subj) else []
        # a conjoined verb ("transferred X to A, and supplied B with Y") makes its own frame
        exclude += [c for c in token.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        exclude += self._other_events(token)
        exclude += [c for c in token.children if c.lower_ == "according"]  # "according to intelligence" is a source
        # "cooperation with Pakistan and the acquisition of hardware": a flow conjoined inside this
        # one's phrase has its own goods
        exclude += [doc[t.i] for t in doc._.triggers or [] if t.i != token.i and t.nominal
                    and doc[t.i].dep_ == "conj" and syntax.in_subtree(doc[t.i], token)
                    and not syntax.in_subtree(token, doc[t.i])]
        items = _drop_purposes(doc, _distinct_items(doc, syntax.items_under(doc, token, exclude)))
        items = [i for i in items if not self._inside_exchange(doc, i)]
        fronted = [o for o in syntax.objects(token) if o.i < token.i]
        if fronted:
            # "UAVs that it had purchased from Iran": the noun the clause hangs on is what flows
            items = [i for i in doc._.items or [] if i.head in {o.i for o in fronted}] + items
        if any(i.nature == "equipment" for i in items):
            # "a military aid package including Stinger missiles": the aid is those goods, not more help
            items = [i for i in items if not (i.nature == "support" and doc[i.head].dep_ == "compound"
                                              and doc[i.head].head.i == token.i)]
        if frame == "help" and token.lemma_.lower() not in self.lexicon.arming_verbs:
            # help names no goods unless it says "with" them or names them as its object
            held = [o for o in syntax.objects(token)] + syntax.pp_objects(token, ("with",), exclude)
            # ... or is itself goods ("lethal aid")
            items = [i for i in items if (i.head == token.i and i.nature == "equipment") or any(syntax.in_subtree(doc[i.head], h) for h in held)]
            # "to help Iraqi troops": the troops helped are the recipient, not people sent
            items = [i for i in items if not (i.nature == "personnel" and any(i.head == o.i for o in syntax.objects(token)))]
        if syntax.is_passive_participle(token) and frame in ("give", "get"):
            # "Iranian drones supplied to Russia": the noun the participle describes is what flows
            items = [i for i in doc._.items or [] if i.head == token.head.i] + items
        if passive is not None and frame in ("give", "get"):
            theme = syntax.items_under(doc, passive, self._other_events(passive))
            items = items + [i for i in _distinct_items(doc, theme) if i not in items]
        # the people under a training named inside this flow are its trainees, not what flows
        trainings = [doc[t.i] for t in doc._.triggers or [] if t.nominal and t.sense.frame == "train" and t.i != token.i]
        items = [i for i in items if not (i.nature == "personnel"
                                          and any(syntax.in_subtree(doc[i.head], t) for t in trainings))]
        nominal = syntax.reads_as_noun(token) and not syntax.used_as_verb(token)
        takers: list[str] = []
        givers_there: list[str] = []
        if nominal and token.dep_ == "dobj" and token.head.lemma_.lower() in self.lexicon.receiving_verbs:
            takers = self._actors(doc, syntax.subject(token.head))  # "Syria needed broader support"
            # "In both countries, he secured military assistance": where it was secured, who gave it
            givers_there = [a for p in syntax.preps(token.head, "in", "from") for a in self._actors(doc, p)
                            if a not in takers]
        if nominal:
            subj_actors = self._noun_agent(doc, token) or givers_there
            if not subj_actors and token.dep_ == "conj":  # "DPRK and Russian technology and assistance"
                subj_actors = self._noun_agent(doc, token.head)
            if token.i and any(i.nature == "support" and i.head == token.i for i in doc._.items or []):
                own = [i for i in doc._.items or [] if i.head == token.i]
                items = own + [i for i in items if i not in own]
        to_actors = self._deep_pp_actors(doc, token, ("to",), exclude) or self._pp_actors(doc, scope, "for")
        if not to_actors and token.pos_ == "NOUN" and token.dep_ == "dobj":
            to_actors = self._pp_actors(doc, token.head, "to")  # "upped its aid to the Afghan government"
        if not to_actors and token.pos_ == "NOUN" and token.dep_ in ("pobj", "conj") and token.head.dep_ == "prep" \
                and token.head.lower_ == "of":
            # "Reports of exports of missile technology to countries such as Iran, India"
            owner = token.head.head
            to_actors = [a for p in syntax.preps(owner, "to") for a in self._actors(doc, p, deep=True)]
        if not to_actors and nominal:
            to_actors = [a for p in _raised_pps(token, ("to",)) for a in self._actors(doc, p)]
        if not to_actors:
            to_actors = self._programme_owner(doc, token, exclude)
        from_actors = self._deep_pp_actors(doc, token, ("from",), exclude)
        with_actors = self._deep_pp_actors(doc, token, ("with",), exclude)
        obj_actors: list[str] = []
        objs = list(syntax.objects(token))
        if not objs:  # "continues to arm and support the Houthis": conjoined verbs share the object
            for conj in token.children:
                if conj.dep_ == "conj" and conj.pos_ == "VERB":
                    objs += list(syntax.objects(conj))
            if token.dep_ == "conj":
                objs += list(syntax.objects(token.head))
        for obj in objs:
            obj_actors += self._actors(doc, obj)
        dat_actors: list[str] = []
        for dat in syntax.datives(token):
            dat_actors += self._actors(doc, dat)
        providers: list[str] = []
        recipients: list[str] = []
        if frame in ("give", "help"):
            providers = [a for a in subj_actors if a not in takers]
            recipients = dat_actors or to_actors or obj_actors or takers
            if not recipients and frame == "help":
                for clause in token.children:  # "agreed to assist Iran modernize its facilities"
                    if clause.dep_ in ("ccomp", "xcomp"):
                        recipients = self._actors(doc, syntax.own_subject(clause))
                        if not recipients and not any(t.i == clause.i for t in doc._.triggers or []):
                            # "to help fund Afghan security forces": who the helping verb acts on
                            # (not "helped train X": the training is a flow of its own)
                            recipients = [a for o in syntax.objects(clause) for a in self._actors(doc, o)]
            if passive is not None and frame == "help" and token.lemma_.lower() in self.lexicon.verbs \
                    and self.lexicon.verbs[token.lemma_.lower()].kind == "personnel":
                # "100 U.S. forces are embedded with Iraqi Security Forces": the people placed are the giver's
                providers = self._actors(doc, passive)
                recipients = self._deep_pp_actors(doc, token, ("with", "alongside"), exclude)
                subject_item = self._personnel_subject(doc, passive) or ItemMention(
                    passive.left_edge.i, passive.i + 1, passive.i, None, "other", "personnel",
                    "items: the people placed with the partner")
            elif passive is not None and not recipients:
                recipients = self._actors(doc, passive)
            if nominal and token.dep_ == "pobj" and token.head.lower_ == "with" and token.head.head.pos_ == "VERB":
                # "With the aid of Indian companies, Iran is nearing completion": "of" gives, the clause's subject gets
                helpers = self._pp_actors(doc, token, "of")
                if helpers:
                    providers = helpers
                    recipients = [a for a in self._actors(doc, syntax.subject(token.head.head)) if a not in helpers]
        elif frame == "get":
            recipients = subj_actors or (self._actors(doc, passive) if passive is not None else [])
            providers = from_actors
            if not providers and noun is not None and _sense_of(self.lexicon, noun) is not None \
                    and _sense_of(self.lexicon, noun).frame in ("train", "help"):  # type: ignore[union-attr]
                # "received training in Russia", "In both countries, Iran obtained military assistance"
                providers = [a for a in self._deep_pp_actors(doc, token, ("in",), exclude) if a not in recipients]
        elif frame == "ask":
            recipients = subj_actors
            providers = obj_actors or from_actors
        elif frame == "refuse":
            providers = subj_actors
            recipients = to_actors
            target = noun if noun is not None else next(syntax.objects(token), None)
            turned = self._refused_by_taker(doc, target, subj_actors)
            if turned is not None:  # "rejected a French offer", "canceled its order of Su-35 jets"
                providers, recipients = turned, subj_actors
            if target is not None and not recipients:
                for child in target.children:
                    if child.dep_ == "poss":
                        recipients = self._actors(doc, child)
            if not recipients:  # "canceled exercises with Thailand"
                recipients = with_actors
            if not recipients and target is not None:  # "turned down a request from Kyiv"
                recipients = self._pp_actors(doc, target, "from")
        elif frame == "train":
            providers = subj_actors
            recipients = obj_actors or to_actors
            if not providers:
                providers = self._pp_actors(doc, token.head if nominal else token, "in", "by", "from")
                if nominal:
                    recipients = recipients or self._actors(doc, syntax.subject(token.head) or token)
        elif frame == "arrive":
            # "The first HIMARS launchers arrived in Ukraine": the subject is the goods, "in" the taker
            items = [i for i in _distinct_items(doc, syntax.items_under(doc, subj)) if i.nature == "equipment"] \
                if subj is not None else []
            recipients = [a for p in syntax.preps(token, "in", "at", "to") for a in self._actors(doc, p)]
            providers = from_actors or (self._pp_actors(doc, subj, "from") if subj is not None else [])
            if not items:
                return [], [], [], None, 0
        elif frame == "joint":
            providers = subj_actors
            recipients = with_actors or obj_actors
            verb = token.head.head if token.dep_ == "pobj" and token.head.dep_ == "prep" else token.head
            if nominal and not providers and verb.pos_ == "VERB":
                # "Russia and China held joint drills", "Marines were deployed to join in exercises with
                # Australian forces": the verb's subjects (or those it was done to) are the partners
                providers = self._actors(doc, syntax.subject(verb) or self._passive_doer(verb))
                if not recipients and len(providers) >= 2:
                    providers, recipients = providers[:1], providers[1:2]
            if not recipients and len(providers) >= 2:  # "Turkey and Iraq would collaborate"
                providers, recipients = providers[:1], providers[1:2]
            if not providers or not recipients:
                # "deepening military cooperation between the DPRK and Russia"
                between = self._deep_pp_actors(doc, token, ("between", "among"), exclude)
                military = {c.lower_ for c in token.children if c.dep_ in ("amod", "compound")} \
                    & self.lexicon.military_modifiers
                if len(between) >= 2 and military:  # not "limited cooperation between Moscow and Beijing"
                    providers, recipients = between[:1], between[1:2]
        elif frame == "deal":
            partner = with_actors
            makers = {self.catalogue.maker(i.id) for i in items if i.id}
            sells = _sells(doc, scope) or bool(makers & set(subj_actors))
            if partner and not sells:
                # "signed a contract with France for Rafale jets": the customer signs with the supplier
                recipients, providers = subj_actors, partner
            elif _buys(doc, scope):
                recipients, providers = subj_actors, from_actors
            else:
                providers, recipients = subj_actors, partner or to_actors
        if nominal and token.lower_ in self.lexicon.agent_nouns:
            providers, recipients = self._agent_noun_roles(doc, token, providers, recipients)
        deal_fallback = 0
        subject_sense = _sense_of(self.lexicon, subj) if subj is not None else None
        if frame in ("give", "help") and not providers and recipients and subj is not None \
                and subject_sense is not None and subject_sense.frame == "deal" \
                and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in subj.children):
            # "the deal could provide Iran with knowledge and technology": the deal's other partner gives
            providers = [a for a in self._deal_partners(doc, subj) if a not in recipients][:1]
            deal_fallback = 1 if providers else 0
        if frame == "help" and not recipients:
            # "10,000 Iranian troops are in Syria fighting alongside ...": the state they serve in;
            # else "fighting alongside troops loyal to Assad", "embedded with Iraqi Security Forces"
            stationed = [a for p in syntax.preps(token.head, "in") for a in self._actors(doc, p)] \
                if token.dep_ == "advcl" and token.head.lemma_ == "be" else []
            recipients = [a for a in stationed if a not in providers] or \
                self._deep_pp_actors(doc, token, ("alongside", "with"), exclude)
        recipients = [a for a in recipients if not self._only_an_enemy(doc, token, a)]
        fallbacks = deal_fallback
        if not providers and items and frame in ("give", "get", "deal", "ask", "refuse", "arrive"):
            providers = self._provider_from_item(doc, items[0])
            fallbacks += 1
        if nominal and not recipients and providers:
            fallbacks += 1
            # "This effort has relied heavily upon PRC assistance": the article's main actor gets it
            focus = document_focus(doc)
            if focus and focus not in providers:
                recipients = [focus]
        if not items and frame == "joint":
            # "collaborate with Iran on areas like weapons development": the joint work is the item
            for t in token.subtree:
                if t.pos_ == "NOUN" and t.lower_ in self.lexicon.joint_work and t.i != token.i \
                        and not any(syntax.in_subtree(t, ex) for ex in exclude):
                    items = [ItemMention(t.i, t.i + 1, t.i, None, "other", "support")]
                    break
        if not items and frame == "help":
            items = self._means_of_help(doc, token)
        if not items and frame == "help" and token.lemma_.lower() in self.lexicon.arming_verbs:
            items = [ItemMention(token.i, token.i + 1, token.i, None, "other", "equipment")]
        return _unique(providers), _unique(recipients), items, subject_item, fallbacks

    # -- helpers -----------------------------------------------------------
    def _trace(self, doc: Doc, trigger: Trigger, frame: str, fallbacks: int, item: ItemMention | None,
               provider: str, recipient: str) -> dict[str, object]:
        """Why this frame: its trigger, its roles' rule, and which rule found an open-vocabulary item
        or an actor that stands for its state through an organisation."""
        trace: dict[str, object] = {
            "trigger": {"text": doc[trigger.i:trigger.end].text, "start": doc[trigger.i].idx},
            "roles": f"roles: frame {frame}" + (f", {fallbacks} role(s) by fallback" if fallbacks else ""),
        }
        if item is not None:
            trace["item"] = item.cue or ("items: catalogue" if item.id else "items: generic term")
        sent = doc[trigger.i].sent
        for role, actor in (("provider", provider), ("recipient", recipient)):
            ties = [m for m in doc._.actors or [] if m.actor == actor and m.form == "tie"
                    and sent.start <= m.start < sent.end]
            if ties:
                trace[role] = f"actors: '{doc[ties[0].start].text}' stands for {actor} (organisation tied to its state)"
        return trace

    def _agent_noun_roles(self, doc: Doc, token: Token, providers: list[str],
                          recipients: list[str]) -> tuple[list[str], list[str]]:
        """ "China is a key supplier of CW equipment to Iran", "China has been Iran's main supplier",
        "Iran has been a major military backer of the Syrian regime": the one who *is* the supplier
        gives; the possessor, the "to"/"for" phrase or (for backers) the "of" phrase gets."""
        givers: list[str] = []
        slot = token
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.dep_ == "attr":
            slot = token.head.head  # "Iran is one of Russia's main backers"
        if slot.dep_ in ("attr", "appos") or (slot.dep_ == "conj" and slot.head.dep_ == "attr"):
            head = slot.head if slot.dep_ != "conj" else slot.head.head
            givers = self._actors(doc, syntax.subject(head)) if slot.dep_ != "appos" else self._actors(doc, head)
        elif token.dep_ == "pobj" and token.head.lower_ == "as" and token.head.head.pos_ == "VERB":
            # "identified Q.C. Chen as a major supplier": the one identified; "emerged as major
            # suppliers": the subjects (all of them: the parser may give a list two)
            verb = token.head.head
            givers = [a for o in syntax.objects(verb) for a in self._actors(doc, o)] or [
                a for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for a in self._actors(doc, c)]
        owners = [a for c in token.children if c.dep_ == "poss" for a in self._actors(doc, c)]
        takers = self._pp_actors(doc, token, "to", "for") or owners
        if not takers and token.lower_ in self.lexicon.helped_of_nouns:
            takers = self._pp_actors(doc, token, "of")
        if not givers:
            # "sources said", "YPG supporters have posted photographs": nobody is said to be one
            return [], []
        providers = [g for g in givers if g not in takers]
        return providers, takers or [r for r in recipients if r not in providers]

    def _deal_partners(self, doc: Doc, noun: Token) -> list[str]:
        """The partners of the deal a definite "the deal" refers to: the nearest deal named before it
        (a deal noun or a signing verb) within a paragraph's reach, its subject and its "with"."""
        for trigger in reversed(doc._.triggers or []):
            t = doc[trigger.i]
            if t.i >= noun.i or noun.idx - t.idx > 800 or trigger.sense.frame != "deal" or t.i == noun.i:
                continue
            verb = t if t.pos_ in ("VERB", "AUX") else (t.head if t.head.pos_ in ("VERB", "AUX") else None)
            partners = self._actors(doc, syntax.subject(verb)) if verb is not None else self._noun_agent(doc, t)
            partners += self._deep_pp_actors(doc, verb if verb is not None else t, ("with", "between"), [])
            if len(set(partners)) >= 2:
                return _unique(partners)
        return []

    @staticmethod
    def _passive_doer(verb: Token) -> Token | None:
        """The passive subject of ``verb`` or of the clause it completes ("were deployed to join")."""
        for current in [verb, *verb.ancestors][:4]:
            found = syntax.passive_subject(current)
            if found is not None:
                return found
        return None

    def _programme_owner(self, doc: Doc, token: Token, exclude: list[Token]) -> list[str]:
        """ "provided assistance to the al-Fatah program", "supplied parts for Iran's missile effort":
        the programme's owner gets the help; a programme named without its owner is the article's
        subject's (NTI profiles and news on one country's programme name it once)."""
        for pobj in syntax.pp_objects(token, ("to", "for"), exclude):
            if pobj.lemma_.lower() not in self.lexicon.programme_nouns:
                continue
            owners = self._actors(doc, pobj)
            if owners:
                return owners
            focus = document_focus(doc)
            return [focus] if focus else []
        return []

    def _only_an_enemy(self, doc: Doc, token: Token, actor: str) -> bool:
        """ "to support the Iraqi forces in their fight against IS": the enemy in a purpose phrase is
        never the recipient. True when every mention of ``actor`` in the sentence stands under
        "against" (or is fought: "fighting the IS insurgency")."""
        sent = token.sent
        mentions = [m for m in doc._.actors or [] if m.actor == actor and sent.start <= m.start < sent.end]
        if not mentions:
            return False
        return self._all_fought(doc, token, mentions)

    def _an_enemy_in_the_article(self, doc: Doc, token: Token, actor: str) -> bool:
        """An actor the article names only as fought ("the offensive against IS") is no recipient
        that context can supply."""
        mentions = [m for m in doc._.actors or [] if m.actor == actor]
        return bool(mentions) and self._all_fought(doc, token, mentions)

    def _all_fought(self, doc: Doc, token: Token, mentions: list) -> bool:  # type: ignore[type-arg]
        fights = self.lexicon.fight_words
        for mention in mentions:
            root = doc[mention.start:mention.end].root
            while root.dep_ in ("conj", "appos", "compound") and root.head.i != root.i:
                root = root.head  # "against the Taliban and the Haqqani network"
            governor = root.head
            fought = governor.lemma_.lower() in fights and root.dep_ in ("dobj", "pobj") and governor.i != token.i
            if governor.dep_ == "prep" or governor.pos_ == "ADP":
                fought = governor.lower_ == "against" or (
                    governor.head.lemma_.lower() in fights and governor.head.i != token.i)
            if not fought:
                return False
        return True

    def _actors(self, doc: Doc, head: Token | None, deep: bool = False) -> list[str]:
        if head is None:
            return []
        if head.lower_ in syntax.PRONOUNS:
            found = resolve_pronoun(doc, head)
            return [found] if found else []
        if head.lower_ in syntax.RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
            # "Vietnam, which is receiving refurbished cutters": the noun the clause hangs on
            return self._actors(doc, head.head.head)
        if head.lower_ in _FIRST_PERSON_PLURAL and syntax.in_quotation(doc, head.sent):
            return [SPEAKER]  # attribution puts the quoted speaker's side here
        if any(c.dep_ == "poss" and c.lower_ == "whose" for c in head.children):
            return self._whose_owner(doc, head)
        if head.lower_ in self.lexicon.relational_heads:
            # "Turkey's rivals" are not Turkey; "our allies, including the United Kingdom" are those listed
            listed = [g for c in head.subtree if c.dep_ == "prep" and c.lower_ in ("including", "like", "as")
                      for g in c.children if g.dep_ == "pobj"]
            return [a for g in listed for a in self._actors(doc, g)]
        if head.lemma_.lower() in self.lexicon.place_nouns:
            return []  # "to the NATO air base at Incirlik": a place, not who gets (own forces abroad)
        named = [m.actor for m in syntax.actors_in_phrase(doc, head, deep=deep)]
        if not named and head.lower_ in self.lexicon.pair_anaphora_heads \
                and any(c.lower_ in self.lexicon.pair_determiners for c in head.children):
            # "In both countries": the last two states named before
            pair: list[str] = []
            for m in reversed([m for m in doc._.actors or [] if m.end <= head.i and head.i - m.end < 80]):
                if m.actor not in pair:
                    pair.append(m.actor)
                if len(pair) == 2:
                    return list(reversed(pair))
            return []
        if not named and head.lower_ in self.lexicon.actor_anaphora_heads \
                and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) \
                and not any(c.dep_ in ("amod", "compound") for c in head.children):
            # "continue supporting the country": the state named last before it
            before = [m for m in doc._.actors or [] if m.end <= head.i and head.i - m.end < 40]
            return [before[-1].actor] if before else []
        return named

    def _gerund_read_as_adjective(
        self, doc: Doc, token: Token, frame: str
    ) -> tuple[list[str], list[str], list[ItemMention], ItemMention | None, int] | None:
        """ "Tehran denied supplying weapons to Moscow": spaCy may read "supplying" as an adjective of
        "weapons". When the noun is goods and the object of a verb, read the gerund as that verb's
        complement: its subject gives (or gets), its "to" ("from") phrase names the other side."""
        noun = token.head
        if token.dep_ != "amod" or token.tag_ != "VBG" or noun.i <= token.i or noun.dep_ != "dobj":
            return None
        items = _distinct_items(doc, syntax.items_under(doc, noun))
        if not any(i.head == noun.i for i in items):
            return None  # "supplying countries": the noun is who supplies, not what
        governor = noun.head
        doers = self._actors(doc, syntax.subject(governor))
        if frame == "give":
            others = [a for p in syntax.preps(governor, "to") for a in self._actors(doc, p)]
            return doers, others, items, None, 0
        others = [a for p in syntax.preps(governor, "from") for a in self._actors(doc, p)]
        return others, doers, items, None, 0

    def _refused_by_taker(self, doc: Doc, target: Token | None, refusers: list[str]) -> list[str] | None:
        """The givers, when the one who refuses is the taker: of an offer ("rejected a French offer of
        training"), or of its own order or purchase ("Indonesia canceled its order of Su-35 jets").

        ``None`` when the refuser is the giver ("rejected Tehran's request", "blocked Turkey's purchase").
        """
        if target is None or not refusers:
            return None
        sense = _sense_of(self.lexicon, target)
        if sense is None:
            return None
        owners = [a for c in target.children if c.dep_ == "poss" for a in self._actors(doc, c)]
        if sense.stage == "offered":
            return [a for a in self._noun_agent(doc, target) if a not in refusers]
        if sense.frame == "get" and all(a in refusers for a in owners):
            return self._pp_actors(doc, target, "from")  # else the maker of the item, by fallback
        return None

    def _goods_beside(self, doc: Doc, token: Token) -> list[ItemMention]:
        """ "DPRK and Russian technology and assistance": goods conjoined with the help noun flow too,
        from the same givers."""
        if token.dep_ != "conj":
            return []
        if any(t.i == token.head.i for t in doc._.triggers or []):
            return []  # "training and exercises": two flows, each with its own trigger
        return [i for i in doc._.items or [] if i.head == token.head.i and i.nature == "equipment"]

    def _whose_owner(self, doc: Doc, head: Token) -> list[str]:
        """ "a unit of the IRGC, whose personnel had received training": the IRGC's people.

        The owner is the noun the relative clause hangs on, else the actor named just before "whose".
        """
        clause = head.head
        if clause.dep_ == "relcl":
            named = [m.actor for m in syntax.actors_in_phrase(doc, clause.head, deep=True)]
            if named:
                return named[:1]
        before = [m for m in doc._.actors or [] if m.end <= head.i and head.i - m.end <= 8]
        return [before[-1].actor] if before else []

    def _deep_pp_actors(self, doc: Doc, token: Token, words: tuple[str, ...], exclude: list[Token]) -> list[str]:
        for pobj in syntax.pp_objects(token, words, exclude):
            found = self._actors(doc, pobj, deep=True)
            if found:
                return found
        return []

    def _pp_actors(self, doc: Doc, token: Token, *words: str) -> list[str]:
        out: list[str] = []
        for pobj in syntax.preps(token, *words):
            out += self._actors(doc, pobj)
        return out

    def _noun_agent(self, doc: Doc, noun: Token) -> list[str]:
        """The giver named on a flow noun: "Russia's delivery", "Russian assistance", "by X"."""
        out: list[str] = []
        for child in noun.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod"):
                out += self._actors(doc, child)
        out += self._pp_actors(doc, noun, "by", "from")
        if not out:
            out = [a for p in _raised_pps(noun, ("by",)) for a in self._actors(doc, p)]
        if not out:
            # "training for Ukraine's forces already being conducted by our allies, including the
            # United Kingdom and the European Union": the agent of a participle on the flow noun
            doers = [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]
            if noun.dep_ == "nsubjpass" and noun.head.lemma_.lower() in self.lexicon.doing_verbs:
                doers.append(noun.head)  # "the training is being conducted by our allies"
            for participle in doers:
                for agent in (c for c in participle.children if c.dep_ == "agent"):
                    out += [a for p in agent.children if p.dep_ == "pobj" for a in self._actors(doc, p, deep=True)]
        # "$2.5 billion in new military assistance": the amount stands for the help
        held = noun
        while held.dep_ == "pobj" and held.head.dep_ == "prep" and held.head.lower_ in ("in", "of") \
                and held.head.head.pos_ in ("NOUN", "NUM", "SYM"):
            held = held.head.head
        if not out and held.dep_ in ("dobj",) and held.head.pos_ == "VERB" \
                and held.head.lemma_.lower() not in self.lexicon.receiving_verbs:
            # "Russia has upped its aid to Kabul": the giver is the subject of the verb over the noun
            sense = _sense_of(self.lexicon, noun)
            if sense is not None and sense.frame in ("give", "help"):
                out = self._actors(doc, syntax.subject(held.head))
        return out

    def _means_of_help(self, doc: Doc, token: Token) -> list[ItemMention]:
        """ "warplanes carry out strikes to help Afghan units": what the helper does is the item (spec:
        own forces operating for a partner give support with the item kept)."""
        if token.dep_ not in ("advcl", "xcomp") or not any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children):
            return []
        matrix = token.head
        if matrix.pos_ != "VERB":
            return []
        money = next((c for c in matrix.children if c.dep_ == "dobj" and _is_money(c)), None)
        if money is not None:
            # "requested $3.45 billion to help fund Afghan forces": the money is the help's item
            return [ItemMention(money.left_edge.i, money.i + 1, money.i, None, "other", "support",
                                "items: the money asked or given for the help")]
        if any(t.i == matrix.i for t in doc._.triggers or []):
            return []  # "sent helicopters to help": the sending is a flow of its own
        means = next((c for c in matrix.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
        if means is None or syntax.actors_in_phrase(doc, means):
            return []
        named = [i for i in doc._.items or [] if i.head == means.i]
        if named:
            return named
        return [ItemMention(means.left_edge.i, means.i + 1, means.i, None, "other", "support")]

    def _personnel_subject(self, doc: Doc, subj: Token | None) -> ItemMention | None:
        """ "Iranian technicians traveled ... to assist" -> the technicians are what flows."""
        if subj is None:
            return None
        for item in doc._.items or []:
            if item.nature == "personnel" and syntax.in_subtree(doc[item.head], subj):
                return item
        return None

    def _inside_exchange(self, doc: Doc, item: ItemMention) -> bool:
        for trigger in doc._.triggers or []:
            if trigger.sense.frame != "exchange":
                continue
            span = doc[trigger.i:trigger.end]
            holder = span[-1]  # "for"
            if syntax.in_subtree(doc[item.head], holder):
                return True
        return False

    def _provider_from_item(self, doc: Doc, item: ItemMention) -> list[str]:
        """A nationality on the item ("North Korean Scud-Bs"), else the maker of a catalogued system."""
        head = doc[item.head]
        named = _unique([m.actor for m in doc._.actors or [] if item.start <= m.start < item.end or (
            m.start >= head.left_edge.i and m.end <= head.i and m.form in ("demonym", "adjective", "name", "short")
        )])
        if named:
            return named  # "Chinese and Russian fighter jets": both
        if item.id:
            maker = self.catalogue.maker(item.id)
            if maker:
                return [maker]
        return []

    def _other_events(self, token: Token) -> list[Token]:
        """Clauses under the trigger that tell of something else: "after Russia began striking
        cities with drones"; "the Su-35, which is considered the most advanced fighter jet"."""
        out = []
        for t in token.subtree:
            if t.i == token.i:
                continue
            if t.dep_ == "advcl" and syntax.own_subject(t) is not None:
                out.append(t)
            elif t.dep_ == "relcl" and t.lemma_.lower() not in self.lexicon.inclusion_verbs:
                out.append(t)
        return out

    def _nearest_subject(self, token: Token) -> Token | None:
        """A verb the parser left without a subject ("Iran has influence, continues to arm X"):
        the nearest subject before it in the sentence, unless that one reports speech."""
        speech = self.lexicon.speech_verbs
        for candidate in reversed(list(token.sent)[: token.i - token.sent.start]):
            if candidate.dep_ == "nsubj" and candidate.head.lemma_.lower() not in speech:
                return candidate
            # "Davutoglu indicated Turkey had helped": the parser takes Turkey for an object
            if candidate.dep_ == "dobj" and candidate.head.lemma_.lower() in speech and candidate.pos_ == "PROPN":
                return candidate
        return None

    def _recipient_slot_named(self, token: Token, frame: str) -> bool:
        """Whether the text names a recipient that is no actor ("to several countries", "any country").

        Then there is no identifiable recipient and no claim (spec), rather than a guess from context.
        """
        if frame in ("give", "help", "train") and any(
                p.lemma_.lower() not in self.lexicon.programme_nouns for p in syntax.pp_objects(token, ("to",))):
            return True
        if frame in ("help", "train") and any(True for _ in syntax.objects(token)):
            return True
        return False

    def _from_context(self, doc: Doc, token: Token, providers: list[str], recipients: list[str],
                      history: list[Frame], items: list[ItemMention] | None = None) -> tuple[list[str], list[str]]:
        """Implicit roles (spec): take them from the flow named just before, else the article's main actor.

        "The continued delivery of HN-5A SAMs." under a heading about China
        and Iran; "This effort has relied heavily upon PRC assistance."
        """
        sent_start = token.sent.start_char
        earlier = [f for f in history if f.sent_start < sent_start and sent_start - f.sent_end < 600]
        if providers and not recipients:
            if token.dep_ == "dobj" and token.head.lemma_.lower() in self.lexicon.receiving_verbs:
                # "the Afghan government, while welcoming Russian aid": who takes the help
                takers = [a for a in self._actors(doc, syntax.subject(token.head)) if a not in providers]
                if takers:
                    return providers, takers[:1]
            same = [f for f in earlier if f.provider in providers]
            if same:
                return providers, [same[-1].recipient]
            # another state named in the sentence after the trigger, else the article's main actor
            after = [m.actor for m in doc._.actors or []
                     if m.start > token.i and m.end <= token.sent.end and m.actor not in providers
                     # not in a clause of its own ("and France sent ...", "in fighting the IS")
                     and _clause_of(doc[m.start:m.end].root) == _clause_of(token)]
            if after:
                return providers, after[:1]
            focus = document_focus(doc)
            if focus and focus.startswith("org:") and not any(focus in (f.provider, f.recipient) for f in history):
                # a group the article names most but that takes part in no flow before it (the enemy in
                # "provided airstrikes to support the fight for Mosul") is no recipient context can
                # supply; a state that is the article's subject is ("Ukraine's allies: Germany delivered ...")
                return providers, []
            return providers, ([focus] if focus and focus not in providers else [])
        if recipients and not providers:
            same = [f for f in earlier if f.recipient in recipients]
            return ([same[-1].provider] if same else []), recipients
        if earlier and token.pos_ in ("NOUN", "PROPN") and not any(t.pos_ in ("VERB", "AUX") for t in token.sent):
            # a list item or heading with no verb: "The continued delivery of HN-5A SAMs."
            return [earlier[-1].provider], [earlier[-1].recipient]
        items = items or []
        sent = token.sent
        definite = bool(items) and any(c.dep_ == "det" and c.lower_ in ("the", "these", "those")
                                       for c in doc[items[0].head].children)
        named = any(sent.start <= m.start < sent.end for m in doc._.actors or [])
        continues = definite and items[0].nature == "equipment" and _sense_of(self.lexicon, token) is None \
            and token.lemma_.lower() in self.lexicon.verbs and self.lexicon.verbs[token.lemma_.lower()].frame in ("give", "get")
        if earlier and continues and not named and not providers and not recipients:
            # "The first helicopters were handed over at a ceremony on Monday": a sentence that names
            # neither side continues the last flow of the same goods
            same = [f for f in earlier if f.item is not None and f.kind == "transfer"
                    and ((items[0].id and f.item.id == items[0].id) or f.item.category == items[0].category)]
            if same:
                return [same[-1].provider], [same[-1].recipient]
        return providers, recipients

    def _list_lead(self, doc: Doc, token: Token, history: list[Frame]) -> _Lead | None:
        """The lead-in a list item hangs under, when the item names no roles of its own.

        "He secured DPRK assistance in the following areas: The delivery of
        HN-5A SAMs. Technology transfer for new missiles." Items follow the
        colon, in its sentence or as verbless sentences of the same paragraph.
        """
        sent = token.sent
        colons = [t for t in sent if t.text == ":" and t.i < token.i]
        if colons:
            return self._lead_roles(doc, sent, colons[-1].i, history)
        if sent.root.pos_ not in ("NOUN", "PROPN"):
            return None  # a list item is a noun phrase, not a clause
        current = sent
        while current.start > 0:
            previous = doc[current.start - 1].sent
            if "\n\n" in syntax.doc_text(doc)[previous.start_char:current.start_char]:
                return None  # the list ends with its paragraph
            colons = [t for t in previous if t.text == ":"]
            if colons:
                return self._lead_roles(doc, previous, colons[-1].i, history)
            if previous.root.pos_ not in ("NOUN", "PROPN"):
                return None
            current = previous
        return None

    def _lead_roles(self, doc: Doc, sent: Span, colon: int, history: list[Frame]) -> _Lead | None:
        """Provider, recipient and stage of the flow named before a list's colon."""
        before = [f for f in history if f.sent_start == sent.start_char and f.trigger.i < colon]
        stage = "agreed" if any(t.lemma_.lower() in self.lexicon.agreed for t in doc[sent.start:colon]) else None
        if before:
            return _Lead([before[-1].provider], [before[-1].recipient], stage)
        for trigger in reversed(doc._.triggers or []):
            if not (sent.start <= trigger.i < colon and trigger.nominal):
                continue
            noun = doc[trigger.i]
            givers = self._noun_agent(doc, noun)[:1]  # "a PRC agreement", "DPRK assistance"
            if not givers:
                continue
            takers = self._actors(doc, syntax.subject(noun.head)) if noun.head.pos_ == "VERB" else []
            focus = document_focus(doc)
            takers = [a for a in takers if a not in givers] or ([focus] if focus and focus not in givers else [])
            if takers:
                return _Lead(givers, takers[:1], stage)
        return None

    def _inclusions(self, doc: Doc, frames: list[Frame]) -> list[Frame]:
        """ "That aid includes 10,000 rifles": the goods of a flow named in an earlier sentence."""
        out: list[Frame] = []
        lex = self.lexicon
        for token in doc:
            if token.pos_ != "VERB" or token.lemma_.lower() not in lex.inclusion_verbs:
                continue
            subj = syntax.own_subject(token)
            if subj is not None and _sense_of(lex, subj) is None and subj.lower_ not in _FLOW_PRONOUNS \
                    and not self._names_flow_inside(subj):
                out.extend(self._bought_list(doc, token, subj))
                continue
            if subj is None:
                continue
            earlier = [f for f in frames if f.sent_end <= token.sent.start_char and f.kind in ("transfer", "support")]
            if subj.lower_ in _FLOW_PRONOUNS:
                # "It also contains ...": only a package or deal named in the sentence just before
                previous = doc[token.sent.start - 1].sent if token.sent.start > 0 else None
                earlier = [f for f in earlier if previous is not None and f.sent_start == previous.start_char
                           and f.trigger.nominal and f.trigger.sense.frame in ("deal", "give", "help")]
            if not earlier:
                continue
            base = earlier[-1]
            sent = token.sent
            nested = [doc[t.i] for t in doc._.triggers or []
                      if t.i != token.i and syntax.in_subtree(doc[t.i], token) and not syntax.in_subtree(doc[t.i], subj)]
            # items under a flow noun of their own ("the sale of X", "training of personnel") are that flow's
            pairs: list[tuple[ItemMention | None, str | None]] = [
                (item, "cooperation" if self._jointly_made(doc, item) else _kind_for("transfer", item, "give"))
                for item in _distinct_items(doc, syntax.items_under(doc, token, [subj, *nested]))
            ]
            for flow in nested:  # "has included the sale of X, training of personnel": the earlier flow's parts
                sense = _sense_of(lex, flow)
                if sense is None or flow.pos_ != "NOUN":
                    continue
                # a flow listed inside this one ("the sale of technologies, training of personnel") keeps its own items
                inside = [f for f in nested if f.i != flow.i and syntax.in_subtree(f, flow)]
                inner = _distinct_items(doc, syntax.items_under(doc, flow, inside))
                if sense.kind == "training":
                    inner = [i for i in inner if i.nature != "personnel"]
                options: list[ItemMention | None] = list(inner) if inner else [None]
                pairs += [(i, "cooperation" if i is not None and self._jointly_made(doc, i)
                           else _kind_for(sense.kind, i, sense.frame)) for i in options]
            for item, kind in pairs:
                if kind is None:
                    continue
                out.append(Frame(
                    trigger=Trigger(token.i, token.i + 1, token.lemma_, base.trigger.sense, nominal=False),
                    provider=base.provider, recipient=base.recipient, item=item, kind=kind, stage=base.stage,
                    sent_start=sent.start_char, sent_end=sent.end_char,
                    trace={"trigger": {"text": token.text, "start": token.idx},
                           "roles": "roles: goods of the flow named earlier ('includes')"},
                ))
        return out

    def _names_flow_inside(self, subj: Token) -> bool:
        """ "The capabilities contained in the package include ...": a flow noun inside the subject's
        phrase (a participle or "of"/"in" phrase) makes the subject that flow's goods."""
        return any(t.i != subj.i and t.pos_ == "NOUN" and _sense_of(self.lexicon, t) is not None
                   and _sense_of(self.lexicon, t).frame in ("give", "deal", "help")  # type: ignore[union-attr]
                   and any(c.dep_ == "det" for c in t.children) for t in subj.subtree)

    def _bought_list(self, doc: Doc, verb: Token, subj: Token) -> list[Frame]:
        """ "Other defensive material purchased by Iran includes respirators from Spain, protective gear
        from South Korea": goods bought by the taker, each with the giver named in its own "from"."""
        bought = next((c for c in subj.children if c.dep_ == "acl" and c.lemma_.lower() in self.lexicon.verbs
                       and self.lexicon.verbs[c.lemma_.lower()].frame == "get"), None)
        if bought is None:
            return []
        agent = syntax.own_subject(bought)
        takers = self._actors(doc, agent) if agent is not None else []
        if not takers:
            return []
        sense = self.lexicon.verbs[bought.lemma_.lower()]
        sent = verb.sent
        out: list[Frame] = []
        for item in _distinct_items(doc, syntax.items_under(doc, verb, [subj])):
            givers = [a for a in self._pp_actors(doc, doc[item.head], "from") if a not in takers]
            for giver in givers:
                out.append(Frame(
                    trigger=Trigger(bought.i, bought.i + 1, bought.lemma_, sense, nominal=False),
                    provider=giver, recipient=takers[0], item=item, kind=_kind_for("transfer", item, "give") or "transfer",
                    stage=sense.stage, sent_start=sent.start_char, sent_end=sent.end_char,
                    trace={"trigger": {"text": bought.text, "start": bought.idx},
                           "roles": f"roles: goods {bought.text} by {takers[0]}, each from its own 'from'",
                           "item": item.cue or "items: generic term"},
                ))
        return out

    def _collapses(self, doc: Doc, frames: list[Frame]) -> list[Frame]:
        """ "The deal eventually fell through": the flows of the deal named just before are refused.

        The subject is a definite deal noun ("the deal", "this agreement", "the sale"); the flows
        are those of the last earlier sentence that named any, within a paragraph's reach.
        """
        out: list[Frame] = []
        lex = self.lexicon
        for token in doc:
            if token.pos_ == "VERB" and token.lemma_.lower() in lex.withdraw_verbs:
                out.extend(self._withdrawn(doc, token, frames))
                continue
            if token.pos_ != "VERB" or token.lemma_.lower() not in lex.collapse_verbs:
                continue
            particle = {c.lower_ for c in token.children if c.dep_ in ("prt", "advmod", "prep")}
            if not _has_required_particle(lex, token, particle):
                continue  # "fell" alone is no collapse; "fell through", "fell apart" are
            subj = syntax.own_subject(token)
            sense = _sense_of(lex, subj) if subj is not None else None
            if subj is None or sense is None or sense.frame not in ("deal", "give", "get"):
                continue
            if not any(c.dep_ in ("det", "poss") for c in subj.children):
                continue  # "a deal fell through" is not the one named before
            sent = token.sent
            earlier = [f for f in frames if f.sent_end <= sent.start_char and sent.start_char - f.sent_end < 600
                       and f.kind in ("transfer", "support", "training", "personnel")]
            if not earlier:
                continue
            last = [f for f in earlier if f.sent_start == earlier[-1].sent_start]
            for base in last:
                out.append(Frame(
                    trigger=Trigger(token.i, token.i + 1, token.lemma_, base.trigger.sense, nominal=False),
                    provider=base.provider, recipient=base.recipient, item=base.item, kind=base.kind,
                    stage="refused", sent_start=sent.start_char, sent_end=sent.end_char, withdrawn=True,
                    trace={"trigger": {"text": token.text, "start": token.idx},
                           "roles": f"roles: the {subj.lower_} named before fell through ('{token.text}')",
                           "stage": "roles: a collapsed deal is refused"},
                ))
        return out

    def _withdrawn(self, doc: Doc, token: Token, frames: list[Frame]) -> list[Frame]:
        """ "Syria agreed to supply Iran with chemical weapons, but later backed away from the offer";
        "Nigeria backed out of the agreement": a side pulling out of a deal named before refuses its
        flows (the deal's flows in the same sentence before it, else in the sentence before)."""
        deal = next((p for p in syntax.pp_objects(token, ("from", "of", "on"))
                     if _sense_of(self.lexicon, p) is not None
                     and _sense_of(self.lexicon, p).frame in ("deal", "give", "get")), None)  # type: ignore[union-attr]
        particles = {c.lower_ for c in token.children if c.dep_ in ("prt", "advmod")}
        if deal is None or not _has_required_particle(self.lexicon, token, particles):
            return []
        sent = token.sent
        base = [f for f in frames if f.sent_start == sent.start_char and f.trigger.i < token.i]
        if not base:
            earlier = [f for f in frames if f.sent_end <= sent.start_char and sent.start_char - f.sent_end < 600]
            base = [f for f in earlier if earlier and f.sent_start == earlier[-1].sent_start]
        return [Frame(
            trigger=Trigger(token.i, token.i + 1, token.lemma_, f.trigger.sense, nominal=False),
            provider=f.provider, recipient=f.recipient, item=f.item, kind=f.kind, stage="refused",
            sent_start=sent.start_char, sent_end=sent.end_char, withdrawn=True,
            trace={"trigger": {"text": token.text, "start": token.idx},
                   "roles": f"roles: '{token.text}' the {deal.lower_} named before",
                   "stage": "roles: a side pulled out of the deal"},
        ) for f in base]

    def _jointly_made(self, doc: Doc, item: ItemMention) -> bool:
        """ "the assembly and production of the M-7": the partners make it together (cooperation)."""
        head = doc[item.head]
        if head.dep_ != "pobj" or head.head.lower_ != "of":
            return False
        maker = head.head.head
        return maker.lemma_.lower() in self.lexicon.joint_work

    def _exchanges(self, doc: Doc, triggers: list[Trigger], frames: list[Frame]) -> list[Frame]:
        """ "X gives Y to Z in exchange for W": W flows from Z to X."""
        out: list[Frame] = []
        for trigger in triggers:
            if trigger.sense.frame != "exchange":
                continue
            holder = doc[trigger.end - 1]
            main = [f for f in frames if f.trigger.i < trigger.i
                    and f.sent_start <= doc[trigger.i].idx < f.sent_end]
            if not main:
                continue
            base = main[-1]
            for item in syntax.items_under(doc, holder):
                out.append(
                    Frame(
                        trigger=trigger, provider=base.recipient, recipient=base.provider, item=item,
                        kind=_kind_for("transfer", item, "give") or "transfer", stage=base.stage,
                        sent_start=base.sent_start, sent_end=base.sent_end,
                        trace={"trigger": {"text": doc[trigger.i:trigger.end].text, "start": doc[trigger.i].idx},
                               "roles": "roles: reverse of the main flow ('in exchange for')"},
                    )
                )
        return out


@dataclass(frozen=True)
class _Lead:
    providers: list[str]
    recipients: list[str]
    stage: str | None  # "agreed" when the lead-in names a deal


def _sense_of(lexicon, token: Token) -> TriggerSense | None:  # type: ignore[no-untyped-def]
    return lexicon.nouns.get(token.lower_) or lexicon.nouns.get(token.lemma_.lower())


def _sells(doc: Doc, scope: Token) -> bool:
    """Whether the deal's subject is the seller: a sale, delivery or supply inside it."""
    lexicon = load_lexicon()
    for token in scope.subtree:
        sense = lexicon.nouns.get(token.lower_) or lexicon.nouns.get(token.lemma_.lower())
        if token.pos_ == "NOUN" and sense is not None and sense.frame == "give" and token.i != scope.i:
            return True
        if token.pos_ == "VERB" and token.lemma_ in lexicon.verbs and lexicon.verbs[token.lemma_].frame == "give":
            return True
    return False


def _buys(doc: Doc, scope: Token) -> bool:
    """Whether the deal's subject is the buyer: a purchase or order inside it."""
    lexicon = load_lexicon()
    for token in scope.subtree:
        sense = lexicon.nouns.get(token.lower_) or lexicon.nouns.get(token.lemma_.lower())
        if token.pos_ == "NOUN" and sense is not None and sense.frame == "get":
            return True
        if token.pos_ == "VERB" and token.lemma_ in lexicon.verbs and lexicon.verbs[token.lemma_].frame == "get":
            return True
    return False


def _distinct_items(doc: Doc, items: list[ItemMention]) -> list[ItemMention]:
    """One item per thing named: "rounds of ammunition" is one, "M-7 (a.k.a. CSS-8)" is one."""
    heads = {i.head: i for i in items}
    out: list[ItemMention] = []
    seen_ids: set[str] = set()
    for item in items:
        head = doc[item.head]
        if item.id and item.id in seen_ids:
            continue
        # "X of Y" where both are items: keep the inner one (the goods, not the measure)
        inner = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"]
        if any(g.dep_ == "pobj" and g.i in heads for p in inner for g in p.children):
            continue
        if head.dep_ == "appos" and head.head.i in heads:
            continue
        # (the parser may hang "in" on the verb: then the item just before it is the one classed)
        if head.dep_ == "pobj" and head.head.lower_ == "in" and head.lemma_.lower() in load_lexicon().class_nouns \
                and (head.head.head.i in heads or head.head.i - 1 in heads):
            continue  # "missiles in the Scud-B class": one item, the class says what kind
        if _in_parentheses(doc, head) and any(o.head != item.head and o.end <= item.start for o in items):
            continue
        if _in_clause_of_item(head, set(heads)):
            continue  # "chemicals used to produce nerve agents": what the goods are for, not more goods
        if item.id:
            seen_ids.add(item.id)
        out.append(item)
    return out


def _is_money(token: Token) -> bool:
    """ "$3.45 billion", "500 million euros": an amount of money (the quantity reader's currencies)."""
    return read_value(token.doc[token.left_edge.i:token.right_edge.i + 1].text) is not None


def _has_required_particle(lexicon: Lexicon, verb: Token, particles: set[str]) -> bool:
    """ "fell through", "backed out of": verbs that need a particle to mean giving up a deal have one."""
    needed = lexicon.required_particles.get(verb.lemma_.lower())
    return needed is None or bool(particles & needed)


def _raised_pps(noun: Token, words: tuple[str, ...]) -> list[Token]:
    """Objects of "by"/"to" phrases that follow a flow noun but that the parser hung on a word above
    it ("concern over troop deployments by the DPRK to Russia": both on "concern" or "expressed").
    Not above a passive verb, whose "by" is its own ("the sale was approved by the Senate")."""
    out: list[Token] = []
    for ancestor in list(noun.ancestors)[:3]:
        if syntax.passive_subject(ancestor) is not None or ancestor.tag_ == "VBN":
            break
        for child in ancestor.children:
            if child.dep_ == "prep" and child.lower_ in words and child.i > noun.right_edge.i:
                out += [g for g in child.children if g.dep_ == "pobj"]
    return out


def _in_clause_of_item(head: Token, item_heads: set[int]) -> bool:
    """Whether ``head`` stands in a clause that describes another item ("chemicals used to produce
    nerve agents", "a plant which will produce sarin")."""
    clause_seen = False
    for ancestor in head.ancestors:
        if clause_seen and ancestor.i in item_heads:
            return True
        if ancestor.dep_ in ("acl", "relcl") and ancestor.pos_ in ("VERB", "AUX") \
                and ancestor.lemma_.lower() not in load_lexicon().inclusion_verbs:  # "which could include"
            clause_seen = True
    return False


def _clause_of(token: Token) -> int:
    """The verb whose clause ``token`` stands in ("fighting the IS insurgency": fighting)."""
    for current in [token, *token.ancestors]:
        if current.pos_ in ("VERB", "AUX"):
            return current.i
    return token.sent.root.i


def _drop_purposes(doc: Doc, items: list[ItemMention]) -> list[ItemMention]:
    """ "Technology transfer for new missiles": the technology flows; the missiles are what it is for.

    A flow noun that names its goods as a modifier ("technology transfer", "arms sales") has no
    other goods inside its phrase.
    """
    flows_with_goods = {doc[i.head].head.i for i in items if doc[i.head].dep_ == "compound" and i.nature == "equipment"}
    if not flows_with_goods:
        return items
    return [i for i in items if i.nature != "equipment" or doc[i.head].dep_ == "compound"
            or not any(a.i in flows_with_goods for a in doc[i.head].ancestors)]


def _in_parentheses(doc: Doc, token: Token) -> bool:
    text = syntax.doc_text(doc)[max(0, token.idx - 60):token.idx]
    return text.rfind("(") > text.rfind(")")


def _kind_for(kind: str, item: ItemMention | None, frame: str) -> str | None:
    """The claim's kind: the item decides (people, help), else the trigger."""
    if item is None:
        if kind == "transfer":
            return None  # goods must be named
        return kind
    if item.nature == "personnel":
        return "personnel" if kind in ("transfer", "personnel", "support") else kind
    if item.nature == "support":
        return kind if kind in ("cooperation", "training") else "support"
    if kind == "support" and frame in ("give", "get", "ask", "refuse", "deal"):
        return "transfer"  # "providing lethal aid": goods handed over
    if kind == "personnel":
        return "transfer"
    return kind


def _unique(values: list[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        if value not in out:
            out.append(value)
    return out


def _nested(doc: Doc, a: int, b: int) -> bool:
    return a == b or syntax.in_subtree(doc[a], doc[b]) or syntax.in_subtree(doc[b], doc[a])


def _dedupe(doc: Doc, frames: list[Frame]) -> list[Frame]:
    """One frame per item named in a sentence.

    Two triggers over the same item ("concluded an agreement ... for the
    purchase of Scud-Bs") are read once: the reading whose roles came from
    the syntax beats one that needed fallbacks; then the outer trigger wins.
    """
    seen: dict[tuple[object, ...], Frame] = {}
    anchors: dict[tuple[object, ...], list[int]] = {}  # the triggers already read for each flow naming nothing
    for frame in frames:
        # a refusal in the sentence of its offer ("agreed to supply ..., but later backed away") is a claim of its own
        base: tuple[object, ...] = (frame.sent_start, frame.provider, frame.recipient, frame.kind,
                                    (_item_key(frame), frame.withdrawn))
        anchor: int | None = None
        if frame.item is None:
            # two flows that name nothing ("will expand U.S.-led training ..., building upon the
            # training we're already providing") stay two, unless one trigger sits inside the other
            known = anchors.setdefault(base, [])
            anchor = next((a for a in known if _nested(doc, frame.trigger.i, a)), None)
            if anchor is None:
                anchor = frame.trigger.i
                known.append(anchor)
        key = (*base, anchor)
        if key not in seen:
            seen[key] = frame
    kept: list[Frame] = []
    by_item: dict[tuple[object, ...], list[Frame]] = {}
    for frame in seen.values():
        if frame.item is None:
            kept.append(frame)
            continue
        by_item.setdefault((frame.sent_start, frame.kind, _item_key(frame), frame.withdrawn), []).append(frame)
    for group in by_item.values():
        best = min(f.fallbacks for f in group)
        kept.extend(f for f in group if f.fallbacks == best)
    return sorted(kept, key=lambda f: (f.sent_start, f.trigger.i))


def _item_key(frame: Frame) -> tuple[int, int, str] | None:
    return (frame.item.start, frame.item.end, frame.item.id or "") if frame.item else None


__all__ = ["RolesComponent", "document_focus", "resolve_pronoun"]
