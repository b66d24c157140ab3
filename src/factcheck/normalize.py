"""Value normalization: the words of a span the pipeline found, to the contract's value strings.

Numbers, money, ordinals, percentages, dates at the precision the text gives, yearless dates,
ranges, ISO 8601 durations, times of day, and relative dates resolved against the document's
publication date (never against today). Only spans found by the extractors come here: this
module never searches a sentence for dates, so plain numbers are not mistaken for them.
The words (months, number words, approximation words, currencies) are data in lexicon.yml.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Optional

import yaml


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The key names are compared by: accents, case, punctuation, a leading 'the' and a trailing
    possessive folded, so Rinkēvičs = rinkevics and "NATO's" = nato."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"^the\s+", "", text.strip(), flags=re.I)
    text = re.sub(r"(?:'s|’s|'|’)$", "", text)
    return re.sub(r"[^\w%]+", " ", text).strip().casefold()


@dataclass(frozen=True)
class Normalized:
    """A value as the contract writes it, with its approximation or bound."""

    kind: str
    value: str
    approximate: bool = False
    bound: Optional[str] = None
    unit: Optional[str] = None


class Lexicon:
    """The words of lexicon.yml, compiled into the regular expressions the parsers share."""

    def __init__(self, data: dict):
        self.months: dict[str, int] = data["months"]
        self.weekdays: dict[str, int] = data["weekdays"]
        self.number_words: dict[str, int] = data["number_words"]
        self.scale_words: dict[str, int] = data["scale_words"]
        self.ordinal_words: dict[str, int] = data["ordinal_words"]
        self.vague: dict[str, list[int]] = data["vague_quantities"]
        self.approximate_words: list[str] = data["approximate_words"]
        self.min_words: list[str] = data["min_bound_words"]
        self.max_words: list[str] = data["max_bound_words"]
        self.currencies: dict[str, str] = {k.lower(): v for k, v in data["currencies"].items()}
        self.duration_units: dict[str, object] = data["duration_units"]
        self.named_times: dict[str, str] = data["named_times"]
        self.year_parts: dict[str, list[int]] = data["year_parts"]
        month = _alternation(self.months)
        self.month = rf"(?P<{{n}}>{month})\.?"
        self.weekday_re = _alternation(self.weekdays)
        qualifiers = self.approximate_words + self.min_words + self.max_words
        self.qualifier_re = re.compile(rf"^\s*(?P<q>{_alternation(qualifiers)})\b\s*", re.I)

    def month_group(self, name: str) -> str:
        return self.month.format(n=name)


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The built-in lexicon, read once per process."""
    text = resources.files("factcheck").joinpath("data/lexicon.yml").read_text(encoding="utf-8")
    return Lexicon(yaml.safe_load(text))


# --------------------------------------------------------------------------- numbers

ALL = "all"  # "all member states": the whole of a set whose size the text does not give
DIGITS = re.compile(r"^(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)\s*(?P<scale>[a-z]+)?$", re.I)


def format_number(number: float) -> str:
    """Digits with a `.` decimal point and no trailing zeros: 32, 2.5, 23000000000."""
    if number == int(number):
        return str(int(number))
    return f"{number:.6f}".rstrip("0").rstrip(".")


def parse_number(text: str) -> Optional[float]:
    """'31', '3,000', '2.5', '1.2m', '$23 billion' (without the symbol), 'thirty-one', 'a dozen'."""
    lex = lexicon()
    words = text.strip().lower().replace("\u2011", "-").replace("-", " ").split()
    if not words:
        return None
    joined = " ".join(words)
    match = DIGITS.match(joined)
    if match:
        number = float(match.group("num").replace(",", ""))
        scale = match.group("scale")
        if scale:
            if scale not in lex.scale_words:
                return None
            number *= lex.scale_words[scale]
        return number
    total = 0.0
    current = 0.0
    seen = False
    for index, word in enumerate(words):
        if word in ("and",) and seen:
            continue
        if word == "half" and (seen or index + 1 < len(words) and words[index + 1] in ("a", "an")):
            current += 0.5  # "half a million", "two and a half"
            seen = True
            continue
        if word in ("a", "an") and seen:
            continue
        numeric = DIGITS.match(word)
        if numeric and not numeric.group("scale"):
            current += float(numeric.group("num").replace(",", ""))
            seen = True
        elif word in lex.number_words:
            value = lex.number_words[word]
            if word in ("dozen", "score") and current:
                current *= value
            elif current and not (current % 10 == 0 and current >= 20 and value < 10):
                return None  # "two seven" is two numbers, not nine
            else:
                current += value
            seen = True
        elif word in lex.scale_words and seen:
            scale = lex.scale_words[word]
            if scale == 100:
                current *= scale
            else:
                total += current * scale
                current = 0.0
        else:
            return None
    if not seen:
        return None
    return total + current


def strip_qualifier(text: str) -> tuple[str, bool, Optional[str], str]:
    """Split 'more than 200' into ('200', approximate, bound, 'more than')."""
    lex = lexicon()
    match = lex.qualifier_re.match(text)
    if not match:
        return text.strip(), False, None, ""
    word = match.group("q").lower()
    rest = text[match.end():].strip()
    if word in (w.lower() for w in lex.min_words):
        return rest, False, "min", word
    if word in (w.lower() for w in lex.max_words):
        return rest, False, "max", word
    return rest, True, None, word


