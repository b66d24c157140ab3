"""Dates and ranges at the precision the text gives, and relative dates resolved against the
document's publication date (never against today)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Optional

from .lexicon import Lexicon, Normalized, alternation, lexicon
from .numbers import parse_number


@dataclass(frozen=True)
class Point:
    """A date at the precision the text gives; year None when the text does not say it."""

    year: Optional[int]
    month: Optional[int] = None
    day: Optional[int] = None
    week: Optional[int] = None  # ISO week, for "last week"

    def iso(self) -> str:
        if self.week is not None:
            return f"{self.year:04d}-W{self.week:02d}"
        if self.year is None:
            return f"--{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
            if self.day:
                text += f"-{self.day:02d}"
        return text


def _valid(point: Point) -> bool:
    if point.month is None:
        return point.year is not None and 1000 <= point.year <= 2999
    if not 1 <= point.month <= 12:
        return False
    if point.day is None:
        return True
    try:
        dt.date(point.year or 2000, point.month, point.day)  # 2000 is a leap year: Feb 29 passes
    except ValueError:
        return False
    return True


@lru_cache(maxsize=1)
def _date_patterns() -> list[tuple[str, re.Pattern]]:
    """The date grammar, built from the lexicon's month names."""
    lex = lexicon()
    m1, m2 = lex.month_group("m1"), lex.month_group("m2")
    day1, day2 = r"(?P<d1>\d{1,2})(?:st|nd|rd|th)?", r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?"
    y1, y2 = r"(?P<y1>\d{4})", r"(?P<y2>\d{4})"
    dash = r"\s*(?:-|–|—|to|through|until|till|and)\s*"
    of = r"(?:\s+of)?"
    parts = alternation(lex.year_parts)
    patterns = {
        "iso": rf"{y1}-(?P<mm>\d{{2}})-(?P<dd>\d{{2}})",
        "md_range": rf"{m1}\s+{day1}{dash}(?:{m2}\s+)?{day2}(?:,?\s+{y1})?",
        "dm_range": rf"{day1}(?:\s+{m1})?{dash}{day2}\s+{m2}(?:,?\s+{y1})?",
        "month_range": rf"{m1}(?:\s+{y1})?{dash}{m2}(?:,?\s+{y2})?",
        "year_range": rf"{y1}\s*(?:-|–|—|to|and|until)\s*{y2}",
        "year_part": rf"(?:the\s+)?(?P<part>{parts}){of}\s+{y1}",
        "mdy": rf"{m1}\s+{day1}(?:,?\s+{y1})?",
        "dmy": rf"{day1}(?:\s+of)?\s+{m1}(?:,?\s+{y1})?",
        "my": rf"{m1}{of}(?:,?\s+{y1})?",
        "year": rf"(?:the\s+year\s+)?{y1}",
    }
    return [(name, re.compile(rf"^(?:{p})$", re.I)) for name, p in patterns.items()]


PREPOSITIONS = re.compile(
    r"^(?:(?:on|in|from|since|by|until|till|through|between|before|after|during|starting|as of|of|at|the|early|late|mid|end of|beginning of|the end of)\s+|mid-)+",
    re.I,
)


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text.strip().rstrip(".,;:")).replace("\u2011", "-")
    return PREPOSITIONS.sub("", text).strip()


def _point(lex: Lexicon, year: Optional[str], month: Optional[str], day: Optional[str]) -> Point:
    month_number = lex.months[month.lower().rstrip(".")] if month else None
    return Point(int(year) if year else None, month_number, int(day) if day else None)


