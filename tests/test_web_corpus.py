"""A small news corpus of my own writing, saved into a real store for the web, report and browser tests.

Each article is a dated text; each claim names the sentence it stands on, and
its offsets are found in the text, so the fixture cannot drift from its text.
The tests at the bottom pin that the corpus itself is consistent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from entente.model import Claim, Document, Evidence, Item, Source, TimeSpan


@dataclass
class Article:
    doc: Document
    claims: list[Claim] = field(default_factory=list)

    def claim(
        self,
        sentence: str,
        provider: str,
        recipient: str,
        item: tuple[str, str | None, str] | None,
        *,
        kind: str = "transfer",
        stage: str = "occurred",
        modality: str = "certain",
        polarity: str = "positive",
        source: tuple[str | None, str | None, str] = (None, None, "author"),
        time: tuple[str, str] | None = None,
    ) -> Article:
        start = self.doc.text.index(sentence)
        self.claims.append(
            Claim(
                doc_id=self.doc.id,
                kind=kind,
                provider=provider,
                recipient=recipient,
                item=Item(*item) if item else None,
                stage=stage,
                modality=modality,
                polarity=polarity,
                source=Source(*source),
                time=(TimeSpan(None, dt.date.fromisoformat(time[0]), dt.date.fromisoformat(time[1]))
                      if time else None),
                evidence=Evidence(start, start + len(sentence), sentence),
            )
        )
        return self


def article(doc_id: str, date: str, title: str, outlet: str, *paragraphs: str) -> Article:
    return Article(
        Document(
            id=doc_id,
            date=dt.date.fromisoformat(date),
            text="\n\n".join(paragraphs),
            title=title,
            url=f"https://news.example/{doc_id}",
            source=outlet,
        )
    )


S_DRONES = "Ukrainian officials said on Tuesday that Iran has supplied Russia with hundreds of Shahed-136 drones since August."
S_DENY = "Tehran denied sending drones to Moscow for use in Ukraine, a foreign ministry spokesman said."
S_ADMIT = "Iran's foreign minister acknowledged on Saturday that Tehran had sent a small number of drones to Russia months before the invasion."
S_SU35 = "Iran has finalised a deal to buy Su-35 fighter jets from Russia, the country's mission to the United Nations said in a statement."
S_SU35_SOON = "Analysts said the first aircraft could arrive early next year."
S_S400 = "In 2019, Russia rejected Iran's request to buy the S-400 air defence system, two officials familiar with the talks said."
S_KIRBY = "North Korea has delivered more than 1,000 containers of military equipment and munitions to Russia, White House spokesman John Kirby said on Friday."
S_PRK_DENY = "North Korea's defence ministry said it had never shipped ammunition to Russia."
S_SHELLS = "Ukrainian military intelligence said North Korea has sent Russia millions of artillery shells since the summer."
S_PATRIOT = "The first Patriot air defence systems have arrived in Ukraine, Defence Minister Oleksii Reznikov said."
S_GERMANY = "Germany supplied one of the batteries earlier this year."
S_ENGINES = "Chinese companies are probably supplying Russia with engines and microelectronics for its drones, according to unnamed Western officials."
S_BEIJING = "Beijing said it does not provide lethal weapons to Russia."
S_ISKANDER = "Russian instructors will train Belarusian crews to operate the Iskander missile system, the defence ministry in Minsk said."
S_HEZBOLLAH = "Iran may be preparing to send precision-guided missiles to Hezbollah, an analyst at a Washington think tank said."


def corpus() -> list[Article]:
    """Ten articles, fifteen claims, eleven relations across nine actors."""
    return [
        article("irn-drones-2022-10", "2022-10-18", "Kyiv says Iranian drones struck power plants", "Example Wire",
                S_DRONES, "The drones, launched in waves overnight, damaged two power plants near the capital.", S_DENY)
        .claim(S_DRONES, "IRN", "RUS", ("Shahed-136 drones", "shahed-136", "uav"),
               source=("Ukrainian officials", "UKR", "official"), time=("2022-08-01", "2022-10-18"))
        .claim(S_DENY, "IRN", "RUS", ("drones", None, "uav"), polarity="negative",
               source=("Tehran", "IRN", "party")),
        article("irn-admits-2022-11", "2022-11-05", "Iran admits sending drones to Russia before the war", "Example Daily",
                S_ADMIT, "He said Iran would act if it were shown that the drones had been used in Ukraine.")
        .claim(S_ADMIT, "IRN", "RUS", ("a small number of drones", None, "uav"),
               source=("Iran's foreign minister", "IRN", "party"), time=("2021-09-01", "2022-01-31")),
        article("rus-irn-su35-2023-03", "2023-03-11", "Iran says deal for Su-35 fighter jets is complete", "Example Wire",
                S_SU35, S_SU35_SOON)
        .claim(S_SU35, "RUS", "IRN", ("Su-35 fighter jets", "su-35", "aircraft"), stage="agreed",
               source=("the country's mission to the United Nations", "IRN", "party"))
        .claim(S_SU35_SOON, "RUS", "IRN", ("the first aircraft", "su-35", "aircraft"), modality="possible",
               source=("Analysts", None, "expert"), time=("2024-01-01", "2024-04-30")),
        article("rus-irn-s400-2023-06", "2023-06-02", "Moscow turned down Tehran's request for S-400, officials say",
                "Example Daily", S_S400, "The officials said Moscow feared the sale would damage its ties with Gulf states.")
        .claim(S_S400, "RUS", "IRN", ("the S-400 air defence system", "s-400", "air_defence"), stage="refused",
               source=("two officials familiar with the talks", None, "anonymous"), time=("2019-01-01", "2019-12-31")),
        article("prk-rus-2023-10", "2023-10-14", "White House says North Korea shipped munitions to Russia", "Example Wire",
                S_KIRBY, S_PRK_DENY)
        .claim(S_KIRBY, "PRK", "RUS", ("military equipment and munitions", None, "munitions"),
               source=("John Kirby", "USA", "official"), time=("2023-09-01", "2023-10-13"))
        .claim(S_PRK_DENY, "PRK", "RUS", ("ammunition", None, "munitions"), polarity="negative",
               source=("North Korea's defence ministry", "PRK", "party")),
        article("prk-rus-2024-01", "2024-01-09", "Ukraine finds North Korean shells on the front", "Example Post",
                S_SHELLS, "Prosecutors said some of the shells had failed to explode.")
        .claim(S_SHELLS, "PRK", "RUS", ("millions of artillery shells", None, "munitions"),
               source=("Ukrainian military intelligence", "UKR", "official"), time=("2023-06-01", "2024-01-09")),
        article("usa-ukr-patriot-2023-04", "2023-04-20", "First Patriot batteries arrive in Ukraine", "Example Post",
                S_PATRIOT, S_GERMANY)
        .claim(S_PATRIOT, "USA", "UKR", ("Patriot air defence systems", "patriot", "air_defence"),
               source=("Defence Minister Oleksii Reznikov", "UKR", "party"))
        .claim(S_GERMANY, "DEU", "UKR", ("one of the batteries", "patriot", "air_defence"),
               time=("2023-01-01", "2023-04-20")),
        article("chn-rus-2024-05", "2024-05-03", "Officials say Chinese firms supply drone engines to Russia", "Example Wire",
                S_ENGINES, S_BEIJING)
        .claim(S_ENGINES, "CHN", "RUS", ("engines", None, "engine"), modality="probable",
               source=("unnamed Western officials", None, "anonymous"))
        .claim(S_ENGINES, "CHN", "RUS", ("microelectronics", None, "components"), modality="probable",
               source=("unnamed Western officials", None, "anonymous"))
        .claim(S_BEIJING, "CHN", "RUS", ("lethal weapons", None, "other"), polarity="negative",
               source=("Beijing", "CHN", "party")),
        article("rus-blr-2024-02", "2024-02-20", "Belarusian crews to train on Iskander", "Example Daily", S_ISKANDER)
        .claim(S_ISKANDER, "RUS", "BLR", ("the Iskander missile system", "iskander", "missile"), kind="training",
               stage="planned", modality="probable", source=("the defence ministry in Minsk", "BLR", "party")),
        article("irn-hzb-2024-03", "2024-03-15", "Analyst warns of new missiles for Hezbollah", "Example Post", S_HEZBOLLAH)
        .claim(S_HEZBOLLAH, "IRN", "org:hezbollah", ("precision-guided missiles", None, "missile"),
               stage="planned", modality="possible", source=("an analyst at a Washington think tank", None, "expert")),
    ]


def save_corpus(store: Any, articles: list[Article] | None = None) -> None:
    for art in articles if articles is not None else corpus():
        store.save_article(art.doc, art.claims)


def test_every_claim_evidence_is_its_article_text() -> None:
    for art in corpus():
        for claim in art.claims:
            assert art.doc.text[claim.evidence.start : claim.evidence.end] == claim.evidence.text


def test_corpus_has_both_directions_between_russia_and_iran() -> None:
    pairs = {(c.provider, c.recipient) for art in corpus() for c in art.claims}
    assert ("IRN", "RUS") in pairs and ("RUS", "IRN") in pairs
