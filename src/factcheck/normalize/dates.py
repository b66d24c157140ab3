"""Dates and ranges at the precision the text gives, and relative dates resolved against the
document's publication date (never against today).

The grammar reads a span in three steps: a named period ('the third quarter', 'the 1970s',
'the 21st century', 'the past two decades', 'next 3 days'), a range of two dates ('from 4 to 22
this month', 'between Jan 22 and now'), else one date: written out ('monday, jan twenty two,
2018'), numeric ('02/22/2016', month first unless the document's locale says day first), or
relative ('Friday next week', 'the day after tomorrow', 'the 20th of next month'). A yearless
date or weekday takes the year or week its clause's tense gives, and the nearest occurrence
when the tense says nothing. A date that does not exist is never produced.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Optional

from .lexicon import Normalized, alternation, lexicon
from .numbers import cardinal, number_tokens, parse_number


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


def _day_point(day: dt.date) -> Point:
    return Point(day.year, day.month, day.day)


def _week_point(day: dt.date) -> Point:
    year, week, _ = day.isocalendar()
    return Point(year, week=week)


def _exists(year: Optional[int], month: Optional[int], day: Optional[int]) -> bool:
    if month is not None and not 1 <= month <= 12:
        return False
    if day is None:
        return True
    try:
        dt.date(year or 2000, month or 1, day)  # 2000 is a leap year: a yearless Feb 29 passes
    except ValueError:
        return False
    return True


def _valid(point: Point) -> bool:
    if point.year is not None and not dt.MINYEAR <= point.year <= dt.MAXYEAR:
        return False  # "next month" of 9999-12-31 is no date
    if point.week is not None:
        return point.year is not None and 1 <= point.week <= dt.date(point.year, 12, 28).isocalendar()[1]
    if point.month is None:
        return point.year is not None and 1 <= point.year <= 2999
    return _exists(point.year, point.month, point.day)


@dataclass
class Context:
    """What a span is read against: the publication date, the clause's tense, the date order;
    `relative` records that the reading needed the publication date for a day or a week."""

    ref: Optional[dt.date]
    tense: Optional[str]
    order: str = "mdy"
    relative: bool = False

    def today(self) -> Optional[dt.date]:
        if self.ref is not None:
            self.relative = True
        return self.ref


PREPOSITIONS = re.compile(
    r"^(?:(?:on|in|from|since|by|until|till|through|between|before|after|during|starting|as of|of|at|the|early|late|mid|end of|beginning of|the end of)\s+|mid-)+",
    re.I,
)


def _clean(text: str) -> str:
    """Lower case, one space, no trailing punctuation, no leading preposition or 'the'."""
    text = re.sub(r"\s+", " ", text.strip().rstrip(".,;:")).replace("\u2011", "-").replace("\u2013", "-").replace("\u2014", "-")
    text = text.lower()
    return PREPOSITIONS.sub("", text).strip()


# --------------------------------------------------------------------------- words

@lru_cache(maxsize=1)
def _words() -> dict:
    lex = lexicon()
    return {
        "month": alternation(lex.months),
        "weekday": alternation(lex.weekdays),
        "which": alternation(lex.date_which),
        "unit": alternation(lex.date_units),
        "year_part": alternation(lex.year_parts).replace("\\ ", r"[\s-]"),  # "third quarter", "third-quarter"
        "connector": alternation(lex.range_connectors),
    }


def _which(word: str) -> int:
    return lexicon().date_which[word]


def _unit(word: str) -> tuple[str, int]:
    """A unit word's designator and how many of it the word is: 'decades' (Y, 10)."""
    unit = lexicon().date_units[word]
    return (unit, 1) if isinstance(unit, str) else (unit[0], unit[1])


def _spelled_day(words: list[str]) -> Optional[int]:
    """A day of the month in words or digits: '21st', 'twenty-first', 'twenty one', 'fifteen'."""
    lex = lexicon()
    if not words:
        return None
    if len(words) == 1:
        match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", words[0])
        if match:
            day = int(match.group(1))
            return day if 1 <= day <= 31 else None
    if words[-1] in lex.ordinal_words:
        prefix = cardinal(words[:-1]) if words[:-1] else 0
        if prefix is None:
            return None
        day = int(prefix) + lex.ordinal_words[words[-1]]
        return day if 1 <= day <= 31 and (not words[:-1] or prefix % 10 == 0) else None
    number = cardinal(words)
    return int(number) if number is not None and number == int(number) and 1 <= number <= 31 else None


def _spelled_year(words: list[str]) -> Optional[int]:
    """A year in digits ('2016', "'89") or words: 'two thousand and eighteen', 'nineteen seventy
    eight', 'nineteen zero one'."""
    if len(words) == 1 and re.fullmatch(r"\d{4}", words[0]):
        return int(words[0])
    if not words or any(w.isdigit() for w in words):
        return None
    whole = cardinal(words)
    if whole is not None and whole == int(whole) and 1000 <= whole <= 2999:
        return int(whole)
    for cut in range(1, len(words)):
        century = cardinal(words[:cut])
        rest = words[cut:]
        if century is None or not 10 <= century <= 29:
            continue
        if rest[0] in ("zero", "oh", "nought") and len(rest) == 2:
            tail = cardinal(rest[1:])
            if tail is not None and tail < 10:
                return int(century * 100 + tail)
            continue
        tail = cardinal(rest)
        if tail is not None and 10 <= tail <= 99:
            return int(century * 100 + tail)
    return None


