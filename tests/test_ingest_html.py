"""HTML article pages: boilerplate removed, title and date from the page."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

from fixtures_ingest.builders import RADAR, html_page

from entente.errors import BadDate, BadMarkup
from entente.ingest import read_documents
from entente.model import Document


def test_page_gives_body_title_and_published_date_without_boilerplate(tmp_path: Path) -> None:
    path = tmp_path / "radar-units.html"
    path.write_text(html_page("Minsk expects radar units", RADAR, published="2023-03-05T09:30:00Z"))
    (doc,) = list(read_documents([path]))
    assert isinstance(doc, Document)
    assert (doc.id, doc.date, doc.title, doc.date_assumed) == (
        "radar-units", dt.date(2023, 3, 5), "Minsk expects radar units", False)
    assert RADAR[0] in doc.text and RADAR[1] in doc.text
    for boilerplate in ("Subscribe today", "Privacy policy", "All rights reserved", "Markets"):
        assert boilerplate not in doc.text


def test_copyright_year_in_footer_is_not_taken_for_a_date(tmp_path: Path) -> None:
    path = tmp_path / "undated.htm"
    path.write_text(html_page("Minsk expects radar units", RADAR))
    (error,) = list(read_documents([path]))
    assert isinstance(error, BadDate)
    assert (error.where, error.reason) == (str(path), "the page has no publication date and no date was given")


def test_undated_page_takes_the_given_date(tmp_path: Path) -> None:
    path = tmp_path / "undated.html"
    path.write_text(html_page("Minsk expects radar units", RADAR))
    (doc,) = list(read_documents([path], date=dt.date(2023, 3, 7)))
    assert isinstance(doc, Document) and doc.date == dt.date(2023, 3, 7)


def test_gzipped_page_reads_like_the_page(tmp_path: Path) -> None:
    path = tmp_path / "radar.html.gz"
    path.write_bytes(gzip.compress(html_page("Radar", RADAR, published="2023-03-05").encode()))
    (doc,) = list(read_documents([path]))
    assert isinstance(doc, Document) and doc.id == "radar" and RADAR[1] in doc.text


def test_markup_with_no_article_is_bad_markup(tmp_path: Path) -> None:
    path = tmp_path / "broken.html"
    path.write_text("<html><body><div><span></div></table></tr>")
    (error,) = list(read_documents([path], date=dt.date(2023, 1, 1)))
    assert isinstance(error, BadMarkup)
    assert (error.where, error.reason) == (str(path), "no article text found in the page")
