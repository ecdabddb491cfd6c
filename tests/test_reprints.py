"""One story is one source: reprints found at ingest, counted apart from independent sources."""

from __future__ import annotations

import datetime as dt

from conftest import make_claim, make_doc, stored

from entente.api import load_extractor
from entente.fuse import fuse_one, status_of
from entente.fuse.independence import independent, voices
from entente.fuse.reprints import ReprintIndex, signature
from entente.model import Document, StoredClaim
from entente.store import Store
from entente.store.service import ingest_documents

# Written for this test in wire-copy style.
STORY = (
    "Iran has delivered Shahed-136 drones to Russia, Iran's foreign minister said on Saturday. "
    "Hossein Amir-Abdollahian told reporters in Tehran that a small number of drones had been sent "
    "months before the war in Ukraine began. Ukrainian officials said Russia had also asked Iran for "
    "Fateh-110 ballistic missiles. In 2019, Moscow reportedly rejected a request from Tehran for the "
    "S-400 air defence system, according to two Western diplomats."
)
OTHER_STORY = (
    "Belarus will hand over a battalion of T-72 tanks to Serbia next spring, the defence ministry in "
    "Minsk announced, the latest step in a cooperation pact signed in Belgrade last year."
)
HEADLINES = [
    "Tehran ships drones to Moscow, Kyiv fears missiles next",
    "Iran admits drone deliveries",
    "Foreign minister: drones went to Russia before the war",
    "IRAN CONFIRMS DRONES",
    "Drones, missiles and a refused S-400: Tehran and Moscow",
    "What Iran has sent to Russia",
    "Iranian drones in Ukraine: Tehran speaks",
    "Amir-Abdollahian says drones were few",
    "Iran-Russia arms ties under scrutiny",
    "Kyiv says Moscow wants Iranian missiles",
    "A limited supply, says Tehran",
    "Drone admission from Iran",
]


def reprint(n: int) -> Document:
    """Copy ``n`` of the story: a new id, outlet, headline, dateline and footer."""
    outlet = f"Outlet {n}"
    body = (
        f"{HEADLINES[n]}\n\nDUBAI ({outlet}) - {STORY}\n\n"
        f"Reporting by the {outlet} newsroom; editing by the world desk. Sign up for our briefing."
    )
    return make_doc(f"copy-{n}", body, title=HEADLINES[n], source=outlet, date=dt.date(2022, 11, 5 + n))


def summary(store: Store) -> dict[str, tuple[str, int]]:
    return {r.id: (r.status, r.n_sources) for r in store.relations()}


# ---------------------------------------------------------------- the index


def test_a_reprint_with_a_new_headline_and_footer_is_found() -> None:
    index = ReprintIndex()
    original, other = signature(STORY), signature(OTHER_STORY)
    assert original is not None and other is not None
    index.add("original", original)
    index.add("other", other)
    copy = signature(reprint(3).text)
    assert copy is not None
    assert [doc_id for doc_id, _ in index.similar(copy)] == ["original"]


def test_a_different_story_is_not_a_reprint() -> None:
    index = ReprintIndex()
    original = signature(STORY)
    assert original is not None
    index.add("original", original)
    other = signature(OTHER_STORY)
    assert other is not None and index.similar(other) == []


def test_a_text_without_words_has_no_signature() -> None:
    assert signature(" -- \n") is None


def test_a_signature_is_the_one_a_fresh_minhash_gives() -> None:
    """Signatures are stored: the permutations drawn once must be the ones every MinHash draws."""
    from datasketch import MinHash

    from entente.fuse.reprints import NUM_PERM, SEED, shingles

    fresh = MinHash(num_perm=NUM_PERM, seed=SEED)
    fresh.update_batch([s.encode("utf-8") for s in shingles(STORY)])
    for text in (STORY, STORY):  # the second call reuses the permutations
        made = signature(text)
        assert made is not None and list(made.hashvalues) == list(fresh.hashvalues)


# ---------------------------------------------------------------- the store