def _two_digit_year(text: str, ctx: Context) -> int:
    """'89' is 1989 and '27' 2027: the century that puts the year at most 20 years after the
    publication date (or today's century when there is none)."""
    year = int(text)
    if len(text) == 4:
        return year
    base = (ctx.ref or dt.date.today()).year
    candidate = (base // 100) * 100 + year
    return candidate - 100 if candidate > base + 20 else candidate


# --------------------------------------------------------------------------- one date

NUMERIC_YMD = re.compile(r"^(?P<y>\d{4})\s*(?P<s>[-/.])\s*(?P<m>\d{1,2}|[a-z]{3,9})\s*(?P=s)\s*(?P<d>\d{1,2})$")
NUMERIC_ABY = re.compile(r"^(?P<a>\d{1,2})\s*(?P<s>[-/.])\s*(?P<b>\d{1,2})\s*(?:(?P=s)|,)\s*(?P<y>\d{4}|\d{2})$")
NUMERIC_AB = re.compile(r"^(?P<a>\d{1,2})\s*[-/.]\s*(?P<b>\d{1,2})$")
NUMERIC_YM = re.compile(r"^(?P<y>\d{4})\s*[-/.]\s*(?P<m>\d{1,2})$")
NUMERIC_MY = re.compile(r"^(?P<m>\d{1,2})\s*[-/.]\s*(?P<y>\d{4})$")


def _month_day(a: int, b: int, order: str) -> Optional[tuple[int, int]]:
    """Month and day of two numbers: whichever order is possible, the locale's when both are."""
    if a > 12 and b <= 12:
        return b, a
    if b > 12 and a <= 12:
        return a, b
    return (a, b) if order == "mdy" else (b, a)


def _numeric(s: str, ctx: Context) -> Optional[Point]:
    """'02/22/2016', '21/04/16', '2015.5.13', '2019-sep-1', '4/22', '2016/11', '3/2015'."""
    lex = lexicon()
    match = NUMERIC_YMD.match(s)
    if match:
        month = match.group("m")
        number = int(month) if month.isdigit() else lex.months.get(month)
        return Point(int(match.group("y")), number, int(match.group("d"))) if number else None
    match = NUMERIC_ABY.match(s)
    if match:
        month, day = _month_day(int(match.group("a")), int(match.group("b")), ctx.order)
        return Point(_two_digit_year(match.group("y"), ctx), month, day)
    match = NUMERIC_YM.match(s)
    if match:
        return Point(int(match.group("y")), int(match.group("m")))
    match = NUMERIC_MY.match(s)
    if match:
        return Point(int(match.group("y")), int(match.group("m")))
    match = NUMERIC_AB.match(s)
    if match:
        month, day = _month_day(int(match.group("a")), int(match.group("b")), ctx.order)
        return Point(None, month, day)
    return None


def _written(s: str) -> Optional[Point]:
    """A date with a month name, in any order of day, month and year, a weekday allowed:
    'monday january 12th, 2016', 'twenty second of june 2017', '2016, nov', 'Oct2', 'June of
    nineteen ninety nine'."""
    lex = lexicon()
    spaced = re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z]{3})", " ", s)
    words = [w for w in re.split(r"[\s,./-]+", spaced.replace("'", " ")) if w and w not in ("the", "of", "on")]
    months = [i for i, w in enumerate(words) if w in lex.months]
    if len(months) != 1:
        return None
    at = months[0]
    before, after = words[:at], words[at + 1 :]
    if before and before[0] in lex.weekdays:
        before = before[1:]
    if after and after[0] in lex.weekdays:
        return None
    month = lex.months[words[at]]
    day = year = None
    if before:
        year = _spelled_year(before)
        if year is None:
            day = _spelled_day(before)
            if day is None:
                return None
    if after:
        if day is not None or year is not None:
            later = _spelled_year(after) if year is None else _spelled_day(after)
            if later is None:
                return None
            day, year = (day, later) if year is None else (later, year)
        else:
            split = _day_and_year(after)
            if split is None:
                return None
            day, year = split
    return Point(year, month, day)


def _day_and_year(words: list[str]) -> Optional[tuple[Optional[int], Optional[int]]]:
    """The words after a month: a day, a day and a year, or a year ('twenty one two thousand
    and eighteen' is 21 and 2018)."""
    for cut in range(1, len(words) + 1):
        day, rest = _spelled_day(words[:cut]), words[cut:]
        if day is not None and (not rest or _spelled_year(rest) is not None):
            return day, _spelled_year(rest) if rest else None
    year = _spelled_year(words)
    return (None, year) if year is not None else None


def _nth_weekday(n: int, weekday: int, year: int, month: int) -> Optional[dt.date]:
    """The nth (or with n = -1 the last) weekday of a month."""
    if n < 0:
        last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    day = first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    return day if day.month == month else None


def _month_shift(ref: dt.date, months: int) -> tuple[int, int]:
    index = ref.year * 12 + ref.month - 1 + months
    return index // 12, index % 12 + 1


