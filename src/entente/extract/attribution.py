"""Component ``entente_attribution``: who asserts each frame, and what kind of source that is.

In order: a speech or cognition verb governing the trigger ("Kirby said",
"officials speculate", "We are concerned that"), "according to X", an
attributing adverb or passive ("reportedly", "are believed"), an attribution
in the next sentence ("That's according to two senior officials"), the
speaker of the quotation the sentence sits in; else the article itself
(``author``). The kind follows the spec: unnamed -> anonymous; the provider's
or recipient's own side -> party; another named official or government ->
official; analysts and institutes -> expert; outlets -> media.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from entente.extract import syntax
from entente.extract.coref import resolve_pronoun
from entente.extract.frames import SPEAKER, Frame, SourceCue
from entente.extract.lexicon import Lexicon, load_lexicon

_FIRST_PERSON = frozenset({"we", "i", "us", "our"})


@Language.factory("entente_attribution")
def make_attribution(nlp: Language, name: str) -> AttributionComponent:
    return AttributionComponent()


class AttributionComponent:
    def __init__(self) -> None:
        self.lexicon = load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        if not doc._.frames:
            return doc
        people: dict[str, tuple[str | None, str]] = {}  # surname -> (actor, kind) seen earlier
        speakers: list[tuple[int, SourceCue]] = []  # (sentence start char, source) of attributed quotes
        for sent in doc.sents:
            self._learn_people(doc, sent, people)
            speaker = self._sentence_speaker(doc, sent, people)
            if speaker is not None:
                speakers.append((sent.start_char, speaker))
        kept = []
        for frame in doc._.frames or []:
            source = self._source(doc, frame, people, speakers)
            if SPEAKER in (frame.provider, frame.recipient) and not _speak_for(frame, source):
                continue  # "we" in a quotation nobody can be placed for
            frame.source = self._classify(source, frame)
            frame.trace["source"] = f"attribution: {frame.source.cue}"
            kept.append(frame)
        doc._.frames = kept
        return doc

    # -- finding the source ------------------------------------------------
    def _source(self, doc: Doc, frame: Frame, people: dict[str, tuple[str | None, str]],
                speakers: list[tuple[int, SourceCue]]) -> SourceCue:
        lex = self.lexicon
        token = doc[frame.trigger.i]
        sent = token.sent
        passive: SourceCue | None = None
        for ancestor in token.ancestors:
            if ancestor.lemma_.lower() in lex.speech_verbs or ancestor.lower_ in lex.speech_verbs:
                if any(c.dep_ == "auxpass" for c in ancestor.children):
                    # "X is expected to deliver ..., a U.S. official said": the official, if one speaks
                    passive = passive or SourceCue(_passive_text(ancestor), None, "anonymous",
                                                   cue=f"passive '{ancestor.text}'")
                    continue
                subj = syntax.subject(ancestor)
                if subj is not None and self._can_assert(doc, subj):
                    return self._from_subject(doc, subj, people, speakers, sent, f"verb '{ancestor.text}'")
        if passive is not None:
            return passive
        according = self._according_to(doc, sent, people, speakers)
        if according is not None:
            return according
        for ancestor in token.ancestors:
            # "Reports of exports of missile technology to Iran", "allegations that X armed Y"
            if ancestor.pos_ == "NOUN" and ancestor.lower_ in lex.hearsay_nouns and not _actors_in(doc, ancestor):
                return SourceCue(ancestor.text, None, "anonymous", cue=f"hearsay noun '{ancestor.text}'")
        for t in sent:
            if t.lower_ in lex.anonymous_adverbs:
                return SourceCue(t.text, None, "anonymous", cue=f"adverb '{t.text}'")
        lowered = sent.text.lower()
        for phrase in lex.anonymous_phrases:
            if phrase in lowered:
                return SourceCue(phrase, None, "anonymous", cue=f"phrase '{phrase}'")
        following = self._next_sentence(doc, sent)
        if following is not None:
            nxt = self._according_to(doc, following, people, speakers)
            if nxt is not None and following.text.lower().startswith(("that's", "that is", "this is")):
                nxt.cue = "next sentence: " + nxt.cue
                return nxt
        if syntax.in_quotation(doc, sent):
            for start, speaker in reversed(speakers):
                if start <= sent.start_char + 400 and start >= sent.start_char - 600:
                    return SourceCue(speaker.text, speaker.actor, speaker.kind, cue="speaker of the quotation")
        doer = self._official_doer(doc, token, frame)
        if doer is not None:
            return doer
        return SourceCue(None, None, "author", cue="no attribution: the article")

    def _official_doer(self, doc: Doc, token: Token, frame: Frame) -> SourceCue | None:
        """ "The Japanese prime minister offered the Philippines a loan", "Obama requested $3.45
        billion": a named leader or official of the giver who does it speaks for the giver's side."""
        subj = syntax.subject(token)
        if subj is None:
            return None
        mentions = [m for m in doc._.actors or [] if subj.left_edge.i <= m.start and m.end <= subj.i + 1]
        words = {t.lower_ for t in subj.subtree if t.i <= subj.i}
        leader = any(m.form == "leader" for m in mentions)
        titled = bool(words & (self.lexicon.official_nouns - self.lexicon.institution_nouns))
        if not (leader or (titled and mentions)) or frame.provider not in {m.actor for m in mentions}:
            return None
        return SourceCue(_phrase_text(subj), frame.provider, "official", cue="the giver's official does it")

    def _can_assert(self, doc: Doc, subj: Token) -> bool:
        """Whether a subject can be a source: a person, an actor, a source noun -- not "the agreement"."""
        if subj.pos_ in ("PROPN", "PRON"):
            return True
        if _noun_kind(self.lexicon, subj) is not None:
            return True
        return bool(_actors_in(doc, subj))

    def _according_to(self, doc: Doc, sent: Span, people: dict[str, tuple[str | None, str]],
                      speakers: list[tuple[int, SourceCue]]) -> SourceCue | None:
        for t in sent:
            if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
                for child in doc[t.i + 1].children:
                    if child.dep_ == "pobj":
                        return self._from_subject(doc, child, people, speakers, sent, "'according to'")
        return None

    def _next_sentence(self, doc: Doc, sent: Span) -> Span | None:
        if sent.end >= len(doc):
            return None
        return doc[sent.end].sent

    def _from_subject(self, doc: Doc, subj: Token, people: dict[str, tuple[str | None, str]],
                      speakers: list[tuple[int, SourceCue]], sent: Span, cue: str) -> SourceCue:
        lex = self.lexicon
        text = _phrase_text(subj)
        lower = subj.lower_
        if lower in _FIRST_PERSON:
            # "We are concerned": the speaker of the quotation speaks for their side
            speaker = self._sentence_speaker(doc, sent, people) or _nearest_speaker(speakers, sent)
            if speaker is not None:
                return SourceCue(subj.text, speaker.actor, speaker.kind, cue=cue + " (first person)")
        words = {t.lower_ for t in subj.subtree}
        lemmas = {t.lemma_.lower() for t in subj.subtree}
        if lower in ("he", "she") and people:
            # the person last named; "he" is never a state
            surname = next(reversed(people))
            actor, kind = people[surname]
            return SourceCue(subj.text, actor, kind, cue=cue + f" (he/she = {surname})")
        if lower in syntax.PRONOUNS:
            actor = resolve_pronoun(doc, subj)
            return SourceCue(subj.text, actor, "official", cue=cue + " (pronoun)")
        if (words | lemmas) & lex.expert_nouns and _noun_kind(lex, subj) != "anonymous":
            actors = _actors_in(doc, subj, deep=True)
            known = people.get(subj.text)
            actor = actors[0] if actors else (known[0] if known else None)
            return SourceCue(text, actor, "expert", cue=cue + " (expert)")
        if subj.pos_ == "PROPN" and subj.text in people and not _actors_in(doc, subj):
            actor, kind = people[subj.text]
            return SourceCue(text, actor, kind, cue=cue + " (person named earlier)")
        actors = _actors_in(doc, subj)
        actor = actors[0] if actors else None
        if any(o in text for o in lex.outlets) or _noun_kind(lex, subj) == "media":
            return SourceCue(text, actor, "media", cue=cue + " (outlet)")
        named = any(t.pos_ == "PROPN" and not _is_actor_token(doc, t) for t in subj.subtree)
        if _noun_kind(lex, subj) == "expert" or (words | lemmas) & lex.expert_nouns:
            return SourceCue(text, actor, "expert", cue=cue + " (expert)")
        if _noun_kind(lex, subj) == "anonymous" and not named:
            return SourceCue(text, actor, "anonymous", cue=cue + " (unnamed)")
        return SourceCue(text, actor, "official", cue=cue)

    # -- people and quotation speakers -------------------------------------
    def _person_names(self, doc: Doc, sent: Span) -> list[Span]:
        """Person names: runs of proper nouns that name no actor, item or outlet
        ("John Kirby", "Ruslan Pukhov", "Kirby"). spaCy's NER would find them too,
        at a third of the whole parse time, and gave the same claims on the dev gold."""
        taken = {i for m in doc._.actors or [] for i in range(m.start, m.end)}
        taken |= {i for m in doc._.items or [] for i in range(m.start, m.end)}
        names: list[Span] = []
        start: int | None = None
        for token in [*sent, None]:
            ok = token is not None and token.pos_ == "PROPN" and token.i not in taken and token.text[:1].isupper()
            if ok and start is None:
                start = token.i  # type: ignore[union-attr]
            elif not ok and start is not None:
                end = token.i if token is not None else sent.end
                span = doc[start:end]
                text = span.text  # once: Span.text joins its tokens anew on every call
                if not any(o in text for o in self.lexicon.outlets):
                    names.append(span)
                start = None
        return names

    def _learn_people(self, doc: Doc, sent: Span, people: dict[str, tuple[str | None, str]]) -> None:
        """Remember "spokesman John Kirby" (USA, official) so a later "Kirby said" keeps it."""
        for ent in self._person_names(doc, sent):
            head = ent.root
            scope = head if head.dep_ not in ("compound",) else head.head
            actors = _actors_in(doc, scope, deep=True)
            kind = "expert" if ({t.lower_ for t in scope.subtree} & self.lexicon.expert_nouns) else "official"
            surname = ent[-1].text
            if surname not in people or actors:
                people.pop(surname, None)  # re-insert: the last person named comes last
                people[surname] = (actors[0] if actors else None, kind)

    def _sentence_speaker(self, doc: Doc, sent: Span, people: dict[str, tuple[str | None, str]]) -> SourceCue | None:
        for t in sent:
            if t.lemma_.lower() in ("say", "tell", "add", "conclude", "warn", "state") and t.pos_ == "VERB":
                subj = syntax.own_subject(t)
                if subj is not None and subj.lower_ not in _FIRST_PERSON:
                    return self._from_subject(doc, subj, people, [], sent, f"verb '{t.text}'")
        return None

    def _titled(self, text: str) -> bool:
        return bool({w.lower().strip(",.") for w in text.split()} & self.lexicon.official_nouns)

    # -- kind --------------------------------------------------------------
    def _classify(self, source: SourceCue, frame: Frame) -> SourceCue:
        if source.kind == "official" and source.actor is None and source.text and (
            self._titled(source.text) or source.text[:1].isupper() and source.text.lower() not in syntax.PRONOUNS
        ):
            # "Chancellor Olaf Scholz said Germany will deliver": an unplaced official speaks for the giver
            source.actor = frame.provider
            source.cue += " (official of the subject state)"
        if source.kind in ("official",) and source.actor in (frame.provider, frame.recipient):
            source.kind = "party"
        return source