def test_twelve_reprints_leave_every_status_and_source_count_unchanged(store: Store) -> None:
    extractor = load_extractor()
    ingest_documents([make_doc("original", STORY, source="Gulf Wire", date=dt.date(2022, 11, 5))], store, extractor)
    before = summary(store)
    assert before, "the story must give relations for the test to mean anything"

    report = ingest_documents([reprint(n) for n in range(12)], store, extractor)

    assert report.added == 12 and not report.failed
    after = summary(store)
    assert {rid: after[rid] for rid in before} == before
    assert all(r.n_articles == 1 for r in store.relations())
    drones = store.relations(item="shahed-136")[0]
    copies = {s.claim.doc_id for s in store.claims(relation_id=drones.id)} - {"original"}
    assert drones.n_reprints == len(copies) >= 10
    assert store.reprints_of("original") == [f"copy-{n}" for n in range(12)]


def test_a_reprint_is_recorded_as_a_copy_of_the_first(store: Store) -> None:
    store.save_article(make_doc("first", STORY), [make_claim("first", evidence=STORY[:88])])
    store.save_article(reprint(0), [make_claim("copy-0", evidence=STORY[:88])])
    store.save_article(reprint(1), [])
    assert store.reprint_of("first") is None
    assert store.reprint_of("copy-0") == "first" and store.reprint_of("copy-1") == "first"


def test_an_independent_story_still_counts(store: Store) -> None:
    store.save_article(make_doc("first", STORY, source="Gulf Wire"), [make_claim("first", evidence=STORY[:88])])
    store.save_article(reprint(0), [make_claim("copy-0", evidence=STORY[:88])])
    own = "Russian forces have launched Iranian-made drones at Kyiv since September, the Post found."
    store.save_article(make_doc("own", own, source="Post"), [make_claim("own", evidence=own)])
    drones = store.relations()[0]
    assert (drones.n_articles, drones.n_reprints, drones.n_sources) == (2, 1, 2)
    assert drones.status == "confirmed"


def test_deleting_the_first_copy_makes_the_next_one_first(store: Store) -> None:
    store.save_article(make_doc("first", STORY), [])
    store.save_article(reprint(0), [make_claim("copy-0", evidence=STORY[:88])])
    store.save_article(reprint(1), [make_claim("copy-1", evidence=STORY[:88])])
    store.delete_document("first")
    assert store.reprint_of("copy-0") is None and store.reprint_of("copy-1") == "copy-0"
    assert store.relations()[0].n_reprints == 1


def test_a_reopened_store_still_knows_the_first_copy(store_url: str) -> None:
    with Store.open(store_url) as first:
        first.save_article(make_doc("first", STORY), [])
    with Store.open(store_url) as again:
        again.save_article(reprint(2), [])
        assert again.reprint_of("copy-2") == "first"


# ---------------------------------------------------------------- fusion


def copy_of(original: str, claim_doc: str, outlet: str, evidence: str = STORY[:88]) -> StoredClaim:
    plain = stored(make_claim(claim_doc, evidence=evidence), outlet=outlet)
    return StoredClaim(plain.id, plain.claim, plain.doc_date, doc_source=outlet, reprint_of=original)


def test_reprints_do_not_confirm_a_report() -> None:
    claims = [stored(make_claim("a", evidence=STORY[:88]), outlet="Wire")]
    claims += [copy_of("a", f"copy-{n}", f"Outlet {n}") for n in range(5)]
    assert len(independent(claims)) == 1
    assert status_of(claims) == "reported"
    relation = fuse_one(claims)
    assert (relation.n_sources, relation.n_articles, relation.n_reprints) == (1, 1, 5)


def test_a_story_known_only_from_its_reprints_is_one_source() -> None:
    claims = [copy_of("a", f"copy-{n}", f"Outlet {n}") for n in range(3)]
    assert [s.claim.doc_id for s in independent(claims)] == ["copy-0"]
    assert fuse_one(claims).n_sources == 1


def test_one_long_sentence_printed_by_two_outlets_is_one_voice() -> None:
    sentence = "Iran has delivered hundreds of Shahed-136 drones to Russia since August, officials said."
    a = stored(make_claim("a", evidence=sentence), outlet="Wire")
    b = stored(make_claim("b", evidence="In Kyiv, " + sentence), outlet="Post")
    assert len(set(voices([a, b]).values())) == 1
    assert status_of([a, b]) == "reported"


def test_short_plain_sentences_from_two_outlets_stay_two_voices() -> None:
    a = stored(make_claim("a", evidence="Iran has supplied drones to Russia."), outlet="Wire")
    b = stored(make_claim("b", evidence="Iran has supplied drones to Russia."), outlet="Post")
    assert len(set(voices([a, b]).values())) == 2
