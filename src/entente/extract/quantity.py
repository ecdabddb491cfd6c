"""How many, and for how much: the spec's optional ``quantity`` and ``value`` fields.

:func:`read_quantity` looks where a count of the item can stand: at the start
of the item phrase ("14 Leopard 2 tanks", "the 12 Su-35"), or just before it in
its sentence ("a battalion of 31 tanks", "two squadrons of Su-35 jets", "up
to several hundred drones"). Only a number touching the phrase counts, so the
"2" of "Leopard 2" and the year of "in 2019" are never quantities. Vague
amounts ("several hundred", "dozens of") keep their text with a null value.

:func:`read_value` finds a money amount in the sentence ("$1.7 billion",
"EUR 500 million", "2.5bn euros"), the one nearest the item when there are
several.

The words (numbers, multipliers, vague words, approximations, formations,
currencies) are in ``data/lexicons/quantities.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from entente.extract.lexicon import read_file
from entente.model import Quantity, Value

_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_CONTEXT = 80  # characters of the sentence before the phrase that are read
_PARTICLE_VERB = r"\b(?:hand|hands|handed|handing|turn|turns|turned|turning|pass|passes|passed|passing|sign|signs|signed|signing)"
_OVER_LEFT = re.compile(rf"(?P<verb>{_PARTICLE_VERB}\s+)over\b\s*", re.IGNORECASE)
_OVER_START = re.compile(r"over\s+", re.IGNORECASE)
_VERB_END = re.compile(rf"{_PARTICLE_VERB}\s+$", re.IGNORECASE)
_DATE_WORD_END = re.compile(r"\b(?:in|since|by|from|of|until|before|after)\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class _Words:
    numbers: dict[str, int]
    multipliers: dict[str, int]
    vague: frozenset[str]
    units: frozenset[str]
    approximate: tuple[str, ...]  # longest first
    before: re.Pattern[str]  # a quantity ending the text before the phrase
    leading: re.Pattern[str]  # a quantity at the start of the phrase
    approx_end: re.Pattern[str]  # an approximation word ending the text before the phrase
    money: list[re.Pattern[str]]
    currencies: dict[str, str]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def words() -> _Words:
    """The lexicon, compiled once (``words.cache_clear()`` after editing the file)."""
    data = read_file("quantities.yaml")
    numbers = {str(k): int(v) for k, v in data["numbers"].items()}
    multipliers = {str(k): int(v) for k, v in data["multipliers"].items()}
    long_multipliers = [w for w in multipliers if len(w) > 2]
    number_word = _alternation([w for w in numbers if w not in ("a", "an", "single", "pair", "dozen")])
    digits = r"\d{1,3}(?:,\d{3}){1,4}|\d{1,12}(?:\.\d{1,6})?"  # bounded: no 5,000-digit "numbers"
    digits = rf"(?:{digits})(?:\s*(?:-|–|to)\s*(?:{digits}))?"  # a range: "90-100", "10 to 12"
    count = (
        rf"(?:{digits}|(?:{number_word})(?:[\s-]+(?:{number_word}))?|an?\s+(?:dozen|pair|single|hundred|thousand))"
        rf"(?:\s+(?:dozen|{_alternation(long_multipliers)}))?"
    )
    vague = rf"(?:(?:a\s+)?(?:{_alternation(data['vague'])})(?:\s+(?:{_alternation(long_multipliers)}))?)"
    approx = _alternation(data["approximate"])
    units = _alternation(data["units"])
    amount = rf"(?:(?:{approx})\s+)?(?:{count}|{vague})"
    unit_of = rf"(?:(?:{count}|{vague}|an?)\s+(?:{units})(?:\s+of(?:\s+(?:{approx}))?(?:\s+(?:{count}))?)?)"
    quantity = rf"(?P<q>(?:(?:{approx})\s+)?(?:{unit_of}|{amount}))"
    flags = re.IGNORECASE
    currencies = {str(k): str(v) for k, v in data["currencies"].items()}
    signs = [c for c in currencies if not c.isalpha()]
    codes = [c for c in currencies if c.isalpha() and len(c) == 3]
    names = [c for c in currencies if c.isalpha() and len(c) != 3]
    money_number = rf"(?P<n>\d{{1,3}}(?:,\d{{3}}){{1,4}}(?:\.\d{{1,6}})?|\d{{1,12}}(?:\.\d{{1,6}})?)\s*(?P<m>{_alternation(list(multipliers))})?\b"
    money = [
        # "$1.7 billion", "US$ 300m", "€500 million"
        re.compile(rf"(?P<c>{_alternation(signs)})\s?{money_number}", flags),
        # "EUR 500 million" (codes in capitals only: "try" is a verb)
        re.compile(rf"\b(?P<c>{'|'.join(c.upper() for c in codes)})\s?{money_number}"),
        # "500 million euros", "2.5bn EUR"
        re.compile(rf"{money_number}\s*(?P<c>{_alternation(names)})\b", flags),
        re.compile(rf"{money_number}\s*(?P<c>{'|'.join(c.upper() for c in codes)})\b"),
    ]
    return _Words(
        numbers=numbers,
        multipliers=multipliers,
        vague=frozenset(w.lower() for w in data["vague"]),
        units=frozenset(w.lower() for w in data["units"]),
        approximate=tuple(sorted((" ".join(str(p).lower().split()) for p in data["approximate"]), key=len, reverse=True)),
        before=re.compile(rf"(?:^|(?<=\s)){quantity}(?:\s+of)?(?:\s+(?:the|these|those|its|their|new|more|additional|further|extra))?\s+$", flags),
        leading=re.compile(rf"^(?:(?:the|these|those|its|their|another|an\s+additional|a\s+further)\s+)?{quantity}\s+(?:of\s+)?(?=\S)", flags),
        approx_end=re.compile(rf"(?:^|(?<=\s))(?P<a>{approx})\s+$", flags),
        money=money,
        currencies={k.lower(): v for k, v in currencies.items()},
    )


def read_quantity(sentence: str, start: int, end: int) -> Quantity | None:
    """The quantity stated for the item phrase at ``sentence[start:end]``, or None."""
    if not 0 <= start < end <= len(sentence):
        return None
    w = words()
    left, phrase = _drop_particle_over(sentence[max(0, start - _CONTEXT):start], sentence[start:end])
    found = w.leading.match(phrase)
    if found and _is_count_text(found.group("q")):
        return _at_phrase(found.group("q").strip(), left, w)
    return _before_phrase(left, w)


def _drop_particle_over(left: str, phrase: str) -> tuple[str, str]:
    """"handed over 120 tanks": the "over" is the verb's, not an approximation."""
    left = _OVER_LEFT.sub(lambda m: m.group("verb"), left)
    if (found := _OVER_START.match(phrase)) and _VERB_END.search(left):
        return left, phrase[found.end():]
    return left, phrase