def _add(day: dt.date, amount: float, unit: str) -> dt.date:
    """A date moved by whole or half units; a month end stays in its month (31 Jan + 1 month)."""
    if unit in ("Y", "M"):
        months = round(amount * (12 if unit == "Y" else 1))
        year, month = _month_shift(day, months)
        last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
        return dt.date(year, month, min(day.day, last))
    days = amount * {"W": 7, "D": 1}[unit]
    return day + dt.timedelta(days=round(days))


def _amount(words: str) -> Optional[float]:
    lex = lexicon()
    words = words.strip()
    if words in ("a", "an", "one", ""):
        return 1.0
    if words in lex.vague_counts:
        return float(lex.vague_counts[words])
    return parse_number(words)


def _span_amounts(s: str) -> Optional[list[tuple[float, str]]]:
    """'2 years 1 month 21 days', '1 month and 21 days', 'two and half days', '3year' to
    (amount, unit) pairs, else None."""
    unit = _words()["unit"]
    pieces = re.split(rf"(?<![a-z])({unit})(?![a-z])", s.strip())
    if len(pieces) < 3 or pieces[-1].strip():
        return None
    found = []
    for amount, name in zip(pieces[0::2], pieces[1::2]):
        amount = re.sub(r"^\s*(?:,|and\b)\s*", "", amount).strip()
        number = _amount(amount)
        if number is None:
            return None
        designator, factor = _unit(name)
        whole = number * factor * {"D": 1, "W": 7, "M": 1, "Y": 12}[designator]
        if whole != int(whole):
            return None  # "two and a half days later" lands on no one day
        found.append((number * factor, designator))
    return found


def _moved(day: dt.date, amounts: list[tuple[float, str]], sign: int) -> dt.date:
    for amount, unit in amounts:
        day = _add(day, sign * amount, unit)
    return day


def _anchor_day(word: str, ctx: Context) -> Optional[dt.date]:
    """'today', 'tomorrow', 'now', 'next monday' as a date; None without a publication date."""
    lex = lexicon()
    if word in lex.relative_days:
        today = ctx.today()
        return today + dt.timedelta(days=lex.relative_days[word]) if today else None
    point = _relative(word, ctx)
    if point is not None and point.day is not None and point.year is not None:
        return dt.date(point.year, point.month, point.day)
    return None


def _weekday_in_week(weekday: int, week_offset: int, ctx: Context) -> Optional[Point]:
    today = ctx.today()
    if today is None:
        return None
    monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=week_offset)
    return _day_point(monday + dt.timedelta(days=weekday))


def _bare_weekday(weekday: int, ctx: Context) -> Optional[Point]:
    """A weekday alone: the last one for the past, the next for the future, else the nearest."""
    today = ctx.today()
    if today is None:
        return None
    back = -((today.weekday() - weekday) % 7)
    ahead = (weekday - today.weekday()) % 7
    if ctx.tense == "past":
        delta = back
    elif ctx.tense == "future":
        delta = ahead
    else:
        delta = back if -back <= ahead else ahead
    return _day_point(today + dt.timedelta(days=delta))


def _period_of(s: str, ctx: Context) -> Optional[tuple[str, int, int]]:
    """'this month', 'next month', 'previous month', 'july', 'next year', '2016' as (unit, year,
    month) for the words that place a day in it ('the first friday of next month')."""
    lex = lexicon()
    w = _words()
    match = re.fullmatch(rf"(?:(?P<which>{w['which']})\s+)?(?P<unit>month|week|year)", s)
    if match:
        today = ctx.today()
        if today is None:
            return None
        step = _which(match.group("which") or "this")
        if match.group("unit") == "month":
            year, month = _month_shift(today, step)
            return "month", year, month
        if match.group("unit") == "year":
            return "year", today.year + step, 0
        monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=step)
        return "week", monday.toordinal(), 0
    if s in lex.months:
        point = _anchor(Point(None, lex.months[s]), ctx)
        return ("month", point.year, point.month) if point.year else None
    match = re.fullmatch(rf"(?P<month>{w['month']})\s+(?:(?P<which>{w['which']})\s+year|(?P<year>\d{{4}}))", s)
    if match:
        year = int(match.group("year")) if match.group("year") else None
        if year is None:
            today = ctx.today()
            if today is None:
                return None
            year = today.year + _which(match.group("which"))
        return "month", year, lex.months[match.group("month")]
    year = _spelled_year(s.split())
    if year is not None:
        return "year", year, 0
    return None