def parse_dates(text: str) -> Optional[tuple[Point, Optional[Point]]]:
    """An absolute date or range as written: (start, end) with end None for a single date."""
    lex = lexicon()
    cleaned = _clean(text)
    for name, pattern in _date_patterns():
        match = pattern.match(cleaned)
        if not match:
            continue
        g = match.groupdict()
        if name == "iso":
            start, end = Point(int(g["y1"]), int(g["mm"]), int(g["dd"])), None
        elif name == "md_range":
            start = _point(lex, g["y1"], g["m1"], g["d1"])
            end = _point(lex, g["y1"], g["m2"] or g["m1"], g["d2"])
        elif name == "dm_range":
            start = _point(lex, g["y1"], g["m1"] or g["m2"], g["d1"])
            end = _point(lex, g["y1"], g["m2"], g["d2"])
        elif name == "month_range":
            start = _point(lex, g["y1"] or g["y2"], g["m1"], None)
            end = _point(lex, g["y2"] or g["y1"], g["m2"], None)
        elif name == "year_range":
            start, end = Point(int(g["y1"])), Point(int(g["y2"]))
        elif name == "year_part":
            first, last = lex.year_parts[g["part"].lower()]
            start, end = Point(int(g["y1"]), first), Point(int(g["y1"]), last)
        elif name in ("mdy", "dmy"):
            start, end = _point(lex, g["y1"], g["m1"], g["d1"]), None
        elif name == "my":
            start, end = _point(lex, g["y1"], g["m1"], None), None
        else:
            start, end = Point(int(g["y1"])), None
        if not _valid(start) or (end is not None and not _valid(end)):
            return None
        return start, end
    return None


def absolute_date(text: str) -> Optional[str]:
    """A single written date as ISO at its precision ('12 March 2024' -> 2024-03-12), else None."""
    parsed = parse_dates(text)
    if parsed is None or parsed[1] is not None:
        return None
    return parsed[0].iso()


def _anchor(point: Point, ref: dt.date, tense: Optional[str]) -> Point:
    """Give a yearless date the year that puts it on the side of `ref` its tense says."""
    if point.year is not None or point.month is None:
        return point
    year = ref.year
    mine, theirs = (point.month, point.day or 0), (ref.month, ref.day if point.day else 0)
    if tense == "past" and mine > theirs:
        year -= 1
    elif tense == "future" and mine < theirs:
        year += 1
    return replace(point, year=year)


RELATIVE_DAY = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
                "yesterday": -1, "tomorrow": 1}
RELATIVE_UNIT = re.compile(
    r"^(?:(?:earlier|later|late|early)\s+)?(?P<which>last|this|next|past|coming|previous)\s+(?P<unit>week|weekend|month|year)$",
    re.I,
)
AGO = re.compile(r"^(?P<n>[\w\s-]+?)\s+(?P<unit>days?|weeks?|months?|years?)\s+(?:ago|earlier)$", re.I)