def _at_phrase(text: str, left: str, w: _Words) -> Quantity:
    """A count leading the phrase, with the approximation or formation just before it."""
    if (before := w.approx_end.search(left)) and _approx_prefix(text, w) is None:
        text = f"{before.group('a')} {text}"
    elif (unit := w.before.search(left)) and _unit_word(unit.group("q"), w):
        text = f"{unit.group('q').strip()} {text}"
    return _quantity(text, w)


def _before_phrase(left: str, w: _Words) -> Quantity | None:
    """A count ending the text before the phrase ("a battalion of", "up to several hundred")."""
    found = w.before.search(left)
    if not found:
        return None
    text = found.group("q").strip()
    if _YEAR.match(text) and _DATE_WORD_END.search(left[: found.start("q")]):
        return None
    return _quantity(text, w) if _is_count_text(text) else None


def _approx_prefix(text: str, w: _Words) -> str | None:
    """The approximation words a quantity starts with ("up to"), or None."""
    lowered = " ".join(text.lower().split())
    return next((p for p in w.approximate if lowered.startswith(p + " ")), None)


def _unit_word(text: str, w: _Words) -> bool:
    return any(token in w.units for token in text.lower().split())


def _is_count_text(text: str) -> bool:
    """False for what the patterns let through but is no count: a lone article ("a"), a year."""
    tokens = text.lower().split()
    if not tokens:
        return False
    meaningful = [t for t in tokens if t not in ("a", "an", "of")]
    if not meaningful:
        return False
    if len(tokens) == 1 and _YEAR.match(tokens[0]):
        return False
    return True