def _relative(s: str, ctx: Context) -> Optional[Point]:
    """A date that needs the publication date: 'Friday next week', 'the day after tomorrow',
    'two sundays from now', 'the 20th of next month', 'the first friday of july', 'last sept'."""
    lex = lexicon()
    w = _words()
    s = re.sub(r"^(?:the|my|on)\s+", "", s)
    if s in lex.relative_days:
        today = ctx.today()
        return _day_point(today + dt.timedelta(days=lex.relative_days[s])) if today else None
    match = re.fullmatch(rf"(?:(?P<which>{w['which']})\s+)?(?P<wd>{w['weekday']})\.?", s)
    if match:
        weekday = lex.weekdays[match.group("wd")]
        which = match.group("which")
        if which is None:
            return _bare_weekday(weekday, ctx)
        step = _which(which)
        if which in lex.date_this_coming:
            today = ctx.today()
            return _day_point(today + dt.timedelta(days=(weekday - today.weekday()) % 7)) if today else None
        if step < 0 and which in lex.date_last_weekday:
            today = ctx.today()
            if today is None:
                return None
            return _day_point(today - dt.timedelta(days=(today.weekday() - weekday - 1) % 7 + 1))
        return _weekday_in_week(weekday, step, ctx)
    match = re.fullmatch(rf"(?P<wd>{w['weekday']})\s+(?:of\s+)?(?P<which>{w['which']})\s+week|(?P<which2>{w['which']})\s+week\s+(?:on\s+)?(?P<wd2>{w['weekday']})", s)
    if match:
        weekday = lex.weekdays[match.group("wd") or match.group("wd2")]
        return _weekday_in_week(weekday, _which(match.group("which") or match.group("which2")), ctx)
    match = re.fullmatch(rf"(?P<wd>{w['weekday']}),?\s+(?:the\s+)?(?P<day>[\w\s-]+)", s)
    if match and not re.search(w["month"], match.group("day")):
        day = _spelled_day(number_tokens(match.group("day")))
        today = ctx.today()
        if day is not None and today is not None and _exists(today.year, today.month, day):
            return Point(today.year, today.month, day)
    match = re.fullmatch(rf"(?P<n>[\w-]+)\s+(?P<wd>{w['weekday']})\s+(?:of|in)\s+(?P<period>.+)", s) \
        or re.fullmatch(rf"(?P<n>[\w-]+)\s+(?P<wd>{w['weekday']})", s)
    if match and (match.group("n") in lex.ordinal_words or match.group("n") in lex.last_words):
        n = -1 if match.group("n") in lex.last_words else lex.ordinal_words[match.group("n")]
        period = _period_of(match.groupdict().get("period") or "this month", ctx)
        if period is None or period[0] != "month":
            return None
        day = _nth_weekday(n, lex.weekdays[match.group("wd")], period[1], period[2])
        return _day_point(day) if day else None
    match = re.fullmatch(rf"(?P<day>[\w\s-]+?)\s+of\s+(?P<period>(?:{w['which']})\s+month)", s)
    if match:
        day = _spelled_day(number_tokens(match.group("day")))
        period = _period_of(match.group("period"), ctx)
        if day is not None and period is not None and _exists(period[1], period[2], day):
            return Point(period[1], period[2], day)
    match = re.fullmatch(rf"(?P<n>[\w-]+)\s+(?P<wd>{w['weekday']})s?\s+(?:from now|later|from today|hence)", s)
    if match:
        count = _amount(match.group("n"))
        today = ctx.today()
        if count is None or today is None:
            return None
        ahead = (lex.weekdays[match.group("wd")] - today.weekday()) % 7 or 7
        return _day_point(today + dt.timedelta(days=ahead + 7 * (int(count) - 1)))
    match = re.fullmatch(r"(?:more than\s+|in\s+)?(?P<amounts>.+?)\s+(?P<dir>from|after|before)\s+(?P<anchor>.+)", s)
    if match:
        amounts = _span_amounts(match.group("amounts"))
        anchor = _anchor_day(match.group("anchor"), ctx)
        if amounts and anchor:
            return _day_point(_moved(anchor, amounts, -1 if match.group("dir") == "before" else 1))
    match = re.fullmatch(r"(?:in\s+)?(?P<amounts>.+?)\s+(?P<dir>ago|earlier|later|from now|hence|in the future|before|after)", s) \
        or re.fullmatch(r"in\s+(?P<amounts>.+)", s)
    if match:
        amounts = _span_amounts(match.group("amounts"))
        today = ctx.today()
        if not amounts or today is None:
            return None
        sign = -1 if match.groupdict().get("dir") in ("ago", "earlier", "before") else 1
        day = _moved(today, amounts, sign)
        coarsest = amounts[-1][1] if len(amounts) == 1 and sign < 0 else "D"
        if coarsest == "Y":
            return Point(day.year)  # "three years ago": the year, not a day the text does not give
        if coarsest == "M":
            return Point(day.year, day.month)
        if coarsest == "W":
            return _week_point(day)
        return _day_point(day)
    match = re.fullmatch(rf"(?:(?:earlier|later|late|early|beginning|start|end|mid|middle|rest)\s+(?:of\s+|in\s+)?(?:the\s+)?)?(?:(?P<which>{w['which']})\s+)?(?P<unit>week|weekend|month|year)", s)
    if match and (match.group("which") or match.group("unit") != "weekend"):
        today = ctx.today()
        if today is None:
            return None
        step = _which(match.group("which") or "this")
        unit = match.group("unit")
        if unit == "year":
            return Point(today.year + step)
        if unit == "month":
            year, month = _month_shift(today, step)
            return Point(year, month)
        return _week_point(today + dt.timedelta(weeks=step))
    match = re.fullmatch(r"(?P<unit>week|month|year)\s+after\s+(?:the\s+)?next", s)
    if match:
        return _relative(f"next {match.group('unit')}", replace(ctx, ref=_add(ctx.today(), 1, {"week": "W", "month": "M", "year": "Y"}[match.group("unit")]))) if ctx.today() else None
    match = re.fullmatch(rf"(?P<which>{w['which']})\s+(?P<month>{w['month']})\.?", s)
    if match:
        today = ctx.today()
        if today is None:
            return None
        ctx.relative = False  # a month's year is not a day or a week
        return Point(today.year + _which(match.group("which")), lex.months[match.group("month")])
    match = re.fullmatch(rf"(?P<month>{w['month']})\s+(?P<which>{w['which']})\s+year", s)
    if match:
        today = ctx.today()
        if today is None:
            return None
        ctx.relative = False
        return Point(today.year + _which(match.group("which")), lex.months[match.group("month")])
    match = re.fullmatch(rf"(?P<n>[\w-]+)\s+week\s+(?:of|in)\s+(?P<period>.+)|(?P<n2>[\w-]+)\s+week\s+(?P<period2>(?:{w['which']})\s+(?:year|month))", s)
    if match:
        name = match.group("n") or match.group("n2")
        n = -1 if name in lex.last_words else lex.ordinal_words.get(name)
        period = _period_of(match.group("period") or match.group("period2"), ctx)
        if n is None or period is None or period[0] == "week":
            return None
        return _nth_week(n, period)
    match = re.fullmatch(r"week\s+(?P<n>\d{1,2})", s)
    if match:
        today = ctx.today()
        return Point(today.year, week=int(match.group("n"))) if today else None
    match = re.fullmatch(r"(?:week\s+(?:commencing|starting|beginning)(?:\s+on)?|w/c|week of)\s+(?P<date>.+)", s)
    if match:
        point = _single(match.group("date"), ctx)
        if point is not None and point.day is not None:
            point = _anchor(point, ctx)
            if point.year is not None:
                return _week_point(dt.date(point.year, point.month, point.day))
    return None