def relative_date(text: str, ref: dt.date, tense: Optional[str]) -> Optional[Point]:
    """'on Tuesday', 'last year', 'next month', 'earlier this week', 'two days ago' against ref."""
    lex = lexicon()
    cleaned = re.sub(r"\s+", " ", text.strip().rstrip(".,;:")).lower()
    cleaned = re.sub(r"^(?:on|in|from|since|by|until|during|over|as of)\s+", "", cleaned)
    if cleaned in RELATIVE_DAY:
        day = ref + dt.timedelta(days=RELATIVE_DAY[cleaned])
        return Point(day.year, day.month, day.day)
    weekday = re.match(
        rf"^(?:(?P<which>last|this|next|this past|this coming)\s+)?(?P<wd>{lex.weekday_re})\.?(?:\s+(?:morning|afternoon|evening|night))?$",
        cleaned,
    )
    if weekday:
        target = lex.weekdays[weekday.group("wd")]
        which = weekday.group("which") or ""
        forward = which in ("next", "this coming") or (which == "" and tense == "future")
        delta = (target - ref.weekday()) % 7 if forward else -((ref.weekday() - target) % 7)
        if which == "last" and delta == 0:
            delta = -7
        day = ref + dt.timedelta(days=delta)
        return Point(day.year, day.month, day.day)
    unit = RELATIVE_UNIT.match(cleaned)
    if unit:
        step = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[unit.group("which").lower()]
        kind = unit.group("unit").lower()
        if kind == "year":
            return Point(ref.year + step)
        if kind == "month":
            month_index = ref.year * 12 + ref.month - 1 + step
            return Point(month_index // 12, month_index % 12 + 1)
        day = ref + dt.timedelta(weeks=step)
        iso = day.isocalendar()
        return Point(iso[0], week=iso[1])
    ago = AGO.match(cleaned)
    if ago:
        count = parse_number(ago.group("n"))
        if count is None:
            return None
        kind = ago.group("unit").lower().rstrip("s")
        if kind == "year":
            return Point(ref.year - int(count))
        if kind == "month":
            month_index = ref.year * 12 + ref.month - 1 - int(count)
            return Point(month_index // 12, month_index % 12 + 1)
        day = ref - dt.timedelta(days=int(count) * (7 if kind == "week" else 1))
        if kind == "week":
            iso = day.isocalendar()
            return Point(iso[0], week=iso[1])
        return Point(day.year, day.month, day.day)
    return None


PART_OF_DAY = re.compile(r"^(?:early|late|earlier|later)\s+(?=\w)|\s+(?:morning|afternoon|evening|night|overnight)$", re.I)


def is_relative(text: str) -> bool:
    """Whether the words need a publication date to mean a date (weekdays, 'last year', ...)."""
    return relative_date(PART_OF_DAY.sub("", text).strip() or text, dt.date(2000, 1, 5), None) is not None


def temporal(text: str, ref: Optional[dt.date] = None, tense: Optional[str] = None, coarse: bool = False) -> Optional[Normalized]:
    """A date or date range at the text's precision, resolved against ref when the text is relative.

    Without ref a relative expression stays unresolved (None) and a yearless date stays yearless.
    A part of the day ('early Tuesday', 'Sunday night') says nothing more about the date.
    """
    text = PART_OF_DAY.sub("", text).strip() or text
    parsed = parse_dates(text)
    if parsed is not None:
        start, end = parsed
        if ref is not None and _in_calendar(_anchor(start, ref, tense)) and (end is None or _in_calendar(_anchor(end, ref, tense))):
            start = _anchor(start, ref, tense)
            end = _anchor(end, ref, tense) if end is not None else None
            if end is not None and start.year is not None and end.year is not None and (start.month or 0, start.day or 0) > (end.month or 13, end.day or 32) and start.year == end.year:
                start = replace(start, year=start.year - 1)
        if end is None:
            return Normalized("date", start.iso())
        if end.year is None and start.year is not None:
            end = replace(end, year=start.year)
        return Normalized("date_range", f"{start.iso()}/{end.iso()}")
    if ref is None:
        return None
    try:
        point = relative_date(text, ref, tense)
    except OverflowError:  # a publication date at the calendar's edge (9999-12-31 and "tomorrow")
        return None
    if point is None or not _in_calendar(point) or (coarse and (point.day is not None or point.week is not None)):
        return None
    return Normalized("date", point.iso())


def _in_calendar(point: Point) -> bool:
    """Whether a resolved date lies in the years a date can have (0001 to 9999): 'last year' of
    a document dated 0001-01-01 is no date, and is dropped rather than written as year 0."""
    return point.year is None or dt.MINYEAR <= point.year <= dt.MAXYEAR


def parse_ref(published: Optional[str]) -> tuple[Optional[dt.date], bool]:
    """The anchor of relative dates, and whether it is coarse (a month: '2024-01').

    A coarse anchor resolves the year of 'in October' and 'last year', not a weekday.
    """
    if not published or len(published) < 7:
        return None, False
    try:
        if len(published) < 10:
            return dt.date(int(published[:4]), int(published[5:7]), 15), True
        return dt.date.fromisoformat(published[:10]), False
    except ValueError:
        return None, False