def _speak_for(frame: Frame, source: SourceCue) -> bool:
    """Put the speaker's side in the role "we" holds; False when the speaker has no known side."""
    side = source.actor
    other = frame.recipient if frame.provider == SPEAKER else frame.provider
    if source.kind == "author" or side is None or side == other:
        return False
    if frame.provider == SPEAKER:
        frame.provider = side
    else:
        frame.recipient = side
    frame.trace["roles"] = frame.trace.get("roles", "") + f", 'we' = the speaker's side ({side})"
    return True


def _nearest_speaker(speakers: list[tuple[int, SourceCue]], sent: Span) -> SourceCue | None:
    before = [s for start, s in speakers if start <= sent.start_char + 400]
    return before[-1] if before else None


def _noun_kind(lex: Lexicon, subj: Token) -> str | None:
    return lex.source_nouns.get(subj.lower_) or lex.source_nouns.get(subj.lemma_.lower())


def _is_actor_token(doc: Doc, token: Token) -> bool:
    return any(m.start <= token.i < m.end for m in doc._.actors or [])


def _actors_in(doc: Doc, head: Token, deep: bool = False) -> list[str]:
    if deep:
        lo, hi = head.left_edge.i, head.right_edge.i
        found = [m.actor for m in doc._.actors or [] if lo <= m.start and m.end - 1 <= hi]
    else:
        found = [m.actor for m in syntax.actors_in_phrase(doc, head)]
    return list(dict.fromkeys(found))


def _phrase_text(subj: Token) -> str:
    tokens = [t for t in subj.subtree if t.dep_ != "punct" or t.i < subj.right_edge.i]
    if not tokens:
        return subj.text
    doc = subj.doc
    return doc[tokens[0].i:tokens[-1].i + 1].text.strip(" ,")


def _passive_text(verb: Token) -> str:
    aux = [c for c in verb.children if c.dep_ == "auxpass"]
    if aux:
        return f"{aux[0].text} {verb.text}"
    return verb.text


