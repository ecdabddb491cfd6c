"""``find_timexes``: time expressions found in text and resolved against the document date (no spaCy)."""

from __future__ import annotations

import datetime as dt

import pytest

from entente.extract.timex import Timex, find_timexes

# A Wednesday: "on Friday" is the Friday before.
ANCHOR = dt.date(2022, 12, 14)


def only(text: str, anchor: dt.date = ANCHOR) -> Timex:
    found = find_timexes(text, anchor)
    assert len(found) == 1, f"expected one time expression in {text!r}, got {found}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "phrase", "start", "end"),
    [
        ("Deliveries began in early November.", "in early November", dt.date(2022, 11, 1), dt.date(2022, 11, 11)),
        ("The first drones arrived earlier this year.", "earlier this year", dt.date(2022, 1, 1), ANCHOR),
        ("The deal was signed in 2019.", "in 2019", dt.date(2019, 1, 1), dt.date(2019, 12, 31)),
        ("The shipment reached the port on Friday.", "on Friday", dt.date(2022, 12, 9), dt.date(2022, 12, 9)),
        ("The shipment reached the port last month.", "last month", dt.date(2022, 11, 1), dt.date(2022, 11, 30)),
        ("Iran bought the tanks in the 1970s.", "in the 1970s", dt.date(1970, 1, 1), dt.date(1979, 12, 31)),
        ("The contract dates from July 1977.", "July 1977", dt.date(1977, 7, 1), dt.date(1977, 7, 31)),
        ("Deliveries ran between 2015 and 2018.", "between 2015 and 2018", dt.date(2015, 1, 1), dt.date(2018, 12, 31)),
        ("The jets arrived in the spring of 2021.", "in the spring of 2021", dt.date(2021, 3, 1), dt.date(2021, 5, 31)),
        ("The jets arrived last summer.", "last summer", dt.date(2022, 6, 1), dt.date(2022, 8, 31)),
        ("Moscow donated rifles a year ago.", "a year ago", dt.date(2021, 10, 1), dt.date(2021, 12, 31)),
        ("Kyiv got the shells two months ago.", "two months ago", dt.date(2022, 10, 1), dt.date(2022, 10, 31)),
        ("Shipments grew in recent months.", "in recent months", dt.date(2022, 6, 17), ANCHOR),
        ("More drones will come in the coming weeks.", "in the coming weeks", ANCHOR, dt.date(2023, 1, 25)),
        ("The talks began late last year.", "late last year", dt.date(2021, 9, 2), dt.date(2021, 12, 31)),
    ],
)
def test_a_time_expression_resolves_to_its_interval(
    text: str, phrase: str, start: dt.date, end: dt.date
) -> None:
    timex = only(text)
    assert (timex.text, timex.start, timex.end) == (phrase, start, end)
    assert text[timex.start_char:timex.end_char] == phrase


def test_since_a_year_runs_up_to_the_document_date() -> None:
    timex = only("Iran has shipped drones to Russia since 2022.", dt.date(2023, 3, 1))
    assert (timex.text, timex.start, timex.end) == ("since 2022", dt.date(2022, 1, 1), dt.date(2023, 3, 1))


def test_within_the_next_year_starts_at_the_document_date_and_ends_a_year_on() -> None:
    timex = only("Deliveries are expected within the next year.")
    assert timex.text == "within the next year"
    assert timex.start == ANCHOR
    assert timex.end is not None and dt.date(2023, 12, 14) <= timex.end <= dt.date(2023, 12, 31)


def test_a_month_later_than_the_document_date_means_last_years_month() -> None:
    timex = only("The launchers arrived in November.", dt.date(2023, 3, 2))
    assert (timex.start, timex.end) == (dt.date(2022, 11, 1), dt.date(2022, 11, 30))


@pytest.mark.parametrize(
    "text",
    [
        "Russia supplied Su-35 fighter jets to Iran.",
        "The MiG-29 and the F-16 were on display.",
        "The weather was cold.",
    ],
)
def test_designations_and_plain_sentences_are_not_times(text: str) -> None:
    assert find_timexes(text, ANCHOR) == []


def test_the_modal_may_at_a_sentence_start_is_not_the_month() -> None:
    assert find_timexes("May Russia supply the jets? Nobody knows.", ANCHOR) == []


def test_a_deadline_leaves_the_start_open() -> None:
    timex = only("Russia will deliver the jets by the end of the year.")
    assert (timex.start, timex.end) == (None, dt.date(2022, 12, 31))


def test_an_expression_starts_a_word() -> None:
    # "on" at the end of "decision" is no "on Wednesday"; "00 years ago" inside "100 years ago" is nothing
    found = find_timexes("The decision Wednesday followed a war 100 years ago.", ANCHOR)
    assert [t.text for t in found] == ["Wednesday"]
