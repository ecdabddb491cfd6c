"""``extract_parallel``: two worker processes give what one process gives, in input order."""

from __future__ import annotations

import datetime as dt

from entente.model import Document
from entente.scale.runner import extract_parallel

DAY = dt.date(2023, 3, 14)
TEXTS = [
    "Russia delivered S-400 air defence systems to India in 2021, the Indian defence ministry said.",
    "The home side won 2-0 in the rain on Sunday.",
    "Iran has supplied hundreds of Shahed-136 drones to Russia, according to US officials.",
    "Germany pledged additional IRIS-T launchers to Ukraine on Tuesday.",
    "Inflation eased to 3 percent in February, the central bank said.",
    "China is considering providing artillery shells to Russia, the White House said.",
]


def test_two_workers_give_the_same_claims_as_one_in_input_order() -> None:
    docs = [Document(f"w{i}", DAY, text) for i, text in enumerate(TEXTS)]
    one = [(d.id, [c.to_dict() for c in cs]) for d, cs in extract_parallel(docs, 1, batch_size=2)]
    two = [(d.id, [c.to_dict() for c in cs]) for d, cs in extract_parallel(docs, 2, batch_size=2)]
    assert [doc_id for doc_id, _ in two] == [d.id for d in docs]
    assert two == one
    assert any(claims for _, claims in one)


def test_an_article_error_comes_back_from_a_worker_in_its_place() -> None:
    from entente.errors import TookTooLong
    from entente.scale.runner import _pack, _unpack

    error = _unpack(_pack(TookTooLong("slow-1", "took longer than 5 s to extract")))
    assert isinstance(error, TookTooLong)
    assert str(error) == "E150: slow-1: took longer than 5 s to extract"


def test_the_pool_streams_documents_and_keeps_the_order() -> None:
    from entente.scale.runner import PoolRunner

    taken = 0

    def docs():  # type: ignore[no-untyped-def]
        nonlocal taken
        for i in range(40):
            taken += 1
            yield Document(f"s{i}", DAY, TEXTS[i % len(TEXTS)])

    with PoolRunner(2) as runner:
        stream = runner.extract_each(docs(), batch_size=2)
        first = next(stream)
        assert first[0].id == "s0"
        assert taken < 40  # not read ahead to the end: a bounded window is in flight
        rest = list(stream)
    assert [d.id for d, _ in [first, *rest]] == [f"s{i}" for i in range(40)]
