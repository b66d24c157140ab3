"""Normalized values written back as words for an editor (`P10Y` as 10 years); the report's side."""

from __future__ import annotations

import re
from typing import Optional


NUMERIC_KINDS = frozenset({"quantity", "money", "ordinal", "age"})
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
DURATION_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day"}


def display_value(value: str, kind: str, unit: Optional[str] = None) -> str:
    """A normalized value written for an editor: `P10Y` as 10 years, `--10-01` as 1 October (year not given)."""
    if kind in NUMERIC_KINDS:
        text = _number(value)
        if unit:
            return f"{unit} {text}" if kind == "money" else f"{text} {unit}"
        return text
    if kind == "duration":
        match = re.fullmatch(r"P(\d+(?:\.\d+)?)([YMWD])", value)
        if match:
            amount, name = match.group(1), DURATION_UNITS[match.group(2)]
            return f"{amount} {name}" + ("" if amount == "1" else "s")
        clock = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?", value)
        if clock and any(clock.groups()):
            parts = [f"{n} {unit}" + ("" if n == "1" else "s")
                     for n, unit in zip(clock.groups(), ("hour", "minute", "second")) if n]
            return " ".join(parts)
        return value
    if kind in ("date", "date_range"):
        parts = [_iso_date(p) for p in value.split("/")] if value.count("/") == 1 else [_iso_date(value)]
        if all(p is not None for p in parts):
            text = " – ".join(p[0] for p in parts)
            return text + (" (year not given)" if any(p[1] for p in parts) else "")
    return value


def _number(value: str) -> str:
    try:
        number = float(value.rstrip("%"))
    except ValueError:
        return value
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if abs(number) >= size and number % (size / 100) == 0:
            return f"{number / size:g} {word}"
    if number.is_integer() and abs(number) >= 1000:
        return f"{int(number):,}" + ("%" if value.endswith("%") else "")
    return value


def _iso_date(value: str) -> Optional[tuple[str, bool]]:
    """An ISO date at any precision in words, and whether its year is missing."""
    match = re.fullmatch(r"(\d{4}|-)-?(\d{2})?(?:-(\d{2}))?", value)
    if not match or (match.group(1) == "-" and not match.group(2)):
        return None
    year, month, day = match.groups()
    if month and not 1 <= int(month) <= 12:
        return None
    words = [str(int(day))] if day else []
    words += [MONTHS[int(month) - 1]] if month else []
    words += [year] if year != "-" else []
    return " ".join(words), year == "-"
