"""Time expressions: found in text, resolved to date intervals against the document date.

dateparser misreads designations ("Su-35" as 1935) and does not resolve
"early November" or "within the next year" (see NOTES.md), so entente keeps a
small normaliser of its own. Words come from ``lexicons/time.yaml``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from entente.extract.lexicon import read_file


@dataclass(frozen=True)
class Timex:
    start_char: int
    end_char: int
    text: str
    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True)
class _Words:
    months: dict[str, int]
    weekdays: dict[str, int]
    parts: dict[str, tuple[float, float]]
    seasons: dict[str, tuple[int, int]]
    units: dict[str, int]  # unit -> days
    vague_counts: dict[str, int]


@lru_cache(maxsize=1)
def _words() -> _Words:
    data = read_file("time.yaml")
    months = {m: i + 1 for i, m in enumerate(data["months"])}
    months.update({k: int(v) for k, v in data["month_abbreviations"].items()})
    weekdays = {d: i for i, d in enumerate(data["weekdays"])}
    parts = {k: (float(v[0]), float(v[1])) for k, v in data["parts"].items()}
    seasons = {k: (int(v[0]), int(v[1])) for k, v in data["seasons"].items()}
    units = {k: int(v) for k, v in data["units"].items()}
    vague = {k: int(v) for k, v in data["vague_counts"].items()}
    return _Words(months, weekdays, parts, seasons, units, vague)


_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10}


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    w = _words()
    month = "|".join(sorted((m.capitalize() for m in w.months), key=len, reverse=True))
    part = "|".join(sorted(w.parts, key=len, reverse=True))
    day = "|".join(d.capitalize() for d in w.weekdays)
    lead = r"(?:(?:[Ii]n|[Dd]uring|[Ss]ince|[Bb]y|[Uu]ntil|[Bb]efore|[Aa]fter|[Ss]ometime\s+(?:in|during)|[Oo]n|[Aa]s\s+of|[Tt]hroughout)\s+)?"
    the_part = rf"(?:(?:the\s+)?(?:{part})(?:\s+of)?[\s-]+)?"
    season = "|".join(sorted(w.seasons, key=len, reverse=True))
    unit = "|".join(sorted(w.units, key=len, reverse=True))
    count = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}|a\s+few|few|several)"
    year = r"(?:1[89]\d\d|20\d\d)"
    alternatives = [
        rf"[Bb]etween\s+(?P<b1>{year})\s+and\s+(?P<b2>{year})\b",
        rf"(?P<agon>{count})\s+(?P<agounit>{unit})s?\s+ago\b",
        rf"(?:[Ii]n|[Oo]ver|[Dd]uring|[Ww]ithin)\s+the\s+(?P<span>recent|coming|past|last)\s+"
        rf"(?:(?P<spann>{count})\s+)?(?P<spanunit>{unit})s?\b",
        rf"(?:[Ii]n|[Oo]ver)\s+(?P<span2>recent)\s+(?P<span2unit>{unit})s\b",
        rf"{lead}(?:the\s+)?(?P<season>{season.title()}|{season})(?:\s+of)?\s+(?P<syear>{year})\b",
        rf"(?P<srel>[Ll]ast|[Tt]his|[Nn]ext)\s+(?P<season2>{season})\b",
        r"(?P<prel>[Ee]arly|[Ll]ate)\s+(?P<prel2>last|this|next)\s+(?P<prel3>year|month)\b",
        r"[Bb]y\s+the\s+end\s+of\s+(?:the|this)\s+(?P<endunit>year|month)\b",
        rf"{lead}(?P<m1>{month})\.?\s+(?:or|and|to|through|until)\s+(?P<m2>{month})\.?\s+(?P<ryear>1[89]\d\d|20\d\d)\b",
        rf"{lead}{the_part}(?P<month>{month})\.?(?:\s+(?P<mday>\d{{1,2}}),?)?(?:\s+(?P<myear>1[89]\d\d|20\d\d))?\b",
        rf"{lead}(?P<dday>\d{{1,2}})\s+(?P<dmonth>{month})\s+(?P<dyear>1[89]\d\d|20\d\d)\b",
        rf"{lead}(?:the\s+)?(?P<decade>1[89]\d0|20\d0)s\b",
        rf"{lead}{the_part}(?P<year>1[89]\d\d|20\d\d)(?![-\d])\b",
        r"(?P<rel>[Ee]arlier\s+this\s+(?:year|month)|[Ll]ater\s+this\s+(?:year|month)|[Tt]his\s+(?:year|month|week)|[Ll]ast\s+(?:year|month|week)|[Nn]ext\s+(?:year|month|week)|(?:[Ww]ithin|[Ii]n)\s+the\s+next\s+(?:year|month|few\s+months|two\s+years)|[Pp]reviously|[Rr]ecently|[Yy]esterday|[Tt]oday)\b",
        rf"(?:[Oo]n\s+|[Ll]ast\s+)?(?P<weekday>{day})\b",
    ]
    # Every expression starts a word: the leading \b lets the engine skip the inside of words
    # at once (three times faster over a document) and keeps "on" of "decision" out of "on Monday".
    return re.compile(r"\b(?:" + "|".join(f"(?:{a})" for a in alternatives) + ")")


def find_timexes(text: str, anchor: dt.date) -> list[Timex]:
    """Every time expression in ``text`` with its interval (either side may be open)."""
    return [t for m in find_timex_matches(text) if (t := resolve_timex(m, anchor)) is not None]


def find_timex_matches(text: str) -> list[re.Match[str]]:
    """The time expressions of ``text``, unresolved: one pass over a document, resolved per claim."""
    out = []
    for match in _pattern().finditer(text):
        if text[max(0, match.start() - 7):match.start()].lower().endswith("unlike "):
            continue  # "Unlike in 2019, ..." contrasts with then; it dates nothing
        out.append(match)
    return out


def resolve_timex(match: re.Match[str], anchor: dt.date) -> Timex | None:
    """One found expression with its interval against ``anchor``; None when it dates nothing."""
    try:
        interval = _resolve(match, anchor)
    except (OverflowError, ValueError):
        return None  # past the calendar's ends ("next year" from 9999-12-31): no interval to give
    if interval is None:
        return None
    return Timex(match.start(), match.end(), match.group(0), interval[0], interval[1])


def _part(text: str) -> tuple[float, float]:
    lowered = text.lower()
    for name, bounds in sorted(_words().parts.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"\b{name}\b", lowered):
            return bounds
    return (0.0, 1.0)


def _slice(start: dt.date, end: dt.date, bounds: tuple[float, float]) -> tuple[dt.date, dt.date]:
    days = (end - start).days
    first = start + dt.timedelta(days=round(days * bounds[0]))
    last = start + dt.timedelta(days=round(days * bounds[1]))
    return first, last


def _lead(text: str) -> str:
    return text.split()[0].lower() if text.split() else ""


def _open_sides(text: str, start: dt.date, end: dt.date, anchor: dt.date) -> tuple[dt.date | None, dt.date | None]:
    lead = _lead(text)
    if lead == "since":
        return start, anchor
    if lead in ("by", "until", "before"):
        return None, end
    if lead == "after":
        return end, None
    return start, end


def _resolve(m: re.Match[str], anchor: dt.date) -> tuple[dt.date | None, dt.date | None] | None:
    text = m.group(0)
    words = _words()
    spoken = _resolve_spoken(m, anchor, words)
    if spoken is not None:
        return spoken
    if m.group("m1"):  # "January or February 1985"
        year = int(m.group("ryear"))
        first = words.months[m.group("m1").lower().rstrip(".")]
        last = words.months[m.group("m2").lower().rstrip(".")]
        if last < first:
            return None
        return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])
    if m.group("month"):
        month = words.months[m.group("month").lower().rstrip(".")]
        if m.group("month") == "May" and not m.group("myear") and not m.group("mday"):
            return None  # the modal "may" at a sentence start
        year = int(m.group("myear")) if m.group("myear") else anchor.year
        if not m.group("myear") and dt.date(year, month, 1) > anchor:
            year -= 1  # "in November" written in March means last November
        if m.group("mday"):
            try:
                day = dt.date(year, month, int(m.group("mday")))
            except ValueError:
                return None
            return day, day
        last = calendar.monthrange(year, month)[1]
        start, end = _slice(dt.date(year, month, 1), dt.date(year, month, last), _part(text))
        return _open_sides(text, start, end, anchor)
    if m.group("dday"):
        try:
            day = dt.date(int(m.group("dyear")), words.months[m.group("dmonth").lower()], int(m.group("dday")))
        except ValueError:
            return None
        return day, day
    if m.group("decade"):
        decade = int(m.group("decade"))
        return _open_sides(text, dt.date(decade, 1, 1), dt.date(decade + 9, 12, 31), anchor)
    if m.group("year"):
        year = int(m.group("year"))
        start, end = _slice(dt.date(year, 1, 1), dt.date(year, 12, 31), _part(text))
        return _open_sides(text, start, end, anchor)
    if m.group("rel"):
        return _relative(m.group("rel").lower(), anchor)
    if m.group("weekday"):
        target = words.weekdays[m.group("weekday").lower()]
        back = (anchor.weekday() - target) % 7  # "on Saturday" in Saturday's paper is that day
        day = anchor - dt.timedelta(days=back)
        return day, day
    return None


def _count(text: str | None, default: int, words: _Words) -> int:
    if not text:
        return default
    text = " ".join(text.lower().split())
    if text.isdigit():
        return int(text)
    if text in _NUMBERS:
        return _NUMBERS[text]
    return words.vague_counts.get(text.split()[-1], default)


def _resolve_spoken(m: re.Match[str], anchor: dt.date, words: _Words) -> tuple[dt.date | None, dt.date | None] | None:
    """Ranges, seasons and spans counted back or ahead: "between 2015 and 2018", "in the spring of
    2022", "two years ago", "in recent months", "in the coming weeks", "late last year"."""
    if m.group("b1"):
        first, last = int(m.group("b1")), int(m.group("b2"))
        return (dt.date(first, 1, 1), dt.date(last, 12, 31)) if first <= last else None
    if m.group("agon"):
        unit = m.group("agounit").lower()
        n = _count(m.group("agon"), 1, words)
        step = dt.timedelta(days=words.units[unit])
        if m.group("agon").lower().split()[-1] in words.vague_counts:  # "a few years ago": a loose span
            return anchor - (n + 1) * step, anchor - max(n - 1, 1) * step
        center = anchor - n * step
        if unit == "year":  # "a year ago": the quarter it fell in
            q = (center.month - 1) // 3
            start = dt.date(center.year, 3 * q + 1, 1)
            return start, dt.date(center.year, 3 * q + 3, calendar.monthrange(center.year, 3 * q + 3)[1])
        if unit == "month":
            return center.replace(day=1), center.replace(day=calendar.monthrange(center.year, center.month)[1])
        if unit == "week":
            monday = center - dt.timedelta(days=center.weekday())
            return monday, monday + dt.timedelta(days=6)
        return center, center
    if m.group("span") or m.group("span2"):
        kind = (m.group("span") or m.group("span2")).lower()
        unit = (m.group("spanunit") or m.group("span2unit")).lower()
        n = _count(m.group("spann"), words.vague_counts.get(kind, 1), words)
        days = n * words.units[unit]
        if kind == "coming":
            return anchor, anchor + dt.timedelta(days=days)
        return anchor - dt.timedelta(days=days), anchor
    if m.group("season"):
        first, last = words.seasons[m.group("season").lower()]
        year = int(m.group("syear"))
        return _open_sides(m.group(0), dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1]), anchor)
    if m.group("season2"):
        first, last = words.seasons[m.group("season2").lower()]
        shift = {"last": -1, "this": 0, "next": 1}[m.group("srel").lower()]
        year = anchor.year + shift
        if shift == -1 and anchor.month > last:  # "last summer" written in October is this year's
            year += 1
        return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])
    if m.group("prel"):
        whole = _relative(f"{m.group('prel2')} {m.group('prel3')}".lower(), anchor)
        if whole is None or whole[0] is None or whole[1] is None:
            return None
        return _slice(whole[0], whole[1], _part(m.group("prel")))
    if m.group("endunit"):
        period = _relative(f"this {m.group('endunit').lower()}", anchor)
        return (None, period[1]) if period else None
    return None


