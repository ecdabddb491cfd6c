"""Component ``entente_items``: equipment, people and help that can flow.

Catalogued systems and generic terms come from the equipment catalogue;
people (personnel) and help (support) nouns from ``lexicons/roles.yaml``.
Several matches inside one noun phrase ("the S-400 aerial defense system")
give one item: the catalogued system wins, else the longest match.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span, Token

from entente.data.catalogue import load_catalogue
from entente.extract.frames import ItemMention
from entente.extract.lexicon import load_lexicon
from entente.extract.syntax import doc_text

# Dependencies that keep a token inside the noun phrase of its head.
_NP_DEPS = frozenset({"compound", "amod", "nmod", "nummod", "npadvmod"})


@lru_cache(maxsize=4)
def _matchers(nlp: Language) -> tuple[PhraseMatcher, PhraseMatcher, dict[str, tuple[str | None, str, str]]]:
    catalogue = load_catalogue()
    lexicon = load_lexicon()
    exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    labels: dict[str, tuple[str | None, str, str]] = {}
    grouped: dict[tuple[str, bool], list[str]] = {}
    for form in catalogue.surface_forms():
        key = f"{form.system_id or ''}|{form.category}|equipment"
        labels[key] = (form.system_id, form.category, "equipment")
        grouped.setdefault((key, form.case_sensitive), []).append(form.text)
    for word in lexicon.personnel:
        key = "|other|personnel"
        labels[key] = (None, "other", "personnel")
        grouped.setdefault((key, False), []).append(word)
    for word in lexicon.support_nouns:
        key = "|other|support"
        labels[key] = (None, "other", "support")
        grouped.setdefault((key, False), []).append(word)
    # one tokenizer.pipe over all 13,000 forms: a start-up cost, about half that of make_doc one by one
    groups = [group for group, texts in grouped.items() for _ in texts]
    forms = [t if case_sensitive else t.lower() for (_, case_sensitive), texts in grouped.items() for t in texts]
    tokenizer: Tokenizer = nlp.tokenizer  # type: ignore[assignment]  # spaCy types it as any callable
    by_group: dict[tuple[str, bool], list[Doc]] = {}
    for group, doc in zip(groups, tokenizer.pipe(forms, batch_size=1000), strict=True):
        by_group.setdefault(group, []).append(doc)
    for (label, case_sensitive), docs in by_group.items():
        (exact if case_sensitive else lower).add(label, docs)
    return exact, lower, labels


def phrase_head(span: Span) -> Token:
    """The noun that heads the phrase a match sits in ("S-400" -> "system")."""
    token = span.root
    while token.dep_ in _NP_DEPS and token.head.pos_ in ("NOUN", "PROPN") and token.head.i > token.i:
        token = token.head
    return token


@Language.factory("entente_items")
def make_items(nlp: Language, name: str) -> ItemsComponent:
    return ItemsComponent(nlp)


class ItemsComponent:
    def __init__(self, nlp: Language) -> None:
        self.exact, self.lower, self.labels = _matchers(nlp)
        self.lexicon = load_lexicon()
        self.catalogue = load_catalogue()

    def __call__(self, doc: Doc) -> Doc:
        vocab = doc.vocab
        best: dict[int, tuple[tuple[int, int, int], ItemMention]] = {}
        for matcher in (self.exact, self.lower):
            for match_id, start, end in matcher(doc):
                system_id, category, nature = self.labels[vocab.strings[match_id]]
                span = doc[start:end]
                if nature == "equipment" and system_id is None and (
                    span.root.lower_ in self.lexicon.support_nouns or span.root.lemma_.lower() in self.lexicon.support_nouns
                ):
                    nature = "support"  # "military aid", "technical assistance": help, not goods
                if nature == "support" and self._civilian(span):
                    continue
                if nature == "support" and self._lethal(span):
                    nature = "equipment"  # "lethal aid" is goods
                head = phrase_head(span)
                if system_id is None and not (start <= head.i < end):
                    if not self._names_goods_of_flow(head):
                        continue  # "missile programs", "drone technology": a generic word modifying another noun
                    head = span.root  # "arms sales", "weapons deliveries", "technology transfer": the goods
                mention = ItemMention(start, end, head.i, system_id, category, nature)
                # catalogued beats generic; then longer beats shorter
                # people and help nouns say what kind of flow it is: they beat generic goods
                rank = (1 if system_id else 0, 1 if nature != "equipment" else 0, end - start)
                if head.i not in best or rank > best[head.i][0]:
                    best[head.i] = (rank, mention)
        mentions = [m for _, m in best.values()]
        named = [m for m in mentions if m.id]
        # a generic word inside a catalogued name ("Fateh-110 missiles") is that system
        mentions = [m for m in mentions if m.id or not any(n.start < m.end and m.start < n.end for n in named)]
        # a generic word inside a longer match ("missile" in "missile-related technology") is that match
        mentions = [m for m in mentions if not any(o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start
                                                   for o in mentions)]
        slashed = self._slashed(doc, {m.head for m in mentions if m.id})
        heads = {m.head for m in slashed}
        mentions = [m for m in mentions if m.head not in heads] + slashed
        mentions = sorted(mentions, key=lambda m: (m.start, m.id or ""))
        doc._.items = self._resolve_anaphora(doc, mentions)
        return doc

    def _resolve_anaphora(self, doc: Doc, mentions: list[ItemMention]) -> list[ItemMention]:
        """ "the aircraft", "this system": the catalogued system of that category named just before."""
        out: list[ItemMention] = []
        for mention in mentions:
            head = doc[mention.head]
            definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "these", "that", "those")
                           for c in head.children)
            if mention.id is None and definite and head.lower_ in self.lexicon.item_anaphora_heads \
                    and not any(c.dep_ in ("amod", "compound") for c in head.children):
                earlier = [m for m in out if m.id and m.category == mention.category
                           and doc[m.start].sent.start_char >= head.sent.start_char - 600]
                if earlier:
                    ante = earlier[-1]
                    mention = ItemMention(mention.start, mention.end, mention.head, ante.id, ante.category,
                                          mention.nature)
            out.append(mention)
        return out

    def _slashed(self, doc: Doc, taken: set[int]) -> list[ItemMention]:
        """ "M-9/11", "HQ-1/2": two designations written as one token give one item each."""
        out: list[ItemMention] = []
        if "/" not in doc_text(doc):
            return out
        for token in doc:
            text = token.text
            if "/" not in text or token.i in taken:
                continue
            first, _, rest = text.partition("/")
            prefix = first.rstrip("0123456789")
            names = [first] + ([prefix + rest] if rest.isdigit() and prefix != first else [])
            for name in names:
                form = self.catalogue.lookup(name)
                if form is None or form.system_id is None:
                    continue
                head = phrase_head(doc[token.i:token.i + 1])
                if head.i in taken:
                    continue
                out.append(ItemMention(token.i, token.i + 1, head.i, form.system_id, form.category, "equipment"))
        return out

    def _names_goods_of_flow(self, noun: Token) -> bool:
        """Whether ``noun`` is a flow whose goods its modifier names ("arms sales", "technology transfer")."""
        sense = self.lexicon.nouns.get(noun.lower_) or self.lexicon.nouns.get(noun.lemma_.lower())
        return sense is not None and sense.frame in ("give", "get")

    def _lethal(self, span: Span) -> bool:
        doc = span.doc
        for t in span.root.lefts:
            if t.lower_ in self.lexicon.goods_modifiers:
                before = doc[max(0, t.i - 2):t.i].text.lower().replace(" ", "")
                return not before.endswith(("non-", "non"))  # "non-lethal support" is help
        return False

    def _civilian(self, span: Span) -> bool:
        """Humanitarian, medical or financial aid is not a claim."""
        modifiers = {t.lower_ for t in span.root.children if t.dep_ in ("amod", "compound")}
        modifiers |= {t.lower_ for t in span.root.lefts}
        modifiers |= {c.lower_ for t in span.root.lefts for c in t.children if c.dep_ == "conj"}  # "financial and military"
        return bool(modifiers & self.lexicon.civilian_modifiers) and not (
            modifiers & self.lexicon.military_modifiers
        )