def _nth_week(n: int, period: tuple[str, int, int]) -> Optional[Point]:
    """The nth week of a month or year: weeks belong to the month that holds their Thursday."""
    unit, year, month = period
    if unit == "year":
        if n < 0:
            return _week_point(dt.date(year, 12, 28))
        return Point(year, week=n) if n <= dt.date(year, 12, 28).isocalendar()[1] else None
    thursday = _nth_weekday(n, 3, year, month)
    return _week_point(thursday) if thursday else None


def _single(s: str, ctx: Context) -> Optional[Point]:
    """One date, written, numeric or relative."""
    lex = lexicon()
    s = s.strip()
    if not s:
        return None
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s)
    if match:
        return Point(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    match = re.fullmatch(r"year\s+(?P<y>\d{1,4}|[a-z\s-]+)", s)
    if match:
        year = match.group("y")
        number = int(year) if year.isdigit() else cardinal(number_tokens(year))
        return Point(int(number)) if number is not None and number == int(number) and 0 < number < 3000 else None
    for name in lex.part_words:
        if s.startswith(name + " "):
            inner = _single(s[len(name) + 1 :].removeprefix("of ").removeprefix("the "), ctx)
            return inner if inner is not None and inner.day is None else None
    point = _numeric(s, ctx)
    if point is None and re.search(_words()["month"], s):
        point = _written(s)
    if point is None:
        year = _spelled_year(number_tokens(s)) if not re.fullmatch(r"\d{4}", s) else int(s)
        if year is not None:
            point = Point(year)
    if point is None:
        point = _relative(s, ctx)
    return point


def _anchor(point: Point, ctx: Context) -> Point:
    """Give a yearless date a year: the one its tense puts on the right side of the publication
    date; in the present tense or none, the last occurrence that has begun by then, or one that
    begins within `yearless_future_days` (a November named in May is last November, a June 20
    named on June 5 this one); a 29 February takes a leap year. Without a publication date it
    stays yearless."""
    ref = ctx.ref
    if point.year is not None or point.month is None or ref is None:
        return point
    candidates = []
    for year in range(ref.year - 4, ref.year + 5):
        if not _exists(year, point.month, point.day):
            continue
        start = dt.date(year, point.month, point.day or 1)
        end = dt.date(year, point.month, point.day) if point.day else _add(start, 1, "M") - dt.timedelta(days=1)
        if ctx.tense == "past" and start > ref:
            continue
        if ctx.tense == "future" and end < ref:
            continue
        if ctx.tense is None and (start - ref).days > lexicon().yearless_future_days:
            continue  # news mostly reports what happened ("is expected to appeal the January verdict")
        distance = 0 if start <= ref <= end else min(abs((start - ref).days), abs((end - ref).days))
        candidates.append((distance, -year, year))
    if not candidates:
        return point
    return replace(point, year=min(candidates)[2])


# --------------------------------------------------------------------------- named periods and ranges

def _period_range(s: str, ctx: Context) -> Optional[Normalized]:
    """A named period as a range: quarters and halves, decades, centuries, weekends, the rest of
    a week, 'next 3 days', 'the past two decades', 'within 5 years'."""
    lex = lexicon()
    w = _words()
    match = re.fullmatch(rf"(?:the\s+)?(?P<part>{w['year_part']})(?:\s+of)?(?:\s+(?P<year>.+))?|(?P<year2>\d{{4}}),?\s*(?:the\s+)?(?P<part2>{w['year_part']})", s)
    if match:
        first, last = lex.year_parts[(match.group("part") or match.group("part2")).replace("-", " ")]
        year_text = match.group("year") or match.group("year2")
        if year_text:
            period = _period_of(year_text, ctx)
            if period is None or period[0] != "year":
                return None
            year = period[1]
            ctx.relative = False
        else:
            anchored = _anchor(Point(None, first), ctx)
            if anchored.year is None:
                return None
            year = anchored.year
        return Normalized("date_range", f"{year:04d}-{first:02d}/{year:04d}-{last:02d}")
    decade = _decade(s, ctx)
    if decade is not None:
        return Normalized("date_range", f"{decade[0]:04d}/{decade[1]:04d}")
    match = re.fullmatch(r"(?P<n>[\w-]+)\s+century", s)
    if match:
        number = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", match.group("n"))
        n = int(number.group(1)) if number else lex.ordinal_words.get(match.group("n"))
        if n:
            return Normalized("date_range", f"{(n - 1) * 100:04d}/{(n - 1) * 100 + 99:04d}")
    match = re.fullmatch(rf"(?:(?P<which>{w['which']})\s+|my\s+)?weekend(?:\s+after\s+(?:the\s+)?next)?", s)
    if match:
        today = ctx.today()
        if today is None:
            return None
        step = _which(match.group("which") or "this") + (2 if "after" in s else 0)
        saturday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=5, weeks=step)
        return Normalized("date_range", f"{saturday.isoformat()}/{(saturday + dt.timedelta(days=1)).isoformat()}")
    match = re.fullmatch(r"rest\s+(?:of\s+)?(?:the\s+|this\s+|my\s+|current\s+)?(?P<unit>week|month|year)", s)
    if match:
        today = ctx.today()
        if today is None:
            return None
        unit = match.group("unit")
        if unit == "week":
            end = today + dt.timedelta(days=6 - today.weekday())
        elif unit == "month":
            end = _add(today.replace(day=1), 1, "M") - dt.timedelta(days=1)
        else:
            end = dt.date(today.year, 12, 31)
        return Normalized("date_range", f"{today.isoformat()}/{end.isoformat()}")
    match = re.fullmatch(r"(?:within\s+|for\s+)?(?:the\s+)?(?P<which>next|past|last|previous|coming|upcoming)\s+(?P<amounts>.+)", s) \
        or re.fullmatch(r"(?:within|less than)\s+(?P<amounts>.+?)(?:\s+from\s+(?:today|now))?", s) \
        or re.fullmatch(r"(?P<amounts>.+?)\s+(?:in the future|hence)", s)
    if match and not re.fullmatch(_words()["unit"], match.group("amounts")):  # "next month" is a month
        amounts = _span_amounts(match.group("amounts"))
        if not amounts:
            return None
        which = match.groupdict().get("which")
        if len(amounts) == 1 and amounts[0][1] == "Y" and amounts[0][0] % 10 == 0 and re.search(r"decades?", s):
            today = ctx.today()
            if today is None:
                return None
            count = int(amounts[0][0] // 10)
            this = today.year // 10 * 10
            start, end = (this + 10, this + 10 * count + 9) if which in ("next", "coming", "upcoming") else (this - 10 * count, this - 1)
            return Normalized("date_range", f"{start:04d}/{end:04d}")
        today = ctx.today()
        if today is None:
            return None
        if which in ("past", "last", "previous"):
            return Normalized("date_range", f"{_moved(today, amounts, -1).isoformat()}/{today.isoformat()}")
        if s.startswith(("within", "less than")):
            return Normalized("date_range", f"{today.isoformat()}/{_moved(today, amounts, 1).isoformat()}")
        start = today + dt.timedelta(days=1)
        return Normalized("date_range", f"{start.isoformat()}/{_moved(start, amounts, 1).isoformat()}")
    match = re.fullmatch(r"for\s+(?P<amounts>.+?),?\s+(?:from|starting(?:\s+from)?)\s+(?P<start>.+)", s) \
        or re.fullmatch(r"(?P<amounts>.+?),?\s+starting(?:\s+from)?\s+(?P<start>.+)", s)
    if match and not re.fullmatch(_words()["unit"], match.group("amounts")):  # "two days from tomorrow" is a day
        amounts = _span_amounts(match.group("amounts"))
        start = _anchor_day(match.group("start"), ctx) if amounts else None
        if start is None and amounts:
            point = _single(match.group("start"), ctx)
            tense = "future" if s.startswith("for ") else ctx.tense  # "for a week from 20 Dec" is ahead
            point = _anchor(point, replace(ctx, tense=tense)) if point is not None else None
            if point is not None and point.day is not None and point.year is not None:
                start = dt.date(point.year, point.month, point.day)
        if amounts and start is not None:
            return Normalized("date_range", f"{start.isoformat()}/{_moved(start, amounts, 1).isoformat()}")
    return None


def _decade(s: str, ctx: Context) -> Optional[tuple[int, int]]:
    """'the 1970s', "the '40s", 'the seventies', 'the nineteen seventies', 'the twenty-tens',
    'the noughties', 'this decade', 'the next decade'."""
    lex = lexicon()
    s = s.removeprefix("the ")
    match = re.fullmatch(r"(\d{2})?(\d)0'?s|'(\d)0s", s)
    if match:
        tens = int(match.group(2) or match.group(3))
        century = int(match.group(1)) if match.group(1) else 19
        start = century * 100 + tens * 10
        return start, start + 9
    match = re.fullmatch(r"(?:(?P<which>this|next|last|previous|past|coming)\s+)decade", s)
    if match:
        today = ctx.today()
        if today is None:
            return None
        start = today.year // 10 * 10 + 10 * _which(match.group("which"))
        return start, start + 9
    words = number_tokens(s)
    if not words or words[-1] not in lex.decade_words:
        return None
    tens = lex.decade_words[words[-1]]
    prefix = words[:-1]
    if prefix and prefix[-1] == "and":
        prefix = prefix[:-1]
    if not prefix:
        if tens == 10:
            return None  # "tens" alone is a count ("tens of thousands")
        start = 1900 + tens if tens >= 10 else 2000 + tens
        return start, start + 9
    century = cardinal(prefix)
    if century is None:
        return None
    century = int(century)
    if words[-1] == "thousands":
        start = century * 1000  # "the two thousands"
    else:
        start = century * 100 + tens if century < 100 else century + tens
    return (start, start + 9) if 1000 <= start <= 2990 else None


def _range(s: str, ctx: Context) -> Optional[Normalized]:
    """Two dates: 'from 4 to 22 this month', 'between 3 and 12 of Sept', 'November 19-20',
    'next week between Wednesday and Friday', 'between Jan 22 and now', '2014-2018'."""
    w = _words()
    context = None
    match = re.fullmatch(rf"(?P<context>(?:{w['which']})\s+week|(?:{w['month']}))\s+(?:between|from)\s+(?P<rest>.+)", s)
    if match:
        context, s = match.group("context"), match.group("rest")
    match = re.fullmatch(rf"(?:from\s+|between\s+)?(?P<a>.+?)\s+(?:{w['connector']})\s+(?P<b>.+)", s) \
        or re.fullmatch(r"(?:from\s+|between\s+)?(?P<a>.+?)\s*[-–]\s*(?P<b>.+)", s)
    if not match:
        return None
    left, right = match.group("a").strip(" ,"), match.group("b").strip(" ,")
    trailing = re.fullmatch(rf"(?P<b>.+?),?\s+(?:in\s+|of\s+)?(?P<context>(?:{w['which']})\s+(?:month|week)|(?:{w['month']})\.?(?:,?\s+(?:\d{{4}}|[a-z\s-]+))?|(?:{w['month']})\.?)", right)
    if context is None and trailing and _is_day_or_weekday(left) and _is_day_or_weekday(trailing.group("b")):
        context, right = trailing.group("context"), trailing.group("b")
    if context is not None:
        start, end = _in_context(left, context, ctx), _in_context(right, context, ctx)
    else:
        end, start = _endpoint(right, ctx), _endpoint(left, ctx)
        split = _day_and_year([w for w in re.split(r"[\s,]+", right) if w]) if end is None else None
        if split is not None and split[0] is not None and start is not None and start.month is not None:
            day, year = split  # "November 19 to 20", "July 9-11, 2024"
            end = replace(start, day=day, year=year or start.year)
            start = replace(start, year=year or start.year)
        if end is None:
            return None
        if start is None and _spelled_day(number_tokens(left)) is not None and end.month is not None:
            start = replace(end, day=_spelled_day(number_tokens(left)), week=None)
        elif start is not None and start.year is None and start.month is not None and end.year is not None:
            start = replace(start, year=end.year if (start.month, start.day or 0) <= (end.month or 12, end.day or 31) else end.year - 1)
    if start is None or end is None or not _valid_point(start) or not _valid_point(end):
        return None
    if start.week is not None or end.week is not None:
        if start.week is None or end.week is None:
            return None
        first = dt.date.fromisocalendar(start.year, start.week, 1)
        last = dt.date.fromisocalendar(end.year, end.week, 1)
        return Normalized("date_range", f"{first.isoformat()}/{last.isoformat()}")
    if start.year is None and end.year is not None:
        start = replace(start, year=end.year)
    if end.year is None and start.year is not None:
        end = replace(end, year=start.year if (end.month, end.day or 0) >= (start.month or 1, start.day or 0) else start.year + 1)
    if start.year is None and end.year is None and ctx.ref is not None:
        start = _anchor(start, ctx)
        end = replace(end, year=start.year if (end.month, end.day or 0) >= (start.month, start.day or 0) else start.year + 1)
    elif start.year is not None and end.year is not None and start.year == end.year and (start.month or 0, start.day or 0) > (end.month or 13, end.day or 32):
        start = replace(start, year=start.year - 1)
    return Normalized("date_range", f"{start.iso()}/{end.iso()}")


def _valid_point(point: Point) -> bool:
    """A range's end: a week, a year or a date, inside the calendar."""
    return _valid(point) or (point.month is None and point.week is None and point.year is not None
                             and dt.MINYEAR <= point.year <= dt.MAXYEAR)


def _is_day_or_weekday(text: str) -> bool:
    lex = lexicon()
    text = text.removeprefix("the ").strip()
    return _spelled_day(number_tokens(text)) is not None or text.split()[0] in lex.weekdays if text else False


def _in_context(text: str, context: str, ctx: Context) -> Optional[Point]:
    """A day or weekday placed in the month or week the range names once ('4 to 22 this month')."""
    lex = lexicon()
    text = re.sub(r"^(?:the\s+)", "", text.strip())
    weekday = re.match(rf"(?P<wd>{_words()['weekday']})\b", text)
    if weekday:
        week = re.fullmatch(rf"(?P<which>{_words()['which']})\s+week", context)
        if week:
            return _weekday_in_week(lex.weekdays[weekday.group("wd")], _which(week.group("which")), ctx)
        text = text[weekday.end():].strip(" ,").removeprefix("the ")
    day = _spelled_day(number_tokens(text))
    if day is None:
        return None
    period = _period_of(context, ctx)
    if period is not None and period[0] == "month":
        return Point(period[1], period[2], day)
    point = _written(f"{context} {day}") if context else None
    if point is None:
        point = _written(f"{day} {context}")
    return point


def _endpoint(text: str, ctx: Context) -> Optional[Point]:
    """One end of a range: a date, 'now', 'today', a week number ('Week 31')."""
    lex = lexicon()
    text = text.strip()
    if text in ("now", "today"):
        today = ctx.today()
        return _day_point(today) if today else None
    match = re.fullmatch(r"week\s+(\d{1,2})", text)
    if match:
        today = ctx.today()
        return Point(today.year, week=int(match.group(1))) if today else None
    match = re.fullmatch(rf"(?P<wd>{_words()['weekday']})\.?,?\s+(?:the\s+)?(?P<rest>.+)", text)
    if match and match.group("rest") not in lex.months and not re.search(_words()["month"], match.group("rest")):
        point = _relative(text, ctx)
        if point is not None:
            return point
    point = _single(text, ctx)
    if point is not None and point.week is None and point.year is not None and point.month is None and not re.search(r"\d{4}|[a-z]", text):
        return None
    return point


# --------------------------------------------------------------------------- entry points

def parse_dates(text: str, date_order: str = "mdy") -> Optional[tuple[Point, Optional[Point]]]:
    """An absolute date or range as written: (start, end) with end None for a single date."""
    ctx = Context(None, None, date_order)
    value = _read(_clean(text), ctx)
    if value is None or ctx.relative:
        return None
    parts = value.value.split("/")
    points = [_point_of(p) for p in parts]
    if any(p is None for p in points):
        return None
    return points[0], points[1] if len(points) > 1 else None


def _point_of(iso: str) -> Optional[Point]:
    match = re.fullmatch(r"(?:(\d{4})|-)-?(\d{2})?(?:-(\d{2}))?|(\d{4})-W(\d{2})", iso)
    if not match:
        return None
    if match.group(4):
        return Point(int(match.group(4)), week=int(match.group(5)))
    year, month, day = match.group(1), match.group(2), match.group(3)
    return Point(int(year) if year else None, int(month) if month else None, int(day) if day else None)


def absolute_date(text: str) -> Optional[str]:
    """A single written date as ISO at its precision ('12 March 2024' -> 2024-03-12), else None."""
    parsed = parse_dates(text)
    if parsed is None or parsed[1] is not None:
        return None
    return parsed[0].iso()


PART_OF_DAY = re.compile(r"^(?:early|late|earlier|later)\s+(?=\w)|\s+(?:morning|afternoon|evening|night|overnight)$", re.I)
PROBE_DAY = dt.date(2000, 1, 5)


def is_relative(text: str) -> bool:
    """Whether the words need a publication date to mean a date (weekdays, 'last year', ...)."""
    return temporal(text) is None and temporal(text, PROBE_DAY) is not None


def _read(s: str, ctx: Context) -> Optional[Normalized]:
    """A named period, else one date, else a range of two."""
    value = _period_range(s, ctx)
    if value is not None:
        return value
    point = _single(s, ctx)
    if point is not None:
        return Normalized("date", point.iso()) if _valid(point) else None
    return _range(s, ctx)


@lru_cache(maxsize=8192)  # extraction asks of one entity's words several times; values are immutable
def temporal(text: str, ref: Optional[dt.date] = None, tense: Optional[str] = None, coarse: bool = False,
             date_order: str = "mdy") -> Optional[Normalized]:
    """A date or date range at the text's precision, resolved against ref when the text is relative.

    Without ref a relative expression stays unresolved (None) and a yearless date stays yearless.
    A part of the day ('early Tuesday', 'Sunday night') says nothing more about the date. With a
    coarse ref (a month) only the words that need no day are resolved ('last year', 'in October').
    `date_order` ('mdy' or 'dmy') reads '03/04/2024' when both numbers could be the month.
    """
    stripped = PART_OF_DAY.sub("", text).strip() or text
    ctx = Context(ref, tense if tense in ("past", "future") else None, date_order)
    try:
        value = _read(_clean(stripped), ctx)
        if value is None:  # "in 3 weeks" is a date, "3 weeks" a duration: read once with its preposition
            value = _read(re.sub(r"\s+", " ", stripped.strip().rstrip(".,;:")).lower(), ctx)
        if value is not None and value.kind == "date" and ref is not None:
            point = _point_of(value.value)
            if point is not None and point.year is None:
                value = Normalized("date", _anchor(point, ctx).iso())
    except (ValueError, OverflowError):
        return None  # a date beyond the calendar's years 1 to 9999: no date
    if value is None or not all(p is not None and _valid_point(p) for p in map(_point_of, value.value.split("/"))):
        return None  # nothing outside the calendar ("the next decade" of 9999)
    if coarse and ctx.relative and re.search(r"\d{4}-(?:\d{2}-\d{2}|W\d{2})", value.value):
        return None
    return value


def date_order_of(locale: Optional[str]) -> Optional[str]:
    """The date order a document's locale writes numeric dates in ('en-GB' dmy), None without one."""
    if not locale or not locale.strip():
        return None
    return "mdy" if locale.strip().lower() in lexicon().month_first_locales else "dmy"


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
