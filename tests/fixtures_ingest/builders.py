"""Small news-style inputs for the ingest tests, built in tmp_path at run time.

The sentences are written for these tests (no third-party article is copied).
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

RADAR = [
    "Officials in Minsk said on Friday that they expect two mobile radar units from a foreign "
    "partner before the end of the year, according to a statement from the defence ministry.",
    "The ministry did not say what the units would cost, but a spokesman told reporters that "
    "crews had already begun training at a base near the capital.",
]
DRONES = [
    "A shipment of reconnaissance drones reached the port of Latakia last week, two officials "
    "with knowledge of the delivery said on condition of anonymity.",
    "Neither government has confirmed the transfer, and a foreign ministry spokeswoman declined "
    "to comment when asked about it on Monday.",
]


def html_page(title: str, paragraphs: list[str], *, published: str | None = None) -> str:
    """An article page wrapped in the navigation and footer a boilerplate remover must drop."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)} | Northern Courier</title>{meta}
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/markets">Markets</a></li><li><a href="/subscribe">Subscribe today</a></li></ul></nav>
<main><article><h1>{escape(title)}</h1>
{body}
</article></main>
<footer><p>Copyright 2023 Northern Courier Media Group. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> | <a href="/cookies">Cookie settings</a></p></footer>
</body></html>
"""


def rss(entries: list[dict[str, str]], *, title: str = "Northern Courier: World") -> bytes:
    """An RSS 2.0 feed; each entry may carry title, link, guid, pubDate, description, content."""
    items = []
    for entry in entries:
        parts = [f"<{key}>{escape(entry[key])}</{key}>" for key in ("title", "link", "guid", "pubDate", "description") if key in entry]
        if "content" in entry:
            parts.append(f"<content:encoded>{escape(entry['content'])}</content:encoded>")
        items.append("<item>" + "".join(parts) + "</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{escape(title)}</title><link>https://courier.example/world</link>"
        + "\n".join(items)
        + "</channel></rss>\n"
    ).encode("utf-8")


def atom(entries: list[dict[str, str]]) -> bytes:
    """An Atom feed; each entry carries id, title, link, updated and content (HTML)."""
    items = []
    for entry in entries:
        items.append(
            f"<entry><id>{escape(entry['id'])}</id><title>{escape(entry['title'])}</title>"
            f'<link href="{escape(entry["link"])}"/><updated>{entry["updated"]}</updated>'
            f'<content type="html">{escape(entry["content"])}</content></entry>'
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Courier Atom</title><id>tag:courier.example,2023:feed</id>"
        "<updated>2023-03-06T00:00:00Z</updated>" + "".join(items) + "</feed>\n"
    ).encode("utf-8")


def warc(records: list[tuple[str, bytes, str]], *, gzip: bool = True, date: str = "2023-03-09T12:00:00Z") -> bytes:
    """A WARC with a request record before each response (uri, body, content type)."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    for uri, body, content_type in records:
        request = writer.create_warc_record(
            uri, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\nHost: courier.example\r\n\r\n"),
            warc_headers_dict={"WARC-Date": date},
        )
        writer.write_record(request)
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        response = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), http_headers=headers,
            warc_headers_dict={"WARC-Date": date},
        )
        writer.write_record(response)
    return buf.getvalue()


def warc_records(records: list[dict[str, object]], *, gzip: bool = True, date: str = "2023-03-09T12:00:00Z") -> bytes:
    """A WARC of any records: each a dict of ``uri``, ``type`` (response, resource, request...),
    ``body`` (bytes), ``status`` ("200 OK"), ``headers`` (HTTP headers) and ``content_type``
    (the WARC Content-Type of a resource record)."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    for spec in records:
        kind = str(spec.get("type", "response"))
        http_headers = None
        if kind == "response":
            headers = list(spec.get("headers", [("Content-Type", "text/html")]))  # type: ignore[call-overload]
            http_headers = StatusAndHeaders(str(spec.get("status", "200 OK")), headers, protocol="HTTP/1.1")
        warc_headers = {"WARC-Date": date}
        record = writer.create_warc_record(
            str(spec["uri"]), kind, payload=io.BytesIO(bytes(spec.get("body", b""))),  # type: ignore[arg-type]
            http_headers=http_headers, warc_headers_dict=warc_headers,
            warc_content_type=str(spec["content_type"]) if "content_type" in spec else None,
        )
        writer.write_record(record)
    return buf.getvalue()


def arc(records: list[tuple[str, bytes, str]], *, date: str = "20230309120000", gzip: bool = False) -> bytes:
    """An ARC (version 1) file: the ``filedesc`` header, then one HTTP response a record (uri, body, type).

    warcio reads ARC but writes only WARC, so the format is written here by hand;
    ``gzip`` compresses each record as its own member, as crawlers do.
    """
    version = b"1 0 Entente test crawl\nURL IP-address Archive-date Content-type Archive-length\n"
    out = [b"filedesc://entente-test.arc 0.0.0.0 " + date.encode() + b" text/plain "
           + str(len(version)).encode() + b"\n" + version + b"\n"]
    for uri, body, content_type in records:
        http = (f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body
        out.append(f"{uri} 93.184.216.34 {date} {content_type} {len(http)}\n".encode() + http + b"\n")
    if gzip:
        import gzip as gz

        return b"".join(gz.compress(record) for record in out)
    return b"".join(out)
