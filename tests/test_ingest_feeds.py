"""RSS and Atom feeds: each entry an article."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fixtures_ingest.builders import DRONES, RADAR, atom, html_page, rss

from entente.errors import BadDate, EmptyInput
from entente.ingest import read_documents
from entente.model import Document


def docs(items: list[object]) -> list[Document]:
    assert all(isinstance(i, Document) for i in items), items
    return items  # type: ignore[return-value]


def test_rss_entries_with_content_and_summary(tmp_path: Path) -> None:
    path = tmp_path / "world.rss"
    path.write_bytes(rss([
        {"title": "Drones reach Latakia", "link": "https://courier.example/world/drones-latakia.html",
         "guid": "https://courier.example/world/drones-latakia.html",
         "pubDate": "Mon, 06 Mar 2023 10:00:00 GMT",
         "content": "".join(f"<p>{p}</p>" for p in DRONES)},
        {"title": "Radar units", "link": "https://courier.example/world/radar",
         "pubDate": "Sun, 05 Mar 2023 09:30:00 GMT", "description": f"<p>{RADAR[0]}</p>"},
    ]))
    first, second = docs(list(read_documents([path])))
    assert (first.id, first.date, first.title, first.source) == (
        "https://courier.example/world/drones-latakia.html", dt.date(2023, 3, 6), "Drones reach Latakia",
        "Northern Courier: World")
    assert first.text == "\n".join(DRONES)
    assert first.url == "https://courier.example/world/drones-latakia.html"
    assert first.origin == f"{path}#1"
    # No guid: the link, whole, names the entry.
    assert (second.id, second.text, second.origin) == ("https://courier.example/world/radar", RADAR[0], f"{path}#2")


def test_atom_entries_become_documents(tmp_path: Path) -> None:
    path = tmp_path / "courier.atom"
    path.write_bytes(atom([
        {"id": "tag:courier.example,2023:radar-units", "title": "Radar units",
         "link": "https://courier.example/r", "updated": "2023-03-05T09:30:00Z",
         "content": f"<p>{RADAR[0]}</p><p>{RADAR[1]}</p>"},
    ]))
    (doc,) = docs(list(read_documents([path])))
    assert (doc.id, doc.date, doc.text) == ("tag:courier.example,2023:radar-units", dt.date(2023, 3, 5), "\n".join(RADAR))


def test_xml_extension_is_sniffed_as_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(rss([{"title": "t", "link": "https://courier.example/a", "pubDate": "Sun, 05 Mar 2023 09:30:00 GMT",
                           "description": RADAR[1]}]))
    (doc,) = docs(list(read_documents([path])))
    assert doc.text == RADAR[1]


def test_a_link_to_a_local_page_is_never_opened(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "radar.html").write_text(html_page("Minsk expects radar units", RADAR, published="2023-03-04"))
    secret = tmp_path / "secret.html"
    secret.write_text(html_page("Private notes", ["The private notes of the owner of this machine."]))
    path = tmp_path / "sub" / "local.rss"
    path.parent.mkdir()
    path.write_bytes(rss([
        {"title": "Radar", "link": "../pages/radar.html", "description": "Short teaser.",
         "pubDate": "Sat, 04 Mar 2023 09:30:00 GMT"},
        {"title": "Nothing", "link": str(secret), "pubDate": "Sat, 04 Mar 2023 09:30:00 GMT"},
        {"title": "Nothing", "link": secret.as_uri(), "pubDate": "Sat, 04 Mar 2023 09:30:00 GMT"},
    ]))
    doc, *errors = list(read_documents([path]))
    # The summary is the text; the link is kept as metadata only.
    assert isinstance(doc, Document) and doc.text == "Short teaser." and doc.url == "../pages/radar.html"
    assert [type(e) for e in errors] == [EmptyInput, EmptyInput]
    assert all("private notes" not in str(e).lower() for e in errors)


def test_feed_entries_under_different_paths_with_the_same_last_segment_keep_apart(tmp_path: Path) -> None:
    path = tmp_path / "world.rss"
    path.write_bytes(rss([
        {"title": "A", "link": "https://courier.example/news/123", "pubDate": "Sun, 05 Mar 2023 09:30:00 GMT",
         "description": RADAR[0]},
        {"title": "B", "link": "https://courier.example/story/123", "pubDate": "Sun, 05 Mar 2023 09:30:00 GMT",
         "description": RADAR[1]},
        {"title": "C", "pubDate": "Sun, 05 Mar 2023 09:30:00 GMT", "description": DRONES[0]},
    ]))
    first, second, third = docs(list(read_documents([path])))
    assert (first.id, second.id) == ("https://courier.example/news/123", "https://courier.example/story/123")
    # Neither guid nor link: a hash of the feed and the text.
    assert third.id.startswith("sha256-") and len(third.id) == len("sha256-") + 24


def test_entry_without_any_date_is_a_bad_date_and_others_still_come(tmp_path: Path) -> None:
    path = tmp_path / "mixed.rss"
    path.write_bytes(rss([
        {"title": "Undated", "link": "https://courier.example/u", "description": DRONES[0]},
        {"title": "Dated", "link": "https://courier.example/d", "pubDate": "Sun, 05 Mar 2023 09:30:00 GMT",
         "description": DRONES[1]},
    ]))
    error, doc = list(read_documents([path]))
    assert isinstance(error, BadDate) and error.where == f"{path}#1"
    assert error.reason == "the entry has no published or updated date and no date was given"
    assert isinstance(doc, Document) and doc.id == "https://courier.example/d"