def quantity(text: str) -> Optional[Normalized]:
    """A count or percentage, with 'about'/'more than'/'up to' turned into approximate or bound."""
    lex = lexicon()
    rest, approximate, bound, _ = strip_qualifier(re.sub(r"^the\s+", "", text.strip(), flags=re.I))
    lowered = rest.lower().strip()
    if lowered in lex.vague:
        return Normalized("quantity", lowered.removesuffix(" of"), approximate=True)
    if lowered == ALL:
        return Normalized("quantity", ALL)
    percent = re.match(r"^(?P<n>.+?)\s*(?:%|per ?cent|percent|pct)$", rest, re.I)
    if percent:
        number = parse_number(percent.group("n"))
        if number is None:
            return None
        return Normalized("quantity", format_number(number) + "%", approximate, bound)
    number = parse_number(rest)
    if number is None:
        return None
    return Normalized("quantity", format_number(number), approximate, bound)


def money(text: str) -> Optional[Normalized]:
    """'$23 billion', '€4.5bn', '23 billion dollars', 'US$1.2m' to the amount and its ISO currency."""
    lex = lexicon()
    rest, approximate, bound, _ = strip_qualifier(text)
    lowered = rest.lower().strip().rstrip(".")
    unit = None
    for symbol in sorted(lex.currencies, key=len, reverse=True):
        if lowered.startswith(symbol):
            unit, lowered = lex.currencies[symbol], lowered[len(symbol):].strip()
            break
        if lowered.endswith(" " + symbol) or (not symbol.isalpha() and lowered.endswith(symbol)):
            unit, lowered = lex.currencies[symbol], lowered[: -len(symbol)].strip()
            break
    if unit is None:
        return None
    number = parse_number(lowered)
    if number is None:
        return None
    return Normalized("money", format_number(number), approximate, bound, unit)


def ordinal(text: str) -> Optional[Normalized]:
    """'the fourth', '75th', '267th' to the number."""
    lex = lexicon()
    word = text.strip().lower().removeprefix("the ").strip()
    match = re.match(r"^(\d+)(?:st|nd|rd|th)$", word)
    if match:
        return Normalized("ordinal", match.group(1))
    if word in lex.ordinal_words:
        return Normalized("ordinal", str(lex.ordinal_words[word]))
    parts = word.replace("-", " ").split()
    if len(parts) == 2 and parts[0] in lex.number_words and parts[1] in lex.ordinal_words:
        return Normalized("ordinal", str(lex.number_words[parts[0]] + lex.ordinal_words[parts[1]]))
    return None


# --------------------------------------------------------------------------- durations

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
    rest, approximate, bound, _ = strip_qualifier(text)
    lowered = re.sub(r"^(?:for|the|a period of|over)\s+", "", rest.lower().strip())
    lowered = lowered.replace("-", " ").replace("\u2011", " ")
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
    if designator in ("H", "MIN"):
        return Normalized("duration", f"PT{format_number(amount)}{designator[0]}", approximate, bound)
    if amount != int(amount) and designator == "Y" and (amount * 12) == int(amount * 12):
        years, months = divmod(int(amount * 12), 12)  # "four and a half years": P4Y6M
        return Normalized("duration", f"P{years}Y{months}M" if years else f"P{months}M", approximate, bound)
    return Normalized("duration", f"P{format_number(amount)}{designator}", approximate, bound)


def duration_months(value: str) -> Optional[float]:
    """An ISO duration of years, months, weeks or days (P11Y3M too), in months (for comparison)."""
    match = re.fullmatch(r"P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?", value)
    if not match or not any(match.groups()):
        return None
    factors = (12, 1, 12 / 52.18, 12 / 365.25)
    return sum(float(part) * factor for part, factor in zip(match.groups(), factors) if part)


# --------------------------------------------------------------------------- times of day

def time_of_day(text: str) -> Optional[Normalized]:
    """'9:59 p.m.' to '21:59', 'noon' to '12:00', 'around 1:35 a.m.' to '01:35' (approximate);
    local as written."""
    lex = lexicon()
    rest, approximate, bound, _ = strip_qualifier(text)
    lowered = rest.strip().lower()
    hedge = re.match(r"^(?:shortly|just|soon|right)\s+(?:before|after)\s+", lowered)
    if hedge:
        lowered, approximate = lowered[hedge.end():], True
    if lowered in lex.named_times:
        return Normalized("time", lex.named_times[lowered], approximate, bound)
    match = re.match(r"^(?:at\s+)?(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?|h|hrs)?(?:\s+local time)?$", lowered)
    if not match or (match.group(2) is None and match.group(3) is None):
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    meridiem = (match.group(3) or "").replace(".", "")
    if meridiem == "pm" and hour < 12:
        hour += 12
    elif meridiem == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return Normalized("time", f"{hour:02d}:{minute:02d}", approximate, bound)


# --------------------------------------------------------------------------- dates

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
    parts = _alternation(lex.year_parts)
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


def is_relative(text: str) -> bool:
    """Whether the words need a publication date to mean a date (weekdays, 'last year', ...)."""
    return relative_date(text, dt.date(2000, 1, 5), None) is not None


def temporal(text: str, ref: Optional[dt.date] = None, tense: Optional[str] = None, coarse: bool = False) -> Optional[Normalized]:
    """A date or date range at the text's precision, resolved against ref when the text is relative.

    Without ref a relative expression stays unresolved (None) and a yearless date stays yearless.
    """
    parsed = parse_dates(text)
    if parsed is not None:
        start, end = parsed
        if ref is not None:
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
    point = relative_date(text, ref, tense)
    if point is None or (coarse and (point.day is not None or point.week is not None)):
        return None
    return Normalized("date", point.iso())


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


# --------------------------------------------------------------------------- values as words

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