def _relative(rel: str, anchor: dt.date) -> tuple[dt.date | None, dt.date | None] | None:
    rel = " ".join(rel.split())
    year_start, year_end = dt.date(anchor.year, 1, 1), dt.date(anchor.year, 12, 31)
    month_start = anchor.replace(day=1)
    month_end = anchor.replace(day=calendar.monthrange(anchor.year, anchor.month)[1])
    if rel == "earlier this year":
        return year_start, anchor
    if rel == "later this year":
        return anchor, year_end
    if rel == "this year":
        return year_start, year_end
    if rel == "earlier this month":
        return month_start, anchor
    if rel in ("this month", "later this month"):
        return month_start, month_end
    if rel == "this week":
        monday = anchor - dt.timedelta(days=anchor.weekday())
        return monday, monday + dt.timedelta(days=6)
    if rel == "last year":
        return dt.date(anchor.year - 1, 1, 1), dt.date(anchor.year - 1, 12, 31)
    if rel == "last month":
        end = month_start - dt.timedelta(days=1)
        return end.replace(day=1), end
    if rel == "last week":
        monday = anchor - dt.timedelta(days=anchor.weekday() + 7)
        return monday, monday + dt.timedelta(days=6)
    if rel == "next year":
        return dt.date(anchor.year + 1, 1, 1), dt.date(anchor.year + 1, 12, 31)
    if rel == "next month":
        start = month_end + dt.timedelta(days=1)
        return start, start.replace(day=calendar.monthrange(start.year, start.month)[1])
    if rel == "next week":
        monday = anchor + dt.timedelta(days=7 - anchor.weekday())
        return monday, monday + dt.timedelta(days=6)
    if rel.endswith("next year"):  # "within the next year"
        return anchor, dt.date(anchor.year + 1, 12, 31)
    if rel.endswith("next two years"):
        return anchor, dt.date(anchor.year + 2, 12, 31)
    if rel.endswith("next month") or rel.endswith("next few months"):
        return anchor, anchor + dt.timedelta(days=120 if "few" in rel else 31)
    if rel in ("previously", "recently"):
        return None, anchor
    if rel == "yesterday":
        day = anchor - dt.timedelta(days=1)
        return day, day
    if rel == "today":
        return anchor, anchor
    return None