def _quantity(text: str, w: _Words) -> Quantity:
    text = re.sub(r"\s+of$", "", text.strip(), flags=re.IGNORECASE)
    approx = _approx_prefix(text, w)
    rest = text[len(approx):].strip() if approx else text
    rest_words = re.sub(r"[-–]|\bto\b", " - ", rest.lower()).split()
    vague = any(word in w.vague for word in rest_words)
    value = None if vague else _count_value(rest_words, w)
    return Quantity(value=value, text=text, approximate=bool(approx) or vague or value is None)


def _count_value(tokens: list[str], w: _Words) -> int | None:
    """The number a count's words say; the count after "of" wins ("a battalion of 31" -> 31)."""
    if "of" in tokens:
        after = tokens[tokens.index("of") + 1:]
        value = _number(after, w)
        if value is not None:
            return value
        tokens = tokens[: tokens.index("of")]
    return _number(tokens, w)


def _number(tokens: list[str], w: _Words) -> int | None:
    """The integer the words say: "twenty-four" 24, "two dozen" 24, "1,000" 1000.

    None for a range ("one-two", "five six"), a fraction ("1.8 tons") or no number.
    """
    total, current, seen, last = 0, 0, False, 0
    for token in tokens:
        digits = token.replace(",", "")
        if re.fullmatch(r"\d+(?:\.\d+)?", digits):
            if "." in digits or (seen and last):
                return None
            current, last, seen = current + int(digits), int(digits), True
        elif token in ("dozen", "pair"):  # "a dozen", "two dozen": a multiple
            current, last, seen = (current or 1) * w.numbers[token], 0, True
        elif token in w.numbers:
            number = w.numbers[token]
            if seen and last and not (last >= 20 and last % 10 == 0 and number < 10):
                return None  # "one-two prototypes": a range, not a sum
            current, last, seen = current + number, number, True
        elif token in w.multipliers and len(token) > 2:
            current, last, seen = (current or 1) * w.multipliers[token], 0, True
            if w.multipliers[token] >= 1000:
                total, current = total + current, 0
        elif token == "-":  # "90-100", "one-two": a range; "twenty-four" goes on
            continue
        elif token in w.units:
            break
    return total + current if seen else None


def read_value(sentence: str, near: int = 0) -> Value | None:
    """The money amount in ``sentence`` nearest the character offset ``near``, or None."""
    w = words()
    found = []
    for pattern in w.money:
        for match in pattern.finditer(sentence):
            found.append(match)
    if not found:
        return None
    best = min(found, key=lambda m: (abs(m.start() - near), m.start()))
    number = float(best.group("n").replace(",", ""))
    multiplier = best.group("m")
    if multiplier:
        number *= w.multipliers[multiplier.lower()]
    currency = w.currencies[best.group("c").lower()]
    amount = int(number) if number.is_integer() else number
    return Value(amount=amount, currency=currency, text=best.group(0).strip())


def read(sentence: str, start: int | None, end: int | None) -> tuple[Quantity | None, Value | None]:
    """Quantity and value of a claim: its item phrase is ``sentence[start:end]`` (None: no item)."""
    if start is None or end is None:
        return None, read_value(sentence)
    return read_quantity(sentence, start, end), read_value(sentence, start)
