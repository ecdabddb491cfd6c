"""Component ``entente_factuality``: stage, modality and polarity of each frame.

Cues are read on the trigger and its governors, nearest first, up to and
including the verb that attributes the claim: "could deliver" (planned,
possible), "intends to provide" (planned, probable), "denied supplying"
(negative), "rejected the request for" (refused), "if Russia decides to
provide" (possible). The innermost modal cue wins: in "concerned that Russia
intends to provide", "intends" sets the modality. "reportedly" never lowers
modality; it sets the source.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from entente.extract.frames import Frame
from entente.extract.lexicon import Lexicon, load_lexicon

_MODALS_PLANNED = frozenset({"will", "would", "shall", "could", "may", "might", "'ll", "wo"})
_MODALS_OF_THE_PAST = frozenset({"may", "might", "could"})  # "may have sold"; "will have delivered" is still ahead
_STOP_DEPS = frozenset({"relcl"})


@Language.factory("entente_factuality")
def make_factuality(nlp: Language, name: str) -> FactualityComponent:
    return FactualityComponent()


class FactualityComponent:
    def __init__(self) -> None:
        self.lexicon = load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        for frame in doc._.frames or []:
            self._assess(doc, frame)
        return doc

    def _path(self, token: Token) -> list[Token]:
        """The trigger and its governors, up to a clause that only describes a noun.

        "This probably depleted their inventory of missiles obtained from Libya":
        "probably" qualifies the depleting, not the obtaining.
        """
        path = [token]
        current = token
        while current.head.i != current.i:
            if current.dep_ in _STOP_DEPS and not _infinitive(current):
                break  # "the willingness of X to provide" reads on; "a jet, which could ..." does not
            if current.dep_ == "acl" and current.tag_ == "VBN" \
                    and not any(c.dep_ in ("nsubj", "nsubjpass") for c in current.children):
                break  # "missiles obtained from Libya" describes; "reports that Moscow had asked" reads on
            current = current.head
            path.append(current)
        return path

    def _assess(self, doc: Doc, frame: Frame) -> None:
        lex = self.lexicon
        trigger = doc[frame.trigger.i]
        stage = frame.stage
        modality: str | None = None
        negative = False
        cues: list[str] = []
        planned = False
        path = self._path(trigger)
        for depth, token in enumerate(path):
            words = _cue_words(token)
            lemma = token.lemma_.lower()
            if modality is None and not deal_subject_of(lex, token):  # "The agreement called for" is no advocacy
                found = _modality(lex, words)
                if found:
                    modality = found
                    cues.append(f"modality {found} '{token.text}'")
            if any(w in lex.conditional for w in _marks(token)):
                modality = "possible" if modality in (None, "certain") else modality
                planned = planned or token.tag_ not in ("VBD", "VBN")  # "whether it has received" happened
                cues.append("conditional")
            if _negated(token) and depth <= 2:
                negative = not negative
                cues.append(f"negation on '{token.text}'")
            phrasal = " ".join([lemma, *(c.lower_ for c in token.children if c.dep_ == "prt")])
            if depth > 0 and phrasal != lemma and phrasal in lex.refused and stage not in ("refused",):
                stage = "refused"  # "rules out sending", "turned down the request"
                cues.append(f"refusal '{phrasal}'")
            elif depth > 0:
                if lemma in lex.deny:
                    negative = True
                    cues.append(f"denial '{token.text}'")
                elif lemma in lex.refused and stage not in ("refused",) and token.pos_ == "VERB":
                    stage = "refused"
                    cues.append(f"refusal '{token.text}'")
                elif lemma in lex.requested and frame.trigger.sense.frame in ("give", "get", "ask") and stage == "occurred":
                    stage = "requested"
                    cues.append(f"request '{token.text}'")
                elif lemma in lex.agreed and stage == "occurred" and token.pos_ == "VERB" \
                        and (lemma not in lex.speech_verbs or path[depth - 1].dep_ == "dobj"):
                    # "Pukhov concluded that" reports; "announced $2.5 billion in assistance" agrees
                    stage = "agreed"
                    cues.append(f"agreement '{token.text}'")
                elif lemma in lex.offered and stage == "occurred" and token.pos_ == "VERB":
                    stage = "offered"
                    cues.append(f"offer '{token.text}'")
            reports_only = lemma in lex.speech_verbs and lemma not in lex.planning_speech
            # "may have sold" looks back: a possible past, not a plan
            modal_plan = bool(words & _MODALS_PLANNED) and not (_perfect(token) and words & _MODALS_OF_THE_PAST)
            if (lemma in lex.planned or modal_plan) and not reports_only:
                planned = True
            if lemma in lex.speech_verbs and depth > 0 and lemma not in lex.planned and token.pos_ == "VERB":
                break  # do not read cues past the verb that attributes the claim ("reports that" reads on)
        inner = self._item_clause_modality(doc, frame, trigger)
        if inner is not None:
            modality = inner
            cues.append(f"modality {inner} in the item's own clause")
        if deal_subject(lex, trigger) and stage in ("occurred", "planned"):
            stage, planned = "agreed", False
            cues.append("a deal is the subject")
        if _headline_infinitive(trigger):
            planned = True  # "US to send Ukraine more HIMARS": a headline's plan
        if planned and stage in ("occurred",):
            stage = "planned"
            cues.append("planned")
        frame.stage = stage
        frame.modality = modality or "certain"
        frame.polarity = "negative" if negative else "positive"
        frame.trace["factuality"] = "factuality: " + (", ".join(cues) or "stated as fact")


    def _item_clause_modality(self, doc: Doc, frame: Frame, trigger: Token) -> str | None:
        """ "components, which could include air defense": the item's own clause sets its modality."""
        if frame.item is None:
            return None
        current = doc[frame.item.head]
        while current.head.i != current.i and current.i != trigger.i:
            current = current.head
            if current.i == trigger.i:
                break
            if current.pos_ in ("VERB", "AUX"):
                found = _modality(self.lexicon, _cue_words(current))
                if found:
                    return found
        return None


