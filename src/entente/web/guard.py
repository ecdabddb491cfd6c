"""What the server checks before any page is built, and the headers every answer carries.

- Host allow-list: only ``127.0.0.1``, ``localhost``, ``[::1]`` and the address
  ``serve --host`` binds are answered (400 otherwise), so a DNS-rebinding page
  on another name cannot read the store through a visitor's browser.
- Parameter limits: a query parameter over ``MAX_PARAM_CHARS`` characters, a
  query string over ``MAX_QUERY_CHARS`` or a path over ``MAX_PATH_CHARS`` is a
  400 (E410) before it reaches SQL.
- Headers: a Content-Security-Policy with scripts from this server's own
  static files only (no inline script), ``frame-ancestors 'none'``,
  ``X-Content-Type-Options: nosniff``, ``X-Frame-Options: DENY`` and no referrer.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request
from starlette.responses import PlainTextResponse, Response

from entente.errors import BadFilter

MAX_PARAM_CHARS = 500
MAX_QUERY_CHARS = 4_000
MAX_PATH_CHARS = 2_000
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")

CSP = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",  # the status colours are style="--c: ..." attributes, not scripts
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}

Refuse = Callable[[Request, BadFilter], Response]


def allowed_hosts(host: str | None, extra: tuple[str, ...] = ()) -> frozenset[str]:
    """The host names answered: loopback's, ``host`` when serving on another address, and ``extra``."""
    names = set(LOCAL_HOSTS)
    for name in (host, *extra):
        if name:
            names.add(name.strip("[]").lower())
    return frozenset(names)


def host_name(header: str) -> str:
    """The name in a Host header, without its port (``[::1]:8000`` -> ``::1``)."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def too_long(request: Request) -> BadFilter | None:
    """Why the request is too long to answer, if it is."""
    path = request.scope.get("path", "")
    if len(path) > MAX_PATH_CHARS:
        return BadFilter(f"the path is {len(path)} characters, over the {MAX_PATH_CHARS} allowed")
    query = request.scope.get("query_string", b"")
    if len(query) > MAX_QUERY_CHARS:
        return BadFilter(f"the query string is {len(query)} characters, over the {MAX_QUERY_CHARS} allowed")
    for name, value in request.query_params.multi_items():
        if len(value) > MAX_PARAM_CHARS or len(name) > MAX_PARAM_CHARS:
            return BadFilter(f"parameter {name[:40]!r} is over the {MAX_PARAM_CHARS} characters allowed")
    return None


def install(app: FastAPI, *, hosts: frozenset[str], refuse: Refuse) -> None:
    """Check every request (host, lengths) and add the security headers to every answer."""

    @app.middleware("http")
    async def _guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response: Response
        if host_name(request.headers.get("host", "")) not in hosts:
            response = PlainTextResponse("E410: this server answers only its own host names", status_code=400)
        elif (problem := too_long(request)) is not None:
            response = refuse(request, problem)
        else:
            response = await call_next(request)
        response.headers.update(HEADERS)
        return response
