"""HTML article pages: the body and title by trafilatura, the date from the page's metadata.

trafilatura removes navigation, footers and other boilerplate. Its date
search runs without ``extensive_search``: that mode guesses from any year in
the page (a "Copyright 2023" footer becomes 2023-01-01), which is worse than
no date. Feed entries reuse ``html_to_text`` for their HTML fragments, which
are too short for trafilatura's article detection.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from entente.errors import BadDate, BadMarkup, ReadError
from entente.ingest.decode import check_binary
from entente.model import Document

_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_BLOCKS = frozenset(
    "p div br li h1 h2 h3 h4 h5 h6 blockquote tr section article pre ul ol table header figcaption".split()
)


@dataclass(frozen=True)
class Page:
    """What a page says about itself: its article text, title, date and address."""

    text: str
    title: str | None
    date: dt.date | None
    url: str | None


def extract_page(data: bytes, where: str, *, url: str | None = None) -> Page | ReadError:
    """The article in an HTML page, or why there is none."""
    problem = check_binary(data, where)
    if problem is not None:
        return problem
    import trafilatura  # here, not at the top: reading JSONL or text need not load it (0.15 s)

    try:
        result = trafilatura.bare_extraction(
            data, url=url, with_metadata=True, date_extraction_params=_DATE_PARAMS
        )
    except Exception as exc:  # trafilatura and lxml fail in many ways on bad markup
        return BadMarkup(where, f"the page cannot be parsed as HTML ({type(exc).__name__}: {exc})")
    if result is None or isinstance(result, dict):
        return BadMarkup(where, "no article text found in the page")
    text = (result.text or "").strip()
    if not text:
        return BadMarkup(where, "no article text found in the page")
    return Page(text=text, title=result.title or None, date=_page_date(result.date), url=result.url or url)


def _page_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def read_html(
    data: bytes,
    where: str,
    *,
    doc_id: str,
    date: dt.date | None,
    url: str | None = None,
    fallback_date: dt.date | None = None,
) -> Iterator[Document | ReadError]:
    """One article from a page. Date: the page's, else ``date``, else ``fallback_date`` (assumed)."""
    page = extract_page(data, where, url=url)
    if isinstance(page, ReadError):
        yield page
        return
    assumed = False
    chosen = page.date or date
    if chosen is None and fallback_date is not None:
        chosen, assumed = fallback_date, True
    if chosen is None:
        yield BadDate(where, "the page has no publication date and no date was given")
        return
    yield Document(
        id=doc_id, date=chosen, text=page.text, title=page.title, url=page.url,
        date_assumed=assumed, origin=where,
    )


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment: one line per block, inner whitespace collapsed."""
    if "<" not in markup:
        return _tidy(markup)
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except Exception:  # lxml refuses some fragments outright: keep their words
        return _tidy(markup)
    for dropped in root.xpath("//script|//style"):
        dropped.drop_tree()
    for element in root.iter():
        if element.tag in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
    return _tidy(root.text_content())


def _tidy(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)