def deal_subject_of(lexicon: Lexicon, token: Token) -> bool:
    """Whether ``token``'s subject is a deal ("The agreement called for ...")."""
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            sense = lexicon.nouns.get(child.lower_) or lexicon.nouns.get(child.lemma_.lower())
            if sense is not None and sense.frame == "deal":
                return True
    return False


def deal_subject(lexicon: Lexicon, trigger: Token) -> bool:
    """ "The agreement called for the supply of": a flow a deal provides for."""
    return any(deal_subject_of(lexicon, token) for token in [trigger, *trigger.ancestors])


def _headline_infinitive(trigger: Token) -> bool:
    has_to = any(c.dep_ == "aux" and c.tag_ == "TO" for c in trigger.children)
    return has_to and (trigger.dep_ == "ROOT" or trigger.head.pos_ in ("NOUN", "PROPN"))


def _perfect(token: Token) -> bool:
    return token.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in token.children)


def _infinitive(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)


def _cue_words(token: Token) -> set[str]:
    words = {token.lower_, token.lemma_.lower()}
    for child in token.children:
        if child.dep_ in ("aux", "auxpass", "advmod", "neg", "acomp", "mark"):
            words.add(child.lower_)
            words.add(child.lemma_.lower())
    return words


def _marks(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ == "mark"}


def _modality(lex: Lexicon, words: set[str]) -> str | None:
    if words & lex.modality_possible:
        return "possible"
    if words & lex.modality_probable:
        return "probable"
    return None


def _negated(token: Token) -> bool:
    """ "did not supply", "never sent", "has no plans to send"."""
    return any(c.dep_ == "neg" or (c.lower_ in ("never",) and c.dep_ == "advmod")
               or (c.lower_ == "no" and c.dep_ == "det" and token.pos_ == "NOUN") for c in token.children)
