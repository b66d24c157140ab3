"""Durations and elapsed times as ISO 8601 ('a decade' P10Y, '2:05:41' PT2H5M41S), and in months."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from .lexicon import Normalized, alternation, lexicon
from .numbers import format_number, parse_number, strip_qualifier


CLOCK = re.compile(r"^(?:in\s+)?(\d{1,2}):(\d{2}):(\d{2})$")
SPELLED_TIME = re.compile(
    r"^(?:in\s+)?(?:(\d+)\s*(?:hours?|hrs?|h))?\s*(?:(\d+)\s*(?:minutes?|mins?|m))?\s*(?:(\d+)\s*(?:seconds?|secs?|s))?$", re.I
)


def elapsed_time(text: str) -> Optional[Normalized]:
    """A race or record time, '2:05:41' or '2 hours 5 minutes 41 seconds', as PT2H5M41S."""
    match = CLOCK.match(text.strip()) or SPELLED_TIME.match(text.strip())
    if not match or not any(match.groups()) or (match.re is SPELLED_TIME and sum(g is not None for g in match.groups()) < 2):
        return None
    hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
    if minutes > 59 or seconds > 59:
        return None
    value = "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + (f"{seconds}S" if seconds else "")
    return Normalized("duration", value)


@lru_cache(maxsize=1)
def _whole_unit_re() -> re.Pattern:
    return re.compile(rf"(?:{alternation(lexicon().whole_unit_words)})\s+(?P<unit>[a-z]+)")


@lru_cache(maxsize=8192)  # asked of a date entity's words by several rules; values are immutable
def duration(text: str) -> Optional[Normalized]:
    """'a decade' P10Y, '13-year' P13Y, 'five-year' P5Y, 'six months' P6M, 'for months' P2M min;
    '11 years and 3 months' P11Y3M, 'four and a half years' P4Y6M."""
    elapsed = elapsed_time(text)
    if elapsed is not None:
        return elapsed
    compound = re.fullmatch(r"(?P<years>.+?\byears?)(?:\s*,\s*|\s+and\s+|\s+)(?P<months>[\w-]+\s+months?)", text.strip(), re.I)
    if compound:
        years, months = duration(compound.group("years")), duration(compound.group("months"))
        if years and months and re.fullmatch(r"P\d+Y", years.value) and re.fullmatch(r"P\d+M", months.value):
            return Normalized("duration", years.value + months.value[1:], years.approximate, years.bound)
    lex = lexicon()
    parts = _parts(text)
    if parts is not None:
        return parts
    rest, approximate, bound, qualifier = strip_qualifier(text)
    if not qualifier:  # "just 90 seconds later" (not "just under two hours")
        rest = lex.emphasis_re.sub("", rest)
    lowered = re.sub(r"^(?:for|the|a period of|over)\s+", "", rest.lower().strip())
    lowered = re.sub(r"^(?:(?:the\s+)?(?:past|last|next|coming)\s+(?=\S+\s+\S)|(?:the\s+)?(?:past|last)\s+(?=(?:decade|century)$))", "", lowered)
    lowered = re.sub(r"^(decade|century)$", r"a \1", lowered)  # "the past decade": one of them  # "the past three months", "the past decade"
    lowered = re.sub(r"^(\S+(?:\s+\S+)?)\s+(?:more|additional|further)\s+(?=\S+$)", r"\1 ", lowered)  # "two more weeks"
    lowered = re.sub(r"^(?:another|an additional|a further|an extra)\s+(?=\S+\s+\S)", "", lowered)  # "another two years"
    lowered = lowered.replace("-", " ").replace("\u2011", " ")
    lowered = re.sub(r"(?<=\d)(?=[a-z])", " ", lowered)  # "3h", "3.5years"
    whole = _whole_unit_re().fullmatch(lowered)
    if whole and whole.group("unit") in lex.duration_units and not whole.group("unit").endswith("s"):
        lowered = "one " + whole.group("unit")  # "all day", "another hour"
    lowered = re.sub(r"^(an? \w+) and half$", r"\1 and a half", lowered)  # "an hour and half"
    lowered = re.sub(r"^(an? |one )?(\w+) and a half$", r"\1and a half \2", lowered)  # "a year and a half"
    lowered = re.sub(r"^(an?|one) and a half ", "one and a half ", lowered)
    match = re.match(r"^(?P<n>.*?)\s*(?P<unit>[a-z]+)(?:\s+long|\s+old)?$", lowered)
    if not match or match.group("unit") not in lex.duration_units:
        return None
    unit = lex.duration_units[match.group("unit")]
    designator, factor = (unit, 1) if isinstance(unit, str) else (unit[0], unit[1])
    words = match.group("n").strip()
    if not words:
        if not match.group("unit").endswith("s"):
            return None
        # "for months", "for years": at least two of them
        number, approximate, bound = 2.0, True, "min"
    elif words in ("a", "an", "one"):
        number = 1.0
    elif words in ("half a", "half an"):
        number = 0.5
    else:
        vague = lex.vague.get(words)
        if vague:
            number, approximate, bound = float(vague[0]), True, "min"
        else:
            parsed = parse_number(words)
            if parsed is None:
                return None
            number = parsed
    amount = number * factor
    if designator in ("H", "MIN", "S"):
        return Normalized("duration", f"PT{format_number(amount)}{designator[0]}", approximate, bound)
    if amount != int(amount) and designator == "Y" and (amount * 12) == int(amount * 12):
        years, months = divmod(int(amount * 12), 12)  # "four and a half years": P4Y6M
        return Normalized("duration", f"P{years}Y{months}M" if years else f"P{months}M", approximate, bound)
    return Normalized("duration", f"P{format_number(amount)}{designator}", approximate, bound)


DESIGNATOR_ORDER = "YMWD"


def _parts(text: str) -> Optional[Normalized]:
    """Two or more units: '1 year 1 month 21 days' P1Y1M21D, '2 days 1 month' P1M2D, 'one week
    three days' P1W3D; a unit given twice, or a half of one, is not a duration of parts."""
    lowered = re.sub(r"(?<=\d)(?=[a-z])", " ", text.strip().lower())
    pieces = re.split(r"\s*(?:,|\band\b)?\s*(?<![a-z])(years?|months?|weeks?|days?)(?![a-z])\s*", lowered)
    if len(pieces) < 5 or pieces[-1].strip():
        return None
    found: dict[str, str] = {}
    for amount, unit in zip(pieces[0::2], pieces[1::2]):
        number = parse_number(amount) if amount.strip() not in ("a", "an") else 1.0
        designator = unit[0].upper()
        if number is None or number != int(number) or designator in found:
            return None
        found[designator] = format_number(number)
    return Normalized("duration", "P" + "".join(found[d] + d for d in DESIGNATOR_ORDER if d in found))


def duration_months(value: str) -> Optional[float]:
    """An ISO duration of years, months, weeks or days (P11Y3M too), in months (for comparison)."""
    match = re.fullmatch(r"P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?", value)
    if not match or not any(match.groups()):
        return None
    factors = (12, 1, 12 / 52.18, 12 / 365.25)
    return sum(float(part) * factor for part, factor in zip(match.groups(), factors) if part)
